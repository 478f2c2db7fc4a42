//! The catalogues hold every word the user reads: each key has a value
//! in both languages with the same holes, and no sentence for people is
//! written as a literal anywhere else in the code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn source(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

/// A catalogue's `key: "value",` lines (one-line values; the few written
/// over several lines are joined by the compiler and checked by it).
fn entries(text: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some((key, rest)) = line.split_once(": \"") else {
            continue;
        };
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        {
            continue;
        }
        let value = rest.trim_end_matches(',').trim_end_matches('"');
        found.insert(key.to_string(), value.to_string());
    }
    found
}

/// The `{name}` holes of a template.
fn holes(template: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            found.insert(name.to_string());
        }
        rest = &after[end..];
    }
    found
}

#[test]
fn every_key_has_a_value_in_both_languages_with_the_same_holes() {
    let english = entries(&source("src/i18n/en.rs"));
    let italian = entries(&source("src/i18n/it.rs"));
    assert!(english.len() > 300, "{}", english.len());
    let mut wrong = Vec::new();
    for (key, value) in &english {
        match italian.get(key) {
            None => wrong.push(format!("{key}: only in English")),
            Some(it) => {
                if value.trim().is_empty() != it.trim().is_empty() {
                    wrong.push(format!("{key}: empty in one language"));
                }
                if holes(value) != holes(it) {
                    wrong.push(format!("{key}: {:?} vs {:?}", holes(value), holes(it)));
                }
            }
        }
    }
    for key in italian.keys() {
        if !english.contains_key(key) {
            wrong.push(format!("{key}: only in Italian"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn questions_ask_with_the_languages_own_yes() {
    let english = entries(&source("src/i18n/en.rs"));
    let italian = entries(&source("src/i18n/it.rs"));
    for (key, value) in &english {
        if value.ends_with("(y/n)") {
            let it = &italian[key];
            assert!(it.ends_with("(s/n)"), "{key}: {it}");
        }
    }
    assert!(!italian.values().any(|v| v.contains("(y/n)")));
    // Both letters answer yes, whatever the language.
    let defaults = source("config/default.toml");
    let confirm = defaults
        .lines()
        .find(|l| l.starts_with("confirm ="))
        .unwrap();
    assert!(
        confirm.contains("\"y\"") && confirm.contains("\"s\""),
        "{confirm}"
    );
}

/// Source files whose words reach people: the screen, the command line,
/// the report and the exports.
fn user_facing_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut folders = vec![
        root.join("tui"),
        root.join("cli"),
        root.join("report"),
        root.join("export"),
        root.join("import"),
        root.join("store"),
        root.join("taxcode"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                // A module's tests in a file of their own
                // (`#[cfg(test)] mod tests;`) are never shown to people.
                && path.file_name().is_some_and(|name| name != "tests.rs")
            {
                found.push(path);
            }
        }
    }
    for file in [
        "report.rs",
        "planning.rs",
        "domain.rs",
        "access.rs",
        "config.rs",
    ] {
        found.push(root.join(file));
    }
    found.sort();
    found
}

/// The string literals of a line of Rust (plain `"…"` ones; raw strings
/// are SQL or test data here).
fn literals(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = line.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if c == '\'' && previous != '\\' {
            // A char literal ('"') is no string.
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                for _ in 0..rest.find('\'').unwrap_or(0) + 1 {
                    chars.next();
                }
                previous = '\'';
                continue;
            }
        }
        if c == '"' {
            let mut text = String::new();
            let mut escaped = false;
            for c in chars.by_ref() {
                if escaped {
                    escaped = false;
                    text.push(c);
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    break;
                } else {
                    text.push(c);
                }
            }
            found.push(text);
            previous = '"';
            continue;
        }
        previous = c;
    }
    found
}

/// Whether a literal reads as words for people: two words of letters
/// side by side, not SQL, not a format string of holes alone.
fn reads_as_words(literal: &str) -> bool {
    let upper = literal.trim_start().to_ascii_uppercase();
    const SQL: &[&str] = &[
        "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "WITH", "PRAGMA", "DROP", "ALTER",
        "BEGIN", "FROM", "WHERE", "AND ", "OR ", "ORDER", "JOIN", "LEFT", "ON ",
    ];
    if SQL.iter().any(|word| upper.starts_with(word)) || upper.contains(" FROM ") {
        return false;
    }
    // SQL keywords are written in capitals here; sentences never are.
    const SQL_WORDS: &[&str] = &[
        "LIKE", "COLLATE", "NOCASE", "INTEGER", "EXISTS", "AND", "OR", "IN", "PRIMARY", "KEY",
    ];
    if literal
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| SQL_WORDS.contains(&word))
        || literal.contains(" = ")
        || literal.contains("_id")
        || literal.contains("surname, given_name")
    {
        return false;
    }
    let words: Vec<&str> = literal
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    if words.len() < 2 {
        return false;
    }
    // Two words next to each other with a space between them.
    literal
        .split(' ')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|pair| {
            pair.iter().all(|w| {
                let w = w.trim_matches(|c: char| ".,;:?!()".contains(c));
                w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() || c == '\'')
            })
        })
}

