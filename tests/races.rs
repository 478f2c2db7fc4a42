//! Two users on one roster, pressing keys a fraction of a second apart:
//! a key acts on what its user saw. Two App instances on one register
//! file (each with its own connection), and two bare store connections:
//! the later key never silently reverses the earlier change; when the
//! row changed since it was drawn, the later user is asked, with the
//! other's value, name and time, in both languages.

mod common;

use std::path::Path;

use common::{press, press_key, render, roster_register};
use registro::context::{Actor, Clock};
use registro::domain::{Mark, Role};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::attendance::{Attendance, MarkChange, RollCallOutcome};
use registro::store::ratings::{Rating, RatingOutcome};
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// The roster register with two users: Laura Bianchi (login laura), a
/// coordinator, and
/// Paolo, the module's tutor.
fn roster_register_for_two(folder: &Path) -> (std::path::PathBuf, i64) {
    let (path, session) = roster_register(folder);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let admin = common::actor();
    store
        .add_user(
            &admin,
            "laura",
            Some("Laura Bianchi"),
            Role::Coordinator,
            &[],
        )
        .unwrap();
    store
        .add_user(&admin, "paolo", None, Role::Tutor, &["M01".to_string()])
        .unwrap();
    (path, session)
}

/// Today's session (the third of four) opened from the Sessions tab by
/// `user`, drawn once: what that user sees.
fn roster_as(path: &Path, user: &str, lang: Lang) -> App {
    let mut app = common::app_with(path, lang, |s| s.user = user.to_string());
    press(&mut app, "2");
    render(&mut app, 80, 24);
    press_key(&mut app, Key::Enter);
    render(&mut app, 80, 24);
    app
}

/// (minutes, mark) of the first row of the session.
fn first_row(path: &Path, session: i64) -> (Option<i64>, Option<String>) {
    let store = Store::open(path, Access::ReadOnly).unwrap();
    let line = store.roster(session).unwrap().lines.remove(0);
    (line.minutes, line.mark)
}

fn audit_rows(path: &Path, entity: &str) -> i64 {
    Store::open(path, Access::ReadOnly)
        .unwrap()
        .audit_count(entity)
        .unwrap()
}

/// The bottom of a screen above its status bar, where the roster asks
/// its questions (up to three lines), as one line.
fn prompt_line(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let end = lines.len().saturating_sub(1);
    lines[end.saturating_sub(3)..end]
        .iter()
        .map(|l| l.trim_matches(|c| c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn space_on_a_row_shown_unmarked_means_present_whatever_came_just_before() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    // Laura marks the first row present; Paolo's screen still shows it
    // unmarked when he presses Space 0.2 s later.
    press(&mut laura, " ");
    press(&mut paolo, " ");
    // Present, as both meant: not toggled to absent.
    assert_eq!(
        first_row(&path, session),
        (Some(240), Some("present".into()))
    );
    // One mark in the audit: Paolo's key found nothing to change.
    assert_eq!(audit_rows(&path, "attendance"), 1);
    // And nothing to ask: the register holds what he asked for.
    let screen = render(&mut paolo, 80, 24);
    assert!(!screen.contains("(y/n)"), "{screen}");
}

#[test]
fn a_change_drawn_a_moment_before_the_key_is_not_what_the_key_meant() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    // Laura marks the first row present; Paolo's screen happens to check
    // for changes and redraw just before his Space, too soon (the same
    // instant, on the tests' fixed clock) for him to have read it.
    press(&mut laura, " ");
    assert!(paolo.check_for_changes());
    assert!(render(&mut paolo, 80, 24).contains("Marked 1/25"));
    press(&mut paolo, " ");
    // His Space meant "present", as the row was when he pressed it.
    assert_eq!(
        first_row(&path, session),
        (Some(240), Some("present".into()))
    );
    assert_eq!(audit_rows(&path, "attendance"), 1);
    // The same with `x`: he is asked, not given the toggle of a mark he
    // never read.
    press(&mut laura, "l10");
    press_key(&mut laura, Key::Enter);
    assert!(paolo.check_for_changes());
    render(&mut paolo, 80, 24);
    press(&mut paolo, "x");
    let screen = render(&mut paolo, 80, 24);
    assert!(prompt_line(&screen).contains("Laura Bianchi"), "{screen}");
}

#[test]
fn a_key_on_a_row_changed_since_drawn_asks_and_no_keeps_theirs() {
    for (lang, yes_no) in [(Lang::En, "(y/n)"), (Lang::It, "(s/n)")] {
        let dir = tempdir().unwrap();
        let (path, session) = roster_register_for_two(dir.path());
        let mut laura = roster_as(&path, "laura", lang);
        let mut paolo = roster_as(&path, "paolo", lang);
        // Laura marks the first row excused; Paolo, who saw it
        // unmarked, presses Space.
        press(&mut laura, "x");
        press(&mut paolo, " ");
        let screen = render(&mut paolo, 80, 24);
        let question = prompt_line(&screen);
        assert!(question.contains("Laura Bianchi"), "{screen}");
        assert!(question.contains(yes_no), "{screen}");
        insta::assert_snapshot!(format!("mark_conflict_{lang:?}"), screen);
        assert_eq!(first_row(&path, session), (Some(0), Some("excused".into())));
        press(&mut paolo, "n");
        assert_eq!(first_row(&path, session), (Some(0), Some("excused".into())));
        // The cursor stayed on the row the question was about.
        let screen = render(&mut paolo, 80, 24);
        assert!(screen.contains("▶ Arena"), "{screen}");
    }
}

#[test]
fn answering_yes_replaces_theirs_knowingly() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::It);
    let mut paolo = roster_as(&path, "paolo", Lang::It);
    press(&mut laura, "x");
    press(&mut paolo, " ");
    press(&mut paolo, "s");
    assert_eq!(
        first_row(&path, session),
        (Some(240), Some("present".into()))
    );
    // Then on to the next row, as Space does.
    let screen = render(&mut paolo, 80, 24);
    assert!(screen.contains("▶ Bassi"), "{screen}");
}

