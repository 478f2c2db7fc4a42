//! The lists read a page at a time from a sort key (issue 7): walking
//! them page by page, forwards or backwards, gives every row once and in
//! order; the position of a row is the number of rows before it; the `/`
//! filter finds people through their index.

mod common;

use std::fmt::Write as _;

use proptest::prelude::*;
use registro::store::lists::{
    Count, Enrolments, From, Keyed, ListSpec, Modules, Notes, People, Scope, Sessions,
};
use registro::store::{Access, DEFAULT_AXES, PeopleSort, Store};
use tempfile::tempdir;

/// Every row of the list in one read.
fn everything<S: ListSpec>(store: &Store, filter: &str) -> Vec<Keyed<S::Row>> {
    store
        .page::<S>(
            filter,
            &Scope::default(),
            None,
            From::AtOrAfter,
            0,
            1_000_000,
        )
        .unwrap()
}

/// Rows a walk may read before it is taken to go round in circles.
const WALK_LIMIT: usize = 100_000;

/// The list read forwards, `size` rows at a time, each page starting
/// after the last row of the one before.
fn forwards<S: ListSpec>(store: &Store, filter: &str, size: usize) -> Vec<Keyed<S::Row>> {
    let scope = Scope::default();
    let mut rows = store
        .page::<S>(filter, &scope, None, From::AtOrAfter, 0, size)
        .unwrap();
    while let Some(last) = rows.last() {
        let next = store
            .page::<S>(filter, &scope, Some(&last.key), From::AtOrAfter, 1, size)
            .unwrap();
        if next.is_empty() {
            break;
        }
        rows.extend(next);
        assert!(rows.len() < WALK_LIMIT, "the walk forwards does not end");
    }
    rows
}

/// The list read backwards from its end, `size` rows at a time.
fn backwards<S: ListSpec>(store: &Store, filter: &str, size: usize) -> Vec<Keyed<S::Row>> {
    let scope = Scope::default();
    let mut rows = store
        .page::<S>(filter, &scope, None, From::Before, 0, size)
        .unwrap();
    while let Some(first) = rows.first() {
        let mut before = store
            .page::<S>(filter, &scope, Some(&first.key), From::Before, 0, size)
            .unwrap();
        if before.is_empty() {
            break;
        }
        before.extend(rows);
        rows = before;
        assert!(rows.len() < WALK_LIMIT, "the walk backwards does not end");
    }
    rows
}

/// Walks the list both ways and checks every position.
fn check_walks<S: ListSpec>(store: &Store, filter: &str, size: usize) -> usize
where
    S::Row: PartialEq + std::fmt::Debug,
{
    let all = everything::<S>(store, filter);
    assert_eq!(
        forwards::<S>(store, filter, size),
        all,
        "forwards by {size}"
    );
    assert_eq!(
        backwards::<S>(store, filter, size),
        all,
        "backwards by {size}"
    );
    let scope = Scope::default();
    assert_eq!(store.count::<S>(filter, &scope).unwrap(), all.len());
    for (index, row) in all.iter().enumerate() {
        let before = store
            .count_before::<S>(filter, &scope, Some(&row.key))
            .unwrap();
        assert_eq!(before, index, "position of {:?}", row.row);
    }
    all.len()
}

#[test]
fn every_list_of_the_demo_register_walks_the_same_both_ways() {
    let dir = tempdir().unwrap();
    let path = common::demo_register(dir.path());
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    // The Enrolments key starts with an expression, the Modules key has a
    // collation and the Notes list runs newest first: each a way for a
    // keyset condition to go wrong.
    assert!(check_walks::<Modules>(&store, "", 5) > 10);
    assert!(check_walks::<Sessions>(&store, "", 7) > 40);
    assert!(check_walks::<People>(&store, "", 13) > 300);
    assert!(check_walks::<Enrolments>(&store, "", 11) > 400);
    assert!(check_walks::<Notes>(&store, "", 3) > 3);
    // Filtered, through the index and through LIKE.
    assert!(check_walks::<People>(&store, "ari", 4) > 0);
    assert!(check_walks::<People>(&store, "a", 9) > 0);
    assert!(check_walks::<Enrolments>(&store, "acc", 6) > 0);
    assert!(check_walks::<Enrolments>(&store, "ari", 6) > 0);
    assert!(check_walks::<Enrolments>(&store, "b", 6) > 0);
}

