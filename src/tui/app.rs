//! The app: six tabs, each a stack of views (the list at the bottom, the
//! details opened from it above), a help popup, and the routing of keys:
//! popup first, then the view on top, then the global keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::route::Route;
use super::router;
use super::screens::list::ListView;
use super::screens::notice::Notice;
use super::screens::queue::QueueView;
use super::screens::report::ReportView;
use super::view::{Input, Outcome, Settings, Ui, View};
use super::widgets::help::Help;
use super::widgets::popup::{Popup, Settled};
use super::widgets::status_bar::StatusBar;
use crate::access::{Permission, allows};
use crate::domain::Role;
use crate::i18n::fill;
use crate::keys::{Action, Chord, Key};
use crate::store::Store;
use crate::store::lists::{Modules, Notes, People, Sessions};
use crate::store::reach::Reach;

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

/// The keys that work everywhere, after the view's own (and the audit
/// log's, for the roles that may read it).
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
    Action::Drafts,
    Action::Print,
    Action::Quit,
];

/// A view in a tab's stack, with the area it last fitted itself to.
struct Room {
    view: Box<dyn View>,
    area: Option<Rect>,
}

impl Room {
    fn new(view: Box<dyn View>) -> Room {
        Room { view, area: None }
    }

    /// Tells the view its area, if it changed.
    fn fit(&mut self, area: Rect, ui: &Ui) {
        if self.area != Some(area) {
            self.view.resize(area, ui);
            self.area = Some(area);
        }
    }
}

pub struct App {
    store: Store,
    settings: Settings,
    tabs: Vec<Vec<Room>>,
    /// The area views are drawn in, as of the last frame: a view opened
    /// since fits itself to it at once, so that keys before the next
    /// frame act on what it will show.
    body: Option<Rect>,
    active: usize,
    help: Option<Help>,
    /// The one question or prompt on screen, asked by the view on top of
    /// the active tab: it takes every key until answered.
    popup: Option<Popup>,
    message: Option<String>,
    quit: bool,
    data_version: i64,
    /// The global keys this user has: `GLOBAL`, and `L` where allowed.
    globals: Vec<Action>,
    /// Whether the last frame said the terminal is too small: then only
    /// `q` works, since nothing else is on screen to act on.
    too_small: bool,
    /// The register's change counter when each tab was last on screen:
    /// a tab shown again after a change anywhere reads it again.
    seen: Vec<Option<(i64, u64)>>,
}

impl App {
    pub fn new(store: Store, mut settings: Settings) -> App {
        if settings.role.is_none() {
            settings.role = store
                .user(&settings.user)
                .ok()
                .flatten()
                .and_then(|(_, role)| Role::parse(&role).ok());
        }
        // A name the register does not know (the command line refuses
        // those) gets the least: a tutor's screen without modules.
        let role = settings.role.unwrap_or(Role::Tutor);
        let mut globals = GLOBAL.to_vec();
        if allows(role, Permission::SeeAudit) {
            globals.push(Action::AuditLog);
        }
        let data_version = store.data_version().unwrap_or(0);
        let mut app = App {
            store,
            settings,
            tabs: Vec::new(),
            body: None,
            active: 0,
            help: None,
            popup: None,
            message: None,
            quit: false,
            data_version,
            globals,
            too_small: false,
            seen: vec![None; 6],
        };
        let ui = Ui {
            store: &app.store,
            settings: &app.settings,
        };
        let report: Box<dyn View> = Box::new(ReportView::new(&ui));
        // What each list shows is the store's rule (`store/reach.rs`): a
        // tutor's lists hold their modules, sessions, participants and
        // the notes about them; the Enrolments tab says that triage is
        // for coordinators.
        let reach = app
            .store
            .reach(&app.settings.user)
            .unwrap_or_else(|_| Reach::nobody(&app.settings.user));
        let queue: Box<dyn View> = if allows(role, Permission::DecideEnrolments) {
            Box::new(QueueView::new())
        } else {
            Box::new(Notice::new(app.settings.text.queue_for_coordinators))
        };
        let lists: [Box<dyn View>; 6] = [
            Box::new(ListView::<Modules>::new(reach.scope::<Modules>())),
            sessions_list(&app.store, &app.settings, &reach),
            Box::new(ListView::<People>::new(reach.scope::<People>())),
            queue,
            Box::new(ListView::<Notes>::new(reach.scope::<Notes>())),
            report,
        ];
        app.tabs = lists
            .into_iter()
            .map(|list| vec![Room::new(list)])
            .collect();
        app.offer_drafts();
        app
    }