#[test]
fn hours_typed_against_a_row_that_changed_meanwhile_ask_first() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    // Paolo opens `h 1`; Laura saves `h 3`; Paolo presses Enter.
    press(&mut paolo, "h1");
    press(&mut laura, "h3");
    press_key(&mut laura, Key::Enter);
    assert_eq!(
        first_row(&path, session),
        (Some(180), Some("left-early".into()))
    );
    // Paolo's screen redraws Laura's 3 h while he types: what he saw
    // when he pressed `h` is what his hours were typed against.
    render(&mut paolo, 80, 24);
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(prompt_line(&screen).contains("Laura Bianchi"), "{screen}");
    assert!(prompt_line(&screen).contains("(y/n)"), "{screen}");
    assert_eq!(
        first_row(&path, session),
        (Some(180), Some("left-early".into()))
    );
    press(&mut paolo, "n");
    assert_eq!(
        first_row(&path, session),
        (Some(180), Some("left-early".into()))
    );
}

#[test]
fn mark_all_over_rows_marked_meanwhile_asks_and_no_writes_nothing() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    press(&mut laura, "x");
    press(&mut paolo, "a");
    let screen = render(&mut paolo, 80, 24);
    assert!(prompt_line(&screen).contains("Laura Bianchi"), "{screen}");
    press(&mut paolo, "n");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let lines = store.roster(session).unwrap().lines;
    assert_eq!(lines[0].mark.as_deref(), Some("excused"));
    assert!(lines[1..].iter().all(|l| l.mark.is_none()));
    // Asked again on what is now shown, `a` leaves Laura's row alone.
    render(&mut paolo, 80, 24);
    press(&mut paolo, "a");
    let lines = store.roster(session).unwrap().lines;
    assert_eq!(lines[0].mark.as_deref(), Some("excused"));
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.mark.as_deref() == Some("present"))
    );
}

#[test]
fn a_rating_typed_over_one_changed_meanwhile_asks_first() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    press(&mut paolo, "r1");
    press(&mut laura, "r5");
    press_key(&mut laura, Key::Enter);
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(prompt_line(&screen).contains("Laura Bianchi"), "{screen}");
    assert!(prompt_line(&screen).contains("5"), "{screen}");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.rating(1).unwrap().map(|r| r.score), Some(5));
    press(&mut paolo, "n");
    assert_eq!(store.rating(1).unwrap().map(|r| r.score), Some(5));
}

#[test]
fn closing_a_roll_call_someone_closed_meanwhile_says_so_and_never_reopens() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::En);
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    press(&mut laura, "Cy");
    // Paolo saw it open: his `C` asks to close it, not for a reason to
    // reopen it.
    press(&mut paolo, "C");
    let screen = render(&mut paolo, 80, 24);
    assert!(
        prompt_line(&screen).contains("Close the roll call?"),
        "{screen}"
    );
    press(&mut paolo, "y");
    let screen = render(&mut paolo, 80, 24);
    assert!(
        screen.contains("Laura Bianchi already closed the roll call"),
        "{screen}"
    );
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(store.roster(session).unwrap().session.closed);
    assert_eq!(store.audit_count("session").unwrap(), 1);
}

