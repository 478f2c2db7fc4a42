//! The five lists of the tabs: their columns and what Enter opens.

use ratatui::layout::Constraint;
use ratatui::style::Style;

use super::detail::{Subject, open_subject};
use super::list::ListTab;
use crate::domain::format_clock;
use crate::i18n::Catalogue;
use crate::keys::Action;
use crate::store::lists::{
    EnrolmentRow, Enrolments, ModuleRow, Modules, NoteRow, Notes, People, PersonRow, SessionRow,
    Sessions,
};
use crate::store::notes::NoteSubject;
use crate::store::planning::Keeps;
use crate::tui::text::first_line;
use crate::tui::view::{Question, Reply, Ui, View};

use super::calendar::CalendarView;
use super::forms;

fn open(subject: Subject, ui: &Ui) -> Option<Box<dyn View>> {
    Some(open_subject(subject, ui))
}

impl ListTab for Modules {
    fn printable(row: &Self::Row) -> Option<crate::tui::view::Printable> {
        Some(crate::tui::view::Printable::Module(row.id))
    }
    fn title(text: &Catalogue) -> &'static str {
        text.tab_modules
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_code, Constraint::Length(6)),
            (text.col_title, Constraint::Fill(1)),
            (text.col_axis, Constraint::Length(4)),
            (text.col_town, Constraint::Length(13)),
            (text.col_hours, Constraint::Length(5)),
            (text.col_places, Constraint::Length(14)),
        ]
    }
    fn cells(row: &ModuleRow, ui: &Ui) -> Vec<String> {
        vec![
            row.code.clone(),
            row.title.clone(),
            row.axis.clone(),
            row.location.clone(),
            ui.format().hours(row.planned_minutes),
            format!("{}/{}", row.participants, row.capacity),
        ]
    }
    fn row_style(row: &ModuleRow, ui: &Ui) -> Style {
        if row.participants > row.capacity {
            ui.theme().warning
        } else {
            Style::new()
        }
    }
    fn open(row: &ModuleRow, ui: &Ui) -> Option<Box<dyn View>> {
        open(Subject::Module(row.id), ui)
    }
    fn note(row: &ModuleRow) -> Option<(NoteSubject, String)> {
        Some((
            NoteSubject::Module(row.id),
            format!("{} {}", row.code, row.title),
        ))
    }
    fn extra_actions(row: Option<&ModuleRow>) -> Vec<Action> {
        let mut actions = vec![Action::Create];
        if row.is_some() {
            actions.extend([Action::Edit, Action::NewEdition, Action::Delete]);
        }
        actions.push(Action::Lists);
        actions
    }
    fn act(action: Action, row: Option<&ModuleRow>, ui: &Ui) -> Option<Reply> {
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (action, row) {
            (Action::Lists, _) => Reply::Open(Box::new(super::lists::ListsView::new(ui))),
            (Action::Create, _) => Reply::Open(forms::module_form(None, ui)),
            (Action::Edit, Some(row)) => Reply::Open(forms::module_form(Some(row.id), ui)),
            (Action::NewEdition, Some(row)) => Reply::Open(forms::edition_form(row.id, ui)),
            (Action::Delete, Some(row)) => delete_module(row.id, &row.code, ui),
            _ => return None,
        })
    }
}

/// What a delete came to, in words: done, or what the record keeps.
fn deleted(result: crate::store::Result<Option<Keeps>>, ui: &Ui) -> Reply {
    match result {
        Ok(None) => Reply::Say(ui.text().deleted_msg.to_string()),
        Ok(Some(keeps)) => Reply::Say(forms::keeps_text(keeps, ui)),
        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
    }
}

