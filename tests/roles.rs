//! Roles: who may run which command and see which tab. The register is
//! the demo, made by `boss` (its admin), with the demo's coordinator
//! `coordinatrice` and tutors `tutor.rossi` and `tutor.ferri`.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use registro::access::Permission;
use registro::context::{Actor, Clock};
use registro::domain::Status;
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::store::attendance::{Attendance, MarkChange, MarkRefusal};
use registro::store::{Access, DEFAULT_AXES, Store, StoreError};
use registro::tui::app::App;
use tempfile::{TempDir, tempdir};

fn registro(user: &str) -> Command {
    Command::from_std(common::registro(user))
}

fn demo() -> (TempDir, PathBuf) {
    let dir = tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let store = {
        let mut store = Store::create(
            &path,
            &Actor::new("boss", Clock::at_noon(common::TODAY)),
            DEFAULT_AXES,
        )
        .unwrap();
        registro::demo::populate(
            &mut store,
            &Actor::new("boss", Clock::at_noon(common::TODAY)),
            common::TODAY,
        )
        .unwrap();
        store
    };
    drop(store);
    (dir, path)
}

/// Runs `registro --db PATH ARGS` as `user`; returns (exit code, stderr).
fn run(path: &Path, user: &str, args: &[&str]) -> (i32, String, String) {
    let output = registro(user)
        .arg("--db")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const ENROLMENTS_CSV: &str = "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n2026-11-20,M01,Nuova,Persona,F,nuova@example.org,Comune di Cremona,Comune\n";

/// Every command that opens a register, as arguments (files in `dir`).
fn commands(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    let csv = dir.join("in.csv");
    std::fs::write(&csv, ENROLMENTS_CSV).unwrap();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        ("screen", s(&[])),
        ("report", s(&["report", "--format", "json"])),
        (
            "import",
            vec![
                "import".into(),
                "enrolments".into(),
                csv.display().to_string(),
                "--dry-run".into(),
            ],
        ),
        ("export", s(&["export", "participants"])),
        ("export audit", s(&["export", "audit"])),
        ("users", s(&["users", "list"])),
        (
            "backup",
            vec![
                "backup".into(),
                dir.join(format!("copy-{}.db", std::process::id()))
                    .display()
                    .to_string(),
            ],
        ),
        ("check", s(&["check"])),
        ("person", s(&["person", "export", "1"])),
    ]
}

