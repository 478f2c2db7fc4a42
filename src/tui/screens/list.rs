//! A tab's main list: any of the register's lists, paged from SQLite,
//! filtered as you type after `/`, its rows opened with Enter and
//! noted with `n` (what they lead to is the list's `ListTab`).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::keys::Action;
use crate::store::lists::Scope;
use crate::tui::route::Route;
use crate::tui::view::{Input, Outcome, Printable, Ui, View};
use crate::tui::widgets::pager::Window;
use crate::tui::widgets::table::{ListTab, Table};

pub struct ListView<T: ListTab> {
    table: Table<T>,
}

impl<T: ListTab> ListView<T> {
    pub fn new(scope: Scope) -> ListView<T> {
        ListView::over(Window::new(scope))
    }

    pub fn over(window: Window<T>) -> ListView<T> {
        ListView {
            table: Table::over(window),
        }
    }

    /// Scopes the user can switch between with the scope key, each with
    /// its name; the window starts in the first.
    pub fn with_scopes(mut self, scopes: Vec<(&'static str, Scope)>) -> ListView<T> {
        self.table = self.table.with_scopes(scopes);
        self
    }
}

impl<T: ListTab> View for ListView<T> {
    fn printable(&self) -> Option<Printable> {
        self.table.selected().and_then(T::printable)
    }

    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        if self.table.handle(input, ui) {
            return Outcome::Done;
        }
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let selected = self.table.selected();
        match action {
            Action::Open => match selected.and_then(T::open) {
                Some(route) => Outcome::Go(route),
                None => Outcome::Done,
            },
            Action::Note => match selected.and_then(T::note) {
                Some((subject, label)) => Outcome::Go(Route::NewNote {
                    subjects: vec![subject],
                    label,
                }),
                None => Outcome::Done,
            },
            other if T::extra_actions(selected).contains(&other) => {
                match T::act(other, selected, ui) {
                    Some(reply) => reply.outcome(),
                    None => Outcome::NotMine,
                }
            }
            _ => Outcome::NotMine,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        self.table.draw(frame, area, ui);
    }

    fn resize(&mut self, area: Rect, ui: &Ui) {
        self.table.resize(area, ui);
    }

    fn actions(&self) -> Vec<Action> {
        let selected = self.table.selected();
        let mut actions = vec![Action::Open];
        let mut table = self.table.actions();
        // The filter first, as the list always offered it.
        if !table.is_empty() {
            actions.push(table.remove(0));
        }
        if selected.and_then(T::note).is_some() {
            actions.push(Action::Note);
        }
        if let Some(at) = table.iter().position(|a| *a == Action::Scope) {
            actions.push(table.remove(at));
        }
        actions.extend(T::extra_actions(selected));
        actions.extend(table);
        actions
    }

    fn taking_text(&self) -> bool {
        self.table.taking_text()
    }

    fn refresh(&mut self, ui: &Ui) {
        self.table.refresh(ui);
    }

    fn after_question(&mut self, ui: &Ui) {
        self.table.reload_in_place(ui);
    }
}
