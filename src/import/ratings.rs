//! A file of ratings: module, the person, a score from 1 to 5 and an
//! optional comment; one rating per participation.

use std::collections::HashMap;

use super::problem::Problem;
use super::read::Record;
use super::who::Participations;
use super::{Job, Phase, differs, fields};
use crate::store::lookup::Lookup;
use crate::store::{self, bulk};

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let mut who = Participations::open(job, records.len())?;
    let mut existing = Lookup::by_key(job.bulk, bulk::rating_of);
    let mut seen: HashMap<i64, u64> = HashMap::new();
    let mut planned = Vec::new();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        let module = who.module(&mut cells)?;
        let score = cells.parse("rating", fields::rating);
        let comment = cells.optional("comment");
        let enrolment = who.enrolment(&mut cells, module)?;
        if let Some(enrolment) = enrolment
            && let Err(refusal) = job.bulk.check_rating(job.actor, enrolment)?
        {
            // A module not yet started, or one the user may not rate.
            cells.refuse("module", Problem::NotAllowed(refusal));
        }
        let clean = cells.is_clean();
        job.keep_errors(cells);
        let (true, Some(enrolment), Some(score)) = (clean, enrolment, score) else {
            continue;
        };
        if let Some(&line) = seen.get(&enrolment) {
            job.refuse(record.line, super::ROW, Problem::Repeats { line });
            continue;
        }
        seen.insert(enrolment, record.line);
        match existing.get(&enrolment)? {
            Some((old_score, old_comment)) => {
                job.outcome.skipped += 1;
                if *old_score != score {
                    job.note(
                        record.line,
                        "rating",
                        &score.to_string(),
                        &old_score.to_string(),
                    );
                }
                if differs(comment, old_comment.as_deref()) {
                    job.note(
                        record.line,
                        "comment",
                        comment.unwrap_or(""),
                        old_comment.as_deref().unwrap_or(""),
                    );
                }
            }
            None => planned.push((enrolment, score, comment.map(str::to_string))),
        }
    }
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    let mut inserts = bulk::RatingInserts::new(job.bulk)?;
    for (index, (enrolment, score, comment)) in planned.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, planned.len());
        inserts.insert(*enrolment, *score, comment.as_deref())?;
    }
    job.outcome.added.ratings = planned.len();
    Ok(())
}
