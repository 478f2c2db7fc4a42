//! The Requests list: its rows, order and filter.

use super::*;

/// A request in the Enrolments tab: pending first, then by arrival.
#[derive(Debug, Clone, PartialEq)]
pub struct EnrolmentRow {
    pub id: i64,
    pub person_id: i64,
    pub received_on: String,
    pub person: String,
    pub module_code: String,
    pub status: String,
    pub reason: Option<String>,
}

pub struct Enrolments;

impl ListSpec for Enrolments {
    type Row = EnrolmentRow;
    const COLUMNS: &'static str = "e.id, e.person_id, e.received_on, p.surname || ' ' || p.given_name, \
        m.code, e.status, e.reason";
    const FROM: &'static str =
        "FROM enrolment e JOIN person p ON p.id = e.person_id JOIN module m ON m.id = e.module_id";
    const COUNT_FROM: Option<&'static str> = Some("FROM enrolment e");
    const REACH: Reaches = Reaches::Participation;
    const KEY: &'static [&'static str] = &["(e.status <> 'requested')", "e.received_on", "e.id"];
    fn filter(text: &str) -> Option<Filter> {
        crate::store::found::requests(text)
    }
    fn read(row: &rusqlite::Row) -> rusqlite::Result<EnrolmentRow> {
        Ok(EnrolmentRow {
            id: row.get(0)?,
            person_id: row.get(1)?,
            received_on: row.get(2)?,
            person: row.get(3)?,
            module_code: row.get(4)?,
            status: row.get(5)?,
            reason: row.get(6)?,
        })
    }
}
