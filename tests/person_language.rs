//! The language of a person's letters (issue 25): Italian by default,
//! English when the register says so; set on the person's form, with
//! `registro person language`, or by the `lingua` column of an import;
//! each message is worded in it, and `person export` says it.

mod common;
mod mail_support;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::cargo_bin;
use common::{press, press_key, render};
use mail_support::{carla, decide, mail_register};
use registro::config::Config;
use registro::domain::Status;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::mail::template::word;
use registro::mail::{MessageKind, PersonLanguage};
use registro::store::{Access, Store};
use tempfile::tempdir;

fn registro(db: &Path, lang: &str, user: &str, args: &[&str]) -> Output {
    Command::new(cargo_bin("registro"))
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("REGISTRO_DB")
        .env("REGISTRO_TODAY", "2026-11-26")
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn language_of(db: &Path, person: i64) -> PersonLanguage {
    let store = Store::open(db, Access::ReadOnly).unwrap();
    store.person_language(&carla(), person).unwrap().0
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_command_line_says_and_changes_a_persons_language_in_either_language() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    // Anna Bianchi is person 2.
    let said = registro(&db, "it_IT.UTF-8", "carla", &["person", "language", "2"]);
    assert!(said.status.success(), "{}", text(&said.stderr));
    assert_eq!(text(&said.stdout), "Bianchi Anna: lettere in italiano\n");
    // The language's name in either language, as an office types it.
    let set = registro(
        &db,
        "it_IT.UTF-8",
        "carla",
        &["person", "language", "2", "inglese"],
    );
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert_eq!(
        text(&set.stdout),
        "Bianchi Anna: d'ora in poi lettere in inglese\n"
    );
    assert_eq!(language_of(&db, 2), PersonLanguage::En);
    let said = registro(&db, "en_GB.UTF-8", "carla", &["person", "language", "2"]);
    assert_eq!(text(&said.stdout), "Bianchi Anna: letters in English\n");
    let back = registro(
        &db,
        "en_GB.UTF-8",
        "carla",
        &["person", "language", "2", "it"],
    );
    assert!(back.status.success(), "{}", text(&back.stderr));
    assert_eq!(language_of(&db, 2), PersonLanguage::It);
    // In the audit log, both changes.
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let data = store.person_data(2).unwrap();
    let changes = data["audit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "language")
        .count();
    assert_eq!(changes, 2, "{data:#}");
}

#[test]
fn the_command_line_refuses_a_tutor_an_unknown_person_and_an_unknown_language() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let tutor = registro(
        &db,
        "en_GB.UTF-8",
        "tina",
        &["person", "language", "2", "en"],
    );
    assert_eq!(tutor.status.code(), Some(1), "{}", text(&tutor.stderr));
    assert_eq!(language_of(&db, 2), PersonLanguage::It);
    let nobody = registro(&db, "en_GB.UTF-8", "carla", &["person", "language", "99"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(
        text(&nobody.stderr).contains("no person with id 99"),
        "{}",
        text(&nobody.stderr)
    );
    let french = registro(
        &db,
        "en_GB.UTF-8",
        "carla",
        &["person", "language", "2", "fr"],
    );
    assert_eq!(french.status.code(), Some(2), "{}", text(&french.stderr));
}

#[test]
fn each_message_is_worded_in_its_persons_language_and_the_export_says_it() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store
        .set_person_language(&carla(), 2, PersonLanguage::En)
        .unwrap();
    decide(&store, &carla(), "Bianchi", Status::Accepted, None);
    decide(&store, &carla(), "Rossi", Status::Accepted, None);
    let settings = Config::defaults().mail;
    let list = store.outbox_list(&carla(), &[]).unwrap();
    let subject = |surname: &str| {
        let message = list.iter().find(|m| m.surname == surname).unwrap();
        assert_eq!(message.kind, MessageKind::Accepted);
        word(message, &settings).subject
    };
    assert_eq!(
        subject("Bianchi"),
        "Enrolment accepted: Diritti e cittadinanza: l'accoglienza"
    );
    assert_eq!(
        subject("Rossi"),
        "Iscrizione accettata: Diritti e cittadinanza: l'accoglienza"
    );
    drop(store);
    let exported = registro(&db, "en_GB.UTF-8", "admin", &["person", "export", "2"]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let data: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(data["person"]["language"], "en", "{data:#}");
}

const FILE: &str = "data_domanda;modulo;cognome;nome;sesso;email;ente;tipo_ente;stato;lingua
01/10/2026;M05;Orlandi;Bice;F;bice.orlandi@example.org;Comune di Crema;Comune;accettata;inglese
02/10/2026;M05;Pagani;Elio;M;elio.pagani@example.org;Comune di Crema;Comune;accettata;
03/10/2026;M05;Quaranta;Ada;F;ada.quaranta@example.org;ASL;ASL;accettata;IT
04/10/2026;M05;Ferrè;Nicolò;F;ferre@example.org;ASL;ASL;accettata;en
";

#[test]
fn an_import_gives_new_people_the_language_of_its_lingua_column() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let file = folder.path().join("domande.csv");
    std::fs::write(&file, FILE).unwrap();
    let output = registro(
        &db,
        "it_IT.UTF-8",
        "carla",
        &["import", "enrolments", "--notify", file.to_str().unwrap()],
    );
    let out = text(&output.stdout);
    assert!(output.status.success(), "{}{out}", text(&output.stderr));
    // Ferrè is known already, in Italian: the file's English is a
    // difference, noted, and changes nothing.
    assert!(out.contains("lingua"), "{out}");
    assert!(out.contains("\"en\""), "{out}");
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let language = |surname: &str| {
        let id: i64 = store
            .person_choices()
            .unwrap()
            .into_iter()
            .find(|(_, name)| name.starts_with(surname))
            .unwrap()
            .0;
        store.person_language(&carla(), id).unwrap().0
    };
    assert_eq!(language("Orlandi"), PersonLanguage::En);
    assert_eq!(language("Pagani"), PersonLanguage::It);
    assert_eq!(language("Quaranta"), PersonLanguage::It);
    assert_eq!(language("Ferrè"), PersonLanguage::It);
    // --notify: Orlandi's acceptance is worded in English.
    let settings = Config::defaults().mail;
    let list = store.outbox_list(&carla(), &[]).unwrap();
    let orlandi = list.iter().find(|m| m.surname == "Orlandi").unwrap();
    assert!(
        word(orlandi, &settings)
            .subject
            .starts_with("Enrolment accepted"),
        "{orlandi:?}"
    );
}

#[test]
fn an_import_refuses_a_language_it_does_not_know_naming_the_line() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let file = folder.path().join("domande.csv");
    std::fs::write(
        &file,
        "data_domanda;modulo;cognome;nome;sesso;email;ente;tipo_ente;lingua
01/10/2026;M05;Orlandi;Bice;F;bice.orlandi@example.org;Comune di Crema;Comune;francese
",
    )
    .unwrap();
    for (lang, expected) in [
        (
            "it_IT.UTF-8",
            "la lingua è it (italiano) o en (inglese), non \"francese\"",
        ),
        (
            "en_GB.UTF-8",
            "the language is it (Italian) or en (English), not \"francese\"",
        ),
    ] {
        let output = registro(
            &db,
            lang,
            "carla",
            &["import", "enrolments", file.to_str().unwrap()],
        );
        let err = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains(expected), "{err}");
    }
}

