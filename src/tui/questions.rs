//! Questions more than one screen asks before a change: deleting a
//! module, deleting or cancelling a session. Each carries what yes does.

use crate::store::planning::Keeps;
use crate::tui::labels::keeps_text;
use crate::tui::view::{Question, Reply, Ui};

/// What a delete came to, in words: done, or what the record keeps.
fn deleted(result: crate::store::Result<Option<Keeps>>, ui: &Ui) -> Reply {
    match result {
        Ok(None) => Reply::Say(ui.text().deleted_msg.to_string()),
        Ok(Some(keeps)) => Reply::Say(keeps_text(keeps, ui)),
        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
    }
}

/// Asks, then deletes a module; one with a history is refused with why.
pub fn delete_module(id: i64, code: &str, ui: &Ui) -> Reply {
    let t = ui.text();
    if let Ok(Some(keeps)) = ui.store.module_keeps(id) {
        return Reply::Say(keeps_text(keeps, ui));
    }
    let what = format!("{} {code}", t.lbl_module.to_lowercase());
    Reply::Ask(Question::new(
        crate::i18n::fill(t.confirm_delete, &[("what", &what)]),
        move |ui| deleted(ui.store.delete_module(&ui.actor(), id), ui),
    ))
}

/// Asks, then deletes a session; one with attendance or notes is not
/// deleted, and cancelling it is offered instead.
pub fn delete_session(id: i64, ui: &Ui) -> Reply {
    let t = ui.text();
    let label = ui
        .store
        .session(id)
        .map(|s| format!("{} {}", s.module_code, ui.format().date_text(&s.date)))
        .unwrap_or_default();
    if let Ok(Some(keeps)) = ui.store.session_keeps(id) {
        let cancelled = ui.store.session(id).map(|s| s.cancelled).unwrap_or(false);
        if cancelled {
            return Reply::Say(keeps_text(keeps, ui));
        }
        return Reply::Ask(Question::new(
            crate::i18n::fill(t.offer_cancel, &[("why", &keeps_text(keeps, ui))]),
            move |ui| set_cancelled(id, true, ui),
        ));
    }
    let what = format!("{} {label}", t.lbl_date.to_lowercase());
    Reply::Ask(Question::new(
        crate::i18n::fill(t.confirm_delete, &[("what", &what)]),
        move |ui| deleted(ui.store.delete_session(&ui.actor(), id), ui),
    ))
}

fn set_cancelled(id: i64, cancelled: bool, ui: &Ui) -> Reply {
    let t = ui.text();
    match ui.store.set_cancelled(&ui.actor(), id, cancelled) {
        Ok(()) if cancelled => Reply::Say(t.session_cancelled_msg.to_string()),
        Ok(()) => Reply::Say(t.session_restored_msg.to_string()),
        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
    }
}

/// Asks, then cancels a session (or restores a cancelled one).
pub fn toggle_cancelled(id: i64, ui: &Ui) -> Reply {
    let t = ui.text();
    let Ok(session) = ui.store.session(id) else {
        return Reply::Done;
    };
    let template = if session.cancelled {
        t.confirm_restore
    } else {
        t.confirm_cancel
    };
    let cancel = !session.cancelled;
    Reply::Ask(Question::new(
        crate::i18n::fill(template, &[("date", &ui.format().date_text(&session.date))]),
        move |ui| set_cancelled(id, cancel, ui),
    ))
}
