//! Attendance writes obey the role, the module and the clock, whoever
//! calls (screen, import, store): marks, hours, ratings, closing and
//! reopening a roll call by admin, coordinator, the module's tutor,
//! another module's tutor and a name the register does not know; nothing before a session has started; and a
//! write that fails leaves the roster where it was, with the reason.

mod common;

use std::path::{Path, PathBuf};

use common::{press, press_key, render, roster_register};
use registro::context::{Actor, Clock};
use registro::domain::{Mark, Role};
use registro::i18n::Lang;
use registro::import::{self, Kind};
use registro::keys::Key;
use registro::store::attendance::{Attendance, MarkChange, MarkRefusal, RollCallOutcome};
use registro::store::ratings::RatingOutcome;
use registro::store::{Access, Store};
use tempfile::tempdir;

/// The roster register (module M01, today's session 3, 25 participants)
/// with a second module M02 and four users: an admin, a coordinator,
/// M01's tutor and M02's tutor.
fn register(folder: &Path) -> (PathBuf, i64) {
    let (path, session) = roster_register(folder);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                     VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 960, 30);
                 INSERT INTO session(module_id, date, start_minute, end_minute)
                     VALUES (2, '2099-02-25', 540, 780);
                 INSERT INTO enrolment(person_id, module_id, received_on, status)
                     VALUES (1, 2, '2026-10-01', 'accepted');
                 UPDATE person SET email = 'arena@example.it' WHERE id = 1;",
            )?;
            Ok(())
        })
        .unwrap();
    let admin = common::actor();
    for (login, role, modules) in [
        ("boss", Role::Admin, vec![]),
        ("coordinatrice", Role::Coordinator, vec![]),
        ("tutor.m01", Role::Tutor, vec!["M01".to_string()]),
        ("tutor.m02", Role::Tutor, vec!["M02".to_string()]),
    ] {
        store.add_user(&admin, login, None, role, &modules).unwrap();
    }
    (path, session)
}

fn at_noon(user: &str) -> Actor {
    Actor::new(user, Clock::at_noon(common::TODAY))
}

/// Every attendance write, in an order that lets each run (close before
/// reopen), by `user` on a fresh register: what each one answered.
fn every_write(user: &str) -> Vec<(&'static str, Result<(), MarkRefusal>)> {
    let dir = tempdir().unwrap();
    let (path, session) = register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let actor = at_noon(user);
    let enrolment = store.roster(session).unwrap().lines[0].enrolment_id;
    let mark = |after| MarkChange {
        enrolment_id: enrolment,
        before: None,
        after: Some(after),
    };
    let mut answers = Vec::new();
    let marked = store
        .mark(
            &actor,
            session,
            &[mark(Attendance::hours(240, Mark::Present))],
        )
        .unwrap()
        .map(|report| assert!(report.conflicts.is_empty()));
    answers.push(("mark", marked));
    let hours = store
        .mark(
            &actor,
            session,
            &[MarkChange {
                enrolment_id: enrolment + 1,
                before: None,
                after: Some(Attendance::hours(180, Mark::LeftEarly)),
            }],
        )
        .unwrap()
        .map(|report| assert!(report.conflicts.is_empty()));
    answers.push(("hours", hours));
    let rated = store
        .rate(&actor, enrolment, None, 4, None)
        .unwrap()
        .map(|outcome| assert_eq!(outcome, RatingOutcome::Saved));
    answers.push(("rating", rated));
    let closed = store
        .close_roll_call(&actor, session)
        .unwrap()
        .map(|outcome| assert_eq!(outcome, RollCallOutcome::Done));
    answers.push(("close", closed));
    // Closed by the admin, whatever happened above, so that reopening
    // has something to reopen.
    let _ = store.close_roll_call(&common::actor(), session).unwrap();
    let reopened = store
        .reopen_roll_call(&actor, session, "wrong hours")
        .unwrap()
        .map(|outcome| assert_eq!(outcome, RollCallOutcome::Done));
    answers.push(("reopen", reopened));
    // What was refused left no trace: the register holds only what was
    // allowed.
    let audit = store.audit_count("attendance").unwrap() + store.audit_count("rating").unwrap();
    let allowed = answers
        .iter()
        .filter(|(what, answer)| answer.is_ok() && ["mark", "hours", "rating"].contains(what))
        .count();
    assert_eq!(audit, allowed as i64, "{user}: {answers:?}");
    answers
}

