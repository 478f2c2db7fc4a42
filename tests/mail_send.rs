//! `registro mail send` against a real SMTP server on the loopback
//! interface (Python's aiosmtpd, installed by .ci/run): what arrives is
//! read as a mail client reads it. Without aiosmtpd a plain `cargo test`
//! says SKIPPED aloud; where CI is set, the tests fail instead.

mod common;
mod mail_support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use mail_support::{NO_EMAIL, carla, email_of, mail_register, request, triage};
use registro::mail::MessageStatus;
use registro::store::outbox::CertificateMail;
use registro::store::{Access, Store};
use serde_json::Value;
use tempfile::{TempDir, tempdir};

/// The tests' day at noon, and later ones for the runs that follow.
const NOON: &str = "2026-11-26T12:00:00Z";
const AN_HOUR_LATER: &str = "2026-11-26T13:00:00Z";
const NEXT_DAY: &str = "2026-11-27T12:00:00Z";

/// Whether aiosmtpd can be used; says why not, loudly, or fails in CI.
fn smtp_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return true;
    }
    let why =
        "python3 with aiosmtpd is needed for the SMTP tests (pip install aiosmtpd; .ci/run does)";
    if std::env::var_os("CI").is_some() {
        panic!("{why}");
    }
    eprintln!("\n*** SKIPPED: {why} ***\n");
    false
}

/// The loopback SMTP server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    spool: TempDir,
}

