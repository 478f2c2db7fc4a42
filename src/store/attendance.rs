//! Taking attendance: one mark at a time, each in its own transaction
//! with its audit entry, never over a change the screen has not seen,
//! only by a user who may mark the module, and only once the session
//! has started.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::audit_log::last_entry;
use super::writes::audit;
use super::{Result, Store, StoreError, refused};
use crate::context::{Actor, Clock};
use crate::domain::{Mark, QUARTER_HOUR, format_clock};
use crate::i18n::fill;

/// What a participant's cell in a roster holds: hours and mark, or
/// nothing while not marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    pub minutes: i64,
    pub mark: Mark,
    /// The times written for it, when the hours follow from them.
    pub times: Times,
}

impl Attendance {
    /// Hours and mark alone, no times written.
    pub fn hours(minutes: i64, mark: Mark) -> Attendance {
        Attendance {
            minutes,
            mark,
            times: Times::default(),
        }
    }
}

/// When a participant arrived after the start or left before the end,
/// in minutes after midnight: what the signature sheet prints. `None`:
/// the session's own start or end (or hours typed directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    pub arrived: Option<i64>,
    pub left: Option<i64>,
}

impl Times {
    pub fn is_empty(self) -> bool {
        self.arrived.is_none() && self.left.is_none()
    }

    /// The minutes attended between them, within a session from
    /// `start` to `end`, counted in whole quarter hours (a quarter begun
    /// late is not a quarter attended); `None` when they are not a
    /// span inside the session.
    pub fn minutes_within(self, start: i64, end: i64) -> Option<i64> {
        let from = self.arrived.unwrap_or(start);
        let to = self.left.unwrap_or(end);
        if from < start || to > end || from >= to {
            return None;
        }
        Some((to - from) / QUARTER_HOUR * QUARTER_HOUR)
    }
}

/// A participant's row of a session as the signature sheet prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceTimes {
    pub enrolment_id: i64,
    pub minutes: i64,
    pub mark: Mark,
    pub times: Times,
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

/// A cell that another user changed after the screen drew it: what it
/// holds now, who wrote it (their name, else their login) and when (from the audit log when the mark
/// was taken away).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkConflict {
    pub enrolment_id: i64,
    pub current: Option<Attendance>,
    pub by: Option<String>,
    pub at: Option<String>,
}

/// What a batch of marks did: the changes written, or, when any cell
/// changed since it was drawn, every such cell and nothing written.
/// A cell already holding what was asked is neither: nothing to write,
/// nothing to undo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarkReport {
    pub written: Vec<MarkChange>,
    pub conflicts: Vec<MarkConflict>,
}

/// Why a mark, a rating or a roll call's closing cannot be made, for the
/// screen and the import to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkRefusal {
    Closed,
    Cancelled,
    TooManyHours,
    NotQuarterHours,
    /// Times that are not a span inside the session, whose own times
    /// (minutes after midnight) the refusal names.
    TimesOutsideSession {
        start_minute: i64,
        end_minute: i64,
    },
    NotAParticipant,
    /// A tutor marking a session of a module they are not assigned to.
    NotYourModule,
    /// The session has not started yet by the actor's clock.
    NotStarted {
        module: String,
        date: String,
        start_minute: i64,
    },
    /// A rating for a module none of whose sessions has started.
    ModuleNotStarted {
        module: String,
    },
}

impl MarkRefusal {
    /// The refusal in the words of a catalogue.
    pub fn text(&self, t: &crate::i18n::Catalogue) -> String {
        match self {
            MarkRefusal::Closed => t.roll_call_closed.to_string(),
            MarkRefusal::Cancelled => t.session_is_cancelled.to_string(),
            MarkRefusal::TooManyHours => t.hours_beyond_session.to_string(),
            MarkRefusal::NotQuarterHours => t.hours_quarter_only.to_string(),
            MarkRefusal::TimesOutsideSession {
                start_minute,
                end_minute,
            } => fill(
                t.time_outside_session,
                &[
                    ("start", &format_clock(*start_minute)),
                    ("end", &format_clock(*end_minute)),
                ],
            ),
            MarkRefusal::NotAParticipant => t.not_a_participant.to_string(),
            MarkRefusal::NotYourModule => t.not_your_module.to_string(),
            MarkRefusal::NotStarted {
                module,
                date,
                start_minute,
            } => fill(
                t.session_not_started,
                &[
                    ("module", module),
                    ("date", &local_date(date, t)),
                    ("start", &format_clock(*start_minute)),
                ],
            ),
            MarkRefusal::ModuleNotStarted { module } => {
                fill(t.module_not_started, &[("module", module)])
            }
        }
    }
}

