//! The one place a request (an enrolment) is written with its history,
//! and the one place a mark is written: a request added by hand, an
//! import, the demo and the large demo all write through these, so the
//! rows they leave cannot drift apart.

use rusqlite::{CachedStatement, Connection, params};

use super::Result;
use crate::domain::Status;

/// A statement held for many rows: in a bulk write, finding a cached
/// statement again for each row (hashing its text, binding through the
/// cache's wrapper, handing it back) cost a good part of the insert.
pub(super) struct Held<'c> {
    pub(super) conn: &'c Connection,
    statement: CachedStatement<'c>,
}

impl<'c> Held<'c> {
    pub(super) fn new(conn: &'c Connection, sql: &str) -> Result<Self> {
        Ok(Held {
            conn,
            statement: conn.prepare_cached(sql)?,
        })
    }

    /// Runs the statement; returns the id of the row it inserted.
    pub(super) fn run(&mut self, values: impl rusqlite::Params) -> Result<i64> {
        self.statement.execute(values)?;
        Ok(self.conn.last_insert_rowid())
    }
}

/// A request as it arrives: who, for which module, when, and where it
/// stands.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub person_id: i64,
    pub module_id: i64,
    /// `YYYY-MM-DD`.
    pub received_on: &'a str,
    pub status: &'a str,
    pub reason: Option<&'a str>,
}

/// A request entered now, by hand or from a file: its status typed,
/// for the history that leads to it (`RequestWriter::entered`).
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub person_id: i64,
    pub module_id: i64,
    /// `YYYY-MM-DD`.
    pub received_on: &'a str,
    pub status: Status,
    pub reason: Option<&'a str>,
}

/// One step of a request's status history.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub reason: Option<&'a str>,
    /// The stamp of the change (`Clock::stamp`).
    pub at: &'a str,
    pub by: &'a str,
}

/// Writes requests and their history through statements held for as
/// many rows as the caller writes.
pub struct RequestWriter<'c> {
    request: Held<'c>,
    history: Held<'c>,
}

impl<'c> RequestWriter<'c> {
    pub(super) fn on(conn: &'c Connection) -> Result<Self> {
        Ok(RequestWriter {
            request: Held::new(
                conn,
                "INSERT INTO enrolment(person_id, module_id, received_on, status, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            history: Held::new(
                conn,
                "INSERT INTO enrolment_history(enrolment_id, from_status, to_status, reason, at, by_user)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
        })
    }

    /// The request's row alone, for a writer that gives its history
    /// later (`step`); returns its id.
    pub fn request(&mut self, request: &Request) -> Result<i64> {
        self.request.run(params![
            request.person_id,
            request.module_id,
            request.received_on,
            request.status,
            request.reason
        ])
    }

    /// One step of a request's history.
    pub fn step(&mut self, enrolment_id: i64, step: &Step) -> Result<()> {
        self.history.run(params![
            enrolment_id,
            step.from,
            step.to,
            step.reason,
            step.at,
            step.by
        ])?;
        Ok(())
    }

    /// A request entered now, by hand or from a file, with the history
    /// that leads from a fresh request to its status in one go (the
    /// reason on the last step); returns its id.
    pub fn entered(&mut self, entry: &Entry, at: &str, by: &str) -> Result<i64> {
        let (status, reason) = (entry.status, entry.reason);
        let id = self.request(&Request {
            person_id: entry.person_id,
            module_id: entry.module_id,
            received_on: entry.received_on,
            status: status.as_str(),
            reason,
        })?;
        let mut from: Option<Status> = None;
        for &to in status.path_from_request() {
            let why = if to == status { reason } else { None };
            self.step(
                id,
                &Step {
                    from: from.map(Status::as_str),
                    to: to.as_str(),
                    reason: why,
                    at,
                    by,
                },
            )?;
            from = Some(to);
        }
        Ok(id)
    }
}

/// A mark as written: whose, at which session, and who wrote it when.
#[derive(Debug, Clone, Copy)]
pub struct MarkRow<'a> {
    pub enrolment_id: i64,
    pub session_id: i64,
    pub minutes: i64,
    pub mark: &'a str,
    pub at: &'a str,
    pub by: &'a str,
    /// The arrival and leaving times (minutes after midnight) the roster's
    /// `l` and `e` keep; none for hours typed or imported.
    pub arrived: Option<i64>,
    pub left: Option<i64>,
}

/// Writes marks: a new one, or over the one there (a roll call's change,
/// which counts a new version).
pub struct MarkWriter<'c>(Held<'c>);

impl<'c> MarkWriter<'c> {
    pub(super) fn on(conn: &'c Connection) -> Result<Self> {
        Ok(MarkWriter(Held::new(
            conn,
            "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by,
                                     arrived_minute, left_minute)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(enrolment_id, session_id) DO UPDATE SET
                 minutes = excluded.minutes, mark = excluded.mark,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                 arrived_minute = excluded.arrived_minute, left_minute = excluded.left_minute,
                 version = version + 1",
        )?))
    }

    pub fn write(&mut self, mark: &MarkRow) -> Result<()> {
        self.0.run(params![
            mark.enrolment_id,
            mark.session_id,
            mark.minutes,
            mark.mark,
            mark.at,
            mark.by,
            mark.arrived,
            mark.left
        ])?;
        Ok(())
    }
}
