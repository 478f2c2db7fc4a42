//! The card every detail is drawn as: a title (with the question or the
//! message of the moment), then fields, headings, rows to open and text,
//! scrolled to keep the selected row in sight.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{DetailLine, DetailView};
use crate::tui::text::fit;
use crate::tui::view::Ui;

impl DetailView {
    pub(super) fn draw_card(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let mut lines = Vec::with_capacity(self.height + 1);
        let mut title = vec![Span::styled(theme.shown(&self.title), theme.accent)];
        if let Some(error) = &self.error {
            title.push(Span::raw("  "));
            title.push(Span::styled(theme.shown(error), theme.error));
        }
        lines.push(Line::from(title));
        let width = area.width as usize;
        let label_width = 22.min(width / 3);
        for (index, line) in self
            .lines
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.height)
        {
            let selected = self.selected == Some(index);
            let shown = match line {
                DetailLine::Heading(text) => Line::styled(theme.shown(text), theme.heading),
                DetailLine::Field(label, value) => Line::from(vec![
                    Span::styled(
                        fit(&theme.shown(label), label_width, theme.ascii),
                        theme.header,
                    ),
                    Span::raw(" "),
                    Span::raw(theme.shown(value)),
                ]),
                DetailLine::Item {
                    cells,
                    style,
                    target,
                    ..
                } => {
                    let mut spans = Vec::with_capacity(cells.len() * 2 + 1);
                    // Rows that open something get the pointer's gutter.
                    let gutter = if selected {
                        theme.pointer()
                    } else if target.is_some() {
                        "  "
                    } else {
                        ""
                    };
                    spans.push(Span::raw(gutter));
                    let mut used = gutter.chars().count();
                    for (cell, cell_width) in cells {
                        let room = width.saturating_sub(used);
                        let w = (*cell_width as usize).min(room);
                        if w == 0 {
                            break;
                        }
                        spans.push(Span::raw(fit(&theme.shown(cell), w, theme.ascii)));
                        spans.push(Span::raw(" "));
                        used += w + 1;
                    }
                    let style = if selected { theme.selected } else { *style };
                    Line::from(spans).style(style)
                }
                DetailLine::Text(text) => {
                    // A long line of a note continues on the next ones.
                    let mut rows = wrap(&theme.shown(text), width);
                    let last = rows.pop().unwrap_or_default();
                    lines.extend(rows.into_iter().map(Line::raw));
                    Line::raw(last)
                }
                DetailLine::Blank => Line::raw(""),
            };
            lines.push(shown);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// Splits `text` into rows of at most `width` columns, at spaces where
/// it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if width == 0 {
        return vec![String::new()];
    }
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let needed = if row.is_empty() {
            word.width()
        } else {
            row.width() + 1 + word.width()
        };
        if needed > width && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
        // A word longer than the line is cut where the line ends.
        while row.width() > width {
            let mut used = 0;
            let cut: String = row
                .chars()
                .take_while(|c| {
                    used += c.width().unwrap_or(0);
                    used <= width
                })
                .collect();
            // At least one character, or a wide one would never fit.
            let cut = if cut.is_empty() {
                row.chars().take(1).collect()
            } else {
                cut
            };
            let rest = row[cut.len()..].to_string();
            rows.push(cut);
            row = rest;
        }
    }
    rows.push(row);
    rows
}
