//! Tutoring notes and their drafts. A draft is written as the user types
//! so that a crash or a dropped connection loses at most a moment of it.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError, refused};
use crate::context::Actor;

pub mod spilled;

/// What a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteSubject {
    Person(i64),
    Session(i64),
    Module(i64),
}

impl NoteSubject {
    fn columns(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            NoteSubject::Person(id) => (Some(id), None, None),
            NoteSubject::Session(id) => (None, Some(id), None),
            NoteSubject::Module(id) => (None, None, Some(id)),
        }
    }
}

/// A note being written: its subjects, the note it edits (if any), text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: i64,
    pub note_id: Option<i64>,
    pub subjects: Vec<NoteSubject>,
    pub body: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteVersion {
    pub body: String,
    pub follow_up: Option<String>,
    pub version: i64,
    pub author: String,
    pub updated_at: String,
}

/// A note's text and version, read by `note_version_from_row`.
const NOTE_VERSION: &str =
    "SELECT body, follow_up, version, author, updated_at FROM note WHERE id = ?1";

fn note_version_from_row(row: &rusqlite::Row) -> rusqlite::Result<NoteVersion> {
    Ok(NoteVersion {
        body: row.get(0)?,
        follow_up: row.get(1)?,
        version: row.get(2)?,
        author: row.get(3)?,
        updated_at: row.get(4)?,
    })
}

fn insert_subjects(tx: &Transaction, note_id: i64, subjects: &[NoteSubject]) -> Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO note_subject(note_id, person_id, session_id, module_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for subject in subjects {
        let (person, session, module) = subject.columns();
        statement.execute(params![note_id, person, session, module])?;
    }
    Ok(())
}

impl Store {
    /// Saves a new note, and removes the draft it came from, together.
    pub fn add_note(
        &self,
        actor: &Actor,
        subjects: &[NoteSubject],
        body: &str,
        follow_up: Option<&str>,
        draft: Option<i64>,
    ) -> Result<i64> {
        if body.trim().is_empty() {
            return Err(refused(|t| t.refuse_empty_note, &[]));
        }
        self.write(|tx| {
            let now = actor.clock.stamp();
            tx.execute(
                "INSERT INTO note(author, created_at, updated_at, body, follow_up) VALUES (?1, ?2, ?2, ?3, ?4)",
                params![actor.user, now, body, follow_up],
            )?;
            let id = tx.last_insert_rowid();
            insert_subjects(tx, id, subjects)?;
            if let Some(draft) = draft {
                tx.execute("DELETE FROM note_draft WHERE id = ?1", [draft])?;
            }
            audit(tx, actor, "note", Some(id), "add", None, Some(&json!({ "body": body, "follow_up": follow_up })))?;
            Ok(id)
        })
    }

    pub fn note_version(&self, id: i64) -> Result<NoteVersion> {
        self.conn()
            .query_row(NOTE_VERSION, [id], note_version_from_row)
            .optional()?
            .ok_or(StoreError::NotFound("note"))
    }

    /// Saves an edited note if nobody changed it since `version` was read;
    /// otherwise returns what it holds now and writes nothing.
    pub fn update_note(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        body: &str,
        follow_up: Option<&str>,
        draft: Option<i64>,
    ) -> Result<std::result::Result<(), NoteVersion>> {
        self.write(|tx| {
            let current = tx.query_row(NOTE_VERSION, [id], note_version_from_row)?;
            if current.version != version {
                return Ok(Err(current));
            }
            tx.execute(
                "UPDATE note SET body = ?2, follow_up = ?3, updated_at = ?4, version = version + 1 WHERE id = ?1",
                params![id, body, follow_up, actor.clock.stamp()],
            )?;
            if let Some(draft) = draft {
                tx.execute("DELETE FROM note_draft WHERE id = ?1", [draft])?;
            }
            audit(
                tx,
                actor,
                "note",
                Some(id),
                "edit",
                Some(&json!({ "body": current.body, "follow_up": current.follow_up })),
                Some(&json!({ "body": body, "follow_up": follow_up })),
            )?;
            Ok(Ok(()))
        })
    }

    /// Sets a note's follow-up flag: `None`, `open` or `done`.
    pub fn set_follow_up(&self, actor: &Actor, id: i64, follow_up: Option<&str>) -> Result<()> {
        self.write(|tx| {
            let before: Option<String> =
                tx.query_row("SELECT follow_up FROM note WHERE id = ?1", [id], |row| {
                    row.get(0)
                })?;
            tx.execute(
                "UPDATE note SET follow_up = ?2, version = version + 1 WHERE id = ?1",
                params![id, follow_up],
            )?;
            audit(
                tx,
                actor,
                "note",
                Some(id),
                "follow-up",
                Some(&json!({ "follow_up": before })),
                Some(&json!({ "follow_up": follow_up })),
            )?;
            Ok(())
        })
    }

