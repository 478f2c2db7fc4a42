//! What every screen of the app is: it takes input, may open another
//! view or close itself, and draws into the area it is given.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::route::Route;
use super::theme::Theme;
use crate::context::{Actor, Clock};
use crate::domain::Role;
use crate::i18n::Catalogue;
use crate::keys::{Action, Chord, KeyMap};
use crate::planning::Holidays;
use crate::store::Store;

/// The settings every view reads, fixed for the run.
pub struct Settings {
    pub text: &'static Catalogue,
    /// How dates and numbers are written.
    pub format: crate::i18n::format::Format,
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
    /// Days repeated sessions skip.
    pub holidays: Holidays,
    /// The user's data folder, where a note the register cannot take is
    /// kept until it can; `None` where there is none.
    pub data_folder: Option<std::path::PathBuf>,
    /// Where `P` writes a print, and the certificates' settings.
    pub print: crate::print::documents::PrintSettings,
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

    /// How dates and numbers are written for the user.
    pub fn format(&self) -> &crate::i18n::format::Format {
        &self.settings.format
    }

    pub fn theme(&self) -> &Theme {
        &self.settings.theme
    }

    /// Whether the user plans the programme (admins and coordinators).
    pub fn may_plan(&self) -> bool {
        matches!(self.settings.role, Some(Role::Admin | Role::Coordinator))
    }

    /// What the user reaches, as the store says: every read by id and
    /// every list takes it. A name the register does not know reaches
    /// nothing.
    pub fn reach(&self) -> crate::store::reach::Reach {
        self.store
            .reach(&self.settings.user)
            .unwrap_or_else(|_| crate::store::reach::Reach::nobody(&self.settings.user))
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
    /// Go somewhere: the router opens the screen for the route on top
    /// of this one.
    Go(Route),
    Close,
    /// Close, and say why on the status line.
    CloseWith(String),
    Message(String),
    /// Ask a yes/no question in the app's popup.
    Ask(Question),
    /// Ask for a line typed in the app's popup; the answer comes back
    /// through `View::answered`.
    Prompt(Prompt),
}

pub trait View {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome;
    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui);
    /// The view's area changed (a resized terminal, a first frame): the
    /// place to read what fits in it (a list's rows), since drawing reads
    /// nothing. The app calls it before drawing, and as the view opens.
    fn resize(&mut self, _area: Rect, _ui: &Ui) {}
    /// A frame has just shown the view in `area`: for a view whose keys
    /// act on what the user saw (the roster's cells), to take note of it.
    fn drawn(&mut self, _area: Rect, _ui: &Ui) {}
    /// The actions that work in this view, most useful first: they route
    /// keys, and feed the help and the hint bar.
    fn actions(&self) -> Vec<Action>;
    /// The actions the status line offers now, most useful first: those
    /// of `actions` that make sense in the view's state (no "mark all" on
    /// a closed roll call).
    fn hints(&self) -> Vec<Action> {
        self.actions()
    }
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
    /// Reads the register again after yes to a question it asked ran.
    fn after_question(&mut self, ui: &Ui) {
        self.refresh(ui);
    }
    /// The answer to a question asked with `Question::told` or to a
    /// prompt.
    fn answered(&mut self, _answer: Answer, _ui: &Ui) -> Outcome {
        Outcome::Done
    }
    /// What `P` prints here (src/tui/print.rs), if anything.
    fn printable(&self) -> Option<Printable> {
        None
    }
}

/// What `P` prints: a session's signature sheet, a module's summary
/// register, a person's certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printable {
    Session(i64),
    Module(i64),
    Person(i64),
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

pub use super::widgets::popup::{Answer, Prompt, Question};

/// What an action of a list or a detail view came to.
pub enum Reply {
    Done,
    Say(String),
    Go(Route),
    Ask(Question),
    /// The view's subject is gone: close it and say this.
    CloseWith(String),
}

impl Reply {
    /// The outcome for the app; a question goes to the app's popup.
    pub fn outcome(self) -> Outcome {
        match self {
            Reply::Done => Outcome::Done,
            Reply::Say(text) => Outcome::Message(text),
            Reply::Go(route) => Outcome::Go(route),
            Reply::Ask(question) => Outcome::Ask(question),
            Reply::CloseWith(text) => Outcome::CloseWith(text),
        }
    }
}
