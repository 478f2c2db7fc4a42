//! Times in the roster: `l` asks when a participant arrived, `e` when
//! they left; the hours follow from the times within the session, the
//! times are kept and shown, one key is one undo step, a time outside
//! the session is refused with its times, and a row someone else
//! changed meanwhile is asked about, as every roster key does.

mod common;

use std::path::Path;

use common::{press, press_key, render, roster_register};
use registro::domain::{Mark, Role};
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use registro::store::attendance::{Attendance, MarkChange, MarkRefusal, Times};
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// Today's session (the third of four, 09:00-13:00) opened by `user`.
fn roster_as(path: &Path, user: &str, lang: Lang) -> App {
    let mut app = common::app_with(path, lang, |s| s.user = user.to_string());
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    app
}

/// Types a prompt's answer and Enter.
fn answer(app: &mut App, keys: &str) {
    press(app, keys);
    press_key(app, Key::Enter);
}

/// What the signature sheet will read for a row: mark, minutes, times.
fn sheet_row(path: &Path, session: i64, row: usize) -> Option<(Mark, i64, Times)> {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    let reach = store.reach("admin").unwrap();
    let enrolment = store.roster(session).unwrap().lines[row].enrolment_id;
    store
        .attendance_times(&reach, session)
        .unwrap()
        .into_iter()
        .find(|t| t.enrolment_id == enrolment)
        .map(|t| (t.mark, t.minutes, t.times))
}

fn arrived(minute: i64) -> Times {
    Times {
        arrived: Some(minute),
        left: None,
    }
}

#[test]
fn a_late_arrival_is_one_key_its_time_and_one_undo() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster_as(&path, "admin", Lang::En);
    press(&mut app, "l");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Arrival time (09:00-13:00"), "{screen}");
    answer(&mut app, "10.30");
    // 10:30 to 13:00: two hours and a half, late.
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((Mark::Late, 150, arrived(630)))
    );
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("10:30-"), "{screen}");
    assert!(screen.contains("2.5   late"), "{screen}");
    // One undo takes the whole late arrival back.
    press(&mut app, "u");
    assert_eq!(sheet_row(&path, session, 0), None);
    let screen = render(&mut app, 80, 24);
    assert!(!screen.contains("10:30-"), "{screen}");
    // And redo brings it back, times and all.
    app.handle_key(Chord {
        key: Key::Char('r'),
        ctrl: true,
        alt: false,
    });
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((Mark::Late, 150, arrived(630)))
    );
}

#[test]
fn an_early_leaving_keeps_the_arrival_and_the_hours_follow_both() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster_as(&path, "admin", Lang::It);
    press(&mut app, "e");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Ora di uscita (09:00-13:00"), "{screen}");
    answer(&mut app, "12");
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((
            Mark::LeftEarly,
            180,
            Times {
                arrived: None,
                left: Some(720)
            }
        ))
    );
    // Back on the row: she had come in late too, at 9:50. From 9:50 to
    // 12:00 is 2h10: two whole quarters short of the third hour, 2h.
    press(&mut app, "k");
    answer(&mut app, "l9:50");
    let both = Times {
        arrived: Some(590),
        left: Some(720),
    };
    assert_eq!(sheet_row(&path, session, 0), Some((Mark::Late, 120, both)));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("09:50-12:00"), "{screen}");
    // Two keys, two undo steps: first back to the leaving alone.
    press(&mut app, "u");
    assert_eq!(
        sheet_row(&path, session, 0).map(|r| r.2),
        Some(Times {
            arrived: None,
            left: Some(720)
        })
    );
    press(&mut app, "u");
    assert_eq!(sheet_row(&path, session, 0), None);
}

#[test]
fn hours_typed_directly_clear_the_times() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let mut app = roster_as(&path, "admin", Lang::En);
    answer(&mut app, "l10");
    press(&mut app, "k");
    answer(&mut app, "h2");
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((Mark::Late, 120, Times::default()))
    );
}

#[test]
fn a_time_outside_the_session_is_refused_with_its_times() {
    for (lang, words) in [
        (Lang::En, "from 09:00 to 13:00"),
        (Lang::It, "dalle 09:00 alle 13:00"),
    ] {
        let dir = tempdir().unwrap();
        let (path, session) = roster_register(dir.path());
        let mut app = roster_as(&path, "admin", lang);
        for typed in ["8", "13:30", "13"] {
            answer(&mut app, &format!("l{typed}"));
            let screen = render(&mut app, 80, 24);
            assert!(screen.contains(words), "{typed}: {screen}");
            assert_eq!(sheet_row(&path, session, 0), None, "{typed}");
        }
        // Not a time at all: said so, nothing written.
        answer(&mut app, "eventually");
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains("10:30"), "{screen}");
        assert_eq!(sheet_row(&path, session, 0), None);
        // A leaving before the arrival is no span either.
        answer(&mut app, "l11");
        press(&mut app, "k");
        answer(&mut app, "e10");
        let screen = render(&mut app, 80, 24);
        assert!(screen.contains(words), "{screen}");
        assert_eq!(
            sheet_row(&path, session, 0),
            Some((Mark::Late, 120, arrived(660)))
        );
    }
}

