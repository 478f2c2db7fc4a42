//! A participation's rating: its satisfaction score, 1 to 5, with an
//! optional comment. Set from the person card or the roster, one
//! transaction with its audit entry, by a user who may mark the module,
//! once the module has started, never over a rating the screen did not
//! show.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::attendance::{MarkRefusal, has_started, may_mark};
use super::audit_log::last_entry;
use super::{Filling, Refusal, Result, Store, StoreError, refused, refused_with, writes};
use crate::context::Actor;

/// A rating as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub score: i64,
    pub comment: Option<String>,
}

fn current(tx: &Transaction, enrolment_id: i64) -> Result<Option<Rating>> {
    Ok(tx
        .query_row(
            "SELECT score, comment FROM rating WHERE enrolment_id = ?1",
            [enrolment_id],
            |row| {
                Ok(Rating {
                    score: row.get(0)?,
                    comment: row.get(1)?,
                })
            },
        )
        .optional()?)
}

fn as_json(rating: &Rating) -> serde_json::Value {
    json!({ "score": rating.score, "comment": rating.comment })
}

/// Only a participation (accepted, not withdrawn) can be rated.
fn check_participation(tx: &Transaction, enrolment_id: i64) -> Result<()> {
    let status: Option<String> = tx
        .query_row(
            "SELECT status FROM enrolment WHERE id = ?1",
            [enrolment_id],
            |row| row.get(0),
        )
        .optional()?;
    match status.as_deref() {
        None => Err(StoreError::NotFound("enrolment")),
        Some("accepted") => Ok(()),
        Some(other) => Err(refused_with(
            |t| t.refuse_rate_not_participation,
            vec![("status", Filling::Status(other.to_string()))],
        )),
    }
}

/// What a rating found in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingOutcome {
    Saved,
    /// Someone else changed the rating since the screen showed it:
    /// nothing written; what it is now, who and when.
    Stale {
        current: Option<Rating>,
        by: Option<String>,
        at: Option<String>,
    },
}

/// Role and clock: a tutor rates only in their modules, and nobody
/// before the module's first session has started.
fn check_module(
    tx: &Transaction,
    actor: &Actor,
    enrolment_id: i64,
) -> Result<std::result::Result<(), MarkRefusal>> {
    let Some((module_id, code)) = tx
        .query_row(
            "SELECT m.id, m.code FROM enrolment e JOIN module m ON m.id = e.module_id WHERE e.id = ?1",
            [enrolment_id],
            |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()?
    else {
        return Err(StoreError::NotFound("enrolment"));
    };
    if !may_mark(tx, actor, module_id)? {
        return Ok(Err(MarkRefusal::NotYourModule));
    }
    let first: Option<(String, i64)> = tx
        .query_row(
            "SELECT date, start_minute FROM session WHERE module_id = ?1 AND NOT cancelled
             ORDER BY date, start_minute LIMIT 1",
            [module_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match first {
        Some((date, start)) if has_started(&date, start, &actor.clock) => Ok(Ok(())),
        _ => Ok(Err(MarkRefusal::ModuleNotStarted { module: code })),
    }
}

/// Whether a module may be rated now by `actor`: for imports, inside
/// their transaction.
pub(crate) fn check_import_rating(
    tx: &Transaction,
    actor: &Actor,
    enrolment_id: i64,
) -> Result<std::result::Result<(), MarkRefusal>> {
    check_module(tx, actor, enrolment_id)
}

impl Store {
    /// Sets (or replaces) a participation's rating, if the register still
    /// holds `seen` (what the screen showed; `None` inside: no rating).
    /// A blank comment is no comment.
    pub fn rate(
        &self,
        actor: &Actor,
        enrolment_id: i64,
        seen: Option<Rating>,
        score: i64,
        comment: Option<&str>,
    ) -> Result<std::result::Result<RatingOutcome, MarkRefusal>> {
        self.write_rating(actor, enrolment_id, Some(seen), score, comment)
    }

    /// Sets (or replaces) a participation's rating, whatever it was. A
    /// refusal of the role or the clock comes as `StoreError::Refused`.
    pub fn set_rating(
        &self,
        actor: &Actor,
        enrolment_id: i64,
        score: i64,
        comment: Option<&str>,
    ) -> Result<()> {
        match self.write_rating(actor, enrolment_id, None, score, comment)? {
            Ok(_) => Ok(()),
            Err(refusal) => Err(StoreError::Refused(Refusal::Mark(refusal))),
        }
    }

    fn write_rating(
        &self,
        actor: &Actor,
        enrolment_id: i64,
        seen: Option<Option<Rating>>,
        score: i64,
        comment: Option<&str>,
    ) -> Result<std::result::Result<RatingOutcome, MarkRefusal>> {
        if !(1..=5).contains(&score) {
            return Err(refused(
                |t| t.refuse_rating_range,
                &[("score", &score.to_string())],
            ));
        }
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx| {
            check_participation(tx, enrolment_id)?;
            if let Err(refusal) = check_module(tx, actor, enrolment_id)? {
                return Ok(Err(refusal));
            }
            let before = current(tx, enrolment_id)?;
            let after = Rating {
                score,
                comment: comment.map(str::to_string),
            };
            if before.as_ref() == Some(&after) {
                return Ok(Ok(RatingOutcome::Saved));
            }
            if let Some(seen) = seen
                && seen != before
            {
                let (by, at) = last_entry(tx, "rating", enrolment_id, None)?;
                return Ok(Ok(RatingOutcome::Stale {
                    current: before,
                    by,
                    at,
                }));
            }
            tx.execute(
                "INSERT INTO rating(enrolment_id, score, comment) VALUES (?1, ?2, ?3)
                 ON CONFLICT(enrolment_id) DO UPDATE SET score = ?2, comment = ?3",
                params![enrolment_id, score, comment],
            )?;
            writes::audit(
                tx,
                actor,
                "rating",
                Some(enrolment_id),
                if before.is_some() { "update" } else { "create" },
                before.as_ref().map(as_json).as_ref(),
                Some(&as_json(&after)),
            )?;
            Ok(Ok(RatingOutcome::Saved))
        })
    }

    /// Removes a participation's rating, if it has one: only by a user
    /// who may rate it.
    pub fn remove_rating(&self, actor: &Actor, enrolment_id: i64) -> Result<()> {
        self.write(|tx| {
            let Some(before) = current(tx, enrolment_id)? else {
                return Ok(());
            };
            if let Err(refusal) = check_module(tx, actor, enrolment_id)? {
                return Err(StoreError::Refused(Refusal::Mark(refusal)));
            }
            tx.execute("DELETE FROM rating WHERE enrolment_id = ?1", [enrolment_id])?;
            writes::audit(
                tx,
                actor,
                "rating",
                Some(enrolment_id),
                "delete",
                Some(&as_json(&before)),
                None,
            )
        })
    }

    /// A participation's rating, if any.
    pub fn rating(&self, enrolment_id: i64) -> Result<Option<Rating>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT score, comment FROM rating WHERE enrolment_id = ?1",
                [enrolment_id],
                |row| {
                    Ok(Rating {
                        score: row.get(0)?,
                        comment: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }
}
