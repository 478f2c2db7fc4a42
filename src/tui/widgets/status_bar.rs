//! The bottom line: who works on which register, and either the last
//! message or the keys that work now (the screen's own first, then help
//! and quit), as many as fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::keys::{Action, Key};
use crate::tui::text::fit;
use crate::tui::view::{MOVES, Ui};

/// What the status line says, gathered by the app.
pub struct StatusBar<'a> {
    /// A message for the user: shown instead of the keys, as a warning.
    pub message: Option<&'a str>,
    /// The keys the screen (or the question on it) offers now, most
    /// useful first, those the user's role may use.
    pub hints: Vec<Action>,
    /// Whether keys are text where the user is (a note, a filter): then
    /// `?` and `q` are typed, and the help is offered on F1.
    pub typing: bool,
    /// Whether the popup waits (a question, a line to type): it takes
    /// every key, so nothing is offered but its own keys.
    pub asking: bool,
    /// The keys of a line being typed in the popup, in words (they are
    /// letters, never actions).
    pub typing_keys: Option<&'static str>,
}

impl StatusBar<'_> {
    pub fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let settings = ui.settings;
        let left = format!(
            "{} {}{}{}",
            ui.text().user_label,
            settings.user,
            theme.separator(),
            settings.register
        );
        let width = area.width as usize;
        let right = match (self.message, self.typing_keys) {
            (Some(message), _) => message.to_string(),
            (None, Some(keys)) => keys.to_string(),
            (None, None) => self.keys(width.saturating_sub(left.chars().count() + 2), ui),
        };
        let right_width = right.chars().count().min(width);
        let left_width = width.saturating_sub(right_width + 1);
        let line = Line::from(vec![
            Span::styled(
                fit(&theme.shown(&left), left_width, theme.ascii),
                theme.muted,
            ),
            Span::raw(" "),
            Span::styled(
                fit(&theme.shown(&right), right_width, theme.ascii),
                if self.message.is_some() {
                    theme.warning
                } else {
                    theme.muted
                },
            ),
        ]);
        frame.render_widget(Paragraph::new(line), area);
    }

    /// The keys that fit in `room` columns, two spaces apart: a hint too
    /// long for what is left gives way to shorter ones after it.
    fn keys(&self, room: usize, ui: &Ui) -> String {
        let text = ui.text();
        let keys = &ui.settings.keys;
        let hint = |action: Action| {
            let key = keys.hint_key(action, text.yes_key).map(|c| c.named(text));
            key.map(|key| format!("{key} {}", (text.action)(action)))
        };
        let ending: Vec<String> = if self.typing {
            keys.keys(Action::Help)
                .iter()
                .find(|chord| !matches!(chord.key, Key::Char(_)))
                .map(|chord| format!("{} {}", chord.named(text), (text.action)(Action::Help)))
                .into_iter()
                .collect()
        } else {
            [Action::Help, Action::Quit]
                .into_iter()
                .filter_map(hint)
                .collect()
        };
        let mut used = ending.iter().map(|h| h.chars().count() + 2).sum::<usize>();
        let mut hints = Vec::new();
        for action in self.hints.iter().filter(|a| !MOVES.contains(a)) {
            let Some(text) = hint(*action) else { continue };
            if used + text.chars().count() + 2 > room {
                continue;
            }
            used += text.chars().count() + 2;
            hints.push(text);
        }
        if !self.asking {
            hints.extend(ending);
        }
        hints.join("  ")
    }
}
