//! What the report (`crate::report`) reads: plain rows, added up there.
//! Each read that names people or modules keeps to what the reader
//! reaches (a tutor: their own modules), the store's rule.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::reach::Reach;
use super::{Result, Store};

/// One participation (an enrolment accepted and not withdrawn) with what
/// the figures need of it. Its arithmetic is the report's
/// (`crate::report`).
#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    pub enrolment_id: i64,
    pub module_id: i64,
    pub module_code: String,
    pub module_title: String,
    pub person_id: i64,
    pub surname: String,
    pub given_name: String,
    pub tax_code: Option<String>,
    pub gender: String,
    pub organisation_type: String,
    /// Minutes attended in sessions held, each capped at its length.
    pub attended_minutes: i64,
    /// Minutes of the module's sessions held.
    pub delivered_minutes: i64,
    pub rating: Option<i64>,
}

/// A module as the report groups it, with its axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportModule {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub location: String,
    /// The axis's code (`II`).
    pub axis: String,
    /// The axis's title (`Lavoro`), as the register names it.
    pub axis_title: String,
}

/// The sessions a module has held by a day, and their minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldSessions {
    pub module_id: i64,
    pub sessions: i64,
    pub minutes: i64,
}

/// How many of a module's enrolments are in one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCount {
    pub module_id: i64,
    pub status: String,
    pub count: i64,
}

impl Store {
    /// The id of a module by its code (case-insensitive).
    pub fn module_id(&self, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM module WHERE code = ?1", [code], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Every participation (of one module, or all) in the modules `reach`
    /// covers, by module and name, with its hours as the figures count
    /// them (sessions held by `today`, each capped at its length).
    pub fn participations(
        &self,
        reach: &Reach,
        module: Option<i64>,
        today: Date,
    ) -> Result<Vec<Participation>> {
        // One module's participations (its certificates) start from its
        // sessions and read their marks by session. Without statistics
        // SQLite chose to scan every mark of the register for them (1.4 s
        // and 134 MB on a region's register, for one module's 150
        // certificates; 7 ms this way), while for the whole register the
        // scan is the faster way by far (2 s against 12).
        let (held_of, marks_of_held, accepted_of) = match module {
            Some(_) => (
                "AND module_id = ?2",
                "FROM held h CROSS JOIN attendance a ON a.session_id = h.id",
                "AND e.module_id = ?2",
            ),
            None => (
                "AND ?2 IS NULL",
                "FROM attendance a JOIN held h ON h.id = a.session_id",
                "",
            ),
        };
        let mut statement = self.conn().prepare(&format!(
            "WITH held AS (
                SELECT id, module_id, end_minute - start_minute AS minutes FROM session
                WHERE cancelled = 0 AND date <= ?1 {held_of}),
             delivered AS (
                SELECT module_id, sum(minutes) AS minutes FROM held GROUP BY module_id),
             attended AS (
                SELECT a.enrolment_id, sum(min(a.minutes, h.minutes)) AS minutes
                {marks_of_held}
                JOIN enrolment x ON x.id = a.enrolment_id AND x.module_id = h.module_id
                GROUP BY a.enrolment_id)
             SELECT e.id, m.id, m.code, m.title, p.id, p.surname, p.given_name, p.tax_code,
                    p.gender, p.organisation_type,
                    coalesce(a.minutes, 0), coalesce(d.minutes, 0), r.score
             FROM enrolment e
             JOIN person p ON p.id = e.person_id
             JOIN module m ON m.id = e.module_id
             LEFT JOIN delivered d ON d.module_id = e.module_id
             LEFT JOIN attended a ON a.enrolment_id = e.id
             LEFT JOIN rating r ON r.enrolment_id = e.id
             WHERE e.status = 'accepted' {accepted_of}
             ORDER BY m.code, p.surname, p.given_name, e.id"
        ))?;
        let mut rows = statement
            .query_map(params![today.to_string(), module], |row| {
                let tax_code: Option<String> = row.get(7)?;
                Ok(Participation {
                    enrolment_id: row.get(0)?,
                    module_id: row.get(1)?,
                    module_code: row.get(2)?,
                    module_title: row.get(3)?,
                    person_id: row.get(4)?,
                    surname: row.get(5)?,
                    given_name: row.get(6)?,
                    tax_code: tax_code
                        .map(|c| c.trim().to_uppercase())
                        .filter(|c| !c.is_empty()),
                    gender: row.get(8)?,
                    organisation_type: row.get(9)?,
                    attended_minutes: row.get(10)?,
                    delivered_minutes: row.get(11)?,
                    rating: row.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let Some(reached) = self.reached_modules(reach)? {
            rows.retain(|p| reached.binary_search(&p.module_id).is_ok());
        }
        Ok(rows)
    }

    /// The modules `reach` covers, by code, with their axis.
    pub fn report_modules(&self, reach: &Reach) -> Result<Vec<ReportModule>> {
        let mut statement = self.conn().prepare(
            "SELECT m.id, m.code, m.title, m.location, a.code, a.title
             FROM module m JOIN axis a ON a.id = m.axis_id ORDER BY m.code, m.id",
        )?;
        let mut modules = statement
            .query_map([], |row| {
                Ok(ReportModule {
                    id: row.get(0)?,
                    code: row.get(1)?,
                    title: row.get(2)?,
                    location: row.get(3)?,
                    axis: row.get(4)?,
                    axis_title: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let Some(reached) = self.reached_modules(reach)? {
            modules.retain(|m| reached.binary_search(&m.id).is_ok());
        }
        Ok(modules)
    }

    /// Per module, the sessions held by `today` (not cancelled) and their
    /// minutes; modules that held none are left out. Counts only: the
    /// report keeps those of the modules it reaches.
    pub fn held_sessions(&self, today: Date) -> Result<Vec<HeldSessions>> {
        let mut statement = self.conn().prepare(
            "SELECT module_id, count(*), sum(end_minute - start_minute) FROM session
             WHERE cancelled = 0 AND date <= ?1 GROUP BY module_id",
        )?;
        let held = statement
            .query_map([today.to_string()], |row| {
                Ok(HeldSessions {
                    module_id: row.get(0)?,
                    sessions: row.get(1)?,
                    minutes: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(held)
    }

    /// Per module and status, how many enrolments. Counts only: the
    /// report keeps those of the modules it reaches.
    pub fn enrolment_counts(&self) -> Result<Vec<StatusCount>> {
        let mut statement = self.conn().prepare(
            "SELECT module_id, status, count(*) FROM enrolment GROUP BY module_id, status",
        )?;
        let counts = statement
            .query_map([], |row| {
                Ok(StatusCount {
                    module_id: row.get(0)?,
                    status: row.get(1)?,
                    count: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(counts)
    }
}
