//! The detail views: a module with its sessions and participants, a
//! session's roster, a person's card, a note. Each is a list
//! of lines, some of which can be selected and opened.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n::fill;
use crate::keys::Action;
use crate::store::Result;
use crate::tui::view::{Answer, Input, MOVES, Outcome, Prompt, Ui, View};

use crate::store::notes::NoteSubject;
use crate::tui::route::Route;
pub use crate::tui::route::Subject;

mod card;
mod checks;
mod module;
mod note;
mod person;
mod planning;
mod session;

/// What a line offers besides opening its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAction {
    None,
    /// Rate this participation (an enrolment).
    Rate(i64),
    /// Merge this person (a possible duplicate) into the card's person.
    Merge(i64),
}

/// One line of a detail view.
#[derive(Debug, Clone)]
pub enum DetailLine {
    Heading(String),
    Field(String, String),
    /// A row of cells with their widths; Enter opens `target`; `act`
    /// says what else can be done from it.
    Item {
        cells: Vec<(String, u16)>,
        target: Option<Subject>,
        style: Style,
        act: LineAction,
    },
    Text(String),
    Blank,
}

impl DetailLine {
    /// A section's heading with how many lines it holds: `Sessions (12)`.
    fn section(title: &str, count: usize) -> DetailLine {
        DetailLine::Heading(format!("{title} ({count})"))
    }

    fn item(cells: Vec<(String, u16)>, target: Option<Subject>) -> DetailLine {
        DetailLine::Item {
            cells,
            target,
            style: Style::new(),
            act: LineAction::None,
        }
    }

    fn acting(cells: Vec<(String, u16)>, target: Option<Subject>, act: LineAction) -> DetailLine {
        DetailLine::Item {
            cells,
            target,
            style: Style::new(),
            act,
        }
    }

    fn is_selectable(&self) -> bool {
        matches!(
            self,
            DetailLine::Item {
                target: Some(_),
                ..
            }
        )
    }
}

pub struct DetailView {
    subject: Subject,
    title: String,
    lines: Vec<DetailLine>,
    selected: Option<usize>,
    offset: usize,
    height: usize,
    error: Option<String>,
    /// The participation whose rating the app's popup asks for.
    rating: Option<i64>,
}

impl DetailView {
    pub fn new(subject: Subject, ui: &Ui) -> DetailView {
        let mut view = DetailView {
            subject,
            title: String::new(),
            lines: Vec::new(),
            selected: None,
            offset: 0,
            height: 0,
            error: None,
            rating: None,
        };
        view.load(ui);
        view.selected = view.lines.iter().position(DetailLine::is_selectable);
        view.keep_selection_visible();
        view
    }

    fn load(&mut self, ui: &Ui) {
        match build(self.subject, ui) {
            Ok((title, lines)) => {
                self.title = title;
                self.lines = lines;
                self.error = None;
            }
            Err(e) => self.error = Some(crate::store::describe(&e, ui.text())),
        }
        if let Some(selected) = self.selected
            && !self
                .lines
                .get(selected)
                .is_some_and(DetailLine::is_selectable)
        {
            self.selected = self.lines.iter().position(DetailLine::is_selectable);
        }
        self.keep_selection_visible();
    }

