//! `?`: every key that works where the user is, read from the live key
//! map, so the help can never disagree with the bindings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::keys::Action;
use crate::tui::text::fit;
use crate::tui::view::Ui;

const TABS: [Action; 6] = [
    Action::Tab1,
    Action::Tab2,
    Action::Tab3,
    Action::Tab4,
    Action::Tab5,
    Action::Tab6,
];

/// The keys of the view under the help, then the global ones.
pub struct Help {
    here: Vec<Action>,
    everywhere: Vec<Action>,
    /// Lines scrolled off the top, where the help is taller than the screen.
    offset: u16,
    /// The most lines that can be scrolled off in the area it was last
    /// fitted to: the help never scrolls past its last line.
    most: u16,
}

impl Help {
    pub fn new(here: Vec<Action>, everywhere: &[Action]) -> Help {
        let everywhere = everywhere
            .iter()
            .copied()
            .filter(|a| !here.contains(a))
            .collect();
        Help {
            here,
            everywhere,
            offset: 0,
            most: u16::MAX,
        }
    }

    pub fn scroll(&mut self, lines: i16) {
        self.offset = self.offset.saturating_add_signed(lines).min(self.most);
    }

    /// The box the help takes in `area`, and how many of its lines show.
    fn frame(&self, area: Rect, lines: usize) -> (Rect, u16) {
        let width = (area.width.saturating_sub(2)).min(56);
        let height = (lines as u16 + 2).min(area.height);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(popup);
        (popup, height.saturating_sub(2))
    }

    /// Fits the help to `area`: how far it may scroll there.
    pub fn fit(&mut self, area: Rect, ui: &Ui) {
        let lines = self.lines(ui).len();
        let (_, visible) = self.frame(area, lines);
        self.most = (lines as u16).saturating_sub(visible);
        self.offset = self.offset.min(self.most);
    }

    fn lines(&self, ui: &Ui) -> Vec<Line<'static>> {
        let text = ui.text();
        let theme = ui.theme();
        let keys = &ui.settings.keys;
        let key_width = 16;
        let mut lines = Vec::new();
        for (heading, actions) in [
            (text.help_here, &self.here),
            (text.help_everywhere, &self.everywhere),
        ] {
            if actions.is_empty() {
                continue;
            }
            lines.push(Line::styled(heading, theme.heading));
            for action in actions.iter() {
                // The six tab keys read better as one line.
                if TABS[1..].contains(action) {
                    continue;
                }
                let (bound, label) = if *action == Action::Tab1 {
                    let all: Vec<String> = TABS.iter().map(|a| keys.describe(*a, text)).collect();
                    (all.join(" "), text.help_tabs)
                } else {
                    (keys.describe(*action, text), (text.action)(*action))
                };
                if bound.is_empty() {
                    continue;
                }
                lines.push(Line::from(vec![
                    Span::styled(
                        fit(&theme.shown(&bound), key_width, theme.ascii),
                        theme.header,
                    ),
                    Span::raw(theme.shown(label)),
                ]));
            }
        }
        lines.push(Line::styled(text.help_close, theme.muted));
        lines
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let lines = self.lines(ui);
        let (popup, visible) = self.frame(area, lines.len());
        frame.render_widget(Clear, popup);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(text.help_title, theme.accent));
        // Never past the last line, fitted or not.
        let offset = self
            .offset
            .min((lines.len() as u16).saturating_sub(visible));
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((offset, 0)),
            popup,
        );
    }
}
