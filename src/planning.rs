//! Planning rules with no register and no screen: public holidays,
//! repeating sessions, and clashes between bookings. Dates are civil
//! dates (a day of the calendar, no time zone), so a daylight-saving
//! change can never move a session.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::i18n::{Catalogue, fill};

/// The most sessions one repetition may create: a year of weekdays.
pub const MAX_REPEAT: usize = 366;

/// The years a holiday applies in, both ends included; `None` is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Years {
    pub from: Option<i16>,
    pub until: Option<i16>,
}

impl Years {
    pub const ALWAYS: Years = Years {
        from: None,
        until: None,
    };

    pub fn contains(self, year: i16) -> bool {
        self.from.is_none_or(|from| from <= year) && self.until.is_none_or(|until| year <= until)
    }
}

/// One entry of the `holidays` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// The same day every year it applies: `12-25`, `10-04 from 2026`,
    /// or as Italians write it, `13/11`.
    Yearly { month: i8, day: i8, years: Years },
    /// One day: `2026-03-19`.
    Once(Date),
    /// Easter Monday, computed for each year: `easter-monday`.
    EasterMonday,
}

impl Holiday {
    /// Reads `MM-DD`, `DD/MM`, `YYYY-MM-DD`, `DD/MM/YYYY` or
    /// `easter-monday`; a yearly day may end with `from YYYY` and
    /// `until YYYY` (or `dal`, `al`).
    pub fn parse(text: &str) -> Result<Holiday, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("easter-monday") || text.eq_ignore_ascii_case("pasquetta") {
            return Ok(Holiday::EasterMonday);
        }
        let bad = || {
            format!(
                "{text:?} is not a holiday: write \"MM-DD\", \"DD/MM\", \"YYYY-MM-DD\", \"easter-monday\", optionally \"from YYYY\" or \"until YYYY\""
            )
        };
        let mut words = text.split_whitespace();
        let day_text = words.next().ok_or_else(bad)?;
        let mut years = Years::ALWAYS;
        while let Some(word) = words.next() {
            let year: i16 = words.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
            match word.to_ascii_lowercase().as_str() {
                "from" | "dal" => years.from = Some(year),
                "until" | "al" => years.until = Some(year),
                _ => return Err(bad()),
            }
        }
        let number = |t: &str| t.parse::<i16>().map_err(|_| bad());
        let (year, month, day) = match (
            day_text.split('-').collect::<Vec<_>>().as_slice(),
            day_text.split('/').collect::<Vec<_>>().as_slice(),
        ) {
            ([month, day], _) => (None, number(month)?, number(day)?),
            ([year, month, day], _) => (Some(number(year)?), number(month)?, number(day)?),
            (_, [day, month]) => (None, number(month)?, number(day)?),
            (_, [day, month, year]) => (Some(number(year)?), number(month)?, number(day)?),
            _ => return Err(bad()),
        };
        let month = i8::try_from(month).map_err(|_| bad())?;
        let day = i8::try_from(day).map_err(|_| bad())?;
        match year {
            Some(_) if years != Years::ALWAYS => Err(bad()),
            Some(year) => Date::new(year, month, day)
                .map(Holiday::Once)
                .map_err(|_| bad()),
            None => {
                // A leap year, so that 02-29 is a day.
                Date::new(2024, month, day).map_err(|_| bad())?;
                Ok(Holiday::Yearly { month, day, years })
            }
        }
    }

    fn falls_on(self, date: Date) -> bool {
        match self {
            Holiday::Yearly { month, day, years } => {
                date.month() == month && date.day() == day && years.contains(date.year())
            }
            Holiday::Once(once) => once == date,
            Holiday::EasterMonday => easter_sunday(date.year())
                .is_some_and(|easter| easter.tomorrow().ok() == Some(date)),
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Holiday::Yearly { month, day, years } => {
                write!(f, "{month:02}-{day:02}")?;
                if let Some(from) = years.from {
                    write!(f, " from {from}")?;
                }
                if let Some(until) = years.until {
                    write!(f, " until {until}")?;
                }
                Ok(())
            }
            Holiday::Once(date) => write!(f, "{date}"),
            Holiday::EasterMonday => f.write_str("easter-monday"),
        }
    }
}

/// The days no session is planned on: those of the whole register, and
/// each town's own (its patron saint), which stop only that town's modules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    pub days: Vec<Holiday>,
    /// Town name as the modules' location writes it (case and spaces do
    /// not count), and its days.
    pub towns: Vec<(String, Vec<Holiday>)>,
}

