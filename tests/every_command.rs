//! Every subcommand the binary has, found in its own definition
//! (`registro::cli::Cli`, clap's `Command`), not in a list kept here: a
//! subcommand added tomorrow is run by these tests without an edit.
//!
//! Each one, with arguments that make it do its work on a register made
//! from the office's sample files:
//! - into `head -c1`, a reader that goes after one byte: no panic, no
//!   "Broken pipe", the same exit status as with a reader that stays;
//! - on a pseudo-terminal, with hostile text (escape sequences, C1
//!   controls, bidi overrides) in every free-text field of the register:
//!   no control character reaches the terminal but those the same command
//!   writes on a clean register;
//! - as every role, an unknown user and a removed one: allowed or refused
//!   as docs/roles.md says.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use clap::CommandFactory;
use tempfile::tempdir;

/// The office's sample files, every kind of import.
fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/samples")
}

/// Every subcommand that runs (a leaf of the tree), as its words:
/// `["export"]`, `["users", "add"]`…
fn leaves() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, found: &mut Vec<Vec<String>>) {
        let mut children = command.get_subcommands().peekable();
        if children.peek().is_none() && !path.is_empty() {
            found.push(path.clone());
        }
        for child in children {
            if child.get_name() == "help" {
                continue;
            }
            let mut words = path.clone();
            words.push(child.get_name().to_string());
            walk(child, words, found);
        }
    }
    let mut found = Vec::new();
    walk(&registro::cli::Cli::command(), Vec::new(), &mut found);
    found
}

fn leaf_command(leaf: &[String]) -> clap::Command {
    let mut command = registro::cli::Cli::command();
    for word in leaf {
        command = command
            .find_subcommand(word)
            .unwrap_or_else(|| panic!("no subcommand {word}"))
            .clone();
    }
    command
}

/// Stands for a path that does not exist yet, made anew for each run.
const NEW_PATH: &str = "{new}";

/// Subcommands that make a register rather than open one: run with a
/// `--db` that does not exist yet.
const MAKE_A_REGISTER: &[&str] = &["init", "demo"];

/// Subcommands that open the screen on a terminal: what the screen
/// shows of hostile text is injection.rs's to witness.
const OPEN_THE_SCREEN: &[&str] = &["demo"];

/// Options a subcommand needs to do its work on the base register
/// that its definition does not require (a kind that needs a module).
fn extras(leaf: &str, value: Option<&str>) -> Vec<String> {
    let words: &[&str] = match (leaf, value) {
        ("export", Some("certificates" | "register")) => &["--module", "BG06"],
        ("users add", _) => &["--module", "BG06"],
        ("backup", _) => &[NEW_PATH],
        _ => &[],
    };
    words.iter().map(|w| w.to_string()).collect()
}

/// The value of a required argument, by its name: a file to import, a
/// user, a person, a module; `None` for one this file does not know
/// (then the first of its values, if it has a list).
fn value_of(leaf: &str, arg: &str, kind: Option<&str>) -> Option<String> {
    let value = match (leaf, arg) {
        ("import", "file") => samples()
            .join(format!("{}.csv", kind.unwrap_or("modules")))
            .display()
            .to_string(),
        ("users add", "name") => "nuovo.tutor".into(),
        ("users add", "role") => "tutor".into(),
        (_, "name") => "tutor.ferri".into(),
        (_, "modules" | "module") => "BG06".into(),
        (_, "id") => "1".into(),
        (_, "file" | "output" | "dir") => NEW_PATH.into(),
        _ => return None,
    };
    Some(value)
}

/// The ways each subcommand is run: every value of a required argument
/// that has a list of them (each export, each import, each shell), the
/// other required arguments filled in.
fn examples() -> Vec<Example> {
    let mut all = Vec::new();
    for leaf in leaves() {
        let command = leaf_command(&leaf);
        let name = leaf.join(" ");
        let required: Vec<&clap::Arg> = command
            .get_arguments()
            .filter(|arg| arg.is_required_set() && !arg.is_global_set())
            .collect();
        let listed = required
            .iter()
            .find(|arg| arg.is_positional() && !arg.get_possible_values().is_empty());
        let values: Vec<Option<String>> = match listed {
            Some(arg) => arg
                .get_possible_values()
                .iter()
                .filter(|value| !value.is_hide_set())
                .map(|value| Some(value.get_name().to_string()))
                .collect(),
            None => vec![None],
        };
        for value in values {
            let mut words = leaf.clone();
            for arg in &required {
                let given = if Some(arg.get_id()) == listed.map(|a| a.get_id()) {
                    value.clone().unwrap_or_default()
                } else if let Some(given) = value_of(&name, arg.get_id().as_str(), value.as_deref())
                {
                    given
                } else if let Some(first) = arg.get_possible_values().first() {
                    first.get_name().to_string()
                } else {
                    panic!(
                        "every_command.rs does not know how to give `{}` to `registro {name}`: \
                         add it to value_of",
                        arg.get_id()
                    )
                };
                if let Some(long) = arg.get_long() {
                    words.push(format!("--{long}"));
                }
                words.push(given);
            }
            words.extend(extras(&name, value.as_deref()));
            all.push(Example {
                leaf: name.clone(),
                words,
            });
        }
    }
    all
}

