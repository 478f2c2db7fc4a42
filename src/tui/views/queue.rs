//! The Enrolments tab as a triage queue: requests in order of arrival,
//! pending first, the selected one in full beside the list, and single
//! keys to decide it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::detail::{Subject, open_subject};
use super::list::ListView;
use super::tabs::Queue;
use crate::domain::Status;
use crate::i18n::fill;
use crate::keys::{Action, Key};
use crate::store::enrolments::{Decision, RequestDetail};
use crate::store::lists::Scope;
use crate::store::planning::Vocabulary;
use crate::tui::view::{Input, Outcome, Ui, View};

use super::tabs::short_time;

#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    /// Typing or choosing the reason for a rejection or a withdrawal.
    Reason {
        id: i64,
        to: Status,
        typed: String,
    },
    /// Accepting would exceed the module's places.
    ConfirmCapacity {
        id: i64,
    },
    /// A place freed up: accept the first on the waiting list?
    OfferWaitlist {
        id: i64,
        name: String,
    },
}

pub struct QueueView {
    list: ListView<Queue>,
    detail: Option<RequestDetail>,
    /// Possible duplicates of the request's person, read with the detail.
    duplicates: Vec<crate::store::Duplicate>,
    mode: Mode,
    message: Option<String>,
}

impl QueueView {
    pub fn new() -> QueueView {
        QueueView {
            list: ListView::new(Scope::default()),
            detail: None,
            duplicates: Vec::new(),
            mode: Mode::Normal,
            message: None,
        }
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
    /// list where it has one, else the settings'.
    fn reasons(to: Status, ui: &Ui) -> Vec<String> {
        let config = &ui.settings.reasons;
        if to == Status::Withdrawn {
            return config.withdraw.clone();
        }
        match ui.store.words(Vocabulary::RejectReason) {
            Ok(words) if !words.is_empty() => words,
            _ => config.reject.clone(),
        }
    }

    fn decide(&mut self, id: i64, to: Status, reason: Option<&str>, beyond: bool, ui: &Ui) {
        let text = ui.text();
        let module = self.detail.as_ref().map(|d| d.module_id);
        match ui.store.decide(&ui.actor(), id, to, reason, beyond) {
            Ok(Decision::Done) => {
                self.list.reload_in_place(ui);
                if to == Status::Withdrawn
                    && let Some(module) = module
                    && let Ok(Some((id, name))) = ui.store.first_waitlisted(module)
                {
                    self.mode = Mode::OfferWaitlist { id, name };
                }
            }
            Ok(Decision::OverCapacity { .. }) => self.mode = Mode::ConfirmCapacity { id },
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
                    to,
                    typed: String::new(),
                }
            }
            Err(e) => self.message = Some(e.to_string()),
        }
        self.load_detail(ui);
    }

    fn type_reason(&mut self, key: Key, ui: &Ui) {
        let Mode::Reason { id, to, typed } = &mut self.mode else {
            return;
        };
        match key {
            Key::Char(c) => typed.push(c),
            Key::Backspace => {
                typed.pop();
            }
            Key::Esc => self.mode = Mode::Normal,
            Key::Enter => {
                let (id, to, typed) = (*id, *to, typed.clone());
                // A number picks one of the configured reasons.
                let reasons = Self::reasons(to, ui);
                let reason = match typed.trim().parse::<usize>() {
                    Ok(n) if (1..=reasons.len()).contains(&n) => reasons[n - 1].clone(),
                    _ => typed.trim().to_string(),
                };
                if reason.is_empty() {
                    return;
                }
                self.mode = Mode::Normal;
                self.decide(id, to, Some(&reason), false, ui);
            }
            _ => {}
        }
    }

    fn answer(&mut self, yes: bool, ui: &Ui) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        if !yes {
            return;
        }
        match mode {
            Mode::ConfirmCapacity { id } => self.decide(id, Status::Accepted, None, true, ui),
            Mode::OfferWaitlist { id, .. } => {
                self.decide(id, Status::Accepted, None, false, ui);
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
                    super::detail::duplicate_reasons(&dup.reasons, text)
                ))));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(text.queue_history, theme.header));
        for h in &d.history {
            let mut entry = format!(
                "{} {} {}",
                short_time(&h.at, &ui.settings.zone),
                h.by,
                text.status(&h.to)
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
        match (&self.mode, input) {
            (Mode::Reason { .. }, Input::Text(chord)) => {
                self.type_reason(chord.key, ui);
                return Outcome::Done;
            }
            (Mode::ConfirmCapacity { .. } | Mode::OfferWaitlist { .. }, Input::Text(chord)) => {
                let answer = ui
                    .settings
                    .keys
                    .action_for(chord, &[Action::Confirm, Action::Deny]);
                if let Some(answer) = answer {
                    self.answer(answer == Action::Confirm, ui);
                }
                return Outcome::Done;
            }
            _ => {}
        }
        let id = self.list.selected().map(|row| row.id);
        let outcome = match (input, id) {
            (Input::Action(Action::Accept), Some(id)) => {
                self.decide(id, Status::Accepted, None, false, ui);
                Outcome::Done
            }
            (Input::Action(Action::Waitlist), Some(id)) => {
                self.decide(id, Status::Waitlisted, None, false, ui);
                Outcome::Done
            }
            (Input::Action(action @ (Action::Reject | Action::Withdraw)), Some(id)) => {
                let to = if action == Action::Reject {
                    Status::Rejected
                } else {
                    Status::Withdrawn
                };
                let allowed = self
                    .detail
                    .as_ref()
                    .and_then(|d| Status::parse(&d.status).ok())
                    .is_some_and(|from| from.can_become(to));
                if allowed {
                    self.mode = Mode::Reason {
                        id,
                        to,
                        typed: String::new(),
                    };
                } else {
                    self.decide(id, to, Some("-"), false, ui);
                }
                Outcome::Done
            }
            (Input::Action(Action::Open), _) => match self.detail.as_ref() {
                Some(d) => Outcome::Open(open_subject(Subject::Person(d.person_id), ui)),
                None => Outcome::Done,
            },
            (input, _) => self.list.handle(input, ui),
        };
        self.read_detail(ui, false);
        outcome
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let [main, prompt_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let direction = if main.width >= 70 {
            Direction::Horizontal
        } else {
            Direction::Vertical
        };
        let [list_area, detail_area] = Layout::default()
            .direction(direction)
            .constraints([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(main);
        self.list.draw(frame, list_area, ui);
        self.read_detail(ui, false);
        self.draw_detail(frame, detail_area, ui);
        let prompt = match &self.mode {
            Mode::Normal => None,
            Mode::Reason { to, typed, .. } => {
                let choices = Self::reasons(*to, ui)
                    .iter()
                    .enumerate()
                    .map(|(i, r)| format!("{} {r}", i + 1))
                    .collect::<Vec<_>>()
                    .join("  ");
                Some(format!("{} [{choices}] {typed}_", text.reason_prompt))
            }
            Mode::ConfirmCapacity { .. } => self.detail.as_ref().map(|d| {
                fill(
                    text.confirm_capacity,
                    &[
                        ("module", &d.module_code),
                        ("taken", &d.participants.to_string()),
                        ("places", &d.capacity.to_string()),
                    ],
                )
            }),
            Mode::OfferWaitlist { name, .. } => {
                Some(fill(text.offer_waitlisted, &[("name", name)]))
            }
        };
        let (line, style) = match (prompt, &self.message) {
            (Some(prompt), _) => (prompt, theme.header),
            (None, Some(message)) => (message.clone(), theme.warning),
            (None, None) => (String::new(), theme.muted),
        };
        frame.render_widget(Paragraph::new(theme.shown(&line)).style(style), prompt_area);
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![
            Action::Accept,
            Action::Reject,
            Action::Waitlist,
            Action::Withdraw,
        ];
        actions.extend(self.list.actions());
        actions
    }

    fn taking_text(&self) -> bool {
        self.mode != Mode::Normal || self.list.taking_text()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.list.refresh(ui);
        self.load_detail(ui);
    }
}
