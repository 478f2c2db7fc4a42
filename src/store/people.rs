//! People kept unique: the possible duplicates of a person, and merging
//! two records of one person into one.

use std::collections::{BTreeMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::bulk::PersonRow;
use super::queries::{PERSON_COLUMNS, person_from_row};
use super::{Result, Store, StoreError, refused, writes};
use crate::context::Actor;
use crate::taxcode;

/// Why two people may be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DuplicateReason {
    SameTaxCode,
    SameEmail,
    /// Same surname and given name, and the same birth date as their tax
    /// codes tell it.
    SameNameAndBirth,
    SameNameAndOrganisation,
}

/// Another person who may be the same one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub person_id: i64,
    pub surname: String,
    pub given_name: String,
    pub organisation: String,
    pub reasons: Vec<DuplicateReason>,
}

/// What a merge moved to the person kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Merged {
    /// Enrolments moved as they were.
    pub enrolments_moved: usize,
    /// Enrolments in a module where the kept person had one too: the two
    /// became one (the one further along kept, marks and rating joined).
    pub enrolments_joined: usize,
    pub attendance_moved: usize,
    pub ratings_moved: usize,
    pub notes_moved: usize,
}

/// One field of a merge, as the preview shows it: the kept person's
/// value, the other's, and what the kept person will have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeField {
    /// The column: `surname`, `email`…
    pub field: &'static str,
    pub kept: String,
    pub other: String,
    pub result: String,
    /// The kept person lacked it: the other's value is taken.
    pub taken_from_other: bool,
}

/// What merging `other` into `kept` will do, before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePreview {
    pub kept_name: String,
    pub other_name: String,
    pub fields: Vec<MergeField>,
    /// The modules of the other's requests that move as they are.
    pub moving: Vec<String>,
    /// The modules where both have a request: the two become one, both
    /// histories kept.
    pub folding: Vec<String>,
}

/// The fields a merge compares, with whether a blank of the kept person
/// is filled from the other (names and gender are the kept person's).
fn merge_fields(p: &PersonRow) -> [(&'static str, String, bool); 9] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        ("surname", p.surname.clone(), false),
        ("given_name", p.given_name.clone(), false),
        ("gender", p.gender.clone(), false),
        ("tax_code", text(&p.tax_code), true),
        ("email", text(&p.email), true),
        ("phone", text(&p.phone), true),
        ("organisation", p.organisation.clone(), true),
        ("organisation_type", p.organisation_type.clone(), true),
        ("job_title", text(&p.job_title), true),
    ]
}

/// Refuses an email that another person than `other_than` already has,
/// in any case: one address, one person. The person form's writes call
/// it, so the form shows the refusal.
pub(crate) fn email_free(conn: &Connection, email: Option<&str>, other_than: i64) -> Result<()> {
    let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(());
    };
    let holder: Option<String> = conn
        .query_row(
            "SELECT surname || ' ' || given_name FROM person
             WHERE email = ?1 COLLATE NOCASE AND id <> ?2 LIMIT 1",
            params![email, other_than],
            |row| row.get(0),
        )
        .optional()?;
    match holder {
        Some(name) => Err(refused(
            |t| t.email_taken,
            &[("email", email), ("name", &name)],
        )),
        None => Ok(()),
    }
}

fn person_row(conn: &Connection, id: i64) -> Result<PersonRow> {
    conn.query_row(
        &format!("SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1 AND erased = 0"),
        [id],
        person_from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound("person"))
}

fn person_json(p: &PersonRow) -> Value {
    json!({
        "id": p.id, "surname": p.surname, "given_name": p.given_name, "gender": p.gender,
        "tax_code": p.tax_code, "email": p.email, "phone": p.phone,
        "organisation": p.organisation, "organisation_type": p.organisation_type,
        "job_title": p.job_title,
    })
}

/// Day, month and year digits of a tax code's birth date, omocodia undone.
fn birth_key(code: Option<&str>) -> Option<(u8, u8, u8)> {
    let code = taxcode::validate(code?).ok()?;
    Some((code.birth_year_two_digits, code.birth_month, code.birth_day))
}

fn same_text(a: &str, b: &str) -> bool {
    let a = a.trim().to_lowercase();
    !a.is_empty() && a == b.trim().to_lowercase()
}