/// A register of people with the given names, in that order.
fn register_of(people: &[(String, String)]) -> (tempfile::TempDir, Store) {
    let dir = tempdir().unwrap();
    let path = dir.path().join("people.db");
    drop(Store::create(&path, &common::actor(), DEFAULT_AXES).unwrap());
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let tx = conn.transaction().unwrap();
    for (surname, given) in people {
        tx.execute(
            "INSERT INTO person(surname, given_name, gender, organisation) VALUES (?1, ?2, 'F', 'Comune')",
            [surname, given],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    drop(conn);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    (dir, store)
}

/// SQLite's NOCASE: ASCII letters folded, every other byte as it is.
fn nocase(text: &str) -> Vec<u8> {
    text.bytes().map(|b| b.to_ascii_lowercase()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn people_with_the_same_names_in_any_case_walk_in_order(
        people in proptest::collection::vec(
            (
                prop::sample::select(vec!["Rossi", "rossi", "ROSSI", "Àlberti", "Conte", "De Luca"]),
                prop::sample::select(vec!["Anna", "anna", "Luca", "Zoe"]),
            ),
            0..40,
        ),
        size in 1usize..8,
    ) {
        let people: Vec<(String, String)> = people
            .into_iter()
            .map(|(s, g)| (s.to_string(), g.to_string()))
            .collect();
        let (_dir, store) = register_of(&people);
        prop_assert_eq!(check_walks::<People>(&store, "", size), people.len());
        // The order is the one the screen promises: surname, name, then
        // who came first.
        let mut expected: Vec<(Vec<u8>, Vec<u8>, i64)> = people
            .iter()
            .enumerate()
            .map(|(i, (s, g))| (nocase(s), nocase(g), i as i64 + 1))
            .collect();
        expected.sort();
        let ids: Vec<i64> = everything::<People>(&store, "").iter().map(|k| k.row.id).collect();
        prop_assert_eq!(ids, expected.iter().map(|e| e.2).collect::<Vec<_>>());
        // Filtered, the people found sorted by their names read or by
        // their places in memory: the same rows, walked the same way.
        for filter in ["ross", "ssi ann", "uca"] {
            store.sort_people_by(PeopleSort::Names);
            let by_names = everything::<People>(&store, filter);
            let walked = check_walks::<People>(&store, filter, size);
            store.sort_people_by(PeopleSort::Places);
            prop_assert_eq!(&everything::<People>(&store, filter), &by_names);
            prop_assert_eq!(check_walks::<People>(&store, filter, size), walked);
        }
    }
}

#[test]
fn the_filter_finds_people_by_any_part_of_them_accents_and_case_aside() {
    let people = [
        ("Rossi", "Anna"),
        ("Niccolò", "Bianchi"),
        ("Conte", "Luca"),
        ("D'Angelo", "Zoe"),
    ];
    let people: Vec<(String, String)> = people
        .iter()
        .map(|(s, g)| (s.to_string(), g.to_string()))
        .collect();
    let (_dir, store) = register_of(&people);
    let found = |filter: &str| -> Vec<String> {
        everything::<People>(&store, filter)
            .into_iter()
            .map(|k| k.row.surname)
            .collect()
    };
    assert_eq!(found("OSSI"), ["Rossi"]);
    assert_eq!(found("niccolo"), ["Niccolò"]);
    assert_eq!(found("anna rossi"), ["Rossi"], "given name first");
    assert_eq!(found("rossi anna"), ["Rossi"], "surname first");
    assert_eq!(found("d'ang"), ["D'Angelo"]);
    assert_eq!(found("\"quoted\""), Vec::<String>::new());
    // One or two letters: surnames that start with them, in any case.
    assert_eq!(found("CO"), ["Conte"]);
    assert_eq!(found("n"), ["Niccolò"]);
    assert!(found("zo").is_empty(), "a given name needs three letters");
    assert_eq!(found("comune").len(), 4, "organisation");
    assert!(found("nobody").is_empty());

    // Each word on its own, anywhere in the name or the organisation;
    // a word of one or two letters beside them counts from its third.
    rusqlite::Connection::open(store.path())
        .unwrap()
        .execute(
            "UPDATE person SET organisation = 'ASST Crema', tax_code = 'RSSNNA80A41D142X', \
             email = 'Anna.Rossi@example.org' WHERE surname = 'Rossi'",
            [],
        )
        .unwrap();
    assert_eq!(found("crema ross"), ["Rossi"]);
    assert_eq!(found("ann ros"), ["Rossi"]);
    assert_eq!(found("luca zo"), ["Conte"]);
    assert!(found("luca zoe").is_empty());
    assert_eq!(found("comune").len(), 3, "organisation changed");
    // Tax codes and emails are typed from their start, in any case.
    assert_eq!(found("rssnna"), ["Rossi"], "tax code");
    assert_eq!(found("anna.rossi@EX"), ["Rossi"], "email");
    assert!(found("nna80a").is_empty(), "not from the middle of a code");

    // Renaming someone moves them in the index too.
    let (mut draft, version) = store.person_draft(1).unwrap();
    draft.surname = "Russo".into();
    store
        .update_person(&common::actor(), 1, version, &draft)
        .unwrap()
        .unwrap();
    assert!(found("rossi").is_empty());
    assert_eq!(found("russo"), ["Russo"]);
}

/// A filter that finds few people has them read and sorted; one that
/// finds thousands walks the list in order, testing each (lists.rs,
/// `FEW_ENOUGH_TO_SORT`): both give exactly the rows the filter keeps,
/// in the list's order, read forwards or backwards.
#[test]
fn a_filter_keeps_the_same_rows_whether_it_finds_few_or_many() {
    let people: Vec<(String, String)> = (0..3_200)
        .map(|i| {
            (
                format!("Rossi{i}"),
                if i % 2 == 0 { "Anna" } else { "Luca" }.to_string(),
            )
        })
        .collect();
    let (_dir, store) = register_of(&people);
    for sort in [PeopleSort::Names, PeopleSort::Places] {
        store.sort_people_by(sort);
        check_what_a_filter_keeps(&store, &people);
    }
}

/// The filter over `people` (of `a_filter_keeps_the_same_rows_…`).
fn check_what_a_filter_keeps(store: &Store, people: &[(String, String)]) {
    let kept = |needle: &str| -> Vec<String> {
        let mut kept: Vec<&(String, String)> = people
            .iter()
            .filter(|(s, g)| format!("{s} {g}").to_lowercase().contains(needle))
            .collect();
        kept.sort_by_key(|(s, _)| nocase(s));
        kept.iter().map(|(s, _)| s.clone()).collect()
    };
    let surnames = |rows: Vec<Keyed<registro::store::lists::PersonRow>>| -> Vec<String> {
        rows.into_iter().map(|k| k.row.surname).collect()
    };
    // 3,200, 1,600, 111 and 1 people found.
    for needle in ["ross", "anna", "rossi31", "rossi3199"] {
        let expected = kept(needle);
        assert!(!expected.is_empty());
        assert_eq!(
            surnames(everything::<People>(store, needle)),
            expected,
            "{needle}"
        );
        assert_eq!(
            surnames(forwards::<People>(store, needle, 500)),
            expected,
            "{needle}"
        );
        assert_eq!(
            surnames(backwards::<People>(store, needle, 500)),
            expected,
            "{needle}"
        );
        let scope = Scope::default();
        let count = store.count_up_to::<People>(needle, &scope, 1_000).unwrap();
        assert_eq!(
            count,
            Count {
                n: expected.len().min(1_000),
                exact: expected.len() <= 1_000
            },
            "{needle}"
        );
        assert_eq!(
            store.count::<People>(needle, &scope).unwrap(),
            expected.len()
        );
    }
    assert_eq!(check_walks::<People>(store, "rossi31", 7), 111);
}

#[test]
fn a_filter_over_many_people_is_counted_up_to_a_cap() {
    let people: Vec<(String, String)> = (0..1_005)
        .map(|i| ("Rossi".to_string(), format!("Anna {i}")))
        .collect();
    let (_dir, store) = register_of(&people);
    let scope = Scope::default();
    let capped = store.count_up_to::<People>("ross", &scope, 1_000).unwrap();
    assert_eq!(
        capped,
        Count {
            n: 1_000,
            exact: false
        }
    );
    assert_eq!(capped.to_string(), "1000+");
    let exact = store.count_up_to::<People>("ross", &scope, 2_000).unwrap();
    assert_eq!(
        exact,
        Count {
            n: 1_005,
            exact: true
        }
    );
    assert_eq!(exact.to_string(), "1005");
    // Without a filter the count is always exact.
    let all = store.count_up_to::<People>("", &scope, 10).unwrap();
    assert_eq!(
        all,
        Count {
            n: 1_005,
            exact: true
        }
    );
}

/// An import adds its new people in one statement (bulk.rs): they are in
/// the filter's index like anyone added by hand, beside those already
/// there, and the index is sound afterwards.
#[test]
fn people_added_by_an_import_are_found_by_the_filter() {
    use registro::import::{self, Kind};
    let people: Vec<(String, String)> = vec![("Rossi".into(), "Anna".into())];
    let (_dir, mut store) = register_of(&people);
    let modules = "code,title,axis,location,hours,capacity,starts_on,ends_on\n\
                   B001,Primo,I,Cremona,16,100,2030-01-10,2030-02-10\n";
    let mut requests = String::from(
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n",
    );
    for i in 0..1_500 {
        writeln!(
            requests,
            "2030-01-10,B001,Ferraro{i},Luca,M,luca{i}@example.org,Comune,Comune"
        )
        .unwrap();
    }
    for (kind, file) in [(Kind::Modules, modules), (Kind::Enrolments, &requests)] {
        let outcome = import::import(
            &mut store,
            &common::actor(),
            kind,
            "file.csv",
            file.as_bytes(),
            false,
            &mut |_| {},
        )
        .unwrap();
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    }
    let found = |filter: &str| -> Vec<String> {
        everything::<People>(&store, filter)
            .into_iter()
            .map(|k| k.row.surname)
            .collect()
    };
    assert_eq!(found("ferraro1499"), ["Ferraro1499"]);
    assert_eq!(found("luca7@example"), ["Ferraro7"], "by email");
    assert_eq!(found("rossi"), ["Rossi"], "the one there before");
    assert_eq!(found("ferraro").len(), 1_500);
    // FTS5's own check of its index (it fails the statement if unsound).
    rusqlite::Connection::open(store.path())
        .unwrap()
        .execute(
            "INSERT INTO person_text(person_text, rank) VALUES ('integrity-check', 0)",
            [],
        )
        .unwrap();
}

/// A whole list's count is kept until the register changes: by this
/// screen's own writes or by another user's.
#[test]
fn a_kept_count_follows_every_change() {
    let people: Vec<(String, String)> = (0..30)
        .map(|n| (format!("Rossi{n:02}"), "Anna".to_string()))
        .collect();
    let (dir, store) = register_of(&people);
    let everyone = Scope::default();
    assert_eq!(store.count::<People>("", &everyone).unwrap(), 30);
    assert_eq!(store.count::<People>("", &everyone).unwrap(), 30);
    // This connection adds one.
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO person(surname, given_name, gender) VALUES ('Verdi', 'Ugo', 'M')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(store.count::<People>("", &everyone).unwrap(), 31);
    // Another user removes two.
    let other = rusqlite::Connection::open(dir.path().join("people.db")).unwrap();
    other
        .execute(
            "DELETE FROM person WHERE surname IN ('Rossi00', 'Rossi01')",
            [],
        )
        .unwrap();
    assert_eq!(store.count::<People>("", &everyone).unwrap(), 29);
    // A filtered count is kept apart from the whole list's.
    assert_eq!(store.count::<People>("Verdi", &everyone).unwrap(), 1);
    assert_eq!(store.count::<People>("", &everyone).unwrap(), 29);
}

/// The people's places in name order hold only while the register is
/// as it was: renamed by another user, or by this screen, a person found
/// by the filter moves to their new place at once.
#[test]
fn a_filter_sorts_by_the_names_people_have_now() {
    let people: Vec<(String, String)> = ["Rossi", "Rossini", "Rossetti"]
        .iter()
        .map(|s| (s.to_string(), "Anna".to_string()))
        .collect();
    let (dir, store) = register_of(&people);
    store.sort_people_by(PeopleSort::Places);
    let surnames = |store: &Store| -> Vec<String> {
        everything::<People>(store, "ross")
            .into_iter()
            .map(|k| k.row.surname)
            .collect()
    };
    assert_eq!(surnames(&store), ["Rossetti", "Rossi", "Rossini"]);
    let other = rusqlite::Connection::open(dir.path().join("people.db")).unwrap();
    other
        .execute(
            "UPDATE person SET surname = 'Zrossi' WHERE surname = 'Rossetti'",
            [],
        )
        .unwrap();
    assert_eq!(surnames(&store), ["Rossi", "Rossini", "Zrossi"]);
    store
        .write(|tx| {
            tx.execute(
                "UPDATE person SET surname = 'Arossi' WHERE surname = 'Rossini'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(surnames(&store), ["Arossi", "Rossi", "Zrossi"]);
    let scope = Scope::default();
    let rows = everything::<People>(&store, "ross");
    assert_eq!(
        store
            .count_before::<People>("ross", &scope, Some(&rows[2].key))
            .unwrap(),
        2
    );
}
