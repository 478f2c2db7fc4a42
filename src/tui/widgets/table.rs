//! A table over the keyset pager: a title line with the position and
//! the filter, column headings, and the rows of a list that may be far
//! longer than the screen; moved with the list keys, filtered as you type
//! after `/`. The tabs' lists, the queue and the audit log show one.
//!
//! What a list shows is `Columns`; what its rows lead to (opening,
//! notes, the list's own keys) is `ListTab`, for the screens that act on
//! rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, TableState};

use crate::i18n::Catalogue;
use crate::keys::{Action, Key};
use crate::store::lists::{ListSpec, Scope};
use crate::store::notes::NoteSubject;
use crate::tui::route::Route;
use crate::tui::text::{column_widths, cut_cells};
use crate::tui::view::{Input, MOVES, Printable, Reply, Ui};
use crate::tui::widgets::pager::Window;

/// How a list shows on screen.
pub trait Columns: ListSpec + 'static {
    fn title(text: &Catalogue) -> &'static str;
    /// The headings and widths; a `Fill` column gives way first when
    /// the screen is narrow, a `Length` one keeps its width.
    fn columns(text: &Catalogue) -> Vec<(&'static str, Constraint)>;
    fn cells(row: &Self::Row, ui: &Ui) -> Vec<String>;
    fn row_style(_row: &Self::Row, _ui: &Ui) -> Style {
        Style::new()
    }
    /// How to write a filter, shown while typing one, where the list has
    /// more than plain text search.
    fn filter_hint(_text: &Catalogue) -> Option<&'static str> {
        None
    }
}

/// What the rows of a tab's list lead to.
pub trait ListTab: Columns {
    /// Where Enter on a row goes.
    fn open(row: &Self::Row) -> Option<Route>;
    /// What `n` writes a note about, where a row can have notes.
    fn note(_row: &Self::Row) -> Option<(NoteSubject, String)> {
        None
    }
    /// The list's own actions beyond moving, filtering and opening
    /// (creating, editing, deleting rows), given the row selected.
    fn extra_actions(_row: Option<&Self::Row>) -> Vec<Action> {
        Vec::new()
    }
    /// What `P` prints for the row selected.
    fn printable(_row: &Self::Row) -> Option<Printable> {
        None
    }
    /// Does one of `extra_actions`.
    fn act(_action: Action, _row: Option<&Self::Row>, _ui: &Ui) -> Option<Reply> {
        None
    }
}

pub struct Table<T: Columns> {
    window: Window<T>,
    typing: bool,
    /// What went wrong with the last move, worded when drawn.
    error: Option<crate::store::StoreError>,
    scopes: Vec<(&'static str, Scope)>,
    scope_index: usize,
}

impl<T: Columns> Table<T> {
    pub fn new(scope: Scope) -> Table<T> {
        Table::over(Window::new(scope))
    }

    pub fn over(window: Window<T>) -> Table<T> {
        Table {
            window,
            typing: false,
            error: None,
            scopes: Vec::new(),
            scope_index: 0,
        }
    }

