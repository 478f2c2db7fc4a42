//! The Sessions list: its rows, order and filter.

use super::*;

/// A session in the Sessions tab.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub module_code: String,
    pub module_title: String,
    pub marked: i64,
    pub participants: i64,
    pub cancelled: bool,
    pub closed: bool,
}

pub struct Sessions;

impl ListSpec for Sessions {
    type Row = SessionRow;
    const COLUMNS: &'static str = "s.id, s.date, s.start_minute, s.end_minute, m.code, m.title, \
        (SELECT count(*) FROM attendance t WHERE t.session_id = s.id), \
        (SELECT count(*) FROM enrolment e WHERE e.module_id = s.module_id AND e.status = 'accepted'), \
        s.cancelled, s.closed_at IS NOT NULL";
    const FROM: &'static str = "FROM session s JOIN module m ON m.id = s.module_id";
    const REACH: Reaches = Reaches::Module("s.module_id");
    const COUNT_FROM: Option<&'static str> = Some("FROM session s");
    const KEY: &'static [&'static str] = &["s.date", "s.start_minute", "s.id"];
    const FILTER: &'static str = "m.code LIKE :pattern ESCAPE '\\' OR m.title LIKE :pattern ESCAPE '\\' \
        OR s.date LIKE :pattern ESCAPE '\\' OR s.trainer LIKE :pattern ESCAPE '\\' OR s.venue LIKE :pattern ESCAPE '\\'";
    fn read(row: &rusqlite::Row) -> rusqlite::Result<SessionRow> {
        Ok(SessionRow {
            id: row.get(0)?,
            date: row.get(1)?,
            start_minute: row.get(2)?,
            end_minute: row.get(3)?,
            module_code: row.get(4)?,
            module_title: row.get(5)?,
            marked: row.get(6)?,
            participants: row.get(7)?,
            cancelled: row.get(8)?,
            closed: row.get(9)?,
        })
    }
}
