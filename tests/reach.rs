//! What each user reaches, as the store's own rule (issue 19): every
//! detail and list by role, on a real register, and the paths of keys a
//! tutor used to reach other modules' people.

mod common;

use registro::access::User;
use registro::store::lists::{Modules, Notes, People};
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

/// The demo register, its tutors' modules, and the people and notes the
/// table needs, found by asking the register.
struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    /// A module of tutor.rossi, and one of nobody he knows.
    own_module: i64,
    other_module: i64,
    own_session: i64,
    other_session: i64,
    /// Participants of each, in one module only.
    own_participant: i64,
    other_participant: i64,
    /// Someone whose only request to his module was rejected.
    rejected_only: Option<i64>,
}

fn one(store: &Store, sql: &str) -> Option<i64> {
    store
        .write(|tx| Ok(tx.query_row(sql, [], |row| row.get::<_, i64>(0)).ok()))
        .unwrap()
}

const ROSSI: &str = "(SELECT um.module_id FROM user_module um JOIN app_user u ON u.id = um.user_id WHERE u.login = 'tutor.rossi')";

fn fixture() -> Fixture {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let own_module = one(
        &store,
        &format!("SELECT min(id) FROM module WHERE id IN {ROSSI}"),
    )
    .unwrap();
    let other_module = one(
        &store,
        "SELECT min(id) FROM module WHERE id NOT IN (SELECT module_id FROM user_module)",
    )
    .or_else(|| {
        one(
            &store,
            &format!("SELECT min(id) FROM module WHERE id NOT IN {ROSSI}"),
        )
    })
    .unwrap();
    let session_of = |module: i64| {
        one(
            &store,
            &format!("SELECT min(id) FROM session WHERE module_id = {module}"),
        )
        .unwrap()
    };
    let only_in = |module: i64, not: &str| {
        one(
            &store,
            &format!(
                "SELECT min(person_id) FROM enrolment WHERE module_id = {module} AND status = 'accepted'
                 AND person_id NOT IN (SELECT person_id FROM enrolment WHERE module_id IN {not}
                                       AND status IN ('accepted', 'withdrawn'))"
            ),
        )
        .unwrap()
    };
    let rejected_only = one(
        &store,
        &format!(
            "SELECT min(person_id) FROM enrolment WHERE status = 'rejected' AND module_id IN {ROSSI}
             AND person_id NOT IN (SELECT person_id FROM enrolment WHERE module_id IN {ROSSI}
                                   AND status IN ('accepted', 'withdrawn'))"
        ),
    );
    Fixture {
        own_session: session_of(own_module),
        other_session: session_of(other_module),
        own_participant: only_in(own_module, "(-1)"),
        other_participant: only_in(other_module, ROSSI),
        rejected_only,
        own_module,
        other_module,
        path,
        _dir: dir,
    }
}

/// A connection reading as `login`.
fn reading_as(path: &std::path::Path, login: &str) -> (Store, User) {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let user = store.acting_user(login).unwrap();
    store.read_as(&user);
    (store, user)
}

fn reached<T>(result: Result<T, StoreError>) -> bool {
    match result {
        Ok(_) => true,
        Err(StoreError::OutOfReach { .. }) => false,
        Err(other) => panic!("neither reached nor out of reach: {other}"),
    }
}

#[test]
fn every_detail_by_role() {
    let f = fixture();
    let today = common::TODAY;
    // (login, sees everything)
    for (login, everything) in [
        ("admin", true),
        ("coordinatrice", true),
        ("tutor.rossi", false),
    ] {
        let (store, _) = reading_as(&f.path, login);
        let cases = [
            (
                "own module",
                reached(store.module_detail(f.own_module, today)),
                true,
            ),
            (
                "other module",
                reached(store.module_detail(f.other_module, today)),
                everything,
            ),
            ("own roster", reached(store.roster(f.own_session)), true),
            (
                "other roster",
                reached(store.roster(f.other_session)),
                everything,
            ),
            (
                "own participant",
                reached(store.person_card(f.own_participant, today)),
                true,
            ),
            (
                "other participant",
                reached(store.person_card(f.other_participant, today)),
                everything,
            ),
        ];
        for (what, got, expected) in cases {
            assert_eq!(got, expected, "{login}: {what}");
        }
        if let Some(rejected) = f.rejected_only {
            assert_eq!(
                reached(store.person_card(rejected, today)),
                everything,
                "{login}: a person whose only request was rejected"
            );
        }
    }
}

