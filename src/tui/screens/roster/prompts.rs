//! What the roster asks for below its table: hours, a time, a rating,
//! why a roll call is reopened, and its questions.

use super::*;

impl RosterView {
    pub(super) fn type_into(&mut self, key: Key, ui: &Ui) -> Outcome {
        let text = ui.text();
        let typed = match &mut self.mode {
            Mode::Hours { typed, .. }
            | Mode::Time { typed, .. }
            | Mode::ReopenReason(typed)
            | Mode::Rating { typed, .. } => typed,
            _ => return Outcome::Done,
        };
        match key {
            Key::Char(c) => {
                typed.push(c);
                return Outcome::Done;
            }
            Key::Backspace => {
                typed.pop();
                return Outcome::Done;
            }
            Key::Esc => {
                self.mode = Mode::Normal;
                return Outcome::Done;
            }
            Key::Enter => {}
            _ => return Outcome::Done,
        }
        if matches!(&self.mode, Mode::ReopenReason(reason) if reason.trim().is_empty()) {
            return Outcome::Done;
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Hours {
                typed,
                enrolment_id,
                before,
            } => self.save_hours(&typed, enrolment_id, before, ui),
            Mode::Time {
                typed,
                enrolment_id,
                before,
                leaving,
            } => self.save_time(&typed, enrolment_id, before, leaving, ui),
            Mode::Rating {
                typed,
                enrolment_id,
                seen,
            } => match crate::domain::parse_rating(&typed) {
                None => self.message = Some(fill(text.rating_invalid, &[("input", &typed)])),
                Some((score, comment)) => self.rate(enrolment_id, seen, score, comment, ui),
            },
            Mode::ReopenReason(reason) => {
                let outcome = ui
                    .store
                    .reopen_roll_call(&ui.actor(), self.session_id, &reason);
                self.roll_call_said(outcome, false, ui);
            }
            _ => {}
        }
        Outcome::Done
    }

    /// The question or prompt waiting for the user, if any.
    pub(super) fn prompt(&self, ui: &Ui) -> Option<String> {
        let text = ui.text();
        match &self.mode {
            Mode::Hours { typed, .. } => Some(format!(
                "{}{typed}_",
                fill(
                    text.hours_prompt,
                    &[("max", &ui.format().hours(self.length()))]
                )
            )),
            Mode::Time { typed, leaving, .. } => {
                let (start, end) = self.span();
                let template = if *leaving {
                    text.leaving_prompt
                } else {
                    text.arrival_prompt
                };
                Some(format!(
                    "{}{typed}_",
                    fill(
                        template,
                        &[("start", &format_clock(start)), ("end", &format_clock(end))]
                    )
                ))
            }
            Mode::ReopenReason(typed) => Some(format!("{}{typed}_", text.reopen_prompt)),
            Mode::Rating {
                typed, seen: None, ..
            } => Some(format!("{}{typed}_", text.rating_prompt)),
            Mode::Rating {
                typed,
                seen: Some(seen),
                ..
            } => Some(format!(
                "{}{typed}_",
                fill(
                    text.rating_prompt_now,
                    &[("now", &describe_rating(Some(seen), ui))]
                )
            )),
            Mode::ConfirmClose => Some(text.close_confirm.to_string()),
            Mode::Conflict { question, .. } | Mode::RatingConflict { question, .. } => {
                Some(question.clone())
            }
            Mode::Normal => None,
        }
    }
}
