//! Filling an empty register at once (the demo and the large demo):
//! the rows the importer never writes (users, tutors, closed sessions,
//! notes) through statements held for many rows, inside one bulk change
//! (`BulkWrite`). Requests, their history and marks go through the one
//! writer every other path uses (request_writer).

use rusqlite::{OptionalExtension, params};

use super::bulk::BulkWrite;
use super::request_writer::Held;
use super::{Result, Store, StoreError};
use crate::domain::Role;

/// How many rows of each kind a register holds, for the demo to say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub modules: usize,
    /// Not cancelled.
    pub sessions: usize,
    pub enrolments: usize,
    /// Accepted requests.
    pub participations: usize,
    pub persons: usize,
    /// Distinct people among the participations.
    pub participating_persons: usize,
    /// People with more than one participation.
    pub persons_multi_module: usize,
    pub attendance_rows: usize,
    pub ratings: usize,
    pub notes: usize,
}

/// How a register is filled: `Large` for hundreds of thousands of rows,
/// where indexes are built once at the end and keys not checked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Small,
    Large,
}

impl Store {
    /// Fills a register that holds no module and no person with what
    /// `change` writes, in one transaction; refuses one that holds any.
    pub fn fill_empty(
        &self,
        fill: Fill,
        change: impl FnOnce(&BulkWrite) -> Result<()>,
    ) -> Result<()> {
        if fill == Fill::Small {
            return self.write_in_bulk(|bulk| {
                ensure_empty(bulk)?;
                change(bulk)?;
                Ok(((), true))
            });
        }
        // Indexes built in memory rather than spilled to the log halfway
        // (256 MiB: the large register is about 180 MB).
        self.conn().pragma_update(None, "cache_size", -262_144)?;
        // Every key written was just read back from the register, so the
        // 1.5 million foreign-key look-ups would prove nothing (a third
        // of the time); the large demo's test checks the result with
        // foreign_key_check.
        self.conn().pragma_update(None, "foreign_keys", false)?;
        let written = self.write_in_bulk(|bulk| {
            ensure_empty(bulk)?;
            // The indexes are made again once everything is in: sorting a
            // million keys once is far cheaper than placing them one by
            // one in random order. The same statements as the migrations
            // wrote, read back from the schema; it is all one transaction.
            let conn = bulk.conn();
            let indexes: Vec<(String, String)> = conn
                .prepare(
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
                )?
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, _) in &indexes {
                conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            }
            change(bulk)?;
            for (_, sql) in &indexes {
                conn.execute_batch(sql)?;
            }
            Ok(((), true))
        });
        self.conn().pragma_update(None, "foreign_keys", true)?;
        self.use_large_cache()?;
        written
    }

    /// How many rows of each kind the register holds.
    pub fn counts(&self) -> Result<Counts> {
        let conn = self.conn();
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            modules: count("SELECT COUNT(*) FROM module")?,
            sessions: count("SELECT COUNT(*) FROM session WHERE cancelled = 0")?,
            enrolments: count("SELECT COUNT(*) FROM enrolment")?,
            participations: count("SELECT COUNT(*) FROM enrolment WHERE status = 'accepted'")?,
            persons: count("SELECT COUNT(*) FROM person")?,
            participating_persons: count(
                "SELECT COUNT(DISTINCT person_id) FROM enrolment WHERE status = 'accepted'",
            )?,
            persons_multi_module: count(
                "SELECT COUNT(*) FROM (SELECT person_id FROM enrolment WHERE status = 'accepted'
                 GROUP BY person_id HAVING COUNT(*) > 1)",
            )?,
            attendance_rows: count("SELECT COUNT(*) FROM attendance")?,
            ratings: count("SELECT COUNT(*) FROM rating")?,
            notes: count("SELECT COUNT(*) FROM note")?,
        })
    }
}

fn ensure_empty(bulk: &BulkWrite) -> Result<()> {
    let used: i64 = bulk.conn().query_row(
        "SELECT (SELECT COUNT(*) FROM module) + (SELECT COUNT(*) FROM person)",
        [],
        |row| row.get(0),
    )?;
    if used > 0 {
        return Err(StoreError::refused_text(
            "the demo fills only an empty register; this one already holds modules or people"
                .to_string(),
        ));
    }
    Ok(())
}

