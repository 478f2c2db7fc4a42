//! Taking attendance: one mark at a time, each in its own transaction
//! with its audit entry, never over a change the screen has not seen.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError, refused};
use crate::context::Actor;
use crate::domain::{Mark, QUARTER_HOUR};

/// What a participant's cell in a roster holds: hours and mark, or
/// nothing while not marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    pub minutes: i64,
    pub mark: Mark,
}

/// One cell changed: what the screen showed before, and what it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkChange {
    pub enrolment_id: i64,
    pub before: Option<Attendance>,
    pub after: Option<Attendance>,
}

impl MarkChange {
    /// The change that takes it back.
    pub fn inverse(self) -> MarkChange {
        MarkChange {
            enrolment_id: self.enrolment_id,
            before: self.after,
            after: self.before,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkOutcome {
    Saved,
    /// Someone else changed the cell since the screen read it: nothing
    /// was written; here is what the register holds now, and who and when.
    Stale {
        current: Option<Attendance>,
        by: Option<String>,
        at: Option<String>,
    },
}

/// Why a mark cannot be made, for the screen to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRefusal {
    Closed,
    Cancelled,
    TooManyHours,
    NotQuarterHours,
    NotAParticipant,
    /// A tutor marking a session of a module they are not assigned to.
    NotYourModule,
}

impl std::fmt::Display for MarkRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            MarkRefusal::Closed => "the roll call of this session is closed",
            MarkRefusal::Cancelled => "this session is cancelled",
            MarkRefusal::TooManyHours => "more hours than the session lasts",
            MarkRefusal::NotQuarterHours => "hours go in quarter hours",
            MarkRefusal::NotAParticipant => "not a participant of this module",
            MarkRefusal::NotYourModule => "not one of your modules",
        };
        f.write_str(text)
    }
}

struct SessionState {
    module_id: i64,
    length: i64,
    closed: bool,
    cancelled: bool,
}

