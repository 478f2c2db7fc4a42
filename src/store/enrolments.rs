//! Deciding enrolment requests: accept, reject, waitlist, withdraw. Every
//! decision is one transaction with its line in the request's history and
//! in the audit log; nothing is ever deleted.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError};
use crate::context::Actor;
use crate::domain::Status;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Done,
    /// Accepting would take the module beyond its places: ask first.
    OverCapacity(Crowding),
    /// The request is already at this status: nothing to do.
    NotAllowed {
        from: Status,
        to: Status,
    },
    /// Rejecting, withdrawing and correcting a decision need a reason.
    NeedsReason,
    /// Someone changed the request since the user saw it: nothing was
    /// written; the user is told who, when and what, and asked again.
    Changed(Conflict),
}

/// A module already full, as the question before going beyond it names
/// it: how many places are taken, and who was waiting before this person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crowding {
    pub module_code: String,
    pub participants: i64,
    pub capacity: i64,
    /// People on the waiting list who arrived before this request.
    pub waiting_before: Vec<String>,
}

/// What another user did to a request after this user saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub seen: Status,
    pub now: Status,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryLine {
    pub at: String,
    pub by: String,
    pub from: Option<String>,
    pub to: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OtherRequest {
    pub module_code: String,
    pub status: String,
}

/// A request in full, as the triage queue shows it beside the list.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDetail {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
    pub module_id: i64,
    pub module_code: String,
    pub module_title: String,
    pub received_on: String,
    pub status: String,
    pub reason: Option<String>,
    pub participants: i64,
    pub capacity: i64,
    pub waitlisted: i64,
    /// Accepted participants of the module from the same organisation.
    pub same_organisation: i64,
    pub others: Vec<OtherRequest>,
    pub history: Vec<HistoryLine>,
}

