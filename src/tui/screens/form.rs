//! A form: labelled fields, one a line, each a single-line text input
//! (ratatui-textarea) or a choice, checked as you type with what is
//! wrong written beside the field. Tab and Shift-Tab (or Down and Up)
//! move between fields, Enter saves, Esc cancels and asks first only if
//! something typed would be lost. Nothing is saved while a field is
//! wrong. What the form is about (its fields' meaning, checks and the
//! save itself) is a `FormSpec`. Saved over someone else's change, a
//! form writes only what its user changed (see `merge`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::i18n::fill;
use crate::keys::{Action, Key};
use crate::tui::view::{Answer, Input, Outcome, Question, Ui, View};

use crate::tui::widgets::form::draw_fields;
pub use crate::tui::widgets::form::{Field, Fields};

pub mod kinds;
mod merge;
use merge::{Clash, side_by_side};

/// What a save came to.
pub enum Saved {
    /// Saved: close the form and say this.
    Done(String),
    /// Not yet: a question (a clash, someone else's change, a preview);
    /// yes saves again with `confirmed`.
    Ask(String),
    /// Refused, with why; the form stays.
    Failed(String),
    /// Someone else saved the record since the form read it: their
    /// values, one per field in the form's order, and who and when. The
    /// form keeps this user's own changes over theirs, takes theirs
    /// where this user changed nothing, and asks about each field both
    /// changed; the spec now edits their version.
    Theirs {
        values: Vec<String>,
        by: Option<String>,
        at: Option<String>,
    },
}

/// What a form is about.
pub trait FormSpec {
    fn title(&self, ui: &Ui) -> String;
    /// What is wrong with each field (in the fields' order), `None` where
    /// nothing is.
    fn check(&self, fields: &Fields, ui: &Ui) -> Vec<Option<String>>;
    /// Saves the fields, all checked. `confirmed` when the user said yes
    /// to the last question asked.
    fn save(&mut self, fields: &Fields, confirmed: bool, ui: &Ui) -> Saved;
}

/// Where the form stands; a question it asked waits in the app's popup
/// and its answer comes back through `answered`.
enum Mode {
    Editing,
    /// Asked whether to save anyway (a clash, a preview).
    Asking,
    /// Asked whether to leave without saving.
    Leaving,
    /// A field both users changed, shown side by side: theirs or ours?
    Choosing,
}

/// How many times in a row a save may find another change and merge it
/// before the form says so and waits for Enter.
const MERGES: usize = 3;

pub struct Form {
    spec: Box<dyn FormSpec>,
    fields: Vec<Field>,
    focus: usize,
    mode: Mode,
    message: Option<String>,
    /// A save was tried: every wrong field says so, typed in or not.
    tried: bool,
    /// Fields both users changed, still to be chosen, first first; who
    /// changed them and when.
    clashes: Vec<Clash>,
    their_change: (Option<String>, Option<String>),
}

impl Form {
    pub fn new(spec: Box<dyn FormSpec>, fields: Vec<Field>, ui: &Ui) -> Form {
        let mut form = Form {
            spec,
            fields,
            focus: 0,
            mode: Mode::Editing,
            message: None,
            tried: false,
            clashes: Vec::new(),
            their_change: (None, None),
        };
        form.check(ui);
        form.style_fields();
        form
    }

    /// The text cursor in the field with the focus, while editing.
    fn style_fields(&mut self) {
        let editing = matches!(self.mode, Mode::Editing);
        for (index, field) in self.fields.iter_mut().enumerate() {
            field.style(editing && index == self.focus);
        }
    }

    fn leave_field(&mut self) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.settle();
        }
    }

    fn check(&mut self, ui: &Ui) {
        let errors = self.spec.check(&Fields::new(&self.fields), ui);
        for (field, error) in self.fields.iter_mut().zip(errors) {
            field.error = error;
        }
    }

    fn shown_error(&self, field: &Field) -> bool {
        field.error.is_some() && (self.tried || field.touched)
    }

    fn dirty(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    fn save(&mut self, confirmed: bool, ui: &Ui) -> Outcome {
        self.save_merging(confirmed, MERGES, ui)
    }

    fn save_merging(&mut self, confirmed: bool, merges: usize, ui: &Ui) -> Outcome {
        self.tried = true;
        self.check(ui);
        if let Some(wrong) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = wrong;
            self.message = Some(ui.text().form_fix_first.to_string());
            return Outcome::Done;
        }
        // Fields both users changed are chosen before anything is saved.
        if let Some(clash) = self.clashes.first() {
            self.focus = clash.field;
            self.mode = Mode::Choosing;
            return Outcome::Done;
        }
        match self.spec.save(&Fields::new(&self.fields), confirmed, ui) {
            Saved::Done(message) => Outcome::CloseWith(message),
            Saved::Ask(question) => {
                self.mode = Mode::Asking;
                Outcome::Ask(Question::told(question))
            }
            Saved::Failed(why) => {
                self.message = Some(why);
                Outcome::Done
            }
            Saved::Theirs { values, by, at } => {
                self.merge(&values);
                self.their_change = (by, at);
                if merges == 0 {
                    self.message = Some(ui.text().form_changed_again.to_string());
                    return Outcome::Done;
                }
                self.save_merging(confirmed, merges - 1, ui)
            }
        }
    }
}