    /// Notes left unsaved by a crash, a dropped connection or a full
    /// disk are offered again in the Notes tab (screens/drafts.rs).
    fn offer_drafts(&mut self) {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        if let Some(route) = router::offered_drafts(&ui) {
            self.active = 4;
            self.go(route);
        }
    }

    /// Shows the help, fitted to the screen where one was drawn, so that
    /// `G` and `g` stop at its ends before the next frame.
    fn open_help(&mut self, mut help: Help) {
        if let Some(area) = self.body {
            let ui = Ui {
                store: &self.store,
                settings: &self.settings,
            };
            help.fit(area, &ui);
        }
        self.help = Some(help);
    }

    /// Opens the screen for `route` on top of the active tab.
    fn go(&mut self, route: Route) {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        let view = router::open(route, &ui);
        push(&mut self.tabs, self.active, self.body, view, &ui);
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn active_tab(&self) -> usize {
        self.active
    }

    fn top(&self) -> Option<&dyn View> {
        self.tabs
            .get(self.active)
            .and_then(|stack| stack.last())
            .map(|room| &*room.view)
    }

    /// Handles one key. Returns whether anything may have changed on
    /// screen.
    pub fn handle_key(&mut self, chord: Chord) -> bool {
        self.message = None;
        // A key acts on what the register holds now, not on what the
        // screen showed a second ago.
        self.check_for_changes();
        // Ctrl-C always quits, whatever the key map says.
        if chord.ctrl && chord.key == Key::Char('c') {
            self.quit = true;
            return true;
        }
        if self.too_small {
            if self.settings.keys.action_for(chord, &[Action::Quit]) == Some(Action::Quit) {
                self.quit = true;
                return true;
            }
            return false;
        }
        if let Some(help) = &mut self.help {
            let keys = &self.settings.keys;
            match keys.action_for(
                chord,
                &[
                    Action::Help,
                    Action::Back,
                    Action::Quit,
                    Action::Down,
                    Action::Up,
                    Action::PageDown,
                    Action::PageUp,
                    Action::Top,
                    Action::Bottom,
                ],
            ) {
                Some(Action::Down) => help.scroll(1),
                Some(Action::Up) => help.scroll(-1),
                Some(Action::PageDown) => help.scroll(10),
                Some(Action::PageUp) => help.scroll(-10),
                // As in every list: the help stops at its last line.
                Some(Action::Top) => help.scroll(i16::MIN),
                Some(Action::Bottom) => help.scroll(i16::MAX),
                Some(_) => self.help = None,
                None => {}
            }
            return true;
        }
        let Some(stack) = self.tabs.get_mut(self.active) else {
            return false;
        };
        let Some(Room { view, .. }) = stack.last_mut() else {
            return false;
        };
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        let outcome = if let Some(popup) = &mut self.popup {
            match popup.key(chord, &self.settings.keys) {
                Settled::Open => return true,
                Settled::Dismissed => {
                    self.popup = None;
                    return true;
                }
                Settled::Run(yes) => {
                    self.popup = None;
                    let outcome = yes(&ui).outcome();
                    view.after_question(&ui);
                    outcome
                }
                Settled::Tell(answer) => {
                    self.popup = None;
                    view.answered(answer, &ui)
                }
            }
        } else if view.taking_text()
            && !matches!(chord.key, Key::Char(_))
            && self.settings.keys.action_for(chord, &[Action::Help]) == Some(Action::Help)
        {
            // Where keys are text (a note, a form, a filter), the help
            // opens on its key that types nothing (F1), and lists the
            // keys that work there; `?` stays a character to type.
            // The global keys are not listed: here they would be typed.
            let here = usable(self.settings.role, view.actions());
            self.open_help(Help::new(here, &[]));
            return true;
        } else if view.taking_text() {
            view.handle(Input::Text(chord), &ui)
        } else {
            let own = usable(self.settings.role, view.actions());
            let mut candidates = own.clone();
            candidates.extend_from_slice(&self.globals);
            match self.settings.keys.action_for(chord, &candidates) {
                Some(action) if own.contains(&action) => {
                    match view.handle(Input::Action(action), &ui) {
                        // A key the view lists but did not take here (Esc
                        // on the outbox's list) is the app's, if global.
                        Outcome::NotMine if self.globals.contains(&action) => {
                            return self.global(action);
                        }
                        outcome => outcome,
                    }
                }
                Some(action) => {
                    return self.global(action);
                }
                None => return false,
            }
        };
        match outcome {
            Outcome::Done | Outcome::NotMine => {}
            Outcome::Go(route) => {
                let view = router::open(route, &ui);
                push(&mut self.tabs, self.active, self.body, view, &ui);
            }
            Outcome::Close => self.close_top(),
            Outcome::CloseWith(text) => {
                self.close_top();
                self.message = Some(text);
            }
            Outcome::Message(text) => self.message = Some(text),
            Outcome::Ask(question) => self.popup = Some(Popup::Confirm(question)),
            Outcome::Prompt(prompt) => self.popup = Some(Popup::Prompt(prompt)),
        }
        true
    }

    /// Closes the view on top of the active tab (never the tab's list),
    /// lets it say goodbye, and reads the one under it again: it may show
    /// what the closed view changed.
    fn close_top(&mut self) {
        self.popup = None;
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        if let Some(stack) = self.tabs.get_mut(self.active)
            && stack.len() > 1
            && let Some(mut room) = stack.pop()
        {
            room.view.leave(&ui);
            if let Some(under) = stack.last_mut() {
                under.view.refresh(&ui);
            }
        }
    }

    /// Lets every open view finish its work (drafts, presence) before the
    /// app ends.
    pub fn shutdown(&mut self) {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        for room in self.tabs.iter_mut().flatten() {
            room.view.leave(&ui);
        }
    }

    /// Called about once a second while no key comes: the view on top may
    /// have work due, and another user may have changed the register.
    pub fn tick(&mut self) -> bool {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        let mut redraw = false;
        if let Some(room) = self.tabs.get_mut(self.active).and_then(|s| s.last_mut()) {
            redraw |= room.view.tick(&ui);
        }
        redraw | self.check_for_changes()
    }

    /// Whether the view on screen waits for work done in the background:
    /// the loop then checks on it often instead of once a second.
    pub fn waiting(&self) -> bool {
        self.top().is_some_and(|view| view.waiting())
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
            Action::Back => self.close_top(),
            Action::Help => {
                let here = self.top().map(|v| v.actions()).unwrap_or_default();
                let here = usable(self.settings.role, here);
                self.open_help(Help::new(here, &self.globals));
            }
            Action::AuditLog => self.open_audit(),
            Action::Drafts => self.go(Route::Drafts { waiting: None }),
            Action::Print => self.print(),
            Action::Quit => self.quit = true,
            _ => return false,
        }
        true
    }