fn reasons(a: &PersonRow, b: &PersonRow) -> Vec<DuplicateReason> {
    let mut reasons = Vec::new();
    if let (Some(x), Some(y)) = (&a.tax_code, &b.tax_code)
        && same_text(x, y)
    {
        reasons.push(DuplicateReason::SameTaxCode);
    }
    if let (Some(x), Some(y)) = (&a.email, &b.email)
        && same_text(x, y)
    {
        reasons.push(DuplicateReason::SameEmail);
    }
    let same_name = same_text(&a.surname, &b.surname) && same_text(&a.given_name, &b.given_name);
    if same_name {
        let birth = birth_key(a.tax_code.as_deref());
        if birth.is_some() && birth == birth_key(b.tax_code.as_deref()) {
            reasons.push(DuplicateReason::SameNameAndBirth);
        }
        if same_text(&a.organisation, &b.organisation) {
            reasons.push(DuplicateReason::SameNameAndOrganisation);
        }
    }
    reasons
}

/// The status an enrolment keeps when two are joined: the one further
/// along wins (a participation over a withdrawal over a waitlist…).
fn strength(status: &str) -> u8 {
    match status {
        "accepted" => 5,
        "withdrawn" => 4,
        "waitlisted" => 3,
        "requested" => 2,
        _ => 1,
    }
}

