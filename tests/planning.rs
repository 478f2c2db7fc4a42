//! Planning in the store: modules and sessions created, edited over
//! someone else's change, deleted or cancelled; new editions; repeated
//! sessions; clashes; materials; people and requests added by hand.

mod common;

use assert_cmd::Command;
use common::{TODAY, actor, roster_register};
use jiff::civil::{Weekday, date};
use registro::domain::{Gender, Status};
use registro::planning::{ClashKind, Holidays, RepeatEnd, RepeatRule};
use registro::store::planning::{Keeps, ModuleDraft, PersonDraft, SessionDraft, Vocabulary};
use registro::store::{Access, DEFAULT_AXES, Store};
use serde_json::Value;
use tempfile::tempdir;

fn module(code: &str, town: &str) -> ModuleDraft {
    ModuleDraft {
        code: code.into(),
        title: "Accoglienza e orientamento".into(),
        axis_code: "I".into(),
        location: town.into(),
        venue: Some("Sala Consiglio".into()),
        planned_minutes: 16 * 60,
        capacity: 25,
        starts_on: Some(date(2027, 3, 1)),
        ends_on: Some(date(2027, 3, 31)),
        tutors: Vec::new(),
    }
}

fn session(module_id: i64, day: jiff::civil::Date, trainer: &str) -> SessionDraft {
    SessionDraft {
        module_id,
        date: day,
        start_minute: 9 * 60,
        end_minute: 13 * 60,
        venue: None,
        trainer: Some(trainer.into()),
        topic: None,
    }
}

fn hours_delivered(path: &std::path::Path) -> f64 {
    let output = Command::from_std(common::registro("admin"))
        .args(["--user", "admin", "report", "--format", "json", "--db"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["hours_delivered"].as_f64().unwrap()
}

#[test]
fn a_session_with_attendance_is_not_deleted_but_cancelled_and_the_hours_drop() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    // Session 1 (12 November, 4 hours) has 25 marks.
    let before = hours_delivered(&path);
    assert_eq!(
        store.delete_session(&actor(), 1).unwrap(),
        Some(Keeps::Attendance(25))
    );
    assert!(store.session(1).is_ok(), "still there");
    store.set_cancelled(&actor(), 1, true).unwrap();
    assert_eq!(hours_delivered(&path), before - 4.0);
    // Its history is kept.
    assert_eq!(store.roster(1).unwrap().lines[0].minutes, Some(240));
    assert!(store.session(1).unwrap().cancelled);
    // Cancelled sessions clash with nothing and count for no hours.
    assert!(
        store
            .bookings()
            .unwrap()
            .iter()
            .all(|b| b.session_id != Some(1))
    );
    store.set_cancelled(&actor(), 1, false).unwrap();
    assert_eq!(hours_delivered(&path), before);
}

#[test]
fn a_session_without_attendance_is_deleted_and_a_module_with_requests_is_not() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    // Session 4 (3 December) has no marks yet.
    assert_eq!(store.delete_session(&actor(), 4).unwrap(), None);
    assert!(store.session(4).is_err());
    assert_eq!(
        store.delete_module(&actor(), 1).unwrap(),
        Some(Keeps::Attendance(50))
    );
    // A fresh module with sessions and no requests goes, sessions and all.
    let id = store
        .create_module(&actor(), &module("M02", "Crema"))
        .unwrap();
    store
        .create_sessions(&actor(), &[session(id, date(2027, 3, 2), "Ferri")])
        .unwrap();
    store
        .add_material(&actor(), id, "Slides", "/srv/m02/slides.pdf")
        .unwrap();
    assert_eq!(store.delete_module(&actor(), id).unwrap(), None);
    assert!(store.module(id).is_err());
    assert!(store.audit_count("module").unwrap() >= 2);
}

#[test]
fn an_edit_over_someone_elses_change_hands_theirs_back() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let other = Store::open(&path, Access::ReadWrite).unwrap();
    let (mine, version) = store.module_draft(1).unwrap();
    let (mut theirs, _) = other.module_draft(1).unwrap();
    theirs.capacity = 40;
    assert_eq!(
        other.update_module(&actor(), 1, version, &theirs).unwrap(),
        Ok(())
    );
    let mut edited = mine.clone();
    edited.title = "Accoglienza".into();
    let conflict = store
        .update_module(&actor(), 1, version, &edited)
        .unwrap()
        .expect_err("a conflict");
    assert_eq!(conflict.values.capacity, 40);
    assert_eq!(store.module(1).unwrap().title, "Accoglienza e orientamento");
    // Saving again over their version, on purpose.
    store
        .update_module(&actor(), 1, conflict.version, &edited)
        .unwrap()
        .unwrap();
    assert_eq!(store.module(1).unwrap().title, "Accoglienza");
    // A code another module has is refused.
    let id = store
        .create_module(&actor(), &module("M02", "Crema"))
        .unwrap();
    assert!(store.module_code_taken("m01", id).unwrap());
    assert!(
        store
            .create_module(&actor(), &module("m01", "Crema"))
            .is_err()
    );
}

#[test]
fn a_new_edition_keeps_title_axis_and_hours_with_a_new_code_town_and_dates() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let id = store
        .new_edition(
            &actor(),
            1,
            "M01-B",
            "Casalmaggiore",
            Some(date(2027, 1, 10)),
            Some(date(2027, 2, 10)),
        )
        .unwrap();
    let first = store.module(1).unwrap();
    let second = store.module(id).unwrap();
    assert_eq!(second.title, first.title);
    assert_eq!(second.axis_code, first.axis_code);
    assert_eq!(second.planned_minutes, first.planned_minutes);
    assert_eq!(second.location, "Casalmaggiore");
    assert_eq!(second.starts_on.as_deref(), Some("2027-01-10"));
    assert!(
        store
            .words(Vocabulary::Town)
            .unwrap()
            .contains(&"Casalmaggiore".to_string())
    );
}