/// Literals in the code that are not for people, or not yet in the
/// catalogue for a reason given: `file`, then the literal.
const ALLOWED: &[(&str, &str)] = &[
    // clap's English `about`; the Italian help comes from cli_help.rs.
    (
        "cli/mod.rs",
        "A terminal case manager for training programmes",
    ),
    // A command as typed.
    ("cli/mod.rs", "registro backup"),
    ("cli/print.rs", "registro export"),
    // Errors in the settings file, told inside the toml parser's own
    // English message about the file (its keys are English too).
    (
        "config.rs",
        "unknown colour {text:?} (an ANSI name such as \"cyan\", \"reset\" or \"#rrggbb\")",
    ),
    (
        "config.rs",
        "a list of days, or a table with days and towns",
    ),
    (
        "config.rs",
        "{value} is not a share between 0 and 1 (75% is 0.75)",
    ),
    (
        "planning.rs",
        "{text:?} is not a holiday: write \"MM-DD\", \"DD/MM\", \"YYYY-MM-DD\", \"easter-monday\", optionally \"from YYYY\" or \"until YYYY\"",
    ),
    // The Italian dialect's words for stored words in files (a file's
    // contract, read back by the importer, not the screen's language).
    ("export/dialect.rs", "in attesa"),
    ("export/dialect.rs", "uscita anticipata"),
    // An audit entry's action, stored as the other actions are.
    ("store/settings.rs", "name programme"),
    // A guard for the demo's writer, which `registro demo` never meets:
    // the demo always makes a new file.
    (
        "store/seed.rs",
        "the demo fills only an empty register; this one already holds modules or people",
    ),
    // Words read from files and typed (Italian aliases of stored words).
    ("domain.rs", "in attesa"),
    ("domain.rs", "in ritardo"),
    ("domain.rs", "uscita anticipata"),
    ("domain.rs", "uscito prima"),
    // Data: the axes a register starts with, SQLite's file header.
    (
        "store/mod.rs",
        "Educazione e apprendimento: dalla lingua ai valori",
    ),
    ("store/mod.rs", "Alloggio e governo del territorio"),
    ("store/mod.rs", "Accesso ai servizi essenziali"),
    ("store/mod.rs", "Minori e seconde generazioni"),
    ("store/mod.rs", "SQLite format 30"),
    // The audit log's stored action and entity words (the register's
    // data, kept as written in every language).
    ("store/attendance.rs", "close roll call"),
    ("store/attendance.rs", "reopen roll call"),
    ("store/audit_log.rs", "audit log"),
    ("store/name_order.rs", "name order"),
    // Faults of the program, never of the user: a schema step that went
    // wrong, an id sequence exhausted.
    ("store/bulk.rs", "no person id left"),
    ("store/migrations.rs", "schema step 6: {why}"),
    (
        "store/migrations.rs",
        "schema_version stayed at {after} instead of {}",
    ),
    (
        "store/migrations.rs",
        "{table} after respelling its checks: {}",
    ),
    (
        "store/migrations.rs",
        "schema step (person ids never reused): {why}",
    ),
    (
        "store/migrations.rs",
        "the person table is not as step 1 made it: {sql}",
    ),
    // The tax code's own Display, for logs and the library's users: the
    // import and the forms word these errors from the catalogue
    // (import/problem.rs).
    (
        "taxcode/mod.rs",
        "a tax code has 16 characters, this one has {found}",
    ),
    (
        "taxcode/mod.rs",
        "character {position} of the tax code is not what a tax code has there ({})",
    ),
    (
        "taxcode/mod.rs",
        "the last character of the tax code should be {expected}, not {found}: probably a typing mistake",
    ),
    (
        "taxcode/mod.rs",
        "the tax code's birth date, day {day} of month {month}, does not exist",
    ),
    (
        "taxcode/mod.rs",
        "the tax code's place of birth {code} is no municipality and no foreign state",
    ),
    ("taxcode/mod.rs", "a letter of the surname or given name"),
    ("taxcode/mod.rs", "a digit of the birth year"),
    ("taxcode/mod.rs", "a month letter: A B C D E H L M P R S T"),
    ("taxcode/mod.rs", "the birth day: 01-31, or 41-71 for women"),
    ("taxcode/mod.rs", "the letter of the place of birth"),
    ("taxcode/mod.rs", "a digit of the place of birth"),
    ("taxcode/mod.rs", "the check letter"),
    // The panic a debug build makes for the terminal test: never in a
    // release build.
    (
        "tui/mod.rs",
        "REGISTRO_TEST_PANIC: a panic asked for by a test",
    ),
];

#[test]
fn no_sentence_for_people_is_written_outside_the_catalogues() {
    let mut wrong = Vec::new();
    for path in user_facing_sources() {
        let relative = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            // Tests, and what follows them, are not shown to people.
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            if code.starts_with("//") || code.starts_with("#[") || code.starts_with("///") {
                continue;
            }
            let code = code.split(" // ").next().unwrap_or(code);
            // Log lines and panics in a thread never reach the screen.
            if code.contains("log::") || code.contains("debug_assert") {
                continue;
            }
            for literal in literals(code) {
                let allowed = ALLOWED
                    .iter()
                    .any(|(file, text)| relative.ends_with(file) && literal == *text);
                if reads_as_words(&literal) && !allowed {
                    wrong.push(format!("{relative}:{}: {literal:?}", number + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_literal_check_finds_what_it_looks_for() {
    assert_eq!(
        literals(r#"let a = "Save anyway?"; f('"');"#),
        ["Save anyway?"]
    );
    assert!(reads_as_words("Save anyway?"));
    assert!(reads_as_words("cannot find a home folder"));
    assert!(!reads_as_words("SELECT id FROM person WHERE x = ?1"));
    assert!(!reads_as_words("{} {}"));
    assert!(!reads_as_words("%Y-%m-%d %H:%M"));
    assert!(!reads_as_words("note"));
    assert!(!reads_as_words("{name}: {value}"));
}
