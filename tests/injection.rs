//! Hostile text in every field of the register (ESC [2J, OSC 52, C1
//! controls, carriage returns, backspaces, NUL, bidi overrides) never
//! reaches the terminal: every screen is rendered into a TestBackend
//! and no cell holds a control character.

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
    let output = assert_cmd::Command::cargo_bin("registro")
        .unwrap()
        .env("USER", "admin")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
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