struct Example {
    /// The subcommand's words, `users add`.
    leaf: String,
    /// Everything after `--db PATH --user NAME`.
    words: Vec<String>,
}

impl Example {
    fn makes_a_register(&self) -> bool {
        MAKE_A_REGISTER.contains(&self.leaf.as_str())
    }

    /// Its words for a run in `dir`, a new path for each `{new}`.
    fn words_in(&self, dir: &Path) -> Vec<String> {
        self.words
            .iter()
            .map(|word| {
                if word == NEW_PATH {
                    fresh(dir).display().to_string()
                } else {
                    word.clone()
                }
            })
            .collect()
    }

    /// `registro --db DB --user USER WORDS…` with the outside pinned, on
    /// a copy of `base` made for this run (or a new path, for a command
    /// that makes its register).
    fn command(&self, base: &Path, dir: &Path, user: &str) -> (Command, PathBuf) {
        let db = fresh(dir);
        if !self.makes_a_register() {
            std::fs::copy(base, &db).unwrap();
        }
        let mut command = common::registro(user);
        command
            .arg("--db")
            .arg(&db)
            .args(["--user", user])
            .args(self.words_in(dir))
            .stdin(Stdio::null());
        (command, db)
    }
}

impl std::fmt::Display for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "registro {}", self.words.join(" "))
    }
}

/// A path in `dir` that nothing uses yet.
fn fresh(dir: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    dir.join(format!("run-{n}"))
}

/// The users of the base register, by what they are.
const ADMIN: &str = "admin";
const COORDINATOR: &str = "coordinatrice";
const TUTOR: &str = "tutor.rossi";
const UNKNOWN: &str = "nessuno";
const REMOVED: &str = "ex.tutor";

/// A register made from the office's sample files by the binary itself
/// (modules, sessions, requests), with a coordinator, two tutors of
/// BG06 and a tutor who was removed.
fn base_register(dir: &Path) -> PathBuf {
    let db = dir.join("base.db");
    let run = |args: &[&str]| {
        let output = common::registro(ADMIN)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
    };
    run(&["init"]);
    for kind in ["modules", "sessions", "enrolments"] {
        let file = samples().join(format!("{kind}.csv"));
        run(&["import", kind, file.to_str().unwrap()]);
    }
    run(&["users", "add", COORDINATOR, "--role", "coordinator"]);
    for tutor in [TUTOR, "tutor.ferri", REMOVED] {
        run(&["users", "add", tutor, "--role", "tutor", "--module", "BG06"]);
    }
    run(&["users", "remove", REMOVED]);
    db
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every example, run as the admin with its output kept: each must do
/// its work, or the loops below would witness only refusals.
#[test]
fn every_subcommand_is_found_and_does_its_work() {
    let dir = tempdir().unwrap();
    let base = base_register(dir.path());
    let examples = examples();
    let leaves: BTreeSet<String> = examples.iter().map(|e| e.leaf.clone()).collect();
    // The definition was read: the commands the README names are there.
    for known in [
        "import",
        "export",
        "report",
        "users add",
        "person erase",
        "completions",
    ] {
        assert!(leaves.contains(known), "{known} not in {leaves:?}");
    }
    // The lists of this file name only subcommands that exist.
    for named in MAKE_A_REGISTER.iter().chain(OPEN_THE_SCREEN) {
        assert!(leaves.contains(*named), "{named} is no subcommand");
    }
    for example in &examples {
        let (mut command, _) = example.command(&base, dir.path(), ADMIN);
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "{example} failed on the sample register: {}",
            stderr(&output)
        );
    }
}

