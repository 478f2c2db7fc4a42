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
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use crate::i18n::fill;
use crate::keys::{Action, Chord, Key};
use crate::tui::input::text_input;
use crate::tui::text::fit;
use crate::tui::view::{Input, Outcome, Ui, View};

mod merge;
use merge::{Clash, side_by_side};

/// What a field is typed or chosen with.
enum Widget {
    Text(Box<TextArea<'static>>),
    /// One of `options` (value, label). Typing finds an option by the
    /// start of its label; where `free`, what matches none is a new
    /// value.
    Choice {
        options: Vec<(String, String)>,
        index: Option<usize>,
        typed: String,
        free: bool,
    },
    /// Any of `options`, ticked with Space.
    Ticks {
        options: Vec<(String, String)>,
        ticked: Vec<bool>,
        cursor: usize,
    },
}

pub struct Field {
    pub label: &'static str,
    widget: Widget,
    initial: String,
    touched: bool,
    error: Option<String>,
}

impl Field {
    pub fn text(label: &'static str, value: &str) -> Field {
        let mut area = TextArea::new(vec![value.to_string()]);
        area.move_cursor(CursorMove::End);
        Field::new(label, Widget::Text(Box::new(area)))
    }

    /// A choice among `options` (value, label), starting on `value`
    /// (none when empty). A `free` choice takes a new value typed.
    pub fn choice(
        label: &'static str,
        mut options: Vec<(String, String)>,
        value: &str,
        free: bool,
    ) -> Field {
        let mut index = options.iter().position(|(v, _)| v == value);
        if index.is_none() && !value.is_empty() {
            options.push((value.to_string(), value.to_string()));
            index = Some(options.len() - 1);
        }
        Field::new(
            label,
            Widget::Choice {
                options,
                index,
                typed: String::new(),
                free,
            },
        )
    }

    pub fn ticks(label: &'static str, options: Vec<(String, String)>, values: &[String]) -> Field {
        let ticked = options.iter().map(|(v, _)| values.contains(v)).collect();
        Field::new(
            label,
            Widget::Ticks {
                options,
                ticked,
                cursor: 0,
            },
        )
    }

    fn new(label: &'static str, widget: Widget) -> Field {
        let mut field = Field {
            label,
            widget,
            initial: String::new(),
            touched: false,
            error: None,
        };
        field.initial = field.value();
        field
    }