    /// Moves to the `steps`-th selectable line up or down; without any,
    /// scrolls.
    fn step(&mut self, steps: isize) {
        let selectable: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].is_selectable())
            .collect();
        let Some(current) = self
            .selected
            .and_then(|s| selectable.iter().position(|&i| i == s))
        else {
            let max = self.lines.len().saturating_sub(self.height);
            self.offset = (self.offset as isize + steps).clamp(0, max as isize) as usize;
            return;
        };
        let target = (current as isize + steps).clamp(0, selectable.len() as isize - 1);
        self.selected = Some(selectable[target as usize]);
        if steps < 0 && target == 0 {
            // Back at the first item: show the heading above it too.
            self.offset = 0;
        }
        self.keep_selection_visible();
    }

    fn selected_act(&self) -> LineAction {
        match self.selected.and_then(|i| self.lines.get(i)) {
            Some(DetailLine::Item { act, .. }) => *act,
            _ => LineAction::None,
        }
    }

    /// The participation the selected line can rate, if any.
    fn selected_rates(&self) -> Option<i64> {
        match self.selected_act() {
            LineAction::Rate(enrolment) => Some(enrolment),
            _ => None,
        }
    }

    fn keep_selection_visible(&mut self) {
        if let Some(selected) = self.selected {
            if selected < self.offset {
                self.offset = selected;
            } else if self.height > 0 && selected >= self.offset + self.height {
                self.offset = selected + 1 - self.height;
            }
        }
        let max = self.lines.len().saturating_sub(self.height);
        self.offset = self.offset.min(max);
    }
}

impl View for DetailView {
    fn printable(&self) -> Option<crate::tui::view::Printable> {
        use crate::tui::view::Printable;
        match self.subject {
            Subject::Module(id) => Some(Printable::Module(id)),
            Subject::Session(id) => Some(Printable::Session(id)),
            Subject::Person(id) => Some(Printable::Person(id)),
            _ => None,
        }
    }
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let page = self.height.max(1) as isize;
        match action {
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            Action::Top => self.step(-(self.lines.len() as isize)),
            Action::Bottom => self.step(self.lines.len() as isize),
            Action::Open => {
                let target = self.selected.and_then(|i| match self.lines.get(i) {
                    Some(DetailLine::Item { target, .. }) => *target,
                    _ => None,
                });
                if let Some(Subject::Material(id)) = target {
                    let shown = self.lines.iter().find_map(|line| match line {
                        DetailLine::Item {
                            cells,
                            target: Some(Subject::Material(m)),
                            ..
                        } if *m == id => cells.get(1).map(|c| c.0.clone()),
                        _ => None,
                    });
                    return Outcome::Message(shown.unwrap_or_default());
                }
                if let Some(target) = target {
                    return Outcome::Go(Route::Card(target));
                }
            }
            Action::Rate => {
                if let Some(enrolment) = self.selected_rates() {
                    self.rating = Some(enrolment);
                    // The popup may cover the line: the question names
                    // its module.
                    let module = match self.selected.and_then(|i| self.lines.get(i)) {
                        Some(DetailLine::Item { cells, .. }) => cells
                            .iter()
                            .take(2)
                            .map(|(cell, _)| cell.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        _ => String::new(),
                    };
                    let question = format!("{module}: {}", ui.text().rating_prompt);
                    return Outcome::Prompt(Prompt::new(question, Vec::new()));
                }
            }
            Action::Merge => {
                if let (LineAction::Merge(drop), Subject::Person(keep)) =
                    (self.selected_act(), self.subject)
                {
                    // Both side by side first (views/merge.rs).
                    return Outcome::Go(Route::Merge { keep, drop });
                }
            }
            Action::Note => {
                let about = match self.subject {
                    Subject::Module(id) => Some(NoteSubject::Module(id)),
                    Subject::Person(id) => Some(NoteSubject::Person(id)),
                    Subject::Session(id) => Some(NoteSubject::Session(id)),
                    Subject::Clashes | Subject::Material(_) => None,
                    Subject::Note(id) => {
                        return Outcome::Go(Route::EditNote {
                            id,
                            label: self.title.clone(),
                        });
                    }
                };
                if let Some(about) = about {
                    return Outcome::Go(Route::NewNote {
                        subjects: vec![about],
                        label: self.title.clone(),
                    });
                }
            }
            Action::FollowUp => {
                if let Subject::Note(id) = self.subject {
                    let next = match ui.store.note_version(id).map(|n| n.follow_up) {
                        Ok(None) => Some("open"),
                        Ok(Some(word)) if word == "open" => Some("done"),
                        _ => None,
                    };
                    if let Err(e) = ui.store.set_follow_up(&ui.actor(), id, next) {
                        self.error = Some(crate::store::describe(&e, ui.text()));
                    }
                    self.load(ui);
                }
            }
            other => {
                if !self.actions().contains(&other) {
                    return Outcome::NotMine;
                }
                return match self.act(other, ui) {
                    Some(reply) => reply.outcome(),
                    None => Outcome::NotMine,
                };
            }
        }
        Outcome::Done
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        self.draw_card(frame, area, ui);
    }

