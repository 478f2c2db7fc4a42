//! The Notes list: its rows, order, filter and what a query asks.

use super::*;

/// A note in the Notes tab, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    /// What it is about, as short labels: a person's name, a module code,
    /// a session's module and date.
    pub subjects: String,
    pub body: String,
    pub follow_up: Option<String>,
}

pub struct Notes;

impl ListSpec for Notes {
    type Row = NoteRow;
    const COLUMNS: &'static str = "n.id, n.created_at, n.author, \
        coalesce((SELECT group_concat(coalesce(p.surname || ' ' || p.given_name, sm.code || ' ' || s.date, m.code), '; ') \
                  FROM note_subject ns \
                  LEFT JOIN person p ON p.id = ns.person_id \
                  LEFT JOIN session s ON s.id = ns.session_id \
                  LEFT JOIN module sm ON sm.id = s.module_id \
                  LEFT JOIN module m ON m.id = ns.module_id \
                  WHERE ns.note_id = n.id), ''), \
        n.body, n.follow_up";
    const FROM: &'static str = "FROM note n";
    const REACH: Reaches = Reaches::Note;
    const KEY: &'static [&'static str] = &["n.created_at", "n.id"];
    const DESCENDING: bool = true;
    const FILTER: &'static str =
        "n.body LIKE :pattern ESCAPE '\\' OR n.author LIKE :pattern ESCAPE '\\'";
    /// Notes are searched with a small language: words are looked up in
    /// the text with full-text search (accents folded, word prefixes),
    /// `@name` narrows to an author, `about:name` (Italian `su:nome`) to a
    /// subject (a person's name, a module's code or title), `+open` and
    /// `+done` (`+aperte`, `+fatte`) to follow-ups; both languages' words
    /// work whatever the language.
    fn filter(text: &str) -> Option<Filter> {
        let query = NoteQuery::parse(text);
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        if !query.words.is_empty() {
            conditions
                .push("n.id IN (SELECT rowid FROM note_text WHERE note_text MATCH ?)".to_string());
            values.push(Value::Text(query.match_expression()));
        }
        for author in &query.authors {
            conditions.push("n.author LIKE ? ESCAPE '\\'".to_string());
            values.push(Value::Text(like_pattern(author).unwrap_or_default()));
        }
        for subject in &query.subjects {
            conditions.push(
                "EXISTS (SELECT 1 FROM note_subject ns
                    LEFT JOIN person p ON p.id = ns.person_id
                    LEFT JOIN session s ON s.id = ns.session_id
                    LEFT JOIN module m ON m.id = coalesce(ns.module_id, s.module_id)
                    WHERE ns.note_id = n.id AND (
                        (p.surname || ' ' || p.given_name) LIKE ? ESCAPE '\\'
                        OR (p.given_name || ' ' || p.surname) LIKE ? ESCAPE '\\'
                        OR m.code LIKE ? ESCAPE '\\' OR m.title LIKE ? ESCAPE '\\'))"
                    .to_string(),
            );
            let pattern = Value::Text(like_pattern(subject).unwrap_or_default());
            values.extend(std::iter::repeat_n(pattern, 4));
        }
        if let Some(state) = &query.follow_up {
            conditions.push("n.follow_up = ?".to_string());
            values.push(Value::Text(state.clone()));
        }
        if conditions.is_empty() {
            None
        } else {
            Some(Filter::of_each_row(conditions.join(" AND "), values))
        }
    }

    fn read(row: &rusqlite::Row) -> rusqlite::Result<NoteRow> {
        Ok(NoteRow {
            id: row.get(0)?,
            created_at: row.get(1)?,
            author: row.get(2)?,
            subjects: row.get(3)?,
            body: row.get(4)?,
            follow_up: row.get(5)?,
        })
    }
}

/// A follow-up flag as typed after `+`, in either language: the stored
/// word (`open`, `done`).
pub(super) fn follow_up_word(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "open" | "aperto" | "aperta" | "aperti" | "aperte" => Some("open"),
        "done" | "fatto" | "fatta" | "fatti" | "fatte" | "chiuso" | "chiusa" => Some("done"),
        _ => None,
    }
}

/// What the user typed in the Notes filter, taken apart.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NoteQuery {
    pub words: Vec<String>,
    pub authors: Vec<String>,
    pub subjects: Vec<String>,
    pub follow_up: Option<String>,
}

impl NoteQuery {
    pub fn parse(text: &str) -> NoteQuery {
        let mut query = NoteQuery::default();
        for token in text.split_whitespace() {
            if let Some(author) = token.strip_prefix('@') {
                if !author.is_empty() {
                    query.authors.push(author.to_string());
                }
            } else if let Some(subject) = token
                .strip_prefix("about:")
                .or_else(|| token.strip_prefix("su:"))
            {
                if !subject.is_empty() {
                    query.subjects.push(subject.to_string());
                }
            } else if let Some(state) = token.strip_prefix('+').and_then(follow_up_word) {
                query.follow_up = Some(state.to_string());
            } else {
                // Only letters and digits reach FTS: its own syntax
                // (quotes, NEAR, `-`) is not for typing into a filter.
                let word: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
                if !word.is_empty() {
                    query.words.push(word);
                }
            }
        }
        query
    }

    /// Every word as a prefix, all required: `"perche"* "aula"*`.
    pub fn match_expression(&self) -> String {
        self.words
            .iter()
            .map(|word| format!("\"{word}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_filter_reads_both_languages_words() {
        let italian = NoteQuery::parse("proiettore @tutor su:Rossi +aperte");
        let english = NoteQuery::parse("proiettore @tutor about:Rossi +open");
        assert_eq!(italian, english);
        assert_eq!(italian.subjects, ["Rossi"]);
        assert_eq!(italian.follow_up.as_deref(), Some("open"));
        assert_eq!(
            NoteQuery::parse("+fatte").follow_up.as_deref(),
            Some("done")
        );
    }
}
