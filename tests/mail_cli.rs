//! The mail commands that need no mail server (issue 25): imported
//! decisions queue messages only with `--notify`; a password file others
//! can read is refused before anything is sent; a plain connection to a
//! server elsewhere is refused.

mod common;
mod mail_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use mail_support::{carla, mail_register, triage};
use registro::mail::MessageStatus;
use registro::store::{Access, Store};
use tempfile::tempdir;

fn registro(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(cargo_bin("registro"));
    command
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env("LANG", "it_IT.UTF-8")
        .env_remove("REGISTRO_DB")
        .env_remove("REGISTRO_MAIL_PASSWORD")
        .env("REGISTRO_TODAY", "2026-11-26")
        .arg("--db")
        .arg(db)
        .args(["--user", "carla"])
        .args(args)
        .stdin(Stdio::null());
    command
}

const FILE: &str = "data_domanda;modulo;cognome;nome;sesso;email;ente;tipo_ente;stato;motivo
01/10/2026;M05;Orlandi;Bice;F;bice.orlandi@example.org;Comune di Crema;Comune;accettata;
02/10/2026;M05;Pagani;Elio;M;elio.pagani@example.org;Comune di Crema;Comune;respinta;requisiti mancanti
03/10/2026;M05;Quaranta;Ada;F;ada.quaranta@example.org;ASL;ASL;ricevuta;
";

fn pending(db: &Path) -> usize {
    let store = Store::open(db, Access::ReadOnly).unwrap();
    store
        .outbox_list(&carla(), &[MessageStatus::Pending])
        .unwrap()
        .len()
}

#[test]
fn imported_decisions_queue_messages_only_with_notify() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let file = folder.path().join("domande.csv");
    std::fs::write(&file, FILE).unwrap();
    let plain = registro(&db, &["import", "enrolments"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    assert_eq!(pending(&db), 0);

    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let output = registro(&db, &["import", "enrolments", "--notify"])
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        out.contains("2 messaggi messi nella posta in uscita"),
        "{out}"
    );
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let list = store.outbox_list(&carla(), &[]).unwrap();
    let kinds: Vec<_> = list
        .iter()
        .map(|m| (m.surname.as_str(), m.kind.as_str(), m.reason.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Pagani", "rejected", Some("requisiti mancanti")),
            ("Orlandi", "accepted", None)
        ]
    );
}

fn settings(folder: &Path, extra: &str) -> std::path::PathBuf {
    let path = folder.join("mail.toml");
    std::fs::write(
        &path,
        format!("[mail]\nhost = \"smtp.example.org\"\nport = 587\nsecurity = \"starttls\"\nuser = \"corsi\"\nfrom = \"corsi@example.org\"\n{extra}"),
    )
    .unwrap();
    path
}

#[test]
fn a_password_file_others_can_read_is_refused_and_nothing_is_touched() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    let secret = folder.path().join("password");
    std::fs::write(&secret, "segreta\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let config = settings(
        folder.path(),
        &format!("password_file = \"{}\"\n", secret.display()),
    );
    let output = registro(&db, &["--config"])
        .arg(&config)
        .args(["mail", "send"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("è leggibile da altri (permessi 644)"), "{err}");
    assert_eq!(pending(&db), 15);
    // No letters either: nothing happens until the settings are right.
    assert!(!folder.path().join("letters").exists());
}

#[test]
fn a_login_without_a_password_and_a_plain_connection_elsewhere_are_refused() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    let config = settings(folder.path(), "");
    let output = registro(&db, &["--config"])
        .arg(&config)
        .args(["mail", "send"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("manca la password"), "{err}");
    std::fs::write(
        &config,
        "[mail]\nhost = \"smtp.example.org\"\nsecurity = \"none\"\nfrom = \"corsi@example.org\"\n",
    )
    .unwrap();
    let output = registro(&db, &["--config"])
        .arg(&config)
        .args(["mail", "send"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("in chiaro: rifiutato per smtp.example.org"),
        "{err}"
    );
    assert_eq!(pending(&db), 15);
}

#[test]
fn with_the_mail_server_down_nothing_is_lost_all_fail_with_the_reason() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    // A port nothing listens on: taken, then let go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = folder.path().join("mail.toml");
    std::fs::write(
        &config,
        format!(
            "[mail]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\nfrom = \"corsi@example.org\"\n"
        ),
    )
    .unwrap();
    let output = registro(&db, &["--config"])
        .arg(&config)
        .args(["mail", "send"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("14 messaggi non inviati"), "{err}");
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let failed = store
        .outbox_list(&carla(), &[MessageStatus::Failed])
        .unwrap();
    assert_eq!(failed.len(), 14);
    for message in &failed {
        let answer = message.last_error.as_deref().unwrap_or_default();
        assert!(
            answer.to_lowercase().contains("connection refused"),
            "{answer}"
        );
        assert_eq!(message.attempts, 1);
    }
    // The one without an address went on paper all the same.
    assert_eq!(
        store
            .outbox_list(&carla(), &[MessageStatus::Printed])
            .unwrap()
            .len(),
        1
    );
}

/// A withdrawal is the person's own act: imported with --notify, it
/// queues nothing, while the acceptance beside it does.
#[test]
fn an_imported_withdrawal_tells_nobody_even_with_notify() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let file = folder.path().join("ritiri.csv");
    std::fs::write(
        &file,
        "data_domanda;modulo;cognome;nome;sesso;email;ente;tipo_ente;stato;motivo
01/10/2026;M05;Orlandi;Bice;F;bice.orlandi@example.org;Comune di Crema;Comune;ritirata;trasferita
02/10/2026;M05;Pagani;Elio;M;elio.pagani@example.org;Comune di Crema;Comune;accettata;
",
    )
    .unwrap();
    let output = registro(&db, &["import", "enrolments", "--notify"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let list = store.outbox_list(&carla(), &[]).unwrap();
    let who: Vec<_> = list
        .iter()
        .map(|m| (m.surname.as_str(), m.kind.as_str()))
        .collect();
    assert_eq!(who, vec![("Pagani", "accepted")]);
}
