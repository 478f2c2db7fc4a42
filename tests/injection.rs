//! Hostile text in every field of the register (ESC [2J, OSC 52, C1
//! controls, carriage returns, backspaces, NUL, bidi overrides) never
//! reaches the terminal: every screen is rendered into a TestBackend
//! and no cell holds a control character.

mod command;
mod common;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use registro::context::{Actor, Clock};
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::store::notes::NoteSubject;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// Every trick at once.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]52;c;SGFja2Vk\u{7}\u{9b}31m\rOK\u{202e}lmth.exe\u{2066}\u{8}\u{7f}\u{0}\u{85}\u{1b}P+q\u{1b}\\\nline";

fn hostile(tag: &str) -> String {
    format!("{tag}{HOSTILE}")
}

fn poison(path: &Path) {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let actor = common::actor();
    store
        .write(|tx| {
            tx.execute(
                "UPDATE person SET surname = ?1 || surname, given_name = ?2, organisation = ?3,
                        organisation_type = ?4, job_title = ?5, email = ?6, phone = ?7",
                [
                    hostile(""),
                    hostile("g"),
                    hostile("o"),
                    hostile("t"),
                    hostile("j"),
                    hostile("e"),
                    hostile("p"),
                ],
            )?;
            tx.execute(
                "UPDATE module SET title = ?1, location = ?2, venue = ?3, code = ?4",
                [hostile("title"), hostile("town"), hostile("venue"), hostile("M")],
            )?;
            tx.execute(
                "UPDATE session SET venue = ?1, trainer = ?2, topic = ?3",
                [hostile("venue"), hostile("trainer"), hostile("topic")],
            )?;
            tx.execute("UPDATE axis SET title = ?1, code = code || ?2", [hostile("axis"), hostile("")])?;
            // Requests to triage, one with a reason and history.
            tx.execute(
                "UPDATE enrolment SET status = 'requested' WHERE id IN (1, 2)",
                [],
            )?;
            tx.execute(
                "UPDATE enrolment SET status = 'rejected', reason = ?1 WHERE id = 3",
                [hostile("reason")],
            )?;
            tx.execute(
                "INSERT INTO enrolment_history(enrolment_id, from_status, to_status, reason, at, by_user)
                 VALUES (3, 'requested', 'rejected', ?1, '2026-11-20T10:00:00Z', ?2)",
                [hostile("why"), hostile("user")],
            )?;
            tx.execute(
                "INSERT INTO rating(enrolment_id, score, comment) VALUES (4, 2, ?1)",
                [hostile("comment")],
            )?;
            // The author of the hostile audit entry below: the store
            // records changes only by users of the register.
            tx.execute(
                "INSERT INTO app_user(login, display_name, role) VALUES (?1, ?1, 'tutor')",
                [hostile("user")],
            )?;
            tx.execute(
                "UPDATE app_user SET display_name = ?1",
                [hostile("display")],
            )?;
            Ok(())
        })
        .unwrap();
    let evil = Actor::new(hostile("user"), Clock::at_noon(common::TODAY));
    store
        .write(|tx| {
            registro::store::writes::audit(
                tx,
                &evil,
                &hostile("entity"),
                Some(1),
                &hostile("action"),
                Some(&serde_json::json!({ "x": HOSTILE })),
                Some(&serde_json::json!({ "y": HOSTILE })),
            )
        })
        .unwrap();
    for subject in [
        NoteSubject::Person(1),
        NoteSubject::Session(3),
        NoteSubject::Module(1),
    ] {
        store
            .add_note(&actor, &[subject], &hostile("note"), Some("open"), None)
            .unwrap();
    }
}

/// Every character on screen that a terminal could act on.
fn controls(terminal: &Terminal<TestBackend>) -> Vec<(u16, u16, String)> {
    let buffer = terminal.backend().buffer();
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if symbol.chars().any(|c| {
                c.is_control()
                    || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            }) {
                found.push((x, y, symbol.escape_debug().to_string()));
            }
        }
    }
    found
}

