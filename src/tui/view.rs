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
use crate::planning::Holidays;
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

/// A yes/no question a view asks, with what yes does.
pub struct Question {
    pub text: String,
    pub yes: Box<dyn FnOnce(&Ui) -> Reply>,
}

impl Question {
    pub fn new(text: String, yes: impl FnOnce(&Ui) -> Reply + 'static) -> Question {
        Question {
            text,
            yes: Box::new(yes),
        }
    }
}

/// What an action of a list or a detail view came to.
pub enum Reply {
    Done,
    Say(String),
    Open(Box<dyn View>),
    Ask(Question),
    /// The view's subject is gone: close it and say this.
    CloseWith(String),
}

impl Reply {
    /// The outcome for the app; a question goes to `asking`.
    pub fn outcome(self, asking: &mut Option<Question>) -> Outcome {
        match self {
            Reply::Done => Outcome::Done,
            Reply::Say(text) => Outcome::Message(text),
            Reply::Open(view) => Outcome::Open(view),
            Reply::Ask(question) => {
                *asking = Some(question);
                Outcome::Done
            }
            Reply::CloseWith(text) => Outcome::CloseWith(text),
        }
    }
}

/// Answers the question asked, if `input` is yes or no.
pub fn answer(input: Input, asking: &mut Option<Question>, ui: &Ui) -> Option<Outcome> {
    let Input::Action(action) = input else {
        return None;
    };
    match action {
        Action::Confirm => {
            let question = asking.take()?;
            Some((question.yes)(ui).outcome(asking))
        }
        Action::Deny => {
            asking.take()?;
            Some(Outcome::Done)
        }
        _ => None,
    }
}

/// Draws a question in a box at the bottom of `area`.
pub fn draw_question(frame: &mut Frame, area: Rect, question: &Question, ui: &Ui) {
    use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
    let theme = ui.theme();
    let width = area.width.saturating_sub(2).max(1) as usize;
    let lines = (question.text.chars().count() / width + 1) as u16;
    let height = (lines + 2).min(area.height);
    let place = Rect::new(
        area.x,
        area.bottom().saturating_sub(height),
        area.width,
        height,
    );
    frame.render_widget(Clear, place);
    frame.render_widget(
        Paragraph::new(theme.shown(&question.text))
            .style(theme.warning)
            .wrap(Wrap { trim: true })
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_set(theme.border()),
            ),
        place,
    );
}
