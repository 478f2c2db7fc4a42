//! Reads and writes in bulk, for the importer: whole tables loaded into
//! memory once per file, and inserts through statements held for the
//! whole file, all inside the one transaction of an import.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::request_writer::{Held, MarkWriter, RequestWriter};
use super::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisRow {
    pub id: i64,
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub axis_id: i64,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub capacity: i64,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: i64,
    pub module_id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub topic: Option<String>,
    pub cancelled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub gender: String,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentRow {
    pub id: i64,
    pub person_id: i64,
    pub module_id: i64,
    pub received_on: String,
    pub status: String,
    pub reason: Option<String>,
}

impl Store {
    /// A page cache large enough for a bulk import to build its indexes
    /// in memory instead of spilling half-done pages to the log (64 MiB,
    /// for this connection only).
    pub fn use_large_cache(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -65536)?;
        Ok(())
    }

    /// Runs `change` in one immediate transaction, handed over as a
    /// `BulkWrite`, and commits only when it says so (`true`); otherwise
    /// everything it did is rolled back, as for a dry run or a refused
    /// file. The transaction is taken as every write takes it (waiting
    /// for other writers, refused once the register showed damage), and
    /// damage met inside it stops every later write (`Store::write`).
    pub fn write_in_bulk<T>(
        &self,
        change: impl FnOnce(&BulkWrite) -> Result<(T, bool)>,
    ) -> Result<T> {
        let written = self.begin_immediate().and_then(|tx| {
            let bulk = BulkWrite { tx };
            let (value, commit) = change(&bulk)?;
            if commit {
                bulk.tx.commit()?;
            } else {
                bulk.tx.rollback()?;
            }
            Ok(value)
        });
        if let Err(StoreError::Damaged(why)) = &written {
            self.latch_damage(why);
        }
        written
    }
}

/// One bulk change in progress (an import, a demo register): the
/// transaction stays in the store, and the importer and the demo read
/// and write through these methods and the inserts below.
pub struct BulkWrite<'t> {
    tx: Transaction<'t>,
}

impl BulkWrite<'_> {
    /// The transaction, for this module's lookups and inserts.
    pub(super) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// The change's audit entry (`writes::audit`): refused, and the whole
    /// change with it, when the actor is not an active user.
    pub fn audit(
        &self,
        actor: &crate::context::Actor,
        entity: &str,
        action: &str,
        after: &serde_json::Value,
    ) -> Result<()> {
        super::writes::audit(&self.tx, actor, entity, None, action, None, Some(after))
    }

    pub fn axes(&self) -> Result<Vec<AxisRow>> {
        axes(&self.tx)
    }

    pub fn modules(&self) -> Result<Vec<ModuleRow>> {
        modules(&self.tx)
    }

    /// Everyone not erased, oldest first.
    pub fn people(&self) -> Result<Vec<PersonRow>> {
        people(&self.tx)
    }

    /// A bound on how many people the register has (`people_bound`).
    pub fn people_bound(&self) -> Result<usize> {
        people_bound(&self.tx)
    }

    pub fn people_with_tax_code(&self, code: &str) -> Result<Vec<PersonRow>> {
        people_with_tax_code(&self.tx, code)
    }

    pub fn people_with_email(&self, email: &str) -> Result<Vec<PersonRow>> {
        people_with_email(&self.tx, email)
    }

    /// Writes back what an import found for a person who lacked it
    /// (`fill_in_person`).
    pub fn fill_in_person(&self, person: &PersonRow) -> Result<()> {
        fill_in_person(&self.tx, person)
    }

    /// A module's code, places and participants (`module_places`).
    pub fn module_places(&self, module_id: i64) -> Result<(String, i64, i64)> {
        module_places(&self.tx, module_id)
    }

    /// New people, in order; their ids in the same order (`insert_people`).
    pub fn insert_people(&self, rows: &[&PersonRow]) -> Result<Vec<i64>> {
        insert_people(&self.tx, rows)
    }

    /// Queues the letter an imported decision owes its person
    /// (`registro import --notify`, issue 25), in the import's
    /// transaction; whether one was queued.
    pub fn queue_decision_letter(
        &self,
        actor: &crate::context::Actor,
        enrolment_id: i64,
        status: crate::domain::Status,
        reason: Option<&str>,
    ) -> Result<bool> {
        use crate::domain::Status;
        let before = status.path_from_request().iter().rev().nth(1).copied();
        let kind = super::outbox::kind_for(before.unwrap_or(Status::Requested), status);
        let queued =
            super::outbox::queue_for_decision(&self.tx, actor, enrolment_id, kind, reason)?;
        Ok(queued.is_some())
    }

    /// The writer of requests and their history, for many rows.
    pub fn requests(&self) -> Result<RequestWriter<'_>> {
        RequestWriter::on(&self.tx)
    }

    /// The writer of marks, for many rows.
    pub fn marks(&self) -> Result<MarkWriter<'_>> {
        MarkWriter::on(&self.tx)
    }

    /// Whether `actor` may mark attendance at the session, by role and
    /// the session's state, as a roll call would ask.
    pub fn check_mark(
        &self,
        actor: &crate::context::Actor,
        session_id: i64,
    ) -> Result<std::result::Result<(), super::attendance::MarkRefusal>> {
        super::attendance::check_import_mark(&self.tx, actor, session_id)
    }

    /// Whether `actor` may rate the participation.
    pub fn check_rating(
        &self,
        actor: &crate::context::Actor,
        enrolment_id: i64,
    ) -> Result<std::result::Result<(), super::attendance::MarkRefusal>> {
        super::ratings::check_import_rating(&self.tx, actor, enrolment_id)
    }
}

