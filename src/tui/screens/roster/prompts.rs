//! What the roster asks in the app's popup: hours, a time, a rating, why
//! a roll call is reopened (a line typed), and its yes/no questions.

use super::*;

impl RosterView {
    /// The line typed in the popup, for what the roster asked: Esc (no
    /// answer) leaves the mode through `answer`.
    pub(super) fn typed(&mut self, typed: &str, ui: &Ui) {
        let text = ui.text();
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Hours {
                enrolment_id,
                before,
            } => self.save_hours(typed, enrolment_id, before, ui),
            Mode::Time {
                enrolment_id,
                before,
                leaving,
            } => self.save_time(typed, enrolment_id, before, leaving, ui),
            Mode::Rating { enrolment_id, seen } => match crate::domain::parse_rating(typed) {
                None => self.message = Some(fill(text.rating_invalid, &[("input", typed)])),
                Some((score, comment)) => self.rate(enrolment_id, seen, score, comment, ui),
            },
            Mode::ReopenReason => {
                let outcome = ui
                    .store
                    .reopen_roll_call(&ui.actor(), self.session_id, typed);
                self.roll_call_said(outcome, false, ui);
            }
            _ => {}
        }
    }

    /// The popup the mode waits on, if any: a line to type or a question.
    pub(super) fn popup(&self, ui: &Ui) -> Option<Outcome> {
        let text = ui.text();
        let line = |question: String| Some(Outcome::Prompt(Prompt::new(question, Vec::new())));
        // The popup may cover the selected row: a line about one
        // participant names them.
        let about = |enrolment_id: i64, question: String| match self.name_of(enrolment_id) {
            Some(name) => line(format!("{name}: {question}")),
            None => line(question),
        };
        match &self.mode {
            Mode::Normal => None,
            Mode::Hours { enrolment_id, .. } => about(
                *enrolment_id,
                fill(
                    text.hours_prompt,
                    &[("max", &ui.format().hours(self.length()))],
                ),
            ),
            Mode::Time {
                enrolment_id,
                leaving,
                ..
            } => {
                let (start, end) = self.span();
                let template = if *leaving {
                    text.leaving_prompt
                } else {
                    text.arrival_prompt
                };
                about(
                    *enrolment_id,
                    fill(
                        template,
                        &[("start", &format_clock(start)), ("end", &format_clock(end))],
                    ),
                )
            }
            Mode::ReopenReason => line(text.reopen_prompt.to_string()),
            Mode::Rating {
                enrolment_id,
                seen: None,
            } => about(*enrolment_id, text.rating_prompt.to_string()),
            Mode::Rating {
                enrolment_id,
                seen: Some(seen),
            } => about(
                *enrolment_id,
                fill(
                    text.rating_prompt_now,
                    &[("now", &describe_rating(Some(seen), ui))],
                ),
            ),
            Mode::ConfirmClose => {
                Some(Outcome::Ask(Question::told(text.close_confirm.to_string())))
            }
            Mode::Conflict { question, .. } | Mode::RatingConflict { question, .. } => {
                Some(Outcome::Ask(Question::told(question.clone())))
            }
        }
    }
}
