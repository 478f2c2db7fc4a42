//! Erasing a person. What identifies them (every name they had, found in
//! the audit log too, their tax code, email and phone) leaves every text
//! linked to them: their requests' reasons and history, the notes about
//! them, their drafts, their ratings' comments and the audit entries
//! about them. Their tax code, email and phone leave every text in the
//! register. Text about anyone else is never rewritten: where it names
//! the erased person it is listed for a coordinator to review, since the
//! name may be a namesake's.

use rusqlite::{Transaction, params};
use serde_json::json;

use super::super::users::require;
use super::super::writes::audit;
use super::super::{Result, Store, StoreError};
use super::{ERASED, pseudonym};
use crate::access::Permission;
use crate::context::Actor;

/// A text about someone else that names the erased person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToReview {
    /// `note`, `request`, `rating` or `draft`.
    pub kind: &'static str,
    pub id: i64,
    /// Who or what the text is about.
    pub subject: String,
    /// The text around the name.
    pub excerpt: String,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erased {
    pub pseudonym: String,
    pub to_review: Vec<ToReview>,
}

/// What identifies a person in free text.
struct Identifiers {
    /// Every name they had, as `surname given` and `given surname`, and
    /// each surname alone.
    names: Vec<String>,
    /// The full names only, and surnames no one else in the register
    /// has: what marks another text as naming this person.
    telling: Vec<String>,
    /// Tax codes, emails and phones they had: taken out of every text.
    contacts: Vec<String>,
}

/// Where `needle` starts in `text`, letters compared without case, and
/// the byte length of the match in `text`.
fn find_ignoring_case(text: &str, needle: &str) -> Option<(usize, usize)> {
    let wanted: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if wanted.is_empty() {
        return None;
    }
    for (start, _) in text.char_indices() {
        let mut matched = 0;
        let mut end = start;
        for c in text[start..].chars() {
            let lower: Vec<char> = c.to_lowercase().collect();
            if wanted.get(matched..matched + lower.len()) != Some(lower.as_slice()) {
                break;
            }
            matched += lower.len();
            end += c.len_utf8();
            if matched == wanted.len() {
                return Some((start, end - start));
            }
        }
    }
    None
}

