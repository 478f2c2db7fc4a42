//! Planning the programme: modules and sessions created, edited, deleted
//! or cancelled, new editions, repeated sessions, clashes, materials,
//! the lists forms choose from, and people and requests added by hand.
//! Each change is one transaction with its audit entry; an edit carries
//! the version it was read at, and a change by someone else meanwhile is
//! handed back instead of overwritten.

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

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

/// A module as its form writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleDraft {
    pub code: String,
    pub title: String,
    pub axis_code: String,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub capacity: i64,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    /// Logins of the tutors assigned.
    pub tutors: Vec<String>,
}

/// A session as its form writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDraft {
    pub module_id: i64,
    pub date: Date,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub topic: Option<String>,
}

/// A person as their form writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub surname: String,
    pub given_name: String,
    pub gender: Gender,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
}

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

/// A list people choose from in forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Town,
    OrganisationType,
    RejectReason,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 3] = [
        Vocabulary::Town,
        Vocabulary::OrganisationType,
        Vocabulary::RejectReason,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Vocabulary::Town => "town",
            Vocabulary::OrganisationType => "organisation_type",
            Vocabulary::RejectReason => "reject_reason",
        }
    }
}

/// A titled reference kept with a module: a file path or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub id: i64,
    pub title: String,
    pub reference: String,
}

/// A session on a calendar day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySession {
    pub id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub module_code: String,
    pub module_title: String,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub cancelled: bool,
}

/// A user who can be assigned to modules as a tutor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tutor {
    pub login: String,
    pub name: String,
}

fn module_json(d: &ModuleDraft) -> Value {
    json!({
        "code": d.code, "title": d.title, "axis": d.axis_code, "location": d.location,
        "venue": d.venue, "planned_minutes": d.planned_minutes, "capacity": d.capacity,
        "starts_on": d.starts_on.map(|x| x.to_string()),
        "ends_on": d.ends_on.map(|x| x.to_string()), "tutors": d.tutors,
    })
}

fn session_json(d: &SessionDraft) -> Value {
    json!({
        "module_id": d.module_id, "date": d.date.to_string(), "start_minute": d.start_minute,
        "end_minute": d.end_minute, "venue": d.venue, "trainer": d.trainer, "topic": d.topic,
    })
}

fn person_json(d: &PersonDraft) -> Value {
    json!({
        "surname": d.surname, "given_name": d.given_name, "gender": d.gender.letter(),
        "tax_code": d.tax_code, "email": d.email, "phone": d.phone,
        "organisation": d.organisation, "organisation_type": d.organisation_type,
        "job_title": d.job_title,
    })
}

