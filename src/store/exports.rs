//! Reads for the lists a coordinator sends out.

use rusqlite::params;

use super::{Result, Store};

/// One enrolment with its person and module, as the exports list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentLine {
    pub received_on: String,
    pub module_code: String,
    pub module_title: String,
    pub surname: String,
    pub given_name: String,
    pub gender: String,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
    pub status: String,
    pub reason: Option<String>,
}

impl Store {
    /// Enrolments of one module or all, by module, then surname, given
    /// name and arrival; only participations (accepted, not withdrawn)
    /// when `participations_only`. Erased people are left out.
    pub fn enrolment_lines(
        &self,
        module: Option<i64>,
        participations_only: bool,
    ) -> Result<Vec<EnrolmentLine>> {
        let mut statement = self.conn().prepare(
            "SELECT e.received_on, m.code, m.title, p.surname, p.given_name, p.gender, p.tax_code,
                    p.email, p.phone, p.organisation, p.organisation_type, p.job_title, e.status,
                    e.reason
             FROM enrolment e
             JOIN person p ON p.id = e.person_id
             JOIN module m ON m.id = e.module_id
             WHERE p.erased = 0
               AND (?1 IS NULL OR e.module_id = ?1)
               AND (?2 = 0 OR e.status = 'accepted')
             ORDER BY m.code, p.surname COLLATE NOCASE, p.given_name COLLATE NOCASE,
                      e.received_on, e.id",
        )?;
        let rows = statement.query_map(params![module, participations_only], |row| {
            Ok(EnrolmentLine {
                received_on: row.get(0)?,
                module_code: row.get(1)?,
                module_title: row.get(2)?,
                surname: row.get(3)?,
                given_name: row.get(4)?,
                gender: row.get(5)?,
                tax_code: row.get(6)?,
                email: row.get(7)?,
                phone: row.get(8)?,
                organisation: row.get(9)?,
                organisation_type: row.get(10)?,
                job_title: row.get(11)?,
                status: row.get(12)?,
                reason: row.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