pub fn axes(conn: &Connection) -> Result<Vec<AxisRow>> {
    let mut statement = conn.prepare("SELECT id, code, title FROM axis ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        Ok(AxisRow {
            id: row.get(0)?,
            code: row.get(1)?,
            title: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn modules(conn: &Connection) -> Result<Vec<ModuleRow>> {
    let mut statement = conn.prepare(
        "SELECT id, code, title, axis_id, location, venue, planned_minutes, capacity, starts_on, ends_on
         FROM module ORDER BY id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(ModuleRow {
            id: row.get(0)?,
            code: row.get(1)?,
            title: row.get(2)?,
            axis_id: row.get(3)?,
            location: row.get(4)?,
            venue: row.get(5)?,
            planned_minutes: row.get(6)?,
            capacity: row.get(7)?,
            starts_on: row.get(8)?,
            ends_on: row.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn session_from_row(row: &rusqlite::Row) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: row.get(0)?,
        module_id: row.get(1)?,
        date: row.get(2)?,
        start_minute: row.get(3)?,
        end_minute: row.get(4)?,
        venue: row.get(5)?,
        trainer: row.get(6)?,
        topic: row.get(7)?,
        cancelled: row.get(8)?,
    })
}

/// Everyone not erased, oldest first.
pub fn people(conn: &Connection) -> Result<Vec<PersonRow>> {
    let mut statement = conn.prepare(&format!(
        "SELECT {} FROM person WHERE erased = 0 ORDER BY id",
        super::queries::PERSON_COLUMNS
    ))?;
    let rows = statement.query_map([], super::queries::person_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A bound on how many people the register has (the highest id), read
/// from the end of the table's B-tree without counting.
pub fn people_bound(conn: &Connection) -> Result<usize> {
    let highest: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM person", [], |row| {
        row.get(0)
    })?;
    Ok(usize::try_from(highest).unwrap_or(0))
}

/// Whoever has this tax code, not erased. Every way a tax code is
/// written (forms, imports, merges) writes it as `taxcode::validate`
/// returns it, in upper case, so the key is looked up as it is.
pub fn people_with_tax_code(conn: &Connection, code: &str) -> Result<Vec<PersonRow>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {} FROM person WHERE tax_code = ?1 AND erased = 0 ORDER BY id",
        super::queries::PERSON_COLUMNS
    ))?;
    let rows = statement.query_map([code], super::queries::person_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everyone not erased with this email, in any case, oldest first. The
/// column compares without case (`COLLATE NOCASE`), but SQLite folds
/// only ASCII letters: an email with other letters is looked for among
/// the few such emails, folded here.
pub fn people_with_email(conn: &Connection, email: &str) -> Result<Vec<PersonRow>> {
    if email.is_ascii() {
        let mut statement = conn.prepare_cached(&format!(
            "SELECT {} FROM person WHERE email = ?1 AND erased = 0 ORDER BY id",
            super::queries::PERSON_COLUMNS
        ))?;
        let rows = statement.query_map([email], super::queries::person_from_row)?;
        return Ok(rows.collect::<rusqlite::Result<_>>()?);
    }
    let wanted = email.to_lowercase();
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {} FROM person WHERE email GLOB '*[^ -~]*' AND erased = 0 ORDER BY id",
        super::queries::PERSON_COLUMNS
    ))?;
    let rows = statement.query_map([], super::queries::person_from_row)?;
    let mut found = Vec::new();
    for row in rows {
        let row = row?;
        if row.email.as_deref().map(str::to_lowercase).as_deref() == Some(wanted.as_str()) {
            found.push(row);
        }
    }
    Ok(found)
}

