//! A participation's rating: its satisfaction score, 1 to 5, with an
//! optional comment. Set from the person card or the roster, one
//! transaction with its audit entry.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::{Result, Store, StoreError, refused, writes};
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
        Some(other) => Err(refused(
            |t| t.refuse_rate_not_participation,
            &[("status", crate::i18n::current().status(other))],
        )),
    }
}

impl Store {
    /// Sets (or replaces) a participation's rating. A blank comment is
    /// no comment.
    pub fn set_rating(
        &self,
        actor: &Actor,
        enrolment_id: i64,
        score: i64,
        comment: Option<&str>,
    ) -> Result<()> {
        if !(1..=5).contains(&score) {
            return Err(refused(
                |t| t.refuse_rating_range,
                &[("score", &score.to_string())],
            ));
        }
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx| {
            check_participation(tx, enrolment_id)?;
            let before = current(tx, enrolment_id)?;
            let after = Rating {
                score,
                comment: comment.map(str::to_string),
            };
            if before.as_ref() == Some(&after) {
                return Ok(());
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
            )
        })
    }

    /// Removes a participation's rating, if it has one.
    pub fn remove_rating(&self, actor: &Actor, enrolment_id: i64) -> Result<()> {
        self.write(|tx| {
            let Some(before) = current(tx, enrolment_id)? else {
                return Ok(());
            };
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