#[test]
fn each_role_writes_attendance_only_where_it_may() {
    let table = [
        ("boss", true),
        ("coordinatrice", true),
        ("tutor.m01", true),
        ("tutor.m02", false),
        // A name the register does not know.
        ("stranger", false),
    ];
    for (user, allowed) in table {
        for (what, answer) in every_write(user) {
            if allowed {
                assert_eq!(answer, Ok(()), "{user} {what}");
            } else {
                assert_eq!(answer, Err(MarkRefusal::NotYourModule), "{user} {what}");
            }
        }
    }
}

#[test]
fn the_card_s_rating_and_its_removal_are_refused_to_another_modules_tutor() {
    let dir = tempdir().unwrap();
    let (path, _session) = register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store.set_rating(&common::actor(), 1, 5, None).unwrap();
    // The path the person card takes: refused, the rating as it was.
    let error = store.set_rating(&at_noon("tutor.m02"), 1, 1, None);
    assert!(error.is_err());
    assert!(store.remove_rating(&at_noon("tutor.m02"), 1).is_err());
    assert_eq!(store.rating(1).unwrap().map(|r| r.score), Some(5));
    assert!(store.remove_rating(&at_noon("tutor.m01"), 1).is_ok());
}

#[test]
fn nothing_is_marked_rated_or_closed_before_the_session_starts() {
    let dir = tempdir().unwrap();
    let (path, _today) = register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let admin = common::actor();
    // Session 4 is on 2026-12-03, a week after the clock's day.
    let present = MarkChange {
        enrolment_id: 1,
        before: None,
        after: Some(Attendance::hours(240, Mark::Present)),
    };
    let not_yet = MarkRefusal::NotStarted {
        module: "M01".into(),
        date: "2026-12-03".into(),
        start_minute: 540,
    };
    assert_eq!(
        store.mark(&admin, 4, &[present]).unwrap(),
        Err(not_yet.clone())
    );
    assert_eq!(store.close_roll_call(&admin, 4).unwrap(), Err(not_yet));
    // Today's session, seen the day before (in any time zone).
    let early = Actor::new(
        "admin",
        Clock::Fixed("2026-11-25T12:00:00Z".parse().unwrap()),
    );
    assert!(matches!(
        store.mark(&early, 3, &[present]).unwrap(),
        Err(MarkRefusal::NotStarted { .. })
    ));
    // M02 has only a session in 2099: not rated yet.
    let m02 = 26;
    assert_eq!(
        store.rate(&admin, m02, None, 4, None).unwrap(),
        Err(MarkRefusal::ModuleNotStarted {
            module: "M02".into()
        })
    );
    assert_eq!(store.audit_count("attendance").unwrap(), 0);
    assert_eq!(store.audit_count("rating").unwrap(), 0);
}

/// The roster of session 4 (a week ahead), opened from the Sessions tab.
fn future_roster(path: &Path, lang: Lang) -> registro::tui::app::App {
    let mut app = common::app(path, lang);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press(&mut app, "j");
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    app
}