/// A module's id by its code as a file writes it, in capitals
/// (`import::people::upper`): the module so coded, else one whose code
/// is the same in capitals, as a form may have let it be typed.
pub fn module_id(conn: &Connection, code: &String) -> Result<Option<i64>> {
    let exact = conn
        .prepare_cached("SELECT id FROM module WHERE code = ?1")?
        .query_row([code], |row| row.get(0))
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    let mut statement = conn.prepare_cached("SELECT id, code FROM module ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut found = None;
    for row in rows {
        let (id, theirs) = row?;
        if theirs.to_uppercase() == *code {
            found = Some(id);
        }
    }
    Ok(found)
}

/// Writes the tax code, email and phone an import found for a person
/// who had none, leaving every value the register has.
pub fn fill_in_person(conn: &Connection, person: &PersonRow) -> Result<()> {
    conn.prepare_cached(
        "UPDATE person SET
             tax_code = coalesce(nullif(tax_code, ''), ?2),
             email = coalesce(nullif(email, ''), ?3),
             phone = coalesce(nullif(phone, ''), ?4),
             version = version + 1
         WHERE id = ?1",
    )?
    .execute(params![
        person.id,
        person.tax_code,
        person.email,
        person.phone
    ])?;
    Ok(())
}

/// A module's code, places and participants (accepted requests), for
/// the import's capacity warnings.
pub fn module_places(conn: &Connection, module_id: i64) -> Result<(String, i64, i64)> {
    Ok(conn.prepare_cached(
        "SELECT m.code, m.capacity,
                (SELECT count(*) FROM enrolment e WHERE e.module_id = m.id AND e.status = 'accepted')
         FROM module m WHERE m.id = ?1",
    )?
    .query_row([module_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?)
}

/// A person's request for a module: (person, module).
pub fn enrolment_of(conn: &Connection, key: &(i64, i64)) -> Result<Option<EnrolmentRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, person_id, module_id, received_on, status, reason FROM enrolment
             WHERE person_id = ?1 AND module_id = ?2",
        )?
        .query_row(params![key.0, key.1], |row| {
            Ok(EnrolmentRow {
                id: row.get(0)?,
                person_id: row.get(1)?,
                module_id: row.get(2)?,
                received_on: row.get(3)?,
                status: row.get(4)?,
                reason: row.get(5)?,
            })
        })
        .optional()?)
}

/// A module's sessions on a day, (module, date), by start; none when it
/// has none that day.
pub fn sessions_on(conn: &Connection, key: &(i64, String)) -> Result<Option<Vec<SessionRow>>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, module_id, date, start_minute, end_minute, venue, trainer, topic, cancelled
         FROM session WHERE module_id = ?1 AND date = ?2 ORDER BY start_minute, id",
    )?;
    let rows = statement.query_map(params![key.0, key.1], session_from_row)?;
    let day: Vec<SessionRow> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(Some(day).filter(|day| !day.is_empty()))
}

