//! A tab the user's role cannot use: it says so, and offers no keys but
//! the global ones.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::keys::Action;
use crate::tui::view::{Input, Outcome, Ui, View};

pub struct Notice {
    text: &'static str,
}

impl Notice {
    pub fn new(text: &'static str) -> Notice {
        Notice { text }
    }
}

impl View for Notice {
    fn handle(&mut self, _input: Input, _ui: &Ui) -> Outcome {
        Outcome::NotMine
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        frame.render_widget(
            Paragraph::new(theme.shown(self.text))
                .style(theme.muted)
                .wrap(Wrap { trim: true }),
            area,
        );
    }

    fn actions(&self) -> Vec<Action> {
        Vec::new()
    }
}