impl Holidays {
    /// Days for the whole register, no town's own.
    pub fn of(days: Vec<Holiday>) -> Holidays {
        Holidays {
            days,
            towns: Vec::new(),
        }
    }

    /// Italy's national public holidays as in force, each with the years
    /// it applies (L. 260/1949 as amended by L. 54/1977, D.P.R. 792/1985,
    /// L. 336/2000 and L. 151/2025): Epiphany again from 1986, 2 June
    /// again from 2001, 4 October (St Francis and St Catherine) again
    /// from 2026. The same list as config/default.toml.
    pub fn italy() -> Holidays {
        use Holiday::{EasterMonday, Yearly};
        let y = |month, day| Yearly {
            month,
            day,
            years: Years::ALWAYS,
        };
        let from = |month, day, from| Yearly {
            month,
            day,
            years: Years {
                from: Some(from),
                until: None,
            },
        };
        Holidays::of(vec![
            y(1, 1),
            from(1, 6, 1986),
            EasterMonday,
            y(4, 25),
            y(5, 1),
            from(6, 2, 2001),
            y(8, 15),
            from(10, 4, 2026),
            y(11, 1),
            y(12, 8),
            y(12, 25),
            y(12, 26),
        ])
    }

    /// Whether the day is a holiday of the whole register.
    pub fn contains(&self, date: Date) -> bool {
        self.days.iter().any(|h| h.falls_on(date))
    }

    /// Whether the day is a holiday for a module held in `town`: one of
    /// the whole register's, or that town's own.
    pub fn contains_in(&self, date: Date, town: &str) -> bool {
        self.contains(date)
            || self
                .towns
                .iter()
                .any(|(name, days)| same_name(name, town) && days.iter().any(|h| h.falls_on(date)))
    }

    /// The holidays a module held in `town` keeps: the register's and the
    /// town's own, all for the whole register.
    pub fn for_town(&self, town: &str) -> Holidays {
        let mut days = self.days.clone();
        for (name, own) in &self.towns {
            if same_name(name, town) {
                days.extend(own.iter().copied());
            }
        }
        Holidays::of(days)
    }
}

/// Why a session's day may be a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionFlag {
    Holiday,
    Sunday,
    BeforeModule(Date),
    AfterModule(Date),
}

/// A day as the register's users write it: `02/06/2026`.
pub fn day_text(date: Date) -> String {
    date.strftime("%d/%m/%Y").to_string()
}

/// Why a session is flagged, in the user's words.
pub fn describe_flag(flag: SessionFlag, t: &Catalogue) -> String {
    match flag {
        SessionFlag::Holiday => t.session_flag_holiday.to_string(),
        SessionFlag::Sunday => t.session_flag_sunday.to_string(),
        SessionFlag::BeforeModule(day) => {
            fill(t.session_flag_before_module, &[("date", &day_text(day))])
        }
        SessionFlag::AfterModule(day) => {
            fill(t.session_flag_after_module, &[("date", &day_text(day))])
        }
    }
}

/// What is odd about a session on `date` of a module held in `town`
/// between `starts` and `ends` (when the module says): a holiday (the
/// register's or the town's), a Sunday, a day outside the module.
pub fn session_flags(
    date: Date,
    holidays: &Holidays,
    town: &str,
    starts: Option<Date>,
    ends: Option<Date>,
) -> Vec<SessionFlag> {
    let mut flags = Vec::new();
    if holidays.contains_in(date, town) {
        flags.push(SessionFlag::Holiday);
    }
    if date.weekday() == Weekday::Sunday {
        flags.push(SessionFlag::Sunday);
    }
    if let Some(starts) = starts.filter(|&s| date < s) {
        flags.push(SessionFlag::BeforeModule(starts));
    }
    if let Some(ends) = ends.filter(|&e| date > e) {
        flags.push(SessionFlag::AfterModule(ends));
    }
    flags
}

/// Easter Sunday of a Gregorian year (the anonymous algorithm).
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// When a repetition stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatEnd {
    /// After this many sessions.
    Count(usize),
    /// On or before this day.
    Until(Date),
}

/// "Every Tuesday and Thursday from 4 March, 4 sessions."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatRule {
    pub weekdays: Vec<Weekday>,
    pub from: Date,
    pub end: RepeatEnd,
}

/// The days a rule gives, and the holidays it stepped over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repetition {
    pub dates: Vec<Date>,
    pub skipped: Vec<Date>,
}