fn date_of(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

impl From<Module> for ModuleDraft {
    /// The module's own fields; its tutors are read apart.
    fn from(m: Module) -> ModuleDraft {
        ModuleDraft {
            code: m.code,
            title: m.title,
            axis_code: m.axis_code,
            location: m.location,
            venue: m.venue,
            planned_minutes: m.planned_minutes,
            capacity: m.capacity,
            starts_on: date_of(m.starts_on),
            ends_on: date_of(m.ends_on),
            tutors: Vec::new(),
        }
    }
}

impl From<Session> for SessionDraft {
    fn from(s: Session) -> SessionDraft {
        SessionDraft {
            module_id: s.module_id,
            date: s.date.parse().unwrap_or_default(),
            start_minute: s.start_minute,
            end_minute: s.end_minute,
            venue: s.venue,
            trainer: s.trainer,
            topic: s.topic,
        }
    }
}

impl From<Person> for PersonDraft {
    fn from(p: Person) -> PersonDraft {
        PersonDraft {
            surname: p.surname,
            given_name: p.given_name,
            gender: Gender::parse(&p.gender).unwrap_or(Gender::X),
            tax_code: p.tax_code,
            email: p.email,
            phone: p.phone,
            organisation: p.organisation,
            organisation_type: p.organisation_type,
            job_title: p.job_title,
        }
    }
}

fn read_module(conn: &Connection, id: i64) -> Result<(ModuleDraft, i64)> {
    let (module, version) = conn
        .query_row(
            &format!("SELECT {MODULE_COLUMNS}, m.version AS version {MODULE_FROM} WHERE m.id = ?1"),
            [id],
            |row| Ok((module_from_row(row)?, row.get("version")?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("module"))?;
    let mut draft = ModuleDraft::from(module);
    draft.tutors = conn
        .prepare_cached(
            "SELECT u.login FROM user_module um JOIN app_user u ON u.id = um.user_id
             WHERE um.module_id = ?1 ORDER BY u.login",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok((draft, version))
}

fn read_session(conn: &Connection, id: i64) -> Result<(SessionDraft, i64)> {
    let (session, version) = conn
        .query_row(
            &format!(
                "SELECT {SESSION_COLUMNS}, s.version AS version {SESSION_FROM} WHERE s.id = ?1"
            ),
            [id],
            |row| Ok((session_from_row(row)?, row.get("version")?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("session"))?;
    Ok((SessionDraft::from(session), version))
}

fn read_person(conn: &Connection, id: i64) -> Result<(PersonDraft, i64)> {
    let (person, version) = conn
        .query_row(
            &format!("SELECT {PERSON_COLUMNS}, version FROM person WHERE id = ?1"),
            [id],
            |row| Ok((person_from_row(row)?, row.get("version")?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))?;
    Ok((PersonDraft::from(person), version))
}

fn axis_id(tx: &Transaction, code: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM axis WHERE code = ?1 COLLATE NOCASE",
        [code],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| refused(|t| t.refuse_no_axis, &[("code", code)]))
}

fn code_taken(tx: &Transaction, code: &str, other_than: i64) -> Result<()> {
    let taken: bool = tx.query_row(
        "SELECT count(*) > 0 FROM module WHERE code = ?1 COLLATE NOCASE AND id <> ?2",
        params![code, other_than],
        |row| row.get(0),
    )?;
    if taken {
        return Err(refused(|t| t.refuse_module_code_taken, &[("code", code)]));
    }
    Ok(())
}

fn set_tutors(tx: &Transaction, module_id: i64, logins: &[String]) -> Result<()> {
    tx.execute("DELETE FROM user_module WHERE module_id = ?1", [module_id])?;
    for login in logins {
        let changed = tx.execute(
            "INSERT OR IGNORE INTO user_module(user_id, module_id)
             SELECT id, ?2 FROM app_user WHERE login = ?1",
            params![login, module_id],
        )?;
        if changed == 0 {
            return Err(refused(|t| t.refuse_no_user, &[("login", login)]));
        }
    }
    Ok(())
}

fn write_module(tx: &Transaction, id: i64, d: &ModuleDraft) -> Result<()> {
    let axis = axis_id(tx, &d.axis_code)?;
    tx.execute(
        "UPDATE module SET code = ?2, title = ?3, axis_id = ?4, location = ?5, venue = ?6,
                planned_minutes = ?7, capacity = ?8, starts_on = ?9, ends_on = ?10,
                version = version + 1
         WHERE id = ?1",
        params![
            id,
            d.code,
            d.title,
            axis,
            d.location,
            d.venue,
            d.planned_minutes,
            d.capacity,
            d.starts_on.map(|x| x.to_string()),
            d.ends_on.map(|x| x.to_string()),
        ],
    )?;
    set_tutors(tx, id, &d.tutors)
}

fn insert_session(tx: &Transaction, d: &SessionDraft) -> Result<i64> {
    if d.end_minute <= d.start_minute {
        return Err(refused(|t| t.refuse_session_ends_first, &[]));
    }
    tx.execute(
        "INSERT INTO session(module_id, date, start_minute, end_minute, venue, trainer, topic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.module_id,
            d.date.to_string(),
            d.start_minute,
            d.end_minute,
            d.venue,
            d.trainer,
            d.topic
        ],
    )?;
    Ok(tx.last_insert_rowid())
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
        let label = what(crate::i18n::current());
        return Err(refused(|t| t.refuse_blank, &[("what", label)]));
    }
    Ok(())
}

/// What the store refuses in an edited module whoever the caller: the form
/// checks the same, but the library has other callers.
fn check_module(d: &ModuleDraft) -> Result<()> {
    refuse_blank(&d.code, |t| t.lbl_code)?;
    refuse_blank(&d.title, |t| t.lbl_title)?;
    if d.planned_minutes < 0 || d.capacity < 0 {
        return Err(refused(|t| t.refuse_negative, &[]));
    }
    Ok(())
}

/// What the store refuses in an edited person whoever the caller. The tax
/// code is the form's to check, as when a person is created: the store
/// writes the code it is given.
fn check_person(d: &PersonDraft) -> Result<()> {
    refuse_blank(&d.surname, |t| t.lbl_surname)?;
    refuse_blank(&d.given_name, |t| t.lbl_given_name)
}

/// An erased person keeps only a pseudonym: editing them would bring
/// personal data back, so they are as good as gone.
fn refuse_erased(tx: &Transaction, id: i64) -> Result<()> {
    let erased: Option<bool> = tx
        .query_row("SELECT erased FROM person WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?;
    match erased {
        Some(false) => Ok(()),
        _ => Err(StoreError::NotFound("person")),
    }
}

/// What flagging a session's day needs of its module: the town it is
/// held in and the dates it runs between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCalendar {
    pub location: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

impl ModuleCalendar {
    /// What is odd about a session of this module on `date`.
    pub fn flags(&self, date: Date, holidays: &Holidays) -> Vec<SessionFlag> {
        session_flags(date, holidays, &self.location, self.starts_on, self.ends_on)
    }
}

/// A module's town and dates (for imports, asked once per module).
pub fn module_calendar(conn: &Connection, module_id: &i64) -> Result<Option<ModuleCalendar>> {
    Ok(conn
        .prepare_cached("SELECT location, starts_on, ends_on FROM module WHERE id = ?1")?
        .query_row([module_id], |row| {
            let day = |text: Option<String>| text.and_then(|t| t.parse::<Date>().ok());
            Ok(ModuleCalendar {
                location: row.get(0)?,
                starts_on: day(row.get(1)?),
                ends_on: day(row.get(2)?),
            })
        })
        .optional()?)
}

impl Store {
    /// The axes, as `(code, title)`.
    pub fn axes(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT code, title FROM axis ORDER BY id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Active users with the tutor role.
    pub fn tutors(&self) -> Result<Vec<Tutor>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT login, display_name FROM app_user WHERE role = 'tutor' AND active = 1
                 ORDER BY display_name, login",
            )?
            .query_map([], |row| {
                Ok(Tutor {
                    login: row.get(0)?,
                    name: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every module as `(id, code, title)`, by code.
    pub fn module_choices(&self) -> Result<Vec<(i64, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, code, title FROM module ORDER BY code COLLATE NOCASE")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A module as its form shows it, with the version read.
    pub fn module_draft(&self, id: i64) -> Result<(ModuleDraft, i64)> {
        read_module(self.conn(), id)
    }

    pub fn create_module(&self, actor: &Actor, d: &ModuleDraft) -> Result<i64> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            code_taken(tx, &d.code, 0)?;
            let axis = axis_id(tx, &d.axis_code)?;
            tx.execute(
                "INSERT INTO module(code, title, axis_id, location, venue, planned_minutes, capacity,
                                    starts_on, ends_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    d.code,
                    d.title,
                    axis,
                    d.location,
                    d.venue,
                    d.planned_minutes,
                    d.capacity,
                    d.starts_on.map(|x| x.to_string()),
                    d.ends_on.map(|x| x.to_string()),
                ],
            )?;
            let id = tx.last_insert_rowid();
            set_tutors(tx, id, &d.tutors)?;
            add_word_in(tx, Vocabulary::Town, &d.location)?;
            audit(tx, actor, "module", Some(id), "create", None, Some(&module_json(d)))?;
            Ok(id)
        })
    }

    /// Saves an edited module read at `version`; if someone changed it
    /// since, writes nothing and returns theirs.
    pub fn update_module(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &ModuleDraft,
    ) -> Result<std::result::Result<(), Theirs<ModuleDraft>>> {
        check_module(d)?;
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            save_if_unchanged(tx, actor, &MODULE, id, version, d, |_| {
                code_taken(tx, &d.code, id)?;
                write_module(tx, id, d)?;
                add_word_in(tx, Vocabulary::Town, &d.location)
            })
        })
    }

    /// What stops a module from being deleted, if anything.
    pub fn module_keeps(&self, id: i64) -> Result<Option<Keeps>> {
        first_kept(
            self.conn(),
            id,
            &[
                (
                    "SELECT count(*) FROM attendance t JOIN session s ON s.id = t.session_id WHERE s.module_id = ?1",
                    Keeps::Attendance,
                ),
                (
                    "SELECT count(*) FROM enrolment WHERE module_id = ?1",
                    Keeps::Enrolments,
                ),
                (
                    "SELECT count(DISTINCT ns.note_id) FROM note_subject ns
                     LEFT JOIN session s ON s.id = ns.session_id
                     WHERE ns.module_id = ?1 OR s.module_id = ?1",
                    Keeps::Notes,
                ),
            ],
        )
    }

    /// Deletes a module with its sessions, tutors and materials, unless it
    /// has a history (requests, attendance, notes): then says what.
    pub fn delete_module(&self, actor: &Actor, id: i64) -> Result<Option<Keeps>> {
        if let Some(keeps) = self.module_keeps(id)? {
            return Ok(Some(keeps));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (before, _) = read_module(tx, id)?;
            tx.execute(
                "DELETE FROM roster_presence WHERE session_id IN (SELECT id FROM session WHERE module_id = ?1)",
                [id],
            )?;
            tx.execute(
                "DELETE FROM note_draft WHERE module_id = ?1
                 OR session_id IN (SELECT id FROM session WHERE module_id = ?1)",
                [id],
            )?;
            tx.execute("DELETE FROM session WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM user_module WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM material WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM module WHERE id = ?1", [id])?;
            audit(tx, actor, "module", Some(id), "delete", Some(&module_json(&before)), None)?;
            Ok(None)
        })
    }

    /// A new edition of a module: same title, axis, hours, capacity and
    /// tutors; a new code, town and dates. No sessions.
    pub fn new_edition(
        &self,
        actor: &Actor,
        from: i64,
        code: &str,
        location: &str,
        starts_on: Option<Date>,
        ends_on: Option<Date>,
    ) -> Result<i64> {
        let (mut draft, _) = self.module_draft(from)?;
        draft.code = code.to_string();
        draft.location = location.to_string();
        draft.venue = None;
        draft.starts_on = starts_on;
        draft.ends_on = ends_on;
        self.create_module(actor, &draft)
    }

    pub fn session_draft(&self, id: i64) -> Result<(SessionDraft, i64)> {
        read_session(self.conn(), id)
    }

    /// Saves new sessions, all or none.
    /// What is odd about a session of `module_id` on `date` (a holiday of
    /// the register or of the module's town, a Sunday, a day outside the
    /// module): the session form asks before saving such a session.
    pub fn session_flags(
        &self,
        holidays: &Holidays,
        module_id: i64,
        date: Date,
    ) -> Result<Vec<SessionFlag>> {
        Ok(module_calendar(self.conn(), &module_id)?
            .map(|calendar| calendar.flags(date, holidays))
            .unwrap_or_default())
    }

    pub fn create_sessions(&self, actor: &Actor, drafts: &[SessionDraft]) -> Result<Vec<i64>> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let mut ids = Vec::with_capacity(drafts.len());
            for d in drafts {
                let id = insert_session(tx, d)?;
                audit(
                    tx,
                    actor,
                    "session",
                    Some(id),
                    "create",
                    None,
                    Some(&session_json(d)),
                )?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Saves an edited session read at `version`; if someone changed it
    /// since, writes nothing and returns theirs.
    pub fn update_session(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &SessionDraft,
    ) -> Result<std::result::Result<(), Theirs<SessionDraft>>> {
        self.write(|tx| {
            save_if_unchanged(tx, actor, &SESSION, id, version, d, |before| {
                let marked = count(
                    tx,
                    "SELECT count(*) FROM attendance WHERE session_id = ?1",
                    id,
                )?;
                let longest: i64 = tx.query_row(
                    "SELECT coalesce(max(minutes), 0) FROM attendance WHERE session_id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                if marked > 0 && d.module_id != before.module_id {
                    return Err(refused(|t| t.refuse_session_keeps_module, &[]));
                }
                if longest > d.end_minute - d.start_minute {
                    return Err(refused(|t| t.refuse_attended_longer, &[]));
                }
                tx.execute(
                    "UPDATE session SET module_id = ?2, date = ?3, start_minute = ?4, end_minute = ?5,
                            venue = ?6, trainer = ?7, topic = ?8, version = version + 1
                     WHERE id = ?1",
                    params![
                        id,
                        d.module_id,
                        d.date.to_string(),
                        d.start_minute,
                        d.end_minute,
                        d.venue,
                        d.trainer,
                        d.topic
                    ],
                )?;
                Ok(())
            })
        })
    }

    /// What stops a session from being deleted, if anything.
    pub fn session_keeps(&self, id: i64) -> Result<Option<Keeps>> {
        first_kept(
            self.conn(),
            id,
            &[
                (
                    "SELECT count(*) FROM attendance WHERE session_id = ?1",
                    Keeps::Attendance,
                ),
                (
                    "SELECT count(DISTINCT note_id) FROM note_subject WHERE session_id = ?1",
                    Keeps::Notes,
                ),
            ],
        )
    }

    /// Deletes a session unless it has attendance or notes: then says what
    /// (cancel it instead).
    pub fn delete_session(&self, actor: &Actor, id: i64) -> Result<Option<Keeps>> {
        if let Some(keeps) = self.session_keeps(id)? {
            return Ok(Some(keeps));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (before, _) = read_session(tx, id)?;
            tx.execute("DELETE FROM roster_presence WHERE session_id = ?1", [id])?;
            tx.execute("DELETE FROM note_draft WHERE session_id = ?1", [id])?;
            tx.execute("DELETE FROM session WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "session",
                Some(id),
                "delete",
                Some(&session_json(&before)),
                None,
            )?;
            Ok(None)
        })
    }

    /// Cancels a session (or takes the cancellation back): it keeps its
    /// history and leaves the hours delivered.
    pub fn set_cancelled(&self, actor: &Actor, id: i64, cancelled: bool) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let changed = tx.execute(
                "UPDATE session SET cancelled = ?2, version = version + 1 WHERE id = ?1",
                params![id, cancelled],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound("session"));
            }
            audit(
                tx,
                actor,
                "session",
                Some(id),
                if cancelled { "cancel" } else { "restore" },
                Some(&json!({ "cancelled": !cancelled })),
                Some(&json!({ "cancelled": cancelled })),
            )?;
            Ok(())
        })
    }

    /// Every session not cancelled, as clash detection sees them.
    pub fn bookings(&self) -> Result<Vec<Booking>> {
        let conn = self.conn();
        let mut tutors: std::collections::HashMap<i64, Vec<String>> =
            std::collections::HashMap::new();
        let rows = conn
            .prepare_cached(
                "SELECT um.module_id, u.display_name FROM user_module um
                 JOIN app_user u ON u.id = um.user_id ORDER BY u.display_name",
            )?
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (module, name) in rows {
            tutors.entry(module).or_default().push(name);
        }
        let rows = conn
            .prepare_cached(
                "SELECT s.id, s.module_id, m.code, s.date, s.start_minute, s.end_minute,
                        coalesce(s.venue, m.venue), s.trainer
                 FROM session s JOIN module m ON m.id = s.module_id
                 WHERE s.cancelled = 0 ORDER BY s.date, s.start_minute",
            )?
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, i64>(5)?,
                    row.get::<_, Option<String>>(6)?,
                    row.get::<_, Option<String>>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, module, code, date, start, end, venue, trainer)| {
                Some(Booking {
                    session_id: Some(id),
                    module_id: module,
                    module_code: code,
                    date: date.parse().ok()?,
                    start_minute: start,
                    end_minute: end,
                    venue,
                    trainer,
                    tutors: tutors.get(&module).cloned().unwrap_or_default(),
                })
            })
            .collect())
    }

    /// How new or edited sessions (with `session_ids`, `None` for new)
    /// would clash with the register.
    pub fn clashes_for(&self, drafts: &[(Option<i64>, SessionDraft)]) -> Result<Vec<Clash>> {
        let existing = self.bookings()?;
        let mut new = Vec::with_capacity(drafts.len());
        for (id, d) in drafts {
            let (module, _) = self.module_draft(d.module_id)?;
            let tutors = existing
                .iter()
                .find(|b| b.module_id == d.module_id)
                .map(|b| b.tutors.clone())
                .unwrap_or_else(|| self.tutor_names(d.module_id).unwrap_or_default());
            new.push(Booking {
                session_id: *id,
                module_id: d.module_id,
                module_code: module.code,
                date: d.date,
                start_minute: d.start_minute,
                end_minute: d.end_minute,
                venue: d.venue.clone().or(module.venue),
                trainer: d.trainer.clone(),
                tutors,
            });
        }
        Ok(clashes_with(&new, &existing))
    }

    fn tutor_names(&self, module_id: i64) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT u.display_name FROM user_module um JOIN app_user u ON u.id = um.user_id
                 WHERE um.module_id = ?1 ORDER BY u.display_name",
            )?
            .query_map([module_id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Every clash in the register.
    pub fn clashes(&self) -> Result<Vec<Clash>> {
        Ok(all_clashes(&self.bookings()?))
    }

    /// Modules whose sessions (not cancelled) add up to other hours than
    /// planned; `extra` minutes are added to `module`'s (a preview).
    pub fn hours_mismatches(&self, extra: Option<(i64, i64)>) -> Result<Vec<HoursMismatch>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT m.id, m.code, m.planned_minutes,
                        (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                          WHERE s.module_id = m.id AND s.cancelled = 0)
                 FROM module m ORDER BY m.code COLLATE NOCASE",
            )?
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, code, planned, scheduled)| {
                let more = match extra {
                    Some((module, minutes)) if module == id => minutes,
                    _ => 0,
                };
                hours_mismatch(id, &code, planned, scheduled + more)
            })
            .collect())
    }

    /// The sessions between two days, both included, by day and time,
    /// that `reach` covers (a tutor's:
    /// those of their modules).
    pub fn sessions_between(
        &self,
        reach: &super::reach::Reach,
        from: Date,
        to: Date,
    ) -> Result<Vec<DaySession>> {
        use crate::store::lists::Sessions;
        let scope = reach.scope::<Sessions>();
        let (reached, mut values) = if scope.sql.is_empty() {
            (String::new(), Vec::new())
        } else {
            (format!(" AND ({})", scope.sql), scope.values)
        };
        values.splice(
            0..0,
            [
                rusqlite::types::Value::Text(from.to_string()),
                rusqlite::types::Value::Text(to.to_string()),
            ],
        );
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT s.id, s.date, s.start_minute, s.end_minute, m.code, m.title,
                        coalesce(s.venue, m.venue), s.trainer, s.cancelled
                 FROM session s JOIN module m ON m.id = s.module_id
                 WHERE s.date BETWEEN ? AND ?{reached} ORDER BY s.date, s.start_minute, s.id"
            ))?
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(DaySession {
                    id: row.get(0)?,
                    date: row.get(1)?,
                    start_minute: row.get(2)?,
                    end_minute: row.get(3)?,
                    module_code: row.get(4)?,
                    module_title: row.get(5)?,
                    venue: row.get(6)?,
                    trainer: row.get(7)?,
                    cancelled: row.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn materials(&self, module_id: i64) -> Result<Vec<Material>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, title, reference FROM material WHERE module_id = ?1 ORDER BY id",
            )?
            .query_map([module_id], |row| {
                Ok(Material {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    reference: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn add_material(
        &self,
        actor: &Actor,
        module_id: i64,
        title: &str,
        reference: &str,
    ) -> Result<i64> {
        let (title, reference) = (title.trim(), reference.trim());
        if title.is_empty() || reference.is_empty() {
            return Err(refused(|t| t.refuse_material_incomplete, &[]));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO material(module_id, title, reference) VALUES (?1, ?2, ?3)",
                params![module_id, title, reference],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                "material",
                Some(id),
                "add",
                None,
                Some(&json!({ "module_id": module_id, "title": title, "reference": reference })),
            )?;
            Ok(id)
        })
    }

    pub fn remove_material(&self, actor: &Actor, id: i64) -> Result<()> {
        self.write(|tx| {
            let before: Option<(i64, String, String)> = tx
                .query_row(
                    "SELECT module_id, title, reference FROM material WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            let Some((module_id, title, reference)) = before else {
                return Err(StoreError::NotFound("material"));
            };
            tx.execute("DELETE FROM material WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "material",
                Some(id),
                "remove",
                Some(&json!({ "module_id": module_id, "title": title, "reference": reference })),
                None,
            )?;
            Ok(())
        })
    }

    /// The words of a list, in order.
    pub fn words(&self, kind: Vocabulary) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT value FROM vocabulary WHERE kind = ?1 ORDER BY value COLLATE NOCASE",
            )?
            .query_map([kind.as_str()], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The values the register already uses for a list: the towns of its
    /// modules, the organisation types of its people.
    pub fn values_in_use(&self, kind: Vocabulary) -> Result<Vec<String>> {
        let sql = match kind {
            Vocabulary::Town => "SELECT DISTINCT location FROM module WHERE trim(location) <> ''",
            Vocabulary::OrganisationType => {
                "SELECT DISTINCT organisation_type FROM person WHERE trim(organisation_type) <> ''"
            }
            Vocabulary::RejectReason => {
                "SELECT DISTINCT reason FROM enrolment WHERE status = 'rejected' AND trim(coalesce(reason, '')) <> ''"
            }
        };
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Adds the settings' lists once, the first time the app opens the
    /// register; after that the register's lists are the ones edited.
    pub fn seed_vocabulary(&self, lists: &[(Vocabulary, &[String])]) -> Result<()> {
        let seeded: bool = self.conn().query_row(
            "SELECT count(*) > 0 FROM meta WHERE key = 'vocabulary_seeded'",
            [],
            |row| row.get(0),
        )?;
        if seeded || self.is_read_only() {
            return Ok(());
        }
        self.write(|tx| {
            for (kind, words) in lists {
                for word in *words {
                    add_word_in(tx, *kind, word)?;
                }
            }
            tx.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('vocabulary_seeded', '1')",
                [],
            )?;
            Ok(())
        })
    }

    fn is_read_only(&self) -> bool {
        self.conn().is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    pub fn add_word(&self, actor: &Actor, kind: Vocabulary, word: &str) -> Result<()> {
        let word = word.trim();
        if word.is_empty() {
            return Err(refused(|t| t.refuse_empty_word, &[]));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            add_word_in(tx, kind, word)?;
            audit(
                tx,
                actor,
                "vocabulary",
                None,
                "add",
                None,
                Some(&json!({ "kind": kind.as_str(), "value": word })),
            )
        })
    }

    pub fn remove_word(&self, actor: &Actor, kind: Vocabulary, word: &str) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            tx.execute(
                "DELETE FROM vocabulary WHERE kind = ?1 AND value = ?2",
                params![kind.as_str(), word],
            )?;
            audit(
                tx,
                actor,
                "vocabulary",
                None,
                "remove",
                Some(&json!({ "kind": kind.as_str(), "value": word })),
                None,
            )
        })
    }

    /// Adds an axis (admins and coordinators extend the taxonomy).
    pub fn add_axis(&self, actor: &Actor, code: &str, title: &str) -> Result<()> {
        let (code, title) = (code.trim(), title.trim());
        if code.is_empty() || title.is_empty() {
            return Err(refused(|t| t.refuse_axis_incomplete, &[]));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let taken: bool = tx.query_row(
                "SELECT count(*) > 0 FROM axis WHERE code = ?1 COLLATE NOCASE",
                [code],
                |row| row.get(0),
            )?;
            if taken {
                return Err(refused(|t| t.refuse_axis_exists, &[("code", code)]));
            }
            tx.execute(
                "INSERT INTO axis(code, title) VALUES (?1, ?2)",
                params![code, title],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                "axis",
                Some(id),
                "add",
                None,
                Some(&json!({ "code": code, "title": title })),
            )
        })
    }

    /// Removes an axis no module belongs to; otherwise says how many do.
    pub fn remove_axis(&self, actor: &Actor, code: &str) -> Result<Option<i64>> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (id, title, used): (i64, String, i64) = tx
                .query_row(
                    "SELECT a.id, a.title, (SELECT count(*) FROM module m WHERE m.axis_id = a.id)
                     FROM axis a WHERE a.code = ?1",
                    [code],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("axis"))?;
            if used > 0 {
                return Ok(Some(used));
            }
            tx.execute("DELETE FROM axis WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "axis",
                Some(id),
                "remove",
                Some(&json!({ "code": code, "title": title })),
                None,
            )?;
            Ok(None)
        })
    }

    pub fn person_draft(&self, id: i64) -> Result<(PersonDraft, i64)> {
        read_person(self.conn(), id)
    }

    pub fn create_person(&self, actor: &Actor, d: &PersonDraft) -> Result<i64> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            tax_code_free(tx, d.tax_code.as_deref(), 0)?;
            super::people::email_free(tx, d.email.as_deref(), 0)?;
            tx.execute(
                "INSERT INTO person(surname, given_name, gender, tax_code, email, phone, organisation,
                                    organisation_type, job_title)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    d.surname,
                    d.given_name,
                    d.gender.letter(),
                    d.tax_code,
                    d.email,
                    d.phone,
                    d.organisation,
                    d.organisation_type,
                    d.job_title
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit(tx, actor, "person", Some(id), "create", None, Some(&person_json(d)))?;
            Ok(id)
        })
    }

    /// Saves an edited person read at `version`; if someone changed them
    /// since, writes nothing and returns theirs.
    pub fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &PersonDraft,
    ) -> Result<std::result::Result<(), Theirs<PersonDraft>>> {
        check_person(d)?;
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            refuse_erased(tx, id)?;
            save_if_unchanged(tx, actor, &PERSON, id, version, d, |_| {
                tax_code_free(tx, d.tax_code.as_deref(), id)?;
                super::people::email_free(tx, d.email.as_deref(), id)?;
                tx.execute(
                    "UPDATE person SET surname = ?2, given_name = ?3, gender = ?4, tax_code = ?5,
                            email = ?6, phone = ?7, organisation = ?8, organisation_type = ?9,
                            job_title = ?10, version = version + 1
                     WHERE id = ?1",
                    params![
                        id,
                        d.surname,
                        d.given_name,
                        d.gender.letter(),
                        d.tax_code,
                        d.email,
                        d.phone,
                        d.organisation,
                        d.organisation_type,
                        d.job_title
                    ],
                )?;
                Ok(())
            })
        })
    }

    /// A request added by hand, with the history that leads to its
    /// status (as an import writes it).
    pub fn add_enrolment(
        &self,
        actor: &Actor,
        person_id: i64,
        module_id: i64,
        received_on: Date,
        status: Status,
        reason: Option<&str>,
    ) -> Result<i64> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if status.needs_reason() && reason.is_none() {
            return Err(refused(
                |t| t.refuse_status_needs_reason,
                &[("status", crate::i18n::current().status(status.as_str()))],
            ));
        }
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM enrolment WHERE person_id = ?1 AND module_id = ?2",
                params![person_id, module_id],
                |row| row.get(0),
            )?;
            if exists {
                return Err(refused(|t| t.refuse_request_exists, &[]));
            }
            tx.execute(
                "INSERT INTO enrolment(person_id, module_id, received_on, status, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    person_id,
                    module_id,
                    received_on.to_string(),
                    status.as_str(),
                    reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            let mut from: Option<&str> = None;
            for step in status.path_from_request() {
                let why = if *step == status { reason } else { None };
                super::bulk::insert_history(
                    tx,
                    id,
                    from,
                    step.as_str(),
                    why,
                    &actor.clock.stamp(),
                    &actor.user,
                )?;
                from = Some(step.as_str());
            }
            audit(
                tx,
                actor,
                "enrolment",
                Some(id),
                "add",
                None,
                Some(&json!({ "person_id": person_id, "module_id": module_id,
                              "received_on": received_on.to_string(), "status": status.as_str(),
                              "reason": reason })),
            )?;
            Ok(id)
        })
    }

    /// Every person as `(id, "Surname Given name")`, by name.
    pub fn person_choices(&self) -> Result<Vec<(i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, surname || ' ' || given_name FROM person WHERE erased = 0
                 ORDER BY surname COLLATE NOCASE, given_name COLLATE NOCASE, id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    /// Whether another module than `other_than` has this code.
    pub fn module_code_taken(&self, code: &str, other_than: i64) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT count(*) > 0 FROM module WHERE code = ?1 COLLATE NOCASE AND id <> ?2",
            params![code.trim(), other_than],
            |row| row.get(0),
        )?)
    }

    /// Who else than `other_than` has this tax code, by name.
    pub fn tax_code_holder(&self, code: &str, other_than: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT surname || ' ' || given_name FROM person WHERE tax_code = ?1 COLLATE NOCASE AND id <> ?2",
                params![code, other_than],
                |row| row.get(0),
            )
            .optional()?)
    }
}

fn add_word_in(tx: &Transaction, kind: Vocabulary, word: &str) -> Result<()> {
    let word = word.trim();
    if !word.is_empty() {
        tx.execute(
            "INSERT OR IGNORE INTO vocabulary(kind, value) VALUES (?1, ?2)",
            params![kind.as_str(), word],
        )?;
    }
    Ok(())
}

fn tax_code_free(tx: &Transaction, code: Option<&str>, other_than: i64) -> Result<()> {
    let Some(code) = code else { return Ok(()) };
    let other: Option<String> = tx
        .query_row(
            "SELECT surname || ' ' || given_name FROM person WHERE tax_code = ?1 AND id <> ?2",
            params![code, other_than],
            |row| row.get(0),
        )
        .optional()?;
    match other {
        Some(name) => Err(refused(
            |t| t.refuse_tax_code_taken,
            &[("code", code), ("name", &name)],
        )),
        None => Ok(()),
    }
}