    /// Scopes the user can switch between with the scope key, each with
    /// its name; the window starts in the first.
    pub fn with_scopes(mut self, scopes: Vec<(&'static str, Scope)>) -> Table<T> {
        if let Some((_, first)) = scopes.first() {
            self.window.scope = first.clone();
        }
        self.scopes = scopes;
        self
    }

    pub fn selected(&self) -> Option<&T::Row> {
        self.window.selected_row()
    }

    /// Whether keys are being typed into the filter.
    pub fn taking_text(&self) -> bool {
        self.typing
    }

    pub fn reload_in_place(&mut self, ui: &Ui) {
        let store = ui.store;
        self.run(|w| w.reload_in_place(store));
    }

    /// Reads the rows again if the register changed.
    pub fn refresh(&mut self, ui: &Ui) {
        let store = ui.store;
        self.run(|w| w.refresh(store));
    }

    /// Fits the window to the rows `area` holds (below the title and the
    /// headings), keeping the selected row selected.
    pub fn resize(&mut self, area: Rect, ui: &Ui) {
        let height = area.height.saturating_sub(2) as usize;
        let store = ui.store;
        self.run(|w| w.set_height(store, height));
    }

    /// Runs a move of the window, keeping its error for the title line.
    fn run(&mut self, step: impl FnOnce(&mut Window<T>) -> crate::store::Result<()>) {
        self.error = step(&mut self.window).err();
    }

    /// Takes the keys every table knows: moves, the filter, the scope.
    /// Returns whether the input was the table's.
    pub fn handle(&mut self, input: Input, ui: &Ui) -> bool {
        let store = ui.store;
        let action = match input {
            Input::Text(chord) if !chord.ctrl && !chord.alt => {
                self.type_filter(chord.key, ui);
                return true;
            }
            Input::Text(_) => return true,
            Input::Action(action) => action,
        };
        match action {
            Action::Down => self.run(|w| w.move_by(store, 1)),
            Action::Up => self.run(|w| w.move_by(store, -1)),
            Action::PageDown => self.run(|w| w.move_by(store, w.page())),
            Action::PageUp => self.run(|w| w.move_by(store, -w.page())),
            Action::Top => self.run(|w| w.first(store)),
            Action::Bottom => self.run(|w| w.last(store)),
            Action::Filter => self.typing = true,
            Action::Scope if !self.scopes.is_empty() => {
                self.scope_index = (self.scope_index + 1) % self.scopes.len();
                let scope = self.scopes[self.scope_index].1.clone();
                self.run(|w| w.set_scope(store, scope));
            }
            Action::Back if !self.window.filter.is_empty() => {
                self.run(|w| w.set_filter(store, ""));
            }
            _ => return false,
        }
        true
    }

    fn type_filter(&mut self, key: Key, ui: &Ui) {
        let mut filter = self.window.filter.clone();
        match key {
            Key::Enter => {
                self.typing = false;
                return;
            }
            Key::Esc => {
                self.typing = false;
                filter.clear();
            }
            Key::Backspace => {
                filter.pop();
            }
            Key::Char(c) => filter.push(c),
            _ => return,
        }
        let store = ui.store;
        self.run(|window| window.set_filter(store, &filter));
    }

    /// The keys the table takes now, besides the screen's own.
    pub fn actions(&self) -> Vec<Action> {
        let mut actions = vec![Action::Filter];
        if self.scopes.len() > 1 {
            actions.push(Action::Scope);
        }
        actions.extend_from_slice(MOVES);
        if !self.window.filter.is_empty() {
            actions.push(Action::Back);
        }
        actions
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let [title_area, table_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);

        let mut title = vec![Span::styled(T::title(text), theme.accent)];
        if let Some((name, _)) = self.scopes.get(self.scope_index) {
            title.push(Span::styled(
                format!(" ({})", theme.shown(name)),
                theme.accent,
            ));
        }
        let position = if self.window.rows.is_empty() {
            String::new()
        } else {
            format!(
                "  {}/{}",
                self.window.top_index + self.window.selected + 1,
                self.window.total
            )
        };
        title.push(Span::styled(position, theme.muted));
        if self.typing || !self.window.filter.is_empty() {
            title.push(Span::raw("  "));
            title.push(Span::styled(text.filter_prompt, theme.header));
            title.push(Span::raw(theme.shown(&self.window.filter)));
            if self.typing {
                title.push(Span::raw("_"));
                if let Some(hint) = T::filter_hint(text) {
                    title.push(Span::styled(
                        format!("  {}", theme.shown(hint)),
                        theme.muted,
                    ));
                }
            }
        }
        if let Some(error) = &self.error {
            title.push(Span::raw("  "));
            let error = crate::store::describe(error, ui.text());
            title.push(Span::styled(theme.shown(&error), theme.error));
        }
        frame.render_widget(Paragraph::new(Line::from(title)), title_area);

        if self.window.rows.is_empty() {
            let [_heading, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(table_area);
            let empty = if self.window.filter.trim().is_empty() {
                text.no_rows
            } else {
                text.filter_no_match
            };
            frame.render_widget(Paragraph::new(empty).style(theme.muted), rest);
            return;
        }
        let columns = T::columns(text);
        let header = Row::new(
            columns
                .iter()
                .map(|(name, _)| Cell::from(theme.shown(name)))
                .collect::<Vec<_>>(),
        )
        .style(theme.header);
        let constraints: Vec<Constraint> = columns.iter().map(|(_, width)| *width).collect();
        let mark = theme.pointer().chars().count() as u16;
        let widths = column_widths(&constraints, table_area.width, mark, 1);
        let rows = self.window.rows.iter().map(|keyed| {
            Row::new(
                cut_cells(T::cells(&keyed.row, ui), &widths, theme.ascii)
                    .into_iter()
                    .map(|cell| Cell::from(theme.shown(&cell)))
                    .collect::<Vec<_>>(),
            )
            .style(T::row_style(&keyed.row, ui))
        });
        let table = ratatui::widgets::Table::new(rows, constraints)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol(theme.pointer())
            .highlight_spacing(HighlightSpacing::Always);
        // The selection is the window's: ratatui's state is made afresh
        // for each frame, so drawing changes nothing.
        let mut state = TableState::default().with_selected(Some(self.window.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
}