impl RepeatRule {
    /// The days of the rule, from `from` on, holidays left out (and not
    /// counted). Stops at `MAX_REPEAT` days whatever the rule says.
    pub fn dates(&self, holidays: &Holidays) -> Repetition {
        let mut out = Repetition::default();
        if self.weekdays.is_empty() {
            return out;
        }
        let wanted = match self.end {
            RepeatEnd::Count(n) => n.min(MAX_REPEAT),
            RepeatEnd::Until(_) => MAX_REPEAT,
        };
        let mut day = self.from;
        // Ten years of days is more than any rule needs.
        for _ in 0..3660 {
            if out.dates.len() >= wanted {
                break;
            }
            if let RepeatEnd::Until(last) = self.end
                && day > last
            {
                break;
            }
            if self.weekdays.contains(&day.weekday()) {
                if holidays.contains(day) {
                    out.skipped.push(day);
                } else {
                    out.dates.push(day);
                }
            }
            match day.checked_add(1.day()) {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }
}

/// A session as clash detection sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    /// `None` for a session not saved yet.
    pub session_id: Option<i64>,
    pub module_id: i64,
    pub module_code: String,
    pub date: Date,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    /// The module's tutors, by name.
    pub tutors: Vec<String>,
}

impl Booking {
    fn overlaps(&self, other: &Booking) -> bool {
        self.date == other.date
            && self.start_minute < other.end_minute
            && other.start_minute < self.end_minute
    }

    fn same(&self, other: &Booking) -> bool {
        self.session_id.is_some() && self.session_id == other.session_id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClashKind {
    Trainer,
    Tutor,
    Venue,
}

/// Two bookings of one trainer, tutor or venue at overlapping times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub kind: ClashKind,
    /// The trainer's, tutor's or venue's name as the first booking has it.
    pub name: String,
    pub first: Booking,
    pub second: Booking,
}

/// Names compared as people type them: case and spaces do not count.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let a = fold(a);
    !a.is_empty() && a == fold(b)
}

fn between(kind: ClashKind, a: &Booking, b: &Booking, out: &mut Vec<Clash>) {
    let mut push = |name: &str| {
        out.push(Clash {
            kind,
            name: name.to_string(),
            first: a.clone(),
            second: b.clone(),
        })
    };
    match kind {
        ClashKind::Trainer => {
            if let (Some(x), Some(y)) = (&a.trainer, &b.trainer)
                && same_name(x, y)
            {
                push(x);
            }
        }
        ClashKind::Venue => {
            if let (Some(x), Some(y)) = (&a.venue, &b.venue)
                && same_name(x, y)
            {
                push(x);
            }
        }
        ClashKind::Tutor => {
            // One module's sessions share its tutors by design: only two
            // modules can make a tutor be in two places.
            if a.module_id == b.module_id {
                return;
            }
            for x in &a.tutors {
                if b.tutors.iter().any(|y| same_name(x, y)) {
                    push(x);
                }
            }
        }
    }
}

fn clashes_of(a: &Booking, b: &Booking, out: &mut Vec<Clash>) {
    if a.same(b) || !a.overlaps(b) {
        return;
    }
    for kind in [ClashKind::Trainer, ClashKind::Tutor, ClashKind::Venue] {
        between(kind, a, b, out);
    }
}

/// The clashes of `new` bookings with `existing` ones and among
/// themselves. An existing booking with the same session id as a new one
/// is the session being edited: it is left out.
pub fn clashes_with(new: &[Booking], existing: &[Booking]) -> Vec<Clash> {
    let mut out = Vec::new();
    for (index, a) in new.iter().enumerate() {
        for b in existing {
            if new.iter().any(|n| n.same(b)) {
                continue;
            }
            clashes_of(a, b, &mut out);
        }
        for b in &new[index + 1..] {
            clashes_of(a, b, &mut out);
        }
    }
    out
}

/// Every clash among `bookings`, sorted by day and time.
pub fn all_clashes(bookings: &[Booking]) -> Vec<Clash> {
    let mut sorted: Vec<&Booking> = bookings.iter().collect();
    sorted.sort_by_key(|b| (b.date, b.start_minute));
    let mut out = Vec::new();
    for (index, a) in sorted.iter().enumerate() {
        for b in &sorted[index + 1..] {
            if b.date != a.date {
                break;
            }
            clashes_of(a, b, &mut out);
        }
    }
    out
}

/// A module whose sessions add up to other hours than it plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursMismatch {
    pub module_id: i64,
    pub module_code: String,
    pub planned_minutes: i64,
    pub scheduled_minutes: i64,
}

