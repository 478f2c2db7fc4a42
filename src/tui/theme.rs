//! Colours and symbols: named ANSI colours from the config, none at all
//! under `NO_COLOR`, plain ASCII where the terminal is not UTF-8.
//! Selection is always reverse video so it never depends on colour.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::config::{ColourName, Colours};

#[derive(Debug, Clone)]
pub struct Theme {
    pub accent: Style,
    pub selected: Style,
    pub header: Style,
    pub heading: Style,
    pub muted: Style,
    pub warning: Style,
    pub error: Style,
    pub ok: Style,
    pub ascii: bool,
}

impl Theme {
    pub fn new(colours: &Colours, colour: bool, ascii: bool) -> Theme {
        let fg = |name: &ColourName| {
            if colour {
                Style::new().fg(Color::from_str(&name.0).unwrap_or(Color::Reset))
            } else {
                Style::new()
            }
        };
        Theme {
            accent: fg(&colours.accent).add_modifier(Modifier::BOLD),
            selected: fg(&colours.selection).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: fg(&colours.header).add_modifier(Modifier::BOLD),
            heading: fg(&colours.accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            muted: fg(&colours.muted),
            warning: fg(&colours.warning).add_modifier(Modifier::BOLD),
            error: fg(&colours.error).add_modifier(Modifier::BOLD),
            ok: fg(&colours.ok),
            ascii,
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            border::PLAIN
        }
    }

    /// Separates items on the tab bar and the status line.
    pub fn separator(&self) -> &'static str {
        if self.ascii { " | " } else { " │ " }
    }

    /// Marks the selected row, beside the reverse video.
    pub fn pointer(&self) -> &'static str {
        if self.ascii { "> " } else { "▶ " }
    }

    /// Text as this terminal can show it.
    pub fn shown(&self, text: &str) -> String {
        let text = super::text::clean(text);
        if self.ascii {
            super::text::ascii_only(&text)
        } else {
            text
        }
    }
}