/// Asks, then deletes a module; one with a history is refused with why.
pub fn delete_module(id: i64, code: &str, ui: &Ui) -> Reply {
    let t = ui.text();
    if let Ok(Some(keeps)) = ui.store.module_keeps(id) {
        return Reply::Say(forms::keeps_text(keeps, ui));
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
            return Reply::Say(forms::keeps_text(keeps, ui));
        }
        return Reply::Ask(Question::new(
            crate::i18n::fill(t.offer_cancel, &[("why", &forms::keeps_text(keeps, ui))]),
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

impl ListTab for Sessions {
    fn printable(row: &Self::Row) -> Option<crate::tui::view::Printable> {
        Some(crate::tui::view::Printable::Session(row.id))
    }
    fn title(text: &Catalogue) -> &'static str {
        text.tab_sessions
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_date, Constraint::Length(10)),
            (text.col_time, Constraint::Length(11)),
            (text.col_module, Constraint::Fill(1)),
            (text.col_marked, Constraint::Length(8)),
            (text.col_status, Constraint::Length(9)),
        ]
    }
    fn cells(row: &SessionRow, ui: &Ui) -> Vec<String> {
        let text = ui.text();
        let state = if row.cancelled {
            text.session_cancelled
        } else if row.closed {
            text.session_closed
        } else {
            ""
        };
        vec![
            ui.format().date_text(&row.date),
            format!(
                "{}-{}",
                format_clock(row.start_minute),
                format_clock(row.end_minute)
            ),
            format!("{} {}", row.module_code, row.module_title),
            format!("{}/{}", row.marked, row.participants),
            state.to_string(),
        ]
    }
    fn row_style(row: &SessionRow, ui: &Ui) -> Style {
        let today = ui.settings.today.to_string();
        if row.cancelled {
            ui.theme().muted
        } else if row.date == today {
            ui.theme().accent
        } else {
            Style::new()
        }
    }
    fn open(row: &SessionRow, ui: &Ui) -> Option<Box<dyn View>> {
        open(Subject::Session(row.id), ui)
    }
    fn note(row: &SessionRow) -> Option<(NoteSubject, String)> {
        Some((
            NoteSubject::Session(row.id),
            format!(
                "{} {} {}",
                row.module_code,
                row.module_title,
                crate::i18n::format::day_first(&row.date)
            ),
        ))
    }
    fn extra_actions(row: Option<&SessionRow>) -> Vec<Action> {
        let mut actions = vec![Action::Calendar, Action::Create, Action::Repeat];
        if row.is_some() {
            actions.extend([Action::Edit, Action::CancelSession, Action::Delete]);
        }
        actions.push(Action::Clashes);
        actions
    }
    fn act(action: Action, row: Option<&SessionRow>, ui: &Ui) -> Option<Reply> {
        match action {
            Action::Calendar => return Some(Reply::Open(Box::new(CalendarView::new(ui)))),
            Action::Clashes => return open(Subject::Clashes, ui).map(Reply::Open),
            _ => {}
        }
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (action, row) {
            (Action::Create, _) => Reply::Open(forms::session_form(None, None, ui)),
            (Action::Repeat, _) => Reply::Open(forms::repeat_form(None, ui)),
            (Action::Edit, Some(row)) => Reply::Open(forms::session_form(Some(row.id), None, ui)),
            (Action::CancelSession, Some(row)) => toggle_cancelled(row.id, ui),
            (Action::Delete, Some(row)) => delete_session(row.id, ui),
            _ => return None,
        })
    }
}

