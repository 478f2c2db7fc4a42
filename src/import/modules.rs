//! A file of modules: code, title, axis, location, hours, capacity,
//! dates, venue. A module whose code the register has is left as it is.

use std::collections::HashMap;

use super::problem::Problem;
use super::read::Record;
use super::{Job, Phase, fields};
use crate::domain::format_hours;
use crate::store::{self, bulk};

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let axes = job.bulk.axes()?;
    let existing: HashMap<String, bulk::ModuleRow> = job
        .bulk
        .modules()?
        .into_iter()
        .map(|m| (m.code.to_uppercase(), m))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut new = Vec::new();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        let code = cells.required("code");
        let title = cells.required("title");
        let axis = cells.required("axis").and_then(|text| {
            let found = axes.iter().find(|a| {
                a.code.eq_ignore_ascii_case(text) || a.title.to_lowercase() == text.to_lowercase()
            });
            cells.check("axis", found.ok_or(Problem::UnknownAxis(text.to_string())))
        });
        let location = cells.required("location");
        let minutes = cells.parse("hours", fields::hours);
        let capacity = cells.parse("capacity", fields::count);
        let starts = cells.parse("starts_on", fields::date);
        let ends = cells.parse("ends_on", fields::date);
        if let (Some(starts), Some(ends)) = (starts, ends)
            && ends < starts
        {
            cells.refuse("ends_on", Problem::EndsBeforeStart);
        }
        let venue = cells.optional("venue");
        if let Some(code) = code {
            let key = code.to_uppercase();
            if let Some(&line) = seen.get(&key) {
                cells.refuse("code", Problem::Repeats { line });
            } else {
                seen.insert(key, record.line);
            }
        }
        let clean = cells.is_clean();
        job.keep_errors(cells);
        let (
            true,
            Some(code),
            Some(title),
            Some(axis),
            Some(location),
            Some(minutes),
            Some(capacity),
            Some(starts),
            Some(ends),
        ) = (
            clean, code, title, axis, location, minutes, capacity, starts, ends,
        )
        else {
            continue;
        };
        let row = bulk::ModuleRow {
            id: 0,
            code: code.to_string(),
            title: title.to_string(),
            axis_id: axis.id,
            location: location.to_string(),
            venue: venue.map(str::to_string),
            planned_minutes: minutes,
            capacity,
            starts_on: Some(starts.to_string()),
            ends_on: Some(ends.to_string()),
        };
        match existing.get(&code.to_uppercase()) {
            Some(old) => {
                job.outcome.skipped += 1;
                let old_axis = axes
                    .iter()
                    .find(|a| a.id == old.axis_id)
                    .map_or("", |a| a.code.as_str());
                let pairs: [(&str, Option<String>, Option<String>); 8] = [
                    ("title", Some(row.title.clone()), Some(old.title.clone())),
                    ("axis", Some(axis.code.clone()), Some(old_axis.to_string())),
                    (
                        "location",
                        Some(row.location.clone()),
                        Some(old.location.clone()),
                    ),
                    (
                        "hours",
                        Some(format_hours(minutes)),
                        Some(format_hours(old.planned_minutes)),
                    ),
                    (
                        "capacity",
                        Some(capacity.to_string()),
                        Some(old.capacity.to_string()),
                    ),
                    ("starts_on", row.starts_on.clone(), old.starts_on.clone()),
                    ("ends_on", row.ends_on.clone(), old.ends_on.clone()),
                    ("venue", row.venue.clone(), old.venue.clone()),
                ];
                job.note_differences(record.line, &pairs);
            }
            None => new.push(row),
        }
    }
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    let mut inserts = bulk::ModuleInserts::new(job.bulk)?;
    for (index, module) in new.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, new.len());
        inserts.insert(module)?;
    }
    job.outcome.added.modules = new.len();
    Ok(())
}
