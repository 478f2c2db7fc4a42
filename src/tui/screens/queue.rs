//! The Enrolments tab as a triage queue: requests in order of arrival,
//! pending first, the selected one in full beside the list, and single
//! keys to decide it.

use ratatui::Frame;
use ratatui::layout::{Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use ratatui::layout::Constraint;
use ratatui::style::Style;

use crate::domain::Status;
use crate::i18n::{Catalogue, fill};
use crate::keys::Action;
use crate::store::enrolments::{Conflict, Crowding, Decision, RequestDetail};
use crate::store::lists::{EnrolmentRow, Enrolments, Scope};
use crate::store::planning::Vocabulary;
use crate::store::screen_queries::Queue;
use crate::tui::labels::{capacity_question, duplicate_reasons};
use crate::tui::route::{Route, Subject};
use crate::tui::view::{Answer, Input, Outcome, Prompt, Question, Ui, View};
use crate::tui::widgets::table::{Columns, Table};

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    /// Typing or choosing the reason for a rejection, a withdrawal or a
    /// correction.
    Reason {
        id: i64,
        seen: Status,
        to: Status,
        undoing: bool,
    },
    /// Accepting would exceed the module's places.
    ConfirmCapacity {
        id: i64,
        seen: Status,
        reason: Option<String>,
        crowding: Crowding,
        undoing: bool,
    },
    /// Someone changed the request since it was shown: decide anyway?
    ConfirmChanged {
        id: i64,
        conflict: Conflict,
        to: Status,
        reason: Option<String>,
        undoing: bool,
    },
    /// A place freed up: accept the first on the waiting list?
    OfferWaitlist {
        id: i64,
        name: String,
    },
}

/// One decision this user made in the queue, to take back with `u`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Made {
    id: i64,
    from: Status,
    to: Status,
}

pub struct QueueView {
    list: Table<Queue>,
    /// The area the queue was last given: the list's share of it
    /// depends on the message under it.
    area: Rect,
    detail: Option<RequestDetail>,
    /// Possible duplicates of the request's person, read with the detail.
    duplicates: Vec<crate::store::Duplicate>,
    mode: Mode,
    message: Option<String>,
    /// The decisions made here, latest last: `u` takes them back in turn.
    made: Vec<Made>,
}

impl QueueView {
    pub fn new() -> QueueView {
        QueueView {
            list: Table::new(Scope::default()),
            area: Rect::default(),
            detail: None,
            duplicates: Vec::new(),
            mode: Mode::Normal,
            message: None,
            made: Vec::new(),
        }
    }