impl Form {
    fn take(&mut self, input: Input, ui: &Ui) -> Outcome {
        let chord = match input {
            Input::Text(chord) => chord,
            Input::Action(_) => return Outcome::NotMine,
        };
        let keys = &ui.settings.keys;
        match &self.mode {
            Mode::Choosing => {
                return match chord.key {
                    Key::Char('1') => self.choose(true, ui),
                    Key::Char('2') => self.choose(false, ui),
                    Key::Esc => {
                        // Back to the form; the clashes wait for Enter.
                        self.mode = Mode::Editing;
                        Outcome::Done
                    }
                    _ => Outcome::Done,
                };
            }
            // The popup takes the keys while a question waits: a key
            // here means it is gone unanswered, and the form goes on.
            Mode::Asking | Mode::Leaving => self.mode = Mode::Editing,
            Mode::Editing => {}
        }
        self.message = None;
        let count = self.fields.len();
        match chord.key {
            Key::Tab | Key::Down if !chord.ctrl => {
                self.leave_field();
                self.focus = (self.focus + 1) % count.max(1);
                return Outcome::Done;
            }
            Key::BackTab | Key::Up if !chord.ctrl => {
                self.leave_field();
                self.focus = (self.focus + count.max(1) - 1) % count.max(1);
                return Outcome::Done;
            }
            Key::Enter => return self.save(false, ui),
            Key::Esc => {
                if self.dirty() {
                    self.mode = Mode::Leaving;
                    return Outcome::Ask(Question::told(ui.text().form_leave.to_string()));
                }
                return Outcome::Close;
            }
            _ => {}
        }
        if keys.action_for(chord, &[Action::Save]).is_some() {
            return self.save(false, ui);
        }
        if let Some(field) = self.fields.get_mut(self.focus)
            && field.input(chord)
        {
            self.check(ui);
        }
        Outcome::Done
    }
}

impl View for Form {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let outcome = self.take(input, ui);
        self.style_fields();
        outcome
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let text = ui.text();
        let rows = self.fields.len() as u16;
        let [title_area, fields_area, notice_area, help_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(rows),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(
                theme.shown(&self.spec.title(ui)),
                theme.accent,
            )),
            title_area,
        );
        let shown: Vec<bool> = self.fields.iter().map(|f| self.shown_error(f)).collect();
        draw_fields(
            frame,
            fields_area,
            &self.fields,
            self.focus,
            matches!(self.mode, Mode::Editing),
            &shown,
            theme,
        );
        // Below the fields: the question asked, else what went wrong and
        // every complaint in full (beside the fields they may be cut).
        let (notice, style) = match &self.mode {
            Mode::Choosing => match self.clash_lines(ui) {
                Some((question, theirs, yours)) => {
                    side_by_side(frame, notice_area, &question, &theirs, &yours, ui);
                    (Vec::new(), theme.warning)
                }
                None => (Vec::new(), theme.warning),
            },
            Mode::Asking | Mode::Leaving => (Vec::new(), theme.warning),
            Mode::Editing => {
                let mut lines: Vec<String> = self.message.iter().cloned().collect();
                lines.extend(
                    self.fields
                        .iter()
                        .filter(|f| self.shown_error(f))
                        .filter_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.label))),
                );
                let style = if self.message.is_some() {
                    theme.warning
                } else {
                    theme.error
                };
                (lines, style)
            }
        };
        if !notice.is_empty() {
            let notice_area = Rect {
                y: notice_area.y.saturating_add(1).min(notice_area.bottom()),
                height: notice_area.height.saturating_sub(1),
                ..notice_area
            };
            let lines: Vec<Line> = notice.iter().map(|l| Line::raw(theme.shown(l))).collect();
            frame.render_widget(
                Paragraph::new(lines).style(style).wrap(Wrap { trim: true }),
                notice_area,
            );
        }
        frame.render_widget(
            Paragraph::new(theme.shown(text.form_help)).style(theme.muted),
            help_area,
        );
    }

    fn actions(&self) -> Vec<Action> {
        match self.mode {
            Mode::Choosing => vec![Action::Back],
            Mode::Editing => vec![Action::Save, Action::Back],
            _ => vec![Action::Confirm, Action::Deny],
        }
    }

    fn taking_text(&self) -> bool {
        true
    }

    fn answered(&mut self, answer: Answer, ui: &Ui) -> Outcome {
        let mode = std::mem::replace(&mut self.mode, Mode::Editing);
        let outcome = match (mode, answer) {
            (Mode::Leaving, Answer::Yes) => Outcome::Close,
            (Mode::Asking, Answer::Yes) => self.save(true, ui),
            _ => Outcome::Done,
        };
        self.style_fields();
        outcome
    }
}