    /// The card's lines below its title: how far it scrolls.
    fn resize(&mut self, area: Rect, _ui: &Ui) {
        self.height = area.height.saturating_sub(1) as usize;
        self.keep_selection_visible();
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.selected.is_some() {
            actions.push(Action::Open);
        }
        match self.selected_act() {
            LineAction::Rate(_) => actions.push(Action::Rate),
            LineAction::Merge(_) => actions.push(Action::Merge),
            LineAction::None => {}
        }
        match self.subject {
            Subject::Note(_) => actions.extend([Action::Note, Action::FollowUp]),
            Subject::Clashes | Subject::Material(_) => {}
            _ => actions.push(Action::Note),
        }
        match self.subject {
            Subject::Module(_) => {
                actions.extend([
                    Action::Edit,
                    Action::Create,
                    Action::Repeat,
                    Action::NewEdition,
                    Action::AddMaterial,
                ]);
                if matches!(self.selected_target(), Some(Subject::Material(_))) {
                    actions.push(Action::RemoveMaterial);
                }
                actions.push(Action::Delete);
            }
            Subject::Person(_) => actions.extend([Action::Edit, Action::Enrol]),
            _ => {}
        }
        actions.extend_from_slice(MOVES);
        actions
    }

    fn refresh(&mut self, ui: &Ui) {
        self.load(ui);
    }

    fn answered(&mut self, answer: Answer, ui: &Ui) -> Outcome {
        if let (Some(enrolment), Answer::Text(typed)) = (self.rating.take(), answer) {
            let said = rate(ui, enrolment, &typed);
            self.load(ui);
            self.error = Some(said);
        }
        Outcome::Done
    }
}

/// Saves what was typed at the rating prompt (`4` or `4 molto utile`);
/// returns what to say about it.
pub fn rate(ui: &Ui, enrolment: i64, typed: &str) -> String {
    let text = ui.text();
    match crate::domain::parse_rating(typed) {
        None => fill(text.rating_invalid, &[("input", typed)]),
        Some((score, comment)) => {
            match ui
                .store
                .set_rating(&ui.actor(), enrolment, score, comment.as_deref())
            {
                Ok(()) => fill(text.rating_saved, &[("score", &score.to_string())]),
                Err(e) => crate::store::describe(&e, ui.text()),
            }
        }
    }
}

impl DetailView {
    fn selected_target(&self) -> Option<Subject> {
        self.selected.and_then(|i| match self.lines.get(i) {
            Some(DetailLine::Item { target, .. }) => *target,
            _ => None,
        })
    }
}

fn build(subject: Subject, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    match subject {
        Subject::Module(id) => module::module_lines(id, ui),
        Subject::Session(id) => session::session_lines(id, ui),
        Subject::Person(id) => person::person_lines(id, ui),
        Subject::Note(id) => note::note_lines(id, ui),
        Subject::Clashes => checks::clash_lines(ui),
        Subject::Material(_) => Ok((String::new(), Vec::new())),
    }
}

fn hours_of(attended: i64, delivered: i64, ui: &Ui) -> String {
    if delivered > 0 {
        format!(
            "{}/{} ({:.0}%)",
            ui.format().hours(attended),
            ui.format().hours(delivered),
            100.0 * attended as f64 / delivered as f64
        )
    } else {
        ui.format().hours(attended)
    }
}
