//! What plain-text snapshots cannot see: the selection's highlight and the
//! colours, with and without NO_COLOR, in both languages. Each snapshot
//! is the screen's text followed by its styled runs, row by row.

mod common;

use common::{demo_register, press, press_key, roster_register};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use registro::config::Config;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use registro::tui::app::App;
use registro::tui::theme::Theme;
use tempfile::tempdir;

/// An app whose theme has colour (`colour`) or not (NO_COLOR).
fn app(path: &std::path::Path, lang: Lang, colour: bool) -> App {
    let mut settings = common::settings(lang);
    settings.theme = Theme::new(&Config::defaults().colours, colour, false);
    App::new(Store::open(path, Access::ReadWrite).unwrap(), settings)
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// A style as a snapshot names it: `fg=Yellow bg=Blue +BOLD|REVERSED`.
fn describe(style: Style) -> String {
    let mut words = Vec::new();
    if let Some(fg) = style.fg.filter(|c| *c != Color::Reset) {
        words.push(format!("fg={fg}"));
    }
    if let Some(bg) = style.bg.filter(|c| *c != Color::Reset) {
        words.push(format!("bg={bg}"));
    }
    if !style.add_modifier.is_empty() {
        words.push(
            format!("+{:?}", style.add_modifier)
                .replace("Modifier(", "")
                .replace(')', ""),
        );
    }
    words.join(" ")
}

/// The screen's text, each row followed by its runs of one style other
/// than the default: `    @12..30 +BOLD|REVERSED`.
fn styled(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            line.push_str(cell.symbol());
            let style = describe(cell.style());
            match runs.last_mut() {
                Some((_, end, last)) if *last == style && *end == x => *end = x + 1,
                _ => runs.push((x, x + 1, style)),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        for (start, end, style) in runs.into_iter().filter(|(_, _, s)| !s.is_empty()) {
            out.push_str(&format!("    @{start}..{end} {style}\n"));
        }
    }
    out
}

/// The rows below the tab bar (whose current tab is reversed too) with
/// reversed text: where the selection is.
fn reversed_rows(buffer: &Buffer) -> Vec<u16> {
    (1..buffer.area.height)
        .filter(|&y| {
            (0..buffer.area.width).any(|x| {
                let cell = &buffer[(x, y)];
                cell.style().add_modifier.contains(Modifier::REVERSED) && cell.symbol() != " "
            })
        })
        .collect()
}

fn coloured_cells(buffer: &Buffer) -> usize {
    buffer
        .content()
        .iter()
        .filter(|cell| {
            let style = cell.style();
            style.fg.is_some_and(|c| c != Color::Reset)
                || style.bg.is_some_and(|c| c != Color::Reset)
        })
        .count()
}

#[test]
fn the_selection_moves_with_the_keys_and_shows_without_colour_too() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    for colour in [true, false] {
        let mut app = app(&path, Lang::En, colour);
        press(&mut app, "1");
        let first = reversed_rows(&draw(&mut app, 80, 24));
        assert_eq!(
            first.len(),
            1,
            "one selected row, colour {colour}: {first:?}"
        );
        press(&mut app, "j");
        let second = reversed_rows(&draw(&mut app, 80, 24));
        assert_eq!(second, vec![first[0] + 1], "colour {colour}");
    }
}

#[test]
fn no_colour_means_no_colour_anywhere() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    for lang in [Lang::En, Lang::It] {
        let mut coloured = app(&path, lang, true);
        let mut plain = app(&path, lang, false);
        for key in ["1", "2", "3", "4", "5", "6"] {
            press(&mut coloured, key);
            press(&mut plain, key);
            let with = draw(&mut coloured, 80, 24);
            let without = draw(&mut plain, 80, 24);
            assert!(
                coloured_cells(&with) > 0,
                "tab {key}: the theme has colours"
            );
            assert_eq!(coloured_cells(&without), 0, "tab {key} under NO_COLOR");
            // The same words either way.
            let text = |b: &Buffer| b.content().iter().map(|c| c.symbol()).collect::<String>();
            assert_eq!(text(&with), text(&without), "tab {key}");
        }
    }
}

#[test]
fn styled_screens_in_both_languages() {
    let dir = tempdir().unwrap();
    let path = demo_register(dir.path());
    for (lang, suffix) in [(Lang::En, "en"), (Lang::It, "it")] {
        for (colour, mode) in [(true, "colour"), (false, "no_colour")] {
            let mut app = app(&path, lang, colour);
            press(&mut app, "1");
            press(&mut app, "j");
            insta::assert_snapshot!(
                format!("modules_{suffix}_{mode}"),
                styled(&draw(&mut app, 80, 24))
            );
        }
    }
}

#[test]
fn a_roster_s_marks_are_styled_in_both_languages() {
    let dir = tempdir().unwrap();
    let (path, _) = roster_register(dir.path());
    for (lang, suffix) in [(Lang::En, "en"), (Lang::It, "it")] {
        let mut app = app(&path, lang, true);
        // The module, then its first session's roster, marked in full.
        // Each key on what was drawn, as a user sees it.
        press(&mut app, "1");
        draw(&mut app, 80, 24);
        press_key(&mut app, Key::Enter);
        draw(&mut app, 80, 24);
        press_key(&mut app, Key::Enter);
        insta::assert_snapshot!(format!("roster_{suffix}"), styled(&draw(&mut app, 80, 24)));
    }
}
