//! What the operating system says reaches the user as the catalogue
//! words it, with the path, in the user's language; roles are named in
//! that language too (issue 23).

mod command;
use command::registro;
use tempfile::tempdir;

/// The operating system's and SQLite's own English.
const SYSTEM_ENGLISH: &[&str] = &[
    "os error",
    "No such file",
    "Permission denied",
    "database is",
];

fn stderr_of(lang: &str, args: &[&str]) -> String {
    let output = registro()
        .env("LANG", lang)
        .env("USER", "admin")
        .args(args)
        .output()
        .unwrap();
    assert!(!output.status.success(), "{args:?}");
    String::from_utf8(output.stderr).unwrap()
}

fn new_register(folder: &std::path::Path) -> String {
    let path = folder.join("r.db").display().to_string();
    registro()
        .env("USER", "admin")
        .args(["init", "--db", &path])
        .assert()
        .success();
    path
}

#[test]
fn a_missing_file_is_named_in_italian_with_its_path() {
    let dir = tempdir().unwrap();
    let db = new_register(dir.path());
    let missing = dir.path().join("iscritti.csv").display().to_string();
    let folderless = dir
        .path()
        .join("no/such/folder/out.csv")
        .display()
        .to_string();
    for (args, said) in [
        (
            vec!["import", "modules", &missing, "--db", &db],
            format!("{missing}: file o cartella inesistente"),
        ),
        (
            vec!["export", "participants", "-o", &folderless, "--db", &db],
            "file o cartella inesistente".to_string(),
        ),
    ] {
        let stderr = stderr_of("it_IT.UTF-8", &args);
        assert!(stderr.contains(&said), "{args:?}: {stderr}");
        for english in SYSTEM_ENGLISH {
            assert!(!stderr.contains(english), "{args:?}: {stderr}");
        }
    }
    let stderr = stderr_of("en_GB.UTF-8", &["import", "modules", &missing, "--db", &db]);
    assert!(
        stderr.contains(&format!("{missing}: no such file or folder")),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_that_may_not_be_written_is_said_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir().unwrap();
    let db = new_register(dir.path());
    let closed = dir.path().join("chiusa");
    std::fs::create_dir(&closed).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o500)).unwrap();
    // root writes anywhere: nothing to see then.
    if std::fs::write(closed.join("probe"), b"").is_ok() {
        return;
    }
    let out = closed.join("out.csv").display().to_string();
    let stderr = stderr_of(
        "it_IT.UTF-8",
        &["export", "participants", "-o", &out, "--db", &db],
    );
    assert!(stderr.contains("permesso negato"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn a_user_added_is_told_with_the_role_in_the_language() {
    let dir = tempdir().unwrap();
    let db = new_register(dir.path());
    let output = registro()
        .env("LANG", "it_IT.UTF-8")
        .env("USER", "admin")
        .args([
            "users",
            "add",
            "coord",
            "--role",
            "coordinator",
            "--db",
            &db,
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("coord aggiunto come coordinatore"),
        "{stdout}"
    );
}
