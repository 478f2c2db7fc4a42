//! `registro export sessions` and `registro export modules`, run as a
//! process: the timetable in CSV, JSON and XLSX through the writers every
//! export shares, and as iCalendar read back by a real parser (python3's
//! `icalendar`, which .ci/run installs): valid, with UIDs that stay the
//! same from one export to the next, a moved session keeping its UID,
//! a cancelled one `STATUS:CANCELLED`; a tutor gets their own modules.

mod command;
use command::registro;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use registro::context::{Actor, Clock};
use registro::domain::Role;
use registro::store::{Access, Store};
use tempfile::TempDir;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/samples")
}

/// A register with the sample modules and sessions, and a tutor, paolo,
/// of BG07.
fn timetable_register() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    for kind in ["modules", "sessions"] {
        registro()
            .arg("--db")
            .arg(&db)
            .args(["import", kind])
            .arg(samples().join(format!("{kind}.csv")))
            .assert()
            .success();
    }
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store
        .add_user(
            &admin(),
            "paolo",
            Some("Paolo Verdi"),
            Role::Tutor,
            &["BG07".to_string()],
        )
        .unwrap();
    (dir, db)
}

fn admin() -> Actor {
    Actor::new(
        "coordinatrice",
        Clock::at_noon(jiff::civil::date(2026, 11, 26)),
    )
}

