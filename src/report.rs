//! The programme's figures (docs/report.md), one definition each.
//!
//! Every figure is built from a [`Tally`]: raw counts and sums that add
//! up. A register's tally is the sum of its modules' tallies, and several
//! registers' tally is the sum of theirs; the figures (means, distinct
//! people) are worked out from the sum only at the end, so one module, one
//! register and a whole region are computed the same way.
//!
//! The definitions (the README's "Report" section says the same):
//! - a session is *held* when it is not cancelled and dated today or
//!   earlier; `sessions` counts them and `hours_delivered` sums their
//!   lengths (planned sessions are not yet figures);
//! - a *participation* is an enrolment accepted and not withdrawn;
//! - hours attended count only sessions held, each capped at the
//!   session's length;
//! - `attendance_rate` is the mean, over participations whose module has
//!   delivered hours, of hours attended ÷ hours delivered;
//!   `attendance_hours_mean` the mean over every participation;
//! - a person is one tax code (so the same person in two registers counts
//!   once); a person without one is one row of one register.

pub mod certificates;
pub mod csv;
pub mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::store::{Access, Result, Store};

/// Buckets of the attendance distribution: 0–9%, 10–19%, … 90–100%.
pub const ATTENDANCE_BUCKETS: usize = 10;

/// The figures of one register, one module or several registers.
/// Serialised, this is exactly the JSON object of
/// `registro report --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub modules: i64,
    /// Sessions held: not cancelled, dated today or earlier.
    pub sessions: i64,
    /// Hours of the sessions held.
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
    /// Always `F`, `M` and `X`, zero where nobody.
    pub participants_by_gender: BTreeMap<String, i64>,
    pub participants_by_organisation_type: BTreeMap<String, i64>,
    pub attendance_rate: Option<f64>,
    pub attendance_hours_mean: Option<f64>,
    pub satisfaction_mean: Option<f64>,
    pub satisfaction_responses: i64,
    /// Participations at or above the attendance threshold.
    pub certificates: i64,
}

/// A person as the figures count them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonKey {
    /// The tax code, upper case: the same in every register.
    TaxCode(String),
    /// No tax code: the person's row in the register at this position.
    Row { register: usize, id: i64 },
}

/// Counts and sums that add up across modules and registers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub modules: i64,
    pub sessions: i64,
    pub delivered_minutes: i64,
    pub modules_by_location: BTreeMap<String, i64>,
    pub modules_by_axis: BTreeMap<String, i64>,
    pub requested: i64,
    /// Accepted and not withdrawn: the participations.
    pub accepted_now: i64,
    pub rejected: i64,
    pub waitlisted: i64,
    pub withdrawn: i64,
    pub participations_by_person: BTreeMap<PersonKey, i64>,
    pub participants_by_gender: BTreeMap<String, i64>,
    pub participants_by_organisation_type: BTreeMap<String, i64>,
    /// Hours attended by every participation, in minutes.
    pub attended_minutes: i64,
    /// Sum of the attendance rates of the participations that have one.
    pub rate_sum: f64,
    /// Participations that have a rate (their module delivered hours).
    pub rated: i64,
    pub score_sum: i64,
    pub responses: i64,
    pub certificates: i64,
    /// Participations by attendance percentage, in tenths.
    pub attendance_buckets: [i64; ATTENDANCE_BUCKETS],
    /// Ratings 1 to 5.
    pub ratings: [i64; 5],
}

