//! Decisions that can be taken back: any status to any other with a
//! reason, `u` in the queue, a decision acting on what the user saw, and
//! the report counting what the requests are now.

mod common;

use std::path::Path;

use common::{TODAY, actor, press, press_key, queue_register, render};
use proptest::prelude::*;
use registro::context::{Actor, Clock};
use registro::domain::{Role, Status};
use registro::i18n::Lang;
use registro::keys::Key;
use registro::report::Report;
use registro::store::enrolments::Decision;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

fn status_of(path: &Path, surname: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT e.status FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.surname = ?1",
        [surname],
        |row| row.get(0),
    )
    .unwrap()
}

fn request_of(path: &Path, surname: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT e.id FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.surname = ?1",
        [surname],
        |row| row.get(0),
    )
    .unwrap()
}

/// A register with a second user, Bruna, a coordinator.
fn with_bruna(path: &Path) {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    store
        .add_user(&actor(), "bruna", None, Role::Coordinator, &[])
        .unwrap();
}

fn bruna() -> Actor {
    Actor::new("bruna", Clock::at_noon(TODAY))
}

fn app_as(path: &Path, user: &str, lang: Lang) -> App {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let mut settings = common::settings(lang);
    settings.user = user.into();
    let mut app = App::new(store, settings);
    press(&mut app, "4");
    render(&mut app, 100, 30);
    app
}

#[test]
fn a_rejection_is_corrected_to_an_acceptance_with_a_reason_and_the_history_shows_both() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app_as(&path, "admin", Lang::En);
    press(&mut app, "Rduplicato");
    press_key(&mut app, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "rejected");
    press(&mut app, "/Rossi");
    press_key(&mut app, Key::Enter);
    press(&mut app, "A");
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Correcting rejected → accepted, why?"),
        "{screen}"
    );
    // Without a reason nothing is written.
    press_key(&mut app, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "rejected");
    press(&mut app, "errore di battitura");
    press_key(&mut app, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let history = store
        .request_detail(request_of(&path, "Rossi"))
        .unwrap()
        .history;
    let steps: Vec<_> = history
        .iter()
        .map(|h| (h.from.clone(), h.to.clone(), h.reason.clone(), h.by.clone()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (
                Some("requested".into()),
                "rejected".into(),
                Some("duplicato".into()),
                "admin".into()
            ),
            (
                Some("rejected".into()),
                "accepted".into(),
                Some("errore di battitura".into()),
                "admin".into()
            ),
        ]
    );
    let screen = render(&mut app, 180, 50);
    assert!(
        screen.contains("admin: rejected → accepted: errore di battitura"),
        "{screen}"
    );
}

#[test]
fn withdrawn_and_accepted_requests_move_anywhere_through_the_store_with_a_reason() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = request_of(&path, "Rossi");
    let admin = actor();
    assert_eq!(
        store
            .decide(&admin, rossi, Status::Accepted, None, false)
            .unwrap(),
        Decision::Done
    );
    // A correction of a decision needs its reason.
    assert_eq!(
        store
            .decide(&admin, rossi, Status::Waitlisted, None, false)
            .unwrap(),
        Decision::NeedsReason
    );
    for (to, why) in [
        (Status::Withdrawn, "rinuncia"),
        (Status::Accepted, "ci ha ripensato"),
        (Status::Rejected, "fuori provincia"),
        (Status::Waitlisted, "ricorso"),
    ] {
        assert_eq!(
            store.decide(&admin, rossi, to, Some(why), false).unwrap(),
            Decision::Done,
            "{to}"
        );
        assert_eq!(status_of(&path, "Rossi"), to.as_str());
    }
    assert_eq!(
        store
            .decide(&admin, rossi, Status::Waitlisted, Some("x"), false)
            .unwrap(),
        Decision::NotAllowed {
            from: Status::Waitlisted,
            to: Status::Waitlisted
        }
    );
}

