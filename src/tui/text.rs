//! Text from the register on its way to the screen: made harmless and
//! fitted to a column.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces anything a terminal could take as a command (C0 and C1
/// controls, DEL, bidirectional overrides) with a visible `?`, and line
/// breaks with a space: names and notes from files and other users must
/// never move the cursor, clear the screen or rewrite the clipboard.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if is_command(c) => '?',
            c => c,
        })
        .collect()
}

/// `clean` for text of several lines on its way to a terminal (a
/// report, a message): line breaks and tabs stay, a carriage return
/// only where it ends a line; everything else `clean` replaces is
/// replaced.
pub fn clean_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if is_command(c) => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// A character a terminal could take as (part of) a command: C0 and C1
/// controls, DEL, and the marks that reverse or isolate the direction
/// of the text around them.
fn is_command(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first line of a text, cleaned.
pub fn first_line(text: &str) -> String {
    clean(text.lines().next().unwrap_or(""))
}

/// `text` cut or padded with spaces to exactly `width` columns; a cut
/// ends with `…` (or `~` in ASCII) so that it reads as cut.
pub fn fit(text: &str, width: usize, ascii: bool) -> String {
    let text = clean(text);
    if text.width() <= width {
        let pad = width - text.width();
        return format!("{text}{}", " ".repeat(pad));
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push(if ascii { '~' } else { '…' });
    used += 1;
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// `text` cut to `width` columns with `…` (or `~` in ASCII) where it
/// does not fit, and not padded: for cells a table lays out itself.
pub fn cut(text: &str, width: usize, ascii: bool) -> String {
    if clean(text).width() <= width {
        return clean(text);
    }
    fit(text, width, ascii).trim_end_matches(' ').to_string()
}

/// The widths ratatui's `Table` gives its columns within `width` cells
/// (a `mark` wide selection column first, `spacing` between columns,
/// laid out from the start), so that every cell can be cut with an
/// ellipsis before the table cuts it bare.
pub fn column_widths(
    constraints: &[Constraint],
    width: u16,
    mark: u16,
    spacing: u16,
) -> Vec<usize> {
    let area = Rect::new(0, 0, width.saturating_sub(mark), 1);
    Layout::horizontal(constraints.iter().copied())
        .flex(Flex::Start)
        .spacing(spacing)
        .split(area)
        .iter()
        .map(|column| usize::from(column.width))
        .collect()
}

/// A table's row of cells, each cut to its column's width.
pub fn cut_cells(cells: Vec<String>, widths: &[usize], ascii: bool) -> Vec<String> {
    cells
        .into_iter()
        .enumerate()
        .map(|(index, cell)| match widths.get(index) {
            Some(width) => cut(&cell, *width, ascii),
            None => cell,
        })
        .collect()
}

/// Replaces characters that a non-UTF-8 terminal cannot show.
pub fn ascii_only(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii() { c } else { fold_to_ascii(c) })
        .collect()
}

fn fold_to_ascii(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'À' | 'Á' => 'A',
        'È' | 'É' => 'E',
        'Ì' | 'Í' => 'I',
        'Ò' | 'Ó' => 'O',
        'Ù' | 'Ú' => 'U',
        'ç' => 'c',
        'ñ' => 'n',
        '–' | '—' => '-',
        '’' | '‘' => '\'',
        '“' | '”' => '"',
        '…' => '~',
        // The Italian help names the arrow keys by their arrows.
        '↑' => '^',
        '↓' => 'v',
        '←' => '<',
        '→' => '>',
        _ => '?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_reach_the_screen() {
        let hostile = "Rossi\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{9b}31m\r\u{202e}x";
        let shown = clean(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(!shown.contains('\u{202e}'));
    }

    #[test]
    fn lines_stay_lines_and_nothing_else_passes() {
        let hostile = "a\u{1b}]0;title\u{7}\r\nb\tc\rd\u{202e}\u{9b}2J\n";
        assert_eq!(clean_lines(hostile), "a?]0;title?\r\nb\tc?d??2J\n");
    }

    #[test]
    fn text_is_fitted_to_its_column() {
        assert_eq!(fit("Rossi", 7, false), "Rossi  ");
        assert_eq!(fit("Bianchini", 6, false), "Bianc…");
        assert_eq!(fit("Bianchini", 6, true), "Bianc~");
        assert_eq!(fit("abc", 0, false), "");
    }

    #[test]
    fn a_cut_cell_ends_with_an_ellipsis_and_a_whole_one_is_untouched() {
        assert_eq!(cut("Ambito distrettuale", 16, false), "Ambito distrett…");
        assert_eq!(cut("Comune", 16, false), "Comune");
        let widths = column_widths(&[Constraint::Length(6), Constraint::Fill(1)], 30, 2, 1);
        assert_eq!(widths, [6, 21]);
        assert_eq!(
            cut_cells(
                vec!["M01".into(), "Cittadinanza e servizi pubblici".into()],
                &widths,
                false
            ),
            ["M01", "Cittadinanza e servi…"]
        );
    }
}