fn add_map<K: Ord + Clone>(into: &mut BTreeMap<K, i64>, from: &BTreeMap<K, i64>) {
    for (key, count) in from {
        *into.entry(key.clone()).or_insert(0) += count;
    }
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.modules += other.modules;
        self.sessions += other.sessions;
        self.delivered_minutes += other.delivered_minutes;
        add_map(&mut self.modules_by_location, &other.modules_by_location);
        add_map(&mut self.modules_by_axis, &other.modules_by_axis);
        self.requested += other.requested;
        self.accepted_now += other.accepted_now;
        self.rejected += other.rejected;
        self.waitlisted += other.waitlisted;
        self.withdrawn += other.withdrawn;
        add_map(
            &mut self.participations_by_person,
            &other.participations_by_person,
        );
        add_map(
            &mut self.participants_by_gender,
            &other.participants_by_gender,
        );
        add_map(
            &mut self.participants_by_organisation_type,
            &other.participants_by_organisation_type,
        );
        self.attended_minutes += other.attended_minutes;
        self.rate_sum += other.rate_sum;
        self.rated += other.rated;
        self.score_sum += other.score_sum;
        self.responses += other.responses;
        self.certificates += other.certificates;
        for (into, from) in self
            .attendance_buckets
            .iter_mut()
            .zip(other.attendance_buckets)
        {
            *into += from;
        }
        for (into, from) in self.ratings.iter_mut().zip(other.ratings) {
            *into += from;
        }
    }

    /// The sum of several tallies.
    pub fn sum<'a>(tallies: impl IntoIterator<Item = &'a Tally>) -> Tally {
        let mut total = Tally::default();
        for tally in tallies {
            total.add(tally);
        }
        total
    }

    /// Counts one participation in.
    fn count_participation(&mut self, p: &Participation, person: PersonKey, threshold: f64) {
        self.accepted_now += 1;
        *self.participations_by_person.entry(person).or_insert(0) += 1;
        *self
            .participants_by_gender
            .entry(p.gender.clone())
            .or_insert(0) += 1;
        *self
            .participants_by_organisation_type
            .entry(p.organisation_type.clone())
            .or_insert(0) += 1;
        self.attended_minutes += p.attended_minutes;
        if let Some(rate) = p.rate() {
            self.rate_sum += rate;
            self.rated += 1;
            self.attendance_buckets[p.bucket()] += 1;
        }
        if p.earns_certificate(threshold) {
            self.certificates += 1;
        }
        if let Some(score) = p.rating
            && (1..=5).contains(&score)
        {
            self.score_sum += score;
            self.responses += 1;
            self.ratings[score as usize - 1] += 1;
        }
    }

    pub fn participants(&self) -> i64 {
        self.accepted_now
    }

    pub fn applications(&self) -> i64 {
        self.requested + self.accepted_now + self.rejected + self.waitlisted + self.withdrawn
    }

    pub fn figures(&self) -> Figures {
        let participants = self.accepted_now;
        let mut by_gender: BTreeMap<String, i64> =
            ["F", "M", "X"].iter().map(|g| (g.to_string(), 0)).collect();
        add_map(&mut by_gender, &self.participants_by_gender);
        Figures {
            modules: self.modules,
            sessions: self.sessions,
            hours_delivered: self.delivered_minutes as f64 / 60.0,
            modules_by_location: self.modules_by_location.clone(),
            modules_by_axis: self.modules_by_axis.clone(),
            applications: self.applications(),
            rejected: self.rejected,
            accepted: self.accepted_now + self.withdrawn,
            withdrawn: self.withdrawn,
            waitlisted: self.waitlisted,
            pending: self.requested,
            participants,
            persons: self.participations_by_person.len() as i64,
            persons_multi_module: self
                .participations_by_person
                .values()
                .filter(|&&n| n > 1)
                .count() as i64,
            participants_by_gender: by_gender,
            participants_by_organisation_type: self.participants_by_organisation_type.clone(),
            attendance_rate: ratio(self.rate_sum, self.rated),
            attendance_hours_mean: ratio(self.attended_minutes as f64 / 60.0, participants),
            satisfaction_mean: ratio(self.score_sum as f64, self.responses),
            satisfaction_responses: self.responses,
            certificates: self.certificates,
        }
    }
}

fn tally_mut<'a>(
    modules: &'a mut [ModuleTally],
    index: &BTreeMap<i64, usize>,
    module_id: i64,
) -> Option<&'a mut Tally> {
    let position = *index.get(&module_id)?;
    modules.get_mut(position).map(|m| &mut m.tally)
}

fn ratio(sum: f64, count: i64) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}

/// One participation with what the figures need of it.
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

impl Participation {
    pub fn name(&self) -> String {
        format!("{} {}", self.surname, self.given_name)
    }

    /// Hours attended ÷ hours delivered; `None` before anything is delivered.
    pub fn rate(&self) -> Option<f64> {
        (self.delivered_minutes > 0)
            .then(|| self.attended_minutes as f64 / self.delivered_minutes as f64)
    }

    /// The tenth of the attendance distribution it falls in (100% in the
    /// last), worked out in whole minutes so that 30% is never 29.999%.
    fn bucket(&self) -> usize {
        let tenths = (self.attended_minutes * 10)
            .checked_div(self.delivered_minutes)
            .unwrap_or(0);
        (tenths.max(0) as usize).min(ATTENDANCE_BUCKETS - 1)
    }

    pub fn earns_certificate(&self, threshold: f64) -> bool {
        self.delivered_minutes > 0 && self.short_minutes(threshold) == 0
    }