/// `Some` when the scheduled minutes differ from the planned ones.
pub fn hours_mismatch(
    module_id: i64,
    module_code: &str,
    planned_minutes: i64,
    scheduled_minutes: i64,
) -> Option<HoursMismatch> {
    (planned_minutes != scheduled_minutes).then(|| HoursMismatch {
        module_id,
        module_code: module_code.to_string(),
        planned_minutes,
        scheduled_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn rule(days: &[Weekday], from: Date, end: RepeatEnd) -> RepeatRule {
        RepeatRule {
            weekdays: days.to_vec(),
            from,
            end,
        }
    }

    #[test]
    fn easter_falls_where_the_calendar_says() {
        assert_eq!(easter_sunday(2013), Some(date(2013, 3, 31)));
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
        let italy = Holidays::italy();
        assert!(italy.contains(date(2026, 4, 6)));
        assert!(!italy.contains(date(2026, 4, 5 + 2)));
        assert!(italy.contains(date(2013, 4, 1)));
        assert!(italy.contains(date(2026, 12, 8)));
    }

    #[test]
    fn holidays_are_read_as_the_config_writes_them() {
        assert_eq!(
            Holiday::parse("12-25"),
            Ok(Holiday::Yearly {
                month: 12,
                day: 25,
                years: Years::ALWAYS
            })
        );
        assert_eq!(
            Holiday::parse("2026-03-19"),
            Ok(Holiday::Once(date(2026, 3, 19)))
        );
        assert_eq!(Holiday::parse("easter-monday"), Ok(Holiday::EasterMonday));
        assert!(Holiday::parse("02-30").is_err());
        assert!(Holiday::parse("Christmas").is_err());
        assert_eq!(
            Holiday::parse("02-29").map(|h| h.to_string()),
            Ok("02-29".into())
        );
    }

    #[test]
    fn tuesdays_and_thursdays_from_a_date_count_sessions() {
        // 4 March 2026 is a Wednesday: the first is Thursday the 5th.
        let r = rule(
            &[Weekday::Tuesday, Weekday::Thursday],
            date(2026, 3, 4),
            RepeatEnd::Count(4),
        );
        let got = r.dates(&Holidays::default());
        assert_eq!(
            got.dates,
            vec![
                date(2026, 3, 5),
                date(2026, 3, 10),
                date(2026, 3, 12),
                date(2026, 3, 17)
            ]
        );
        assert!(got.skipped.is_empty());
    }

    #[test]
    fn a_month_end_and_a_holiday_are_crossed_and_skipped() {
        // Mondays and Fridays from 20 April 2026, into May: Friday 1 May
        // is Labour Day (Easter Monday, the 6th, is before the start).
        let r = rule(
            &[Weekday::Monday, Weekday::Friday],
            date(2026, 4, 20),
            RepeatEnd::Count(4),
        );
        let got = r.dates(&Holidays::italy());
        assert_eq!(
            got.dates,
            vec![
                date(2026, 4, 20),
                date(2026, 4, 24),
                date(2026, 4, 27),
                // Friday 1 May is Labour Day.
                date(2026, 5, 4),
            ]
        );
        assert_eq!(got.skipped, vec![date(2026, 5, 1)]);
    }

    #[test]
    fn easter_monday_is_skipped_and_not_counted() {
        // Eight Mondays from 16 March 2026: Easter Monday is 6 April.
        let r = rule(&[Weekday::Monday], date(2026, 3, 16), RepeatEnd::Count(8));
        let got = r.dates(&Holidays::italy());
        assert_eq!(got.dates.len(), 8);
        assert_eq!(got.skipped, vec![date(2026, 4, 6)]);
        assert_eq!(got.dates.last(), Some(&date(2026, 5, 11)));
        assert!(!got.dates.contains(&date(2026, 4, 6)));
    }

    #[test]
    fn a_daylight_saving_change_moves_nothing() {
        // Italy goes to summer time on Sunday 29 March 2026 and back on
        // Sunday 25 October: the days stay one week apart, each a Monday.
        for from in [date(2026, 3, 23), date(2026, 10, 19)] {
            let r = rule(
                &[Weekday::Monday, Weekday::Sunday],
                from,
                RepeatEnd::Count(4),
            );
            let got = r.dates(&Holidays::default());
            assert_eq!(got.dates.len(), 4);
            for pair in got.dates.windows(2) {
                let gap = pair[0].until(pair[1]).map(|s| s.get_days()).unwrap_or(0);
                assert!(gap == 1 || gap == 6, "{pair:?}");
            }
            assert!(
                got.dates
                    .iter()
                    .any(|d| d.month() == from.month() && d.day() == from.day() + 6)
            );
        }
    }

    #[test]
    fn until_a_date_includes_it_and_stops_there() {
        let r = rule(
            &[Weekday::Tuesday],
            date(2026, 1, 27),
            RepeatEnd::Until(date(2026, 2, 17)),
        );
        let got = r.dates(&Holidays::italy());
        assert_eq!(
            got.dates,
            vec![
                date(2026, 1, 27),
                date(2026, 2, 3),
                date(2026, 2, 10),
                date(2026, 2, 17)
            ]
        );
        let none = rule(&[], date(2026, 1, 1), RepeatEnd::Count(3));
        assert!(none.dates(&Holidays::italy()).dates.is_empty());
        let huge = rule(
            &[Weekday::Monday],
            date(2026, 1, 1),
            RepeatEnd::Count(100_000),
        );
        assert_eq!(huge.dates(&Holidays::default()).dates.len(), MAX_REPEAT);
    }

    fn booking(id: i64, module: i64, day: Date, start: i64, end: i64) -> Booking {
        Booking {
            session_id: Some(id),
            module_id: module,
            module_code: format!("M{module:02}"),
            date: day,
            start_minute: start,
            end_minute: end,
            venue: None,
            trainer: None,
            tutors: Vec::new(),
        }
    }

    #[test]
    fn a_trainer_in_two_towns_at_the_same_hour_clashes() {
        let day = date(2026, 3, 10);
        let mut a = booking(1, 1, day, 9 * 60, 13 * 60);
        a.trainer = Some("Avv. Conte".into());
        a.venue = Some("Sala A, Cremona".into());
        let mut b = booking(2, 2, day, 12 * 60, 14 * 60);
        b.trainer = Some("avv.  conte".into());
        b.venue = Some("Sala B, Crema".into());
        let got = all_clashes(&[a.clone(), b.clone()]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, ClashKind::Trainer);
        assert_eq!(got[0].name, "Avv. Conte");
        // Back to back is no clash.
        b.start_minute = 13 * 60;
        assert!(all_clashes(&[a.clone(), b.clone()]).is_empty());
        // Nor is another day.
        b.start_minute = 9 * 60;
        b.date = date(2026, 3, 11);
        assert!(all_clashes(&[a, b]).is_empty());
    }

    #[test]
    fn venues_and_tutors_clash_too_but_not_one_module_with_its_tutors() {
        let day = date(2026, 3, 10);
        let mut a = booking(1, 1, day, 540, 780);
        a.venue = Some("Aula 1".into());
        a.tutors = vec!["Marta".into()];
        let mut b = booking(2, 2, day, 600, 660);
        b.venue = Some("aula 1".into());
        b.tutors = vec!["Marta".into(), "Luca".into()];
        let kinds: Vec<ClashKind> = all_clashes(&[a.clone(), b.clone()])
            .iter()
            .map(|c| c.kind)
            .collect();
        assert_eq!(kinds, vec![ClashKind::Tutor, ClashKind::Venue]);
        let mut c = booking(3, 1, day, 600, 660);
        c.tutors = vec!["Marta".into()];
        assert!(all_clashes(&[a.clone(), c]).is_empty());
    }

    #[test]
    fn new_bookings_are_checked_against_the_register_and_each_other() {
        let day = date(2026, 3, 10);
        let mut saved = booking(1, 1, day, 540, 780);
        saved.trainer = Some("Ferri".into());
        // The same session being edited does not clash with itself.
        let mut edited = saved.clone();
        edited.start_minute = 600;
        assert!(clashes_with(&[edited], std::slice::from_ref(&saved)).is_empty());
        let mut new1 = booking(0, 2, day, 600, 700);
        new1.session_id = None;
        new1.trainer = Some("Ferri".into());
        let new2 = new1.clone();
        let got = clashes_with(&[new1, new2], &[saved]);
        // With the register's, and the two new ones with each other.
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn hours_that_do_not_add_up_are_told() {
        assert_eq!(hours_mismatch(1, "M01", 960, 960), None);
        let got = hours_mismatch(1, "M01", 960, 720);
        assert_eq!(got.map(|m| m.scheduled_minutes), Some(720));
    }
}
