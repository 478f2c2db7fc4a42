//! Taking attendance: every roster key, undo and redo, two tutors at
//! once, the hours prompt's refusals, closing the roll call.

mod common;

use common::{press, press_key, render, roster_register};
use proptest::prelude::*;
use registro::context::{Actor, Clock};
use registro::domain::Mark;
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::store::attendance::{Attendance, MarkChange, MarkOutcome};
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// (surname, minutes, mark) of every row of a session, in roster order.
fn marks(path: &std::path::Path, session: i64) -> Vec<(String, Option<i64>, Option<String>)> {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    store
        .roster(session)
        .unwrap()
        .lines
        .into_iter()
        .map(|l| (l.name, l.minutes, l.mark))
        .collect()
}

/// Opens today's session (the third of four) from the Sessions tab.
fn open_today(path: &std::path::Path) -> App {
    let mut app = common::app(path, Lang::En);
    press(&mut app, "2");
    // The list learns its height when first drawn, as on a real screen.
    render(&mut app, 80, 24);
    // The Sessions tab opens on today's session.
    press_key(&mut app, Key::Enter);
    app
}

#[test]
fn a_roll_call_of_25_in_12_keystrokes() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    // Everyone present; rows 2, 4 and 7 absent; row 9 left after 2 of 4 hours.
    let keys: Vec<Chord> = "aj j jj jh2"
        .chars()
        .map(|c| Chord::plain(Key::Char(c)))
        .chain([Chord::plain(Key::Enter)])
        .collect();
    assert_eq!(keys.len(), 12);
    for key in keys {
        app.handle_key(key);
    }
    insta::assert_snapshot!(render(&mut app, 80, 24));
    let rows = marks(&path, session);
    for (index, (name, minutes, mark)) in rows.iter().enumerate() {
        let expected = match index {
            1 | 3 | 6 => (0, "absent"),
            8 => (120, "left-early"),
            _ => (240, "present"),
        };
        assert_eq!(
            (*minutes, mark.as_deref()),
            (Some(expected.0), Some(expected.1)),
            "{name}"
        );
    }
}

#[test]
fn every_roster_key_does_what_it_says() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    press(&mut app, " "); // row 1 present, on to row 2
    press(&mut app, "l10:30");
    press_key(&mut app, Key::Enter); // row 2 late, arrived at 10:30
    press(&mut app, "x"); // row 3 excused, no hours
    press(&mut app, "h3:15");
    press_key(&mut app, Key::Enter); // row 4 left early after 3h15
    let rows = marks(&path, session);
    assert_eq!(
        (rows[0].1, rows[0].2.as_deref()),
        (Some(240), Some("present"))
    );
    assert_eq!((rows[1].1, rows[1].2.as_deref()), (Some(150), Some("late")));
    assert_eq!(
        (rows[2].1, rows[2].2.as_deref()),
        (Some(0), Some("excused"))
    );
    assert_eq!(
        (rows[3].1, rows[3].2.as_deref()),
        (Some(195), Some("left-early"))
    );
    assert_eq!(rows[4].1, None);
    // `a` fills in only the rows not yet marked.
    press(&mut app, "a");
    let rows = marks(&path, session);
    assert_eq!(rows[2].2.as_deref(), Some("excused"));
    assert_eq!(rows[3].1, Some(195));
    assert!(rows[4..].iter().all(|r| r.2.as_deref() == Some("present")));
    // Space on a present row makes it absent.
    press(&mut app, "g ");
    assert_eq!(marks(&path, session)[0].2.as_deref(), Some("absent"));
    insta::assert_snapshot!(render(&mut app, 80, 24));
}

#[test]
fn hours_that_are_not_hours_change_nothing_and_say_why() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    let before = marks(&path, session);
    for (typed, says) in [
        ("7", "more than the session's 4"),
        ("abc", "not a number of hours"),
        ("-1", "not a number of hours"),
        ("1,1", "quarter hours"),
    ] {
        press(&mut app, "h");
        press(&mut app, typed);
        press_key(&mut app, Key::Enter);
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains(says), "{typed}: {screen}");
        assert!(screen.contains("Nothing changed"), "{typed}: {screen}");
        assert_eq!(marks(&path, session), before, "{typed}");
    }
    // Esc leaves the prompt without a change.
    press(&mut app, "h2");
    press_key(&mut app, Key::Esc);
    assert_eq!(marks(&path, session), before);
    // The Italian ways of writing hours are understood.
    for (typed, minutes) in [("2,5", 150), ("2:30", 150), ("2", 120)] {
        press(&mut app, "g");
        press(&mut app, "h");
        press(&mut app, typed);
        press_key(&mut app, Key::Enter);
        assert_eq!(marks(&path, session)[0].1, Some(minutes), "{typed}");
    }
}

