//! Never lose a user's data, even to `kill -9`: an import killed while it
//! writes leaves the register as it was (and the same file imports
//! afterwards), and every mark a writer was told was saved is there
//! after the writer is killed at a random moment, each with its audit
//! entry and nothing half-written.

mod command;
mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use registro::context::{Actor, Clock};
use registro::domain::Mark;
use registro::store::attendance::{Attendance, MarkChange, MarkOutcome};
use registro::store::{Access, Store};
use tempfile::tempdir;

const IMPORT_ROWS: usize = 50_000;

/// Enrolment requests for the base modules, one new person each.
fn write_requests(path: &Path) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        file,
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type,status"
    )
    .unwrap();
    for n in 0..IMPORT_ROWS {
        let module = ["M01", "M02", "M03"][n % 3];
        writeln!(
            file,
            "2013-01-{:02},{module},Persona {n},Anna,F,persona.{n}@comune.example.it,Comune di Cremona,Comune,requested",
            n % 28 + 1
        )
        .unwrap();
    }
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
        row.get(0)
    })
    .unwrap()
}

fn wal_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal))
        .map(|m| m.len())
        .unwrap_or(0)
}

fn an_import_killed_while_writing_leaves_the_register_as_it_was() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("r.db");
    command::registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/base/modules.csv");
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "modules"])
        .arg(&base)
        .assert()
        .success();
    let requests = dir.path().join("requests.csv");
    write_requests(&requests);
    let people_before = count(&db, "person");
    let audit_before = count(&db, "audit");

    let mut child = common::registro("coordinatrice")
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments"])
        .arg(&requests)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read as it comes, so that a chatty import never blocks on a full pipe.
    let mut stderr = child.stderr.take().unwrap();
    let said = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    // Killed once its transaction has spilled pages into the log: the
    // moment a torn import would do the most harm.
    let start = Instant::now();
    loop {
        if wal_size(&db) > 256 * 1024 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            let why = said.join().unwrap();
            panic!("the import ended before it could be killed: {why}");
        }
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(said);

    command::registro()
        .arg("--db")
        .arg(&db)
        .arg("check")
        .assert()
        .success();
    assert_eq!(count(&db, "enrolment"), 0);
    assert_eq!(count(&db, "person"), people_before);
    assert_eq!(count(&db, "audit"), audit_before);

    // Nothing is left locked or half-done: the same file goes in whole.
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["import", "enrolments"])
        .arg(&requests)
        .assert()
        .success();
    assert_eq!(count(&db, "enrolment"), IMPORT_ROWS as i64);
}

const PARTICIPANTS: i64 = 3_000;

/// A writer alone on a small register of its own: every mark lands, and
/// each one it said was saved is there. The same `write_marks` the killed
/// writer runs, so the kill test's count means what it says.
fn a_writer_alone_saves_every_mark_it_acknowledges() {
    let dir = tempdir().unwrap();
    let alone = 40;
    let db = common::crowded_register(&dir.path().join("alone.db"), 1, alone as usize);
    let before = count(&db, "attendance");
    assert_eq!(write_marks(&db, alone, &mut std::io::sink()), alone);
    assert_eq!(count(&db, "attendance"), before + alone);
}

/// This file's own harness (`harness = false` in Cargo.toml). Started by
/// the kill test with the register in `REGISTRO_KILLED_DB`, it is the
/// writer to be killed: it marks everyone, one transaction each, and says
/// `SAVED id minutes` only once the store has answered Saved. Otherwise
/// it runs the tests with libtest's options.
fn main() -> std::process::ExitCode {
    if let Ok(path) = std::env::var("REGISTRO_KILLED_DB") {
        write_marks(
            Path::new(&path),
            PARTICIPANTS,
            &mut std::io::stdout().lock(),
        );
        return std::process::ExitCode::SUCCESS;
    }
    let tests = vec![
        common::trial(
            "an_import_killed_while_writing_leaves_the_register_as_it_was",
            an_import_killed_while_writing_leaves_the_register_as_it_was,
        ),
        common::trial(
            "a_writer_alone_saves_every_mark_it_acknowledges",
            a_writer_alone_saves_every_mark_it_acknowledges,
        ),
        common::trial(
            "every_mark_acknowledged_before_a_kill_is_in_the_register",
            every_mark_acknowledged_before_a_kill_is_in_the_register,
        ),
    ];
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), tests).exit_code()
}

/// Marks the first `participants` of session 1, telling `out` each saved one;
/// returns how many were saved.
fn write_marks(path: &Path, participants: i64, out: &mut dyn Write) -> i64 {
    let actor = Actor::new("admin", Clock::at_noon(common::TODAY));
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let mut saved = 0;
    for enrolment in 1..=participants {
        let minutes = 15 * (enrolment % 16 + 1);
        let change = MarkChange {
            enrolment_id: enrolment,
            before: None,
            after: Some(Attendance::hours(minutes, Mark::Late)),
        };
        if let Ok(Ok(MarkOutcome::Saved)) = store.set_mark(&actor, 1, change) {
            saved += 1;
            writeln!(out, "SAVED {enrolment} {minutes}").unwrap();
            out.flush().unwrap();
        }
    }
    saved
}

/// The mark a line of the writer acknowledges, if it is one. The first
/// shares its line with the test harness's "test marking_writer ... ":
/// read from the start of the line only, it went uncounted, and a kill
/// between a commit and its line then left two marks unacknowledged.
fn saved(line: &str) -> Option<(i64, i64)> {
    let (_, rest) = line.split_once("SAVED ")?;
    let mut parts = rest.split(' ').map(|n| n.parse::<i64>().unwrap());
    Some((parts.next().unwrap(), parts.next().unwrap()))
}

fn every_mark_acknowledged_before_a_kill_is_in_the_register() {
    let dir = tempdir().unwrap();
    let db = common::crowded_register(&dir.path().join("marks.db"), 1, PARTICIPANTS as usize);
    let marks_before = count(&db, "attendance");
    let audit_before = count(&db, "audit");
    let me = std::env::current_exe().unwrap();
    let mut child = Command::new(me)
        .env("REGISTRO_KILLED_DB", &db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut acknowledged: Vec<(i64, i64)> = Vec::new();
    // Killed somewhere in the middle of its run, mid-transaction or not.
    while acknowledged.len() < 400 {
        let Some(Ok(line)) = lines.next() else { break };
        acknowledged.extend(saved(&line));
    }
    child.kill().unwrap();
    // What it said before it died still counts.
    for line in lines.map_while(Result::ok) {
        acknowledged.extend(saved(&line));
    }
    child.wait().unwrap();
    assert!(
        acknowledged.len() >= 400 && (acknowledged.len() as i64) < PARTICIPANTS,
        "killed half-way: {} acknowledged",
        acknowledged.len()
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    for (enrolment, minutes) in &acknowledged {
        let stored: i64 = conn
            .query_row(
                "SELECT minutes FROM attendance WHERE session_id = 1 AND enrolment_id = ?1",
                [enrolment],
                |row| row.get(0),
            )
            .unwrap_or_else(|e| panic!("mark of {enrolment} acknowledged but lost: {e}"));
        assert_eq!(stored, *minutes);
    }
    // At most one mark was in flight: saved but not yet acknowledged.
    let marks = count(&db, "attendance") - marks_before;
    let acknowledged_count = acknowledged.len() as i64;
    assert!(
        marks == acknowledged_count || marks == acknowledged_count + 1,
        "{marks} marks for {acknowledged_count} acknowledged"
    );
    // Every mark has its audit entry, and no entry is without its mark.
    assert_eq!(count(&db, "audit") - audit_before, marks);
}
