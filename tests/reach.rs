//! What each user reaches, as the store's own rule (`store/reach.rs`):
//! every list and every read by id, for every kind of user, against a
//! real register (the demo, made by `boss`, with the coordinator
//! `coordinatrice` and the tutors `tutor.rossi` and `tutor.ferri`), plus
//! a removed user and a name the register does not know.

mod common;

use std::path::PathBuf;

use registro::context::{Actor, Clock};
use registro::domain::Role;
use registro::store::audit_log::AuditLog;
use registro::store::lists::{Enrolments, ListSpec, Modules, Notes, People, Sessions};
use registro::store::notes::NoteSubject;
use registro::store::{Access, DEFAULT_AXES, Store, StoreError};
use tempfile::{TempDir, tempdir};

const ADMIN: &str = "boss";
const COORDINATOR: &str = "coordinatrice";
const TUTOR: &str = "tutor.rossi";
const OTHER_TUTOR: &str = "tutor.ferri";
const REMOVED: &str = "ex.tutor";
const UNKNOWN: &str = "nobody";

fn actor(user: &str) -> Actor {
    Actor::new(user, Clock::at_noon(common::TODAY))
}

/// The demo, with a removed tutor and a stranger whose only request to
/// the tutor's module was rejected.
struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    /// A module of `TUTOR` and one of `OTHER_TUTOR` only.
    own_module: i64,
    other_module: i64,
    own_session: i64,
    other_session: i64,
    /// A participant of `own_module`.
    participant: i64,
    /// Someone whose only request to `own_module` was rejected.
    rejected: i64,
    /// A participant of `other_module` only.
    stranger: i64,
    /// Notes about `participant` and about `stranger`.
    own_note: i64,
    other_note: i64,
}

fn one(store: &Store, sql: &str) -> i64 {
    store
        .write(|tx| Ok(tx.query_row(sql, [], |row| row.get::<_, i64>(0))?))
        .unwrap()
}

fn fixture() -> Fixture {
    let dir = tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::create(&path, &actor(ADMIN), DEFAULT_AXES).unwrap();
    registro::demo::populate(&mut store, &actor(ADMIN), common::TODAY).unwrap();
    store
        .add_user(&actor(ADMIN), REMOVED, None, Role::Tutor, &[])
        .unwrap();
    store.remove_user(&actor(ADMIN), REMOVED).unwrap();
    let modules_of = |login: &str| {
        format!(
            "SELECT um.module_id FROM user_module um JOIN app_user u ON u.id = um.user_id \
             WHERE u.login = '{login}'"
        )
    };
    let own_module = one(
        &store,
        &format!(
            "SELECT min(module_id) FROM ({}) WHERE module_id NOT IN ({})",
            modules_of(TUTOR),
            modules_of(OTHER_TUTOR)
        ),
    );
    let other_module = one(
        &store,
        &format!(
            "SELECT min(module_id) FROM ({}) WHERE module_id NOT IN ({})",
            modules_of(OTHER_TUTOR),
            modules_of(TUTOR)
        ),
    );
    let session_of = |module: i64| {
        one(
            &store,
            &format!("SELECT min(id) FROM session WHERE module_id = {module}"),
        )
    };
    let (own_session, other_session) = (session_of(own_module), session_of(other_module));
    let participant = one(
        &store,
        &format!(
            "SELECT min(person_id) FROM enrolment WHERE module_id = {own_module} AND status = 'accepted'
             AND person_id NOT IN (SELECT person_id FROM enrolment WHERE module_id IN ({}))",
            modules_of(OTHER_TUTOR)
        ),
    );
    let stranger = one(
        &store,
        &format!(
            "SELECT min(person_id) FROM enrolment WHERE module_id = {other_module} AND status = 'accepted'
             AND person_id NOT IN (SELECT person_id FROM enrolment WHERE module_id IN ({}))",
            modules_of(TUTOR)
        ),
    );
    let rejected = store
        .write(|tx| {
            tx.execute(
                "INSERT INTO person(surname, given_name, gender, email)
                 VALUES ('Respinta', 'Sola', 'F', 'respinta@example.org')",
                [],
            )?;
            let person = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO enrolment(person_id, module_id, received_on, status, reason)
                 VALUES (?1, ?2, '2026-11-01', 'rejected', 'full')",
                [person, own_module],
            )?;
            Ok(person)
        })
        .unwrap();
    let own_note = store
        .add_note(
            &actor(COORDINATOR),
            &[NoteSubject::Person(participant)],
            "about a participant",
            None,
            None,
        )
        .unwrap();
    let other_note = store
        .add_note(
            &actor(COORDINATOR),
            &[NoteSubject::Person(stranger)],
            "about a stranger",
            None,
            None,
        )
        .unwrap();
    drop(store);
    Fixture {
        _dir: dir,
        path,
        own_module,
        other_module,
        own_session,
        other_session,
        participant,
        rejected,
        stranger,
        own_note,
        other_note,
    }
}

