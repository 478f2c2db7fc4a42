//! A participation's rating, written through the store: one transaction
//! with its audit row, refused outside 1-5 and for what is not a
//! participation.

mod handmade;

use registro::store::ratings::Rating;
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

/// entity, entity id, action, before, after.
type AuditRow = (String, Option<i64>, String, Option<String>, Option<String>);

fn audit_rows(path: &std::path::Path) -> Vec<AuditRow> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT entity, entity_id, action, before, after FROM audit WHERE entity = 'rating' ORDER BY id")
        .unwrap();
    statement
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_rating_is_set_replaced_and_removed_with_its_audit() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let actor = handmade::actor();

    // e5 (Verdi in M01) has no rating yet.
    assert_eq!(store.rating(5).unwrap(), None);
    store.set_rating(&actor, 5, 4, Some("  Utile  ")).unwrap();
    assert_eq!(
        store.rating(5).unwrap(),
        Some(Rating {
            score: 4,
            comment: Some("Utile".into())
        })
    );
    // The same again changes nothing and writes no audit row.
    store.set_rating(&actor, 5, 4, Some("Utile")).unwrap();
    store.set_rating(&actor, 5, 2, Some("   ")).unwrap();
    assert_eq!(
        store.rating(5).unwrap(),
        Some(Rating {
            score: 2,
            comment: None
        })
    );
    store.remove_rating(&actor, 5).unwrap();
    assert_eq!(store.rating(5).unwrap(), None);
    store.remove_rating(&actor, 5).unwrap();

    let audit = audit_rows(&path);
    let actions: Vec<&str> = audit.iter().map(|a| a.2.as_str()).collect();
    assert_eq!(actions, ["create", "update", "delete"]);
    assert!(audit.iter().all(|a| a.1 == Some(5)));
    assert_eq!(audit[0].3, None);
    assert_eq!(
        audit[0].4.as_deref(),
        Some(r#"{"comment":"Utile","score":4}"#)
    );
    assert_eq!(
        audit[1].3.as_deref(),
        Some(r#"{"comment":"Utile","score":4}"#)
    );
    assert_eq!(audit[2].4, None);

    // The report sees it: 6 answers now, (18 + 3) / 6.
    store.set_rating(&actor, 5, 3, None).unwrap();
    let figures = store
        .figures(
            &store.reach(&actor.user).unwrap(),
            None,
            jiff::civil::date(2026, 11, 26),
            0.75,
        )
        .unwrap();
    assert_eq!(figures.satisfaction_responses, 6);
    assert_eq!(figures.satisfaction_mean, Some(3.5));
}

#[test]
fn only_participations_are_rated_and_only_from_one_to_five() {
    let dir = tempdir().unwrap();
    let path = handmade::province_a(dir.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let actor = handmade::actor();
    for score in [0, 6, -1] {
        let error = store.set_rating(&actor, 5, score, None).err().unwrap();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
    }
    // e7 rejected, e8 withdrawn, e10 requested: not participations.
    for enrolment in [7, 8, 10] {
        let error = store.set_rating(&actor, enrolment, 3, None).err().unwrap();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
    }
    let error = store.set_rating(&actor, 999, 3, None).err().unwrap();
    assert!(matches!(error, StoreError::NotFound(_)), "{error:?}");
    assert!(audit_rows(&path).is_empty());
    assert_eq!(store.rating(7).unwrap(), None);
}
