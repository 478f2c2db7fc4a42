//! The lists forms choose from, edited by admins and coordinators: the
//! axes, the towns, the organisation types and the reject reasons.
//! `c` adds to the list under the cursor, `D` removes the entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::fill;
use crate::keys::{Action, Key};
use crate::store::planning::Vocabulary;
use crate::tui::text::fit;
use crate::tui::view::{Input, MOVES, Outcome, Question, Reply, Ui, View};

/// Which list a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Axis,
    Word(Vocabulary),
}

#[derive(Debug, Clone)]
enum Row {
    Heading(Kind, String),
    Entry(Kind, String, String),
}

pub struct ListsView {
    rows: Vec<Row>,
    selected: usize,
    offset: usize,
    /// The rows the list's area holds, as of the last resize.
    height: usize,
    /// Typing a new entry for this list.
    typing: Option<(Kind, String)>,
    message: Option<String>,
}

impl ListsView {
    pub fn new(ui: &Ui) -> ListsView {
        let mut view = ListsView {
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            height: 0,
            typing: None,
            message: None,
        };
        view.load(ui);
        view
    }

    fn load(&mut self, ui: &Ui) {
        let t = ui.text();
        let mut rows = vec![Row::Heading(Kind::Axis, t.vocab_axes.to_string())];
        for (code, title) in ui.store.axes().unwrap_or_default() {
            rows.push(Row::Entry(
                Kind::Axis,
                code.clone(),
                format!("{code} {title}"),
            ));
        }
        for (kind, name) in [
            (Vocabulary::Town, t.vocab_towns),
            (Vocabulary::OrganisationType, t.vocab_org_types),
            (Vocabulary::RejectReason, t.vocab_reject),
        ] {
            rows.push(Row::Heading(Kind::Word(kind), name.to_string()));
            for word in ui.store.words(kind).unwrap_or_default() {
                rows.push(Row::Entry(Kind::Word(kind), word.clone(), word));
            }
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn kind(&self) -> Kind {
        match self.rows.get(self.selected) {
            Some(Row::Heading(kind, _)) | Some(Row::Entry(kind, _, _)) => *kind,
            None => Kind::Axis,
        }
    }

    fn add(&mut self, kind: Kind, typed: &str, ui: &Ui) {
        let actor = ui.actor();
        let done = match kind {
            Kind::Axis => {
                let (code, title) = typed.trim().split_once(' ').unwrap_or((typed.trim(), ""));
                if title.trim().is_empty() {
                    self.message = Some(ui.text().vocab_axis_hint.to_string());
                    return;
                }
                ui.store.add_axis(&actor, code, title)
            }
            Kind::Word(kind) => ui.store.add_word(&actor, kind, typed),
        };
        if let Err(e) = done {
            self.message = Some(crate::store::describe(&e, ui.text()));
        }
        self.load(ui);
    }

    /// Asks, then removes the entry under the cursor.
    fn remove(&self, ui: &Ui) -> Option<Reply> {
        let Some(Row::Entry(kind, key, shown)) = self.rows.get(self.selected).cloned() else {
            return None;
        };
        let text = fill(ui.text().confirm_remove_word, &[("word", &shown)]);
        Some(Reply::Ask(Question::new(text, move |ui| {
            let actor = ui.actor();
            let done = match kind {
                Kind::Axis => match ui.store.remove_axis(&actor, &key) {
                    Ok(Some(used)) => {
                        return Reply::Say(fill(
                            ui.text().axis_in_use,
                            &[("count", &used.to_string())],
                        ));
                    }
                    other => other.map(|_| ()),
                },
                Kind::Word(kind) => ui.store.remove_word(&actor, kind, &key),
            };
            match done {
                Ok(()) => Reply::Say(ui.text().deleted_msg.to_string()),
                Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
            }
        })))
    }
}

impl ListsView {
    /// Keeps the selected row in sight.
    fn scroll(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.height > 0 && self.selected >= self.offset + self.height {
            self.offset = self.selected + 1 - self.height;
        }
    }

    fn take(&mut self, input: Input, ui: &Ui) -> Outcome {
        self.message = None;
        if let Some((kind, typed)) = &mut self.typing {
            let Input::Text(chord) = input else {
                return Outcome::Done;
            };
            match chord.key {
                Key::Char(c) if !chord.ctrl && !chord.alt => typed.push(c),
                Key::Backspace => {
                    typed.pop();
                }
                Key::Esc => self.typing = None,
                Key::Enter => {
                    let (kind, typed) = (*kind, typed.clone());
                    self.typing = None;
                    if !typed.trim().is_empty() {
                        self.add(kind, &typed, ui);
                    }
                }
                _ => {}
            }
            return Outcome::Done;
        }
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Create => self.typing = Some((self.kind(), String::new())),
            Action::Delete => {
                if let Some(reply) = self.remove(ui) {
                    return reply.outcome();
                }
            }
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }
}

/// The title, the rows and the prompt line.
fn layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

impl View for ListsView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let outcome = self.take(input, ui);
        self.scroll();
        outcome
    }

    fn resize(&mut self, area: Rect, _ui: &Ui) {
        let [_, body, _] = layout(area);
        self.height = body.height as usize;
        self.scroll();
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let t = ui.text();
        let [title_area, body, prompt_area] = layout(area);
        frame.render_widget(
            Paragraph::new(Span::styled(t.vocab_title, theme.accent)),
            title_area,
        );
        let height = body.height as usize;
        let width = area.width as usize;
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(height)
            .map(|(index, row)| {
                let selected = index == self.selected;
                let pointer = if selected { theme.pointer() } else { "  " };
                match row {
                    Row::Heading(_, name) => Line::styled(
                        fit(
                            &format!("{pointer}{}", theme.shown(name)),
                            width,
                            theme.ascii,
                        ),
                        if selected {
                            theme.selected
                        } else {
                            theme.heading
                        },
                    ),
                    Row::Entry(_, _, shown) => Line::styled(
                        fit(
                            &format!("{pointer}  {}", theme.shown(shown)),
                            width,
                            theme.ascii,
                        ),
                        if selected {
                            theme.selected
                        } else {
                            ratatui::style::Style::new()
                        },
                    ),
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
        let prompt = match (&self.typing, &self.message) {
            (Some((kind, typed)), _) => {
                let hint = if *kind == Kind::Axis {
                    format!("  ({})", t.vocab_axis_hint)
                } else {
                    String::new()
                };
                Some((format!("{}{typed}_{hint}", t.vocab_prompt), theme.header))
            }
            (None, Some(message)) => Some((message.clone(), theme.warning)),
            _ => None,
        };
        if let Some((prompt, style)) = prompt {
            frame.render_widget(
                Paragraph::new(theme.shown(&prompt)).style(style),
                prompt_area,
            );
        }
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![Action::Create];
        if matches!(self.rows.get(self.selected), Some(Row::Entry(..))) {
            actions.push(Action::Delete);
        }
        actions.extend_from_slice(MOVES);
        actions
    }

    fn taking_text(&self) -> bool {
        self.typing.is_some()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.load(ui);
        self.scroll();
    }
}
