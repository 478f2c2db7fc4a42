//! A form's fields: labelled rows, each a single-line text input
//! (ratatui-textarea), a choice, or ticks; the focus among them, the
//! search typed into a choice, and what is wrong beside each. It knows no
//! screen and no store: the form screen (src/tui/screens/form.rs) owns
//! the fields and their checks, and draws them with `draw_fields`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea};

use crate::keys::{Chord, Key};
use crate::tui::input::text_input;
use crate::tui::text::fit;
use crate::tui::theme::Theme;

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
    /// The value the form started from (or the one saved over it).
    pub initial: String,
    /// Typed in or chosen since the form opened.
    pub touched: bool,
    /// What is wrong with the value, as the form's checks say.
    pub error: Option<String>,
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
    pub fn settle(&mut self) {
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

    pub fn changed(&self) -> bool {
        !self.same(&self.value(), &self.initial)
    }

    /// Takes a key; says whether it was the field's.
    pub fn input(&mut self, chord: Chord) -> bool {
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
    pub fn style(&mut self, focused: bool) {
        if let Widget::Text(text) = &mut self.widget {
            let cursor = if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            text.set_cursor_style(cursor);
            text.set_cursor_line_style(Style::new());
            text.set_style(Style::new().add_modifier(Modifier::UNDERLINED));
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, focused: bool, theme: &Theme) {
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
                let fitted = fit(&theme.shown(&shown), inner, theme.ascii);
                let style = if focused {
                    theme.selected
                } else {
                    Style::new()
                };
                let line = if focused {
                    // What is typed of the search is underlined: never a
                    // prefix hidden in the label, waiting to be typed on.
                    let typed_length = typed.chars().count();
                    let head: String = fitted.chars().take(typed_length).collect();
                    let tail: String = fitted.chars().skip(typed_length).collect();
                    Line::from(vec![
                        Span::raw(format!("{left} ")),
                        Span::styled(head, Style::new().add_modifier(Modifier::UNDERLINED)),
                        Span::raw(tail),
                        Span::raw(format!(" {right}")),
                    ])
                } else {
                    Line::raw(format!("  {fitted}"))
                };
                frame.render_widget(Paragraph::new(line.style(style)), area);
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

impl<'a> Fields<'a> {
    pub fn new(fields: &'a [Field]) -> Fields<'a> {
        Fields(fields)
    }

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

impl Field {
    /// Whether two values of this field say the same: ticks in any order.
    pub fn same(&self, a: &str, b: &str) -> bool {
        match &self.widget {
            Widget::Ticks { .. } => {
                fn set(v: &str) -> Vec<&str> {
                    let mut items: Vec<&str> = v.split('\n').filter(|i| !i.is_empty()).collect();
                    items.sort_unstable();
                    items
                }
                set(a) == set(b)
            }
            _ => a == b,
        }
    }

    /// Puts `value` in the field, as if typed or chosen.
    pub fn set_value(&mut self, value: &str) {
        match &mut self.widget {
            Widget::Text(area) => {
                let mut fresh = TextArea::new(vec![value.to_string()]);
                fresh.move_cursor(CursorMove::End);
                **area = fresh;
            }
            Widget::Choice {
                options,
                index,
                typed,
                ..
            } => {
                typed.clear();
                *index = options.iter().position(|(v, _)| v == value);
                if index.is_none() && !value.is_empty() {
                    options.push((value.to_string(), value.to_string()));
                    *index = Some(options.len() - 1);
                }
            }
            Widget::Ticks {
                options, ticked, ..
            } => {
                let wanted: Vec<&str> = value.split('\n').collect();
                for ((option, _), tick) in options.iter().zip(ticked.iter_mut()) {
                    *tick = wanted.contains(&option.as_str());
                }
            }
        }
    }

    /// A value of this field as the user reads it: a choice's label,
    /// ticks' labels.
    pub fn shown_value(&self, value: &str) -> String {
        match &self.widget {
            Widget::Text(_) => value.to_string(),
            Widget::Choice { options, .. } => options
                .iter()
                .find(|(v, _)| v == value)
                .map_or_else(|| value.to_string(), |(_, label)| label.clone()),
            Widget::Ticks { options, .. } => value
                .split('\n')
                .filter(|v| !v.is_empty())
                .map(|v| {
                    options
                        .iter()
                        .find(|(o, _)| o == v)
                        .map_or(v, |(_, label)| label.as_str())
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// The width of the labels column.
pub const LABEL: usize = 20;

/// Draws the fields one a row in `area`: a label (the pointer on the
/// focused one, red where wrong), the input, and beside it what is wrong
/// where `shown` says it is to be shown. `editing`: the focused field
/// takes keys (its cursor shows).
pub fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    fields: &[Field],
    focus: usize,
    editing: bool,
    shown: &[bool],
    theme: &Theme,
) {
    let fields_area = area;
    let width = area.width as usize;
    let label_width = LABEL.min(width / 3);
    let input_width = 30.min(width.saturating_sub(label_width + 2) / 2).max(8);
    let message_width = width.saturating_sub(label_width + input_width + 3);
    for (index, field) in fields.iter().enumerate() {
        let y = fields_area.y + index as u16;
        if y >= fields_area.bottom() {
            break;
        }
        let focused = index == focus && editing;
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
        field.draw(frame, input, focused, theme);
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
}

#[cfg(test)]
mod tests {
    use super::Field;
    use crate::keys::{Chord, Key};
    use crate::tui::theme::Theme;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;

    fn kinds() -> Vec<(String, String)> {
        ["Comune", "Parrocchia", "Provincia", "Sindacato"]
            .map(|k| (k.to_string(), k.to_string()))
            .to_vec()
    }

    fn type_in(field: &mut Field, text: &str) {
        for c in text.chars() {
            field.input(Chord::plain(Key::Char(c)));
        }
    }

    #[test]
    fn a_search_that_runs_into_no_choice_starts_afresh_rather_than_keep_its_prefix() {
        let mut field = Field::choice("Kind", kinds(), "", false);
        type_in(&mut field, "P");
        assert_eq!(field.value(), "Parrocchia");
        type_in(&mut field, "Pro");
        assert_eq!(field.value(), "Provincia");
    }

    #[test]
    fn what_is_typed_of_a_search_is_underlined_on_the_focused_choice() {
        let mut field = Field::choice("Kind", kinds(), "Comune", false);
        type_in(&mut field, "Pr");
        let mut terminal = Terminal::new(TestBackend::new(30, 1)).unwrap();
        let theme = Theme::new(&crate::config::Config::defaults().colours, false, false);
        terminal
            .draw(|frame| field.draw(frame, Rect::new(0, 0, 30, 1), true, &theme))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let row: String = (0..30).map(|x| buffer[(x, 0)].symbol()).collect();
        assert!(row.starts_with("◀ Provincia"), "{row}");
        let underlined: Vec<bool> = (2..5)
            .map(|x| buffer[(x, 0)].modifier.contains(Modifier::UNDERLINED))
            .collect();
        assert_eq!(underlined, [true, true, false]);
    }

    fn key() -> impl Strategy<Value = Key> {
        prop_oneof![
            4 => proptest::char::range('A', 'z').prop_map(Key::Char),
            1 => Just(Key::Backspace),
            1 => Just(Key::Left),
            1 => Just(Key::Right),
        ]
    }

    proptest! {
        /// Whatever is typed into a closed choice, its value is one of
        /// its choices (or none): never a typed prefix of its own.
        #[test]
        fn a_closed_choice_holds_only_its_choices(keys in proptest::collection::vec(key(), 0..20)) {
            let mut field = Field::choice("Kind", kinds(), "", false);
            for key in keys {
                field.input(Chord::plain(key));
                let value = field.value();
                prop_assert!(
                    value.is_empty() || kinds().iter().any(|(v, _)| *v == value),
                    "{value}"
                );
            }
        }
    }
}
