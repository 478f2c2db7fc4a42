//! The one popup the app shows over a screen: a yes/no question, or a
//! line to type with the choices it offers listed under it. Screens ask
//! for one through their outcome; the app owns it, routes keys to it and
//! draws it, so that Esc cancels, Enter accepts and Backspace deletes the
//! same way in every popup.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::keys::{Action, Chord, Key, KeyMap};
use crate::tui::input::text_input;
use crate::tui::theme::Theme;
use crate::tui::view::{Reply, Ui};

/// What yes does: a closure over what it acts on (a list's row, a
/// detail's subject), or word to the screen that asked, for a screen
/// whose own state the answer changes (the queue's decision under way).
enum OnYes {
    Run(Box<dyn FnOnce(&Ui) -> Reply>),
    Tell,
}

/// A yes/no question a screen asks.
pub struct Question {
    pub text: String,
    yes: OnYes,
}

impl Question {
    /// A question whose yes runs `yes`; no does nothing.
    pub fn new(text: String, yes: impl FnOnce(&Ui) -> Reply + 'static) -> Question {
        Question {
            text,
            yes: OnYes::Run(Box::new(yes)),
        }
    }

    /// The same question, with `after` turning what yes came to into
    /// something else (a detail closing when its subject is gone).
    pub fn then(self, after: impl FnOnce(Reply, &Ui) -> Reply + 'static) -> Question {
        let yes = match self.yes {
            OnYes::Run(run) => OnYes::Run(Box::new(move |ui: &Ui| after(run(ui), ui))),
            OnYes::Tell => OnYes::Tell,
        };
        Question {
            text: self.text,
            yes,
        }
    }

    /// A question whose answer, yes or no, goes back to the screen that
    /// asked (`View::answered`).
    pub fn told(text: String) -> Question {
        Question {
            text,
            yes: OnYes::Tell,
        }
    }
}

/// A line to type, with the question it answers and, where there are
/// some, choices picked by their number.
pub struct Prompt {
    question: String,
    line: Box<TextArea<'static>>,
    choices: Vec<String>,
}

impl Prompt {
    pub fn new(question: String, choices: Vec<String>) -> Prompt {
        Prompt {
            question,
            line: Box::new(typed_line(String::new())),
            choices,
        }
    }

    /// Whether choices are listed under the line.
    pub fn has_choices(&self) -> bool {
        !self.choices.is_empty()
    }

    /// Tab: the line becomes the first choice listed under it (the one
    /// what is typed picks or finds first), to be kept or edited.
    fn complete(&mut self) {
        let typed = self.line.lines().join(" ");
        let first = super::choices::matching(&self.choices, &typed)
            .first()
            .map(|(_, choice)| choice.to_string());
        if let Some(choice) = first {
            *self.line = typed_line(choice);
        }
    }

    /// What was typed, trimmed: a number among the choices' picks that
    /// choice.
    fn answer(&self) -> String {
        let typed = self.line.lines().join(" ");
        let typed = typed.trim();
        match typed.parse::<usize>() {
            Ok(n) if (1..=self.choices.len()).contains(&n) => self.choices[n - 1].clone(),
            _ => typed.to_string(),
        }
    }
}

/// The one line typed into a prompt, holding `text` with the cursor at
/// its end: underlined, its cursor shown.
fn typed_line(text: String) -> TextArea<'static> {
    let mut line = TextArea::new(vec![text]);
    line.set_cursor_line_style(Style::new());
    line.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
    line.set_style(Style::new().add_modifier(Modifier::UNDERLINED));
    line.move_cursor(ratatui_textarea::CursorMove::End);
    line
}

/// What the user answered, for the screen that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Yes,
    /// No, Esc, or a prompt cancelled.
    No,
    /// The line typed (or the choice its number picks), never empty.
    Text(String),
}

pub enum Popup {
    Confirm(Question),
    Prompt(Prompt),
}

/// Where a key left the popup.
pub enum Settled {
    /// Still open.
    Open,
    /// Closed, with yes's closure to run.
    Run(Box<dyn FnOnce(&Ui) -> Reply>),
    /// Closed, with an answer for the screen.
    Tell(Answer),
    /// Closed with no, for a closure's question: nothing to do.
    Dismissed,
}