fn export_as(db: &Path, user: &str, args: &[&str]) -> std::process::Output {
    registro()
        .env("USER", user)
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

fn ok(output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// One event as the parser read it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
struct Event {
    uid: String,
    start: String,
    end: String,
    zone: String,
    status: String,
    sequence: i64,
    summary: String,
}

/// Reads an iCalendar file with python3's `icalendar`, strictly: a
/// content line it cannot read is an error. `None` where the parser is
/// not installed (outside CI only: CI installs it, and fails without).
fn parsed(ics: &str) -> Option<Vec<Event>> {
    const READ: &str = r#"
import json, sys
import icalendar
data = sys.stdin.buffer.read()
for line in data.split(b"\r\n"):
    assert len(line) <= 75, ("line longer than 75 octets", line)
calendar = icalendar.Calendar.from_ical(data)
assert calendar.errors == [], calendar.errors
assert str(calendar["VERSION"]) == "2.0"
assert "PRODID" in calendar
zones = [z for z in calendar.walk("VTIMEZONE")]
assert [str(z["TZID"]) for z in zones] == ["Europe/Rome"], zones
events = []
for event in calendar.walk("VEVENT"):
    assert event.errors == [], event.errors
    for needed in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
        assert needed in event, needed
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Rome"
    assert event["DTEND"].dt > start.dt
    events.append({
        "uid": str(event["UID"]),
        "start": start.dt.isoformat(),
        "end": event["DTEND"].dt.isoformat(),
        "zone": str(start.dt.tzinfo),
        "status": str(event["STATUS"]),
        "sequence": int(event["SEQUENCE"]),
        "summary": str(event["SUMMARY"]),
    })
print(json.dumps(events))
"#;
    let available = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with icalendar is needed in CI (.ci/run installs it)"
        );
        eprintln!("SKIPPED: python3 with icalendar is not installed, the iCalendar is not parsed");
        return None;
    }
    let mut child = std::process::Command::new("python3")
        .args(["-c", READ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the parser refused it: {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

fn session_id(db: &Path, module: &str, date: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT s.id FROM session s JOIN module m ON m.id = s.module_id
             WHERE m.code = ?1 AND s.date = ?2",
            [module, date],
            |row| row.get(0),
        )
        .unwrap()
}

#[test]
fn the_calendar_is_valid_and_its_uids_stay_across_exports_moves_and_cancellations() {
    let (_dir, db) = timetable_register();
    let first = ok(export_as(
        &db,
        "coordinatrice",
        &["sessions", "--format", "ics"],
    ));
    assert!(first.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n"));
    assert!(first.contains("DTSTAMP:20261126T110000Z\r\n"), "{first}");
    let again = ok(export_as(
        &db,
        "coordinatrice",
        &["sessions", "--format", "ics"],
    ));
    assert_eq!(first, again, "the same register, the same file");

    // A session moves to another day and hour, another is cancelled.
    let moved = session_id(&db, "BG07", "2013-01-21");
    let cancelled = session_id(&db, "BG07", "2013-01-23");
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    let (mut draft, version) = store.session_draft(moved).unwrap();
    draft.date = jiff::civil::date(2013, 1, 22);
    draft.start_minute = 14 * 60;
    draft.end_minute = 18 * 60;
    store
        .update_session(&admin(), moved, version, &draft)
        .unwrap()
        .unwrap();
    store.set_cancelled(&admin(), cancelled, true).unwrap();
    drop(store);
    let after = ok(export_as(
        &db,
        "coordinatrice",
        &["sessions", "--format", "ics"],
    ));
    assert!(after.contains("STATUS:CANCELLED\r\n"), "{after}");
    // The sessions changed say when (from the audit log); the others,
    // imported and never edited, have no such entry and say nothing.
    assert_eq!(
        after.matches("LAST-MODIFIED:20261126T").count(),
        2,
        "{after}"
    );
    assert!(!first.contains("LAST-MODIFIED"));

    let Some(before) = parsed(&first) else {
        return;
    };
    let after = parsed(&after).unwrap();
    assert_eq!(before, parsed(&again).unwrap());
    // The same events, by UID: none new, none lost.
    let uids = |events: &[Event]| {
        let mut uids: Vec<String> = events.iter().map(|e| e.uid.clone()).collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&before), uids(&after));
    let mut unique = uids(&before);
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "a UID per session");
    let find = |events: &[Event], id: i64| {
        events
            .iter()
            .find(|e| e.uid.starts_with(&format!("session-{id}-")))
            .cloned()
            .unwrap()
    };
    let (was, now) = (find(&before, moved), find(&after, moved));
    assert_eq!(was.start, "2013-01-21T09:00:00+01:00");
    assert_eq!(now.start, "2013-01-22T14:00:00+01:00");
    assert_eq!(now.end, "2013-01-22T18:00:00+01:00");
    assert_eq!(now.zone, "Europe/Rome");
    assert!(now.sequence > was.sequence, "{was:?} {now:?}");
    assert_eq!(now.status, "CONFIRMED");
    let (was, now) = (find(&before, cancelled), find(&after, cancelled));
    assert_eq!(
        (was.status.as_str(), now.status.as_str()),
        ("CONFIRMED", "CANCELLED")
    );
    assert!(now.sequence > was.sequence);
}

#[test]
fn summer_times_are_rome_s_summer_time_and_text_is_escaped() {
    let (_dir, db) = timetable_register();
    let id = session_id(&db, "BG07", "2013-01-21");
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    let (mut draft, version) = store.session_draft(id).unwrap();
    draft.date = jiff::civil::date(2026, 7, 1);
    draft.topic = Some("Diritti, doveri; e \"casa\"\nseconda riga \u{1b}[31m".to_string());
    draft.venue = Some(
        "Aula Magna dell'Istituto Comprensivo Statale \"Ugo Foscolo\" di Codogno, piano terra"
            .to_string(),
    );
    store
        .update_session(&admin(), id, version, &draft)
        .unwrap()
        .unwrap();
    drop(store);
    let ics = ok(export_as(
        &db,
        "coordinatrice",
        &["sessions", "--module", "BG07", "--format", "ics"],
    ));
    assert!(!ics.contains('\u{1b}'));
    assert!(ics.contains("Diritti\\, doveri\\; e"), "{ics}");
    let Some(events) = parsed(&ics) else {
        return;
    };
    assert!(events.iter().all(|e| e.summary.starts_with("BG07 ")));
    let summer = events
        .iter()
        .find(|e| e.start.starts_with("2026-07-01"))
        .unwrap();
    assert_eq!(summer.start, "2026-07-01T09:00:00+02:00");
    assert!(
        summer
            .summary
            .contains("Diritti, doveri; e \"casa\"\nseconda riga")
    );
}

#[test]
fn sessions_and_modules_as_csv_json_and_xlsx() {
    let (dir, db) = timetable_register();
    let csv = ok(export_as(&db, "coordinatrice", &["sessions"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "module",
            "module_title",
            "date",
            "start",
            "end",
            "venue",
            "location",
            "trainer",
            "tutors",
            "topic",
            "cancelled"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let sessions: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM session", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows.len() as i64, sessions);
    let bg07 = rows.iter().find(|r| &r[1] == "BG07").unwrap();
    assert_eq!(&bg07[9], "Paolo Verdi");
    assert_eq!(&bg07[11], "no");

    let json = ok(export_as(
        &db,
        "coordinatrice",
        &["modules", "--format", "json"],
    ));
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    let modules = document["rows"].as_array().unwrap();
    assert_eq!(modules.len(), 11);
    let bg07 = modules.iter().find(|m| m["module"] == "BG07").unwrap();
    assert_eq!(bg07["tutors"], "Paolo Verdi");
    assert_eq!(bg07["sessions"], 4.0);

    let file = dir.path().join("orario.xlsx");
    let said = ok(export_as(
        &db,
        "coordinatrice",
        &["sessions", "--format", "xlsx", "-o", file.to_str().unwrap()],
    ));
    assert!(said.contains(&format!("{sessions} rows")), "{said}");
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
}

#[test]
fn a_tutor_exports_only_their_own_modules() {
    let (_dir, db) = timetable_register();
    let csv = ok(export_as(&db, "paolo", &["sessions"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let modules: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(modules.len(), 4);
    assert!(modules.iter().all(|m| m == "BG07"), "{modules:?}");
    let json = ok(export_as(&db, "paolo", &["modules", "--format", "json"]));
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["rows"].as_array().unwrap().len(), 1);
    let ics = ok(export_as(&db, "paolo", &["sessions", "--format", "ics"]));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
    // Another module's timetable is refused, not given empty.
    let refused = export_as(&db, "paolo", &["sessions", "--module", "BG11"]);
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
}

#[test]
fn ics_is_for_the_sessions_only() {
    let (_dir, db) = timetable_register();
    for (lang, words) in [
        ("en_US.UTF-8", "for the sessions only"),
        ("it_IT.UTF-8", "vale solo per gli incontri"),
    ] {
        let output = registro()
            .env("LANG", lang)
            .arg("--db")
            .arg(&db)
            .args(["export", "modules", "--format", "ics"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(words), "{said}");
    }
}