#[test]
fn u_takes_back_a_stray_acceptance_and_says_so() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app_as(&path, "admin", Lang::It);
    let screen = render(&mut app, 100, 30);
    assert!(screen.contains("annulla"), "the hint bar names u: {screen}");
    press(&mut app, "A");
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    press(&mut app, "u");
    assert_eq!(status_of(&path, "Rossi"), "requested");
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Annullata: la domanda di Rossi Maria M02 è di nuovo ricevuta"),
        "{screen}"
    );
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let history = store
        .request_detail(request_of(&path, "Rossi"))
        .unwrap()
        .history;
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].from.as_deref(), Some("accepted"));
    assert_eq!(history[1].to, "requested");
    assert_eq!(history[1].reason.as_deref(), Some("annullata (u)"));
    // Nothing more of this user's to take back.
    press(&mut app, "u");
    assert!(render(&mut app, 100, 30).contains("Nessuna tua decisione da annullare qui."));
    assert_eq!(status_of(&path, "Rossi"), "requested");
}

#[test]
fn u_takes_back_decisions_in_turn_latest_first() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app_as(&path, "admin", Lang::En);
    press(&mut app, "AW"); // Rossi accepted, Bianchi waitlisted
    assert_eq!(status_of(&path, "Bianchi"), "waitlisted");
    press(&mut app, "u");
    assert_eq!(status_of(&path, "Bianchi"), "requested");
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    press(&mut app, "u");
    assert_eq!(status_of(&path, "Rossi"), "requested");
}

#[test]
fn a_decision_on_a_request_changed_since_by_another_connection_is_a_typed_conflict() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    with_bruna(&path);
    let mine = Store::open(&path, Access::ReadWrite).unwrap();
    let hers = Store::open(&path, Access::ReadWrite).unwrap();
    let rossi = request_of(&path, "Rossi");
    let seen = Status::parse(&mine.request_detail(rossi).unwrap().status).unwrap();
    assert_eq!(
        hers.decide_seen(&bruna(), rossi, seen, Status::Accepted, None, false)
            .unwrap(),
        Decision::Done
    );
    let answer = mine
        .decide_seen(&actor(), rossi, seen, Status::Waitlisted, None, false)
        .unwrap();
    let Decision::Changed(conflict) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(conflict.seen, Status::Requested);
    assert_eq!(conflict.now, Status::Accepted);
    assert_eq!(conflict.by, "bruna");
    assert!(conflict.at.starts_with("2026-11-26"), "{}", conflict.at);
    assert_eq!(status_of(&path, "Rossi"), "accepted");
}

#[test]
fn two_screens_on_one_register_the_second_decision_asks_before_replacing_the_first() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    with_bruna(&path);
    let mut mine = app_as(&path, "admin", Lang::En);
    let mut hers = app_as(&path, "bruna", Lang::En);
    // I start rejecting Rossi; while I type the reason, Bruna accepts her.
    press(&mut mine, "Rfuori zona");
    press(&mut hers, "A");
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    press_key(&mut mine, Key::Enter);
    let screen = render(&mut mine, 120, 30);
    assert!(
        screen.contains("The request is now accepted (bruna")
            && screen.contains("not requested as shown. Make it rejected all the same?"),
        "the question names who and what: {screen}"
    );
    press(&mut mine, "n");
    assert_eq!(status_of(&path, "Rossi"), "accepted");
    // Again, on what Bruna did next (a withdrawal): this time I agree.
    press(&mut mine, "/Rossi");
    press_key(&mut mine, Key::Enter);
    press(&mut mine, "Rfuori zona");
    press(&mut hers, "/Rossi");
    press_key(&mut hers, Key::Enter);
    press(&mut hers, "X1");
    press_key(&mut hers, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "withdrawn");
    press_key(&mut mine, Key::Enter);
    assert!(render(&mut mine, 120, 30).contains("now withdrawn (bruna"));
    press(&mut mine, "y");
    assert_eq!(status_of(&path, "Rossi"), "rejected");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let history = store
        .request_detail(request_of(&path, "Rossi"))
        .unwrap()
        .history;
    let last = history.last().unwrap();
    assert_eq!(
        (last.from.as_deref(), last.to.as_str(), last.by.as_str()),
        (Some("withdrawn"), "rejected", "admin")
    );
}