/// `text` with every `needles` (any case) replaced by `with`, or `None`
/// when it holds none of them. Longer needles go first.
fn replaced(text: &str, needles: &[String], with: &str) -> Option<String> {
    let mut out = text.to_string();
    let mut changed = false;
    for needle in needles {
        while let Some((start, length)) = find_ignoring_case(&out, needle) {
            out.replace_range(start..start + length, with);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Which of `needles` `text` holds, if any, with the text around it.
fn excerpt(text: &str, needles: &[String]) -> Option<String> {
    let (start, length) = needles
        .iter()
        .find_map(|needle| find_ignoring_case(text, needle))?;
    let before: String = text[..start]
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[start + length..].chars().take(30).collect();
    let words = format!("…{before}{}{after}…", &text[start..start + length]);
    Some(words.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn identifiers(tx: &Transaction, id: i64) -> Result<Identifiers> {
    use rusqlite::OptionalExtension;
    let current: Option<[Option<String>; 5]> = tx
        .query_row(
            "SELECT surname, given_name, tax_code, email, phone FROM person WHERE id = ?1",
            [id],
            |row| {
                Ok([
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ])
            },
        )
        .optional()?;
    let mut records = vec![current.ok_or(StoreError::NotFound("person"))?];
    // Earlier names and contacts, from every audit entry about them.
    let mut statement = tx.prepare(
        "WITH kept(value) AS (
             SELECT before FROM audit WHERE entity = 'person' AND entity_id = ?1 AND json_valid(before)
             UNION ALL
             SELECT after FROM audit WHERE entity = 'person' AND entity_id = ?1 AND json_valid(after))
         SELECT json_extract(value, '$.surname'), json_extract(value, '$.given_name'),
                json_extract(value, '$.tax_code'), json_extract(value, '$.email'),
                json_extract(value, '$.phone')
         FROM kept WHERE json_type(value) = 'object'",
    )?;
    let earlier = statement
        .query_map([id], |row| {
            let text = |i: usize| -> rusqlite::Result<Option<String>> {
                Ok(match row.get_ref(i)? {
                    rusqlite::types::ValueRef::Text(t) => {
                        Some(String::from_utf8_lossy(t).into_owned())
                    }
                    _ => None,
                })
            };
            Ok([text(0)?, text(1)?, text(2)?, text(3)?, text(4)?])
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    records.extend(earlier);
    let long_enough = |s: &String| s.trim().chars().count() >= 3;
    let mut names = Vec::new();
    let mut telling = Vec::new();
    let mut contacts = Vec::new();
    for [surname, given, tax, email, phone] in records {
        if let Some(surname) = surname.map(|s| s.trim().to_string()) {
            if let Some(given) = given.map(|g| g.trim().to_string())
                && !given.is_empty()
            {
                names.push(format!("{surname} {given}"));
                names.push(format!("{given} {surname}"));
                telling.push(format!("{surname} {given}"));
                telling.push(format!("{given} {surname}"));
            }
            let namesakes: i64 = tx.query_row(
                "SELECT count(*) FROM person WHERE id <> ?1 AND lower(trim(surname)) = lower(?2)",
                params![id, surname],
                |row| row.get(0),
            )?;
            if namesakes == 0 && long_enough(&surname) {
                telling.push(surname.clone());
            }
            names.push(surname);
        }
        contacts.extend([tax, email, phone].into_iter().flatten());
    }
    let tidy = |list: &mut Vec<String>| {
        list.retain(long_enough);
        list.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        list.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    };
    tidy(&mut names);
    tidy(&mut telling);
    tidy(&mut contacts);
    Ok(Identifiers {
        names,
        telling,
        contacts,
    })
}

/// Rewrites `column` of the rows of `table` that `filter` picks (with
/// `?1` the person), replacing `needles` by `with`. Matching is done here
/// rather than in SQL so that case and accents are compared properly.
fn rewrite(
    tx: &Transaction,
    (table, key, column): (&str, &str, &str),
    filter: &str,
    person: i64,
    needles: &[String],
    with: &str,
) -> Result<()> {
    if needles.is_empty() {
        return Ok(());
    }
    // SQLite looks for the rows first, so that a register of a million
    // audit entries is not read whole into this process.
    let (maybe, keys) = may_hold(column, needles, 2);
    let found: Vec<(i64, String)> = {
        let mut statement = tx.prepare(&format!(
            "SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND ({filter}) AND {maybe}"
        ))?;
        let mut values = vec![rusqlite::types::Value::Integer(person)];
        values.extend(keys.into_iter().map(rusqlite::types::Value::Text));
        statement
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut update = tx.prepare(&format!(
        "UPDATE {table} SET {column} = ?2 WHERE {key} = ?1"
    ))?;
    for (row, text) in found {
        if let Some(new) = replaced(&text, needles, with) {
            update.execute(params![row, new])?;
        }
    }
    Ok(())
}

/// A condition true of every text in `column` that may hold one of
/// `needles`, whatever its case, with the values of its parameters from
/// `?first` on: the longest run of ASCII in each needle, lowercased, is
/// looked for by SQLite (whose `lower` folds ASCII only). Where a needle
/// has no such run, every text may hold it.
fn may_hold(column: &str, needles: &[String], first: usize) -> (String, Vec<String>) {
    let mut keys = Vec::new();
    for needle in needles {
        let longest = needle
            .split(|c: char| !c.is_ascii())
            .max_by_key(|run| run.len())
            .unwrap_or_default();
        if longest.trim().len() < 3 {
            return ("1".to_string(), Vec::new());
        }
        keys.push(longest.to_ascii_lowercase());
    }
    if keys.is_empty() {
        return ("1".to_string(), Vec::new());
    }
    let tests: Vec<String> = (0..keys.len())
        .map(|n| format!("instr(lower({column}), ?{}) > 0", first + n))
        .collect();
    (format!("({})", tests.join(" OR ")), keys)
}

/// The texts about someone else, not linked to `?1`, that name them.
fn to_review(tx: &Transaction, person: i64, telling: &[String]) -> Result<Vec<ToReview>> {
    let mut found = Vec::new();
    if telling.is_empty() {
        return Ok(found);
    }
    let sources: [(&'static str, &str); 4] = [
        (
            "note",
            "SELECT n.id AS id, n.body AS t, coalesce((SELECT group_concat(
                    coalesce(p.surname || ' ' || p.given_name, m.code || ' ' || s.date, mm.code), ', ')
                 FROM note_subject ns LEFT JOIN person p ON p.id = ns.person_id
                 LEFT JOIN session s ON s.id = ns.session_id LEFT JOIN module m ON m.id = s.module_id
                 LEFT JOIN module mm ON mm.id = ns.module_id WHERE ns.note_id = n.id), '') AS subject
             FROM note n
             WHERE n.id NOT IN (SELECT note_id FROM note_subject WHERE person_id = ?1)",
        ),
        (
            "request",
            "SELECT e.id AS id, coalesce(e.reason, '') || ' ' || coalesce((SELECT group_concat(h.reason, ' ')
                    FROM enrolment_history h WHERE h.enrolment_id = e.id), '') AS t,
                    p.surname || ' ' || p.given_name || ', ' || m.code AS subject
             FROM enrolment e JOIN person p ON p.id = e.person_id JOIN module m ON m.id = e.module_id
             WHERE e.person_id <> ?1",
        ),
        (
            "rating",
            "SELECT e.id AS id, r.comment AS t, p.surname || ' ' || p.given_name || ', ' || m.code AS subject
             FROM rating r JOIN enrolment e ON e.id = r.enrolment_id
             JOIN person p ON p.id = e.person_id JOIN module m ON m.id = e.module_id
             WHERE e.person_id <> ?1 AND r.comment IS NOT NULL",
        ),
        (
            "draft",
            "SELECT d.id AS id, d.body AS t, d.author AS subject FROM note_draft d
             WHERE d.person_id IS NOT ?1",
        ),
    ];
    let (maybe, keys) = may_hold("t", telling, 2);
    for (kind, sql) in sources {
        let mut statement = tx.prepare(&format!(
            "SELECT id, t, subject FROM ({sql}) WHERE t IS NOT NULL AND {maybe}"
        ))?;
        let mut values = vec![rusqlite::types::Value::Integer(person)];
        values.extend(keys.iter().cloned().map(rusqlite::types::Value::Text));
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, text, subject) in rows {
            if let Some(excerpt) = excerpt(&text, telling) {
                found.push(ToReview {
                    kind,
                    id,
                    subject,
                    excerpt,
                });
            }
        }
    }
    Ok(found)
}

impl Store {
    /// Erases a person: names, tax code, email, phone, organisation and
    /// job become a pseudonym or nothing; their requests' reasons, their
    /// ratings' comments and the notes about them alone become
    /// `[erased]`, and their names leave the notes about them and others;
    /// their tax code, email and phone leave every text. Gender,
    /// organisation type, requests, attendance and scores stay, so every
    /// figure of the report is unchanged. Then the freed pages are
    /// overwritten, the WAL emptied and the file rebuilt, so no copy of
    /// the erased text is left. Returns the pseudonym and the texts about
    /// other people that name them, for review.
    pub fn erase_person(&self, actor: &Actor, id: i64) -> Result<Erased> {
        let name = pseudonym(id);
        self.conn().pragma_update(None, "secure_delete", true)?;
        let erased = self.write(|tx| {
            require(tx, actor, Permission::PersonData)?;
            let who = identifiers(tx, id)?;
            let to_review = to_review(tx, id, &who.telling)?;
            let enrolments = "SELECT id FROM enrolment WHERE person_id = ?1";
            let linked_notes = "SELECT note_id FROM note_subject WHERE person_id = ?1";
            // Notes about this person and no other person.
            let alone = "SELECT note_id FROM note_subject GROUP BY note_id
                         HAVING max(person_id) = ?1 AND min(person_id) = ?1";
            tx.execute(
                &format!(
                    "UPDATE audit SET before = CASE WHEN before IS NULL THEN NULL ELSE '{{\"erased\":true}}' END,
                                      after = CASE WHEN after IS NULL THEN NULL ELSE '{{\"erased\":true}}' END
                     WHERE (entity = 'person' AND entity_id = ?1)
                        OR (entity IN ('enrolment', 'rating') AND entity_id IN ({enrolments}))
                        OR (entity = 'note' AND entity_id IN ({alone}))"
                ),
                [id],
            )?;
            tx.execute(
                &format!("UPDATE note SET body = ?2 WHERE id IN ({alone})"),
                params![id, ERASED],
            )?;
            tx.execute("DELETE FROM note_draft WHERE person_id = ?1", [id])?;
            // Messages to them (issue 25) go whole, with what their
            // audit entries said of them.
            tx.execute(
                "UPDATE audit SET before = CASE WHEN before IS NULL THEN NULL ELSE '{\"erased\":true}' END,
                                  after = CASE WHEN after IS NULL THEN NULL ELSE '{\"erased\":true}' END
                 WHERE entity = 'outbox' AND entity_id IN (SELECT id FROM outbox WHERE person_id = ?1)",
                [id],
            )?;
            tx.execute("DELETE FROM outbox WHERE person_id = ?1", [id])?;
            tx.execute(
                &format!("UPDATE enrolment SET reason = ?2 WHERE reason IS NOT NULL AND id IN ({enrolments})"),
                params![id, ERASED],
            )?;
            tx.execute(
                &format!(
                    "UPDATE enrolment_history SET reason = ?2
                     WHERE reason IS NOT NULL AND enrolment_id IN ({enrolments})"
                ),
                params![id, ERASED],
            )?;
            tx.execute(
                &format!("UPDATE rating SET comment = NULL WHERE enrolment_id IN ({enrolments})"),
                [id],
            )?;
            // Their names leave the notes linked to them (with others)
            // and those notes' audit entries.
            rewrite(tx, ("note", "id", "body"), &format!("id IN ({linked_notes})"), id, &who.names, &name)?;
            for column in ["before", "after"] {
                rewrite(
                    tx,
                    ("audit", "id", column),
                    &format!("entity = 'note' AND entity_id IN ({linked_notes})"),
                    id,
                    &who.names,
                    &name,
                )?;
            }
            // Tax code, email and phone leave every text.
            let everywhere: [(&str, &str, &str); 10] = [
                ("outbox", "id", "reason"),
                ("outbox", "id", "subject"),
                ("outbox", "id", "body"),
                ("note", "id", "body"),
                ("note_draft", "id", "body"),
                ("enrolment", "id", "reason"),
                ("enrolment_history", "id", "reason"),
                ("rating", "enrolment_id", "comment"),
                ("audit", "id", "before"),
                ("audit", "id", "after"),
            ];
            for place in everywhere {
                rewrite(tx, place, "?1 = ?1", id, &who.contacts, ERASED)?;
            }
            tx.execute(
                "UPDATE person SET surname = ?2, given_name = '', tax_code = NULL, email = NULL,
                        phone = NULL, organisation = '', job_title = NULL, erased = 1,
                        version = version + 1
                 WHERE id = ?1",
                params![id, name],
            )?;
            // The full-text indexes keep old words in their segments
            // until rebuilt or merged.
            tx.execute("INSERT INTO note_text(note_text) VALUES ('rebuild')", [])?;
            tx.execute("INSERT INTO person_text(person_text) VALUES ('optimize')", [])?;
            audit(
                tx,
                actor,
                "person",
                Some(id),
                "erase",
                None,
                Some(&json!({ "pseudonym": name })),
            )?;
            Ok(Erased {
                pseudonym: name.clone(),
                to_review,
            })
        });
        let finished = erased.and_then(|erased| {
            self.scrub()?;
            Ok(erased)
        });
        let _ = self.conn().pragma_update(None, "secure_delete", false);
        finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_and_replaced_in_any_case() {
        let needles = vec!["Rossi Maria".to_string(), "Rossi".to_string()];
        assert_eq!(
            replaced("ha chiamato ROSSI maria, poi rossi", &needles, "X").as_deref(),
            Some("ha chiamato X, poi X")
        );
        assert_eq!(replaced("Bianchi", &needles, "X"), None);
        assert_eq!(find_ignoring_case("Niccolò ÀRENA", "àrena"), Some((9, 6)));
        assert_eq!(
            excerpt("stessa persona di Rossi Maria RSSMRA", &needles).as_deref(),
            Some("…stessa persona di Rossi Maria RSSMRA…")
        );
    }
}