#[test]
fn reopening_a_roll_call_someone_reopened_meanwhile_says_so() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut laura = roster_as(&path, "laura", Lang::It);
    press(&mut laura, "Cs");
    render(&mut laura, 80, 24);
    let mut paolo = roster_as(&path, "paolo", Lang::It);
    press(&mut laura, "Cerrore");
    press_key(&mut laura, Key::Enter);
    press(&mut paolo, "Cerrore");
    press_key(&mut paolo, Key::Enter);
    let screen = render(&mut paolo, 80, 24);
    assert!(
        screen.contains("Laura Bianchi ha già riaperto l'appello"),
        "{screen}"
    );
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert!(!store.roster(session).unwrap().session.closed);
    // One close, one reopen.
    assert_eq!(store.audit_count("session").unwrap(), 2);
}

#[test]
fn two_connections_the_later_write_gets_the_earlier_value_who_and_when() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let first = Store::open(&path, Access::ReadWrite).unwrap();
    let second = Store::open(&path, Access::ReadWrite).unwrap();
    let laura = Actor::new("laura", Clock::at_noon(common::TODAY));
    let paolo = Actor::new("paolo", Clock::at_noon(common::TODAY));
    let enrolment = first.roster(session).unwrap().lines[0].enrolment_id;
    let excused = Some(Attendance::hours(0, Mark::Excused));
    let present = Some(Attendance::hours(240, Mark::Present));
    let mark = |store: &Store, actor: &Actor, after| {
        store
            .mark(
                actor,
                session,
                &[MarkChange {
                    enrolment_id: enrolment,
                    before: None,
                    after,
                }],
            )
            .unwrap()
            .unwrap()
    };
    assert!(mark(&first, &laura, excused).conflicts.is_empty());
    let report = mark(&second, &paolo, present);
    assert!(report.written.is_empty());
    let conflict = &report.conflicts[0];
    assert_eq!(conflict.current, excused);
    assert_eq!(conflict.by.as_deref(), Some("Laura Bianchi"));
    assert_eq!(conflict.at.as_deref(), Some("2026-11-26T12:00:00Z"));
    // A mark taken away meanwhile: who and when come from the audit log.
    first
        .mark(
            &laura,
            session,
            &[MarkChange {
                enrolment_id: enrolment,
                before: excused,
                after: None,
            }],
        )
        .unwrap()
        .unwrap();
    let report = second
        .mark(
            &paolo,
            session,
            &[MarkChange {
                enrolment_id: enrolment,
                before: excused,
                after: present,
            }],
        )
        .unwrap()
        .unwrap();
    assert_eq!(report.conflicts[0].current, None);
    assert_eq!(report.conflicts[0].by.as_deref(), Some("Laura Bianchi"));
    assert_eq!(first_row(&path, session), (None, None));

    // Ratings: the later one, typed over what it saw, is told.
    assert_eq!(
        first.rate(&laura, enrolment, None, 5, None).unwrap(),
        Ok(RatingOutcome::Saved)
    );
    match second.rate(&paolo, enrolment, None, 1, None).unwrap() {
        Ok(RatingOutcome::Stale { current, by, .. }) => {
            assert_eq!(
                current,
                Some(Rating {
                    score: 5,
                    comment: None
                })
            );
            assert_eq!(by.as_deref(), Some("Laura Bianchi"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(first.rating(enrolment).unwrap().map(|r| r.score), Some(5));

    // Closing twice: the second is told who closed it.
    assert_eq!(
        first.close_roll_call(&laura, session).unwrap(),
        Ok(RollCallOutcome::Done)
    );
    assert_eq!(
        second.close_roll_call(&paolo, session).unwrap(),
        Ok(RollCallOutcome::AlreadyDone {
            by: Some("Laura Bianchi".into()),
            at: Some("2026-11-26T12:00:00Z".into())
        })
    );
}

#[test]
fn undo_over_a_mark_someone_changed_since_asks_first() {
    let dir = tempdir().unwrap();
    let (path, session) = roster_register_for_two(dir.path());
    let mut paolo = roster_as(&path, "paolo", Lang::En);
    // Paolo marks the first row present; Laura, opening the roster after
    // it, excuses her.
    press(&mut paolo, " ");
    let mut laura = roster_as(&path, "laura", Lang::En);
    press(&mut laura, "x");
    // Paolo's undo would take Laura's mark away: he is asked.
    press(&mut paolo, "u");
    let screen = render(&mut paolo, 80, 24);
    assert!(prompt_line(&screen).contains("Laura Bianchi"), "{screen}");
    press(&mut paolo, "n");
    assert_eq!(first_row(&path, session), (Some(0), Some("excused".into())));
    // And the undo does not come back to ask again unseen.
    render(&mut paolo, 80, 24);
    press(&mut paolo, "u");
    assert_eq!(first_row(&path, session), (Some(0), Some("excused".into())));
}
