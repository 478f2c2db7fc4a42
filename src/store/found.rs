//! What the `/` filter finds among people and requests, through
//! indexes: typed over 100,000 people, every key must cost a few
//! milliseconds whether the text matches a handful of them or thousands.
//!
//! - One or two letters: surnames that start with them (a range of the
//!   name index, in the list's own order).
//! - A word of three letters or more: anywhere in a name or an
//!   organisation, accents and case aside (the trigram index of
//!   migration 8). Several words: each of them, in any order; a word
//!   of one or two letters beside them counts once it has grown to
//!   three (while it is typed, the list stays as the others made it).
//! - A single word is also the start of a tax code or of an email,
//!   through their own indexes.
//! - Requests: also a module's code and a status word.

use rusqlite::types::Value;

use super::lists::{Filter, like_pattern};
use crate::domain::Status;

/// The people found by `text`, as a filter of the Participants list.
pub fn people(text: &str) -> Option<Filter> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match people_ids(text) {
        Some((ids, values)) => Some(Filter {
            // Walking the list in its order, each person is looked up in
            // the set (`+` keeps SQLite from reading the set first).
            test: format!("+p.id IN ({ids})"),
            values: values.clone(),
            ids: Some((ids, values)),
        }),
        // Already a range of the list's own index.
        None => {
            let (test, values) = surname_starts(text, "p.surname");
            Some(Filter::of_each_row(test, values))
        }
    }
}

/// The requests found by `text`, as a filter of the Enrolments list.
pub fn requests(text: &str) -> Option<Filter> {
    let text = text.trim();
    let pattern = like_pattern(text)?;
    let (people, mut values) = people_ids(text).unwrap_or_else(|| {
        let (test, values) = surname_starts(text, "surname");
        (format!("SELECT id FROM person WHERE {test}"), values)
    });
    values.push(Value::Text(pattern.clone()));
    let modules = "SELECT id FROM module WHERE code LIKE ? ESCAPE '\\'";
    let test = format!("+e.person_id IN ({people}) OR +e.module_id IN ({modules})");
    let lowered = text.to_lowercase();
    // A status word, English or Italian (`accettata`, `in attesa`), or
    // the start of one.
    let statuses: Vec<&str> = Status::ALL
        .iter()
        .filter(|s| s.words().iter().any(|word| word.contains(&lowered)))
        .map(|s| s.as_str())
        .collect();
    if !statuses.is_empty() {
        // A status word finds a good part of all requests: no set to
        // read first, only a test of each.
        let marks = vec!["?"; statuses.len()].join(", ");
        values.extend(statuses.iter().map(|s| Value::Text(s.to_string())));
        return Some(Filter::of_each_row(
            format!("{test} OR e.status IN ({marks})"),
            values,
        ));
    }
    Some(Filter {
        test,
        values: values.clone(),
        ids: Some((
            format!(
                "SELECT id FROM enrolment WHERE person_id IN ({people}) \
                 UNION SELECT id FROM enrolment WHERE module_id IN ({modules})"
            ),
            values,
        )),
    })
}

/// The ids of the people a text of at least one three-letter word finds
/// (see the module's head), as a query with its values; `None` for a
/// text of shorter words only.
fn people_ids(text: &str) -> Option<(String, Vec<Value>)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let long: Vec<&str> = words
        .iter()
        .copied()
        .filter(|word| word.chars().count() >= 3)
        .collect();
    if long.is_empty() {
        return None;
    }
    // Each word a phrase of its own (quotes doubled); side by side, FTS5
    // wants them all.
    let phrases: Vec<String> = long
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    let mut values = vec![Value::Text(phrases.join(" "))];
    let mut sql = "SELECT rowid FROM person_text WHERE person_text MATCH ?".to_string();
    if let [word] = words.as_slice() {
        // Tax codes are kept in capitals; emails compare without case.
        // UNION ALL: a person found twice is counted once by whoever
        // reads the ids (`Store::found_by`, or an IN); a UNION sorted
        // thousands of ids to drop the few found twice (1.4 ms of the
        // 2 ms "ros" took).
        sql.push_str(
            " UNION ALL SELECT id FROM person WHERE tax_code >= ? AND tax_code < ? \
             UNION ALL SELECT id FROM person WHERE email >= ? AND email < ?",
        );
        for start in [word.to_uppercase(), word.to_string()] {
            let past = past_every_text_starting(&start);
            values.extend([Value::Text(start), Value::Text(past)]);
        }
    }
    Some((sql, values))
}

/// Surnames (in `column`) that start with `text`, without case: a range
/// of the name index.
fn surname_starts(text: &str, column: &str) -> (String, Vec<Value>) {
    (
        format!("{column} COLLATE NOCASE >= ? AND {column} COLLATE NOCASE < ?"),
        vec![
            Value::Text(text.to_string()),
            Value::Text(past_every_text_starting(text)),
        ],
    )
}

/// A bound above every text that starts with `start`: it followed by a
/// character above any a name, code or address holds.
fn past_every_text_starting(start: &str) -> String {
    format!("{start}{}", char::MAX)
}