/// A register date (`2026-12-03`) as the catalogue's language writes it.
pub fn local_date(date: &str, t: &crate::i18n::Catalogue) -> String {
    crate::i18n::format::Format::of(t).date_text(date)
}

/// Whether a session on `date` starting at `start_minute` has started by
/// `clock`, in the machine's time zone (the sessions' own).
pub fn has_started(date: &str, start_minute: i64, clock: &Clock) -> bool {
    let Ok(day) = date.parse::<Date>() else {
        return false;
    };
    let now = clock.now().to_zoned_datetime(TimeZone::system()).datetime();
    let hour = (start_minute / 60).clamp(0, 23) as i8;
    let minute = (start_minute % 60).clamp(0, 59) as i8;
    now >= day.at(hour, minute, 0, 0)
}

struct SessionState {
    module_id: i64,
    module_code: String,
    date: String,
    start_minute: i64,
    length: i64,
    closed: bool,
    cancelled: bool,
    closed_by: Option<String>,
    closed_at: Option<String>,
}

fn session_state(tx: &Transaction, session_id: i64) -> Result<SessionState> {
    tx.query_row(
        "SELECT s.module_id, m.code, s.date, s.start_minute, s.end_minute - s.start_minute,
                s.closed_at IS NOT NULL, s.cancelled,
                coalesce(u.display_name, s.closed_by), s.closed_at
         FROM session s JOIN module m ON m.id = s.module_id
         LEFT JOIN app_user u ON u.login = s.closed_by
         WHERE s.id = ?1",
        [session_id],
        |row| {
            Ok(SessionState {
                module_id: row.get(0)?,
                module_code: row.get(1)?,
                date: row.get(2)?,
                start_minute: row.get(3)?,
                length: row.get(4)?,
                closed: row.get(5)?,
                cancelled: row.get(6)?,
                closed_by: row.get(7)?,
                closed_at: row.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NotFound("session"))
}

impl SessionState {
    /// Role, then clock: who may write here, and whether it is time.
    fn check(
        &self,
        tx: &Transaction,
        actor: &Actor,
    ) -> Result<std::result::Result<(), MarkRefusal>> {
        if !may_mark(tx, actor, self.module_id)? {
            return Ok(Err(MarkRefusal::NotYourModule));
        }
        if !has_started(&self.date, self.start_minute, &actor.clock) {
            return Ok(Err(MarkRefusal::NotStarted {
                module: self.module_code.clone(),
                date: self.date.clone(),
                start_minute: self.start_minute,
            }));
        }
        Ok(Ok(()))
    }
}

fn current(
    tx: &Transaction,
    session_id: i64,
    enrolment_id: i64,
) -> Result<Option<(Attendance, String, String)>> {
    type Row = (i64, String, Option<i64>, Option<i64>, String, String);
    let row: Option<Row> = tx
        .query_row(
            "SELECT minutes, mark, arrived_minute, left_minute,
                    coalesce(u.display_name, a.updated_by), updated_at
             FROM attendance a LEFT JOIN app_user u ON u.login = a.updated_by
             WHERE session_id = ?1 AND enrolment_id = ?2",
            params![session_id, enrolment_id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            },
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((minutes, mark, arrived, left, by, at)) => {
            let mark = Mark::parse(&mark).map_err(|e| StoreError::refused_text(e.to_string()))?;
            let times = Times { arrived, left };
            Ok(Some((
                Attendance {
                    minutes,
                    mark,
                    times,
                },
                by,
                at,
            )))
        }
    }
}

/// Who took a cell's mark away, and when: the latest audit entry of a
/// mark of that cell.
fn last_mark_entry(
    tx: &Transaction,
    session_id: i64,
    enrolment_id: i64,
) -> Result<(Option<String>, Option<String>)> {
    Ok(tx
        .query_row(
            "SELECT coalesce(u.display_name, a.user), a.at
             FROM audit a LEFT JOIN app_user u ON u.login = a.user
             WHERE entity = 'attendance' AND entity_id = ?1 AND action = 'mark'
               AND json_extract(after, '$.enrolment') = ?2
             ORDER BY a.id DESC LIMIT 1",
            params![session_id, enrolment_id],
            |row| Ok((Some(row.get(0)?), Some(row.get(1)?))),
        )
        .optional()?
        .unwrap_or((None, None)))
}

fn describe(value: Option<Attendance>) -> serde_json::Value {
    match value {
        Some(a) if a.times.is_empty() => json!({"minutes": a.minutes, "mark": a.mark.as_str()}),
        Some(a) => json!({
            "minutes": a.minutes,
            "mark": a.mark.as_str(),
            "arrived": a.times.arrived.map(format_clock),
            "left": a.times.left.map(format_clock),
        }),
        None => serde_json::Value::Null,
    }
}

/// Whether the actor's role lets them write this module's attendance,
/// ratings and roll calls: a tutor only their own modules', nobody who
/// is not an active user of the register.
pub(super) fn may_mark(tx: &Transaction, actor: &Actor, module_id: i64) -> Result<bool> {
    use crate::access::{Permission, allows};
    match super::users::role_of(tx, &actor.user)? {
        // A name the register does not know, or a user removed.
        None => Ok(false),
        Some(role) if allows(role, Permission::SeeEverything) => Ok(true),
        Some(role) if !allows(role, Permission::MarkAttendance) => Ok(false),
        Some(_) => Ok(tx.query_row(
            "SELECT count(*) > 0 FROM user_module um JOIN app_user u ON u.id = um.user_id
             WHERE u.login = ?1 AND um.module_id = ?2",
            params![actor.user, module_id],
            |row| row.get(0),
        )?),
    }
}

/// Refuses, inside an import's transaction, marks of a session that has
/// not started or of a module the actor may not mark.
pub(crate) fn check_import_mark(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
) -> Result<std::result::Result<(), MarkRefusal>> {
    session_state(tx, session_id)?.check(tx, actor)
}

/// What one change found in the register.
enum Applied {
    Written,
    /// The cell already holds what was asked.
    AlreadySo,
    Stale(MarkConflict),
}

/// Checks a change against the rules and the register, then writes it.
fn apply(
    tx: &Transaction,
    actor: &Actor,
    session: &SessionState,
    session_id: i64,
    change: MarkChange,
) -> Result<std::result::Result<Applied, MarkRefusal>> {
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
        let start = session.start_minute;
        let end = start + session.length;
        if !after.times.is_empty() && after.times.minutes_within(start, end).is_none() {
            return Ok(Err(MarkRefusal::TimesOutsideSession {
                start_minute: start,
                end_minute: end,
            }));
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
    if now_value == change.after {
        return Ok(Ok(Applied::AlreadySo));
    }
    if now_value != change.before {
        let (by, at) = match now {
            Some((_, by, at)) => (Some(by), Some(at)),
            None => last_mark_entry(tx, session_id, change.enrolment_id)?,
        };
        return Ok(Ok(Applied::Stale(MarkConflict {
            enrolment_id: change.enrolment_id,
            current: now_value,
            by,
            at,
        })));
    }
    match change.after {
        Some(after) => {
            super::request_writer::MarkWriter::on(tx)?.write(&super::request_writer::MarkRow {
                enrolment_id: change.enrolment_id,
                session_id,
                minutes: after.minutes,
                mark: after.mark.as_str(),
                at: &actor.clock.stamp(),
                by: &actor.user,
                arrived: after.times.arrived,
                left: after.times.left,
            })?;
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
    Ok(Ok(Applied::Written))
}

/// What closing or reopening a roll call found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RollCallOutcome {
    Done,
    /// Someone else had already closed (or reopened) it: nothing written;
    /// who and when.
    AlreadyDone {
        by: Option<String>,
        at: Option<String>,
    },
}

impl Store {
    /// Writes a batch of marks as one change (a key, `a`, an undo): all
    /// land or none. Each change says what the screen showed
    /// (`before`); a cell that holds something else now is a conflict,
    /// and then nothing is written. Refusals (role, clock, closed
    /// roll call, hours) come first, whatever the cells hold.
    pub fn mark(
        &self,
        actor: &Actor,
        session_id: i64,
        changes: &[MarkChange],
    ) -> Result<std::result::Result<MarkReport, MarkRefusal>> {
        let tx = self.begin_immediate()?;
        let session = session_state(&tx, session_id)?;
        if let Err(refusal) = session.check(&tx, actor)? {
            return Ok(Err(refusal));
        }
        let mut report = MarkReport::default();
        for change in changes {
            match apply(&tx, actor, &session, session_id, *change)? {
                Err(refusal) => return Ok(Err(refusal)), // dropping tx rolls back
                Ok(Applied::Written) => report.written.push(*change),
                Ok(Applied::AlreadySo) => {}
                Ok(Applied::Stale(conflict)) => report.conflicts.push(conflict),
            }
        }
        if !report.conflicts.is_empty() {
            report.written.clear();
            return Ok(Ok(report)); // rolled back
        }
        tx.commit()?;
        Ok(Ok(report))
    }

    /// Writes one mark, in its own transaction, unless the register no
    /// longer holds what the screen showed (`change.before`).
    pub fn set_mark(
        &self,
        actor: &Actor,
        session_id: i64,
        change: MarkChange,
    ) -> Result<std::result::Result<MarkOutcome, MarkRefusal>> {
        self.set_marks(actor, session_id, &[change])
    }

    /// `mark`, told as saved or as the first conflict.
    pub fn set_marks(
        &self,
        actor: &Actor,
        session_id: i64,
        changes: &[MarkChange],
    ) -> Result<std::result::Result<MarkOutcome, MarkRefusal>> {
        Ok(self.mark(actor, session_id, changes)?.map(|report| {
            match report.conflicts.into_iter().next() {
                None => MarkOutcome::Saved,
                Some(conflict) => MarkOutcome::Stale {
                    current: conflict.current,
                    by: conflict.by,
                    at: conflict.at,
                },
            }
        }))
    }

    /// Closes the roll call: the session's marks become read-only. Only
    /// once the session has started, by a user who may mark it.
    pub fn close_roll_call(
        &self,
        actor: &Actor,
        session_id: i64,
    ) -> Result<std::result::Result<RollCallOutcome, MarkRefusal>> {
        self.write(|tx| {
            let session = session_state(tx, session_id)?;
            if let Err(refusal) = session.check(tx, actor)? {
                return Ok(Err(refusal));
            }
            if session.closed {
                return Ok(Ok(RollCallOutcome::AlreadyDone {
                    by: session.closed_by,
                    at: session.closed_at,
                }));
            }
            tx.execute(
                "UPDATE session SET closed_at = ?2, closed_by = ?3, version = version + 1
                 WHERE id = ?1",
                params![session_id, actor.clock.stamp(), actor.user],
            )?;
            audit(
                tx,
                actor,
                "session",
                Some(session_id),
                "close roll call",
                None,
                None,
            )?;
            Ok(Ok(RollCallOutcome::Done))
        })
    }

    /// Reopens a closed roll call; the reason goes to the audit log.
    /// Only by a user who may mark the session.
    pub fn reopen_roll_call(
        &self,
        actor: &Actor,
        session_id: i64,
        reason: &str,
    ) -> Result<std::result::Result<RollCallOutcome, MarkRefusal>> {
        if reason.trim().is_empty() {
            return Err(refused(|t| t.refuse_reopen_needs_reason, &[]));
        }
        self.write(|tx| {
            let session = session_state(tx, session_id)?;
            if !may_mark(tx, actor, session.module_id)? {
                return Ok(Err(MarkRefusal::NotYourModule));
            }
            if !session.closed {
                let (by, at) = last_entry(tx, "session", session_id, Some("reopen roll call"))?;
                return Ok(Ok(RollCallOutcome::AlreadyDone { by, at }));
            }
            tx.execute(
                "UPDATE session SET closed_at = NULL, closed_by = NULL, version = version + 1
                 WHERE id = ?1",
                [session_id],
            )?;
            audit(
                tx,
                actor,
                "session",
                Some(session_id),
                "reopen roll call",
                None,
                Some(&json!({ "reason": reason.trim() })),
            )?;
            Ok(Ok(RollCallOutcome::Done))
        })
    }
}

impl Store {
    /// Every mark of a session with its times, for the signature sheet:
    /// the arrival and leaving times recorded by `l` and `e` (none for a
    /// whole session or hours typed directly). Refused outside the
    /// user's reach.
    pub fn attendance_times(
        &self,
        reach: &super::reach::Reach,
        session_id: i64,
    ) -> Result<Vec<AttendanceTimes>> {
        self.check_session(reach, session_id)?;
        let mut statement = self.conn().prepare_cached(
            "SELECT enrolment_id, minutes, mark, arrived_minute, left_minute
             FROM attendance WHERE session_id = ?1 ORDER BY enrolment_id",
        )?;
        let rows = statement
            .query_map([session_id], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<i64>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(enrolment_id, minutes, mark, arrived, left)| {
                Ok(AttendanceTimes {
                    enrolment_id,
                    minutes,
                    mark: Mark::parse(&mark)
                        .map_err(|e| StoreError::refused_text(e.to_string()))?,
                    times: Times { arrived, left },
                })
            })
            .collect()
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
