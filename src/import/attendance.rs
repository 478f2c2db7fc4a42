//! A file of attendance: module, date (and start, when the module has
//! two sessions that day), the person, hours attended, and a mark that
//! follows from the hours when the file has none.

use std::collections::HashMap;

use super::problem::Problem;
use super::read::Record;
use super::who::Participations;
use super::{Job, Phase, fields};
use crate::domain::{Mark, format_clock, format_hours};
use crate::store::lookup::Lookup;
use crate::store::request_writer::MarkRow;
use crate::store::{self, attendance, bulk};

struct Planned {
    enrolment: i64,
    session: i64,
    minutes: i64,
    mark: Mark,
}

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let mut who = Participations::open(job, records.len())?;
    let mut sessions = Lookup::by_key(job.bulk, bulk::sessions_on);
    let mut existing = Lookup::by_key(job.bulk, bulk::mark_of);
    let mut seen: HashMap<(i64, i64), u64> = HashMap::new();
    // Whether each session may be marked, asked once per session.
    let mut allowed: HashMap<i64, Result<(), attendance::MarkRefusal>> = HashMap::new();
    let mut planned = Vec::new();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        // A row with neither hours nor a mark says nothing: the attendance
        // export writes one for each session not yet marked, and imports back.
        if cells.optional("hours").is_none() && cells.optional("mark").is_none() {
            continue;
        }
        let module = who.module(&mut cells)?;
        let date = cells.parse("date", fields::date);
        let start = cells.parse_optional("start", fields::time);
        let minutes = cells.parse("hours", fields::quarter_hours);
        let mark = cells.parse_optional("mark", |t| {
            Mark::parse(t).map_err(|_| Problem::UnknownMark(t.to_string()))
        });
        let session = match (&module, date) {
            (Some((module_id, code)), Some(date)) => {
                let day = sessions
                    .get(&(*module_id, date.to_string()))?
                    .map_or(&[][..], Vec::as_slice);
                let found: Vec<&bulk::SessionRow> = day
                    .iter()
                    .filter(|s| start.is_none_or(|start| s.start_minute == start))
                    .collect();
                match (found.as_slice(), start) {
                    ([one], _) => Some(*one),
                    ([], Some(start)) => {
                        cells.refuse(
                            "start",
                            Problem::SessionAtTimeNotFound {
                                module: code.clone(),
                                date: cells.text("date").to_string(),
                                start: format_clock(start),
                            },
                        );
                        None
                    }
                    ([], None) => {
                        cells.refuse(
                            "date",
                            Problem::SessionNotFound {
                                module: code.clone(),
                                date: cells.text("date").to_string(),
                            },
                        );
                        None
                    }
                    (many, _) => {
                        cells.refuse("date", Problem::SessionAmbiguous { count: many.len() });
                        None
                    }
                }
            }
            _ => None,
        };
        if let Some(session) = session
            && session.cancelled
        {
            cells.refuse("date", Problem::SessionCancelled);
        } else if let Some(session) = session
            && let Err(refusal) = match allowed.get(&session.id) {
                Some(known) => known.clone(),
                None => {
                    let found = job.bulk.check_mark(job.actor, session.id)?;
                    allowed.insert(session.id, found.clone());
                    found
                }
            }
        {
            // A session not yet held, or a module the user may not mark.
            cells.refuse("date", Problem::NotAllowed(refusal));
        }
        let length = session.map(|s| s.end_minute - s.start_minute);
        if let (Some(minutes), Some(length)) = (minutes, length)
            && minutes > length
        {
            cells.refuse(
                "hours",
                Problem::HoursBeyondSession {
                    hours: cells.text("hours").to_string(),
                    length: format_hours(length),
                },
            );
        }
        let enrolment = who.enrolment(&mut cells, module)?;
        let clean = cells.is_clean();
        job.keep_errors(cells);
        let (true, Some(session), Some(enrolment), Some(minutes), Some(length)) =
            (clean, session, enrolment, minutes, length)
        else {
            continue;
        };
        let mark = mark.unwrap_or_else(|| Mark::from_minutes(minutes, length));
        let key = (enrolment, session.id);
        if let Some(&line) = seen.get(&key) {
            job.refuse(record.line, "date", Problem::Repeats { line });
            continue;
        }
        seen.insert(key, record.line);
        match existing.get(&key)? {
            Some((old_minutes, old_mark)) => {
                job.outcome.skipped += 1;
                if *old_minutes != minutes {
                    job.note(
                        record.line,
                        "hours",
                        &format_hours(minutes),
                        &format_hours(*old_minutes),
                    );
                }
                if mark.as_str() != old_mark && job.mapping.has("mark") {
                    job.note(record.line, "mark", mark.as_str(), old_mark);
                }
            }
            None => planned.push(Planned {
                enrolment,
                session: session.id,
                minutes,
                mark,
            }),
        }
    }
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    let (stamp, user) = (job.stamp.clone(), job.actor.user.clone());
    let mut marks = job.bulk.marks()?;
    for (index, plan) in planned.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, planned.len());
        marks.write(&MarkRow {
            enrolment_id: plan.enrolment,
            session_id: plan.session,
            minutes: plan.minutes,
            mark: plan.mark.as_str(),
            at: &stamp,
            by: &user,
            // A file carries hours, not times: a mark it writes has none.
            arrived: None,
            left: None,
        })?;
    }
    job.outcome.added.attendance = planned.len();
    Ok(())
}