/// What a read gives a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Got {
    Read,
    /// Refused: the thing is outside the user's reach.
    OutOfReach,
    /// Refused: the user is not an active user of the register.
    UnknownUser,
}

fn got<T>(result: Result<T, StoreError>) -> Got {
    match result {
        Ok(_) => Got::Read,
        Err(StoreError::OutOfReach { .. }) => Got::OutOfReach,
        Err(StoreError::UnknownUser { .. }) => Got::UnknownUser,
        Err(other) => panic!("an unexpected refusal: {other:?}"),
    }
}

/// Every read by id, as one user: the reach is the store's, so an
/// unknown or removed user is refused before anything is read.
fn read_as(store: &Store, f: &Fixture, user: &str, read: &str) -> Got {
    let reach = match store.reach(user) {
        Ok(reach) => reach,
        Err(error) => return got::<()>(Err(error)),
    };
    let today = common::TODAY;
    match read {
        "own module" => got(store.module_detail(&reach, f.own_module, today)),
        "other module" => got(store.module_detail(&reach, f.other_module, today)),
        "own session" => got(store.check_session(&reach, f.own_session)),
        "other session" => got(store.check_session(&reach, f.other_session)),
        "participant" => got(store.person_card(&reach, f.participant, today)),
        "rejected" => got(store.person_card(&reach, f.rejected, today)),
        "stranger" => got(store.person_card(&reach, f.stranger, today)),
        "own note" => got(store.note(&reach, f.own_note)),
        "other note" => got(store.note(&reach, f.other_note)),
        _ => unreachable!("{read}"),
    }
}

#[test]
fn every_read_by_id_for_every_kind_of_user() {
    use Got::*;
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadOnly).unwrap();
    let reads = [
        "own module",
        "other module",
        "own session",
        "other session",
        "participant",
        "rejected",
        "stranger",
        "own note",
        "other note",
    ];
    let everything = [Read; 9];
    let table: &[(&str, [Got; 9])] = &[
        (ADMIN, everything),
        (COORDINATOR, everything),
        (
            TUTOR,
            [
                Read, OutOfReach, Read, OutOfReach, Read, OutOfReach, OutOfReach, Read, OutOfReach,
            ],
        ),
        (
            OTHER_TUTOR,
            [
                OutOfReach, Read, OutOfReach, Read, OutOfReach, OutOfReach, Read, OutOfReach, Read,
            ],
        ),
        (REMOVED, [UnknownUser; 9]),
        (UNKNOWN, [UnknownUser; 9]),
    ];
    for (user, expected) in table {
        for (read, expected) in reads.iter().zip(expected) {
            assert_eq!(
                read_as(&store, &f, user, read),
                *expected,
                "{user} reading the {read}"
            );
        }
    }
}

/// How many rows list `S` holds for a user with no filter, and with one.
fn rows<S: ListSpec>(store: &Store, user: &str, filter: &str) -> usize {
    let reach = store.reach(user).unwrap();
    store.count::<S>(filter, &reach.scope::<S>()).unwrap()
}

