//! The plan: the whole demo register in memory, the dates it is built
//! on (working days by the core's holidays), and its modules and
//! sessions.

use super::*;

pub(super) struct ModuleRow {
    pub(super) spec: &'static ModuleSpec,
    pub(super) venue: &'static str,
    /// Indices into `Plan::sessions`.
    pub(super) sessions: Vec<usize>,
}

pub(super) struct SessionRow {
    pub(super) module: usize,
    pub(super) date: Date,
    /// Calendar days from today.
    pub(super) day: i64,
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) venue: &'static str,
    pub(super) trainer: &'static str,
    pub(super) topic: &'static str,
    pub(super) closed: Option<String>,
}

pub(super) struct PersonRow {
    pub(super) surname: String,
    pub(super) given_name: String,
    pub(super) gender: Gender,
    pub(super) tax_code: String,
    pub(super) email: String,
    pub(super) phone: String,
    pub(super) organisation: &'static str,
    pub(super) organisation_type: &'static str,
    pub(super) job_title: &'static str,
    pub(super) foreign_born: bool,
}

pub(super) struct Change {
    pub(super) from: Option<Status>,
    pub(super) to: Status,
    pub(super) reason: Option<String>,
    pub(super) at: String,
}

pub(super) struct EnrolmentRow {
    pub(super) person: usize,
    pub(super) module: usize,
    pub(super) received_on: Date,
    pub(super) status: Status,
    pub(super) reason: Option<String>,
    pub(super) history: Vec<Change>,
}

pub(super) struct AttendanceRow {
    pub(super) enrolment: usize,
    pub(super) session: usize,
    pub(super) minutes: i64,
    pub(super) mark: Mark,
    pub(super) at: String,
}

pub(super) struct RatingRow {
    pub(super) enrolment: usize,
    pub(super) score: i64,
    pub(super) comment: Option<&'static str>,
}

pub(super) enum Subject {
    Person(usize),
    Session(usize),
    Module(usize),
}

pub(super) struct NoteRow {
    pub(super) author: usize,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    pub(super) body: String,
    pub(super) follow_up: Option<&'static str>,
    pub(super) subjects: Vec<Subject>,
}

pub(super) struct Plan {
    pub(super) modules: Vec<ModuleRow>,
    pub(super) sessions: Vec<SessionRow>,
    pub(super) persons: Vec<PersonRow>,
    pub(super) enrolments: Vec<EnrolmentRow>,
    pub(super) attendance: Vec<AttendanceRow>,
    pub(super) ratings: Vec<RatingRow>,
    pub(super) notes: Vec<NoteRow>,
}

impl Plan {
    pub(super) fn build(today: Date) -> store::Result<Plan> {
        let mut rng = Rng::new(SEED);
        let (modules, sessions) = plan_modules(&mut rng, today)?;
        let mut people = People::default();
        let enrolments = plan_enrolments(&mut rng, today, &modules, &sessions, &mut people)?;
        let mut plan = Plan {
            modules,
            sessions,
            persons: people.rows,
            enrolments,
            attendance: Vec::new(),
            ratings: Vec::new(),
            notes: Vec::new(),
        };
        plan.attendance = plan_attendance(&mut rng, today, &plan)?;
        close_sessions(&mut rng, today, &mut plan)?;
        plan.ratings = plan_ratings(&mut rng, today, &plan);
        plan.notes = plan_notes(&mut rng, today, &plan)?;
        Ok(plan)
    }

    /// The enrolments of a module that are participations.
    pub(super) fn participations(&self, module: usize) -> Vec<usize> {
        self.enrolments
            .iter()
            .enumerate()
            .filter(|(_, e)| e.module == module && e.status == Status::Accepted)
            .map(|(index, _)| index)
            .collect()
    }

    pub(super) fn module_tutor(&self, module: usize) -> usize {
        self.modules[module].spec.tutor
    }

    pub(super) fn person_name(&self, person: usize) -> String {
        let row = &self.persons[person];
        format!("{} {}", row.given_name, row.surname)
    }
}

// ---------------------------------------------------------------------
// Dates and times.

pub(super) fn date_error(error: jiff::Error) -> StoreError {
    StoreError::refused_text(format!("demo register: date out of range ({error})"))
}

pub(super) fn days_after(date: Date, days: i64) -> store::Result<Date> {
    date.checked_add(days.days()).map_err(date_error)
}

