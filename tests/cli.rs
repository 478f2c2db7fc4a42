//! The command line, run as a process.

mod command;
use command::registro;

use tempfile::tempdir;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn init_creates_a_register_and_refuses_to_overwrite_it() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let created = std::fs::read(&db).unwrap();
    let output = registro()
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("already exists"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(std::fs::read(&db).unwrap(), created);
}

#[test]
fn init_without_a_path_says_what_it_needs() {
    let output = registro().arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("--db"));
}

#[test]
fn the_demo_is_made_once_and_then_left_alone() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("a.db");
    // Not on a terminal: it makes the register and says where it is.
    let first = registro().args(["demo", "--db"]).arg(&db).output().unwrap();
    assert!(first.status.success(), "{}", stderr_of(&first));
    assert!(String::from_utf8_lossy(&first.stdout).contains("a.db"));
    let dump = |path: &std::path::Path| {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut rows = Vec::new();
        for table in [
            "module",
            "session",
            "person",
            "enrolment",
            "attendance",
            "note",
        ] {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            rows.push(n);
        }
        rows
    };
    let before = dump(&db);
    assert!(before[0] > 0, "the demo has modules: {before:?}");
    let second = registro().args(["demo", "--db"]).arg(&db).output().unwrap();
    assert!(second.status.success(), "{}", stderr_of(&second));
    assert_eq!(dump(&db), before);
}

#[test]
fn opening_what_is_not_a_register_fails_clearly_and_damages_nothing() {
    let dir = tempdir().unwrap();
    let text = dir.path().join("letter.txt");
    std::fs::write(&text, "Caro collega, ...").unwrap();
    let output = registro().arg("--db").arg(&text).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("not a registro register"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "Caro collega, ...");

    let missing = dir.path().join("no/such/r.db");
    let output = registro().arg("--db").arg(&missing).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("no register here"),
        "{}",
        stderr_of(&output)
    );
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_read_only_register_is_refused_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let output = registro().arg("--db").arg(&db).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("read-only"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn the_screen_needs_a_terminal() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let output = registro().arg("--db").arg(&db).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("terminal"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("env.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let output = registro().env("REGISTRO_DB", &db).output().unwrap();
    // It found the register: the only complaint is the missing terminal.
    assert!(
        stderr_of(&output).contains("terminal"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn usage_errors_exit_with_two() {
    registro().arg("no-such-command").assert().code(2);
    registro().arg("--no-such-flag").assert().code(2);
}

#[test]
fn a_wrong_setting_is_named_with_its_line() {
    let dir = tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "language = \"it\"\n\n[keys]\ndown = [\"hyper-j\"]\n",
    )
    .unwrap();
    let output = registro()
        .arg("--config")
        .arg(&config)
        .args(["init", "--db"])
        .arg(dir.path().join("r.db"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("line 4") && stderr.contains("hyper-j"),
        "{stderr}"
    );
    assert!(!dir.path().join("r.db").exists());
}

#[test]
fn help_lists_only_commands_that_exist() {
    use clap::CommandFactory;
    // The subcommands the binary has, from its own definition.
    let defined: std::collections::BTreeSet<String> = registro::cli::Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(defined.len() > 5, "{defined:?}");
    for (lang, heading) in [("en_US.UTF-8", "Commands:"), ("it_IT.UTF-8", "Comandi:")] {
        let output = registro().env("LANG", lang).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&output.stdout);
        // The first word of each line under the heading, to the blank line.
        let listed: std::collections::BTreeSet<String> = help
            .lines()
            .skip_while(|line| line.trim() != heading)
            .skip(1)
            .take_while(|line| !line.trim().is_empty())
            .filter_map(|line| line.split_whitespace().next())
            .filter(|name| *name != "help")
            .map(str::to_string)
            .collect();
        assert_eq!(listed, defined, "{lang}: {help}");
    }
}

#[test]
fn messages_follow_the_language() {
    let dir = tempdir().unwrap();
    let text = dir.path().join("lettera.txt");
    std::fs::write(&text, "Caro collega").unwrap();
    let output = registro()
        .env("LANG", "it_IT.UTF-8")
        .arg("--db")
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("non è un registro"),
        "{}",
        stderr_of(&output)
    );
}
