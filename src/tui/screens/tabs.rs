//! The five lists of the tabs: their columns and what Enter opens.

use ratatui::layout::Constraint;
use ratatui::style::Style;

use crate::domain::format_clock;
use crate::i18n::Catalogue;
use crate::keys::Action;
use crate::store::lists::{
    EnrolmentRow, Enrolments, ModuleRow, Modules, NoteRow, Notes, People, PersonRow, SessionRow,
    Sessions,
};
use crate::store::notes::NoteSubject;
use crate::tui::questions::{delete_module, delete_session, toggle_cancelled};
use crate::tui::route::{Route, Subject};
use crate::tui::text::first_line;
use crate::tui::view::{Printable, Reply, Ui};
use crate::tui::widgets::table::{Columns, ListTab};

impl Columns for Modules {
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
}

impl ListTab for Modules {
    fn printable(row: &Self::Row) -> Option<Printable> {
        Some(Printable::Module(row.id))
    }
    fn open(row: &ModuleRow) -> Option<Route> {
        Some(Route::Card(Subject::Module(row.id)))
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
            (Action::Lists, _) => Reply::Go(Route::Lists),
            (Action::Create, _) => Reply::Go(Route::ModuleForm(None)),
            (Action::Edit, Some(row)) => Reply::Go(Route::ModuleForm(Some(row.id))),
            (Action::NewEdition, Some(row)) => Reply::Go(Route::EditionForm(row.id)),
            (Action::Delete, Some(row)) => delete_module(row.id, &row.code, ui),
            _ => return None,
        })
    }
}

impl Columns for Sessions {
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
}

impl ListTab for Sessions {
    fn printable(row: &Self::Row) -> Option<Printable> {
        Some(Printable::Session(row.id))
    }
    fn open(row: &SessionRow) -> Option<Route> {
        Some(Route::Card(Subject::Session(row.id)))
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
            Action::Calendar => return Some(Reply::Go(Route::Calendar)),
            Action::Clashes => return Some(Reply::Go(Route::Card(Subject::Clashes))),
            _ => {}
        }
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (action, row) {
            (Action::Create, _) => Reply::Go(Route::SessionForm {
                id: None,
                module: None,
            }),
            (Action::Repeat, _) => Reply::Go(Route::RepeatForm(None)),
            (Action::Edit, Some(row)) => Reply::Go(Route::SessionForm {
                id: Some(row.id),
                module: None,
            }),
            (Action::CancelSession, Some(row)) => toggle_cancelled(row.id, ui),
            (Action::Delete, Some(row)) => delete_session(row.id, ui),
            _ => return None,
        })
    }
}

impl Columns for People {
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
}

impl ListTab for People {
    fn printable(row: &Self::Row) -> Option<Printable> {
        Some(Printable::Person(row.id))
    }
    fn open(row: &PersonRow) -> Option<Route> {
        Some(Route::Card(Subject::Person(row.id)))
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
            (Action::Create, _) => Reply::Go(Route::PersonForm(None)),
            (Action::Edit, Some(row)) => Reply::Go(Route::PersonForm(Some(row.id))),
            (Action::Enrol, Some(row)) => Reply::Go(Route::EnrolmentForm(Some(row.id))),
            _ => return None,
        })
    }
}

impl Columns for Enrolments {
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
}

impl ListTab for Enrolments {
    fn open(row: &EnrolmentRow) -> Option<Route> {
        Some(Route::Card(Subject::Person(row.person_id)))
    }
}

impl Columns for Notes {
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
}

impl ListTab for Notes {
    fn open(row: &NoteRow) -> Option<Route> {
        Some(Route::Card(Subject::Note(row.id)))
    }
}