    /// The field's value: the text typed (trimmed), the value chosen, or
    /// the values ticked separated by `\n`.
    pub fn value(&self) -> String {
        match &self.widget {
            Widget::Text(area) => area.lines().join(" ").trim().to_string(),
            Widget::Choice {
                options,
                index,
                typed,
                free,
            } => {
                let typed = typed.trim();
                let chosen = index.and_then(|i| options.get(i));
                match chosen {
                    Some((value, label))
                        if typed.is_empty()
                            || label.to_lowercase().starts_with(&typed.to_lowercase()) =>
                    {
                        value.clone()
                    }
                    _ if *free => typed.to_string(),
                    _ => String::new(),
                }
            }
            Widget::Ticks {
                options, ticked, ..
            } => options
                .iter()
                .zip(ticked)
                .filter(|(_, t)| **t)
                .map(|(o, _)| o.0.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The values ticked (or the one value, as a list).
    pub fn values(&self) -> Vec<String> {
        self.value()
            .split('\n')
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Focus leaves the field: a search typed into a choice ends, so
    /// that coming back starts a new one; what it chose stays chosen (a
    /// free choice's new value too).
    fn settle(&mut self) {
        let value = self.value();
        if let Widget::Choice {
            options,
            index,
            typed,
            ..
        } = &mut self.widget
            && let Some(found) = options.iter().position(|(v, _)| *v == value)
        {
            *index = Some(found);
            typed.clear();
        }
    }

    fn changed(&self) -> bool {
        !self.same(&self.value(), &self.initial)
    }

    /// Takes a key; says whether it was the field's.
    fn input(&mut self, chord: Chord) -> bool {
        let taken = match &mut self.widget {
            Widget::Text(area) => {
                if chord.key == Key::Enter {
                    return false;
                }
                area.input(text_input(chord));
                true
            }
            Widget::Choice {
                options,
                index,
                typed,
                free,
            } => {
                let len = options.len();
                match chord.key {
                    Key::Left | Key::Right if len > 0 => {
                        let step = if chord.key == Key::Right { 1 } else { len - 1 };
                        *index = Some(index.map_or(0, |i| (i + step) % len));
                        typed.clear();
                        true
                    }
                    Key::Backspace => {
                        typed.pop();
                        true
                    }
                    Key::Char(c) if !chord.ctrl && !chord.alt => {
                        let find = |wanted: &str| {
                            let wanted = wanted.to_lowercase();
                            options
                                .iter()
                                .position(|(_, l)| l.to_lowercase().starts_with(&wanted))
                        };
                        typed.push(c);
                        match find(typed) {
                            Some(found) => *index = Some(found),
                            // Where what is typed runs into no option, the
                            // key starts a new search ("P" then "Pro" finds
                            // "Provincia", not "PPro"); a free choice keeps
                            // what is typed, its new value.
                            None if !*free => {
                                *typed = c.to_string();
                                if let Some(found) = find(typed) {
                                    *index = Some(found);
                                }
                            }
                            None => {}
                        }
                        true
                    }
                    _ => false,
                }
            }
            Widget::Ticks {
                options,
                ticked,
                cursor,
            } => {
                let len = options.len();
                match chord.key {
                    Key::Left if len > 0 => {
                        *cursor = (*cursor + len - 1) % len;
                        true
                    }
                    Key::Right if len > 0 => {
                        *cursor = (*cursor + 1) % len;
                        true
                    }
                    Key::Char(' ') => {
                        if let Some(t) = ticked.get_mut(*cursor) {
                            *t = !*t;
                        }
                        true
                    }
                    _ => false,
                }
            }
        };
        if taken {
            self.touched = true;
        }
        taken
    }

    /// Shows the text cursor where the field has the focus: set as the
    /// focus moves, since drawing changes nothing.
    fn style(&mut self, focused: bool) {
        if let Widget::Text(text) = &mut self.widget {
            let cursor = if focused {
                Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                Style::new()
            };
            text.set_cursor_style(cursor);
            text.set_cursor_line_style(Style::new());
            text.set_style(Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED));
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, focused: bool, ui: &Ui) {
        let theme = ui.theme();
        let width = area.width as usize;
        match &self.widget {
            Widget::Text(text) => frame.render_widget(&**text, area),
            Widget::Choice {
                options,
                index,
                typed,
                ..
            } => {
                let shown = match index.and_then(|i| options.get(i)) {
                    Some((_, label))
                        if typed.is_empty()
                            || label.to_lowercase().starts_with(&typed.to_lowercase()) =>
                    {
                        label.clone()
                    }
                    _ => typed.clone(),
                };
                let (left, right) = if theme.ascii {
                    ("<", ">")
                } else {
                    ("◀", "▶")
                };
                let inner = width.saturating_sub(4);
                let line = if focused {
                    format!(
                        "{left} {} {right}",
                        fit(&theme.shown(&shown), inner, theme.ascii)
                    )
                } else {
                    format!("  {}", fit(&theme.shown(&shown), inner, theme.ascii))
                };
                let style = if focused {
                    theme.selected
                } else {
                    Style::new()
                };
                frame.render_widget(Paragraph::new(Span::styled(line, style)), area);
            }
            Widget::Ticks {
                options,
                ticked,
                cursor,
            } => {
                let mut spans = Vec::new();
                let mut used = 0;
                // Start far enough along that the cursor shows.
                let mut start = 0;
                let item_width = |i: usize| options[i].1.chars().count() + 5;
                while start < *cursor && (start..=*cursor).map(item_width).sum::<usize>() > width {
                    start += 1;
                }
                for i in start..options.len() {
                    let mark = if ticked[i] { "[x]" } else { "[ ]" };
                    let item = format!("{mark} {} ", theme.shown(&options[i].1));
                    if used + item.chars().count() > width {
                        break;
                    }
                    used += item.chars().count();
                    let style = if focused && i == *cursor {
                        theme.selected
                    } else {
                        Style::new()
                    };
                    spans.push(Span::styled(item, style));
                }
                frame.render_widget(Paragraph::new(Line::from(spans)), area);
            }
        }
    }
}

/// The fields of a form, for its spec to read.
pub struct Fields<'a>(&'a [Field]);

impl Fields<'_> {
    pub fn get(&self, index: usize) -> String {
        self.0.get(index).map(Field::value).unwrap_or_default()
    }

    pub fn list(&self, index: usize) -> Vec<String> {
        self.0.get(index).map(Field::values).unwrap_or_default()
    }

    /// The value, or `None` when empty.
    pub fn optional(&self, index: usize) -> Option<String> {
        Some(self.get(index)).filter(|v| !v.is_empty())
    }
}

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

enum Mode {
    Editing,
    Asking(String),
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

/// The width of the labels column.
const LABEL: usize = 20;

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
        let errors = self.spec.check(&Fields(&self.fields), ui);
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
        match self.spec.save(&Fields(&self.fields), confirmed, ui) {
            Saved::Done(message) => Outcome::CloseWith(message),
            Saved::Ask(question) => {
                self.mode = Mode::Asking(question);
                Outcome::Done
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
            Mode::Asking(_) | Mode::Leaving => {
                let leaving = matches!(self.mode, Mode::Leaving);
                return match keys.action_for(chord, &[Action::Confirm, Action::Deny]) {
                    Some(Action::Confirm) => {
                        self.mode = Mode::Editing;
                        if leaving {
                            Outcome::Close
                        } else {
                            self.save(true, ui)
                        }
                    }
                    Some(_) => {
                        self.mode = Mode::Editing;
                        Outcome::Done
                    }
                    None => Outcome::Done,
                };
            }
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
                    return Outcome::Done;
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
        let width = area.width as usize;
        let label_width = LABEL.min(width / 3);
        let input_width = 30.min(width.saturating_sub(label_width + 2) / 2).max(8);
        let message_width = width.saturating_sub(label_width + input_width + 3);
        let focus = self.focus;
        let shown: Vec<bool> = self.fields.iter().map(|f| self.shown_error(f)).collect();
        for (index, field) in self.fields.iter().enumerate() {
            let y = fields_area.y + index as u16;
            if y >= fields_area.bottom() {
                break;
            }
            let focused = index == focus && matches!(self.mode, Mode::Editing);
            let pointer = if index == focus {
                theme.pointer()
            } else {
                "  "
            };
            let label_style = if shown[index] {
                theme.error
            } else if index == focus {
                theme.accent
            } else {
                theme.header
            };
            let label = Rect::new(area.x, y, label_width as u16 + 1, 1);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "{pointer}{}",
                        fit(
                            &theme.shown(field.label),
                            label_width.saturating_sub(2),
                            theme.ascii
                        )
                    ),
                    label_style,
                )),
                label,
            );
            // Ticks spread over the room of the message when they can.
            let wide = matches!(field.widget, Widget::Ticks { .. }) && !shown[index];
            let room = if wide {
                input_width + message_width + 1
            } else {
                input_width
            };
            let input = Rect::new(label.right(), y, room as u16, 1);
            field.draw(frame, input, focused, ui);
            if shown[index]
                && let Some(error) = &field.error
            {
                let place = Rect::new(
                    label.right() + input_width as u16 + 1,
                    y,
                    message_width as u16,
                    1,
                );
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        fit(&theme.shown(error), message_width, theme.ascii),
                        theme.error,
                    )),
                    place,
                );
            }
        }
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
            Mode::Asking(question) => (vec![question.clone()], theme.warning),
            Mode::Leaving => (vec![text.form_leave.to_string()], theme.warning),
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
}