#[test]
fn a_tutor_s_card_of_his_participant_shows_only_his_modules() {
    let f = fixture();
    let (store, user) = reading_as(&f.path, "tutor.rossi");
    // Someone in his module who also asked for others.
    let person = one(
        &store,
        &format!(
            "SELECT min(e.person_id) FROM enrolment e WHERE e.module_id IN {ROSSI}
             AND e.status = 'accepted' AND EXISTS (SELECT 1 FROM enrolment o
               WHERE o.person_id = e.person_id AND o.module_id NOT IN {ROSSI})"
        ),
    );
    let Some(person) = person else {
        panic!("the demo has people in several modules");
    };
    let card = store.person_card(person, common::TODAY).unwrap();
    assert!(!card.enrolments.is_empty());
    for line in &card.enrolments {
        assert!(
            user.modules.contains(&line.module_id),
            "{}",
            line.module_code
        );
        assert!(matches!(line.status.as_str(), "accepted" | "withdrawn"));
    }
    // A coordinator's card of the same person shows every request.
    let (coordinator, _) = reading_as(&f.path, "coordinatrice");
    let full = coordinator.person_card(person, common::TODAY).unwrap();
    assert!(full.enrolments.len() > card.enrolments.len());
}

#[test]
fn the_calendar_of_a_tutor_holds_only_his_sessions() {
    let f = fixture();
    let (store, user) = reading_as(&f.path, "tutor.rossi");
    let from = jiff::civil::date(2000, 1, 1);
    let to = jiff::civil::date(2100, 1, 1);
    let his = store.sessions_between(from, to).unwrap();
    let (coordinator, _) = reading_as(&f.path, "coordinatrice");
    let all = coordinator.sessions_between(from, to).unwrap();
    assert!(!his.is_empty() && his.len() < all.len());
    for session in &his {
        assert!(reached(store.roster(session.id)), "{}", session.module_code);
    }
    assert!(user.modules.contains(&f.own_module));
}

#[test]
fn the_lists_scopes_by_role() {
    let f = fixture();
    let (coordinator, _) = reading_as(&f.path, "coordinatrice");
    let all = coordinator.scopes("coordinatrice").unwrap();
    assert!(all.sees_everything);
    let (store, _) = reading_as(&f.path, "tutor.rossi");
    let his = store.scopes("tutor.rossi").unwrap();
    assert!(!his.sees_everything);
    let modules = (
        store.count::<Modules>("", &his.modules).unwrap(),
        store.count::<Modules>("", &all.modules).unwrap(),
    );
    assert!(modules.0 > 0 && modules.0 < modules.1, "{modules:?}");
    let people = (
        store.count::<People>("", &his.people).unwrap(),
        store.count::<People>("", &all.people).unwrap(),
    );
    assert!(people.0 > 0 && people.0 < people.1, "{people:?}");
    let notes = (
        store.count::<Notes>("", &his.notes).unwrap(),
        store.count::<Notes>("", &all.notes).unwrap(),
    );
    assert!(notes.0 < notes.1, "{notes:?}");
    // The people he sees are exactly those he reaches, by the detail's rule.
    let expected = one(
        &store,
        &format!(
            "SELECT count(DISTINCT person_id) FROM enrolment
             WHERE module_id IN {ROSSI} AND status IN ('accepted', 'withdrawn')"
        ),
    )
    .unwrap() as usize;
    assert_eq!(people.0, expected);
    // A filter finds nothing outside either: a participant of another
    // module only, by surname.
    let surname = coordinator
        .person_card(f.other_participant, common::TODAY)
        .unwrap()
        .person
        .surname;
    let found_by_him = store.count::<People>(&surname, &his.people).unwrap();
    let found_by_her = coordinator.count::<People>(&surname, &all.people).unwrap();
    assert!(found_by_her >= 1);
    assert!(found_by_him < found_by_her, "{surname}");
}
