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
use serde::Serialize;

use crate::store::reach::Reach;
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

/// One participation with what the figures need of it, as the store
/// reads it; its arithmetic is here.
pub use crate::store::report_queries::Participation;

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
    /// The axis's title, as the register names it.
    pub axis_title: String,
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
    /// The register's thematic axes, `(code, title)`, in its order.
    pub axes: Vec<(String, String)>,
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
    /// Opens every register read-only and tallies the modules `login`
    /// reaches in it (a tutor: their own); a register that does not know
    /// `login` is refused.
    pub fn gather(paths: &[PathBuf], login: &str, today: Date, threshold: f64) -> Result<Report> {
        let mut registers = Vec::with_capacity(paths.len());
        for (index, path) in paths.iter().enumerate() {
            let store = Store::open(path, Access::ReadOnly)?;
            store.read_in_bulk()?;
            let reach = store.reach(login)?;
            registers.push(RegisterReport {
                name: path.display().to_string(),
                programme: store.programme_name()?,
                axes: store.axes()?,
                modules: store.module_tallies(&reach, index, today, threshold)?,
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

    /// The axes of the registers, `(code, title)`: each code once, in the
    /// order of the first register that has it, titled as it titles it.
    pub fn axes(&self) -> Vec<(&str, &str)> {
        let mut axes: Vec<(&str, &str)> = Vec::new();
        for (code, title) in self.registers.iter().flat_map(|r| r.axes.iter()) {
            if !axes.iter().any(|(known, _)| known == code) {
                axes.push((code, title));
            }
        }
        axes
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
    /// Every module `reach` covers with its tally, by code. `register`
    /// is this register's position among those reported together: it
    /// tells apart people without a tax code.
    pub fn module_tallies(
        &self,
        reach: &Reach,
        register: usize,
        today: Date,
        threshold: f64,
    ) -> Result<Vec<ModuleTally>> {
        let participations = self.participations(reach, None, today)?;
        self.module_tallies_of(reach, register, today, threshold, &participations)
    }

    /// The same, counting participations already read (the Report tab
    /// reads them once for the tallies and for those below threshold).
    pub fn module_tallies_of(
        &self,
        reach: &Reach,
        register: usize,
        today: Date,
        threshold: f64,
        participations: &[Participation],
    ) -> Result<Vec<ModuleTally>> {
        let mut modules: Vec<ModuleTally> = self
            .report_modules(reach)?
            .into_iter()
            .map(|m| {
                let mut tally = Tally {
                    modules: 1,
                    ..Tally::default()
                };
                tally.modules_by_location.insert(m.location.clone(), 1);
                tally.modules_by_axis.insert(m.axis.clone(), 1);
                ModuleTally {
                    id: m.id,
                    code: m.code,
                    title: m.title,
                    location: m.location,
                    axis: m.axis,
                    axis_title: m.axis_title,
                    tally,
                }
            })
            .collect();
        let index: BTreeMap<i64, usize> =
            modules.iter().enumerate().map(|(i, m)| (m.id, i)).collect();

        for held in self.held_sessions(today)? {
            if let Some(tally) = tally_mut(&mut modules, &index, held.module_id) {
                tally.sessions = held.sessions;
                tally.delivered_minutes = held.minutes;
            }
        }

        for counted in self.enrolment_counts()? {
            if let Some(tally) = tally_mut(&mut modules, &index, counted.module_id) {
                // Participations are counted one by one below.
                match counted.status.as_str() {
                    "requested" => tally.requested = counted.count,
                    "rejected" => tally.rejected = counted.count,
                    "waitlisted" => tally.waitlisted = counted.count,
                    "withdrawn" => tally.withdrawn = counted.count,
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

    /// The figures of the modules `reach` covers, or of one of them.
    pub fn figures(
        &self,
        reach: &Reach,
        module: Option<i64>,
        today: Date,
        threshold: f64,
    ) -> Result<Figures> {
        let modules = self.module_tallies(reach, 0, today, threshold)?;
        let tallies = modules
            .iter()
            .filter(|m| module.is_none_or(|id| id == m.id))
            .map(|m| &m.tally);
        Ok(Tally::sum(tallies).figures())
    }

    /// The participations at or above the attendance threshold, in the
    /// modules `reach` covers.
    pub fn certificates(
        &self,
        reach: &Reach,
        module: Option<i64>,
        today: Date,
        threshold: f64,
    ) -> Result<Vec<Participation>> {
        let mut all = self.participations(reach, module, today)?;
        all.retain(|p| p.earns_certificate(threshold));
        Ok(all)
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