#[test]
fn eight_repeated_sessions_over_a_month_with_a_holiday_skip_it() {
    let dir = tempdir().unwrap();
    let path = dir.path().join("plan.db");
    let store = Store::create(&path, &actor(), DEFAULT_AXES).unwrap();
    let id = store
        .create_module(&actor(), &module("M05", "Cremona"))
        .unwrap();
    // Tuesdays and Thursdays from 1 December 2026: 8 December is a holiday.
    let rule = RepeatRule {
        weekdays: vec![Weekday::Tuesday, Weekday::Thursday],
        from: date(2026, 12, 1),
        end: RepeatEnd::Count(8),
    };
    let got = rule.dates(&Holidays::italy());
    assert_eq!(got.skipped, vec![date(2026, 12, 8)]);
    let drafts: Vec<SessionDraft> = got.dates.iter().map(|d| session(id, *d, "Ferri")).collect();
    let ids = store.create_sessions(&actor(), &drafts).unwrap();
    assert_eq!(ids.len(), 8);
    let sessions = store
        .sessions_between(
            &store.reach("admin").unwrap(),
            date(2026, 12, 1),
            date(2026, 12, 31),
        )
        .unwrap();
    assert_eq!(sessions.len(), 8);
    assert!(sessions.iter().all(|s| s.date != "2026-12-08"));
    // 8 × 4 hours against 16 planned.
    let mismatch = store.hours_mismatches(None).unwrap();
    assert_eq!(mismatch.len(), 1);
    assert_eq!(mismatch[0].scheduled_minutes, 32 * 60);
}

#[test]
fn a_trainer_booked_in_two_towns_at_the_same_hour_is_a_clash() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let crema = store
        .create_module(&actor(), &module("M02", "Crema"))
        .unwrap();
    // Avv. Conte teaches M01 on 26 November 9-13.
    let mut draft = session(crema, TODAY, "avv. conte");
    draft.start_minute = 11 * 60;
    let clashes = store.clashes_for(&[(None, draft.clone())]).unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].kind, ClashKind::Trainer);
    assert_eq!(clashes[0].second.session_id, Some(3));
    draft.start_minute = 13 * 60;
    draft.end_minute = 15 * 60;
    assert!(
        store
            .clashes_for(&[(None, draft.clone())])
            .unwrap()
            .is_empty()
    );
    // Saved anyway at the clashing hour, it is listed.
    draft.start_minute = 12 * 60;
    store.create_sessions(&actor(), &[draft]).unwrap();
    assert_eq!(store.clashes().unwrap().len(), 1);
    // An edit of the session itself does not clash with its old self.
    let (mut third, _) = store.session_draft(3).unwrap();
    third.end_minute = 11 * 60;
    assert!(store.clashes_for(&[(Some(3), third)]).unwrap().is_empty());
}

#[test]
fn materials_are_kept_with_their_module() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let a = store
        .add_material(&actor(), 1, "Dispense", "https://example.org/m01.pdf")
        .unwrap();
    store
        .add_material(&actor(), 1, "Registro firme", "/srv/corsi/m01/firme.xlsx")
        .unwrap();
    assert!(store.add_material(&actor(), 1, " ", "x").is_err());
    assert_eq!(store.materials(1).unwrap().len(), 2);
    store.remove_material(&actor(), a).unwrap();
    let left = store.materials(1).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "Registro firme");
}

#[test]
fn people_and_requests_added_by_hand() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let draft = PersonDraft {
        surname: "Rossi".into(),
        given_name: "Maria".into(),
        gender: Gender::F,
        tax_code: Some("RSSMRA85T50D150Z".into()),
        email: Some("maria.rossi@example.org".into()),
        phone: None,
        organisation: "Comune di Crema".into(),
        organisation_type: "Comune".into(),
        job_title: None,
        language: Default::default(),
    };
    let id = store.create_person(&actor(), &draft).unwrap();
    assert_eq!(
        store.tax_code_holder("rssmra85t50d150z", 0).unwrap(),
        Some("Rossi Maria".into())
    );
    assert_eq!(store.tax_code_holder("RSSMRA85T50D150Z", id).unwrap(), None);
    let (read, version) = store.person_draft(id).unwrap();
    assert_eq!(read, draft);
    let mut edited = read.clone();
    edited.phone = Some("0372 1234".into());
    store
        .update_person(&actor(), id, version, &edited)
        .unwrap()
        .unwrap();
    // The old version is stale now.
    assert!(
        store
            .update_person(&actor(), id, version, &read)
            .unwrap()
            .is_err()
    );

    let enrolment = store
        .add_enrolment(&actor(), id, 1, date(2026, 10, 5), Status::Accepted, None)
        .unwrap();
    let detail = store.request_detail(enrolment).unwrap();
    assert_eq!(detail.history.len(), 2);
    assert!(
        store
            .add_enrolment(&actor(), id, 1, date(2026, 10, 5), Status::Requested, None)
            .is_err(),
        "one request per person and module"
    );
    let other = store
        .create_module(&actor(), &module("M02", "Crema"))
        .unwrap();
    assert!(
        store
            .add_enrolment(&actor(), id, other, TODAY, Status::Rejected, None)
            .is_err(),
        "a rejection needs a reason"
    );
}