#[test]
fn marks_survive_quitting_and_reopening() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    press(&mut app, "a");
    drop(app);
    let mut app = open_today(&path);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Marked 25/25"), "{screen}");
    assert_eq!(marks(&path, session).len(), 25);
}

#[test]
fn undo_and_redo_walk_through_the_changes() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    let start = marks(&path, session);
    press(&mut app, "a");
    let all_present = marks(&path, session);
    press(&mut app, "g ");
    let one_absent = marks(&path, session);
    press(&mut app, "u");
    assert_eq!(marks(&path, session), all_present);
    press(&mut app, "u");
    assert_eq!(marks(&path, session), start);
    app.handle_key(Chord {
        key: Key::Char('r'),
        ctrl: true,
        alt: false,
    });
    assert_eq!(marks(&path, session), all_present);
    app.handle_key(Chord {
        key: Key::Char('r'),
        ctrl: true,
        alt: false,
    });
    assert_eq!(marks(&path, session), one_absent);
    press(&mut app, "uuu");
    assert_eq!(marks(&path, session), start);
    assert!(render(&mut app, 80, 24).contains("Nothing to undo"));
}

fn roster_key() -> impl Strategy<Value = Vec<Chord>> {
    prop_oneof![
        Just(vec![Chord::plain(Key::Char(' '))]),
        Just(vec![Chord::plain(Key::Char('a'))]),
        Just(vec![
            Chord::plain(Key::Char('l')),
            Chord::plain(Key::Char('1')),
            Chord::plain(Key::Char('0')),
            Chord::plain(Key::Enter),
        ]),
        Just(vec![
            Chord::plain(Key::Char('e')),
            Chord::plain(Key::Char('1')),
            Chord::plain(Key::Char('2')),
            Chord::plain(Key::Enter),
        ]),
        Just(vec![Chord::plain(Key::Char('x'))]),
        Just(vec![Chord::plain(Key::Char('j'))]),
        Just(vec![Chord::plain(Key::Char('k'))]),
        (0u8..=16).prop_map(|quarters| {
            let text = format!("{}", quarters as f64 / 4.0);
            let mut keys = vec![Chord::plain(Key::Char('h'))];
            keys.extend(text.chars().map(|c| Chord::plain(Key::Char(c))));
            keys.push(Chord::plain(Key::Enter));
            keys
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn as_many_undos_as_marks_leave_the_roster_as_it_started(
        steps in prop::collection::vec(roster_key(), 1..25)
    ) {
        let dir = tempdir().unwrap();
        let (path, session) = roster_register(dir.path());
        let mut app = open_today(&path);
        render(&mut app, 80, 24);
        let start = marks(&path, session);
        let mut changes = 0;
        for keys in &steps {
            let marking = !matches!(keys[0].key, Key::Char('j') | Key::Char('k'));
            for key in keys {
                app.handle_key(*key);
            }
            if marking {
                changes += 1;
            }
        }
        for _ in 0..changes {
            app.handle_key(Chord::plain(Key::Char('u')));
        }
        prop_assert_eq!(marks(&path, session), start);
    }
}

#[test]
fn a_stale_screen_never_overwrites_another_tutors_mark() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    common::add_tutors_of_m01(&path);
    let rossi = Actor::new("tutor.rossi", Clock::at_noon(common::TODAY));
    let ferri = Actor::new("tutor.ferri", Clock::at_noon(common::TODAY));
    let first = Store::open(&path, Access::ReadWrite).unwrap();
    let second = Store::open(&path, Access::ReadWrite).unwrap();
    let enrolment = first.roster(session).unwrap().lines[0].enrolment_id;
    let present = Some(Attendance::hours(240, Mark::Present));
    let absent = Some(Attendance::hours(0, Mark::Absent));
    // Both screens saw the row unmarked; Rossi marks it first.
    let saved = first
        .set_mark(
            &rossi,
            session,
            MarkChange {
                enrolment_id: enrolment,
                before: None,
                after: present,
            },
        )
        .unwrap();
    assert_eq!(saved, Ok(MarkOutcome::Saved));
    let refused = second
        .set_mark(
            &ferri,
            session,
            MarkChange {
                enrolment_id: enrolment,
                before: None,
                after: absent,
            },
        )
        .unwrap();
    match refused {
        Ok(MarkOutcome::Stale { current, by, .. }) => {
            assert_eq!(current, present);
            assert_eq!(by.as_deref(), Some("tutor.rossi"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        first.roster(session).unwrap().lines[0].mark.as_deref(),
        Some("present")
    );
}

#[test]
fn another_tutors_marks_appear_at_the_next_key() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let mut mine = open_today(&path);
    let mut theirs = open_today(&path);
    render(&mut mine, 80, 24);
    render(&mut theirs, 80, 24);
    assert!(render(&mut mine, 80, 24).contains("Marked 0/25"));
    press(&mut theirs, "a");
    // Any key (here one that does nothing) shows their marks.
    press(&mut mine, "k");
    assert!(render(&mut mine, 80, 24).contains("Marked 25/25"));
    // And the idle check does too, without a key.
    press(&mut theirs, "g ");
    assert!(mine.tick());
    assert!(render(&mut mine, 80, 24).contains("absent 1"));
}

#[test]
fn two_connections_marking_at_once_lose_nothing() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    common::add_tutors_of_m01(&path);
    let rows = Store::open(&path, Access::ReadWrite)
        .unwrap()
        .roster(session)
        .unwrap()
        .lines;
    let (even, odd): (Vec<_>, Vec<_>) = rows
        .iter()
        .map(|l| l.enrolment_id)
        .partition(|id| id % 2 == 0);
    let handles: Vec<_> = [("tutor.rossi", even), ("tutor.ferri", odd)]
        .into_iter()
        .map(|(user, ids)| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::open(&path, Access::ReadWrite).unwrap();
                let actor = Actor::new(user, Clock::at_noon(common::TODAY));
                for id in ids {
                    let change = MarkChange {
                        enrolment_id: id,
                        before: None,
                        after: Some(Attendance::hours(240, Mark::Present)),
                    };
                    assert_eq!(
                        store.set_mark(&actor, session, change).unwrap(),
                        Ok(MarkOutcome::Saved)
                    );
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    assert!(
        marks(&path, session)
            .iter()
            .all(|r| r.2.as_deref() == Some("present"))
    );
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(store.audit_count("attendance").unwrap(), 25);
}

#[test]
fn a_closed_roll_call_is_read_only_until_reopened_with_a_reason() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    press(&mut app, "a");
    press(&mut app, "Cy");
    let before = marks(&path, session);
    press(&mut app, " ");
    assert!(render(&mut app, 80, 24).contains("roll call is closed"));
    assert_eq!(marks(&path, session), before);
    // Reopening asks why; the reason goes to the audit log.
    press(&mut app, "C");
    press(&mut app, "wrong hours for Bassi");
    press_key(&mut app, Key::Enter);
    press(&mut app, " ");
    assert_ne!(marks(&path, session), before);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    assert!(store.audit_mentions("wrong hours for Bassi").unwrap());
}

#[test]
fn participants_who_cannot_reach_the_threshold_are_flagged() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let mut app = open_today(&path);
    // The last three missed 8 of 16 hours: at most 8 more, 50% < 75%.
    let screen = render(&mut app, 80, 40);
    assert_eq!(screen.matches("cannot reach").count(), 3, "{screen}");
}

#[test]
fn a_rating_is_entered_from_the_roster_and_from_the_persons_card() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = open_today(&path);
    render(&mut app, 80, 24);
    press(&mut app, "r9");
    press_key(&mut app, Key::Enter);
    assert!(render(&mut app, 80, 24).contains("is not a rating"));
    press(&mut app, "r4 utile e concreto");
    press_key(&mut app, Key::Enter);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let first = store.roster(session).unwrap().lines[0].enrolment_id;
    let rating = store.rating(first).unwrap().unwrap();
    assert_eq!(
        (rating.score, rating.comment.as_deref()),
        (4, Some("utile e concreto"))
    );

    // On the card, the participation's line takes `r` too.
    let mut app = common::app(&path, Lang::En);
    press(&mut app, "3");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press(&mut app, "r2");
    press_key(&mut app, Key::Enter);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Rating 2 saved"), "{screen}");
    assert!(screen.contains("2/5"), "{screen}");
    assert_eq!(store.rating(first).unwrap().unwrap().score, 2);
}

#[test]
fn two_tutors_on_one_roster_see_each_other() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    // Ferri is a tutor of the module.
    Store::open(&path, Access::ReadWrite)
        .unwrap()
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO app_user(login, display_name, role) VALUES ('tutor.ferri', 'Giulia Ferri', 'tutor');
                 INSERT INTO user_module(user_id, module_id) VALUES (last_insert_rowid(), 1);",
            )?;
            Ok(())
        })
        .unwrap();
    let mut mine = open_today(&path);
    // Each screen says it is open at its first tick, just after the
    // roster is drawn (the write is kept off the key), and draws nothing
    // for it.
    assert!(mine.waiting());
    assert!(!mine.tick());
    assert!(!mine.waiting());
    let mut theirs = common::app_with(&path, Lang::En, |s| s.user = "tutor.ferri".into());
    press(&mut theirs, "2");
    render(&mut theirs, 80, 24);
    press_key(&mut theirs, Key::Enter);
    theirs.tick();
    // Ferri sees that admin is here; admin sees Ferri at the next check.
    assert!(render(&mut theirs, 80, 24).contains("Also on this roster: admin"));
    press(&mut mine, "k");
    assert!(render(&mut mine, 80, 24).contains("Also on this roster: Giulia Ferri"));
    // When Ferri leaves the roster, the name goes.
    press_key(&mut theirs, Key::Esc);
    press(&mut mine, "k");
    assert!(!render(&mut mine, 80, 24).contains("Also on this roster"));
}