    /// The list, the selected request beside it (under it on a narrow
    /// screen) and the message line, in `area`.
    fn layout(&self, area: Rect, ui: &Ui) -> [Rect; 3] {
        let line = self
            .message
            .as_deref()
            .map(|m| ui.theme().shown(m))
            .unwrap_or_default();
        // A long question (the capacity one names who waits) wraps
        // rather than losing its (y/n).
        let width = usize::from(area.width.max(1));
        let rows = line.chars().count().div_ceil(width).clamp(1, 3) as u16;
        let [main, prompt_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(area);
        let direction = if main.width >= 70 {
            Direction::Horizontal
        } else {
            Direction::Vertical
        };
        let [list_area, detail_area] = Layout::default()
            .direction(direction)
            .constraints([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(main);
        [list_area, detail_area, prompt_area]
    }

    /// Fits the list to its share of the area (the message may have
    /// grown or gone) and reads the request now selected.
    fn fit(&mut self, ui: &Ui) {
        let [list_area, _, _] = self.layout(self.area, ui);
        self.list.resize(list_area, ui);
        self.read_detail(ui, false);
    }

    /// Reads the selected request in full, with its person's possible
    /// duplicates; only when the selection moved, unless `force`d after a
    /// change.
    fn read_detail(&mut self, ui: &Ui, force: bool) {
        let selected = self.list.selected().map(|row| row.id);
        if !force && selected == self.detail.as_ref().map(|d| d.id) {
            return;
        }
        self.detail = selected.and_then(|id| ui.store.request_detail(id).ok());
        self.duplicates = self
            .detail
            .as_ref()
            .and_then(|d| ui.store.possible_duplicates(d.person_id).ok())
            .unwrap_or_default();
    }

    fn load_detail(&mut self, ui: &Ui) {
        self.read_detail(ui, true);
    }

    /// The reasons offered: for a rejection, the register's editable
    /// list where it has one, else the settings'; for a withdrawal, the
    /// settings'; a correction to another status is typed.
    fn reasons(to: Status, ui: &Ui) -> Vec<String> {
        let config = &ui.settings.reasons;
        match to {
            Status::Withdrawn => config.withdraw.clone(),
            Status::Rejected => match ui.store.words(Vocabulary::RejectReason) {
                Ok(words) if !words.is_empty() => words,
                _ => config.reject.clone(),
            },
            _ => Vec::new(),
        }
    }

    /// The status of the request as this screen shows it: what the
    /// decision acts on.
    fn shown_status(&self, id: i64) -> Option<Status> {
        self.detail
            .as_ref()
            .filter(|d| d.id == id)
            .and_then(|d| Status::parse(&d.status).ok())
    }

    /// A key asked to move the selected request to `to`: straight away,
    /// or after asking for the reason it needs.
    fn start(&mut self, id: i64, to: Status, ui: &Ui) {
        let Some(seen) = self.shown_status(id) else {
            return;
        };
        if seen == to {
            self.message = Some(fill(
                ui.text().decision_already,
                &[("status", ui.text().status(to.as_str()))],
            ));
        } else if to.needs_reason_from(seen) {
            self.mode = Mode::Reason {
                id,
                seen,
                to,
                undoing: false,
            };
        } else {
            self.decide(id, seen, to, None, false, false, ui);
        }
    }

    /// `u`: takes back this user's last decision made here, as a
    /// correction with its own line in the history.
    fn undo(&mut self, ui: &Ui) {
        let Some(last) = self.made.pop() else {
            self.message = Some(ui.text().queue_nothing_to_undo.to_string());
            return;
        };
        let reason = ui.text().undo_reason.to_string();
        self.decide(last.id, last.to, last.from, Some(&reason), false, true, ui);
        if matches!(self.mode, Mode::Normal) && self.message.is_none() {
            let name = ui
                .store
                .request_detail(last.id)
                .map(|d| format!("{} {}", d.person, d.module_code))
                .unwrap_or_default();
            self.message = Some(fill(
                ui.text().undone,
                &[
                    ("status", ui.text().status(last.from.as_str())),
                    ("name", &name),
                ],
            ));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn decide(
        &mut self,
        id: i64,
        seen: Status,
        to: Status,
        reason: Option<&str>,
        beyond: bool,
        undoing: bool,
        ui: &Ui,
    ) {
        let text = ui.text();
        let module = ui.store.request_detail(id).ok().map(|d| d.module_id);
        match ui
            .store
            .decide_seen(&ui.actor(), id, seen, to, reason, beyond)
        {
            Ok(Decision::Done) => {
                if !undoing {
                    self.made.push(Made { id, from: seen, to });
                }
                self.list.reload_in_place(ui);
                // A participant left: offer the place, if one is free
                // (not when a stray acceptance is taken back: the place
                // was never really taken).
                if seen == Status::Accepted
                    && !undoing
                    && let Some(module) = module
                    && let Ok(Some((id, name))) = ui.store.waitlisted_for_free_place(module)
                {
                    self.mode = Mode::OfferWaitlist { id, name };
                }
            }
            Ok(Decision::OverCapacity(crowding)) => {
                self.mode = Mode::ConfirmCapacity {
                    id,
                    seen,
                    reason: reason.map(str::to_string),
                    crowding,
                    undoing,
                }
            }
            Ok(Decision::Changed(conflict)) => {
                if conflict.now == to {
                    self.message = Some(changed_message(&conflict, ui));
                } else {
                    self.mode = Mode::ConfirmChanged {
                        id,
                        conflict,
                        to,
                        reason: reason.map(str::to_string),
                        undoing,
                    };
                }
            }
            Ok(Decision::NotAllowed { from, to }) => {
                self.message = Some(fill(
                    text.decision_not_allowed,
                    &[
                        ("from", text.status(from.as_str())),
                        ("to", text.status(to.as_str())),
                    ],
                ));
            }
            Ok(Decision::NeedsReason) => {
                self.mode = Mode::Reason {
                    id,
                    seen,
                    to,
                    undoing,
                }
            }
            Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
        }
        self.load_detail(ui);
    }

    /// The reason typed (or chosen by its number) in the app's prompt.
    fn reason_given(&mut self, reason: &str, ui: &Ui) {
        let Mode::Reason {
            id,
            seen,
            to,
            undoing,
        } = std::mem::replace(&mut self.mode, Mode::Normal)
        else {
            return;
        };
        self.decide(id, seen, to, Some(reason), false, undoing, ui);
    }

    /// The popup the decision under way needs: the reason to type, or a
    /// question to answer; `None` when no decision waits.
    fn popup(&self, ui: &Ui) -> Option<Outcome> {
        let text = ui.text();
        let question = match &self.mode {
            Mode::Normal => return None,
            Mode::Reason { seen, to, .. } => {
                let question = if seen.is_decided() {
                    fill(
                        text.correction_prompt,
                        &[
                            ("from", text.status(seen.as_str())),
                            ("to", text.status(to.as_str())),
                        ],
                    )
                } else {
                    text.reason_prompt.to_string()
                };
                return Some(Outcome::Prompt(Prompt::new(
                    question,
                    Self::reasons(*to, ui),
                )));
            }
            Mode::ConfirmCapacity { crowding, .. } => capacity_question(crowding, ui),
            Mode::ConfirmChanged { conflict, to, .. } => fill(
                text.decision_changed,
                &[
                    ("now", text.status(conflict.now.as_str())),
                    ("by", &conflict.by),
                    ("at", &ui.format().stamp(&conflict.at, &ui.settings.zone)),
                    ("seen", text.status(conflict.seen.as_str())),
                    ("to", text.status(to.as_str())),
                ],
            ),
            Mode::OfferWaitlist { name, .. } => fill(text.offer_waitlisted, &[("name", name)]),
        };
        Some(Outcome::Ask(Question::told(question)))
    }

    fn answer(&mut self, yes: bool, ui: &Ui) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        if !yes {
            return;
        }
        match mode {
            Mode::ConfirmCapacity {
                id,
                seen,
                reason,
                undoing,
                ..
            } => self.decide(
                id,
                seen,
                Status::Accepted,
                reason.as_deref(),
                true,
                undoing,
                ui,
            ),
            Mode::ConfirmChanged {
                id,
                conflict,
                to,
                reason,
                undoing,
            } => {
                // Asked again on what the user now knows: a correction of
                // the other user's decision needs its own reason.
                if to.needs_reason_from(conflict.now) && reason.is_none() {
                    self.mode = Mode::Reason {
                        id,
                        seen: conflict.now,
                        to,
                        undoing,
                    };
                } else {
                    self.decide(id, conflict.now, to, reason.as_deref(), false, undoing, ui);
                }
            }
            Mode::OfferWaitlist { id, .. } => {
                self.load_detail(ui);
                self.decide(
                    id,
                    Status::Waitlisted,
                    Status::Accepted,
                    None,
                    false,
                    false,
                    ui,
                );
            }
            _ => {}
        }
    }

    fn draw_detail(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let Some(d) = &self.detail else {
            return;
        };
        let field = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{} ", theme.shown(label)), theme.header),
                Span::raw(theme.shown(&value)),
            ])
        };
        let optional =
            |value: &Option<String>| value.clone().unwrap_or_else(|| text.none.to_string());
        let mut lines = vec![
            Line::styled(theme.shown(&d.person), theme.accent),
            field(
                text.field_organisation,
                format!("{} ({})", d.organisation, d.organisation_type),
            ),
            field(text.field_job, optional(&d.job_title)),
            field(text.field_tax_code, optional(&d.tax_code)),
            field(text.field_email, optional(&d.email)),
            Line::raw(""),
            Line::styled(
                theme.shown(&format!("{} {}", d.module_code, d.module_title)),
                theme.accent,
            ),
            field(
                text.field_places,
                format!("{}/{}", d.participants, d.capacity),
            ),
            field(text.queue_waitlisted, d.waitlisted.to_string()),
            field(
                text.queue_same_organisation,
                d.same_organisation.to_string(),
            ),
            field(
                text.col_status,
                match &d.reason {
                    Some(reason) => format!("{}: {reason}", text.status(&d.status)),
                    None => text.status(&d.status).to_string(),
                },
            ),
        ];
        if !d.others.is_empty() {
            let others = d
                .others
                .iter()
                .map(|o| format!("{} {}", o.module_code, text.status(&o.status)))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(field(text.queue_other_requests, others));
        }
        if !self.duplicates.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(text.section_duplicates, theme.warning));
            for dup in &self.duplicates {
                lines.push(Line::raw(theme.shown(&format!(
                    "{} {}, {} ({})",
                    dup.surname,
                    dup.given_name,
                    dup.organisation,
                    duplicate_reasons(&dup.reasons, text)
                ))));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(text.queue_history, theme.header));
        for h in &d.history {
            let template = match h.from {
                Some(_) => text.history_step,
                None => text.history_first_step,
            };
            let mut entry = fill(
                template,
                &[
                    ("at", &ui.format().stamp(&h.at, &ui.settings.zone)),
                    ("by", &h.by),
                    (
                        "from",
                        h.from.as_deref().map(|f| text.status(f)).unwrap_or(""),
                    ),
                    ("to", text.status(&h.to)),
                ],
            );
            if let Some(reason) = &h.reason {
                entry = format!("{entry}: {reason}");
            }
            lines.push(Line::raw(theme.shown(&entry)));
        }
        let block = Block::new()
            .borders(Borders::LEFT | Borders::TOP)
            .border_set(theme.border());
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}

impl Default for QueueView {
    fn default() -> Self {
        QueueView::new()
    }
}

impl View for QueueView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        self.message = None;
        // A decision still waiting here lost its popup (the app closed
        // it): it is dropped, as no would.
        self.mode = Mode::Normal;
        let id = self.list.selected().map(|row| row.id);
        let outcome = match (input, id) {
            (Input::Action(Action::Undo), _) => {
                self.undo(ui);
                Outcome::Done
            }
            (Input::Action(action), Some(id))
                if matches!(
                    action,
                    Action::Accept | Action::Reject | Action::Waitlist | Action::Withdraw
                ) =>
            {
                let to = match action {
                    Action::Accept => Status::Accepted,
                    Action::Reject => Status::Rejected,
                    Action::Waitlist => Status::Waitlisted,
                    _ => Status::Withdrawn,
                };
                self.start(id, to, ui);
                Outcome::Done
            }
            (Input::Action(Action::Outbox), _) => Outcome::Go(Route::Outbox),
            (Input::Action(Action::Open), _) => match self.detail.as_ref() {
                Some(d) => Outcome::Go(Route::Card(Subject::Person(d.person_id))),
                None => Outcome::Done,
            },
            (input, _) => {
                if self.list.handle(input, ui) {
                    Outcome::Done
                } else {
                    Outcome::NotMine
                }
            }
        };
        let outcome = self.popup(ui).unwrap_or(outcome);
        self.fit(ui);
        outcome
    }

    fn answered(&mut self, answer: Answer, ui: &Ui) -> Outcome {
        self.message = None;
        match answer {
            Answer::Text(reason) => self.reason_given(&reason, ui),
            Answer::Yes => self.answer(true, ui),
            Answer::No => self.answer(false, ui),
        }
        let outcome = self.popup(ui).unwrap_or(Outcome::Done);
        self.fit(ui);
        outcome
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let [list_area, detail_area, prompt_area] = self.layout(area, ui);
        let (line, style) = match &self.message {
            Some(message) => (theme.shown(message), theme.warning),
            None => (String::new(), theme.muted),
        };
        self.list.draw(frame, list_area, ui);
        self.draw_detail(frame, detail_area, ui);
        frame.render_widget(
            Paragraph::new(line).style(style).wrap(Wrap { trim: false }),
            prompt_area,
        );
    }

    fn resize(&mut self, area: Rect, ui: &Ui) {
        self.area = area;
        self.fit(ui);
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![
            Action::Accept,
            Action::Reject,
            Action::Waitlist,
            Action::Withdraw,
            Action::Undo,
        ];
        actions.push(Action::Open);
        actions.extend(self.list.actions());
        actions.push(Action::Outbox);
        actions
    }

    fn taking_text(&self) -> bool {
        self.list.taking_text()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.list.refresh(ui);
        self.load_detail(ui);
        self.fit(ui);
    }
}

fn changed_message(conflict: &Conflict, ui: &Ui) -> String {
    let text = ui.text();
    fill(
        text.decision_changed_plain,
        &[
            ("now", text.status(conflict.now.as_str())),
            ("by", &conflict.by),
            ("at", &ui.format().stamp(&conflict.at, &ui.settings.zone)),
            ("seen", text.status(conflict.seen.as_str())),
        ],
    )
}

impl Columns for Queue {
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
}
