//! The programme's name (issue 23): asked at `registro init`, changed by
//! a coordinator or an admin with `registro settings programme`, refused
//! to a tutor, audited, and shown at the head of the report.

mod command;
mod common;
use command::registro;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

fn made(programme: Option<&str>) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let mut init = registro();
    init.args(["init", "--db"]).arg(&db);
    if let Some(name) = programme {
        init.args(["--programme", name]);
    }
    init.assert().success();
    (dir, db)
}

fn run(db: &Path, user: &str, args: &[&str]) -> std::process::Output {
    registro()
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn init_names_the_programme_and_settings_says_it() {
    let (_dir, db) = made(Some("  Competenze digitali PA  "));
    let shown = run(&db, "coordinatrice", &["settings", "programme"]);
    assert!(shown.status.success());
    assert_eq!(stdout(&shown), "Programme: Competenze digitali PA\n");
}

#[test]
fn without_a_name_and_without_a_terminal_init_asks_nothing() {
    let (_dir, db) = made(None);
    let shown = run(&db, "coordinatrice", &["settings", "programme"]);
    assert!(stdout(&shown).contains("registro settings programme NAME"));
}

#[test]
fn a_bad_name_at_init_leaves_no_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let output = registro()
        .args(["init", "--db"])
        .arg(&db)
        .args(["--programme", "a\tb"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("control characters"));
    assert!(!db.exists());
}

#[test]
fn a_coordinator_renames_a_tutor_is_refused_and_the_change_is_audited() {
    let (_dir, db) = made(Some("Primo nome"));
    for (user, role) in [("coord", "coordinator"), ("tutor", "tutor")] {
        let added = run(
            &db,
            "coordinatrice",
            &["users", "add", user, "--role", role],
        );
        assert!(added.status.success(), "{added:?}");
    }
    let refused = run(&db, "tutor", &["settings", "programme", "Altro"]);
    assert_eq!(refused.status.code(), Some(1));
    let renamed = run(&db, "coord", &["settings", "programme", "Formazione Crema"]);
    assert!(renamed.status.success(), "{renamed:?}");
    assert_eq!(
        stdout(&renamed),
        "The programme is now called: Formazione Crema\n"
    );
    let shown = run(&db, "tutor", &["settings", "programme"]);
    assert_eq!(stdout(&shown), "Programme: Formazione Crema\n");
    let audit = run(
        &db,
        "coordinatrice",
        &["export", "audit", "--format", "json"],
    );
    let entries: serde_json::Value = serde_json::from_slice(&audit.stdout).unwrap();
    let renames: Vec<&serde_json::Value> = entries["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "name programme")
        .collect();
    assert_eq!(renames.len(), 2, "{entries:#}");
    assert_eq!(renames[1]["user"], "coord");
    assert_eq!(renames[1]["before"]["programme"], "Primo nome");
    assert_eq!(renames[1]["after"]["programme"], "Formazione Crema");
}

#[test]
fn an_empty_name_is_refused_and_the_old_one_stays() {
    let (_dir, db) = made(Some("Primo nome"));
    let refused = run(&db, "coordinatrice", &["settings", "programme", "   "]);
    assert_eq!(refused.status.code(), Some(1));
    let shown = run(&db, "coordinatrice", &["settings", "programme"]);
    assert_eq!(stdout(&shown), "Programme: Primo nome\n");
}

#[test]
fn the_report_is_headed_by_the_programme_in_italian_too() {
    let (_dir, db) = made(Some("Competenze digitali PA"));
    let report = registro()
        .env("LANG", "it_IT.UTF-8")
        .arg("--db")
        .arg(&db)
        .arg("report")
        .output()
        .unwrap();
    let text = stdout(&report);
    let first = text.lines().next().unwrap_or_default();
    assert!(first.contains("Competenze digitali PA"), "{text}");
    assert!(!first.contains("r.db"), "{text}");
}

#[test]
fn init_on_a_terminal_asks_for_the_name_in_italian() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let mut pty = common::Pty::run(&format!(
        "env LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 LC_MESSAGES=it_IT.UTF-8 USER=coordinatrice \
         REGISTRO_NOW=2026-11-26T12:00:00+01:00 {} init --db {}",
        env!("CARGO_BIN_EXE_registro"),
        db.display()
    ));
    let limit = std::time::Duration::from_secs(30);
    pty.wait_for(&["Nome del programma"], limit);
    pty.write(b"Inclusione sociale Crema\r");
    pty.wait_for(&["Creato il registro"], limit);
    let _ = pty.script.wait();
    let shown = run(&db, "coordinatrice", &["settings", "programme"]);
    assert_eq!(stdout(&shown), "Programme: Inclusione sociale Crema\n");
}

/// The store itself refuses a tutor, whoever calls it (not only the
/// command line's door), and an unknown user; the name stays.
#[test]
fn the_store_refuses_a_tutor_and_a_stranger() {
    use registro::context::{Actor, Clock};
    use registro::domain::Role;
    use registro::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::at_noon(jiff::civil::date(2026, 11, 26));
    let admin = Actor::new("admin", clock.clone());
    let store = Store::create(&dir.path().join("r.db"), &admin, &[]).unwrap();
    store.set_programme_name(&admin, "Primo").unwrap();
    store
        .add_user(&admin, "tutor", None, Role::Tutor, &[])
        .unwrap();
    for login in ["tutor", "nobody"] {
        let actor = Actor::new(login, clock.clone());
        assert!(
            store.set_programme_name(&actor, "Altro").is_err(),
            "{login}"
        );
    }
    assert_eq!(store.programme_name().unwrap().as_deref(), Some("Primo"));
}

/// The report tab says the programme's name on its title line, in both
/// languages.
#[test]
fn the_report_tab_names_the_programme() {
    use registro::i18n::Lang;
    use registro::store::{Access, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .set_programme_name(&common::actor(), "Inclusione sociale Crema")
        .unwrap();
    drop(store);
    for (lang, title) in [(Lang::It, "Resoconto"), (Lang::En, "Report")] {
        let mut app = common::app(&path, lang);
        common::press(&mut app, "6");
        let screen = common::render(&mut app, 100, 24);
        let line = screen
            .lines()
            .find(|l| l.trim_start_matches('"').starts_with(title))
            .unwrap_or_else(|| panic!("no title line in {screen}"));
        assert!(line.contains("Inclusione sociale Crema"), "{screen}");
    }
}