#[test]
fn every_list_for_every_kind_of_user() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadOnly).unwrap();
    let all = |table: &str| one(&store, &format!("SELECT count(*) FROM {table}")) as usize;
    let mine = |login: &str| {
        format!(
            "SELECT um.module_id FROM user_module um JOIN app_user u ON u.id = um.user_id \
             WHERE u.login = '{login}'"
        )
    };
    // Counted here by hand, apart from the rule's own SQL.
    let participations = |login: &str| {
        format!(
            "SELECT e.id FROM enrolment e WHERE e.module_id IN ({}) AND (e.status = 'accepted'
               OR (e.status = 'withdrawn' AND e.id IN (SELECT enrolment_id FROM enrolment_history
                                                         WHERE to_status = 'accepted')))",
            mine(login)
        )
    };
    for user in [ADMIN, COORDINATOR] {
        assert_eq!(rows::<Modules>(&store, user, ""), all("module"), "{user}");
        assert_eq!(rows::<Sessions>(&store, user, ""), all("session"), "{user}");
        assert_eq!(rows::<People>(&store, user, ""), all("person"), "{user}");
        assert_eq!(
            rows::<Enrolments>(&store, user, ""),
            all("enrolment"),
            "{user}"
        );
        assert_eq!(rows::<Notes>(&store, user, ""), all("note"), "{user}");
        assert_eq!(rows::<AuditLog>(&store, user, ""), all("audit"), "{user}");
    }
    for user in [TUTOR, OTHER_TUTOR] {
        let count = |sql: String| one(&store, &sql) as usize;
        let modules = count(format!("SELECT count(*) FROM ({})", mine(user)));
        assert!(0 < modules && modules < all("module"));
        assert_eq!(rows::<Modules>(&store, user, ""), modules, "{user}");
        assert_eq!(
            rows::<Sessions>(&store, user, ""),
            count(format!(
                "SELECT count(*) FROM session WHERE module_id IN ({})",
                mine(user)
            )),
            "{user}"
        );
        let people = count(format!(
            "SELECT count(DISTINCT person_id) FROM enrolment WHERE id IN ({})",
            participations(user)
        ));
        assert_eq!(rows::<People>(&store, user, ""), people, "{user}");
        assert_eq!(
            rows::<Enrolments>(&store, user, ""),
            count(format!("SELECT count(*) FROM ({})", participations(user))),
            "{user}"
        );
        assert_eq!(rows::<AuditLog>(&store, user, ""), 0, "{user}");
    }
    // A tutor's Participants name only the tutor's own modules; the
    // coordinator's name the others too.
    let named = |user: &str| {
        let reach = store.reach(user).unwrap();
        store
            .page::<People>(
                "",
                &reach.scope::<People>(),
                None,
                registro::store::lists::From::AtOrAfter,
                0,
                10_000,
            )
            .unwrap()
            .into_iter()
            .flat_map(|keyed| {
                keyed
                    .row
                    .modules
                    .split(", ")
                    .filter(|code| !code.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect::<std::collections::BTreeSet<String>>()
    };
    let own_codes: std::collections::BTreeSet<String> = store
        .acting_user(TUTOR)
        .unwrap()
        .modules
        .iter()
        .map(|id| store.module(*id).unwrap().code)
        .collect();
    assert!(named(TUTOR).is_subset(&own_codes), "{:?}", named(TUTOR));
    assert!(!named(COORDINATOR).is_subset(&own_codes));
    // The person rejected from the tutor's module is not in their list,
    // not even by name through `/`; the coordinator finds her.
    assert_eq!(rows::<People>(&store, TUTOR, "Respinta"), 0);
    assert_eq!(rows::<People>(&store, COORDINATOR, "Respinta"), 1);
    // Notes: the tutor's include the one about their participant, not
    // the one about a stranger.
    let notes = |user: &str, text: &str| rows::<Notes>(&store, user, text);
    assert_eq!(notes(TUTOR, "participant"), 1);
    assert_eq!(notes(TUTOR, "stranger"), 0);
    assert_eq!(notes(OTHER_TUTOR, "stranger"), 1);
    // The calendar: only the tutor's own sessions.
    let (from, to) = (jiff::civil::date(2000, 1, 1), jiff::civil::date(2100, 1, 1));
    let calendar = |user: &str| {
        store
            .sessions_between(&store.reach(user).unwrap(), from, to)
            .unwrap()
    };
    assert_eq!(calendar(ADMIN).len(), all("session"));
    let own = calendar(TUTOR);
    assert_eq!(own.len(), rows::<Sessions>(&store, TUTOR, ""));
    assert!(own.iter().any(|s| s.id == f.own_session));
    assert!(!own.iter().any(|s| s.id == f.other_session));
    // The audit log, whole, is for those who reach everything.
    let audit = |user: &str| store.audit_entries(&store.reach(user).unwrap(), None, None);
    assert_eq!(audit(COORDINATOR).unwrap().len(), all("audit"));
    assert!(matches!(audit(TUTOR), Err(StoreError::OutOfReach { .. })));
    // So are the exports of people with their contact details.
    for kind in [
        registro::export::Kind::Enrolments,
        registro::export::Kind::Participants,
        registro::export::Kind::Attendance,
    ] {
        let export = |user: &str| {
            registro::export::sheet(
                &store,
                &store.reach(user).unwrap(),
                kind,
                None,
                common::TODAY,
            )
        };
        assert!(!export(COORDINATOR).unwrap().rows.is_empty());
        assert!(matches!(export(TUTOR), Err(StoreError::OutOfReach { .. })));
    }
    let register = registro::export::sheet(
        &store,
        &store.reach(TUTOR).unwrap(),
        registro::export::Kind::Register,
        Some(f.own_module),
        common::TODAY,
    );
    assert!(matches!(register, Err(StoreError::OutOfReach { .. })));
    // A removed or unknown user has no reach at all.
    for user in [REMOVED, UNKNOWN] {
        assert!(matches!(
            store.reach(user),
            Err(StoreError::UnknownUser { .. })
        ));
    }
}

#[test]
fn a_card_shows_a_tutor_only_the_requests_to_their_modules() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadWrite).unwrap();
    // The participant also asks for the other tutor's module.
    store
        .write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO enrolment(person_id, module_id, received_on, status)
                 VALUES (?1, ?2, '2026-11-02', 'requested')",
                [f.participant, f.other_module],
            )?;
            Ok(())
        })
        .unwrap();
    let card = |user: &str| {
        store
            .person_card(&store.reach(user).unwrap(), f.participant, common::TODAY)
            .unwrap()
    };
    let tutor = card(TUTOR);
    assert!(
        tutor
            .enrolments
            .iter()
            .all(|e| e.module_id != f.other_module)
    );
    assert!(tutor.enrolments.iter().any(|e| e.module_id == f.own_module));
    let coordinator = card(COORDINATOR);
    assert!(
        coordinator
            .enrolments
            .iter()
            .any(|e| e.module_id == f.other_module)
    );
}

