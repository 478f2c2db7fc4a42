//! The outbox (issue 25): each decision queues one message to the person
//! in the decision's transaction; only coordinators and admins see or
//! touch it; messages go with the person's data and are erased with them.

mod common;
mod mail_support;

use mail_support::{NO_EMAIL, carla, decide, mail_register, request, tina, triage};
use registro::config::Config;
use registro::domain::Status;
use registro::mail::template::word;
use registro::mail::{MessageKind, MessageStatus};
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

fn count(
    list: &[registro::mail::OutboxMessage],
    kind: MessageKind,
    status: MessageStatus,
) -> usize {
    list.iter()
        .filter(|m| m.kind == kind && m.status == status)
        .count()
}

#[test]
fn accept_ten_reject_two_waitlist_three_withdraw_one_and_offer_her_place() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let who = carla();
    assert_eq!(store.outbox_list(&who, &[]).unwrap().len(), 15);
    // Donà leaves before any message went: her place is offered to the
    // first on the waiting list, Zeni, who has five days to confirm.
    decide(
        &store,
        &who,
        "Donà",
        Status::Withdrawn,
        Some("motivi di lavoro"),
    );
    let (place, _) = store.waitlisted_for_free_place(1).unwrap().unwrap();
    assert_eq!(place, request(&store, "Zeni"));
    store
        .decide(&who, place, Status::Accepted, None, false)
        .unwrap();

    let all = store.outbox_list(&who, &[]).unwrap();
    // Sixteen messages: ten acceptances, two rejections, three waiting
    // list letters and the offer. The withdrawal is Donà's own act and
    // sends nothing. The two a later decision made wrong before they
    // went (Donà's acceptance, Zeni's waiting list letter) stay in the
    // outbox, superseded, and are never sent: fourteen to send.
    assert_eq!(all.len(), 16, "{all:#?}");
    let pending = MessageStatus::Pending;
    let superseded = MessageStatus::Superseded;
    assert_eq!(count(&all, MessageKind::Accepted, pending), 9);
    assert_eq!(count(&all, MessageKind::Rejected, pending), 2);
    assert_eq!(count(&all, MessageKind::Waitlisted, pending), 2);
    assert_eq!(count(&all, MessageKind::Offered, pending), 1);
    assert_eq!(count(&all, MessageKind::Accepted, superseded), 1);
    assert_eq!(count(&all, MessageKind::Waitlisted, superseded), 1);
    assert!(all.iter().all(|m| m.kind != MessageKind::Withdrawn));
    assert_eq!(store.outbox_list(&who, &[pending]).unwrap().len(), 14);
    let gone_wrong: Vec<&str> = all
        .iter()
        .filter(|m| m.status == superseded)
        .map(|m| m.surname.as_str())
        .collect();
    assert_eq!(gone_wrong, ["Zeni", "Donà"]);
    // What `mail send` would deal with: the fourteen, never the two.
    let due = store.outbox_due(&who).unwrap();
    assert_eq!(due.len(), 14);
    assert!(due.iter().all(|m| m.status == pending));
    // A superseded message is no longer the coordinator's to release.
    let donà = all.iter().find(|m| m.surname == "Donà").unwrap();
    assert!(matches!(
        store.outbox_hold(&who, donà.id, false),
        Err(StoreError::Refused(_))
    ));

    // Each in the person's language (Italian by default), with the
    // module, the place, the reason and the deadline filled in.
    let settings = Config::defaults().mail;
    let offer = all.iter().find(|m| m.kind == MessageKind::Offered).unwrap();
    let offer = store.outbox_message(&who, offer.id).unwrap();
    let worded = word(&offer, &settings);
    assert_eq!(
        worded.subject,
        "Un posto per Lei: Diritti e cittadinanza: l'accoglienza"
    );
    assert!(
        worded.body.starts_with("Gentile Rita Zeni,"),
        "{}",
        worded.body
    );
    assert!(
        worded.body.contains("entro il 01/12/2026"),
        "{}",
        worded.body
    );
    assert!(
        worded
            .body
            .contains("a Crema, Sala Pietà, dal 11/01/2027 – 25/01/2027"),
        "{}",
        worded.body
    );
    assert!(
        worded.body.contains("- 18/01/2027 09:30–13:30, Sala Pietà"),
        "{}",
        worded.body
    );
    let rejected = all
        .iter()
        .find(|m| m.kind == MessageKind::Rejected && m.surname == "Lodi")
        .unwrap();
    assert!(
        word(rejected, &settings)
            .body
            .contains("per il seguente motivo: requisiti mancanti.")
    );
}