impl BulkWrite<'_> {
    /// A user, unless one with the login is there already (who stays as
    /// they are); returns the id of whoever has the login.
    pub fn add_user_if_new(&self, login: &str, name: &str, role: Role) -> Result<i64> {
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT INTO app_user(login, display_name, role) VALUES (?1, ?2, ?3)
             ON CONFLICT(login) DO NOTHING",
        )?
        .execute(params![login, name, role.as_str()])?;
        Ok(conn
            .prepare_cached("SELECT id FROM app_user WHERE login = ?1")?
            .query_row([login], |row| row.get(0))?)
    }

    /// The register's axes' ids, in order.
    pub fn axis_ids(&self) -> Result<Vec<i64>> {
        Ok(self.axes()?.into_iter().map(|axis| axis.id).collect())
    }

    /// The axis so coded, added with `title` when the register lacks it.
    pub fn axis_id_or_add(&self, code: &str, title: &str) -> Result<i64> {
        let conn = self.conn();
        conn.prepare_cached(
            "INSERT INTO axis(code, title) VALUES (?1, ?2) ON CONFLICT(code) DO NOTHING",
        )?
        .execute(params![code, title])?;
        let id = conn
            .prepare_cached("SELECT id FROM axis WHERE code = ?1")?
            .query_row([code], |row| row.get(0))
            .optional()?;
        id.ok_or(StoreError::NotFound("axis"))
    }

    /// The writer of a programme's rows the importer never writes.
    pub fn programme(&self) -> Result<ProgrammeWriter<'_>> {
        let conn = self.conn();
        Ok(ProgrammeWriter {
            tutor: Held::new(
                conn,
                "INSERT INTO user_module(user_id, module_id) VALUES (?1, ?2)",
            )?,
            session: Held::new(
                conn,
                "INSERT INTO session(module_id, date, start_minute, end_minute, venue, trainer, topic,
                                     cancelled, closed_at, closed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            note: Held::new(
                conn,
                "INSERT INTO note(author, created_at, updated_at, body, follow_up)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            subject: Held::new(
                conn,
                "INSERT INTO note_subject(note_id, person_id, session_id, module_id)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
        })
    }
}

/// A session as a filled register has it: perhaps cancelled, perhaps
/// its roll call closed.
#[derive(Debug, Clone, Copy)]
pub struct SeedSession<'a> {
    pub module_id: i64,
    pub date: &'a str,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<&'a str>,
    pub trainer: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub cancelled: bool,
    /// When and by whom its roll call was closed.
    pub closed: Option<(&'a str, &'a str)>,
}

/// What a note is about: one person, session or module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Person(i64),
    Session(i64),
    Module(i64),
}

/// A tutor's note as a filled register has it.
#[derive(Debug, Clone, Copy)]
pub struct SeedNote<'a> {
    pub author: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub body: &'a str,
    pub follow_up: Option<&'a str>,
}

/// Tutors of modules, sessions and notes, for many rows.
pub struct ProgrammeWriter<'c> {
    tutor: Held<'c>,
    session: Held<'c>,
    note: Held<'c>,
    subject: Held<'c>,
}

impl ProgrammeWriter<'_> {
    /// Makes the user a tutor of the module.
    pub fn tutor(&mut self, user_id: i64, module_id: i64) -> Result<()> {
        self.tutor.run(params![user_id, module_id])?;
        Ok(())
    }

    /// A session; returns its id.
    pub fn session(&mut self, s: &SeedSession) -> Result<i64> {
        self.session.run(params![
            s.module_id,
            s.date,
            s.start_minute,
            s.end_minute,
            s.venue,
            s.trainer,
            s.topic,
            s.cancelled,
            s.closed.map(|(at, _)| at),
            s.closed.map(|(_, by)| by),
        ])
    }

    /// A note about its subjects; returns its id.
    pub fn note(&mut self, note: &SeedNote, about: &[About]) -> Result<i64> {
        let id = self.note.run(params![
            note.author,
            note.created_at,
            note.updated_at,
            note.body,
            note.follow_up
        ])?;
        for subject in about {
            let (person, session, module) = match *subject {
                About::Person(p) => (Some(p), None, None),
                About::Session(s) => (None, Some(s), None),
                About::Module(m) => (None, None, Some(m)),
            };
            self.subject.run(params![id, person, session, module])?;
        }
        Ok(id)
    }
}