    /// Minutes still to attend to reach the threshold (0 when reached).
    pub fn short_minutes(&self, threshold: f64) -> i64 {
        // A hair below, so that exactly 75% of 16 hours is 12 hours and
        // not 12 hours and a rounding error.
        let needed = (threshold * self.delivered_minutes as f64 - 1e-9).ceil() as i64;
        (needed - self.attended_minutes).max(0)
    }

    fn person_key(&self, register: usize) -> PersonKey {
        match &self.tax_code {
            Some(code) => PersonKey::TaxCode(code.clone()),
            None => PersonKey::Row {
                register,
                id: self.person_id,
            },
        }
    }
}

/// A module of a register with its tally.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleTally {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub location: String,
    pub axis: String,
    pub tally: Tally,
}

/// One register's modules, tallied.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterReport {
    /// The register as the user named it (its path).
    pub name: String,
    /// The programme's name, when the register has one: the report's
    /// heading says it rather than the path.
    pub programme: Option<String>,
    pub modules: Vec<ModuleTally>,
}

impl RegisterReport {
    pub fn total(&self) -> Tally {
        Tally::sum(self.modules.iter().map(|m| &m.tally))
    }
}

/// The figures of one register or several together.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub registers: Vec<RegisterReport>,
    /// The module the report is restricted to, if any.
    pub module: Option<String>,
}

impl Report {
    /// Opens every register read-only and tallies its modules.
    pub fn gather(paths: &[PathBuf], today: Date, threshold: f64) -> Result<Report> {
        let mut registers = Vec::with_capacity(paths.len());
        for (index, path) in paths.iter().enumerate() {
            let store = Store::open(path, Access::ReadOnly)?;
            store.read_in_bulk()?;
            registers.push(RegisterReport {
                name: path.display().to_string(),
                programme: store.programme_name()?,
                modules: store.module_tallies(index, today, threshold)?,
            });
        }
        Ok(Report {
            registers,
            module: None,
        })
    }

    /// Keeps only the module with this code (case-insensitive) in each
    /// register. Returns false, changing nothing, when no register has it.
    pub fn restrict_to_module(&mut self, code: &str) -> bool {
        let found = self
            .registers
            .iter()
            .any(|r| r.modules.iter().any(|m| m.code.eq_ignore_ascii_case(code)));
        if found {
            for register in &mut self.registers {
                register
                    .modules
                    .retain(|m| m.code.eq_ignore_ascii_case(code));
            }
            self.module = Some(code.to_string());
        }
        found
    }

    pub fn total(&self) -> Tally {
        let totals: Vec<Tally> = self.registers.iter().map(RegisterReport::total).collect();
        Tally::sum(&totals)
    }

    /// What the heading calls each register: its programme, else its path.
    pub fn names(&self) -> Vec<&str> {
        self.registers
            .iter()
            .map(|r| r.programme.as_deref().unwrap_or(&r.name))
            .collect()
    }
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

    /// Every participation (of one module, or all), by module and name,
    /// with its hours as the figures count them.
    pub fn participations(&self, module: Option<i64>, today: Date) -> Result<Vec<Participation>> {
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
        let rows = statement
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
        Ok(rows)
    }

    /// Every module of the register with its tally, by code. `register`
    /// is this register's position among those reported together: it
    /// tells apart people without a tax code.
    pub fn module_tallies(
        &self,
        register: usize,
        today: Date,
        threshold: f64,
    ) -> Result<Vec<ModuleTally>> {
        let participations = self.participations(None, today)?;
        self.module_tallies_of(register, today, threshold, &participations)
    }