#[test]
fn a_person_set_to_english_gets_english() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    store
        .set_person_language(&carla(), 2, registro::mail::PersonLanguage::En)
        .unwrap();
    decide(&store, &carla(), "Bianchi", Status::Accepted, None);
    let message = &store.outbox_list(&carla(), &[]).unwrap()[0];
    let worded = word(message, &Config::defaults().mail);
    assert_eq!(
        worded.subject,
        "Enrolment accepted: Diritti e cittadinanza: l'accoglienza"
    );
}

#[test]
fn a_decision_taken_back_before_the_message_went_discards_it() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    decide(&store, &carla(), "Rossi", Status::Accepted, None);
    // The queue's `u`: back to "requested", with a reason.
    decide(
        &store,
        &carla(),
        "Rossi",
        Status::Requested,
        Some("annullato"),
    );
    let all = store.outbox_list(&carla(), &[]).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, MessageStatus::Superseded);
    assert!(store.outbox_due(&carla()).unwrap().is_empty());
}

#[test]
fn tutors_have_none_of_it_the_store_refuses() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let denied = |result: Result<(), StoreError>| {
        assert!(
            matches!(result, Err(StoreError::Denied { .. })),
            "{result:?}"
        )
    };
    denied(store.outbox_list(&tina(), &[]).map(|_| ()));
    denied(store.outbox_message(&tina(), 1).map(|_| ()));
    denied(store.outbox_due(&tina()).map(|_| ()));
    denied(store.outbox_hold(&tina(), 1, true));
    denied(store.outbox_discard(&tina(), 1));
    denied(store.outbox_edit(&tina(), 1, "x", "y"));
    denied(
        store
            .outbox_claim(&tina(), 1, "<x@y>", "a@b", "s", "b")
            .map(|_| ()),
    );
    denied(store.outbox_sent(&tina(), 1, "250 ok"));
    assert_eq!(
        store.outbox_message(&carla(), 1).unwrap().status,
        MessageStatus::Pending
    );
}

#[test]
fn a_coordinator_edits_holds_releases_and_discards_a_pending_message_each_in_the_audit_log() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let who = carla();
    let before = store.audit_count("outbox").unwrap();
    store
        .outbox_edit(&who, 1, "Benvenuto, Nicolò!", "Caro Nicolò, a presto.")
        .unwrap();
    let edited = store.outbox_message(&who, 1).unwrap();
    let worded = word(&edited, &Config::defaults().mail);
    assert_eq!(worded.subject, "Benvenuto, Nicolò!");
    assert_eq!(edited.edited_by.as_deref(), Some("carla"));
    store.outbox_hold(&who, 1, true).unwrap();
    assert_eq!(
        store.outbox_message(&who, 1).unwrap().status,
        MessageStatus::Held
    );
    assert!(store.outbox_due(&who).unwrap().iter().all(|m| m.id != 1));
    store.outbox_hold(&who, 1, false).unwrap();
    assert_eq!(
        store.outbox_message(&who, 1).unwrap().status,
        MessageStatus::Pending
    );
    store.outbox_discard(&who, 2).unwrap();
    assert_eq!(
        store.outbox_message(&who, 2).unwrap().status,
        MessageStatus::Discarded
    );
    // A discarded message can no longer be changed.
    assert!(matches!(
        store.outbox_edit(&who, 2, "a", "b"),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(store.audit_count("outbox").unwrap(), before + 4);
}

#[test]
fn messages_are_in_the_person_export_and_leave_with_the_person() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let id = 1;
    store
        .outbox_edit(&carla(), 1, "Per Nicolò Ferrè", "Testo per Nicolò Ferrè")
        .unwrap();
    let data = store.person_data(id).unwrap();
    let messages = data["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["kind"], "accepted");
    assert_eq!(messages[0]["subject"], "Per Nicolò Ferrè");
    store.erase_person(&common::actor(), id).unwrap();
    let all = store.outbox_list(&carla(), &[]).unwrap();
    assert!(all.iter().all(|m| m.person_id != id));
    assert!(!store.audit_mentions("Ferrè").unwrap());
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows("Testo per".len()).any(|w| w == b"Testo per"));
}

