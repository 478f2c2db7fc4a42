//! The outbox, opened from the Enrolments tab: the messages decisions
//! queued, newest first, with the selected one read below the list. A
//! coordinator edits a message not yet gone (the first line is its
//! subject), holds it back or lets it go, or discards it. Tutors never
//! reach it: the tab is not theirs, and the store refuses them anyway.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};
use ratatui_textarea::TextArea;

use crate::i18n::fill;
use crate::keys::Action;
use crate::mail::template::{day, word};
use crate::mail::words::{destination, kind_word, status_word};
use crate::mail::{MessageStatus, OutboxMessage, PersonLanguage};
use crate::tui::input::text_input;
use crate::tui::view::{Input, MOVES, Outcome, Question, Reply, Ui, View};

/// The statuses listed: everything but what a coordinator threw away.
/// A message a later decision superseded stays in sight, so the office
/// sees that it was never sent and why.
const LISTED: [MessageStatus; 6] = [
    MessageStatus::Pending,
    MessageStatus::Held,
    MessageStatus::Failed,
    MessageStatus::Sent,
    MessageStatus::Printed,
    MessageStatus::Superseded,
];

pub struct OutboxView {
    messages: Vec<OutboxMessage>,
    selected: usize,
    /// The selected message read in full (with its sessions).
    shown: Option<OutboxMessage>,
    /// A message being edited: its id and the text area.
    editing: Option<(i64, Box<TextArea<'static>>)>,
    message: Option<String>,
}

impl OutboxView {
    pub fn new(ui: &Ui) -> OutboxView {
        let mut view = OutboxView {
            messages: Vec::new(),
            selected: 0,
            shown: None,
            editing: None,
            message: None,
        };
        view.refresh(ui);
        view
    }

    fn current(&self) -> Option<&OutboxMessage> {
        self.messages.get(self.selected)
    }

    fn load_shown(&mut self, ui: &Ui) {
        self.shown = self
            .current()
            .and_then(|m| ui.store.outbox_message(&ui.actor(), m.id).ok());
    }

    fn select(&mut self, index: usize, ui: &Ui) {
        self.selected = index.min(self.messages.len().saturating_sub(1));
        self.load_shown(ui);
    }

    /// The selected message if it has not gone yet; else says why not.
    fn open_one(&mut self, ui: &Ui) -> Option<OutboxMessage> {
        let shown = self.shown.clone()?;
        if shown.status.is_open() {
            Some(shown)
        } else {
            self.message = Some(fill(
                ui.text().mail_view_gone,
                &[("status", status_word(ui.text(), shown.status))],
            ));
            None
        }
    }

    fn start_editing(&mut self, ui: &Ui) {
        let Some(message) = self.open_one(ui) else {
            return;
        };
        let worded = word(&message, crate::mail::settings::in_force());
        let mut lines = vec![worded.subject, String::new()];
        lines.extend(worded.body.lines().map(str::to_string));
        // A letter's long lines wrap, so its reason is read whole.
        let area = crate::tui::widgets::text_area::wrapped(lines);
        self.editing = Some((message.id, Box::new(area)));
    }

