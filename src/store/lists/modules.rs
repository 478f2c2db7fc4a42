//! The Modules list: its rows, order and filter.

use super::*;

/// A module in the Modules tab.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub axis: String,
    pub location: String,
    pub planned_minutes: i64,
    pub participants: i64,
    pub capacity: i64,
    pub starts_on: Option<String>,
}

pub struct Modules;

impl ListSpec for Modules {
    type Row = ModuleRow;
    const COLUMNS: &'static str = "m.id, m.code, m.title, a.code, m.location, m.planned_minutes, \
        (SELECT count(*) FROM enrolment e WHERE e.module_id = m.id AND e.status = 'accepted'), \
        m.capacity, m.starts_on";
    const FROM: &'static str = "FROM module m JOIN axis a ON a.id = m.axis_id";
    const REACH: Reaches = Reaches::Module("m.id");
    const COUNT_FROM: Option<&'static str> = Some("FROM module m");
    const KEY: &'static [&'static str] = &["m.code COLLATE NOCASE", "m.id"];
    const FILTER: &'static str = "m.code LIKE :pattern ESCAPE '\\' OR m.title LIKE :pattern ESCAPE '\\' OR m.location LIKE :pattern ESCAPE '\\'";
    fn read(row: &rusqlite::Row) -> rusqlite::Result<ModuleRow> {
        Ok(ModuleRow {
            id: row.get(0)?,
            code: row.get(1)?,
            title: row.get(2)?,
            axis: row.get(3)?,
            location: row.get(4)?,
            planned_minutes: row.get(5)?,
            participants: row.get(6)?,
            capacity: row.get(7)?,
            starts_on: row.get(8)?,
        })
    }
}