#[test]
fn no_email_is_no_reason_to_lose_the_message() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let list = store.outbox_list(&carla(), &[]).unwrap();
    let letter = list.iter().find(|m| m.surname == NO_EMAIL).unwrap();
    assert_eq!(letter.email, None);
    assert_eq!(letter.kind, MessageKind::Waitlisted);
}

#[test]
fn a_message_claimed_by_one_run_is_left_alone_by_another_until_the_claim_runs_out() {
    let folder = tempdir().unwrap();
    let path = mail_register(folder.path());
    triage(&path);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let who = carla();
    assert!(
        store
            .outbox_claim(&who, 1, "<a@x>", "ferre@example.org", "s", "b")
            .unwrap()
    );
    // A second `mail send` at the same moment: not for it.
    assert!(
        !store
            .outbox_claim(&who, 1, "<b@x>", "ferre@example.org", "s", "b")
            .unwrap()
    );
    assert!(store.outbox_due(&who).unwrap().iter().all(|m| m.id != 1));
    // Ten minutes on (the first run died): claimed again, same Message-ID.
    let later = registro::context::Actor::new(
        "carla",
        registro::context::Clock::Fixed("2026-11-26T12:11:00Z".parse().unwrap()),
    );
    assert!(
        store
            .outbox_claim(&later, 1, "<c@x>", "ferre@example.org", "s", "b")
            .unwrap()
    );
    assert_eq!(
        store.outbox_message_id(1).unwrap().as_deref(),
        Some("<a@x>")
    );
}

/// A register from before superseded messages had their own status: the
/// messages a later decision discarded become superseded, those a
/// coordinator threw away stay discarded, nothing else moves.
#[test]
fn an_older_register_tells_superseded_messages_from_discarded_ones() {
    let folder = tempdir().unwrap();
    let path = folder.path().join("v14.db");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registers/v14.db"),
        &path,
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO app_user(login, display_name, role) VALUES ('admin', 'Admin', 'admin');
         INSERT INTO outbox(id, person_id, enrolment_id, kind, status, queued_at, queued_by) VALUES
             (1, 1, 1, 'accepted', 'discarded', '2026-01-02T09:00:00Z', 'carla'),
             (2, 1, 1, 'waitlisted', 'discarded', '2026-01-03T09:00:00Z', 'carla'),
             (3, 1, 1, 'withdrawn', 'pending', '2026-01-04T09:00:00Z', 'carla');
         INSERT INTO audit(at, user, entity, entity_id, action, before, after) VALUES
             ('2026-01-03T09:00:00Z', 'carla', 'outbox', 1, 'supersede', NULL, NULL),
             ('2026-01-04T09:00:00Z', 'carla', 'outbox', 2, 'discard', NULL, NULL);",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, Access::ReadWrite).unwrap();
    let mut all = store
        .outbox_list(&common::actor(), &[])
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.kind, m.status))
        .collect::<Vec<_>>();
    all.sort();
    assert_eq!(
        all,
        [
            (1, MessageKind::Accepted, MessageStatus::Superseded),
            (2, MessageKind::Waitlisted, MessageStatus::Discarded),
            (3, MessageKind::Withdrawn, MessageStatus::Pending),
        ]
    );
}