/// The person's form: the language is its last field, a choice of two;
/// saved with the rest of the person in one change.
#[test]
fn the_person_form_sets_the_language_of_the_letters() {
    let folder = tempdir().unwrap();
    let db = mail_register(folder.path());
    let mut app = common::app_with(&db, Lang::It, |settings| {
        settings.user = "carla".into();
        settings.role = None;
    });
    press(&mut app, "3c");
    press(&mut app, "Orlandi");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Bice");
    press_key(&mut app, Key::Tab);
    press(&mut app, "F");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "bice.orlandi@example.org");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    press(&mut app, "Comune di Crema");
    press_key(&mut app, Key::Tab);
    press(&mut app, "Comune");
    press_key(&mut app, Key::Tab);
    press_key(&mut app, Key::Tab);
    let form = render(&mut app, 80, 24);
    assert!(form.contains("▶ Lingua "), "{form}");
    assert!(form.contains("italiano"), "{form}");
    press_key(&mut app, Key::Right);
    let form = render(&mut app, 80, 24);
    assert!(form.contains("inglese"), "{form}");
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let (id, _) = store
        .person_choices()
        .unwrap()
        .into_iter()
        .find(|(_, name)| name == "Orlandi Bice")
        .expect("saved");
    assert_eq!(
        store.person_language(&carla(), id).unwrap().0,
        PersonLanguage::En
    );
    let (draft, _) = store.person_draft(id).unwrap();
    assert_eq!(draft.language, PersonLanguage::En);
}