impl Popup {
    /// Takes one key. Esc is always no; Enter is yes, or accepts the line
    /// typed (an empty line stays open).
    pub fn key(&mut self, chord: Chord, keys: &KeyMap) -> Settled {
        match self {
            Popup::Confirm(question) => {
                let yes = match chord.key {
                    Key::Esc => false,
                    Key::Enter => true,
                    _ => match keys.action_for(chord, &[Action::Confirm, Action::Deny]) {
                        Some(action) => action == Action::Confirm,
                        None => return Settled::Open,
                    },
                };
                match (&mut question.yes, yes) {
                    (OnYes::Tell, true) => Settled::Tell(Answer::Yes),
                    (OnYes::Tell, false) => Settled::Tell(Answer::No),
                    (OnYes::Run(_), false) => Settled::Dismissed,
                    (OnYes::Run(_), true) => {
                        let yes = std::mem::replace(&mut question.yes, OnYes::Tell);
                        match yes {
                            OnYes::Run(run) => Settled::Run(run),
                            OnYes::Tell => Settled::Dismissed,
                        }
                    }
                }
            }
            Popup::Prompt(prompt) => match chord.key {
                Key::Esc => Settled::Tell(Answer::No),
                Key::Enter => {
                    let answer = prompt.answer();
                    if answer.is_empty() {
                        Settled::Open
                    } else {
                        Settled::Tell(Answer::Text(answer))
                    }
                }
                Key::Tab if !chord.ctrl => {
                    prompt.complete();
                    Settled::Open
                }
                // One line: keys that would open a second are not typed.
                Key::Char('m' | 'j') if chord.ctrl => Settled::Open,
                _ => {
                    prompt.line.input(text_input(chord));
                    Settled::Open
                }
            },
        }
    }

    /// Draws the popup in a box at the bottom of `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        match self {
            Popup::Confirm(question) => draw_question(frame, area, &question.text, theme),
            Popup::Prompt(prompt) => draw_prompt(frame, area, prompt, theme),
        }
    }
}

/// How many rows `text` takes wrapped at `width`.
fn rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    text.chars().count().div_ceil(width).max(1) as u16
}

/// A box of `height` rows (borders included) at the bottom of `area`,
/// cleared.
fn bottom_box(frame: &mut Frame, area: Rect, height: u16, theme: &Theme) -> Rect {
    let height = height.min(area.height);
    let place = Rect::new(
        area.x,
        area.bottom().saturating_sub(height),
        area.width,
        height,
    );
    frame.render_widget(Clear, place);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border());
    let inner = block.inner(place);
    frame.render_widget(block, place);
    inner
}

fn draw_question(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let shown = theme.shown(text);
    let height = rows(&shown, area.width.saturating_sub(2)) + 2;
    let inner = bottom_box(frame, area, height, theme);
    frame.render_widget(
        Paragraph::new(shown)
            .style(theme.warning)
            .wrap(Wrap { trim: true }),
        inner,
    );
}

/// The question, the line being typed (scrolled to its cursor, so that
/// everything typed can be seen by moving along it), and the choices one
/// a row under it, as many as there is room for.
fn draw_prompt(frame: &mut Frame, area: Rect, prompt: &Prompt, theme: &Theme) {
    let question = theme.shown(&prompt.question);
    let width = area.width.saturating_sub(2);
    let question_rows = rows(&question, width);
    // Filtered by what is typed, each under the number that picks it.
    let typed = prompt.line.lines().join(" ");
    let listed = super::choices::matching(&prompt.choices, &typed);
    let wanted = question_rows + 1 + listed.len() as u16 + 2;
    // The line typed is never squeezed out: the choices give way first.
    let height = wanted.min(area.height.saturating_sub(2).max(question_rows + 3));
    let inner = bottom_box(frame, area, height, theme);
    let [question_area, line_area, choices_area] = Layout::vertical([
        Constraint::Length(question_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(question)
            .style(theme.header)
            .wrap(Wrap { trim: true }),
        question_area,
    );
    frame.render_widget(&*prompt.line, line_area);
    let choices: Vec<Line> = listed
        .into_iter()
        .map(|(number, choice)| {
            Line::styled(theme.shown(&format!("{number} {choice}")), theme.muted)
        })
        .collect();
    frame.render_widget(Paragraph::new(choices), choices_area);
}