    /// Writes the draft's text (creating it on first save). Drafts are
    /// the author's scratch: not audited, removed when the note is saved.
    pub fn save_draft(
        &self,
        actor: &Actor,
        draft: Option<i64>,
        note_id: Option<i64>,
        subjects: &[NoteSubject],
        body: &str,
    ) -> Result<i64> {
        self.write(|tx| {
            let now = actor.clock.stamp();
            if let Some(id) = draft {
                let changed = tx.execute(
                    "UPDATE note_draft SET body = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, body, now],
                )?;
                if changed > 0 {
                    return Ok(id);
                }
            }
            // A draft has one row per subject kind; several subjects of a
            // note are kept as the first of each kind.
            let mut person = None;
            let mut session = None;
            let mut module = None;
            for subject in subjects {
                let (p, s, m) = subject.columns();
                person = person.or(p);
                session = session.or(s);
                module = module.or(m);
            }
            tx.execute(
                "INSERT INTO note_draft(author, note_id, person_id, session_id, module_id, body, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![actor.user, note_id, person, session, module, body, now],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn drafts(&self, author: &str) -> Result<Vec<Draft>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, note_id, person_id, session_id, module_id, body, updated_at
             FROM note_draft WHERE author = ?1 ORDER BY updated_at DESC, id DESC",
        )?;
        let drafts = statement
            .query_map([author], |row| {
                let mut subjects = Vec::new();
                if let Some(id) = row.get::<_, Option<i64>>(2)? {
                    subjects.push(NoteSubject::Person(id));
                }
                if let Some(id) = row.get::<_, Option<i64>>(3)? {
                    subjects.push(NoteSubject::Session(id));
                }
                if let Some(id) = row.get::<_, Option<i64>>(4)? {
                    subjects.push(NoteSubject::Module(id));
                }
                Ok(Draft {
                    id: row.get(0)?,
                    note_id: row.get(1)?,
                    subjects,
                    body: row.get(5)?,
                    updated_at: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(drafts)
    }

    /// Says what a note's subjects are, as the editor's title and the
    /// list of drafts show them: `Arena Anna, M01 26/11/2026`.
    pub fn subjects_label(&self, subjects: &[NoteSubject]) -> Result<String> {
        let conn = self.conn();
        let mut parts = Vec::new();
        for subject in subjects {
            let found: Option<String> = match *subject {
                NoteSubject::Person(id) => conn
                    .query_row(
                        "SELECT trim(surname || ' ' || given_name) FROM person WHERE id = ?1",
                        [id],
                        |row| row.get(0),
                    )
                    .optional()?,
                NoteSubject::Session(id) => conn
                    .query_row(
                        "SELECT m.code, s.date FROM session s JOIN module m ON m.id = s.module_id
                         WHERE s.id = ?1",
                        [id],
                        |row| {
                            let date: String = row.get(1)?;
                            // Dates are written for people: day first.
                            Ok(format!(
                                "{} {}",
                                row.get::<_, String>(0)?,
                                crate::i18n::format::day_first(&date)
                            ))
                        },
                    )
                    .optional()?,
                NoteSubject::Module(id) => conn
                    .query_row(
                        "SELECT code || ' ' || title FROM module WHERE id = ?1",
                        [id],
                        |row| row.get(0),
                    )
                    .optional()?,
            };
            parts.extend(found);
        }
        Ok(parts.join(", "))
    }

    /// The drafts about a person, whoever writes them: for `person export`.
    pub fn drafts_about_person(&self, person: i64) -> Result<Vec<serde_json::Value>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT id, author, note_id, body, updated_at FROM note_draft WHERE person_id = ?1 ORDER BY id",
        )?;
        let drafts = statement
            .query_map([person], |row| {
                Ok(json!({
                    "id": row.get::<_, i64>(0)?,
                    "author": row.get::<_, String>(1)?,
                    "note_id": row.get::<_, Option<i64>>(2)?,
                    "body": row.get::<_, String>(3)?,
                    "updated_at": row.get::<_, String>(4)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(drafts)
    }

    pub fn discard_draft(&self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM note_draft WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// The subjects of a note.
    pub fn note_subjects(&self, id: i64) -> Result<Vec<NoteSubject>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT person_id, session_id, module_id FROM note_subject WHERE note_id = ?1",
        )?;
        let subjects = statement
            .query_map([id], |row| {
                let person: Option<i64> = row.get(0)?;
                let session: Option<i64> = row.get(1)?;
                let module: Option<i64> = row.get(2)?;
                Ok(match (person, session, module) {
                    (Some(id), _, _) => NoteSubject::Person(id),
                    (_, Some(id), _) => NoteSubject::Session(id),
                    (_, _, Some(id)) => NoteSubject::Module(id),
                    _ => NoteSubject::Module(0),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(subjects)
    }
}