    /// `P`: prints what the view on screen shows and says where it went.
    fn print(&mut self) {
        let what = self.top().and_then(|view| view.printable());
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        self.message = Some(match what {
            Some(what) => super::print::print(&ui, what),
            None => self.settings.text.print_nothing.to_string(),
        });
    }

    /// Opens the audit log on top of the current tab; Esc closes it.
    fn open_audit(&mut self) {
        let role = self.settings.role.unwrap_or(Role::Tutor);
        if !allows(role, Permission::SeeAudit) {
            self.message = Some(self.settings.text.audit_denied.to_string());
            return;
        }
        self.go(Route::AuditLog);
    }

    /// Shows tab `index`, read again if the register changed since it was
    /// last on screen (a module's detail left open while requests were
    /// added from another tab would show the old counts). The report is
    /// cheap to redo and always shows the latest figures.
    fn switch_to(&mut self, index: usize) {
        self.popup = None;
        let now = self.store.change_counter().ok();
        if let Some(seen) = self.seen.get_mut(self.active) {
            *seen = now;
        }
        self.active = index;
        let stale = self.seen.get(index).is_none_or(|seen| *seen != now);
        if index == 5 || (stale && now.is_some()) {
            self.refresh_active();
        }
        if let Some(seen) = self.seen.get_mut(index) {
            *seen = now;
        }
    }

