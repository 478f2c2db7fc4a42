//! The text area a long text is written in (a note, a letter): a long
//! line wraps at a word, as it will be read, rather than scrolling
//! sideways out of sight.

use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};

/// A text area holding `lines`, wrapping at words.
pub fn wrapped(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    area.set_cursor_line_style(Style::new());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area
}
