//! The People list: its rows, order and filter.

use super::*;

/// A person in the Participants tab.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub organisation: String,
    pub organisation_type: String,
    /// Codes of the modules they take part in, comma-separated.
    pub modules: String,
}

pub struct People;

impl ListSpec for People {
    type Row = PersonRow;
    const COLUMNS: &'static str = "p.id, p.surname, p.given_name, p.organisation, p.organisation_type, \
        coalesce((SELECT group_concat(m.code, ', ') FROM enrolment e JOIN module m ON m.id = e.module_id \
                  WHERE e.person_id = p.id AND e.status = 'accepted'), '')";
    const FROM: &'static str = "FROM person p";
    const REACH: Reaches = Reaches::Person("p.id");
    const KEY: &'static [&'static str] = &[
        "p.surname COLLATE NOCASE",
        "p.given_name COLLATE NOCASE",
        "p.id",
    ];
    const NAME_ORDER: bool = true;
    fn filter(text: &str) -> Option<Filter> {
        crate::store::found::people(text)
    }
    fn read(row: &rusqlite::Row) -> rusqlite::Result<PersonRow> {
        Ok(PersonRow {
            id: row.get(0)?,
            surname: row.get(1)?,
            given_name: row.get(2)?,
            organisation: row.get(3)?,
            organisation_type: row.get(4)?,
            modules: row.get(5)?,
        })
    }
    fn keep_modules(row: &mut PersonRow, codes: &[String]) {
        row.modules = row
            .modules
            .split(", ")
            .filter(|code| codes.iter().any(|own| own == code))
            .collect::<Vec<_>>()
            .join(", ");
    }
}