/// (a) A reader that goes after the first byte.
#[test]
fn every_subcommand_into_head_ends_quietly() {
    let dir = tempdir().unwrap();
    let base = base_register(dir.path());
    for example in examples() {
        let (command, _) = example.command(&base, dir.path(), ADMIN);
        // The pinned command, run by bash as the left of a real pipe
        // into `head -c1`; bash reports registro's own status.
        let mut pipeline = Command::new("bash");
        pipeline
            .arg("-c")
            .arg(r#""$@" | head -c1 > /dev/null; exit "${PIPESTATUS[0]}""#)
            .arg("bash")
            .arg(command.get_program())
            .args(command.get_args())
            .stdin(Stdio::null());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => pipeline.env(key, value),
                None => pipeline.env_remove(key),
            };
        }
        let output = pipeline.output().unwrap();
        let said = stderr(&output);
        assert!(!said.contains("panicked"), "{example}: {said}");
        assert!(
            !said.to_lowercase().contains("broken pipe") && !said.contains("os error 32"),
            "{example}: {said}"
        );
        assert_eq!(output.status.code(), Some(0), "{example}: {said}");
    }
}

/// Hostile text: a clear-screen, a window title (OSC … BEL), a C1 CSI,
/// a next-line, bidi overrides and isolates, a carriage return and a
/// backspace. `zz` before it shows where it reached the output.
const HOSTILE: &str = "zz\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{85}\u{202e}\u{2066}\r\u{8}";

/// Columns that hold no free text: dates, states, codes a command or a
/// file names, logins, and the audit's JSON. Every other text column of
/// every table, today's and tomorrow's, is poisoned.
fn free_text(table: &str, column: &str) -> bool {
    let structured = column.ends_with("_on")
        || column.ends_with("_at")
        || column.ends_with("_by")
        || matches!(
            column,
            "date"
                | "at"
                | "status"
                | "from_status"
                | "to_status"
                | "mark"
                | "gender"
                | "role"
                | "kind"
                | "entity"
                | "action"
                | "tax_code"
                | "login"
                | "user"
                | "author"
                | "token"
                | "before"
                | "after"
                | "code"
                | "language"
                | "number"
        );
    !structured && table != "meta" && !table.starts_with("note_text")
}

/// Appends `HOSTILE` to every free-text column of every row of `db`.
fn poison(db: &Path) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut poisoned = 0;
    for table in tables {
        // A virtual table whose module this connection lacks (full-text
        // search) is kept in step by the register's own triggers.
        let Ok(mut columns) = conn.prepare(&format!(
            "SELECT name, type FROM pragma_table_info('{table}')"
        )) else {
            continue;
        };
        let columns: Vec<(String, String)> = columns
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (column, kind) in columns {
            if kind.eq_ignore_ascii_case("TEXT") && free_text(&table, &column) {
                poisoned += conn
                    .execute(
                        &format!(
                            "UPDATE \"{table}\" SET \"{column}\" = coalesce(\"{column}\", '') || ?1"
                        ),
                        [HOSTILE],
                    )
                    .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
            }
        }
    }
    poisoned
}

/// Runs `command` on an 80×24 pseudo-terminal; everything it wrote.
fn on_a_terminal(command: &Command) -> String {
    // `env -u NAME…` first, then `NAME=VALUE…`, as env reads them.
    let mut line = String::from("exec env");
    for (key, _) in command.get_envs().filter(|(_, value)| value.is_none()) {
        line.push_str(&format!(" -u {}", key.to_string_lossy()));
    }
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            line.push_str(&format!(" {}={}", key.to_string_lossy(), quoted(value)));
        }
    }
    line.push(' ');
    line.push_str(&quoted(command.get_program()));
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&quoted(arg));
    }
    let mut pty = common::Pty::run(&format!(
        "sh -c {}",
        quoted(std::ffi::OsStr::new(&format!(
            "({line}) < /dev/null; echo END-OF-RUN"
        )))
    ));
    pty.wait_for(&["END-OF-RUN"], Duration::from_secs(180));
    let _ = pty.script.wait();
    pty.output()
}

fn quoted(text: impl AsRef<std::ffi::OsStr>) -> String {
    format!(
        "'{}'",
        text.as_ref().to_string_lossy().replace('\'', r"'\''")
    )
}

/// The escape sequences (CSI) in `text`, whole.
fn sequences(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("\u{1b}[") {
        let tail = &rest[start + 2..];
        let end = tail
            .find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))
            .map_or(tail.len(), |i| i + 1);
        found.insert(rest[start..start + 2 + end].to_string());
        rest = &tail[end..];
    }
    found
}