/// The national public holidays of Italy as the planning rules have them
/// (Easter Monday, 4 October from 2026…), and the eves of Christmas and
/// New Year, when no course is held.
pub(super) fn is_holiday(date: Date) -> bool {
    static NATIONAL: std::sync::LazyLock<Holidays> = std::sync::LazyLock::new(Holidays::italy);
    NATIONAL.contains(date) || matches!((date.month(), date.day()), (12, 24) | (12, 31))
}

/// A day the offices are open: a weekday that is not a public holiday.
pub(super) fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_holiday(date)
}

/// The date `count` working days after (or before, when negative) `date`,
/// and how many calendar days away it is. Zero is `date` itself, whatever
/// day it is.
pub(super) fn weekdays_after(date: Date, count: i64) -> store::Result<(Date, i64)> {
    let step = count.signum();
    let mut day = date;
    let mut calendar = 0;
    let mut left = count.abs();
    while left > 0 {
        day = days_after(day, step)?;
        calendar += step;
        if is_working_day(day) {
            left -= 1;
        }
    }
    Ok((day, calendar))
}

/// Hours that Italian local time is ahead of UTC on a day: summer time
/// runs from the last Sunday of March to the last Sunday of October.
/// Computed here so that the demo does not depend on the machine's time
/// zone database.
pub(super) fn rome_offset_hours(date: Date) -> i64 {
    let last_sunday = |month: i8| {
        Date::new(date.year(), month, 1)
            .and_then(|first| first.nth_weekday_of_month(-1, Weekday::Sunday))
            .ok()
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) if date >= start && date < end => 2,
        _ => 1,
    }
}

/// A local time in Italy on `date`, as the register stores instants.
pub(super) fn local_stamp(date: Date, minute_of_day: i64) -> store::Result<String> {
    let minute = minute_of_day.clamp(0, 24 * 60 - 1);
    let local = date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    let utc = local
        .checked_sub(rome_offset_hours(date).hours())
        .map_err(date_error)?;
    Ok(utc.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A time in office hours, in five-minute steps.
pub(super) fn office_minute(rng: &mut Rng, from_hour: i64, to_hour: i64) -> i64 {
    rng.range(from_hour * 12, to_hour * 12 - 1) * 5
}

// ---------------------------------------------------------------------
// Modules and sessions.

pub(super) fn plan_modules(
    rng: &mut Rng,
    today: Date,
) -> store::Result<(Vec<ModuleRow>, Vec<SessionRow>)> {
    let mut modules = Vec::with_capacity(MODULES.len());
    let mut sessions = Vec::new();
    for (index, spec) in MODULES.iter().enumerate() {
        let venue = rng.pick(spec.town.venues());
        let first_trainer = rng.index(TRAINERS.len());
        let second_trainer = (first_trainer + 1 + rng.index(TRAINERS.len() - 1)) % TRAINERS.len();
        let topics = axis_topics(spec.axis);
        let topic_offset = rng.index(topics.len());
        let mut own = Vec::with_capacity(spec.slots.len());
        for (number, (&day, &(start, length))) in spec.days.iter().zip(spec.slots).enumerate() {
            let (date, calendar) = weekdays_after(today, day)?;
            // Now and then a session moves to another room in town.
            let venue = if rng.chance(10) {
                rng.pick(spec.town.venues())
            } else {
                venue
            };
            let trainer = if number % 2 == 0 {
                TRAINERS[first_trainer]
            } else {
                TRAINERS[second_trainer]
            };
            own.push(sessions.len());
            sessions.push(SessionRow {
                module: index,
                date,
                day: calendar,
                start,
                end: start + length,
                venue,
                trainer,
                topic: topics[(number + topic_offset) % topics.len()],
                closed: None,
            });
        }
        modules.push(ModuleRow {
            spec,
            venue,
            sessions: own,
        });
    }
    Ok((modules, sessions))
}

pub(super) fn axis_topics(axis: &str) -> &'static [&'static str] {
    let index = DEFAULT_AXES
        .iter()
        .position(|(code, _)| *code == axis)
        .unwrap_or(0);
    TOPICS[index.min(TOPICS.len() - 1)]
}

/// The first and last session dates of a module.
pub(super) fn module_span(module: &ModuleRow, sessions: &[SessionRow]) -> Option<(Date, Date)> {
    let dates = module.sessions.iter().map(|&s| sessions[s].date);
    Some((dates.clone().min()?, dates.max()?))
}