    /// The same, counting participations already read (the Report tab
    /// reads them once for the tallies and for those below threshold).
    pub fn module_tallies_of(
        &self,
        register: usize,
        today: Date,
        threshold: f64,
        participations: &[Participation],
    ) -> Result<Vec<ModuleTally>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT m.id, m.code, m.title, m.location, a.code
             FROM module m JOIN axis a ON a.id = m.axis_id ORDER BY m.code, m.id",
        )?;
        let mut modules = statement
            .query_map([], |row| {
                let location: String = row.get(3)?;
                let axis: String = row.get(4)?;
                let mut tally = Tally {
                    modules: 1,
                    ..Tally::default()
                };
                tally.modules_by_location.insert(location.clone(), 1);
                tally.modules_by_axis.insert(axis.clone(), 1);
                Ok(ModuleTally {
                    id: row.get(0)?,
                    code: row.get(1)?,
                    title: row.get(2)?,
                    location,
                    axis,
                    tally,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let index: BTreeMap<i64, usize> =
            modules.iter().enumerate().map(|(i, m)| (m.id, i)).collect();

        let mut statement = conn.prepare(
            "SELECT module_id, count(*), sum(end_minute - start_minute) FROM session
             WHERE cancelled = 0 AND date <= ?1 GROUP BY module_id",
        )?;
        let held = statement
            .query_map([today.to_string()], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (module_id, sessions, minutes) in held {
            if let Some(tally) = tally_mut(&mut modules, &index, module_id) {
                tally.sessions = sessions;
                tally.delivered_minutes = minutes;
            }
        }

        let mut statement = conn.prepare(
            "SELECT module_id, status, count(*) FROM enrolment GROUP BY module_id, status",
        )?;
        let statuses = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (module_id, status, count) in statuses {
            if let Some(tally) = tally_mut(&mut modules, &index, module_id) {
                // Participations are counted one by one below.
                match status.as_str() {
                    "requested" => tally.requested = count,
                    "rejected" => tally.rejected = count,
                    "waitlisted" => tally.waitlisted = count,
                    "withdrawn" => tally.withdrawn = count,
                    _ => {}
                }
            }
        }

        for participation in participations {
            let person = participation.person_key(register);
            if let Some(tally) = tally_mut(&mut modules, &index, participation.module_id) {
                tally.count_participation(participation, person, threshold);
            }
        }
        Ok(modules)
    }

    /// The figures of the register, or of one of its modules.
    pub fn figures(&self, module: Option<i64>, today: Date, threshold: f64) -> Result<Figures> {
        let modules = self.module_tallies(0, today, threshold)?;
        let tallies = modules
            .iter()
            .filter(|m| module.is_none_or(|id| id == m.id))
            .map(|m| &m.tally);
        Ok(Tally::sum(tallies).figures())
    }

    /// The participations at or above the attendance threshold.
    pub fn certificates(
        &self,
        module: Option<i64>,
        today: Date,
        threshold: f64,
    ) -> Result<Vec<Participation>> {
        let mut all = self.participations(module, today)?;
        all.retain(|p| p.earns_certificate(threshold));
        Ok(all)
    }

    /// The participations below the threshold in modules that have
    /// delivered hours, the furthest from it first.
    pub fn below_threshold(&self, today: Date, threshold: f64) -> Result<Vec<Participation>> {
        Ok(below_threshold_of(
            self.participations(None, today)?,
            threshold,
        ))
    }
}

/// Of these participations, those below the threshold in modules that
/// have delivered hours, the furthest from it first.
pub fn below_threshold_of(mut all: Vec<Participation>, threshold: f64) -> Vec<Participation> {
    all.retain(|p| p.delivered_minutes > 0 && !p.earns_certificate(threshold));
    all.sort_by(|a, b| {
        b.short_minutes(threshold)
            .cmp(&a.short_minutes(threshold))
            .then_with(|| a.module_code.cmp(&b.module_code))
            .then_with(|| a.surname.cmp(&b.surname))
            .then_with(|| a.given_name.cmp(&b.given_name))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn participation(attended: i64, delivered: i64) -> Participation {
        Participation {
            enrolment_id: 1,
            module_id: 1,
            module_code: "M01".into(),
            module_title: String::new(),
            person_id: 1,
            surname: "Rossi".into(),
            given_name: "Anna".into(),
            tax_code: None,
            gender: "F".into(),
            organisation_type: String::new(),
            attended_minutes: attended,
            delivered_minutes: delivered,
            rating: None,
        }
    }

    #[test]
    fn exactly_the_threshold_earns_the_certificate() {
        assert!(participation(720, 960).earns_certificate(0.75));
        assert!(!participation(705, 960).earns_certificate(0.75));
        assert_eq!(participation(705, 960).short_minutes(0.75), 15);
        // 70% of 90 minutes is 63 minutes, not 62.99999.
        assert!(participation(63, 90).earns_certificate(0.7));
        // Nothing delivered: no certificate, however low the threshold.
        assert!(!participation(0, 0).earns_certificate(0.0));
    }

    #[test]
    fn attendance_buckets_are_whole_tenths() {
        assert_eq!(participation(288, 960).bucket(), 3);
        assert_eq!(participation(287, 960).bucket(), 2);
        assert_eq!(participation(960, 960).bucket(), 9);
        assert_eq!(participation(0, 960).bucket(), 0);
    }

    #[test]
    fn an_empty_tally_has_nothing_to_average() {
        let f = Tally::default().figures();
        assert_eq!(f.attendance_rate, None);
        assert_eq!(f.attendance_hours_mean, None);
        assert_eq!(f.satisfaction_mean, None);
        assert_eq!(f.participants_by_gender.len(), 3);
        assert_eq!(f.hours_delivered, 0.0);
    }
}