#[test]
fn a_time_on_a_row_changed_meanwhile_asks_first() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .add_user(
            &common::actor(),
            "laura",
            Some("Laura Bianchi"),
            Role::Coordinator,
            &[],
        )
        .unwrap();
    drop(store);
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "admin", Lang::En);
    // Laura excuses the first row; the admin, who saw it unmarked, writes
    // a late arrival for it.
    press(&mut laura, "x");
    press(&mut paolo, "l");
    answer(&mut paolo, "10");
    let screen = render(&mut paolo, 80, 24);
    assert!(screen.contains("Laura Bianchi"), "{screen}");
    assert!(screen.contains("(y/n)"), "{screen}");
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((Mark::Excused, 0, Times::default()))
    );
    // Yes: his late arrival replaces her mark, knowingly.
    press(&mut paolo, "y");
    assert_eq!(
        sheet_row(&path, session, 0),
        Some((Mark::Late, 180, arrived(600)))
    );
}

#[test]
fn the_store_refuses_times_outside_the_session_and_keeps_them_in_the_audit() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let enrolment = store.roster(session).unwrap().lines[0].enrolment_id;
    let late = |minutes, times| MarkChange {
        enrolment_id: enrolment,
        before: None,
        after: Some(Attendance {
            minutes,
            mark: Mark::Late,
            times,
        }),
    };
    let refused = store
        .mark(&common::actor(), session, &[late(60, arrived(480))])
        .unwrap()
        .unwrap_err();
    assert_eq!(
        refused,
        MarkRefusal::TimesOutsideSession {
            start_minute: 540,
            end_minute: 780
        }
    );
    store
        .mark(&common::actor(), session, &[late(150, arrived(630))])
        .unwrap()
        .unwrap();
    let audit: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT after FROM audit WHERE entity = 'attendance' ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(audit.contains("\"arrived\":\"10:30\""), "{audit}");
}

#[test]
fn a_tutor_reads_the_times_of_their_own_modules_only() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let admin = common::actor();
    store
        .add_user(&admin, "paolo", None, Role::Tutor, &["M01".to_string()])
        .unwrap();
    store
        .add_user(&admin, "gino", None, Role::Tutor, &[])
        .unwrap();
    let own = store.reach("paolo").unwrap();
    assert!(store.attendance_times(&own, session).is_ok());
    let other = store.reach("gino").unwrap();
    assert!(store.attendance_times(&other, session).is_err());
}

#[test]
fn the_roster_and_the_card_say_the_hours_still_needed_and_who_needs_every_one() {
    for (lang, plain, all, roster_flag) in [
        (
            Lang::En,
            "hours still needed: 4 of 8 left",
            "hours still needed: 4 of 4 left: must attend every remaining hour",
            "every hour",
        ),
        (
            Lang::It,
            "ore ancora necessarie: 4 su 8 rimaste",
            "ore ancora necessarie: 4 su 4 rimaste: deve frequentare tutte le ore rimaste",
            "tutte le ore",
        ),
    ] {
        let dir = tempdir().unwrap();
        let (path, _session) = roster_register(dir.path());
        // 16 hours in four sessions, 12 needed; 8 attended in the first
        // two, today's and next week's still open.
        let mut app = roster_as(&path, "admin", lang);
        press_key(&mut app, Key::Enter);
        let card = render(&mut app, 100, 30);
        assert!(card.contains(plain), "{card}");
        press_key(&mut app, Key::Esc);
        // Absent today: the last session's four hours are all needed.
        press(&mut app, " k k");
        let roster = render(&mut app, 80, 24);
        let row = roster.lines().find(|l| l.contains("▶")).unwrap();
        assert!(row.contains(roster_flag), "{roster}");
        press_key(&mut app, Key::Enter);
        let card = render(&mut app, 100, 30);
        assert!(card.contains(all), "{card}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever is typed at `l` or `e`, the row is either left as it
    /// was (a refusal) or holds a time inside the session and the whole
    /// quarter hours from it to the session's other end.
    #[test]
    fn any_time_typed_is_refused_or_gives_the_hours_it_says(
        leaving in proptest::bool::ANY,
        typed in "[0-9]{1,2}([:.][0-9]{1,2})?|[0-9:. a-z]{0,6}",
    ) {
        let dir = tempdir().unwrap();
        let (path, session) = roster_register(dir.path());
        let mut app = roster_as(&path, "admin", Lang::En);
        press(&mut app, if leaving { "e" } else { "l" });
        answer(&mut app, &typed);
        let row = sheet_row(&path, session, 0);
        let Some((mark, minutes, times)) = row else {
            return Ok(());
        };
        let (start, end) = (540, 780);
        if leaving {
            let left = times.left.unwrap();
            proptest::prop_assert_eq!(mark, Mark::LeftEarly);
            proptest::prop_assert!(left > start && left <= end, "{left}");
            proptest::prop_assert_eq!(minutes, (left - start) / 15 * 15);
        } else {
            let arrived = times.arrived.unwrap();
            proptest::prop_assert_eq!(mark, Mark::Late);
            proptest::prop_assert!(arrived >= start && arrived < end, "{arrived}");
            proptest::prop_assert_eq!(minutes, (end - arrived) / 15 * 15);
        }
    }
}
