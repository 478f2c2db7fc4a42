//! A file of sessions: module, date, start, end, venue, trainer, topic.
//! A session is known by its module, date and start time.

use std::collections::HashMap;

use super::problem::Problem;
use super::read::Record;
use super::{Job, Modules, Phase, fields};
use crate::domain::format_clock;
use crate::store::lookup::Lookup;
use crate::store::{self, bulk};

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let mut modules = Modules::open(job.bulk);
    let mut days = Lookup::by_key(job.bulk, bulk::sessions_on);
    let mut calendars = Lookup::by_key(job.bulk, store::planning::module_calendar);
    let mut seen: HashMap<(i64, String, i64), u64> = HashMap::new();
    let mut new = Vec::new();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        let module = modules.of_row(&mut cells)?.map(|(id, _)| id);
        let date = cells.parse("date", fields::date);
        let start = cells.parse("start", fields::time);
        let end = cells.parse("end", fields::end_time);
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            cells.refuse("end", Problem::EndNotAfterStart);
        }
        let (Some(module), Some(date), Some(start), Some(end)) = (module, date, start, end) else {
            job.keep_errors(cells);
            continue;
        };
        let key = (module, date.to_string(), start);
        if let Some(&line) = seen.get(&key) {
            cells.refuse("start", Problem::Repeats { line });
        } else {
            seen.insert(key.clone(), record.line);
        }
        let row = bulk::SessionRow {
            id: 0,
            module_id: module,
            date: date.to_string(),
            start_minute: start,
            end_minute: end,
            venue: cells.optional("venue").map(str::to_string),
            trainer: cells.optional("trainer").map(str::to_string),
            topic: cells.optional("topic").map(str::to_string),
            cancelled: false,
        };
        let clean = cells.is_clean();
        job.keep_errors(cells);
        if !clean {
            continue;
        }
        // The session at that start; of two, the one added last, as a
        // file imported before would have matched.
        let day = days.get(&(module, key.1.clone()))?;
        match day.and_then(|day| day.iter().rev().find(|s| s.start_minute == start)) {
            Some(old) => {
                job.outcome.skipped += 1;
                let pairs = [
                    (
                        "end",
                        Some(format_clock(row.end_minute)),
                        Some(format_clock(old.end_minute)),
                    ),
                    ("venue", row.venue.clone(), old.venue.clone()),
                    ("trainer", row.trainer.clone(), old.trainer.clone()),
                    ("topic", row.topic.clone(), old.topic.clone()),
                ];
                job.note_differences(record.line, &pairs);
            }
            None => {
                // A new session on a holiday, a Sunday or outside its
                // module: taken, and said with its line.
                if let Some(calendar) = calendars.get(&module)? {
                    for flag in calendar.flags(date, job.holidays) {
                        job.warn(record.line, "date", Problem::SessionFlagged { date, flag });
                    }
                }
                new.push(row);
            }
        }
    }
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    let mut inserts = bulk::SessionInserts::new(job.bulk)?;
    for (index, session) in new.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, new.len());
        inserts.insert(session)?;
    }
    job.outcome.added.sessions = new.len();
    Ok(())
}
