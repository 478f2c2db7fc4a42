//! The one place that turns a route into a screen: screens say where to
//! go (`Outcome::Go`), never which screen shows it, so each can change
//! without another being read. Besides the app building its tabs, only
//! this file names the screens' constructors.

use super::route::{KeptDraft, Route, Subject};
use super::screens::audit::AuditView;
use super::screens::calendar::CalendarView;
use super::screens::detail::DetailView;
use super::screens::drafts::{self, DraftsView};
use super::screens::editor::NoteEditor;
use super::screens::form::kinds as forms;
use super::screens::lists::ListsView;
use super::screens::merge::MergeView;
use super::screens::outbox::OutboxView;
use super::screens::roster::RosterView;
use super::view::{Ui, View};
use crate::store::audit_log::AuditLog;

/// Where the app opens at start for the drafts an earlier run left, if
/// any: the editor on the one draft, the list when there are several.
pub fn offered_drafts(ui: &Ui) -> Option<Route> {
    drafts::offered(ui)
}

/// The screen for `route`, read from the register as it opens.
pub fn open(route: Route, ui: &Ui) -> Box<dyn View> {
    match route {
        // A session opens as its roster; one outside the user's reach
        // opens as its refusal, on the card.
        Route::Card(Subject::Session(id)) if ui.store.check_session(&ui.reach(), id).is_ok() => {
            Box::new(RosterView::new(id, ui))
        }
        Route::Card(subject) => Box::new(DetailView::new(subject, ui)),
        Route::NewNote { subjects, label } => Box::new(NoteEditor::new(subjects, label, ui)),
        Route::EditNote { id, label } => Box::new(NoteEditor::edit(id, label, ui)),
        Route::Draft(kept) => match *kept {
            KeptDraft::Register(draft) => Box::new(NoteEditor::recover(draft, ui)),
            KeptDraft::File(file, draft) => Box::new(NoteEditor::recover_spilled(file, draft, ui)),
        },
        Route::Drafts { waiting } => Box::new(DraftsView::new(waiting, ui)),
        Route::ModuleForm(id) => forms::module_form(id, ui),
        Route::EditionForm(from) => forms::edition_form(from, ui),
        Route::SessionForm { id, module } => forms::session_form(id, module, ui),
        Route::RepeatForm(module) => forms::repeat_form(module, ui),
        Route::MaterialForm(module) => forms::material_form(module, ui),
        Route::PersonForm(id) => forms::person_form(id, ui),
        Route::EnrolmentForm(person) => forms::enrolment_form(person, ui),
        Route::Merge { keep, drop } => Box::new(MergeView::new(keep, drop, ui)),
        Route::Calendar => Box::new(CalendarView::new(ui)),
        Route::Lists => Box::new(ListsView::new(ui)),
        Route::Outbox => Box::new(OutboxView::new(ui)),
        Route::AuditLog => Box::new(AuditView::new(ui.reach().scope::<AuditLog>())),
    }
}