fn session_state(tx: &Transaction, session_id: i64) -> Result<SessionState> {
    tx.query_row(
        "SELECT module_id, end_minute - start_minute, closed_at IS NOT NULL, cancelled
         FROM session WHERE id = ?1",
        [session_id],
        |row| {
            Ok(SessionState {
                module_id: row.get(0)?,
                length: row.get(1)?,
                closed: row.get(2)?,
                cancelled: row.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NotFound("session"))
}

fn current(
    tx: &Transaction,
    session_id: i64,
    enrolment_id: i64,
) -> Result<Option<(Attendance, String, String)>> {
    let row: Option<(i64, String, String, String)> = tx
        .query_row(
            "SELECT minutes, mark, updated_by, updated_at FROM attendance
             WHERE session_id = ?1 AND enrolment_id = ?2",
            params![session_id, enrolment_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((minutes, mark, by, at)) => {
            let mark = Mark::parse(&mark).map_err(|e| StoreError::Refused(e.to_string()))?;
            Ok(Some((Attendance { minutes, mark }, by, at)))
        }
    }
}

fn describe(value: Option<Attendance>) -> serde_json::Value {
    match value {
        Some(a) => json!({"minutes": a.minutes, "mark": a.mark.as_str()}),
        None => serde_json::Value::Null,
    }
}

/// Whether the actor's role lets them mark this module's sessions: a
/// tutor only their own modules'.
fn may_mark(tx: &Transaction, actor: &Actor, module_id: i64) -> Result<bool> {
    use crate::access::{Permission, allows};
    match super::users::role_of(tx, &actor.user)? {
        role if allows(role, Permission::SeeEverything) => Ok(true),
        role if !allows(role, Permission::MarkAttendance) => Ok(false),
        _ => Ok(tx.query_row(
            "SELECT count(*) > 0 FROM user_module um JOIN app_user u ON u.id = um.user_id
             WHERE u.login = ?1 AND um.module_id = ?2",
            params![actor.user, module_id],
            |row| row.get(0),
        )?),
    }
}

/// Checks a change against the rules and the register, then writes it.
/// Returns `Ok(Err(refusal))` for a rule, `Stale` for a conflict.
fn apply(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    change: MarkChange,
) -> Result<std::result::Result<MarkOutcome, MarkRefusal>> {
    let session = session_state(tx, session_id)?;
    if !may_mark(tx, actor, session.module_id)? {
        return Ok(Err(MarkRefusal::NotYourModule));
    }
    if session.closed {
        return Ok(Err(MarkRefusal::Closed));
    }
    if session.cancelled {
        return Ok(Err(MarkRefusal::Cancelled));
    }
    if let Some(after) = change.after {
        if after.minutes > session.length || after.minutes < 0 {
            return Ok(Err(MarkRefusal::TooManyHours));
        }
        if after.minutes % QUARTER_HOUR != 0 {
            return Ok(Err(MarkRefusal::NotQuarterHours));
        }
    }
    let participant: bool = tx
        .query_row(
            "SELECT count(*) > 0 FROM enrolment WHERE id = ?1 AND module_id = ?2 AND status = 'accepted'",
            params![change.enrolment_id, session.module_id],
            |row| row.get(0),
        )?;
    if !participant {
        return Ok(Err(MarkRefusal::NotAParticipant));
    }
    let now = current(tx, session_id, change.enrolment_id)?;
    let now_value = now.as_ref().map(|(a, _, _)| *a);
    if now_value != change.before {
        let (by, at) = match now {
            Some((_, by, at)) => (Some(by), Some(at)),
            None => (None, None),
        };
        return Ok(Ok(MarkOutcome::Stale {
            current: now_value,
            by,
            at,
        }));
    }
    if now_value == change.after {
        return Ok(Ok(MarkOutcome::Saved));
    }
    match change.after {
        Some(after) => {
            tx.execute(
                "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(enrolment_id, session_id) DO UPDATE SET
                     minutes = excluded.minutes, mark = excluded.mark,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                     version = version + 1",
                params![
                    change.enrolment_id,
                    session_id,
                    after.minutes,
                    after.mark.as_str(),
                    actor.clock.stamp(),
                    actor.user
                ],
            )?;
        }
        None => {
            tx.execute(
                "DELETE FROM attendance WHERE enrolment_id = ?1 AND session_id = ?2",
                params![change.enrolment_id, session_id],
            )?;
        }
    }
    audit(
        tx,
        actor,
        "attendance",
        Some(session_id),
        "mark",
        Some(&json!({"enrolment": change.enrolment_id, "value": describe(change.before)})),
        Some(&json!({"enrolment": change.enrolment_id, "value": describe(change.after)})),
    )?;
    Ok(Ok(MarkOutcome::Saved))
}

impl Store {
    /// Writes one mark, in its own transaction, unless the register no
    /// longer holds what the screen showed (`change.before`).
    pub fn set_mark(
        &self,
        actor: &Actor,
        session_id: i64,
        change: MarkChange,
    ) -> Result<std::result::Result<MarkOutcome, MarkRefusal>> {
        self.write(|tx| apply(tx, actor, session_id, change))
    }

    /// Writes several marks as one change (`a`, or undoing it): all land
    /// or none. Stops at the first refusal or conflict, writing nothing.
    pub fn set_marks(
        &self,
        actor: &Actor,
        session_id: i64,
        changes: &[MarkChange],
    ) -> Result<std::result::Result<MarkOutcome, MarkRefusal>> {
        let tx = self.begin_immediate()?;
        for change in changes {
            match apply(&tx, actor, session_id, *change)? {
                Ok(MarkOutcome::Saved) => {}
                other => return Ok(other), // dropping tx rolls back
            }
        }
        tx.commit()?;
        Ok(Ok(MarkOutcome::Saved))
    }

    /// Closes the roll call: the session's marks become read-only.
    pub fn close_roll_call(&self, actor: &Actor, session_id: i64) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE session SET closed_at = ?2, closed_by = ?3, version = version + 1
                 WHERE id = ?1 AND closed_at IS NULL",
                params![session_id, actor.clock.stamp(), actor.user],
            )?;
            if changed > 0 {
                audit(
                    tx,
                    actor,
                    "session",
                    Some(session_id),
                    "close roll call",
                    None,
                    None,
                )?;
            }
            Ok(())
        })
    }

    /// Reopens a closed roll call; the reason goes to the audit log.
    pub fn reopen_roll_call(&self, actor: &Actor, session_id: i64, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(refused(|t| t.refuse_reopen_needs_reason, &[]));
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE session SET closed_at = NULL, closed_by = NULL, version = version + 1
                 WHERE id = ?1 AND closed_at IS NOT NULL",
                [session_id],
            )?;
            if changed > 0 {
                audit(
                    tx,
                    actor,
                    "session",
                    Some(session_id),
                    "reopen roll call",
                    None,
                    Some(&json!({ "reason": reason.trim() })),
                )?;
            }
            Ok(())
        })
    }
}

/// How long a presence row counts after its last refresh, in seconds.
pub const PRESENCE_TTL: i64 = 30;

impl Store {
    /// Says that `token` (one open screen) is on this session's roster.
    pub fn announce_presence(&self, token: &str, session_id: i64, actor: &Actor) -> Result<()> {
        let now = actor.clock.now().as_second();
        self.write_unseen(|tx| {
            tx.execute(
                "INSERT INTO roster_presence(token, session_id, user, seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(token) DO UPDATE SET session_id = excluded.session_id, seen_at = excluded.seen_at",
                params![token, session_id, actor.user, now],
            )?;
            // Screens that vanished without saying goodbye (a kill -9).
            tx.execute(
                "DELETE FROM roster_presence WHERE seen_at < ?1",
                [now - 10 * PRESENCE_TTL],
            )?;
            Ok(())
        })
    }

    pub fn leave_presence(&self, token: &str) -> Result<()> {
        self.write_unseen(|tx| {
            tx.execute("DELETE FROM roster_presence WHERE token = ?1", [token])?;
            Ok(())
        })
    }

    /// The other users with this roster open now.
    pub fn others_present(&self, token: &str, session_id: i64, now: i64) -> Result<Vec<String>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT DISTINCT coalesce(u.display_name, p.user) FROM roster_presence p
             LEFT JOIN app_user u ON u.login = p.user
             WHERE p.session_id = ?1 AND p.token <> ?2 AND p.seen_at >= ?3 ORDER BY 1",
        )?;
        let names = statement
            .query_map(params![session_id, token, now - PRESENCE_TTL], |row| {
                row.get(0)
            })?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }
}