    fn refresh_active(&mut self) {
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        if let Some(room) = self.tabs.get_mut(self.active).and_then(|s| s.last_mut()) {
            room.view.refresh(&ui);
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
        self.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        if self.too_small {
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
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        // A view fits itself to a new area before it is drawn: drawing
        // reads nothing.
        self.body = Some(body);
        if let Some(room) = self.tabs.get_mut(self.active).and_then(|s| s.last_mut()) {
            room.fit(body, &ui);
            room.view.draw(frame, body, &ui);
            room.view.drawn(body, &ui);
        }
        if let Some(popup) = &self.popup {
            popup.draw(frame, body, &self.settings.theme);
        }
        if let Some(help) = &mut self.help {
            help.fit(body, &ui);
            help.draw(frame, body, &ui);
        }
        self.draw_tabs(frame, tabs_area);
        self.draw_status(frame, status_area);
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
            let key = self
                .settings
                .keys
                .describe(TAB_ACTIONS[index], self.settings.text);
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
        let ui = Ui {
            store: &self.store,
            settings: &self.settings,
        };
        let hints = match &self.popup {
            Some(Popup::Confirm(_)) => vec![Action::Confirm, Action::Deny],
            // A line being typed: its keys are letters.
            Some(Popup::Prompt(_)) => Vec::new(),
            None => self.top().map(|v| v.hints()).unwrap_or_default(),
        };
        StatusBar {
            message: self.message.as_deref(),
            hints: usable(self.settings.role, hints),
            typing: self.top().is_some_and(|v| v.taking_text()),
            asking: self.popup.is_some(),
            typing_keys: match &self.popup {
                Some(Popup::Prompt(prompt)) if prompt.has_choices() => {
                    Some(self.settings.text.prompt_keys_choices)
                }
                Some(Popup::Prompt(_)) => Some(self.settings.text.prompt_keys),
                _ => None,
            },
        }
        .draw(frame, area, &ui);
    }
}

/// The actions of `actions` that `role` may use: the others are neither
/// offered (help, hints) nor obeyed. Without a role, only those that need
/// no permission.
fn usable(role: Option<Role>, actions: Vec<Action>) -> Vec<Action> {
    actions
        .into_iter()
        .filter(|action| {
            action
                .needs()
                .is_none_or(|permission| role.is_some_and(|role| allows(role, permission)))
        })
        .collect()
}

/// The Sessions list opens on today. A tutor sees the sessions of their
/// own modules; a coordinator or admin who also tutors switches between
/// all and theirs.
fn sessions_list(store: &Store, settings: &Settings, reach: &Reach) -> Box<dyn View> {
    use crate::store::screen_queries::{SessionScopes, sessions_from};
    let window = super::widgets::pager::Window::new(reach.scope::<Sessions>())
        .starting_at(sessions_from(settings.today));
    let text = settings.text;
    let scopes = match store
        .session_scopes(reach)
        .unwrap_or(SessionScopes::Everything)
    {
        SessionScopes::Everything => return Box::new(ListView::<Sessions>::over(window)),
        SessionScopes::Mine(mine) => vec![(text.scope_mine, mine)],
        SessionScopes::AllAndMine { all, mine } => {
            vec![(text.scope_all, all), (text.scope_mine, mine)]
        }
    };
    Box::new(ListView::<Sessions>::over(window).with_scopes(scopes))
}

/// Puts `view` on top of tab `tab`, fitted to the area views are drawn
/// in where one was drawn yet.
fn push(tabs: &mut [Vec<Room>], tab: usize, body: Option<Rect>, view: Box<dyn View>, ui: &Ui) {
    let mut room = Room::new(view);
    if let Some(area) = body {
        room.fit(area, ui);
    }
    if let Some(stack) = tabs.get_mut(tab) {
        stack.push(room);
    }
}
