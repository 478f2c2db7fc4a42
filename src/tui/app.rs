//! The app: six tabs, each a stack of views (the list at the bottom, the
//! details opened from it above), a help popup, and the routing of keys:
//! popup first, then the view on top, then the global keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::fit;
use super::view::{Input, Outcome, Settings, Ui, View};
use super::views::help::Help;
use super::views::list::ListView;
use super::views::report::ReportView;
use crate::i18n::fill;
use crate::keys::{Action, Chord, Key};
use crate::store::Store;
use crate::store::lists::{Enrolments, Modules, Notes, People, Scope, Sessions};

/// The smallest screen the app draws on; below it, it says so.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

const TAB_ACTIONS: [Action; 6] = [
    Action::Tab1,
    Action::Tab2,
    Action::Tab3,
    Action::Tab4,
    Action::Tab5,
    Action::Tab6,
];

/// The keys that work everywhere, after the view's own.
const GLOBAL: &[Action] = &[
    Action::Tab1,
    Action::Tab2,
    Action::Tab3,
    Action::Tab4,
    Action::Tab5,
    Action::Tab6,
    Action::NextTab,
    Action::PrevTab,
    Action::Back,
    Action::Help,
    Action::Quit,
];

pub struct App {
    store: Store,
    settings: Settings,
    tabs: Vec<Vec<Box<dyn View>>>,
    active: usize,
    help: Option<Help>,
    message: Option<String>,
    quit: bool,
    data_version: i64,
}