fn check(app: &mut App, what: &str, screens: &mut usize) {
    for (width, height) in [(80, 24), (132, 40)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
        let found = controls(&terminal);
        assert!(
            found.is_empty(),
            "{what} at {width}x{height}: {found:?}\n{}",
            terminal.backend()
        );
        *screens += 1;
        SEEN.with(|seen| seen.borrow_mut().push_str(&terminal.backend().to_string()));
    }
}

thread_local! {
    static SEEN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn key(app: &mut App, key: Key) {
    app.handle_key(Chord::plain(key));
}

fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, Key::Char(c));
    }
}

#[test]
fn no_screen_lets_a_control_character_through() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    poison(&path);
    let mut screens = 0;
    for lang in [Lang::En, Lang::It] {
        let mut app = common::app(&path, lang);
        for tab in ['1', '2', '3', '4', '5', '6'] {
            chars(&mut app, &tab.to_string());
            check(&mut app, &format!("tab {tab}"), &mut screens);
            // The first rows' details, and what opens from them.
            for row in 0..3 {
                key(&mut app, Key::Enter);
                check(
                    &mut app,
                    &format!("tab {tab} row {row} opened"),
                    &mut screens,
                );
                key(&mut app, Key::Enter);
                check(
                    &mut app,
                    &format!("tab {tab} row {row} deeper"),
                    &mut screens,
                );
                key(&mut app, Key::Esc);
                key(&mut app, Key::Esc);
                key(&mut app, Key::Char('j'));
            }
            // A filter typed with hostile characters.
            key(&mut app, Key::Char('/'));
            chars(&mut app, "\u{1b}[2J\u{9b}\r");
            check(&mut app, &format!("tab {tab} filter"), &mut screens);
            key(&mut app, Key::Esc);
            key(&mut app, Key::Char('?'));
            check(&mut app, &format!("tab {tab} help"), &mut screens);
            key(&mut app, Key::Esc);
            key(&mut app, Key::Char('L'));
            check(&mut app, &format!("tab {tab} audit"), &mut screens);
            key(&mut app, Key::Esc);
        }
        // The roster of today's session, a note on a participant, the
        // reason prompt of the queue.
        chars(&mut app, "2");
        key(&mut app, Key::Enter);
        check(&mut app, "roster", &mut screens);
        chars(&mut app, "h");
        check(&mut app, "hours prompt", &mut screens);
        key(&mut app, Key::Esc);
        chars(&mut app, "n");
        check(&mut app, "note editor", &mut screens);
        chars(&mut app, "\u{1b}]52;c;x\u{7}");
        check(&mut app, "note editor typed", &mut screens);
        key(&mut app, Key::Esc);
        key(&mut app, Key::Esc);
        chars(&mut app, "4");
        chars(&mut app, "R");
        check(&mut app, "reject reason", &mut screens);
        key(&mut app, Key::Esc);
        chars(&mut app, "jjX");
        check(&mut app, "withdraw", &mut screens);
        key(&mut app, Key::Esc);
    }
    assert!(screens > 150, "{screens}");
    // The hostile text was on screen, made harmless.
    let seen = SEEN.with(|seen| seen.borrow().clone());
    for shown in [
        "title?[2J?]52;c;SGFja2Vk",
        "?OK?lmth.exe?",
        "note?[2J",
        "reason?[2J",
        "axis?[2J",
        "user?[2J",
        "trainer?[2J",
    ] {
        assert!(seen.contains(shown), "{shown} never shown");
    }
}

#[test]
fn the_command_line_prints_no_control_character_either() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    poison(&path);
    let output = common::registro("admin")
        .args(["users", "list", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{text:?}"
    );
}