#[test]
fn a_name_the_register_does_not_know_is_refused_by_every_command() {
    let (dir, path) = demo();
    for (name, args) in commands(dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, stderr) = run(&path, "nobody", &args);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stderr.contains("nobody is not a user of this register"),
            "{name}: {stderr}"
        );
    }
    // `--user` names the acting user, whatever the login name.
    let (code, _, stderr) = run(&path, "boss", &["--user", "nobody", "check"]);
    assert_eq!(code, 1, "{stderr}");
    // The demo's own `demo` command opens an existing one only for its users.
    let output = registro("nobody")
        .arg("demo")
        .arg("--db")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn each_role_runs_exactly_the_commands_it_may() {
    let (dir, path) = demo();
    let commands = commands(dir.path());
    // What each role may run, by command; the screen needs a terminal,
    // so "allowed" there means refused for that reason only.
    let table: &[(&str, &[&str])] = &[
        (
            "boss",
            &[
                "report",
                "import",
                "export",
                "export audit",
                "users",
                "backup",
                "check",
                "person",
            ],
        ),
        (
            "coordinatrice",
            &[
                "report",
                "import",
                "export",
                "export audit",
                "users",
                "backup",
                "check",
                "person",
            ],
        ),
        ("tutor.rossi", &["report"]),
    ];
    for (user, allowed) in table {
        for (name, args) in &commands {
            let mut args: Vec<String> = args.clone();
            if *name == "backup" {
                args[1] = format!("{}-{user}", args[1]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, _, stderr) = run(&path, user, &args);
            if *name == "screen" {
                assert!(stderr.contains("needs a terminal"), "{user}: {stderr}");
                continue;
            }
            if allowed.contains(name) {
                assert_eq!(code, 0, "{user} {name}: {stderr}");
            } else {
                assert_eq!(code, 1, "{user} {name}: {stderr}");
                assert!(
                    stderr.contains("is not for this role"),
                    "{user} {name}: {stderr}"
                );
            }
        }
    }
}

#[test]
fn admins_add_list_and_remove_users() {
    let (_dir, path) = demo();
    let (code, stdout, stderr) = run(
        &path,
        "boss",
        &[
            "users",
            "add",
            "tutor.neri",
            "--role",
            "tutor",
            "--module",
            "M01",
            "--module",
            "M02",
            "--name",
            "Carla Neri",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("tutor.neri added as tutor"), "{stdout}");
    let (_, list, _) = run(&path, "boss", &["users", "list"]);
    assert!(
        list.contains("tutor.neri\tCarla Neri\ttutor\tM01,M02"),
        "{list}"
    );
    assert!(
        list.contains("coordinatrice\tLaura Bianchi\tcoordinator"),
        "{list}"
    );
    // A module that does not exist, a user twice, an unknown role.
    let (code, _, stderr) = run(
        &path,
        "boss",
        &["users", "add", "x", "--role", "tutor", "--module", "M99"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("M99: no such module"), "{stderr}");
    let (code, _, stderr) = run(
        &path,
        "boss",
        &["users", "add", "tutor.neri", "--role", "tutor"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("already a user"), "{stderr}");
    let (code, _, _) = run(&path, "boss", &["users", "add", "x", "--role", "chief"]);
    assert_eq!(code, 2);
    // The new tutor is let in; once removed, no longer.
    let (code, _, stderr) = run(&path, "tutor.neri", &["report"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = run(&path, "boss", &["users", "remove", "tutor.neri"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("removed"));
    let (code, _, stderr) = run(&path, "tutor.neri", &["report"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("not a user"), "{stderr}");
    // The last admin stays.
    let (code, _, stderr) = run(&path, "boss", &["users", "remove", "boss"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("last admin"), "{stderr}");
    // Coordinators add tutors and give them modules, but no admin or
    // coordinator; tutors add nobody.
    for role in ["admin", "coordinator"] {
        let (code, _, stderr) = run(
            &path,
            "coordinatrice",
            &["users", "add", "y", "--role", role],
        );
        assert_eq!(code, 1, "{role}: {stderr}");
        assert!(stderr.contains("may not do this"), "{role}: {stderr}");
    }
    let (code, _, stderr) = run(
        &path,
        "coordinatrice",
        &[
            "users",
            "add",
            "tutor.verdi",
            "--role",
            "tutor",
            "--module",
            "M01",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(
        &path,
        "coordinatrice",
        &["users", "give", "tutor.verdi", "--module", "M02"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("tutor.verdi now tutors M02"), "{stdout}");
    let (_, stdout, _) = run(&path, "coordinatrice", &["users", "list"]);
    assert!(stdout.contains("M01,M02"), "{stdout}");
    let (code, _, stderr) = run(
        &path,
        "tutor.rossi",
        &["users", "add", "z", "--role", "tutor"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("not for this role"), "{stderr}");
    // Every change is in the audit log.
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.audit_count("user").unwrap(), 4);
}

#[test]
fn the_store_refuses_what_the_role_does_not_allow_whoever_calls_it() {
    let (_dir, path) = demo();
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = store.acting_user("tutor.rossi").unwrap();
    assert!(!rossi.may(Permission::DecideEnrolments));
    // Late in the day, when today's sessions have all started.
    let late = Clock::Fixed("2026-11-26T23:00:00Z".parse().unwrap());
    let tutor = Actor::new("tutor.rossi", late.clone());
    // A session of a module that is not his, already started.
    let (session, enrolment, module): (i64, i64, i64) = store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT s.id, e.id, s.module_id FROM session s JOIN enrolment e ON e.module_id = s.module_id
                 WHERE e.status = 'accepted' AND s.cancelled = 0 AND s.closed_at IS NULL AND s.date <= '2026-11-26'
                   AND s.module_id NOT IN (SELECT module_id FROM user_module um JOIN app_user u ON u.id = um.user_id WHERE u.login = 'tutor.rossi')
                   AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.enrolment_id = e.id)
                 LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?)
        })
        .unwrap();
    assert!(!rossi.may_mark(module));
    let change = MarkChange {
        enrolment_id: enrolment,
        before: None,
        after: Some(Attendance::hours(0, registro::domain::Mark::Absent)),
    };
    assert_eq!(
        store.set_mark(&tutor, session, change).unwrap(),
        Err(MarkRefusal::NotYourModule)
    );
    // The coordinator may.
    let coordinator = Actor::new("coordinatrice", late);
    assert!(
        store
            .set_mark(&coordinator, session, change)
            .unwrap()
            .is_ok()
    );
    // No decisions for tutors.
    let request: i64 = store
        .write(|tx| {
            Ok(tx.query_row(
                "SELECT id FROM enrolment WHERE status = 'requested' LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(matches!(
        store.decide(&tutor, request, Status::Waitlisted, None, false),
        Err(StoreError::Denied { .. })
    ));
    // Nor users, nor erasing people.
    assert!(matches!(
        store.add_user(&tutor, "x", None, registro::domain::Role::Admin, &[]),
        Err(StoreError::Denied { .. })
    ));
    assert!(matches!(
        store.erase_person(&tutor, 1),
        Err(StoreError::Denied { .. })
    ));
}

fn app_as(path: &Path, user: &str) -> App {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let mut settings = common::settings(Lang::En);
    settings.user = user.into();
    App::new(store, settings)
}

fn key(app: &mut App, c: char) {
    app.handle_key(Chord::plain(Key::Char(c)));
}

/// The `n/N` of a list's title: how many rows it holds.
fn total(screen: &str) -> usize {
    let line = screen.lines().nth(1).unwrap_or_default();
    line.split('/')
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.trim_matches('"').parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_tutor_sees_only_their_modules_sessions_people_and_no_triage() {
    let (_dir, path) = demo();
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let count = |sql: &str| -> usize {
        store
            .write(|tx| Ok(tx.query_row(sql, ["tutor.rossi"], |r| r.get::<_, i64>(0))?))
            .unwrap() as usize
    };
    let mine = "SELECT um.module_id FROM user_module um JOIN app_user u ON u.id = um.user_id WHERE u.login = ?1";
    let modules = count(&format!("SELECT count(*) FROM module WHERE id IN ({mine})"));
    let sessions = count(&format!(
        "SELECT count(*) FROM session WHERE module_id IN ({mine})"
    ));
    // People in his participations: accepted (or accepted, then
    // withdrawn), never those he only saw asking.
    let people = count(&format!(
        "SELECT count(DISTINCT person_id) FROM enrolment e WHERE module_id IN ({mine})
         AND (status = 'accepted' OR (status = 'withdrawn' AND EXISTS
              (SELECT 1 FROM enrolment_history h WHERE h.enrolment_id = e.id AND h.to_status = 'accepted')))"
    ));
    let requested = count(&format!(
        "SELECT count(DISTINCT person_id) FROM enrolment WHERE module_id IN ({mine})"
    ));
    assert!(
        people < requested,
        "the demo has requests that are no participation"
    );
    let all_modules = count("SELECT count(*) FROM module WHERE ?1 IS NOT NULL");
    assert!(modules < all_modules);

    let mut app = app_as(&path, "tutor.rossi");
    let screen = common::render(&mut app, 100, 30);
    assert_eq!(total(&screen), modules, "{screen}");
    assert!(screen.contains("tutor.rossi"), "{screen}");
    key(&mut app, '2');
    let screen = common::render(&mut app, 100, 30);
    assert_eq!(total(&screen), sessions, "{screen}");
    // No switch to every module's sessions (the hint is "m mine / all").
    assert!(!screen.contains("mine / all"), "{screen}");
    key(&mut app, 'm');
    assert_eq!(total(&common::render(&mut app, 100, 30)), sessions);
    key(&mut app, '3');
    let screen = common::render(&mut app, 100, 30);
    assert_eq!(total(&screen), people, "{screen}");
    // Enrolments: no queue, no A/R/W/X, a sentence instead.
    key(&mut app, '4');
    let screen = common::render(&mut app, 100, 30);
    assert!(
        screen.contains("Requests are triaged by coordinators"),
        "{screen}"
    );
    for k in ['A', 'R', 'W', 'X'] {
        key(&mut app, k);
    }
    assert_eq!(
        store
            .write(|tx| Ok(tx.query_row(
                "SELECT count(*) FROM enrolment_history WHERE by_user = 'tutor.rossi'",
                [],
                |r| r.get::<_, i64>(0)
            )?))
            .unwrap(),
        0
    );
    // Notes: his own and about his modules only.
    key(&mut app, '5');
    let screen = common::render(&mut app, 100, 30);
    assert!(!screen.contains("tutor.ferri"), "{screen}");
    // No audit log: `L` does nothing, and help does not offer it.
    key(&mut app, 'L');
    let screen = common::render(&mut app, 100, 30);
    assert!(!screen.contains("Audit log"), "{screen}");
    key(&mut app, '?');
    let screen = common::render(&mut app, 100, 40);
    assert!(!screen.contains("log of changes"), "{screen}");
    // The report tab is there, with its figures (the tab bar's "6 Report"
    // is on every screen, so the heading is what shows the tab open).
    key(&mut app, '?');
    key(&mut app, '6');
    let screen = common::render(&mut app, 100, 30);
    assert!(screen.contains("Sessions held"), "{screen}");
}

#[test]
fn a_coordinator_has_every_tab_and_the_audit_log() {
    let (_dir, path) = demo();
    let mut app = app_as(&path, "coordinatrice");
    let screen = common::render(&mut app, 100, 30);
    assert_eq!(total(&screen), 12, "{screen}");
    key(&mut app, '4');
    let screen = common::render(&mut app, 100, 30);
    assert!(!screen.contains("Requests are triaged by coordinators"));
    assert!(screen.contains("A accept"), "{screen}");
    key(&mut app, 'L');
    let screen = common::render(&mut app, 120, 30);
    assert!(screen.contains("Audit log"), "{screen}");
    assert!(screen.contains("boss"), "{screen}");
    // Filtered by user, entity and date.
    key(&mut app, '/');
    for c in "user:nobody".chars() {
        key(&mut app, c);
    }
    app.handle_key(Chord::plain(Key::Enter));
    let screen = common::render(&mut app, 120, 30);
    assert!(screen.contains("Nothing matches the filter"), "{screen}");
    app.handle_key(Chord::plain(Key::Esc));
    key(&mut app, '/');
    for c in "user:boss entity:register date:2026-11".chars() {
        key(&mut app, c);
    }
    app.handle_key(Chord::plain(Key::Enter));
    let screen = common::render(&mut app, 120, 30);
    assert!(screen.contains("demo"), "{screen}");
    assert_eq!(total(&screen), 2, "{screen}");
    // Esc clears the filter, Esc again goes back to the tab.
    app.handle_key(Chord::plain(Key::Esc));
    app.handle_key(Chord::plain(Key::Esc));
    let screen = common::render(&mut app, 120, 30);
    assert!(!screen.contains("Audit log"), "{screen}");
}

/// With no `--user` and no login name (`env -i`, `USER=`), nothing is
/// done as anybody: exit 1, a message that says how to name the user,
/// and no user added.
#[test]
fn without_a_login_name_registro_refuses_and_adds_nobody() {
    let (_dir, path) = demo();
    let users = || {
        Store::open(&path, Access::ReadOnly)
            .unwrap()
            .users()
            .unwrap()
            .len()
    };
    let before = users();
    let add = ["users", "add", "x", "--role", "admin"];
    let empty = |command: &mut Command| {
        command.env_clear();
    };
    let blank = |command: &mut Command| {
        command
            .env_clear()
            .env("USER", "")
            .env("LOGNAME", " ")
            .env("LANG", "it_IT.UTF-8");
    };
    let blank_flag = |command: &mut Command| {
        command.env_clear().arg("--user").arg("");
    };
    type Environment<'a> = &'a dyn Fn(&mut Command);
    let cases: [(&str, Environment, &str); 3] = [
        ("env -i", &empty, "--user NAME"),
        ("USER=", &blank, "--user NOME"),
        ("--user ''", &blank_flag, "--user NAME"),
    ];
    for (name, environment, hint) in cases {
        let mut command = Command::cargo_bin("registro").unwrap();
        environment(&mut command);
        let output = command.arg("--db").arg(&path).args(add).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(hint), "{name}: {stderr}");
    }
    assert_eq!(users(), before);
    // Named with --user, the same command works in the same empty
    // environment.
    let output = Command::cargo_bin("registro")
        .unwrap()
        .env_clear()
        .args(["--user", "boss", "--db"])
        .arg(&path)
        .args(add)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(users(), before + 1);
}
