//! Data-protection requests: everything the register holds about one
//! person, and erasing it. Erasing replaces what identifies the person
//! with a pseudonym and leaves every count as it was, so the report's
//! figures do not change; no copy of the erased text is left in the
//! file or its WAL.

mod erase;

pub use erase::{Erased, ToReview};

use rusqlite::params;
use serde_json::{Value, json};

use super::{Result, Store, StoreError, refused};

/// What takes the place of erased free text.
pub const ERASED: &str = "[erased]";

/// The pseudonym of an erased person: stable, and names no one.
pub fn pseudonym(id: i64) -> String {
    format!("Erased-{id}")
}

fn rows(tx: &rusqlite::Connection, sql: &str, id: i64) -> Result<Vec<Value>> {
    let mut statement = tx.prepare(sql)?;
    let names: Vec<String> = statement.column_names().map(str::to_string).collect();
    let list = statement
        .query_map([id], |row| {
            let mut object = serde_json::Map::new();
            for (index, name) in names.iter().enumerate() {
                let value = match row.get_ref(index)? {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(i) => json!(i),
                    rusqlite::types::ValueRef::Real(f) => json!(f),
                    rusqlite::types::ValueRef::Text(t) => {
                        let text = String::from_utf8_lossy(t).into_owned();
                        // The audit's before and after are JSON: nest them.
                        if name == "before" || name == "after" {
                            serde_json::from_str(&text).unwrap_or(Value::String(text))
                        } else {
                            Value::String(text)
                        }
                    }
                    rusqlite::types::ValueRef::Blob(_) => Value::Null,
                };
                object.insert(name.clone(), value);
            }
            Ok(Value::Object(object))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(list)
}

impl Store {
    /// Everything held about a person, as one JSON object: the person,
    /// their requests with their history, attendance, ratings, the notes
    /// about them or naming them, and the audit entries about them.
    pub fn person_data(&self, id: i64) -> Result<Value> {
        let conn = self.conn();
        let person = rows(
            conn,
            "SELECT id, surname, given_name, gender, tax_code, email, phone, organisation,
                    organisation_type, job_title, language, erased FROM person WHERE id = ?1",
            id,
        )?;
        let Some(person) = person.into_iter().next() else {
            return Err(StoreError::NotFound("person"));
        };
        let surname = person["surname"].as_str().unwrap_or_default().to_string();
        let enrolments = rows(
            conn,
            "SELECT e.id, m.code AS module, m.title AS module_title, e.received_on, e.status, e.reason
             FROM enrolment e JOIN module m ON m.id = e.module_id WHERE e.person_id = ?1 ORDER BY e.id",
            id,
        )?;
        let history = rows(
            conn,
            "SELECT h.enrolment_id, h.from_status, h.to_status, h.reason, h.at, h.by_user
             FROM enrolment_history h JOIN enrolment e ON e.id = h.enrolment_id
             WHERE e.person_id = ?1 ORDER BY h.id",
            id,
        )?;
        let attendance = rows(
            conn,
            "SELECT m.code AS module, s.date, s.start_minute, s.end_minute, a.minutes, a.mark,
                    a.updated_at, a.updated_by
             FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id
             JOIN session s ON s.id = a.session_id JOIN module m ON m.id = s.module_id
             WHERE e.person_id = ?1 ORDER BY s.date, s.start_minute",
            id,
        )?;
        let ratings = rows(
            conn,
            "SELECT m.code AS module, r.score, r.comment FROM rating r
             JOIN enrolment e ON e.id = r.enrolment_id JOIN module m ON m.id = e.module_id
             WHERE e.person_id = ?1 ORDER BY m.code",
            id,
        )?;
        let messages = rows(
            conn,
            "SELECT o.id, o.kind, o.status, o.reason, o.recipient, o.subject, o.body, o.attachment,
                    o.message_id, o.attempts, o.last_error, o.batch, o.queued_at, o.queued_by,
                    o.done_at, m.code AS module
             FROM outbox o LEFT JOIN enrolment e ON e.id = o.enrolment_id
             LEFT JOIN module m ON m.id = e.module_id
             WHERE o.person_id = ?1 ORDER BY o.id",
            id,
        )?;
        let mut statement = conn.prepare(
            "SELECT n.id, n.author, n.created_at, n.updated_at, n.body, n.follow_up FROM note n
             WHERE n.id IN (SELECT note_id FROM note_subject WHERE person_id = ?1)
                OR (length(?2) >= 2 AND instr(n.body, ?2) > 0)
             ORDER BY n.id",
        )?;
        let notes = statement
            .query_map(params![id, surname], |row| {
                Ok(json!({
                    "id": row.get::<_, i64>(0)?,
                    "author": row.get::<_, String>(1)?,
                    "created_at": row.get::<_, String>(2)?,
                    "updated_at": row.get::<_, String>(3)?,
                    "body": row.get::<_, String>(4)?,
                    "follow_up": row.get::<_, Option<String>>(5)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut statement = conn.prepare(&format!(
            "SELECT id, at, user, entity, entity_id, action, before, after FROM audit a
             WHERE {ABOUT} ORDER BY a.id"
        ))?;
        let names: Vec<String> = statement.column_names().map(str::to_string).collect();
        let audit = statement
            .query_map(params![id, surname], |row| {
                let mut object = serde_json::Map::new();
                for (index, name) in names.iter().enumerate() {
                    let value: Option<String> = match row.get_ref(index)? {
                        rusqlite::types::ValueRef::Integer(i) => {
                            object.insert(name.clone(), json!(i));
                            continue;
                        }
                        rusqlite::types::ValueRef::Text(t) => {
                            Some(String::from_utf8_lossy(t).into_owned())
                        }
                        _ => None,
                    };
                    let value = match value {
                        None => Value::Null,
                        Some(text) if name == "before" || name == "after" => {
                            serde_json::from_str(&text).unwrap_or(Value::String(text))
                        }
                        Some(text) => Value::String(text),
                    };
                    object.insert(name.clone(), value);
                }
                Ok(Value::Object(object))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(json!({
            "person": person,
            "enrolments": enrolments,
            "enrolment_history": history,
            "attendance": attendance,
            "ratings": ratings,
            "notes": notes,
            "drafts": self.drafts_about_person(id)?,
            "messages": messages,
            "audit": audit,
        }))
    }

    /// Rewrites the file without free pages and empties the WAL, so that
    /// no old copy of a page stays behind.
    fn scrub(&self) -> Result<()> {
        checkpoint(self.conn())?;
        self.conn().execute_batch("VACUUM")?;
        checkpoint(self.conn())
    }
}

/// `wal_checkpoint(TRUNCATE)`, retried while readers hold old pages.
fn checkpoint(conn: &rusqlite::Connection) -> Result<()> {
    for _ in 0..100 {
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        if busy == 0 {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(refused(|t| t.refuse_erase_readers, &[]))
}

/// Audit entries about person `?1` (whose surname is `?2`).
const ABOUT: &str = "(a.entity = 'person' AND a.entity_id = ?1)
    OR (a.entity IN ('enrolment', 'rating') AND a.entity_id IN (SELECT id FROM enrolment WHERE person_id = ?1))
    OR (a.entity = 'attendance' AND json_valid(a.after)
        AND json_extract(a.after, '$.enrolment') IN (SELECT id FROM enrolment WHERE person_id = ?1))
    OR (a.entity = 'note' AND a.entity_id IN (SELECT note_id FROM note_subject WHERE person_id = ?1))
    OR (a.entity = 'outbox' AND a.entity_id IN (SELECT id FROM outbox WHERE person_id = ?1))
    OR (length(?2) >= 2 AND instr(coalesce(a.before, '') || coalesce(a.after, ''), ?2) > 0)";
