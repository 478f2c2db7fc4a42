//! The programme's figures (DESIGN.md, "Figures"), one definition each,
//! computed from the register by SQL so that a large register is summed
//! where it lies instead of being loaded.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rusqlite::params;
use serde::Serialize;

use crate::store::{Result, Store};

/// The figures of one register, or of one of its modules. Serialised,
/// this is exactly the JSON object of `registro report --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub modules: i64,
    /// Sessions not cancelled, held or planned.
    pub sessions: i64,
    /// Hours of the sessions held: not cancelled, dated today or earlier.
    pub hours_delivered: f64,
    pub modules_by_location: BTreeMap<String, i64>,
    pub modules_by_axis: BTreeMap<String, i64>,
    pub applications: i64,
    pub rejected: i64,
    /// Every enrolment ever accepted, withdrawals included.
    pub accepted: i64,
    pub withdrawn: i64,
    pub waitlisted: i64,
    pub pending: i64,
    pub participants: i64,
    pub persons: i64,
    pub persons_multi_module: i64,
    pub participants_by_gender: BTreeMap<String, i64>,
    pub participants_by_organisation_type: BTreeMap<String, i64>,
    /// Mean over participations of hours attended ÷ the module's hours
    /// delivered, over the modules that delivered any.
    pub attendance_rate: Option<f64>,
    pub attendance_hours_mean: Option<f64>,
    pub satisfaction_mean: Option<f64>,
    pub satisfaction_responses: i64,
    /// Participations at or above the attendance threshold.
    pub certificates: i64,
}

/// One participation's attendance: what the rate, the mean and the
/// certificates are made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipationHours {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub name: String,
    pub module_code: String,
    pub attended_minutes: i64,
    pub delivered_minutes: i64,
}

impl ParticipationHours {
    /// Hours attended ÷ hours delivered; `None` before anything is delivered.
    pub fn rate(&self) -> Option<f64> {
        (self.delivered_minutes > 0)
            .then(|| self.attended_minutes as f64 / self.delivered_minutes as f64)
    }
}

/// `1 = 1` or the module condition, for every query below.
fn module_condition(module: Option<i64>, column: &str) -> String {
    match module {
        Some(id) => format!("{column} = {id}"),
        None => "1 = 1".to_string(),
    }
}

