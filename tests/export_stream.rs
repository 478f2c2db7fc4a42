//! Exports written as they are read (`export::stream`) say exactly what
//! the whole sheet says, for every kind, text format and module; and an
//! export read by a reader that stops early (`| head`) ends quietly; a
//! list too long for a spreadsheet is known without reading it all.

mod command;
mod common;

use std::io::Read;
use std::process::Stdio;

use registro::export::{self, Dialect, Kind, Style, Text};
use registro::store::{Access, Store};

#[test]
fn streamed_exports_are_the_sheets_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_register(dir.path());
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let modules: Vec<i64> = rusqlite::Connection::open(&db)
        .unwrap()
        .prepare("SELECT id FROM module ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(modules.len() >= 12);
    let mut compared = 0;
    for kind in [
        Kind::Enrolments,
        Kind::Participants,
        Kind::Attendance,
        Kind::Register,
    ] {
        let scopes = std::iter::once(None)
            .filter(|_| kind != Kind::Register)
            .chain(modules.iter().copied().map(Some));
        for module in scopes {
            let sheet = export::sheet(
                &store,
                &store.reach("admin").unwrap(),
                kind,
                module,
                common::TODAY,
            )
            .unwrap();
            let styles = [
                Style::default(),
                Style {
                    dialect: Dialect::ExcelIt,
                    programme: Some("Programma".into()),
                },
            ];
            for (text, style) in [Text::Csv, Text::Json]
                .into_iter()
                .flat_map(|text| styles.iter().map(move |style| (text, style)))
            {
                let whole = match text {
                    Text::Csv => export::to_csv(&sheet, style).unwrap(),
                    Text::Json => export::to_json(&sheet, style).unwrap(),
                };
                let (streamed, rows) = export::stream(
                    &store,
                    &store.reach("admin").unwrap(),
                    kind,
                    module,
                    common::TODAY,
                    text,
                    style,
                    Vec::new(),
                )
                .unwrap();
                assert_eq!(rows, sheet.rows.len(), "{kind:?} {module:?} {text:?}");
                assert!(
                    streamed == whole,
                    "{kind:?} {module:?} {text:?}:\n{}\n---\n{}",
                    String::from_utf8_lossy(&streamed),
                    String::from_utf8_lossy(&whole)
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 90, "{compared}");
}

#[test]
fn a_reader_that_stops_early_ends_the_export_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // 20 sessions of 2,000 participants: 40,000 rows, megabytes of CSV.
    let db = common::crowded_register(&dir.path().join("crowded.db"), 20, 2000);
    let export = |stdout: Stdio| {
        common::registro("admin")
            .arg("--db")
            .arg(&db)
            .args(["--user", "admin", "export", "attendance"])
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // What the export would write, whole: far more than a pipe holds
    // (64 KiB), so that closing it is felt while the export writes.
    let whole = export(Stdio::piped()).wait_with_output().unwrap().stdout;
    assert!(whole.len() > 16 * 64 * 1024, "{} bytes", whole.len());
    let mut child = export(Stdio::piped());
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, long before the export is out.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with(b"surname,given_name"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_list_longer_than_a_limit_is_told_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_register(dir.path());
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    for kind in [Kind::Enrolments, Kind::Participants, Kind::Attendance] {
        let rows = export::sheet(
            &store,
            &store.reach("admin").unwrap(),
            kind,
            None,
            common::TODAY,
        )
        .unwrap()
        .rows
        .len();
        assert!(rows > 100, "{kind:?}: {rows}");
        assert!(
            export::more_rows_than(
                &store,
                &store.reach("admin").unwrap(),
                kind,
                None,
                common::TODAY,
                rows - 1
            )
            .unwrap()
        );
        assert!(
            !export::more_rows_than(
                &store,
                &store.reach("admin").unwrap(),
                kind,
                None,
                common::TODAY,
                rows
            )
            .unwrap()
        );
    }
}

/// An export to a file that exists takes its place once whole, private
/// to its owner, with nothing left beside it; the same for a whole
/// workbook.
#[test]
fn an_export_replaces_the_file_once_whole() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_register(dir.path());
    for (format, name) in [("csv", "list.csv"), ("xlsx", "list.xlsx")] {
        let file = dir.path().join(name);
        std::fs::write(&file, "an earlier export").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        command::registro()
            .arg("--db")
            .arg(&db)
            .args([
                "--user",
                "admin",
                "export",
                "participants",
                "--format",
                format,
                "-o",
            ])
            .arg(&file)
            .assert()
            .success();
        let bytes = std::fs::read(&file).unwrap();
        assert_ne!(bytes, b"an earlier export");
        assert!(bytes.len() > 1000);
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name}");
        let beside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect();
        assert!(beside.is_empty(), "{beside:?}");
    }
}