    fn save(&mut self, ui: &Ui) {
        let Some((id, area)) = self.editing.take() else {
            return;
        };
        let lines = area.lines();
        let subject = lines
            .first()
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let body = lines
            .iter()
            .skip(1)
            .skip_while(|l| l.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        if subject.is_empty() {
            self.message = Some(ui.text().mail_view_no_subject.to_string());
            self.editing = Some((id, area));
            return;
        }
        self.message = Some(
            match ui.store.outbox_edit(&ui.actor(), id, &subject, &body) {
                Ok(()) => ui.text().mail_view_saved.to_string(),
                Err(e) => crate::store::describe(&e, ui.text()),
            },
        );
        self.refresh(ui);
    }

    fn edit_key(&mut self, input: Input, ui: &Ui) {
        let Input::Text(chord) = input else {
            return;
        };
        match ui
            .settings
            .keys
            .action_for(chord, &[Action::Save, Action::Back])
        {
            Some(Action::Save) => self.save(ui),
            Some(Action::Back) => {
                self.editing = None;
                self.message = Some(ui.text().mail_view_not_saved.to_string());
            }
            _ => {
                if let Some((_, area)) = &mut self.editing {
                    area.input(text_input(chord));
                }
            }
        }
    }

    fn hold(&mut self, ui: &Ui) {
        let Some(message) = self.open_one(ui) else {
            return;
        };
        let hold = message.status != MessageStatus::Held;
        self.message = Some(match ui.store.outbox_hold(&ui.actor(), message.id, hold) {
            Ok(()) if hold => ui.text().mail_view_held.to_string(),
            Ok(()) => ui.text().mail_view_released.to_string(),
            Err(e) => crate::store::describe(&e, ui.text()),
        });
        self.refresh(ui);
    }

    /// The question before a message is discarded, asked in the app's
    /// popup; the list is read again once it is answered.
    fn ask_discard(&mut self, ui: &Ui) -> Option<Outcome> {
        let message = self.open_one(ui)?;
        let id = message.id;
        let name = format!("{} {}", message.given_name, message.surname);
        Some(Outcome::Ask(Question::new(
            fill(ui.text().mail_view_discard_ask, &[("name", name.trim())]),
            move |ui: &Ui| match ui.store.outbox_discard(&ui.actor(), id) {
                Ok(()) => Reply::Say(ui.text().mail_view_discarded.to_string()),
                Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
            },
        )))
    }
}

impl View for OutboxView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        if self.editing.is_some() {
            self.edit_key(input, ui);
            return match self.message.take() {
                Some(message) => Outcome::Message(message),
                None => Outcome::Done,
            };
        }
        self.message = None;
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let last = self.messages.len().saturating_sub(1);
        match action {
            Action::Down => self.select(self.selected + 1, ui),
            Action::Up => self.select(self.selected.saturating_sub(1), ui),
            Action::PageDown => self.select(self.selected + 10, ui),
            Action::PageUp => self.select(self.selected.saturating_sub(10), ui),
            Action::Top => self.select(0, ui),
            Action::Bottom => self.select(last, ui),
            Action::Open | Action::Edit => self.start_editing(ui),
            Action::Hold => self.hold(ui),
            Action::Delete => {
                if let Some(asked) = self.ask_discard(ui) {
                    return asked;
                }
            }
            _ => return Outcome::NotMine,
        }
        match self.message.take() {
            Some(message) => Outcome::Message(message),
            None => Outcome::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let count = |status| {
            self.messages
                .iter()
                .filter(|m| m.status == status)
                .count()
                .to_string()
        };
        let [title_area, list_area, read_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Percentage(45),
            Constraint::Fill(1),
        ])
        .areas(area);
        let title = fill(
            text.mail_view_title,
            &[
                ("pending", &count(MessageStatus::Pending)),
                ("held", &count(MessageStatus::Held)),
                ("failed", &count(MessageStatus::Failed)),
                ("sent", &count(MessageStatus::Sent)),
            ],
        );
        frame.render_widget(
            Paragraph::new(Span::styled(theme.shown(&title), theme.accent)),
            title_area,
        );
        if let Some((_, editor)) = &self.editing {
            let [editor_area, help_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)])
                    .areas(list_area.union(read_area));
            let frame_block = Block::new()
                .borders(Borders::ALL)
                .border_set(theme.border());
            frame.render_widget(&frame_block, editor_area);
            frame.render_widget(&**editor, frame_block.inner(editor_area));
            let keys = &ui.settings.keys;
            let help = fill(
                text.mail_view_edit_help,
                &[
                    ("save", &keys.describe(Action::Save, text)),
                    ("back", &keys.describe(Action::Back, text)),
                ],
            );
            frame.render_widget(
                Paragraph::new(theme.shown(&help)).style(theme.muted),
                help_area,
            );
            return;
        }
        if self.messages.is_empty() {
            frame.render_widget(
                Paragraph::new(theme.shown(text.mail_list_empty)).style(theme.muted),
                list_area,
            );
            return;
        }
        let header = Row::new(
            [
                text.mail_col_status,
                text.mail_col_kind,
                text.mail_col_language,
                text.mail_col_to,
                text.mail_col_subject,
            ]
            .map(|name| Cell::from(theme.shown(name))),
        )
        .style(theme.header);
        let settings = crate::mail::settings::in_force();
        let rows = self.messages.iter().map(|m| {
            let style = match m.status {
                MessageStatus::Failed => theme.error,
                MessageStatus::Held => theme.warning,
                MessageStatus::Sent | MessageStatus::Printed | MessageStatus::Superseded => {
                    theme.muted
                }
                _ => ratatui::style::Style::new(),
            };
            Row::new(
                [
                    status_word(text, m.status).to_string(),
                    kind_word(text, m.kind).to_string(),
                    m.language.clone(),
                    destination(text, m),
                    word(m, settings).subject,
                ]
                .map(|cell| Cell::from(theme.shown(&cell))),
            )
            .style(style)
        });
        let table = Table::new(
            rows,
            [
                Constraint::Length(12),
                Constraint::Length(15),
                Constraint::Length(6),
                Constraint::Length(26),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol(theme.pointer())
        .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, list_area, &mut state);
        if let Some(shown) = &self.shown {
            let worded = word(shown, settings);
            let language = PersonLanguage::from_code(&shown.language).name(text);
            let mut lines = vec![Line::from(Span::styled(
                theme.shown(&format!(
                    "{}  {}  {}  {}",
                    destination(text, shown),
                    day(&shown.queued_at),
                    shown.queued_by,
                    fill(text.mail_view_language, &[("language", language)]),
                )),
                theme.muted,
            ))];
            for (template, file) in [
                (text.mail_view_attachment, &shown.attachment),
                (text.mail_view_batch, &shown.batch),
            ] {
                if let Some(file) = file {
                    lines.push(Line::from(Span::styled(
                        theme.shown(&fill(template, &[("file", file)])),
                        theme.muted,
                    )));
                }
            }
            if shown.status == MessageStatus::Superseded {
                lines.push(Line::from(Span::styled(
                    theme.shown(text.mail_view_superseded),
                    theme.warning,
                )));
            }
            if let Some(error) = shown
                .last_error
                .as_deref()
                .filter(|_| shown.status == MessageStatus::Failed)
            {
                lines.push(Line::from(Span::styled(
                    theme.shown(&fill(
                        text.mail_list_failure,
                        &[
                            ("answer", error),
                            ("next", shown.next_attempt_at.as_deref().unwrap_or("-")),
                        ],
                    )),
                    theme.error,
                )));
            }
            lines.extend(worded.body.lines().map(|l| Line::from(theme.shown(l))));
            frame.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                    Block::new()
                        .borders(Borders::TOP)
                        .border_set(theme.border())
                        .title(Span::styled(theme.shown(&worded.subject), theme.header)),
                ),
                read_area,
            );
        }
    }

    fn actions(&self) -> Vec<Action> {
        if self.editing.is_some() {
            return vec![Action::Save, Action::Back];
        }
        let mut actions = vec![Action::Edit, Action::Hold, Action::Delete, Action::Open];
        actions.extend_from_slice(MOVES);
        actions.push(Action::Back);
        actions
    }

    fn taking_text(&self) -> bool {
        self.editing.is_some()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.messages = ui
            .store
            .outbox_list(&ui.actor(), &LISTED)
            .unwrap_or_default();
        self.select(self.selected, ui);
    }
}