/// Every character a terminal could act on: controls but the line's end
/// and tab, and the bidi controls.
fn commands_in(text: &str) -> Vec<char> {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// (b) Hostile text in the register, every command on a terminal.
#[test]
fn every_subcommand_on_a_terminal_writes_no_control_character_from_data() {
    let dir = tempdir().unwrap();
    let clean = base_register(dir.path());
    let hostile = dir.path().join("hostile.db");
    std::fs::copy(&clean, &hostile).unwrap();
    assert!(poison(&hostile) > 100, "little was poisoned");
    let mut seen = String::new();
    for example in examples() {
        if OPEN_THE_SCREEN.contains(&example.leaf.as_str()) {
            continue;
        }
        // What the command writes itself (a progress line's ESC [2K and
        // carriage returns): read from the same run on the clean register.
        let (command, _) = example.command(&clean, dir.path(), ADMIN);
        let clean_run = on_a_terminal(&command);
        let its_own = sequences(&clean_run);
        let its_own_controls: BTreeSet<char> = commands_in(&clean_run).into_iter().collect();
        let (command, _) = example.command(&hostile, dir.path(), ADMIN);
        let mut shown = on_a_terminal(&command);
        for sequence in &its_own {
            shown = shown.replace(sequence.as_str(), "");
        }
        let found: Vec<char> = commands_in(&shown)
            .into_iter()
            .filter(|c| !its_own_controls.contains(c))
            .collect();
        assert!(found.is_empty(), "{example}: {found:?} in {shown:?}");
        // Where the hostile text shows, it shows cleaned, whatever the
        // command writes elsewhere.
        for (at, _) in shown.match_indices("zz") {
            let after: String = shown[at..].chars().take(HOSTILE.chars().count()).collect();
            let found = commands_in(&after);
            assert!(found.is_empty(), "{example}: {found:?} in {after:?}");
        }
        seen.push_str(&shown);
    }
    // The hostile text did reach the output, cleaned: it was there to leak.
    assert!(seen.matches("zz").count() > 20, "{seen}");
}

/// Whether `user` may run `leaf`, as docs/roles.md says; `None` where
/// the page says nothing of the subcommand (a new one): then only what
/// holds for every command is checked (an admin may, an unknown or
/// removed user may not).
fn documented(example: &Example, user: &str) -> Option<bool> {
    let leaf = example.leaf.as_str();
    let no_register = matches!(leaf, "man" | "completions") || MAKE_A_REGISTER.contains(&leaf);
    if no_register {
        // No register is opened, so no one is looked up in one.
        return Some(true);
    }
    if matches!(user, UNKNOWN | REMOVED) {
        return Some(false);
    }
    let (coordinator, tutor) = match leaf {
        "report" => (true, true),
        // Coordinators add tutors, give them modules and list users;
        // only admins remove users.
        "users add" | "users give" | "users list" => (true, false),
        "users remove" => (false, false),
        // The timetable names no participant: a tutor exports the part
        // of it they reach.
        "export"
            if example
                .words
                .iter()
                .any(|w| w == "sessions" || w == "modules") =>
        {
            (true, true)
        }
        "import" | "export" | "backup" | "check" | "person export" | "person erase" => {
            (true, false)
        }
        _ => return (user == ADMIN).then_some(true),
    };
    Some(match user {
        ADMIN => true,
        COORDINATOR => coordinator,
        TUTOR => tutor,
        _ => unreachable!(),
    })
}

fn audit_entries(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit", [], |row| row.get(0))
        .unwrap()
}

/// (c) Every subcommand as every kind of user.
#[test]
fn every_subcommand_as_every_role_is_allowed_or_refused_as_documented() {
    let dir = tempdir().unwrap();
    let base = base_register(dir.path());
    let before = audit_entries(&base);
    let mut checked = 0;
    for example in examples() {
        for user in [ADMIN, COORDINATOR, TUTOR, UNKNOWN, REMOVED] {
            let Some(allowed) = documented(&example, user) else {
                continue;
            };
            let (mut command, db) = example.command(&base, dir.path(), user);
            let output = command.output().unwrap();
            let said = stderr(&output);
            if allowed {
                assert!(output.status.success(), "{user}: {example}: {said}");
            } else {
                assert_eq!(output.status.code(), Some(1), "{user}: {example}: {said}");
                assert!(
                    !said.trim().is_empty(),
                    "{user}: {example}: refused in silence"
                );
                assert!(
                    output.stdout.is_empty(),
                    "{user}: {example}: {}",
                    String::from_utf8_lossy(&output.stdout)
                );
                assert_eq!(audit_entries(&db), before, "{user}: {example} wrote");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}
