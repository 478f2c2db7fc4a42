//! What the roster's keys do: move, mark, ask for hours, times and
//! ratings, close the roll call, open a person's card, a note, the
//! session's form.

use super::*;
use crate::store::notes::NoteSubject;
use crate::tui::route::{Route, Subject};

impl RosterView {
    pub(super) fn act(&mut self, action: Action, ui: &Ui) -> Outcome {
        let text = ui.text();
        let rows = self.rows();
        let marking = matches!(
            action,
            Action::MarkAll
                | Action::TogglePresent
                | Action::SetHours
                | Action::MarkLate
                | Action::MarkLeftEarly
                | Action::MarkExcused
                | Action::Undo
                | Action::Redo
        );
        if marking && self.closed() {
            self.message = Some(text.roll_call_closed.to_string());
            return Outcome::Done;
        }
        match action {
            Action::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => {
                self.selected = (self.selected + self.height.max(1)).min(rows.saturating_sub(1))
            }
            Action::PageUp => self.selected = self.selected.saturating_sub(self.height.max(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = rows.saturating_sub(1),
            Action::MarkAll => {
                let length = self.length();
                let changes: Vec<MarkChange> = self
                    .seen()
                    .iter()
                    .flat_map(|r| r.lines.iter())
                    .filter(|line| self.seen_value(line, ui).is_none())
                    .map(|line| MarkChange {
                        enrolment_id: line.enrolment_id,
                        before: None,
                        after: Some(Attendance::hours(length, Mark::Present)),
                    })
                    .collect();
                self.commit(changes, false, ui);
            }
            Action::TogglePresent => {
                let change = self.change_selected(ui, |before, length| match before {
                    Some(Attendance {
                        mark: Mark::Present,
                        ..
                    }) => Attendance::hours(0, Mark::Absent),
                    _ => Attendance::hours(length, Mark::Present),
                });
                self.commit(change.into_iter().collect(), true, ui);
            }
            Action::MarkLate | Action::MarkLeftEarly => {
                if let Some(line) = self.line() {
                    self.mode = Mode::Time {
                        enrolment_id: line.enrolment_id,
                        before: self.seen_value(line, ui),
                        leaving: action == Action::MarkLeftEarly,
                    };
                }
            }
            Action::MarkExcused => {
                let change = self.change_selected(ui, |_, _| Attendance::hours(0, Mark::Excused));
                self.commit(change.into_iter().collect(), true, ui);
            }
            Action::SetHours => {
                if let Some(line) = self.line() {
                    self.mode = Mode::Hours {
                        enrolment_id: line.enrolment_id,
                        before: self.seen_value(line, ui),
                    };
                }
            }
            Action::Undo => self.undo_last(ui),
            Action::Redo => self.redo_last(ui),
            Action::Rate => {
                if let Some(enrolment_id) = self.line().map(|l| l.enrolment_id) {
                    match ui.store.rating(enrolment_id) {
                        Ok(seen) => self.mode = Mode::Rating { enrolment_id, seen },
                        Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
                    }
                }
            }
            Action::CloseRollCall => {
                self.mode = if self.closed() {
                    Mode::ReopenReason
                } else {
                    Mode::ConfirmClose
                };
            }
            Action::Note => {
                if let Some(line) = self.line() {
                    let subjects = vec![
                        NoteSubject::Person(line.person_id),
                        NoteSubject::Session(self.session_id),
                    ];
                    let label = format!(
                        "{}, {}",
                        line.name,
                        self.seen()
                            .map(|r| {
                                format!(
                                    "{} {}",
                                    r.session.module_code,
                                    ui.format().date_text(&r.session.date)
                                )
                            })
                            .unwrap_or_default()
                    );
                    return Outcome::Go(Route::NewNote { subjects, label });
                }
            }
            Action::Open => {
                if let Some(line) = self.line() {
                    return Outcome::Go(Route::Card(Subject::Person(line.person_id)));
                }
            }
            // The session itself: its date, times, venue, trainer, topic.
            Action::Edit => {
                if !ui.may_plan() {
                    return Outcome::Message(ui.text().only_planners.to_string());
                }
                return Outcome::Go(Route::SessionForm {
                    id: Some(self.session_id),
                    module: None,
                });
            }
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }
}