impl Store {
    pub fn request_detail(&self, id: i64) -> Result<RequestDetail> {
        let conn = self.conn();
        let mut detail = conn
            .query_row(
                "SELECT e.id, p.id, p.surname || ' ' || p.given_name, p.tax_code, p.email, p.organisation,
                        p.organisation_type, p.job_title, m.id, m.code, m.title, e.received_on, e.status,
                        e.reason, m.capacity,
                        (SELECT count(*) FROM enrolment x WHERE x.module_id = m.id AND x.status = 'accepted'),
                        (SELECT count(*) FROM enrolment x WHERE x.module_id = m.id AND x.status = 'waitlisted'),
                        (SELECT count(*) FROM enrolment x JOIN person q ON q.id = x.person_id
                          WHERE x.module_id = m.id AND x.status = 'accepted'
                            AND q.organisation = p.organisation AND q.organisation <> '')
                 FROM enrolment e JOIN person p ON p.id = e.person_id JOIN module m ON m.id = e.module_id
                 WHERE e.id = ?1",
                [id],
                |row| {
                    Ok(RequestDetail {
                        id: row.get(0)?,
                        person_id: row.get(1)?,
                        person: row.get(2)?,
                        tax_code: row.get(3)?,
                        email: row.get(4)?,
                        organisation: row.get(5)?,
                        organisation_type: row.get(6)?,
                        job_title: row.get(7)?,
                        module_id: row.get(8)?,
                        module_code: row.get(9)?,
                        module_title: row.get(10)?,
                        received_on: row.get(11)?,
                        status: row.get(12)?,
                        reason: row.get(13)?,
                        capacity: row.get(14)?,
                        participants: row.get(15)?,
                        waitlisted: row.get(16)?,
                        same_organisation: row.get(17)?,
                        others: Vec::new(),
                        history: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound("request"))?;
        detail.others = conn
            .prepare_cached(
                "SELECT m.code, e.status FROM enrolment e JOIN module m ON m.id = e.module_id
                 WHERE e.person_id = ?1 AND e.id <> ?2 ORDER BY e.received_on, e.id",
            )?
            .query_map(params![detail.person_id, id], |row| {
                Ok(OtherRequest {
                    module_code: row.get(0)?,
                    status: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        detail.history = conn
            .prepare_cached(
                "SELECT at, by_user, from_status, to_status, reason FROM enrolment_history
                 WHERE enrolment_id = ?1 ORDER BY id",
            )?
            .query_map([id], |row| {
                Ok(HistoryLine {
                    at: row.get(0)?,
                    by: row.get(1)?,
                    from: row.get(2)?,
                    to: row.get(3)?,
                    reason: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(detail)
    }

    /// Moves a request to `to` from whatever status it has now: for
    /// callers that did not show the request to anyone first (the CLI,
    /// checks). The screen uses `decide_seen`.
    pub fn decide(
        &self,
        actor: &Actor,
        id: i64,
        to: Status,
        reason: Option<&str>,
        beyond_capacity: bool,
    ) -> Result<Decision> {
        let seen: String = self
            .conn()
            .query_row("SELECT status FROM enrolment WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or(StoreError::NotFound("request"))?;
        let seen = Status::parse(&seen).map_err(|e| StoreError::refused_text(e.to_string()))?;
        self.decide_seen(actor, id, seen, to, reason, beyond_capacity)
    }

    /// Moves a request the user saw at `seen` to `to`. If it is no longer
    /// at `seen`, nothing is written and `Changed` says who moved it.
    /// Accepting beyond the module's places is refused with
    /// `OverCapacity` unless `beyond_capacity` says the user was asked
    /// and agreed. Correcting a decision needs a reason, kept in the
    /// history with who, when, from and to.
    pub fn decide_seen(
        &self,
        actor: &Actor,
        id: i64,
        seen: Status,
        to: Status,
        reason: Option<&str>,
        beyond_capacity: bool,
    ) -> Result<Decision> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        self.write(|tx| {
            super::users::require(tx, actor, crate::access::Permission::DecideEnrolments)?;
            let (status, module_id): (String, i64) = tx
                .query_row(
                    "SELECT status, module_id FROM enrolment WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("request"))?;
            let from =
                Status::parse(&status).map_err(|e| StoreError::refused_text(e.to_string()))?;
            if from != seen {
                return Ok(Decision::Changed(last_change(tx, id, seen, from)?));
            }
            if !from.can_become(to) {
                return Ok(Decision::NotAllowed { from, to });
            }
            if to.needs_reason_from(from) && reason.is_none() {
                return Ok(Decision::NeedsReason);
            }
            if to == Status::Accepted
                && !beyond_capacity
                && let Some(crowding) = crowding(tx, module_id, Some(id))?
            {
                return Ok(Decision::OverCapacity(crowding));
            }
            tx.execute(
                "UPDATE enrolment SET status = ?2, reason = ?3 WHERE id = ?1",
                params![id, to.as_str(), reason],
            )?;
            super::request_writer::RequestWriter::on(tx)?.step(
                id,
                &super::request_writer::Step {
                    from: Some(from.as_str()),
                    to: to.as_str(),
                    reason,
                    at: &actor.clock.stamp(),
                    by: &actor.user,
                },
            )?;
            audit(
                tx,
                actor,
                "enrolment",
                Some(id),
                "decide",
                Some(&json!({ "status": from.as_str(), "module": module_id })),
                Some(&json!({ "status": to.as_str(), "reason": reason })),
            )?;
            super::outbox::queue_for_decision(
                tx,
                actor,
                id,
                super::outbox::kind_for(from, to),
                reason,
            )?;
            Ok(Decision::Done)
        })
    }

    /// Whether one more participant would take `module_id` beyond its
    /// places, for a request not yet in the register (a form, before it
    /// writes): the same rule as accepting in the queue.
    pub fn crowding_for_new_participant(&self, module_id: i64) -> Result<Option<Crowding>> {
        crowding(self.conn(), module_id, None)
    }

    /// The first request on a module's waiting list, by arrival, when a
    /// place is free: what is offered after a participant leaves. None
    /// while the module is still full.
    pub fn waitlisted_for_free_place(&self, module_id: i64) -> Result<Option<(i64, String)>> {
        if crowding(self.conn(), module_id, None)?.is_some() {
            return Ok(None);
        }
        self.first_waitlisted(module_id)
    }

    /// How many participants (accepted requests) a module has.
    pub fn module_participants(&self, module_id: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM enrolment WHERE module_id = ?1 AND status = 'accepted'",
            [module_id],
            |row| row.get(0),
        )?)
    }

    /// The first request on a module's waiting list, by arrival: offered
    /// when a place frees up.
    pub fn first_waitlisted(&self, module_id: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT e.id, p.surname || ' ' || p.given_name FROM enrolment e
                 JOIN person p ON p.id = e.person_id
                 WHERE e.module_id = ?1 AND e.status = 'waitlisted'
                 ORDER BY e.received_on, e.id LIMIT 1",
                [module_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }
}

/// The module's places if they are all taken, with the people waiting
/// before `request` (all of them for a request still to be made).
pub(crate) fn crowding(
    conn: &rusqlite::Connection,
    module_id: i64,
    request: Option<i64>,
) -> Result<Option<Crowding>> {
    let (module_code, capacity, participants): (String, i64, i64) = conn
        .query_row(
            "SELECT m.code, m.capacity,
                    (SELECT count(*) FROM enrolment x WHERE x.module_id = m.id AND x.status = 'accepted')
             FROM module m WHERE m.id = ?1",
            [module_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("module"))?;
    if participants < capacity {
        return Ok(None);
    }
    let waiting_before = conn
        .prepare_cached(
            "SELECT p.surname || ' ' || p.given_name FROM enrolment e JOIN person p ON p.id = e.person_id
             WHERE e.module_id = ?1 AND e.status = 'waitlisted' AND e.id <> coalesce(?2, 0)
               AND (?2 IS NULL OR (e.received_on, e.id) <
                    (SELECT received_on, id FROM enrolment WHERE id = ?2))
             ORDER BY e.received_on, e.id",
        )?
        .query_map(params![module_id, request], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Some(Crowding {
        module_code,
        participants,
        capacity,
        waiting_before,
    }))
}

/// Who last moved a request, and to what: the conflict a user meets when
/// the request they saw has changed.
fn last_change(
    conn: &rusqlite::Connection,
    id: i64,
    seen: Status,
    now: Status,
) -> Result<Conflict> {
    let (by, at): (String, String) = conn
        .query_row(
            "SELECT by_user, at FROM enrolment_history WHERE enrolment_id = ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or_default();
    Ok(Conflict { seen, now, by, at })
}
