//! A session on a holiday (the register's or its town's), on a Sunday or
//! outside its module's dates is flagged: the form asks, the import warns
//! with the line. A town's patron day stops that town's modules only.

mod command;
mod common;

use command::registro;
use common::{app_with, press, press_key, render, roster_register};
use registro::config::Config;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use tempfile::tempdir;

const TOWNS: &str = "[holidays.towns]\nCremona = \"13/11\"\n";

/// How many sessions the register holds, as its maker sees them: the
/// CLI tests' user, or the hand-made registers' admin.
fn sessions(path: &std::path::Path) -> usize {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    let reach = store
        .reach("coordinatrice")
        .or_else(|_| store.reach("admin"))
        .unwrap();
    store
        .sessions_between(
            &reach,
            jiff::civil::date(2000, 1, 1),
            jiff::civil::date(2100, 1, 1),
        )
        .unwrap()
        .len()
}

#[test]
fn imported_sessions_on_holidays_sundays_and_outside_the_module_are_warned_with_their_line() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    let config = dir.path().join("settings.toml");
    std::fs::write(&config, TOWNS).unwrap();
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "codice;titolo;asse;sede;ore;posti;data_inizio;data_fine\n\
         CR1;Accoglienza;II;Cremona;16;30;02/11/2026;30/11/2026\n\
         CM1;Accoglienza;II;Crema;16;30;02/11/2026;30/11/2026\n",
    )
    .unwrap();
    let sessions_file = dir.path().join("sessions.csv");
    std::fs::write(
        &sessions_file,
        "modulo;data;inizio;fine\n\
         CR1;13/11/2026;09:00;13:00\n\
         CM1;13/11/2026;09:00;13:00\n\
         CR1;15/11/2026;09:00;13:00\n\
         CR1;02/12/2026;09:00;13:00\n\
         CM1;10/11/2026;09:00;13:00\n\
         CM1;08/12/2026;09:00;13:00\n",
    )
    .unwrap();
    for (kind, file) in [("modules", &modules), ("sessions", &sessions_file)] {
        let output = registro()
            .arg("--config")
            .arg(&config)
            .arg("--db")
            .arg(&db)
            .args(["import", kind])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        if kind == "modules" {
            continue;
        }
        let said = String::from_utf8_lossy(&output.stderr).to_string();
        let lines: Vec<&str> = said.lines().filter(|l| l.contains("falls")).collect();
        let has = |line: u32, what: &str| {
            lines
                .iter()
                .any(|l| l.contains(&format!(":{line}")) && l.contains(what))
        };
        // Line 2: Sant'Omobono in Cremona. Line 3: the same day in Crema,
        // no flag. Line 4: a Sunday. Line 5: after the module ends.
        // Line 6: a plain Tuesday. Line 7: 8 December, after the end.
        assert!(has(2, "public holiday"), "{said}");
        assert!(!lines.iter().any(|l| l.contains(":3")), "{said}");
        assert!(has(4, "Sunday"), "{said}");
        assert!(has(5, "after the module ends (30/11/2026)"), "{said}");
        assert!(!lines.iter().any(|l| l.contains(":6")), "{said}");
        assert!(
            has(7, "public holiday") && has(7, "after the module ends"),
            "{said}"
        );
        assert_eq!(lines.len(), 5, "{said}");
    }
    // Warnings, not refusals: every session is in.
    assert_eq!(sessions(&db), 6);
    // The same file again adds nothing, and says nothing of days.
    let again = registro()
        .arg("--config")
        .arg(&config)
        .arg("--db")
        .arg(&db)
        .args(["import", "sessions"])
        .arg(&sessions_file)
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("falls"));
}

#[test]
fn a_session_typed_on_a_patron_day_after_the_module_is_asked_about() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut config = Config::defaults();
    config
        .overlay_text(TOWNS, std::path::Path::new("towns.toml"))
        .unwrap();
    let mut app = app_with(&path, Lang::It, |s| s.holidays = config.holidays.clone());
    press(&mut app, "2c");
    press(&mut app, "M");
    press_key(&mut app, Key::Tab);
    // Friday 13 November 2026: Sant'Omobono, and the module is in Cremona.
    press(&mut app, "13/11/2026");
    press_key(&mut app, Key::Tab);
    press(&mut app, "14:00");
    press_key(&mut app, Key::Tab);
    press(&mut app, "16:00");
    press_key(&mut app, Key::Enter);
    let asked = render(&mut app, 80, 24);
    assert!(asked.contains("giorno festivo"), "{asked}");
    assert!(asked.contains("(s/n)"), "{asked}");
    assert_eq!(sessions(&path), 4, "nothing saved before the answer");
    press(&mut app, "s");
    assert_eq!(sessions(&path), 5);
}

#[test]
fn a_session_typed_after_the_module_ends_is_asked_about() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app_with(&path, Lang::En, |_| {});
    press(&mut app, "2c");
    press(&mut app, "M");
    press_key(&mut app, Key::Tab);
    // Wednesday 2 June 2027: Festa della Repubblica, months after the end.
    press(&mut app, "02/06/2027");
    press_key(&mut app, Key::Tab);
    press(&mut app, "14:00");
    press_key(&mut app, Key::Tab);
    press(&mut app, "16:00");
    press_key(&mut app, Key::Enter);
    let asked = render(&mut app, 200, 24);
    assert!(asked.contains("public holiday"), "{asked}");
    assert!(
        asked.contains("after the module ends (03/12/2026)"),
        "{asked}"
    );
    press(&mut app, "n");
    assert_eq!(sessions(&path), 4);
}

#[test]
fn a_session_moved_onto_a_sunday_is_asked_about() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = app_with(&path, Lang::En, |_| {});
    press(&mut app, "2");
    let list = render(&mut app, 120, 24);
    assert!(
        list.contains("12/11") || list.contains("2026-11-12"),
        "{list}"
    );
    press(&mut app, "E");
    // The cursor is on the module; the date is the next field.
    press_key(&mut app, Key::Tab);
    for _ in 0..12 {
        press_key(&mut app, Key::Backspace);
    }
    // Sunday 15 November 2026, inside the module's dates.
    press(&mut app, "15/11/2026");
    press_key(&mut app, Key::Enter);
    let asked = render(&mut app, 120, 24);
    assert!(asked.contains("falls on a Sunday"), "{asked}");
    press(&mut app, "y");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let reach = store.reach("admin").unwrap();
    let moved = store
        .sessions_between(
            &reach,
            jiff::civil::date(2026, 11, 15),
            jiff::civil::date(2026, 11, 15),
        )
        .unwrap();
    assert_eq!(moved.len(), 1);
}
