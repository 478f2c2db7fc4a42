//! The audit log, newest first, for admins and coordinators: opened with
//! `L` on top of any tab, filtered with `/` by user, entity, date and
//! words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use crate::i18n::Catalogue;
use crate::keys::Action;
use crate::store::audit_log::{AuditEntry, AuditLog};
use crate::store::lists::Scope;
use crate::tui::view::{Input, Outcome, Ui, View};
use crate::tui::widgets::table::{Columns, Table};

/// The log as a table; its rows open nothing.
pub struct AuditView {
    table: Table<AuditLog>,
}

impl AuditView {
    pub fn new(scope: Scope) -> AuditView {
        AuditView {
            table: Table::new(scope),
        }
    }
}

impl View for AuditView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        if self.table.handle(input, ui) {
            Outcome::Done
        } else {
            Outcome::NotMine
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        self.table.draw(frame, area, ui);
    }

    fn resize(&mut self, area: Rect, ui: &Ui) {
        self.table.resize(area, ui);
    }

    fn actions(&self) -> Vec<Action> {
        // Enter is offered, as on every list, and does nothing here.
        let mut actions = vec![Action::Open];
        actions.extend(self.table.actions());
        actions
    }

    fn taking_text(&self) -> bool {
        self.table.taking_text()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.table.refresh(ui);
    }

    fn after_question(&mut self, ui: &Ui) {
        self.table.reload_in_place(ui);
    }
}

impl Columns for AuditLog {
    fn title(text: &Catalogue) -> &'static str {
        text.audit_title
    }
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)> {
        vec![
            (text.col_when, Constraint::Length(16)),
            (text.col_user, Constraint::Length(14)),
            (text.col_entity, Constraint::Length(14)),
            (text.col_action, Constraint::Length(12)),
            (text.col_change, Constraint::Fill(1)),
        ]
    }
    fn cells(row: &AuditEntry, ui: &Ui) -> Vec<String> {
        let t = ui.text();
        let entity_word = crate::i18n::system::audit_word(&row.entity, t);
        let entity = match row.entity_id {
            Some(id) => format!("{entity_word} {id}"),
            None => entity_word,
        };
        let change = match (&row.before, &row.after) {
            (Some(before), Some(after)) => format!("{before} -> {after}"),
            (None, Some(after)) => after.clone(),
            (Some(before), None) => format!("{before} -> -"),
            (None, None) => String::new(),
        };
        vec![
            ui.format().stamp(&row.at, &ui.settings.zone),
            row.user.clone(),
            entity,
            crate::i18n::system::audit_word(&row.action, t),
            change,
        ]
    }
    fn filter_hint(text: &Catalogue) -> Option<&'static str> {
        Some(text.audit_filter_hint)
    }
}