impl App {
    pub fn new(store: Store, settings: Settings) -> App {
        let data_version = store.data_version().unwrap_or(0);
        let mut app = App {
            store,
            settings,
            tabs: Vec::new(),
            active: 0,
            help: None,
            message: None,
            quit: false,
            data_version,
        };
        let ui = Ui {
            store: &app.store,
            settings: &app.settings,
        };
        let report: Box<dyn View> = Box::new(ReportView::new(&ui));
        app.tabs = vec![
            vec![Box::new(ListView::<Modules>::new(Scope::default()))],
            vec![Box::new(ListView::<Sessions>::new(Scope::default()))],
            vec![Box::new(ListView::<People>::new(Scope::default()))],
            vec![Box::new(ListView::<Enrolments>::new(Scope::default()))],
            vec![Box::new(ListView::<Notes>::new(Scope::default()))],
            vec![report],
        ];
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn active_tab(&self) -> usize {
        self.active
    }

    fn top(&self) -> Option<&dyn View> {
        self.tabs.get(self.active).and_then(|stack| stack.last()).map(|v| &**v)
    }

    /// Handles one key. Returns whether anything may have changed on
    /// screen.
    pub fn handle_key(&mut self, chord: Chord) -> bool {
        self.message = None;
        // Ctrl-C always quits, whatever the key map says.
        if chord.ctrl && chord.key == Key::Char('c') {
            self.quit = true;
            return true;
        }
        if self.help.is_some() {
            let closing = self
                .settings
                .keys
                .action_for(chord, &[Action::Help, Action::Back, Action::Quit]);
            if closing.is_some() {
                self.help = None;
            }
            return true;
        }
        let Some(stack) = self.tabs.get_mut(self.active) else {
            return false;
        };
        let Some(view) = stack.last_mut() else {
            return false;
        };
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        let outcome = if view.taking_text() {
            view.handle(Input::Text(chord), &ui)
        } else {
            let mut candidates = view.actions();
            candidates.extend_from_slice(GLOBAL);
            match self.settings.keys.action_for(chord, &candidates) {
                Some(action) if view.actions().contains(&action) => {
                    view.handle(Input::Action(action), &ui)
                }
                Some(action) => {
                    return self.global(action);
                }
                None => return false,
            }
        };
        match outcome {
            Outcome::Done => {}
            Outcome::NotMine => {}
            Outcome::Open(view) => stack.push(view),
            Outcome::Close => {
                if stack.len() > 1 {
                    stack.pop();
                }
            }
            Outcome::Message(text) => self.message = Some(text),
        }
        true
    }

    fn global(&mut self, action: Action) -> bool {
        if let Some(index) = TAB_ACTIONS.iter().position(|a| *a == action) {
            self.switch_to(index);
            return true;
        }
        match action {
            Action::NextTab => self.switch_to((self.active + 1) % self.tabs.len()),
            Action::PrevTab => {
                self.switch_to((self.active + self.tabs.len() - 1) % self.tabs.len())
            }
            Action::Back => {
                if let Some(stack) = self.tabs.get_mut(self.active)
                    && stack.len() > 1
                {
                    stack.pop();
                }
            }
            Action::Help => {
                let here = self.top().map(|v| v.actions()).unwrap_or_default();
                self.help = Some(Help::new(here, GLOBAL));
            }
            Action::Quit => self.quit = true,
            _ => return false,
        }
        true
    }

    fn switch_to(&mut self, index: usize) {
        self.active = index;
        // The report is cheap to redo and should show the latest figures.
        if index == 5 {
            self.refresh_active();
        }
    }

    fn refresh_active(&mut self) {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        if let Some(view) = self.tabs.get_mut(self.active).and_then(|s| s.last_mut()) {
            view.refresh(&ui);
        }
    }

    /// Called when idle: if another process changed the register, reads
    /// the view on screen again. Returns whether it did.
    pub fn check_for_changes(&mut self) -> bool {
        match self.store.data_version() {
            Ok(version) if version != self.data_version => {
                self.data_version = version;
                self.refresh_active();
                true
            }
            _ => false,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        let theme = &self.settings.theme;
        let text = self.settings.text;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let message = fill(
                text.too_small,
                &[
                    ("width", &MIN_WIDTH.to_string()),
                    ("height", &MIN_HEIGHT.to_string()),
                ],
            );
            frame.render_widget(
                Paragraph::new(theme.shown(&message)).wrap(ratatui::widgets::Wrap { trim: true }),
                area,
            );
            return;
        }
        let [tabs_area, body, status_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_tabs(frame, tabs_area);
        self.draw_status(frame, status_area);
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        if let Some(view) = self.tabs.get_mut(self.active).and_then(|s| s.last_mut()) {
            view.draw(frame, body, &ui);
        }
        if let Some(help) = &self.help {
            help.draw(frame, body, &ui);
        }
    }

    fn tab_names(&self) -> [&'static str; 6] {
        let t = self.settings.text;
        [
            t.tab_modules,
            t.tab_sessions,
            t.tab_participants,
            t.tab_enrolments,
            t.tab_notes,
            t.tab_report,
        ]
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let theme = &self.settings.theme;
        let names = self.tab_names();
        let full: usize = names.iter().map(|n| n.chars().count() + 4).sum();
        let mut spans = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let key = self.settings.keys.describe(TAB_ACTIONS[index]);
            let key = key.split('/').next().unwrap_or("").to_string();
            let active = index == self.active;
            // Where all the names do not fit, only the active one is named.
            let label = if full <= area.width as usize || active {
                format!(" {key} {name} ")
            } else {
                format!(" {key} ")
            };
            let style = if active { theme.selected } else { theme.muted };
            spans.push(Span::styled(theme.shown(&label), style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect) {
        let theme = &self.settings.theme;
        let text = self.settings.text;
        let keys = &self.settings.keys;
        let left = format!(
            "{} {}{}{}",
            text.user_label,
            self.settings.user,
            theme.separator(),
            self.settings.register
        );
        let right = match &self.message {
            Some(message) => message.clone(),
            None => {
                let mut hints: Vec<String> = self
                    .top()
                    .map(|v| v.actions())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|a| matches!(a, Action::Open | Action::Filter))
                    .chain([Action::Help, Action::Quit])
                    .map(|a| {
                        format!(
                            "{} {}",
                            keys.keys(a).first().map(|c| c.to_string()).unwrap_or_default(),
                            (text.action)(a)
                        )
                    })
                    .collect();
                hints.dedup();
                hints.join("  ")
            }
        };
        let width = area.width as usize;
        let right_width = right.chars().count().min(width);
        let left_width = width.saturating_sub(right_width + 1);
        let line = Line::from(vec![
            Span::styled(fit(&theme.shown(&left), left_width, theme.ascii), theme.muted),
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
}