impl Store {
    /// The people who may be the same as `person_id`: same tax code, same
    /// email (case ignored), same name and birth date (from the tax
    /// codes), or same name and organisation. Nearest first.
    pub fn possible_duplicates(&self, person_id: i64) -> Result<Vec<Duplicate>> {
        let conn = self.conn();
        let me = person_row(conn, person_id)?;
        // Three lookups, one per index (tax codes are stored in capitals).
        // Written as one query with OR, SQLite 3.51 chose to walk the whole
        // table in id order (20 ms over 100,000 people, at every move of
        // the queue's selection) rather than sort what three lookups find.
        let mut statement = conn.prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE erased = 0 AND id <> ?1 AND tax_code = upper(?2)
             UNION
             SELECT {PERSON_COLUMNS} FROM person WHERE erased = 0 AND id <> ?1 AND email = ?3
             UNION
             SELECT {PERSON_COLUMNS} FROM person WHERE erased = 0 AND id <> ?1
                 AND surname = ?4 COLLATE NOCASE AND given_name = ?5 COLLATE NOCASE
             ORDER BY 1"
        ))?;
        let rows = statement.query_map(
            params![
                person_id,
                me.tax_code.as_deref().map(str::trim),
                me.email.as_deref().map(str::trim),
                me.surname.trim(),
                me.given_name.trim()
            ],
            person_from_row,
        )?;
        let mut found = Vec::new();
        for row in rows {
            let other = row?;
            let reasons = reasons(&me, &other);
            if !reasons.is_empty() {
                found.push(Duplicate {
                    person_id: other.id,
                    surname: other.surname,
                    given_name: other.given_name,
                    organisation: other.organisation,
                    reasons,
                });
            }
        }
        found.sort_by_key(|d| (d.reasons.first().copied(), d.person_id));
        Ok(found)
    }

    /// Everyone who has at least one possible duplicate: to flag them in
    /// a list without asking person by person.
    pub fn people_with_possible_duplicates(&self) -> Result<HashSet<i64>> {
        let people = super::bulk::people(self.conn())?;
        // Group by each key; any group of two or more is flagged.
        let mut groups: BTreeMap<(u8, String), Vec<i64>> = BTreeMap::new();
        for p in &people {
            let name = format!(
                "{}\u{1f}{}",
                p.surname.trim().to_lowercase(),
                p.given_name.trim().to_lowercase()
            );
            let mut add = |kind: u8, key: String| groups.entry((kind, key)).or_default().push(p.id);
            if let Some(code) = p.tax_code.as_deref().filter(|c| !c.trim().is_empty()) {
                add(0, code.trim().to_uppercase());
            }
            if let Some(email) = p.email.as_deref().filter(|e| !e.trim().is_empty()) {
                add(1, email.trim().to_lowercase());
            }
            if let Some((y, m, d)) = birth_key(p.tax_code.as_deref()) {
                add(2, format!("{name}\u{1f}{y}-{m}-{d}"));
            }
            if !p.organisation.trim().is_empty() {
                add(
                    3,
                    format!("{name}\u{1f}{}", p.organisation.trim().to_lowercase()),
                );
            }
        }
        Ok(groups
            .into_values()
            .filter(|ids| ids.len() > 1)
            .flatten()
            .collect())
    }

    /// The two people side by side, field by field, with what the kept
    /// one will have, and which requests move or fold: shown before
    /// `merge_people` is asked.
    pub fn merge_preview(&self, keep_id: i64, drop_id: i64) -> Result<MergePreview> {
        if keep_id == drop_id {
            return Err(refused(|t| t.refuse_merge_self, &[]));
        }
        let conn = self.conn();
        let keep = person_row(conn, keep_id)?;
        let drop = person_row(conn, drop_id)?;
        let fields = merge_fields(&keep)
            .into_iter()
            .zip(merge_fields(&drop))
            .map(|((field, kept, fills), (_, other, _))| {
                let taken_from_other = fills && kept.trim().is_empty() && !other.trim().is_empty();
                let result = if taken_from_other { &other } else { &kept }.clone();
                MergeField {
                    field,
                    kept,
                    other,
                    result,
                    taken_from_other,
                }
            })
            .collect();
        let mut moving = Vec::new();
        let mut folding = Vec::new();
        let mut statement = conn.prepare_cached(
            "SELECT m.code, EXISTS (SELECT 1 FROM enrolment k WHERE k.person_id = ?2 AND k.module_id = e.module_id)
             FROM enrolment e JOIN module m ON m.id = e.module_id
             WHERE e.person_id = ?1 ORDER BY e.id",
        )?;
        let rows = statement.query_map(params![drop_id, keep_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?))
        })?;
        for row in rows {
            let (code, both) = row?;
            if both {
                folding.push(code);
            } else {
                moving.push(code);
            }
        }
        Ok(MergePreview {
            kept_name: format!("{} {}", keep.surname, keep.given_name),
            other_name: format!("{} {}", drop.surname, drop.given_name),
            fields,
            moving,
            folding,
        })
    }

    /// Makes two records of one person one: every enrolment, attendance
    /// mark, rating and note of `drop_id` moves to `keep_id`, blanks of
    /// the kept record are filled from the dropped one, and the dropped
    /// record is removed; all in one transaction, with an audit entry
    /// holding both records as they were.
    ///
    /// Where both have an enrolment in the same module, the two become
    /// the kept person's one, with the status further along (accepted over
    /// withdrawn over waitlisted over requested over rejected; the kept
    /// person's on a tie) and the earlier arrival date; it takes the
    /// other's status history, attendance marks for sessions it has none
    /// of (the larger hours where both have one) and rating (when it has
    /// none). The removed request is kept whole in the audit entry.
    pub fn merge_people(&self, actor: &Actor, keep_id: i64, drop_id: i64) -> Result<Merged> {
        if keep_id == drop_id {
            return Err(refused(|t| t.refuse_merge_self, &[]));
        }
        self.write(|tx| {
            super::users::require(tx, actor, crate::access::Permission::EditRecords)?;
            let keep = person_row(tx, keep_id)?;
            let drop = person_row(tx, drop_id)?;
            let mut merged = Merged::default();
            let mut joined = Vec::new();
            let enrolments: Vec<(i64, i64, String)> = tx
                .prepare("SELECT id, module_id, status FROM enrolment WHERE person_id = ?1 ORDER BY id")?
                .query_map([drop_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (dropped, module, status) in enrolments {
                let kept: Option<(i64, String)> = tx
                    .query_row(
                        "SELECT id, status FROM enrolment WHERE person_id = ?1 AND module_id = ?2",
                        params![keep_id, module],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let Some((kept, kept_status)) = kept else {
                    tx.execute(
                        "UPDATE enrolment SET person_id = ?1 WHERE id = ?2",
                        params![keep_id, dropped],
                    )?;
                    merged.enrolments_moved += 1;
                    continue;
                };
                // Two requests of one person for one module: one row stays
                // (the kept person's), with the status further along.
                let (survivor, loser) = (kept, dropped);
                if strength(&status) > strength(&kept_status) {
                    tx.execute(
                        "UPDATE enrolment SET
                             status = (SELECT status FROM enrolment WHERE id = ?2),
                             reason = (SELECT reason FROM enrolment WHERE id = ?2)
                         WHERE id = ?1",
                        params![survivor, loser],
                    )?;
                }
                let before: Value = tx.query_row(
                    "SELECT json_object('id', id, 'module_id', module_id, 'received_on', received_on,
                                        'status', status, 'reason', reason)
                     FROM enrolment WHERE id = ?1",
                    [loser],
                    |r| r.get::<_, String>(0),
                )
                .map(|text| serde_json::from_str(&text).unwrap_or(Value::Null))?;
                merged.attendance_moved += fold_attendance(tx, loser, survivor)?;
                merged.ratings_moved += tx.execute(
                    "UPDATE rating SET enrolment_id = ?2 WHERE enrolment_id = ?1
                     AND NOT EXISTS (SELECT 1 FROM rating WHERE enrolment_id = ?2)",
                    params![loser, survivor],
                )?;
                tx.execute("DELETE FROM rating WHERE enrolment_id = ?1", [loser])?;
                tx.execute(
                    "UPDATE enrolment_history SET enrolment_id = ?2 WHERE enrolment_id = ?1",
                    params![loser, survivor],
                )?;
                // The earlier arrival is the request's date.
                tx.execute(
                    "UPDATE enrolment SET received_on = min(received_on,
                         (SELECT received_on FROM enrolment WHERE id = ?2))
                     WHERE id = ?1",
                    params![survivor, loser],
                )?;
                tx.execute("DELETE FROM enrolment WHERE id = ?1", [loser])?;
                joined.push(json!({"kept": survivor, "removed": before}));
                merged.enrolments_joined += 1;
            }
            // Notes: a note about both keeps one subject line.
            merged.notes_moved = tx.execute(
                "UPDATE note_subject SET person_id = ?1 WHERE person_id = ?2
                 AND note_id NOT IN (SELECT note_id FROM note_subject WHERE person_id = ?1)",
                params![keep_id, drop_id],
            )?;
            tx.execute("DELETE FROM note_subject WHERE person_id = ?1", [drop_id])?;
            tx.execute(
                "UPDATE note_draft SET person_id = ?1 WHERE person_id = ?2",
                params![keep_id, drop_id],
            )?;
            // The kept record takes what it lacks from the dropped one; the
            // tax code is unique, so the dropped record lets go first.
            tx.execute(
                "UPDATE person SET tax_code = NULL WHERE id = ?1",
                [drop_id],
            )?;
            tx.execute(
                "UPDATE person SET
                     tax_code = coalesce(nullif(tax_code, ''), ?2),
                     email = coalesce(nullif(email, ''), ?3),
                     phone = coalesce(nullif(phone, ''), ?4),
                     organisation = coalesce(nullif(organisation, ''), ?5),
                     organisation_type = coalesce(nullif(organisation_type, ''), ?6),
                     job_title = coalesce(nullif(job_title, ''), ?7),
                     version = version + 1
                 WHERE id = ?1",
                params![
                    keep_id,
                    drop.tax_code,
                    drop.email,
                    drop.phone,
                    drop.organisation,
                    drop.organisation_type,
                    drop.job_title
                ],
            )?;
            tx.execute("DELETE FROM person WHERE id = ?1", [drop_id])?;
            let after = person_row(tx, keep_id)?;
            writes::audit(
                tx,
                actor,
                "person",
                Some(keep_id),
                "merge",
                Some(&json!({"kept": person_json(&keep), "dropped": person_json(&drop)})),
                Some(&json!({"person": person_json(&after), "moved": merged, "joined": joined})),
            )?;
            Ok(merged)
        })
    }
}

/// Moves `from`'s attendance marks to `to`: sessions `to` has no mark for
/// move as they are; where both have one, the larger hours stay. Returns
/// how many marks moved or replaced one.
fn fold_attendance(conn: &Connection, from: i64, to: i64) -> Result<usize> {
    let replaced = conn.execute(
        "UPDATE attendance AS a SET
             minutes = b.minutes, mark = b.mark, updated_at = b.updated_at,
             updated_by = b.updated_by, version = a.version + 1
         FROM attendance AS b
         WHERE a.enrolment_id = ?2 AND b.enrolment_id = ?1 AND b.session_id = a.session_id
           AND b.minutes > a.minutes",
        params![from, to],
    )?;
    let moved = conn.execute(
        "UPDATE attendance SET enrolment_id = ?2 WHERE enrolment_id = ?1
         AND session_id NOT IN (SELECT session_id FROM attendance WHERE enrolment_id = ?2)",
        params![from, to],
    )?;
    conn.execute("DELETE FROM attendance WHERE enrolment_id = ?1", [from])?;
    Ok(replaced + moved)
}