impl Server {
    fn start() -> Server {
        let spool = tempdir().unwrap();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail_support/smtp_server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(spool.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        Server { child, port, spool }
    }

    fn set_mode(&self, mode: &str) {
        std::fs::write(self.spool.path().join("mode"), mode).unwrap();
    }

    /// Every message received, in order of arrival.
    fn received(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.spool.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    fn settings(&self, folder: &Path) -> PathBuf {
        let path = folder.join("mail.toml");
        std::fs::write(
            &path,
            format!(
                "[mail]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n\
                 from = \"Segreteria corsi <corsi@example.org>\"\nletters_dir = \"{}\"\n",
                self.port,
                folder.join("lettere").display()
            ),
        )
        .unwrap();
        path
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn registro(db: &Path, config: &Path, now: &str, args: &[&str]) -> Command {
    let mut command = Command::new(cargo_bin("registro"));
    command
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env("LANG", "en_US.UTF-8")
        .env_remove("REGISTRO_DB")
        .env_remove("REGISTRO_MAIL_PASSWORD")
        .env("REGISTRO_NOW", now)
        .arg("--db")
        .arg(db)
        .args(["--user", "carla", "--config"])
        .arg(config)
        .args(args)
        .stdin(Stdio::null());
    command
}

fn send(db: &Path, config: &Path, now: &str) -> (bool, String, String) {
    let output = registro(db, config, now, &["mail", "send"])
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn statuses(db: &Path) -> Vec<(String, MessageStatus)> {
    let store = Store::open(db, Access::ReadOnly).unwrap();
    store
        .outbox_list(&carla(), &[])
        .unwrap()
        .into_iter()
        .map(|m| (m.surname, m.status))
        .collect()
}

fn with(db: &Path, status: MessageStatus) -> usize {
    statuses(db).iter().filter(|(_, s)| *s == status).count()
}

#[test]
fn messages_arrive_with_recipients_encoded_subjects_accents_and_attachments_once() {
    if !smtp_available() {
        return;
    }
    let server = Server::start();
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    // A certificate, with its PDF, for the first participant.
    {
        let store = Store::open(&db, Access::ReadWrite).unwrap();
        let enrolment = request(&store, "Ferrè");
        store
            .queue_certificates(
                &carla(),
                &[CertificateMail {
                    enrolment_id: enrolment,
                    file_name: "attestato-Ferrè.pdf".into(),
                    pdf: b"%PDF-1.4\n% attestato di prova\n%%EOF\n".to_vec(),
                }],
            )
            .unwrap();
        // Bianchi's acceptance, worded anew by the coordinator.
        let hers = store
            .outbox_list(&carla(), &[])
            .unwrap()
            .into_iter()
            .find(|m| m.surname == "Bianchi")
            .unwrap();
        store
            .outbox_edit(&carla(), hers.id, "Sì, è fatta: benvenuta al corso «Diritti»", "Cara Anna,\nè tutto pronto: ci vediamo lunedì 11/01 alle 9:30.\nUn caro saluto, Nicolò")
            .unwrap();
    }
    let config = server.settings(folder.path());

    let (ok, out, err) = send(&db, &config, NOON);
    assert!(ok, "{out}{err}");
    let received = server.received();
    // Fifteen people, one of them without an address (on paper), and a
    // certificate: fifteen e-mails.
    assert_eq!(received.len(), 15, "{out}{err}");
    let first = received
        .iter()
        .find(|m| {
            m["rcpt_tos"][0] == "ferre@example.org"
                && m["attachments"].as_array().unwrap().is_empty()
        })
        .expect("Ferrè's acceptance");
    assert_eq!(first["mail_from"], "corsi@example.org");
    assert_eq!(first["to"], "Nicolò Ferrè <ferre@example.org>");
    assert_eq!(
        first["subject"],
        "Iscrizione accettata: Diritti e cittadinanza: l'accoglienza"
    );
    // An accented subject travels RFC 2047-encoded, intact once read;
    // the coordinator's own words go out as written.
    let edited = received
        .iter()
        .find(|m| m["rcpt_tos"][0] == "bianchi@example.org")
        .unwrap();
    assert_eq!(
        edited["subject"],
        "Sì, è fatta: benvenuta al corso «Diritti»"
    );
    let raw = edited["raw_subject"].as_str().unwrap();
    assert!(raw.to_lowercase().starts_with("=?utf-8?"), "{raw}");
    assert_eq!(
        // Line ends as the wire has them (CRLF), read back as a client does.
        edited["body"]
            .as_str()
            .unwrap()
            .replace("\r\n", "\n")
            .trim_end(),
        "Cara Anna,\nè tutto pronto: ci vediamo lunedì 11/01 alle 9:30.\nUn caro saluto, Nicolò"
    );
    let body = first["body"].as_str().unwrap();
    assert!(body.contains("Gentile Nicolò Ferrè,"), "{body}");
    assert!(body.contains("è stata accettata"), "{body}");
    assert!(
        body.contains("a Crema, Sala Pietà, dal 11/01/2027 – 25/01/2027"),
        "{body}"
    );
    // Each Message-ID is the one the register recorded before sending.
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    for message in store.outbox_list(&carla(), &[MessageStatus::Sent]).unwrap() {
        let id = message.message_id.clone().unwrap();
        assert_eq!(
            received
                .iter()
                .filter(|m| m["message_id"] == id.as_str())
                .count(),
            1,
            "{id}"
        );
        assert_eq!(
            message.recipient.as_deref(),
            Some(email_of(&message.surname).as_str())
        );
    }
    let certificate = received
        .iter()
        .find(|m| !m["attachments"].as_array().unwrap().is_empty())
        .expect("the certificate");
    assert_eq!(
        certificate["subject"],
        "Attestato di partecipazione: Diritti e cittadinanza: l'accoglienza"
    );
    let attachment = &certificate["attachments"][0];
    assert_eq!(attachment["filename"], "attestato-Ferrè.pdf");
    assert_eq!(attachment["content_type"], "application/pdf");
    assert_eq!(
        attachment["content"],
        "%PDF-1.4\n% attestato di prova\n%%EOF\n"
    );
    // The letter to the person without an address is in a batch to print.
    let letters: Vec<_> = std::fs::read_dir(folder.path().join("lettere"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert!(letters[0].extension().is_some_and(|e| e == "pdf"));
    let text = Command::new("pdftotext")
        .arg(&letters[0])
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let letter = String::from_utf8_lossy(&text.stdout);
    assert!(letter.contains("Lia Zanetti"), "{letter}");
    assert!(
        letter.contains("Oggetto: Lista d'attesa: Diritti"),
        "{letter}"
    );
    assert_eq!(
        statuses(&db).iter().find(|(s, _)| s == NO_EMAIL).unwrap().1,
        MessageStatus::Printed
    );
    // Sent and printed, each in the audit log.
    let audit: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'outbox' AND action IN ('send', 'print')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(audit, 16);

    // Again: nothing is sent twice.
    let (ok, out, err) = send(&db, &config, AN_HOUR_LATER);
    assert!(ok, "{out}{err}");
    assert_eq!(server.received().len(), 15);
    assert!(out.contains("0 sent, 0 failed"), "{out}");
}

#[test]
fn a_server_that_refuses_or_drops_loses_nothing_and_once_back_gets_each_message_once() {
    if !smtp_available() {
        return;
    }
    for mode in ["refuse", "drop"] {
        let server = Server::start();
        let folder = tempdir().unwrap();
        let db = mail_register(folder.path());
        triage(&db);
        let config = server.settings(folder.path());
        server.set_mode(mode);
        let (ok, out, err) = send(&db, &config, NOON);
        assert!(!ok, "{mode}: {out}{err}");
        assert_eq!(server.received().len(), 0, "{mode}");
        assert_eq!(with(&db, MessageStatus::Failed), 14, "{mode}: {out}{err}");
        let store = Store::open(&db, Access::ReadOnly).unwrap();
        let failed = store
            .outbox_list(&carla(), &[MessageStatus::Failed])
            .unwrap();
        let answer = failed[0].last_error.clone().unwrap();
        if mode == "refuse" {
            assert!(
                answer.contains("554") && answer.contains("politica del server"),
                "{answer}"
            );
        }
        assert!(err.contains(&answer), "{mode}: {err}");
        // Tried again only after a wait.
        assert_eq!(
            failed[0].next_attempt_at.as_deref(),
            Some("2026-11-26T12:05:00Z")
        );
        drop(store);
        let (_, out, _) = send(&db, &config, NOON);
        assert!(out.contains("0 sent, 0 failed"), "{mode}: {out}");

        server.set_mode("accept");
        let (ok, out, err) = send(&db, &config, AN_HOUR_LATER);
        assert!(ok, "{mode}: {out}{err}");
        assert_eq!(server.received().len(), 14, "{mode}");
        assert_eq!(with(&db, MessageStatus::Sent), 14, "{mode}");
        let (ok, _, _) = send(&db, &config, NEXT_DAY);
        assert!(ok);
        assert_eq!(server.received().len(), 14, "{mode}: sent once");
    }
}

#[test]
fn killed_while_sending_sends_one_message_twice_at_most() {
    if !smtp_available() {
        return;
    }
    let server = Server::start();
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    let config = server.settings(folder.path());
    // The server takes the third message and never answers: registro is
    // killed between the server's acceptance and its own commit.
    server.set_mode("accept");
    let mut child = registro(&db, &config, NOON, &["mail", "send"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.received().len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no message arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.set_mode("hang");
    while server.received().len() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the third never arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    server.set_mode("accept");
    // The claim keeps another run off for ten minutes; after that, the
    // message in doubt goes again with the same Message-ID.
    let (ok, out, err) = send(&db, &config, AN_HOUR_LATER);
    assert!(ok, "{out}{err}");
    let received = server.received();
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let total = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), 14, "every message arrived");
    assert!(total - ids.len() <= 1, "{} duplicates", total - ids.len());
    assert_eq!(with(&db, MessageStatus::Sent), 14);
}

#[test]
fn dry_run_sends_nothing_and_list_shows_the_outbox() {
    if !smtp_available() {
        return;
    }
    let server = Server::start();
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    triage(&db);
    let config = server.settings(folder.path());
    let output = registro(&db, &config, NOON, &["mail", "send", "--dry-run"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("14 e-mails to send, 1 letters to print"),
        "{out}"
    );
    assert!(out.contains("ferre@example.org"), "{out}");
    assert_eq!(server.received().len(), 0);
    assert_eq!(with(&db, MessageStatus::Pending), 15);
    let output = registro(&db, &config, NOON, &["mail", "list", "--status", "pending"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(out.lines().count(), 15, "{out}");
    assert!(out.contains("letter"), "{out}");
    // A tutor is refused at the door.
    let output = registro(&db, &config, NOON, &["mail", "list"])
        .args(["--user", "tina"])
        .output()
        .unwrap();
    assert!(!output.status.success());
}

/// The bytes of an attachment as the server kept them (decoded from
/// base64, written out as Latin-1 text: one character a byte).
fn attachment_bytes(attachment: &Value) -> Vec<u8> {
    attachment["content"]
        .as_str()
        .unwrap()
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

/// Certificates printed, then `mail send`: each person with an address
/// receives one message with their own certificate attached as a PDF,
/// which pdftotext reads with their name; the person without an address
/// is sent nothing (her certificate is handed out on paper); a reprint
/// and a second run send nothing more.
#[test]
fn printed_certificates_arrive_attached_once_each() {
    if !smtp_available() {
        return;
    }
    let server = Server::start();
    let folder = tempdir().unwrap();
    let db = mail_support::certificate_register(folder.path());
    let config = server.settings(folder.path());
    let print = |name: &str| {
        let output = registro(
            &db,
            &config,
            NOON,
            &[
                "export",
                "certificates",
                "--format",
                "pdf",
                "--module",
                "M06",
                "-o",
            ],
        )
        .arg(folder.path().join(name))
        .output()
        .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let out = print("attestati.pdf");
    assert!(out.contains("2 certificates queued in the outbox"), "{out}");
    let (ok, out, err) = send(&db, &config, NOON);
    assert!(ok, "{out}{err}");
    let received = server.received();
    assert_eq!(received.len(), 2, "{received:#?}");
    for (address, subject, file, name) in [
        (
            "ferre@example.org",
            "Attestato di partecipazione: Lingua e società: l'italiano per il lavoro",
            "attestato-2026-",
            "Nicolò Ferrè",
        ),
        (
            "bianchi@example.org",
            "Certificate of attendance: Lingua e società: l'italiano per il lavoro",
            "certificate-2026-",
            "Anna Bianchi",
        ),
    ] {
        let message = received
            .iter()
            .find(|m| m["rcpt_tos"][0] == address)
            .unwrap_or_else(|| panic!("{address}: {received:#?}"));
        assert_eq!(message["subject"], subject);
        let attachments = message["attachments"].as_array().unwrap();
        assert_eq!(attachments.len(), 1);
        let attachment = &attachments[0];
        assert_eq!(attachment["content_type"], "application/pdf");
        let filename = attachment["filename"].as_str().unwrap();
        assert!(filename.starts_with(file), "{filename}");
        let pdf = attachment_bytes(attachment);
        assert!(pdf.starts_with(b"%PDF-"));
        let pdf_file = folder.path().join("ricevuto.pdf");
        std::fs::write(&pdf_file, &pdf).unwrap();
        let text = Command::new("pdftotext")
            .arg(&pdf_file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(name), "{text}");
    }
    // A reprint queues nothing; a second run sends nothing.
    print("ristampa.pdf");
    let (ok, out, err) = send(&db, &config, AN_HOUR_LATER);
    assert!(ok, "{out}{err}");
    assert_eq!(server.received().len(), 2);
}
