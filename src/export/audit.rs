//! `registro export audit`: the audit log as a sheet. Its words (what
//! was changed, how, and the names of the fields in the before and after
//! cells) are stored in English; the `excel-it` dialect writes them in
//! the Italian catalogue's words, `plain` as stored, and JSON, being
//! for programs, always as stored.

use serde_json::Value;

use super::{Cell, Dialect, Sheet, Style};
use crate::i18n::{Catalogue, Lang};
use crate::store::audit_log::AuditEntry;

pub const AUDIT_COLUMNS: &[&str] = &[
    "id",
    "at",
    "user",
    "entity",
    "entity_id",
    "action",
    "before",
    "after",
];

/// The catalogue whose words a dialect writes, if not the stored ones.
fn catalogue_of(dialect: Dialect) -> Option<&'static Catalogue> {
    dialect.is_italian().then(|| Catalogue::get(Lang::It))
}

/// `stored` looked up in a catalogue's `word=shown,...` list.
fn listed(list: &str, stored: &str) -> Option<String> {
    list.split(',')
        .filter_map(|pair| pair.split_once('='))
        .find(|(word, _)| *word == stored)
        .map(|(_, shown)| shown.to_string())
}

/// A stored word of the log (`session`, `close roll call`) in `t`'s
/// words: the screen's list, then the export's own; as stored if neither
/// has it.
pub fn audit_word(stored: &str, t: &Catalogue) -> String {
    listed(t.audit_words, stored)
        .or_else(|| listed(t.audit_export_words, stored))
        .unwrap_or_else(|| stored.to_string())
}

/// A before or after cell: a JSON object whose field names are given in
/// `t`'s words (nested objects too); the values stay as they are.
fn with_field_names(text: &str, t: &Catalogue) -> String {
    fn rename(value: Value, t: &Catalogue) -> Value {
        match value {
            Value::Object(fields) => Value::Object(
                fields
                    .into_iter()
                    .map(|(name, value)| {
                        let shown = listed(t.audit_fields, &name).unwrap_or(name);
                        (shown, rename(value, t))
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| rename(v, t)).collect()),
            other => other,
        }
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => rename(value, t).to_string(),
        _ => text.to_string(),
    }
}

/// The log as a sheet in `dialect`'s words.
pub fn audit_sheet(entries: &[AuditEntry], dialect: Dialect) -> Sheet {
    let words = catalogue_of(dialect);
    let word = |stored: &str| match words {
        Some(t) => audit_word(stored, t),
        None => stored.to_string(),
    };
    let change = |text: &Option<String>| match (text, words) {
        (Some(text), Some(t)) => Cell::text(with_field_names(text, t)),
        (text, _) => Cell::maybe(text.clone()),
    };
    Sheet::new("audit", AUDIT_COLUMNS).with_rows(
        entries
            .iter()
            .map(|e| {
                vec![
                    Cell::Number(e.id as f64),
                    Cell::text(&e.at),
                    Cell::text(&e.user),
                    Cell::text(word(&e.entity)),
                    e.entity_id
                        .map_or(Cell::Empty, |id| Cell::Number(id as f64)),
                    Cell::text(word(&e.action)),
                    change(&e.before),
                    change(&e.after),
                ]
            })
            .collect(),
    )
}

/// The log as JSON, for programs: words as stored, before and after as
/// the objects they are.
pub fn audit_json(entries: &[AuditEntry], style: &Style) -> Result<Vec<u8>, csv::Error> {
    let parse = |text: &Option<String>| {
        text.as_deref()
            .map(|t| serde_json::from_str(t).unwrap_or(Value::String(t.to_string())))
    };
    let rows: Vec<Vec<Value>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.into(),
                e.at.clone().into(),
                e.user.clone().into(),
                e.entity.clone().into(),
                e.entity_id.into(),
                e.action.clone().into(),
                parse(&e.before).into(),
                parse(&e.after).into(),
            ]
        })
        .collect();
    super::json_document("audit", AUDIT_COLUMNS, rows, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_renamed_at_every_depth_and_values_kept() {
        let it = Catalogue::get(Lang::It);
        let text = r#"{"added":{"modules":2},"file":"a.csv","status":"accepted"}"#;
        let shown = with_field_names(text, it);
        let value: Value = serde_json::from_str(&shown).unwrap();
        let added = listed(it.audit_fields, "added").unwrap();
        let modules = listed(it.audit_fields, "modules").unwrap();
        assert_eq!(value[&added][&modules], 2);
        assert!(shown.contains("a.csv"), "{shown}");
        assert!(shown.contains("accepted"), "{shown}");
        // Not an object: as it is.
        assert_eq!(with_field_names("plain words", it), "plain words");
    }

    #[test]
    fn a_word_neither_list_has_is_shown_as_stored() {
        let it = Catalogue::get(Lang::It);
        assert_eq!(audit_word("close roll call", it), "appello chiuso");
        assert_eq!(audit_word("something new", it), "something new");
    }
}
