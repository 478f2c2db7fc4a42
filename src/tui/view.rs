//! What every screen of the app is: it takes input, may open another
//! view or close itself, and draws into the area it is given.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use crate::context::{Actor, Clock};
use crate::domain::Role;
use crate::i18n::Catalogue;
use crate::keys::{Action, Chord, KeyMap};
use crate::store::Store;

/// The settings every view reads, fixed for the run.
pub struct Settings {
    pub text: &'static Catalogue,
    pub keys: KeyMap,
    pub theme: Theme,
    pub today: Date,
    pub user: String,
    pub clock: Clock,
    /// Where the user's clock is: stored times are UTC, shown local.
    pub zone: jiff::tz::TimeZone,
    /// The user's role in this register; `None` for a name it does not
    /// know (refused at the door by the command line).
    pub role: Option<Role>,
    pub register: String,
    pub threshold: f64,
    pub reasons: Reasons,
}

/// The reasons offered when a request is rejected or withdrawn.
#[derive(Debug, Clone, Default)]
pub struct Reasons {
    pub reject: Vec<String>,
    pub withdraw: Vec<String>,
}

/// What a view may use while it handles input or draws.
pub struct Ui<'a> {
    pub store: &'a Store,
    pub settings: &'a Settings,
}

impl Ui<'_> {
    pub fn text(&self) -> &'static Catalogue {
        self.settings.text
    }

    pub fn theme(&self) -> &Theme {
        &self.settings.theme
    }

    /// Who is making a change, and when: for every write.
    pub fn actor(&self) -> Actor {
        Actor::new(self.settings.user.clone(), self.settings.clock.clone())
    }
}

#[derive(Clone, Copy)]
pub enum Input {
    /// A key bound to an action that works here.
    Action(Action),
    /// A raw key, for a view that is taking typed text.
    Text(Chord),
}

pub enum Outcome {
    Done,
    /// Not for this view: let the app try its global keys.
    NotMine,
    Open(Box<dyn View>),
    Close,
    /// Close, and say why on the status line.
    CloseWith(String),
    Message(String),
}

pub trait View {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome;
    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui);
    /// The actions that work in this view, most useful first: they route
    /// keys, and feed the help and the hint bar.
    fn actions(&self) -> Vec<Action>;
    /// Whether typed keys are text (a filter being typed) rather than
    /// commands.
    fn taking_text(&self) -> bool {
        false
    }
    /// Reads the register again after a change.
    fn refresh(&mut self, _ui: &Ui) {}
    /// Called about once a second while no key comes: for work that is
    /// due (a draft to save, a presence to renew). Returns whether the
    /// screen needs drawing.
    fn tick(&mut self, _ui: &Ui) -> bool {
        false
    }
    /// Whether work started by the view is under way and `tick` should
    /// come soon rather than in a second (figures computed in a thread).
    fn waiting(&self) -> bool {
        false
    }
    /// Called when the view is closed or the app quits: for goodbyes
    /// (a draft to save, a presence to withdraw).
    fn leave(&mut self, _ui: &Ui) {}
}

/// The actions of every list.
pub const MOVES: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::PageDown,
    Action::PageUp,
    Action::Top,
    Action::Bottom,
];
