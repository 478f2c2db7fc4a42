//! Reads for the lists a coordinator sends out.

use rusqlite::params;

use super::reach::Reach;
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
    /// when `participations_only`. Erased people are left out. Each is
    /// handed to `each` as it is read, none kept: an export of a whole
    /// region is written as it goes.
    pub fn each_enrolment_line<E: From<super::StoreError>>(
        &self,
        reach: &Reach,
        module: Option<i64>,
        participations_only: bool,
        mut each: impl FnMut(EnrolmentLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        only_whole(reach)?;
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
        )
        .map_err(super::StoreError::from)?;
        let rows = statement
            .query_map(params![module, participations_only], |row| {
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
            })
            .map_err(super::StoreError::from)?;
        for line in rows {
            each(line.map_err(super::StoreError::from)?)?;
        }
        Ok(())
    }
}

/// One participation in one session, marked or not.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceCell {
    pub enrolment_id: i64,
    pub session_id: i64,
    pub surname: String,
    pub given_name: String,
    pub tax_code: Option<String>,
    pub module_code: String,
    pub date: String,
    pub start_minute: i64,
    pub length: i64,
    /// Held: not cancelled and dated today or earlier.
    pub held: bool,
    pub minutes: Option<i64>,
    pub mark: Option<String>,
    /// The person's email: with the tax code, how an attendance file
    /// finds them again.
    pub email: Option<String>,
}

impl Store {
    /// Every participation of the module (or all modules) crossed with
    /// every session of its module that is not cancelled, with the mark
    /// where there is one; by module, person, then session.
    pub fn attendance_cells(
        &self,
        reach: &Reach,
        module: Option<i64>,
        today: jiff::civil::Date,
    ) -> Result<Vec<AttendanceCell>> {
        let mut cells = Vec::new();
        self.each_attendance_cell(reach, module, today, |cell| {
            cells.push(cell);
            Ok::<_, super::StoreError>(())
        })?;
        Ok(cells)
    }

    /// The same cells, each handed to `each` as it is read, none kept:
    /// a region's are two million.
    pub fn each_attendance_cell<E: From<super::StoreError>>(
        &self,
        reach: &Reach,
        module: Option<i64>,
        today: jiff::civil::Date,
        mut each: impl FnMut(AttendanceCell) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        only_whole(reach)?;
        let mut statement = self.conn().prepare_cached(
            "SELECT e.id, s.id, p.surname, p.given_name, p.tax_code, m.code, s.date, s.start_minute,
                    s.end_minute - s.start_minute, s.date <= ?2, t.minutes, t.mark, p.email
             FROM enrolment e
             JOIN person p ON p.id = e.person_id
             JOIN module m ON m.id = e.module_id
             JOIN session s ON s.module_id = e.module_id AND s.cancelled = 0
             LEFT JOIN attendance t ON t.enrolment_id = e.id AND t.session_id = s.id
             WHERE e.status = 'accepted' AND (?1 IS NULL OR e.module_id = ?1)
             ORDER BY m.code, p.surname COLLATE NOCASE, p.given_name COLLATE NOCASE, e.id,
                      s.date, s.start_minute, s.id",
        )
        .map_err(super::StoreError::from)?;
        let cells = statement
            .query_map(params![module, today.to_string()], |row| {
                Ok(AttendanceCell {
                    enrolment_id: row.get(0)?,
                    session_id: row.get(1)?,
                    surname: row.get(2)?,
                    given_name: row.get(3)?,
                    tax_code: row.get(4)?,
                    module_code: row.get(5)?,
                    date: row.get(6)?,
                    start_minute: row.get(7)?,
                    length: row.get(8)?,
                    held: row.get(9)?,
                    minutes: row.get(10)?,
                    mark: row.get(11)?,
                    email: row.get(12)?,
                })
            })
            .map_err(super::StoreError::from)?;
        for cell in cells {
            each(cell.map_err(super::StoreError::from)?)?;
        }
        Ok(())
    }
}

/// Lists of people with their contact details leave the register only
/// for those who reach all of it (coordinators and admins).
fn only_whole(reach: &Reach) -> Result<()> {
    if reach.everything() {
        Ok(())
    } else {
        Err(reach.refusal("export"))
    }
}
