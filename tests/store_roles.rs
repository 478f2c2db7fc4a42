//! Roles are the store's rule: every write that docs/roles.md keeps for
//! coordinators and admins ("decide requests, edit people, modules and
//! sessions") is refused to a tutor by the store itself, whoever calls
//! it, and leaves the register as it was; the same writes by a
//! coordinator go through.

mod common;

use common::{actor, add_tutors_of_m01, roster_register};
use jiff::civil::date;
use registro::context::{Actor, Clock};
use registro::domain::Gender;
use registro::store::planning::{ModuleDraft, PersonDraft, SessionDraft, Vocabulary};
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

fn module(code: &str) -> ModuleDraft {
    ModuleDraft {
        code: code.into(),
        title: "Lavoro e stranieri".into(),
        axis_code: "I".into(),
        location: "Crema".into(),
        venue: None,
        planned_minutes: 16 * 60,
        capacity: 25,
        starts_on: Some(date(2027, 3, 1)),
        ends_on: Some(date(2027, 3, 31)),
        tutors: Vec::new(),
    }
}

fn session(module_id: i64) -> SessionDraft {
    SessionDraft {
        module_id,
        date: date(2027, 3, 2),
        start_minute: 9 * 60,
        end_minute: 13 * 60,
        venue: None,
        trainer: None,
        topic: None,
    }
}

fn person(surname: &str) -> PersonDraft {
    PersonDraft {
        surname: surname.into(),
        given_name: "Anna".into(),
        gender: Gender::F,
        tax_code: None,
        email: None,
        phone: None,
        organisation: "Comune di Cremona".into(),
        organisation_type: "Comune".into(),
        job_title: None,
        language: Default::default(),
    }
}

/// Every write kept from tutors, by name, on the roster register (M01,
/// sessions 1–4, people 1–25, enrolment 1 accepted): each returns
/// whether the store let it through.
type Write = (&'static str, fn(&Store, &Actor) -> Result<(), StoreError>);

const WRITES: &[Write] = &[
    ("create_module", |s, a| {
        s.create_module(a, &module("M09")).map(drop)
    }),
    ("update_module", |s, a| {
        s.update_module(a, 1, 1, &module("M01")).map(drop)
    }),
    ("delete_module", |s, a| {
        // One with nothing in it, that a delete would remove.
        let id = s.create_module(&actor(), &module("M08")).unwrap();
        s.delete_module(a, id).map(drop)
    }),
    ("create_sessions", |s, a| {
        s.create_sessions(a, &[session(1)]).map(drop)
    }),
    ("delete_session", |s, a| s.delete_session(a, 4).map(drop)),
    ("set_cancelled", |s, a| s.set_cancelled(a, 4, true)),
    ("add_word", |s, a| {
        s.add_word(a, Vocabulary::Town, "Soresina")
    }),
    ("remove_word", |s, a| {
        s.remove_word(a, Vocabulary::Town, "Cremona")
    }),
    ("add_axis", |s, a| s.add_axis(a, "IX", "Nuovo asse")),
    ("remove_axis", |s, a| s.remove_axis(a, "IV").map(drop)),
    ("create_person", |s, a| {
        s.create_person(a, &person("Nuova")).map(drop)
    }),
    ("update_person", |s, a| {
        s.update_person(a, 1, 1, &person("Arena")).map(drop)
    }),
    ("merge_people", |s, a| s.merge_people(a, 1, 2).map(drop)),
    ("decide", |s, a| {
        s.decide(a, 1, registro::domain::Status::Withdrawn, Some("x"), false)
            .map(drop)
    }),
];

fn as_user(login: &str) -> Actor {
    Actor::new(login, Clock::at_noon(common::TODAY))
}

#[test]
fn a_tutor_is_refused_every_write_kept_for_coordinators() {
    let mut let_through = Vec::new();
    for (name, write) in WRITES {
        let dir = tempdir().unwrap();
        let (path, _) = roster_register(dir.path());
        add_tutors_of_m01(&path);
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        // What the register holds but for what the write itself does
        // (a module it makes as the admin to delete).
        let tutor = as_user("tutor.rossi");
        let audit_by_tutor = || {
            rusqlite::Connection::open(&path)
                .unwrap()
                .query_row(
                    "SELECT count(*) FROM audit WHERE user = 'tutor.rossi'",
                    [],
                    |row| row.get::<_, i64>(0),
                )
                .unwrap()
        };
        let result = write(&store, &tutor);
        drop(store);
        let wrote = audit_by_tutor() != 0;
        if wrote || !matches!(result, Err(StoreError::Denied { .. })) {
            let_through.push(format!("{name}: {result:?}, wrote: {wrote}"));
        }
    }
    assert!(let_through.is_empty(), "a tutor may: {let_through:#?}");
}

#[test]
fn a_coordinator_may_make_each_of_them() {
    for (name, write) in WRITES {
        let dir = tempdir().unwrap();
        let (path, _) = roster_register(dir.path());
        let store = Store::open(&path, Access::ReadWrite).unwrap();
        store
            .add_user(
                &actor(),
                "coordinatrice",
                None,
                registro::domain::Role::Coordinator,
                &[],
            )
            .unwrap();
        let result = write(&store, &as_user("coordinatrice"));
        assert!(
            !matches!(result, Err(StoreError::Denied { .. })),
            "{name}: {result:?}"
        );
    }
}