/// An attendance mark: (enrolment, session) → (minutes, mark).
pub fn mark_of(conn: &Connection, key: &(i64, i64)) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT minutes, mark FROM attendance WHERE enrolment_id = ?1 AND session_id = ?2",
        )?
        .query_row(params![key.0, key.1], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// A participation's rating: enrolment → (score, comment).
pub fn rating_of(conn: &Connection, enrolment: &i64) -> Result<Option<(i64, Option<String>)>> {
    Ok(conn
        .prepare_cached("SELECT score, comment FROM rating WHERE enrolment_id = ?1")?
        .query_row([enrolment], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// The inserts of a module file.
pub struct ModuleInserts<'c>(Held<'c>);

impl<'c> ModuleInserts<'c> {
    pub fn new(bulk: &'c BulkWrite) -> Result<Self> {
        Ok(ModuleInserts(Held::new(
            bulk.conn(),
            "INSERT INTO module(code, title, axis_id, location, venue, planned_minutes, capacity, starts_on, ends_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?))
    }

    /// A new module; returns its id.
    pub fn insert(&mut self, m: &ModuleRow) -> Result<i64> {
        self.0.run(params![
            m.code,
            m.title,
            m.axis_id,
            m.location,
            m.venue,
            m.planned_minutes,
            m.capacity,
            m.starts_on,
            m.ends_on
        ])
    }
}

/// The inserts of a session file.
pub struct SessionInserts<'c>(Held<'c>);

impl<'c> SessionInserts<'c> {
    pub fn new(bulk: &'c BulkWrite) -> Result<Self> {
        Ok(SessionInserts(Held::new(
            bulk.conn(),
            "INSERT INTO session(module_id, date, start_minute, end_minute, venue, trainer, topic)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?))
    }

    /// A new session; returns its id.
    pub fn insert(&mut self, s: &SessionRow) -> Result<i64> {
        self.0.run(params![
            s.module_id,
            s.date,
            s.start_minute,
            s.end_minute,
            s.venue,
            s.trainer,
            s.topic
        ])
    }
}

/// New people, in order; returns their ids, in the same order. Each
/// is given the next id after the register's highest, as SQLite
/// would; no other writer can add one meanwhile, as the caller's
/// transaction holds the write lock.
///
/// They are gathered in a temporary table and moved into `person` by
/// one statement. The people's text index (migration 5) writes what
/// it has gathered to disk whenever a statement that may have to be
/// undone starts, which its trigger makes every insert into person:
/// one person per statement spent three quarters of an import's
/// instructions merging thousands of one-person segments, a thousand
/// per statement still half of them. In one statement the index
/// writes one segment (see migration 7).
pub fn insert_people(conn: &Connection, rows: &[&PersonRow]) -> Result<Vec<i64>> {
    // Above every id a person ever had (the sequence of AUTOINCREMENT),
    // not only those there now: an id is never given twice.
    let highest: i64 = conn.query_row(
        "SELECT max(coalesce((SELECT max(id) FROM person), 0),
                    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'person'), 0))",
        [],
        |row| row.get(0),
    )?;
    conn.execute_batch(
        "CREATE TEMP TABLE arriving_person(
             id INTEGER PRIMARY KEY, surname, given_name, gender, tax_code, email, phone,
             organisation, organisation_type, job_title)",
    )?;
    let mut ids = Vec::with_capacity(rows.len());
    {
        let mut arriving = conn.prepare(
            "INSERT INTO temp.arriving_person VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (k, p) in rows.iter().enumerate() {
            let id = i64::try_from(k + 1)
                .ok()
                .and_then(|n| highest.checked_add(n))
                .ok_or_else(|| StoreError::refused_text("no person id left"))?;
            arriving.execute(params![
                id,
                p.surname,
                p.given_name,
                p.gender,
                p.tax_code,
                p.email,
                p.phone,
                p.organisation,
                p.organisation_type,
                p.job_title
            ])?;
            ids.push(id);
        }
    }
    conn.execute_batch(
        "INSERT INTO person(id, surname, given_name, gender, tax_code, email, phone,
                            organisation, organisation_type, job_title)
         SELECT * FROM temp.arriving_person ORDER BY id;
         DROP TABLE temp.arriving_person;",
    )?;
    Ok(ids)
}

/// The inserts of a ratings file.
pub struct RatingInserts<'c>(Held<'c>);

impl<'c> RatingInserts<'c> {
    pub fn new(bulk: &'c BulkWrite) -> Result<Self> {
        Ok(RatingInserts(Held::new(
            bulk.conn(),
            "INSERT INTO rating(enrolment_id, score, comment) VALUES (?1, ?2, ?3)",
        )?))
    }

    /// A new rating.
    pub fn insert(&mut self, enrolment_id: i64, score: i64, comment: Option<&str>) -> Result<()> {
        self.0.run(params![enrolment_id, score, comment])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_is_found_by_its_code_in_capitals_however_it_was_typed() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE module(id INTEGER PRIMARY KEY, code TEXT UNIQUE);
             INSERT INTO module VALUES (1, 'M01'), (2, 'bg06'), (3, 'Ü1');",
        )
        .unwrap();
        let id = |code: &str| module_id(&conn, &code.to_string()).unwrap();
        assert_eq!(id("M01"), Some(1));
        assert_eq!(id("BG06"), Some(2));
        assert_eq!(id("Ü1"), Some(3));
        assert_eq!(id("M02"), None);
    }
}