#[test]
fn accepting_over_capacity_names_who_was_waiting_before() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app_as(&path, "admin", Lang::It);
    press(&mut app, "AA"); // two places of two
    press(&mut app, "A"); // Verdi
    let screen = render(&mut app, 120, 30);
    assert!(
        screen.contains("In attesa prima di questa persona: 1 (Gallo Ida)"),
        "{screen}"
    );
    press(&mut app, "n");
    assert_eq!(status_of(&path, "Verdi"), "requested");
}

#[test]
fn a_place_is_offered_only_when_one_is_free() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let mut app = app_as(&path, "admin", Lang::En);
    press(&mut app, "AA");
    press(&mut app, "Ay"); // Verdi beyond capacity: 3 of 2
    assert_eq!(status_of(&path, "Verdi"), "accepted");
    press(&mut app, "/Rossi");
    press_key(&mut app, Key::Enter);
    press(&mut app, "X1");
    press_key(&mut app, Key::Enter);
    assert_eq!(status_of(&path, "Rossi"), "withdrawn");
    // Two of two places still taken: no place to offer.
    let screen = render(&mut app, 100, 30);
    assert!(!screen.contains("A place is free"), "{screen}");
    assert_eq!(status_of(&path, "Gallo"), "waitlisted");
}

#[test]
fn the_form_asks_before_a_participation_beyond_capacity() {
    let dir = tempdir().unwrap();
    let path = queue_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    for surname in ["Rossi", "Bianchi"] {
        store
            .decide(
                &actor(),
                request_of(&path, surname),
                Status::Accepted,
                None,
                false,
            )
            .unwrap();
    }
    let crowding = store.crowding_for_new_participant(1).unwrap().unwrap();
    assert_eq!((crowding.participants, crowding.capacity), (2, 2));
    assert_eq!(crowding.waiting_before, vec!["Gallo Ida".to_string()]);
    store
        .decide(
            &actor(),
            request_of(&path, "Rossi"),
            Status::Withdrawn,
            Some("x"),
            false,
        )
        .unwrap();
    assert_eq!(store.crowding_for_new_participant(1).unwrap(), None);
}

/// The report's request counts, and a recount of the statuses.
fn counts(path: &Path) -> ([i64; 5], [i64; 5]) {
    let report = Report::gather(&[path.to_path_buf()], "admin", TODAY, 0.7).unwrap();
    let f = report.total().figures();
    let reported = [
        f.pending,
        f.participants,
        f.rejected,
        f.waitlisted,
        f.withdrawn,
    ];
    let conn = rusqlite::Connection::open(path).unwrap();
    let recount = [
        "requested",
        "accepted",
        "rejected",
        "waitlisted",
        "withdrawn",
    ]
    .map(|s| {
        conn.query_row(
            "SELECT count(*) FROM enrolment WHERE status = ?1",
            [s],
            |row| row.get(0),
        )
        .unwrap()
    });
    (reported, recount)
}

/// Each request's history, replayed from a new request, ends at its
/// status, each step starting where the one before ended.
fn histories_replay(store: &Store, path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM enrolment")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for id in ids {
        let detail = store.request_detail(id).unwrap();
        // The register's fixture writes Gallo's waiting without a
        // history: the replay starts where the first step does.
        let mut at: Option<String> = None;
        for step in &detail.history {
            if let (Some(at), Some(from)) = (&at, &step.from) {
                assert_eq!(from, at, "request {id}: {:?}", detail.history);
            }
            at = Some(step.to.clone());
        }
        if let Some(at) = at {
            assert_eq!(at, detail.status, "request {id}");
        }
    }
}

fn any_status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_decisions_and_corrections_leave_the_report_equal_to_a_recount(
        steps in prop::collection::vec((0usize..5, any_status(), any::<bool>(), any::<bool>()), 1..30)
    ) {
        let dir = tempdir().unwrap();
        let path = queue_register(dir.path());
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        let admin = actor();
        for (request, to, with_reason, beyond) in steps {
            let id = request as i64 + 1;
            let reason = with_reason.then_some("perché");
            let answer = store.decide(&admin, id, to, reason, beyond).unwrap();
            let (reported, recount) = counts(&path);
            prop_assert_eq!(reported, recount, "after {:?} on {}: {:?}", to, id, answer);
        }
        histories_replay(&store, &path);
    }
}
