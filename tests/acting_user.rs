//! The acting user is always someone the register knows: never a default
//! name when the environment names nobody, never an unknown or removed
//! user inside the store, whoever calls it (issue 19).

mod common;

use assert_cmd::Command;
use registro::context::{Actor, Clock};
use registro::domain::Role;
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

/// The binary with nothing from this machine's environment but what is
/// given here.
fn bare() -> Command {
    let mut command = Command::cargo_bin("registro").unwrap();
    // The clock and its zone pinned all the same: what is bare is the
    // user.
    command
        .env_clear()
        .env("TZ", "Europe/Rome")
        .env("REGISTRO_NOW", common::NOW);
    command
}

fn users(path: &std::path::Path) -> Vec<String> {
    Store::open(path, Access::ReadOnly)
        .unwrap()
        .users()
        .unwrap()
        .into_iter()
        .map(|u| u.login)
        .collect()
}

#[test]
fn an_environment_that_names_nobody_is_refused_and_nothing_is_added() {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let before = users(&path);
    // The environment, then the arguments before the command.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case; 4] = [
        (&[], &[]),
        (&[("USER", ""), ("LOGNAME", "")], &[]),
        (&[("USER", "   ")], &[]),
        (&[("USER", "admin")], &["--user", ""]),
    ];
    for (env, extra) in cases {
        let output = bare()
            .envs(env.iter().copied())
            .args(extra)
            .arg("--db")
            .arg(&path)
            .args(["users", "add", "intruder", "--role", "admin"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{env:?} {extra:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--user NAME"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    assert_eq!(users(&path), before);
    // In Italian too.
    let output = bare()
        .env("LANG", "it_IT.UTF-8")
        .arg("--db")
        .arg(&path)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--user NOME"));
}

#[test]
fn the_login_name_is_the_acting_user_when_no_user_is_given() {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let output = bare()
        .env("LOGNAME", "admin")
        .arg("--db")
        .arg(&path)
        .args(["users", "list"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn manual_pages_and_completions_need_nobody() {
    assert!(
        bare()
            .args(["completions", "bash"])
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(bare().arg("man").output().unwrap().status.success());
}

#[test]
fn the_store_refuses_writes_by_unknown_and_removed_users() {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let admin = common::actor();
    store
        .add_user(&admin, "coord.gone", None, Role::Coordinator, &[])
        .unwrap();
    store.remove_user(&admin, "coord.gone").unwrap();
    for login in ["nobody.here", "coord.gone"] {
        let actor = Actor::new(login, Clock::at_noon(common::TODAY));
        let error = store
            .add_user(&actor, "someone", None, Role::Admin, &[])
            .unwrap_err();
        assert!(
            matches!(&error, StoreError::UnknownUser { user, .. } if user == login),
            "{login}: {error:?}"
        );
    }
    assert!(!users(&path).contains(&"someone".to_string()));
}