impl ListTab for People {
    fn printable(row: &Self::Row) -> Option<crate::tui::view::Printable> {
        Some(crate::tui::view::Printable::Person(row.id))
    }
    fn title(text: &Catalogue) -> &'static str {
        text.tab_participants
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_name, Constraint::Fill(2)),
            (text.col_organisation, Constraint::Fill(2)),
            (text.col_type, Constraint::Fill(1)),
            (text.col_modules, Constraint::Fill(1)),
        ]
    }
    fn cells(row: &PersonRow, _ui: &Ui) -> Vec<String> {
        vec![
            format!("{} {}", row.surname, row.given_name),
            row.organisation.clone(),
            row.organisation_type.clone(),
            row.modules.clone(),
        ]
    }
    fn open(row: &PersonRow, ui: &Ui) -> Option<Box<dyn View>> {
        open(Subject::Person(row.id), ui)
    }
    fn note(row: &PersonRow) -> Option<(NoteSubject, String)> {
        Some((
            NoteSubject::Person(row.id),
            format!("{} {}", row.surname, row.given_name),
        ))
    }
    fn extra_actions(row: Option<&PersonRow>) -> Vec<Action> {
        let mut actions = vec![Action::Create];
        if row.is_some() {
            actions.extend([Action::Edit, Action::Enrol]);
        }
        actions
    }
    fn act(action: Action, row: Option<&PersonRow>, ui: &Ui) -> Option<Reply> {
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (action, row) {
            (Action::Create, _) => Reply::Open(forms::person_form(None, ui)),
            (Action::Edit, Some(row)) => Reply::Open(forms::person_form(Some(row.id), ui)),
            (Action::Enrol, Some(row)) => Reply::Open(forms::enrolment_form(Some(row.id), ui)),
            _ => return None,
        })
    }
}

impl ListTab for Enrolments {
    fn title(text: &Catalogue) -> &'static str {
        text.tab_enrolments
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_received, Constraint::Length(10)),
            (text.col_person, Constraint::Fill(2)),
            (text.col_module, Constraint::Length(6)),
            (text.col_status, Constraint::Length(10)),
            (text.col_reason, Constraint::Fill(1)),
        ]
    }
    fn cells(row: &EnrolmentRow, ui: &Ui) -> Vec<String> {
        vec![
            ui.format().date_text(&row.received_on),
            row.person.clone(),
            row.module_code.clone(),
            ui.text().status(&row.status).to_string(),
            row.reason.clone().unwrap_or_default(),
        ]
    }
    fn row_style(row: &EnrolmentRow, ui: &Ui) -> Style {
        match row.status.as_str() {
            "requested" => ui.theme().accent,
            "rejected" | "withdrawn" => ui.theme().muted,
            _ => Style::new(),
        }
    }
    fn open(row: &EnrolmentRow, ui: &Ui) -> Option<Box<dyn View>> {
        open(Subject::Person(row.person_id), ui)
    }
}

impl ListTab for Notes {
    fn title(text: &Catalogue) -> &'static str {
        text.tab_notes
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_when, Constraint::Length(16)),
            (text.col_author, Constraint::Length(12)),
            (text.col_subject, Constraint::Fill(1)),
            (text.col_note, Constraint::Fill(2)),
            (text.col_follow_up, Constraint::Length(9)),
        ]
    }
    fn cells(row: &NoteRow, ui: &Ui) -> Vec<String> {
        vec![
            ui.format().stamp(&row.created_at, &ui.settings.zone),
            row.author.clone(),
            ui.format().dates_in(&row.subjects),
            first_line(&row.body),
            ui.text().follow_up(row.follow_up.as_deref()).to_string(),
        ]
    }
    fn filter_hint(text: &Catalogue) -> Option<&'static str> {
        Some(text.notes_filter_hint)
    }
    fn open(row: &NoteRow, ui: &Ui) -> Option<Box<dyn View>> {
        open(Subject::Note(row.id), ui)
    }
}

pub use crate::store::screen_queries::Queue;

impl ListTab for Queue {
    fn title(text: &Catalogue) -> &'static str {
        text.tab_enrolments
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_received, Constraint::Length(10)),
            (text.col_person, Constraint::Fill(1)),
            (text.col_module, Constraint::Length(6)),
            (text.col_status, Constraint::Length(10)),
        ]
    }
    fn cells(row: &EnrolmentRow, ui: &Ui) -> Vec<String> {
        vec![
            ui.format().date_text(&row.received_on),
            row.person.clone(),
            row.module_code.clone(),
            ui.text().status(&row.status).to_string(),
        ]
    }
    fn row_style(row: &EnrolmentRow, ui: &Ui) -> Style {
        Enrolments::row_style(row, ui)
    }
    fn open(row: &EnrolmentRow, ui: &Ui) -> Option<Box<dyn View>> {
        Enrolments::open(row, ui)
    }
}