#[test]
fn removed_and_unknown_users_change_nothing() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadWrite).unwrap();
    let notes = one(&store, "SELECT count(*) FROM note");
    for user in [REMOVED, UNKNOWN] {
        let result = store.add_note(
            &actor(user),
            &[NoteSubject::Person(f.participant)],
            "written by nobody",
            None,
            None,
        );
        assert!(
            matches!(result, Err(StoreError::UnknownUser { .. })),
            "{user}: {result:?}"
        );
        let result = store.add_user(&actor(user), "intruder", None, Role::Admin, &[]);
        assert!(
            matches!(result, Err(StoreError::UnknownUser { .. })),
            "{user}: {result:?}"
        );
    }
    assert_eq!(one(&store, "SELECT count(*) FROM note"), notes);
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM app_user WHERE login = 'intruder'"
        ),
        0
    );
}

#[test]
fn coordinators_add_tutors_and_give_them_modules_but_no_other_role() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadWrite).unwrap();
    let code = |id: i64| store.module(id).unwrap().code;
    let coordinator = actor(COORDINATOR);
    store
        .add_user(
            &coordinator,
            "tutor.nuovo",
            None,
            Role::Tutor,
            &[code(f.own_module)],
        )
        .unwrap();
    store
        .give_modules(&coordinator, "tutor.nuovo", &[code(f.other_module)])
        .unwrap();
    assert_eq!(
        store.acting_user("tutor.nuovo").unwrap().modules,
        vec![
            f.own_module.min(f.other_module),
            f.own_module.max(f.other_module)
        ]
    );
    for role in [Role::Admin, Role::Coordinator] {
        let result = store.add_user(&coordinator, "capo", None, role, &[]);
        assert!(
            matches!(result, Err(StoreError::Denied { .. })),
            "{result:?}"
        );
    }
    // Nor modules to a coordinator or admin (their own role's business).
    let result = store.give_modules(&coordinator, ADMIN, &[code(f.own_module)]);
    assert!(
        matches!(result, Err(StoreError::Denied { .. })),
        "{result:?}"
    );
    // A tutor adds nobody.
    let result = store.add_user(&actor(TUTOR), "amico", None, Role::Tutor, &[]);
    assert!(
        matches!(result, Err(StoreError::Denied { .. })),
        "{result:?}"
    );
    let result = store.give_modules(&actor(TUTOR), TUTOR, &[code(f.other_module)]);
    assert!(
        matches!(result, Err(StoreError::Denied { .. })),
        "{result:?}"
    );
}

