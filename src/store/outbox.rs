//! The outbox: one message per decision, queued in the decision's own
//! transaction, and what became of it. Only those who decide requests
//! (coordinators, admins) read or touch it; tutors have none of it.
//! Sending is `registro mail send` (src/mail/smtp.rs): a message is
//! claimed (its Message-ID and final words recorded) before it goes and
//! marked sent only after the server accepted it.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError};
use crate::access::Permission;
use crate::context::Actor;
use crate::domain::Status;
use crate::mail::{MessageKind, MessageSession, MessageStatus, OutboxMessage, PersonLanguage};

/// A certificate's PDF, for the message that brings it to its person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateMail {
    pub enrolment_id: i64,
    /// The attachment's name as the person sees it:
    /// `attestato-2026-00001.pdf`.
    pub file_name: String,
    pub pdf: Vec<u8>,
}

/// How long a claimed message is left alone by another `mail send`
/// (two crons overlapping), and after a crash before it is tried again.
pub const CLAIM_MINUTES: i64 = 10;

/// The kind of message a decision from `from` to `to` sends, if any. A
/// request put back to "requested" (a decision taken back) tells nobody;
/// nor does a withdrawal, which is the person's own act: she told the
/// office, the office need not tell her back. (Registers made before
/// this rule may hold `withdrawn` messages; they are worded and sent as
/// any other.)
pub fn kind_for(from: Status, to: Status) -> Option<MessageKind> {
    match to {
        Status::Accepted if from == Status::Waitlisted => Some(MessageKind::Offered),
        Status::Accepted => Some(MessageKind::Accepted),
        Status::Waitlisted => Some(MessageKind::Waitlisted),
        Status::Rejected => Some(MessageKind::Rejected),
        Status::Withdrawn | Status::Requested => None,
    }
}

