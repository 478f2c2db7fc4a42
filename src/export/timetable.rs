//! The timetable: sessions and modules as sheets for the writers of
//! every export (CSV, JSON, XLSX), and sessions as an iCalendar file a
//! calendar program imports, and imports again after a change without
//! duplicating: each session keeps its UID, and a higher SEQUENCE says
//! which copy is newer.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

use super::ics::{self, Calendar};
use super::{Cell, Sheet};
use crate::domain::format_clock;
use crate::i18n::Catalogue;
use crate::store::timetable::{TimetableModule, TimetableSession};

pub const SESSION_COLUMNS: &[&str] = &[
    "id",
    "module",
    "module_title",
    "date",
    "start",
    "end",
    "venue",
    "location",
    "trainer",
    "tutors",
    "topic",
    "cancelled",
];

pub const MODULE_COLUMNS: &[&str] = &[
    "module",
    "title",
    "axis",
    "location",
    "venue",
    "planned_hours",
    "starts_on",
    "ends_on",
    "sessions",
    "scheduled_hours",
    "tutors",
];

/// The sessions, one row each.
pub fn sessions_sheet(sessions: &[TimetableSession]) -> Sheet {
    Sheet::new("sessions", SESSION_COLUMNS).with_rows(
        sessions
            .iter()
            .map(|s| {
                vec![
                    Cell::Number(s.id as f64),
                    Cell::text(s.module_code.clone()),
                    Cell::text(s.module_title.clone()),
                    Cell::date(s.date.clone()),
                    Cell::text(format_clock(s.start_minute)),
                    Cell::text(format_clock(s.end_minute)),
                    Cell::maybe(s.venue.clone()),
                    Cell::text(s.location.clone()),
                    Cell::maybe(s.trainer.clone()),
                    Cell::maybe((!s.tutors.is_empty()).then(|| s.tutors.join(", "))),
                    Cell::maybe(s.topic.clone()),
                    Cell::Word(if s.cancelled { "yes" } else { "no" }.to_string()),
                ]
            })
            .collect(),
    )
}

/// The modules, one row each.
pub fn modules_sheet(modules: &[TimetableModule]) -> Sheet {
    Sheet::new("modules", MODULE_COLUMNS).with_rows(
        modules
            .iter()
            .map(|m| {
                vec![
                    Cell::text(m.code.clone()),
                    Cell::text(m.title.clone()),
                    Cell::text(m.axis_code.clone()),
                    Cell::text(m.location.clone()),
                    Cell::maybe(m.venue.clone()),
                    Cell::hours(m.planned_minutes),
                    m.starts_on.clone().map_or(Cell::Empty, Cell::date),
                    m.ends_on.clone().map_or(Cell::Empty, Cell::date),
                    Cell::Number(m.sessions as f64),
                    Cell::hours(m.scheduled_minutes),
                    Cell::maybe((!m.tutors.is_empty()).then(|| m.tutors.join(", "))),
                ]
            })
            .collect(),
    )
}

/// A UTC instant as iCalendar writes it: `20261126T120000Z`.
fn utc(instant: Timestamp) -> String {
    instant.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A session's day and minute after midnight as a local time in Rome:
/// `20261126T090000` (minute 1440 is the next day's midnight).
fn local(date: Date, minute: i64) -> Option<String> {
    let midnight: DateTime = date.at(0, 0, 0, 0);
    let at = midnight
        .checked_add(jiff::Span::new().minutes(minute))
        .ok()?;
    Some(at.strftime("%Y%m%dT%H%M%S").to_string())
}

/// The event's UID: the session's id and the register's identity, the
/// same in every export of this register.
pub fn uid(session_id: i64, register_id: &str) -> String {
    format!("session-{session_id}-{register_id}@registro")
}

/// The sessions as an iCalendar file: one event each, times in
/// Europe/Rome, stamped with `now` (the Clock's), cancelled ones as
/// `STATUS:CANCELLED`; descriptions in the words of `t`.
pub fn calendar(
    sessions: &[TimetableSession],
    register_id: &str,
    now: Timestamp,
    t: &Catalogue,
) -> Vec<u8> {
    let mut out = Calendar::new();
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line("PRODID", "-//registro//timetable//IT");
    out.line("CALSCALE", "GREGORIAN");
    out.line("METHOD", "PUBLISH");
    out.raw(ics::EUROPE_ROME);
    let stamp = utc(now);
    for s in sessions {
        let Ok(date) = s.date.parse::<Date>() else {
            continue;
        };
        let (Some(start), Some(end)) = (local(date, s.start_minute), local(date, s.end_minute))
        else {
            continue;
        };
        out.line("BEGIN", "VEVENT");
        out.line("UID", &ics::text(&uid(s.id, register_id)));
        out.line("DTSTAMP", &stamp);
        out.line("DTSTART;TZID=Europe/Rome", &start);
        out.line("DTEND;TZID=Europe/Rome", &end);
        out.line("SEQUENCE", &(s.version - 1).max(0).to_string());
        if let Some(changed) = s
            .last_modified
            .as_deref()
            .and_then(|at| at.parse::<Timestamp>().ok())
        {
            out.line("LAST-MODIFIED", &utc(changed));
        }
        let summary = match &s.topic {
            Some(topic) => format!("{} {}: {topic}", s.module_code, s.module_title),
            None => format!("{} {}", s.module_code, s.module_title),
        };
        out.line("SUMMARY", &ics::text(&summary));
        let place: Vec<&str> = s
            .venue
            .iter()
            .map(String::as_str)
            .chain([s.location.as_str()])
            .filter(|p| !p.trim().is_empty())
            .collect();
        if !place.is_empty() {
            out.line("LOCATION", &ics::text(&place.join(", ")));
        }
        let mut description = Vec::new();
        if let Some(trainer) = &s.trainer {
            description.push(format!("{}: {trainer}", t.ics_trainer));
        }
        if !s.tutors.is_empty() {
            description.push(format!("{}: {}", t.ics_tutors, s.tutors.join(", ")));
        }
        if let Some(topic) = &s.topic {
            description.push(format!("{}: {topic}", t.ics_topic));
        }
        if !description.is_empty() {
            out.line("DESCRIPTION", &ics::text(&description.join("\n")));
        }
        out.line(
            "STATUS",
            if s.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            },
        );
        out.line("END", "VEVENT");
    }
    out.line("END", "VCALENDAR");
    out.into_bytes()
}