/// Every character of `text` a terminal could act on, line ends aside.
fn commands_in(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// A poisoned register whose modules answer to plain codes (`M01`…),
/// so that `--module` can name them, and whose first person has a tax
/// code a file can match.
fn poisoned_register(folder: &Path) -> std::path::PathBuf {
    let (path, _) = common::roster_register(folder);
    poison(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "UPDATE module SET code = 'M0' || id;
         UPDATE person SET tax_code = 'RSSMRA85T50D150H', gender = 'F' WHERE id = 1;",
    )
    .unwrap();
    path
}

/// Runs `registro ARGS` on a pseudo-terminal and gives back all it wrote.
fn on_a_terminal(db: &Path, args: &str) -> String {
    let line = format!(
        "sh -c '{} --db {} --user admin {args}; echo END-OF-RUN'",
        assert_cmd::cargo::cargo_bin("registro").display(),
        db.display()
    );
    let mut pty = common::Pty::run(&line);
    pty.wait_for(&["END-OF-RUN"], std::time::Duration::from_secs(120));
    let _ = pty.script.wait();
    pty.output()
}

#[test]
fn every_command_on_a_terminal_prints_no_control_character() {
    let dir = tempdir().unwrap();
    let db = poisoned_register(dir.path());
    // A file that names a hostile column, gives a hostile value, and
    // matches the first person with another name: its findings and its
    // notes of what the register keeps echo the register's and the
    // file's text.
    let file = dir.path().join("requests.csv");
    std::fs::write(
        &file,
        "received_on,module,surname,given_name,gender,tax_code,organisation,organisation_type,x\u{202e}y\n\
         2026-10-01,M01,Rossi,Maria,F,RSSMRA85T50D150H,Comune,Comune,\n",
    )
    .unwrap();
    let values = dir.path().join("values.csv");
    std::fs::write(
        &values,
        "received_on,module,surname,given_name,gender,tax_code,organisation,organisation_type\n\
         2026-10-01,M01,Bianchi,Anna,Q\u{202e}\u{2066},,Comune,Comune\n",
    )
    .unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "received_on,module,surname,given_name,gender,tax_code,organisation,organisation_type\n\
         2026-10-01,M01,Rossi,Maria,F,RSSMRA85T50D150H,Comune,Comune\n",
    )
    .unwrap();
    let runs = [
        "report".to_string(),
        "report --module M01".to_string(),
        "report --module M01 --format csv".to_string(),
        "report --format json".to_string(),
        "export enrolments".to_string(),
        "export participants".to_string(),
        "export attendance".to_string(),
        "export enrolments --format json".to_string(),
        "export register --module M01".to_string(),
        "export audit".to_string(),
        "users list".to_string(),
        "check".to_string(),
        "person export 1".to_string(),
        format!("import enrolments {}", file.display()),
        format!("import enrolments {}", values.display()),
        format!("import enrolments {} --dry-run", good.display()),
        format!("import enrolments {}", good.display()),
        format!("import enrolments {}", good.display()),
    ];
    let mut seen = String::new();
    for args in &runs {
        // The import's own progress bar clears its line (ESC [2K): ours,
        // not the data's.
        let shown = on_a_terminal(&db, args).replace("\u{1b}[2K", "");
        let found = commands_in(&shown);
        assert!(found.is_empty(), "{args}: {found:?} in {shown:?}");
        seen.push_str(&shown);
    }
    // The runs did show the poisoned text, cleaned: it was there to leak.
    for shown in ["title?[2J", "x?y", "Q??", "register keeps \"?[2J"] {
        assert!(seen.contains(shown), "{shown} never shown in {seen}");
    }
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["--user", "admin", "check"])
        .assert()
        .success();
}

#[test]
fn csv_and_json_to_a_pipe_stay_byte_for_byte() {
    let dir = tempdir().unwrap();
    let db = poisoned_register(dir.path());
    for args in [
        &["report", "--module", "M01", "--format", "csv"][..],
        &["export", "enrolments"],
    ] {
        let output = command::registro()
            .arg("--db")
            .arg(&db)
            .args(["--user", "admin"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains(HOSTILE.split('\n').next().unwrap()),
            "{args:?}: {text:?}"
        );
    }
}