#[test]
fn the_roster_of_a_session_not_yet_held_refuses_with_its_date() {
    for (lang, date, closing) in [
        (Lang::En, "03/12/2026", "Close the roll call?"),
        (Lang::It, "03/12/2026", "Chiudere l'appello?"),
    ] {
        let dir = tempdir().unwrap();
        let (path, _session) = register(dir.path());
        let mut app = future_roster(&path, lang);
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains("03/12/2026 09:00-13:00"), "{screen}");
        for keys in [" ", "a", "h4"] {
            press(&mut app, keys);
            if keys == "h4" {
                press_key(&mut app, Key::Enter);
            }
            let screen = render(&mut app, 80, 24);
            assert!(screen.contains(date), "{keys}: {screen}");
            assert!(screen.contains("M01"), "{keys}: {screen}");
            // The cursor stays on the first row.
            assert!(screen.contains("▶ Arena"), "{keys}: {screen}");
        }
        press(&mut app, "C");
        assert!(render(&mut app, 80, 24).contains(closing));
        let yes = if lang == Lang::It { "s" } else { "y" };
        press(&mut app, yes);
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains(date), "{screen}");
        insta::assert_snapshot!(format!("future_session_{lang:?}"), screen);
        let store = Store::open(&path, Access::ReadOnly).unwrap();
        assert!(
            store
                .roster(4)
                .unwrap()
                .lines
                .iter()
                .all(|l| l.mark.is_none())
        );
        assert!(!store.roster(4).unwrap().session.closed);
        assert_eq!(store.audit_count("attendance").unwrap(), 0);
    }
}

#[test]
fn an_import_refuses_marks_and_ratings_not_yet_due() {
    let dir = tempdir().unwrap();
    let (path, _session) = register(dir.path());
    let mut store = Store::open(&path, Access::ReadWrite).unwrap();
    let attendance = "module,date,start,tax_code,email,hours,mark\n\
                      M01,26/11/2026,09:00,,arena@example.it,4,\n\
                      M01,03/12/2026,09:00,,arena@example.it,4,\n";
    let outcome = import::import(
        &mut store,
        &common::actor(),
        Kind::Attendance,
        "attendance.csv",
        attendance.as_bytes(),
        false,
        &mut |_| {},
    )
    .unwrap();
    let errors: Vec<String> = outcome
        .errors
        .iter()
        .map(|e| e.render("attendance.csv", registro::i18n::Catalogue::get(Lang::En)))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("attendance.csv:3: date:"),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("M01 session of 03/12/2026 at 09:00"),
        "{errors:?}"
    );
    assert!(!outcome.written);
    assert_eq!(store.audit_count("attendance").unwrap(), 0);

    let ratings = "module,tax_code,email,rating,comment\n\
                   M01,,arena@example.it,4,\n\
                   M02,,arena@example.it,5,\n";
    let outcome = import::import(
        &mut store,
        &common::actor(),
        Kind::Ratings,
        "ratings.csv",
        ratings.as_bytes(),
        false,
        &mut |_| {},
    )
    .unwrap();
    let errors: Vec<String> = outcome
        .errors
        .iter()
        .map(|e| e.render("ratings.csv", registro::i18n::Catalogue::get(Lang::It)))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("ratings.csv:3:"), "{errors:?}");
    assert!(
        errors[0].contains("M02 non è ancora iniziato"),
        "{errors:?}"
    );
    assert!(!outcome.written);
}

#[test]
fn a_mark_that_fails_to_save_keeps_the_cursor_and_says_why() {
    let dir = tempdir().unwrap();
    let (path, session) = register(dir.path());
    let mut app = common::app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    // The disk fills up, as far as SQLite's answer goes.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER full BEFORE INSERT ON attendance
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    render(&mut app, 80, 24);
    for keys in [" ", "l10", "e12", "h2"] {
        press(&mut app, keys);
        if keys.len() > 1 {
            press_key(&mut app, Key::Enter);
        }
        let screen = render(&mut app, 80, 24);
        assert!(
            screen.contains("database error: SQLite"),
            "{keys}: {screen}"
        );
        assert!(screen.contains("▶ Arena"), "{keys}: {screen}");
    }
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(
        store
            .roster(session)
            .unwrap()
            .lines
            .iter()
            .all(|l| l.mark.is_none())
    );
}
