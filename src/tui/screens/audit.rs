//! The audit log, newest first, for admins and coordinators: opened with
//! `L` on top of any tab, filtered with `/` by user, entity, date and
//! words.

use ratatui::layout::Constraint;

use super::list::ListTab;
use crate::i18n::Catalogue;
use crate::store::audit_log::{AuditEntry, AuditLog};
use crate::tui::view::{Ui, View};

impl ListTab for AuditLog {
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
    fn open(_row: &AuditEntry, _ui: &Ui) -> Option<Box<dyn View>> {
        None
    }
    fn filter_hint(text: &Catalogue) -> Option<&'static str> {
        Some(text.audit_filter_hint)
    }
}