/// `registro report --format json` as `user`: the figures' module count.
fn reported_modules(path: &std::path::Path, user: &str) -> i64 {
    let output = assert_cmd::Command::cargo_bin("registro")
        .unwrap()
        .env_clear()
        .env("LANG", "en_US.UTF-8")
        .env("TZ", "Europe/Rome")
        .env("REGISTRO_NOW", common::NOW)
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .args(["--user", user, "--db"])
        .arg(path)
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let figures: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    figures["modules"].as_i64().unwrap()
}

#[test]
fn a_tutors_report_counts_their_own_modules_on_screen_and_on_the_command_line() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadOnly).unwrap();
    let all = one(&store, "SELECT count(*) FROM module");
    let own = rows::<Modules>(&store, TUTOR, "") as i64;
    assert!(own < all);
    assert_eq!(reported_modules(&f.path, COORDINATOR), all);
    assert_eq!(reported_modules(&f.path, TUTOR), own);
    // The Report tab says the same.
    let mut app = common::app_with(&f.path, registro::i18n::Lang::En, |settings| {
        settings.user = TUTOR.into();
    });
    common::press(&mut app, "6");
    let screen = common::render(&mut app, 100, 30);
    assert!(screen.contains(&format!("Modules {own} ")), "{screen}");
}

/// The report's reads keep to the reader's reach in the store itself: a
/// tutor's participations, modules and certificates are those of their
/// own modules, whoever calls (the Report tab, the command line, print).
#[test]
fn the_reports_reads_keep_to_a_tutors_modules() {
    let f = fixture();
    let store = Store::open(&f.path, Access::ReadOnly).unwrap();
    let today = common::TODAY;
    let tutor = store.reach(TUTOR).unwrap();
    let coordinator = store.reach(COORDINATOR).unwrap();
    let own: Vec<i64> = store.reached_modules(&tutor).unwrap().unwrap();
    let theirs = store.participations(&tutor, None, today).unwrap();
    assert!(!theirs.is_empty());
    assert!(theirs.iter().all(|p| own.contains(&p.module_id)));
    assert!(!theirs.iter().any(|p| p.person_id == f.stranger));
    let all = store.participations(&coordinator, None, today).unwrap();
    assert!(all.iter().any(|p| p.person_id == f.stranger));
    assert_eq!(
        store
            .participations(&tutor, Some(f.other_module), today)
            .unwrap(),
        vec![]
    );
    let modules: Vec<i64> = store
        .report_modules(&tutor)
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(modules, own);
    let certificates = store.certificates(&tutor, None, today, 0.0).unwrap();
    assert!(certificates.iter().all(|p| own.contains(&p.module_id)));
    let figures = store.figures(&tutor, None, today, 0.75).unwrap();
    assert_eq!(figures.modules, own.len() as i64);
    assert_eq!(figures.participants, theirs.len() as i64);
}