/// Queues the message a decision on request `enrolment_id` sends, inside
/// the decision's transaction. A message about the same request not yet
/// gone (pending, held or failed) is superseded first: the person hears
/// the request's outcome as it stands, and a decision taken back before
/// the next `mail send` never reaches them. The superseded message stays
/// in the outbox, marked so, for the office to see why it did not go.
pub(crate) fn queue_for_decision(
    tx: &Transaction,
    actor: &Actor,
    enrolment_id: i64,
    kind: Option<MessageKind>,
    reason: Option<&str>,
) -> Result<Option<i64>> {
    // A certificate is no decision: it leaves the others alone.
    let superseded: Vec<i64> = if kind == Some(MessageKind::Certificate) {
        Vec::new()
    } else {
        tx.prepare_cached(
            "SELECT id FROM outbox WHERE enrolment_id = ?1 AND kind <> 'certificate'
             AND status IN ('pending', 'held', 'failed')",
        )?
        .query_map([enrolment_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?
    };
    for id in superseded {
        set_status(tx, actor, id, MessageStatus::Superseded, "supersede", None)?;
    }
    let Some(kind) = kind else {
        return Ok(None);
    };
    tx.execute(
        "INSERT INTO outbox(person_id, enrolment_id, kind, reason, queued_at, queued_by)
         SELECT person_id, id, ?2, ?3, ?4, ?5 FROM enrolment WHERE id = ?1",
        params![
            enrolment_id,
            kind.as_str(),
            reason,
            actor.clock.stamp(),
            actor.user
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit(
        tx,
        actor,
        "outbox",
        Some(id),
        "queue",
        None,
        Some(&json!({ "enrolment": enrolment_id, "kind": kind.as_str() })),
    )?;
    Ok(Some(id))
}

fn set_status(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    to: MessageStatus,
    action: &str,
    detail: Option<serde_json::Value>,
) -> Result<()> {
    let from: String = tx
        .query_row("SELECT status FROM outbox WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?
        .ok_or(StoreError::NotFound("message"))?;
    tx.execute(
        "UPDATE outbox SET status = ?2 WHERE id = ?1",
        params![id, to.as_str()],
    )?;
    let mut after = json!({ "status": to.as_str() });
    if let (Some(extra), Some(object)) = (detail, after.as_object_mut())
        && let Some(extra) = extra.as_object()
    {
        object.extend(extra.clone());
    }
    audit(
        tx,
        actor,
        "outbox",
        Some(id),
        action,
        Some(&json!({ "status": from })),
        Some(&after),
    )
}

const SELECT: &str = "SELECT o.id, o.person_id, p.surname, p.given_name, p.email, p.language,
        o.kind, o.status, o.reason, o.subject, o.body, o.edited_by, o.attachment, o.recipient,
        o.message_id, o.attempts, o.next_attempt_at, o.last_error, o.batch, o.queued_at,
        o.queued_by, o.done_at, m.code, m.title, m.starts_on, m.ends_on, m.location, m.venue, m.id
     FROM outbox o JOIN person p ON p.id = o.person_id
     LEFT JOIN enrolment e ON e.id = o.enrolment_id
     LEFT JOIN module m ON m.id = e.module_id";

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<(OutboxMessage, Option<i64>)> {
    let kind: String = row.get(6)?;
    let status: String = row.get(7)?;
    let bad = |what: &str, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("outbox {what}: {text}").into(),
        )
    };
    Ok((
        OutboxMessage {
            id: row.get(0)?,
            person_id: row.get(1)?,
            surname: row.get(2)?,
            given_name: row.get(3)?,
            email: row
                .get::<_, Option<String>>(4)?
                .filter(|e| !e.trim().is_empty()),
            language: row.get(5)?,
            kind: MessageKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
            status: MessageStatus::parse(&status).ok_or_else(|| bad("status", &status))?,
            reason: row.get(8)?,
            subject: row.get(9)?,
            body: row.get(10)?,
            edited_by: row.get(11)?,
            attachment: row.get(12)?,
            recipient: row.get(13)?,
            message_id: row.get(14)?,
            attempts: row.get(15)?,
            next_attempt_at: row.get(16)?,
            last_error: row.get(17)?,
            batch: row.get(18)?,
            queued_at: row.get(19)?,
            queued_by: row.get(20)?,
            done_at: row.get(21)?,
            module_code: row.get(22)?,
            module_title: row.get(23)?,
            starts_on: row.get(24)?,
            ends_on: row.get(25)?,
            town: row.get(26)?,
            venue: row.get(27)?,
            sessions: Vec::new(),
        },
        row.get(28)?,
    ))
}

impl Store {
    /// Refuses the outbox to anyone who may not decide requests.
    fn outbox_reader(&self, actor: &Actor) -> Result<()> {
        let user = self.acting_user(&actor.user)?;
        if user.may(Permission::DecideEnrolments) {
            Ok(())
        } else {
            Err(StoreError::Denied {
                user: user.login,
                role: user.role,
            })
        }
    }

    /// The messages with one of `statuses` (all when empty), newest first.
    pub fn outbox_list(
        &self,
        actor: &Actor,
        statuses: &[MessageStatus],
    ) -> Result<Vec<OutboxMessage>> {
        self.outbox_reader(actor)?;
        let wanted: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        let wanted = wanted.join(",");
        let list = self
            .conn()
            .prepare(&format!(
                "{SELECT} WHERE ?1 = '' OR instr(',' || ?1 || ',', ',' || o.status || ',') > 0
                 ORDER BY o.id DESC"
            ))?
            .query_map([wanted], from_row)?
            .map(|row| row.map(|(message, _)| message))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One message, with its module's sessions (not cancelled).
    pub fn outbox_message(&self, actor: &Actor, id: i64) -> Result<OutboxMessage> {
        self.outbox_reader(actor)?;
        self.outbox_read(id)
    }

    fn outbox_read(&self, id: i64) -> Result<OutboxMessage> {
        let (mut message, module) = self
            .conn()
            .query_row(&format!("{SELECT} WHERE o.id = ?1"), [id], from_row)
            .optional()?
            .ok_or(StoreError::NotFound("message"))?;
        if let Some(module) = module {
            message.sessions = self
                .conn()
                .prepare_cached(
                    "SELECT date, start_minute, end_minute, venue FROM session
                     WHERE module_id = ?1 AND cancelled = 0 ORDER BY date, start_minute",
                )?
                .query_map([module], |row| {
                    Ok(MessageSession {
                        date: row.get(0)?,
                        start_minute: row.get(1)?,
                        end_minute: row.get(2)?,
                        venue: row.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(message)
    }

    /// The messages `mail send` should deal with now: pending ones, and
    /// failed ones whose next attempt is due; none claimed by another
    /// run a moment ago, none to an erased person.
    pub fn outbox_due(&self, actor: &Actor) -> Result<Vec<OutboxMessage>> {
        self.outbox_reader(actor)?;
        let now = actor.clock.stamp();
        let ids: Vec<i64> = self
            .conn()
            .prepare(
                "SELECT o.id FROM outbox o JOIN person p ON p.id = o.person_id
                 WHERE o.status IN ('pending', 'failed') AND p.erased = 0
                   AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?1)
                 ORDER BY o.id",
            )?
            .query_map([now], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.outbox_read(id)).collect()
    }

    /// A coordinator's own words for a message not yet gone.
    pub fn outbox_edit(&self, actor: &Actor, id: i64, subject: &str, body: &str) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            let (status, before_subject, before_body) = open_message(tx, id)?;
            tx.execute(
                "UPDATE outbox SET subject = ?2, body = ?3, edited_by = ?4 WHERE id = ?1",
                params![id, subject, body, actor.user],
            )?;
            audit(
                tx,
                actor,
                "outbox",
                Some(id),
                "edit",
                Some(&json!({ "status": status, "subject": before_subject, "body": before_body })),
                Some(&json!({ "subject": subject, "body": body })),
            )
        })
    }

    /// Holds a message back (`hold`), or lets a held one go again.
    pub fn outbox_hold(&self, actor: &Actor, id: i64, hold: bool) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            let (status, _, _) = open_message(tx, id)?;
            let to = match (hold, status.as_str()) {
                (true, _) => MessageStatus::Held,
                (false, "held") => MessageStatus::Pending,
                (false, _) => return Ok(()),
            };
            set_status(
                tx,
                actor,
                id,
                to,
                if hold { "hold" } else { "release" },
                None,
            )
        })
    }

    /// Throws a message away before it goes.
    pub fn outbox_discard(&self, actor: &Actor, id: i64) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            open_message(tx, id)?;
            set_status(tx, actor, id, MessageStatus::Discarded, "discard", None)
        })
    }

    /// Records, before a message goes, its Message-ID, recipient and
    /// final words, one more attempt, and a claim that keeps another
    /// run off it for CLAIM_MINUTES. False when it is no longer to be
    /// sent (discarded, held or sent meanwhile) or another run claimed
    /// it a moment ago.
    pub fn outbox_claim(
        &self,
        actor: &Actor,
        id: i64,
        message_id: &str,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> Result<bool> {
        let until = later(actor, CLAIM_MINUTES)?;
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            let claimed = tx.execute(
                "UPDATE outbox SET message_id = coalesce(message_id, ?2), recipient = ?3,
                        subject = ?4, body = ?5, attempts = attempts + 1, next_attempt_at = ?6
                 WHERE id = ?1 AND status IN ('pending', 'failed')
                   AND (next_attempt_at IS NULL OR next_attempt_at <= ?7)",
                params![
                    id,
                    message_id,
                    recipient,
                    subject,
                    body,
                    until,
                    actor.clock.stamp()
                ],
            )?;
            Ok(claimed == 1)
        })
    }

    /// The Message-ID recorded for a message (kept from its first claim,
    /// so that a message sent again after a crash carries the same one).
    pub fn outbox_message_id(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT message_id FROM outbox WHERE id = ?1", [id], |row| {
                row.get(0)
            })?)
    }

    /// The server accepted the message.
    pub fn outbox_sent(&self, actor: &Actor, id: i64, answer: &str) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            let (recipient, message_id): (Option<String>, Option<String>) = tx.query_row(
                "SELECT recipient, message_id FROM outbox WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            tx.execute(
                "UPDATE outbox SET done_at = ?2, next_attempt_at = NULL, last_error = NULL WHERE id = ?1",
                params![id, actor.clock.stamp()],
            )?;
            set_status(
                tx,
                actor,
                id,
                MessageStatus::Sent,
                "send",
                Some(json!({ "to": recipient, "message_id": message_id, "answer": answer })),
            )
        })
    }

    /// The server refused the message, or could not be reached: kept,
    /// with its answer, to be tried again after `retry_minutes`.
    pub fn outbox_failed(
        &self,
        actor: &Actor,
        id: i64,
        answer: &str,
        retry_minutes: i64,
    ) -> Result<()> {
        let next = later(actor, retry_minutes)?;
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            tx.execute(
                "UPDATE outbox SET last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
                params![id, answer, next],
            )?;
            set_status(
                tx,
                actor,
                id,
                MessageStatus::Failed,
                "fail",
                Some(json!({ "answer": answer, "next_attempt_at": next })),
            )
        })
    }

    /// The letter was written to a batch file for printing.
    pub fn outbox_printed(
        &self,
        actor: &Actor,
        id: i64,
        batch: &str,
        subject: &str,
        body: &str,
    ) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            tx.execute(
                "UPDATE outbox SET batch = ?2, subject = ?3, body = ?4, done_at = ?5,
                        next_attempt_at = NULL WHERE id = ?1",
                params![id, batch, subject, body, actor.clock.stamp()],
            )?;
            set_status(
                tx,
                actor,
                id,
                MessageStatus::Printed,
                "print",
                Some(json!({ "batch": batch })),
            )
        })
    }

    /// Which of these participations' certificates still owe their
    /// person a message, with the person's language: those of people
    /// with an e-mail address, not erased, whose certificate has had no
    /// message yet (whatever became of it: sent, discarded…). So a
    /// reprint queues nothing, and a print that stopped between giving
    /// the numbers and queueing the messages queues them the next time.
    pub fn certificates_owed(
        &self,
        actor: &Actor,
        enrolment_ids: &[i64],
    ) -> Result<Vec<(i64, PersonLanguage)>> {
        self.outbox_reader(actor)?;
        let mut owed = Vec::new();
        let mut statement = self.conn().prepare_cached(
            "SELECT p.language FROM enrolment e JOIN person p ON p.id = e.person_id
             WHERE e.id = ?1 AND p.erased = 0 AND trim(coalesce(p.email, '')) <> ''
               AND NOT EXISTS (SELECT 1 FROM outbox o
                               WHERE o.enrolment_id = e.id AND o.kind = 'certificate')",
        )?;
        for &enrolment in enrolment_ids {
            let language: Option<String> = statement
                .query_row([enrolment], |row| row.get(0))
                .optional()?;
            if let Some(language) = language {
                owed.push((enrolment, PersonLanguage::from_code(&language)));
            }
        }
        Ok(owed)
    }

    /// Queues the messages that bring participants their certificates,
    /// each with its PDF kept in the register beside it (so it leaves
    /// with the person, and nothing outside the register must last until
    /// it goes), all in one change. A participation that has had its
    /// certificate message already gets no other. How many were queued.
    pub fn queue_certificates(&self, actor: &Actor, mails: &[CertificateMail]) -> Result<usize> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::DecideEnrolments)?;
            let mut queued = 0;
            for mail in mails {
                let inserted = tx.execute(
                    "INSERT OR IGNORE INTO outbox(person_id, enrolment_id, kind, attachment,
                            attachment_data, queued_at, queued_by)
                     SELECT person_id, id, 'certificate', ?2, ?3, ?4, ?5 FROM enrolment
                     WHERE id = ?1",
                    params![
                        mail.enrolment_id,
                        mail.file_name,
                        mail.pdf,
                        actor.clock.stamp(),
                        actor.user
                    ],
                )?;
                if inserted == 0 {
                    continue;
                }
                queued += 1;
                audit(
                    tx,
                    actor,
                    "outbox",
                    Some(tx.last_insert_rowid()),
                    "queue",
                    None,
                    Some(&json!({
                        "enrolment": mail.enrolment_id,
                        "kind": MessageKind::Certificate.as_str(),
                        "attachment": mail.file_name,
                    })),
                )?;
            }
            Ok(queued)
        })
    }

    /// The file a message carries, its name and its bytes, if any.
    pub fn outbox_attachment(&self, actor: &Actor, id: i64) -> Result<Option<(String, Vec<u8>)>> {
        self.outbox_reader(actor)?;
        let found: Option<(Option<String>, Option<Vec<u8>>)> = self
            .conn()
            .query_row(
                "SELECT attachment, attachment_data FROM outbox WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(match found {
            Some((Some(name), Some(bytes))) => Some((name, bytes)),
            _ => None,
        })
    }
}

/// A message a coordinator may still change: its status and words.
fn open_message(tx: &Transaction, id: i64) -> Result<(String, Option<String>, Option<String>)> {
    let (status, subject, body): (String, Option<String>, Option<String>) = tx
        .query_row(
            "SELECT status, subject, body FROM outbox WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("message"))?;
    let parsed = MessageStatus::parse(&status);
    if let Some(gone) = parsed.filter(|s| !s.is_open()) {
        // Worded at the edge, in the reader's language.
        let word = crate::mail::words::status_word_of(gone);
        return Err(super::error::refused_with(
            |t| t.refuse_message_gone,
            vec![("status", super::error::Filling::Word(word))],
        ));
    }
    Ok((status, subject, body))
}

/// The register's stamp `minutes` from the actor's now.
fn later(actor: &Actor, minutes: i64) -> Result<String> {
    let at = actor
        .clock
        .now()
        .checked_add(jiff::Span::new().minutes(minutes))
        .map_err(|e| StoreError::refused_text(e.to_string()))?;
    Ok(at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}
