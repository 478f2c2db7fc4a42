//! What the Debian package is made of, made by the binary itself: the
//! version line, the manual pages, the completions, and the dated
//! backups its timer runs (issue 26).

mod common;

mod command;
use command::registro;
use tempfile::tempdir;

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_version_names_the_schema_it_writes_and_its_sqlite() {
    let line = stdout(&registro().arg("--version").output().unwrap());
    let schema = registro::store::latest_version();
    assert_eq!(
        line.trim(),
        format!(
            "registro {} (writes register schema {schema}; SQLite {})",
            env!("CARGO_PKG_VERSION"),
            rusqlite::version()
        )
    );
    let italian = stdout(
        &registro()
            .env("LANG", "it_IT.UTF-8")
            .arg("--version")
            .output()
            .unwrap(),
    );
    assert!(italian.contains(&format!("schema {schema}")), "{italian}");
    assert!(italian.contains("scrive"), "{italian}");
}

#[test]
fn every_subcommand_has_a_manual_page_naming_its_options() {
    let dir = tempdir().unwrap();
    let output = registro()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    stdout(&output);
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in [
        "registro.1",
        "registro-backup.1",
        "registro-import.1",
        "registro-export.1",
        "registro-users-add.1",
        "registro-person-erase.1",
    ] {
        assert!(pages.contains(&page.to_string()), "{page} in {pages:?}");
    }
    // Nothing half written is left beside them.
    assert!(pages.iter().all(|p| p.ends_with(".1")), "{pages:?}");
    let backup = std::fs::read_to_string(dir.path().join("registro-backup.1")).unwrap();
    for option in ["keep", "dir", "db"] {
        assert!(backup.contains(option), "--{option} in {backup}");
    }
    assert!(backup.contains("registro backup"), "{backup}");
    // Without a folder, the main page on stdout.
    let main = stdout(&registro().arg("man").output().unwrap());
    assert!(
        main.starts_with(".ie") || main.contains(".TH registro 1"),
        "{main}"
    );
}

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&registro().args(["completions", shell]).output().unwrap());
        for word in ["backup", "import", "export", "completions"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let output = registro().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// A backup into `dir` at `now`, keeping `keep`.
fn dated_backup(db: &std::path::Path, dir: &std::path::Path, now: &str, keep: &str) {
    let output = registro()
        .env("USER", "admin")
        .env("REGISTRO_NOW", now)
        .arg("--db")
        .arg(db)
        .args(["backup", "--dir"])
        .arg(dir)
        .args(["--keep", keep])
        .output()
        .unwrap();
    stdout(&output);
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn dated_backups_keep_the_newest_and_nothing_else_is_removed() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    std::fs::write(backups.join("notes.txt"), "mine").unwrap();
    std::fs::write(backups.join("roster-old.db"), "mine too").unwrap();
    for night in ["01", "02", "03"] {
        dated_backup(
            &db,
            &backups,
            &format!("2026-12-{night}T02:30:00+01:00"),
            "2",
        );
    }
    let stem = db.file_stem().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        names_in(&backups),
        [
            "notes.txt".to_string(),
            "roster-old.db".to_string(),
            format!("{stem}-2026-12-02-023000.db"),
            format!("{stem}-2026-12-03-023000.db"),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // Each kept copy is a whole register that passes its check.
    for name in names_in(&backups).iter().filter(|n| n.contains("-2026-")) {
        let output = registro()
            .env("USER", "admin")
            .arg("--db")
            .arg(backups.join(name))
            .arg("check")
            .output()
            .unwrap();
        stdout(&output);
    }
}

#[test]
fn keep_needs_a_folder_and_a_folder_must_exist() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    let output = registro()
        .arg("--db")
        .arg(&db)
        .args(["backup", "--keep", "3", "copy.db"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = registro()
        .env("USER", "admin")
        .arg("--db")
        .arg(&db)
        .args(["backup", "--dir"])
        .arg(dir.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not a folder"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_clock_variable_that_is_not_a_time_is_refused() {
    for (name, value) in [
        ("REGISTRO_NOW", "yesterday"),
        ("REGISTRO_TODAY", "2026-02-30"),
    ] {
        let output = registro()
            .env_remove("REGISTRO_NOW")
            .env(name, value)
            .arg("--version")
            .output()
            .unwrap();
        // --version answers before any clock is read.
        assert!(output.status.success());
        let output = registro()
            .env_remove("REGISTRO_NOW")
            .env(name, value)
            .arg("check")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{name}={value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(name) && stderr.contains("not a time"),
            "{stderr}"
        );
    }
}