impl Store {
    /// The id of a module by its code (case-insensitive).
    pub fn module_id(&self, code: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row("SELECT id FROM module WHERE code = ?1", [code], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Every participation with its hours attended and its module's hours
    /// delivered up to `today`.
    pub fn participation_hours(
        &self,
        module: Option<i64>,
        today: Date,
    ) -> Result<Vec<ParticipationHours>> {
        let sql = format!(
            "WITH delivered AS (
                SELECT module_id, sum(end_minute - start_minute) AS minutes FROM session
                WHERE cancelled = 0 AND date <= ?1 GROUP BY module_id),
             attended AS (
                SELECT enrolment_id, sum(minutes) AS minutes FROM attendance GROUP BY enrolment_id)
             SELECT e.id, p.id, p.surname || ' ' || p.given_name, m.code,
                    coalesce(a.minutes, 0), coalesce(d.minutes, 0)
             FROM enrolment e
             JOIN person p ON p.id = e.person_id
             JOIN module m ON m.id = e.module_id
             LEFT JOIN delivered d ON d.module_id = e.module_id
             LEFT JOIN attended a ON a.enrolment_id = e.id
             WHERE e.status = 'accepted' AND {}
             ORDER BY m.code, p.surname, p.given_name, e.id",
            module_condition(module, "e.module_id")
        );
        let mut statement = self.conn().prepare(&sql)?;
        let rows = statement
            .query_map([today.to_string()], |row| {
                Ok(ParticipationHours {
                    enrolment_id: row.get(0)?,
                    person_id: row.get(1)?,
                    name: row.get(2)?,
                    module_code: row.get(3)?,
                    attended_minutes: row.get(4)?,
                    delivered_minutes: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn figures(&self, module: Option<i64>, today: Date, threshold: f64) -> Result<Figures> {
        let conn = self.conn();
        let on_module = module_condition(module, "id");
        let on_enrolment = module_condition(module, "e.module_id");
        let count =
            |sql: String| -> Result<i64> { Ok(conn.query_row(&sql, [], |row| row.get(0))?) };
        let grouped = |sql: String| -> Result<BTreeMap<String, i64>> {
            let mut statement = conn.prepare(&sql)?;
            let pairs = statement
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
            Ok(pairs)
        };

        let modules = count(format!("SELECT count(*) FROM module WHERE {on_module}"))?;
        let on_session = module_condition(module, "module_id");
        let sessions = count(format!(
            "SELECT count(*) FROM session WHERE cancelled = 0 AND {on_session}"
        ))?;
        let delivered_minutes: i64 = conn.query_row(
            &format!(
                "SELECT coalesce(sum(end_minute - start_minute), 0) FROM session
                 WHERE cancelled = 0 AND date <= ?1 AND {on_session}"
            ),
            params![today.to_string()],
            |row| row.get(0),
        )?;
        let modules_by_location = grouped(format!(
            "SELECT location, count(*) FROM module WHERE {on_module} GROUP BY location"
        ))?;
        let modules_by_axis = grouped(format!(
            "SELECT a.code, count(*) FROM module m JOIN axis a ON a.id = m.axis_id
             WHERE {} GROUP BY a.code",
            module_condition(module, "m.id")
        ))?;
        let by_status = grouped(format!(
            "SELECT e.status, count(*) FROM enrolment e WHERE {on_enrolment} GROUP BY e.status"
        ))?;
        let status = |word: &str| by_status.get(word).copied().unwrap_or(0);
        let participants = status("accepted");
        let persons = count(format!(
            "SELECT count(DISTINCT e.person_id) FROM enrolment e WHERE e.status = 'accepted' AND {on_enrolment}"
        ))?;
        let persons_multi_module = count(format!(
            "SELECT count(*) FROM (SELECT e.person_id FROM enrolment e
             WHERE e.status = 'accepted' AND {on_enrolment}
             GROUP BY e.person_id HAVING count(*) > 1)"
        ))?;
        let participants_by_gender = grouped(format!(
            "SELECT p.gender, count(*) FROM enrolment e JOIN person p ON p.id = e.person_id
             WHERE e.status = 'accepted' AND {on_enrolment} GROUP BY p.gender"
        ))?;
        let participants_by_organisation_type = grouped(format!(
            "SELECT p.organisation_type, count(*) FROM enrolment e JOIN person p ON p.id = e.person_id
             WHERE e.status = 'accepted' AND {on_enrolment} GROUP BY p.organisation_type"
        ))?;
        let (satisfaction_responses, satisfaction_mean): (i64, Option<f64>) = conn.query_row(
            &format!(
                "SELECT count(*), avg(r.score) FROM rating r JOIN enrolment e ON e.id = r.enrolment_id
                 WHERE e.status = 'accepted' AND {on_enrolment}"
            ),
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;

        let hours = self.participation_hours(module, today)?;
        let rates: Vec<f64> = hours.iter().filter_map(ParticipationHours::rate).collect();
        let attendance_rate = mean(&rates);
        let attended: Vec<f64> = hours
            .iter()
            .map(|p| p.attended_minutes as f64 / 60.0)
            .collect();
        let attendance_hours_mean = mean(&attended);
        // Compared in minutes so that exactly 75% is never lost to rounding.
        let certificates = hours
            .iter()
            .filter(|p| {
                p.delivered_minutes > 0
                    && p.attended_minutes as f64 >= threshold * p.delivered_minutes as f64 - 1e-9
            })
            .count() as i64;

        Ok(Figures {
            modules,
            sessions,
            hours_delivered: delivered_minutes as f64 / 60.0,
            modules_by_location,
            modules_by_axis,
            applications: by_status.values().sum(),
            rejected: status("rejected"),
            accepted: status("accepted") + status("withdrawn"),
            withdrawn: status("withdrawn"),
            waitlisted: status("waitlisted"),
            pending: status("requested"),
            participants,
            persons,
            persons_multi_module,
            participants_by_gender,
            participants_by_organisation_type,
            attendance_rate,
            attendance_hours_mean,
            satisfaction_mean,
            satisfaction_responses,
            certificates,
        })
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}
