//! Planning the programme: modules and sessions created, edited, deleted
//! or cancelled, new editions, repeated sessions, clashes, materials,
//! the lists forms choose from, and people and requests added by hand.
//! Each change is one transaction with its audit entry; an edit carries
//! the version it was read at, and a change by someone else meanwhile is
//! handed back instead of overwritten.

mod enrolments;
mod lists;
mod materials;
mod modules;
mod people;
mod sessions;

use super::audit_log::last_entry;
use super::queries::{
    MODULE_COLUMNS, MODULE_FROM, Module, PERSON_COLUMNS, Person, SESSION_COLUMNS, SESSION_FROM,
    Session, module_from_row, person_from_row, session_from_row,
};
use super::users::require;
use super::writes::audit;
use super::{Result, Store, StoreError, refused};
use crate::access::Permission;
use crate::context::Actor;
use crate::domain::{Gender, Status};
use crate::planning::{Booking, Clash, HoursMismatch, all_clashes, clashes_with, hours_mismatch};
use crate::planning::{Holidays, SessionFlag, session_flags};
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

pub use lists::*;
pub use materials::*;
pub use modules::*;
pub use people::*;
pub use sessions::*;

/// What an edit found when someone else saved first: their values, the
/// version to save over them with, and who saved last and when (from the
/// audit log), so the one saving second can decide knowing whose change
/// they would overwrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theirs<T> {
    pub values: T,
    pub version: i64,
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
}

/// Why a module or a session cannot be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeps {
    /// Requests for the module (any status: they are its history).
    Enrolments(i64),
    /// Attendance marks in the session.
    Attendance(i64),
    /// Notes written about it.
    Notes(i64),
}

fn date_of(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

fn count(tx: &rusqlite::Connection, sql: &str, id: i64) -> Result<i64> {
    Ok(tx.query_row(sql, [id], |row| row.get(0))?)
}

/// A count of a record's history (`?1` its id), and what it keeps.
type KeepCheck = (&'static str, fn(i64) -> Keeps);

/// The first history that keeps a record from being deleted: each count,
/// in order, until one finds rows.
fn first_kept(conn: &Connection, id: i64, checks: &[KeepCheck]) -> Result<Option<Keeps>> {
    for (sql, keeps) in checks {
        let found = count(conn, sql, id)?;
        if found > 0 {
            return Ok(Some(keeps(found)));
        }
    }
    Ok(None)
}

/// How a record that forms edit is read back and written to the audit log.
struct Record<T> {
    entity: &'static str,
    /// The record's values and its version.
    read: fn(&Connection, i64) -> Result<(T, i64)>,
    as_json: fn(&T) -> Value,
}

const MODULE: Record<ModuleDraft> = Record {
    entity: "module",
    read: read_module,
    as_json: module_json,
};

const SESSION: Record<SessionDraft> = Record {
    entity: "session",
    read: read_session,
    as_json: session_json,
};

const PERSON: Record<PersonDraft> = Record {
    entity: "person",
    read: read_person,
    as_json: person_json,
};

/// The read-modify-write every edit shares, inside the caller's
/// transaction: if the record is no longer at the `version` the form read,
/// nothing is written and their values come back; otherwise `save` writes
/// `edited` (given the values it replaces) and the change is logged with
/// both.
fn save_if_unchanged<T>(
    tx: &Transaction,
    actor: &Actor,
    record: &Record<T>,
    id: i64,
    version: i64,
    edited: &T,
    save: impl FnOnce(&T) -> Result<()>,
) -> Result<std::result::Result<(), Theirs<T>>> {
    let (before, current) = (record.read)(tx, id)?;
    if current != version {
        let (changed_by, changed_at) = last_entry(tx, record.entity, id, None)?;
        return Ok(Err(Theirs {
            values: before,
            version: current,
            changed_by,
            changed_at,
        }));
    }
    save(&before)?;
    audit(
        tx,
        actor,
        record.entity,
        Some(id),
        "update",
        Some(&(record.as_json)(&before)),
        Some(&(record.as_json)(edited)),
    )?;
    Ok(Ok(()))
}

/// Refuses a blank `value`, naming the field by its label in `what`.
fn refuse_blank(value: &str, what: fn(&crate::i18n::Catalogue) -> &'static str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(super::refused_with(
            |t| t.refuse_blank,
            vec![("what", super::Filling::Word(what))],
        ));
    }
    Ok(())
}

impl Store {
    fn is_read_only(&self) -> bool {
        self.conn().is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }
}