/// The roster's rows as drawn on a screen tall enough for all 25, the
/// selection's marker left out.
fn rows_shown(app: &mut App) -> Vec<String> {
    render(app, 80, 40)
        .lines()
        .skip(3)
        .take(25)
        .map(|line| line.chars().skip(3).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// After a mark only the lines it changed are read again (a whole
    /// roster cost most of a mark's time on a large module): whatever the
    /// keys, the rows on screen are what a fresh read of the roster shows.
    #[test]
    fn after_any_marks_the_rows_are_what_a_fresh_read_shows(
        keys in proptest::collection::vec(
            proptest::sample::select(vec![" ", "j", "k", "x", "u", "a", "G", "g"]),
            1..40,
        )
    ) {
        let dir = tempdir().unwrap();
        let (path, _session) = roster_register(dir.path());
        let mut mine = open_today(&path);
        for key in &keys {
            press(&mut mine, key);
        }
        let mut fresh = open_today(&path);
        prop_assert_eq!(rows_shown(&mut mine), rows_shown(&mut fresh));
    }
}

/// Saying that a roster is open is a write every few seconds that no list
/// shows: the screen's lists must not be read again for it, while a mark
/// must make them.
#[test]
fn saying_a_roster_is_open_is_no_change_for_the_lists_and_a_mark_is() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let actor = common::actor();
    let before = store.change_counter().unwrap();
    store.announce_presence("t-1", session, &actor).unwrap();
    store.announce_presence("t-1", session, &actor).unwrap();
    store.leave_presence("t-1").unwrap();
    assert_eq!(store.change_counter().unwrap(), before);
    let enrolment = store.roster(session).unwrap().lines[0].enrolment_id;
    let saved = store
        .set_mark(
            &actor,
            session,
            MarkChange {
                enrolment_id: enrolment,
                before: None,
                after: Some(Attendance::hours(240, Mark::Present)),
            },
        )
        .unwrap();
    assert_eq!(saved, Ok(MarkOutcome::Saved));
    assert_ne!(store.change_counter().unwrap(), before);
}

/// Back from a roster, the Sessions list shows the marks just made; back
/// from one where nothing changed, it is left as it was read.
#[test]
fn the_sessions_list_shows_the_marks_made_on_the_roster_left() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    let mut app = open_today(&path);
    press_key(&mut app, Key::Esc);
    let untouched = render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    press_key(&mut app, Key::Esc);
    assert_eq!(render(&mut app, 80, 24), untouched);
    press_key(&mut app, Key::Enter);
    press(&mut app, "a");
    press_key(&mut app, Key::Esc);
    let marked = render(&mut app, 80, 24);
    // The selected line is today's session.
    let today = |screen: &str| -> String {
        screen
            .lines()
            .find(|line| line.contains('▶'))
            .unwrap_or_default()
            .to_string()
    };
    assert!(today(&untouched).contains(" 0/25 "), "{untouched}");
    assert!(today(&marked).contains(" 25/25 "), "{marked}");
}
