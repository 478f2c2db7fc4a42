//! Properties of the importer: whatever rows a file has, good or bad, it
//! imports whole or leaves the register unchanged in content; a file
//! that imported adds nothing the second time; and reading the
//! register's people whole or asking for them key by key (store::lookup)
//! makes no difference to what a file finds, adds or is told.

use std::path::Path;

use proptest::prelude::*;
use registro::context::{Actor, Clock};
use registro::import::{self, Kind};
use registro::store::lookup::ImportReading;
use registro::store::{Access, DEFAULT_AXES, Store};

fn actor() -> Actor {
    Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 11, 26)))
}

fn corpus(file: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/import")
            .join(file),
    )
    .unwrap()
}

fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut text = String::new();
    for table in [
        "module",
        "session",
        "person",
        "enrolment",
        "enrolment_history",
        "attendance",
        "rating",
        "audit",
    ] {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let width = statement.column_count();
        let rows: Vec<String> = statement
            .query_map([], |row| {
                Ok((0..width)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        text.push_str(&format!("[{table}]\n{}\n", rows.join("\n")));
    }
    text
}

fn run(store: &mut Store, bytes: &[u8]) -> import::Outcome {
    import::import(
        store,
        &actor(),
        Kind::Enrolments,
        "random.csv",
        bytes,
        false,
        &mut |_| {},
    )
    .unwrap()
}

/// A register with the corpus's base modules, sessions and requests,
/// whose imports read its people as `reading` says.
fn base_register(db: &Path, reading: ImportReading) -> Store {
    let mut store = Store::create(db, &actor(), DEFAULT_AXES).unwrap();
    for (kind, file) in [
        (Kind::Modules, "base/modules.csv"),
        (Kind::Sessions, "base/sessions.csv"),
        (Kind::Enrolments, "base/enrolments.csv"),
    ] {
        let outcome = import::import(
            &mut store,
            &actor(),
            kind,
            file,
            &corpus(file),
            false,
            &mut |_| {},
        )
        .unwrap();
        assert!(outcome.errors.is_empty(), "{file}: {:?}", outcome.errors);
    }
    store.read_for_imports(reading);
    store
}

/// The file's outcome and the register after it, read both ways.
fn both_ways(kind: Kind, name: &str, bytes: &[u8]) -> [(import::Outcome, String); 2] {
    let dir = tempfile::tempdir().unwrap();
    [ImportReading::ByKey, ImportReading::Whole].map(|reading| {
        let db = dir.path().join(format!("{reading:?}.db"));
        let mut store = base_register(&db, reading);
        let outcome =
            import::import(&mut store, &actor(), kind, name, bytes, false, &mut |_| {}).unwrap();
        drop(store);
        (outcome, dump(&db))
    })
}

#[test]
fn every_file_of_the_corpus_imports_alike_read_whole_or_by_key() {
    let mut compared = 0;
    for folder in ["good", "bad", "samples"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/import")
            .join(folder);
        for entry in std::fs::read_dir(&path).unwrap() {
            let file = entry.unwrap().path();
            if file.extension().is_none_or(|e| e != "csv") {
                continue;
            }
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let kind = [
                ("modules", Kind::Modules),
                ("sessions", Kind::Sessions),
                ("enrolments", Kind::Enrolments),
                ("attendance", Kind::Attendance),
                ("ratings", Kind::Ratings),
            ]
            .into_iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .map(|(_, kind)| kind)
            .unwrap();
            let [by_key, whole] = both_ways(kind, &name, &std::fs::read(&file).unwrap());
            assert_eq!(by_key.0, whole.0, "{folder}/{name}: outcome");
            assert_eq!(by_key.1, whole.1, "{folder}/{name}: register");
            compared += 1;
        }
    }
    assert!(compared >= 20, "only {compared} files compared");
}

/// One row: good values, and now and then one field spoilt.
fn row() -> impl Strategy<Value = String> {
    let date = prop::sample::select(vec!["2012-12-01", "02/12/2012", "2012-12-03"]);
    let module = prop::sample::select(vec!["M01", "m02", "M03"]);
    let person = prop::sample::select(vec![
        ("Rossi", "Maria", "F", "RSSMRA85T50D150H", ""),
        ("Rossi", "Maria", "F", "", "Maria.Rossi@comune.cremona.it"),
        ("Conti", "Elena", "F", "", "ELENA.conti@example.it"),
        ("Conti", "Elena", "F", "", "elena.conti@example.it"),
        ("Bianchi", "Luca", "M", "BNCLCU70A01D150D", ""),
        ("Neri", "Paolo", "M", "NREPLA62C28A79QK", ""),
        ("Sala", "Piero", "X", "SLAPRI80A01D150G", "piero@example.it"),
    ]);
    let status = prop::sample::select(vec![
        ("", ""),
        ("accettata", ""),
        ("respinta", "posti esauriti"),
        ("ritirata", "motivi personali"),
        ("in attesa", ""),
    ]);
    // Which field to spoil, if any.
    let spoil = prop::option::weighted(0.2, 0..8usize);
    (date, module, person, status, spoil).prop_map(
        |(date, module, (surname, given, gender, code, email), (status, reason), spoil)| {
            let mut fields = vec![
                date,
                module,
                surname,
                given,
                gender,
                code,
                email,
                "\"Ente; con separatore\"",
                "Comune",
                status,
                reason,
            ];
            match spoil {
                Some(0) => fields[0] = "32/12/2012",
                Some(1) => fields[1] = "M09",
                Some(2) => fields[2] = "",
                Some(3) => fields[4] = "Q",
                Some(4) => fields[5] = "RSSMRA85T50D150A",
                Some(5) => fields[6] = "piero@example",
                Some(6) => (fields[9], fields[10]) = ("respinta", ""),
                Some(_) => fields[9] = "boh",
                None => {}
            }
            let mut line = fields.join(";");
            line.push_str("\r\n");
            line
        },
    )
}

/// The rows as an office would send them: Italian headers, semicolons,
/// Windows-1252.
fn file_of(rows: &[String]) -> Vec<u8> {
    let mut file = String::from(
        "data_domanda;modulo;cognome;nome;sesso;codice_fiscale;email;ente;tipo_ente;stato;motivo\r\n",
    );
    for row in rows {
        file.push_str(row);
    }
    encoding_rs::WINDOWS_1252.encode(&file).0.into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_file_finds_the_same_people_read_whole_or_by_key(rows in prop::collection::vec(row(), 1..8)) {
        let [by_key, whole] = both_ways(Kind::Enrolments, "random.csv", &file_of(&rows));
        prop_assert_eq!(by_key.0, whole.0);
        prop_assert_eq!(by_key.1, whole.1);
    }

    #[test]
    fn a_file_imports_whole_or_not_at_all(rows in prop::collection::vec(row(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        let mut store = base_register(&db, ImportReading::BySize);
        let bytes = file_of(&rows);
        let before = dump(&db);
        let outcome = run(&mut store, &bytes);
        let after = dump(&db);
        if std::env::var_os("REGISTRO_PROP_TRACE").is_some() {
            eprintln!("whole: {}", outcome.errors.is_empty());
        }
        if outcome.errors.is_empty() {
            prop_assert_eq!(outcome.added.enrolments + outcome.skipped, rows.len());
            prop_assert_eq!(outcome.written, outcome.added.total() > 0);
            let again = run(&mut store, &bytes);
            prop_assert!(again.errors.is_empty());
            prop_assert_eq!(again.added.total(), 0);
            prop_assert_eq!(again.skipped, rows.len());
            prop_assert_eq!(dump(&db), after);
        } else {
            prop_assert!(!outcome.written);
            prop_assert_eq!(after, before);
        }
        drop(store);
        // Reopens as a register: nothing left half-written.
        prop_assert!(Store::open(&db, Access::ReadWrite).is_ok());
    }
}
