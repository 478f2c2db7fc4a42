//! A window of rows over a list that may be far larger than the screen.
//! It holds only the rows on screen, anchored by the sort key of the top
//! row, and moves by asking the store for the rows next to it.

use crate::store::lists::{Count, From, Keyed, ListSpec, Scope};
use crate::store::screen_queries::RowKey;
use crate::store::{Result, Store};

/// How far a filtered list is counted before it shows "1000+".
pub const COUNT_CAP: usize = 1000;

pub struct Window<S: ListSpec> {
    pub rows: Vec<Keyed<S::Row>>,
    pub selected: usize,
    height: usize,
    pub filter: String,
    pub scope: Scope,
    /// Rows in the list with this filter: exact without a filter, and
    /// counted up to `COUNT_CAP` with one.
    pub total: Count,
    /// Position of the top row in the whole list.
    pub top_index: usize,
    /// Where the list opens before anything is read: e.g. today's
    /// sessions rather than the first ever.
    start: Option<RowKey>,
    /// The register's `change_counter` when the window was last read
    /// whole (`reload`).
    read_at: Option<(i64, u64)>,
}

impl<S: ListSpec> Window<S> {
    pub fn new(scope: Scope) -> Window<S> {
        Window {
            rows: Vec::new(),
            selected: 0,
            height: 0,
            filter: String::new(),
            scope,
            total: Count::default(),
            top_index: 0,
            start: None,
            read_at: None,
        }
    }

    /// Opens the list at the first row at or after `key`.
    pub fn starting_at(mut self, key: RowKey) -> Window<S> {
        self.start = Some(key);
        self
    }

    pub fn set_scope(&mut self, store: &Store, scope: Scope) -> Result<()> {
        self.scope = scope;
        self.rows.clear();
        self.selected = 0;
        self.reload(store)
    }

    pub fn selected_row(&self) -> Option<&S::Row> {
        self.rows.get(self.selected).map(|keyed| &keyed.row)
    }

    fn top_key(&self) -> Option<RowKey> {
        self.rows.first().map(|row| row.key.clone())
    }

    /// Adapts to a new screen height, keeping the top row and the
    /// selection where they can be.
    pub fn set_height(&mut self, store: &Store, height: usize) -> Result<()> {
        if height == self.height {
            return Ok(());
        }
        self.height = height;
        self.reload(store)
    }

    /// Reads the window again if the register changed since it was
    /// read (coming back from a screen opened over the list, another
    /// user's change); otherwise it is as the register has it. Counting
    /// a large list, and finding where on it the window is, reads
    /// hundreds of pages, and on a region's register those pushed the
    /// screen just left (a roster) out of SQLite's page cache.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        if self.read_at.is_some() && self.read_at == Some(store.change_counter()?) {
            return Ok(());
        }
        self.reload(store)
    }

    /// Reads the window again (after a change, by us or another user),
    /// keeping the selected row selected if it is still there.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        // Taken before reading, so that a change made meanwhile by
        // another user is read at the next refresh.
        let read_at = store.change_counter()?;
        let selected_key = self.rows.get(self.selected).map(|row| row.key.clone());
        let top = self.top_key().or_else(|| self.start.clone());
        self.total = store.count_up_to::<S>(&self.filter, &self.scope, COUNT_CAP)?;
        let mut at_top = self.load_from(store, top.as_ref())?;
        // The selected row fell below a window grown shorter (the screen
        // shrank): the window moves down to it, so that the row under the
        // cursor, and what Enter opens, stays the one the user chose.
        if let Some(key) = &selected_key
            && self.selected >= self.height
            && !self.rows.iter().any(|row| &row.key == key)
        {
            at_top = self.load_from(store, Some(key))?;
        }
        let selected_key = selected_key.or(at_top);
        // Counting the rows above costs a walk through them: none when
        // the window starts the list.
        self.top_index = match self.rows.first() {
            Some(first) if top.is_some() => {
                store.count_before::<S>(&self.filter, &self.scope, Some(&first.key))?
            }
            _ => 0,
        };
        if let Some(key) = selected_key
            && let Some(index) = self.rows.iter().position(|row| row.key == key)
        {
            self.selected = index;
        }
        self.clamp();
        self.read_at = Some(read_at);
        Ok(())
    }

    /// Reads the window again keeping the selection at the same place on
    /// screen: after a decision the request moves away and the next one
    /// comes up under the cursor.
    pub fn reload_in_place(&mut self, store: &Store) -> Result<()> {
        let index = self.selected;
        self.rows.truncate(1);
        self.selected = 0;
        self.reload(store)?;
        self.selected = index;
        self.clamp();
        Ok(())
    }

    /// Fills the window from `top` down; near the end of the list, moves
    /// up so that the screen stays full. Returns the key of the row at
    /// `top` (the first at or after it), so that it can be selected even
    /// when the window had to move up.
    fn load_from(&mut self, store: &Store, top: Option<&RowKey>) -> Result<Option<RowKey>> {
        let (filter, scope, height) = (&self.filter, &self.scope, self.height);
        self.rows = store.page::<S>(
            filter,
            scope,
            top.map(Vec::as_slice),
            From::AtOrAfter,
            0,
            height,
        )?;
        let at_top = self.rows.first().map(|row| row.key.clone());
        if self.rows.len() < height && top.is_some() {
            self.rows = store.page::<S>(filter, scope, None, From::Before, 0, height)?;
        }
        Ok(at_top)
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn set_filter(&mut self, store: &Store, filter: &str) -> Result<()> {
        self.filter = filter.to_string();
        self.rows.clear();
        self.selected = 0;
        self.top_index = 0;
        self.total = store.count_up_to::<S>(&self.filter, &self.scope, COUNT_CAP)?;
        self.load_from(store, None).map(|_| ())
    }

    pub fn first(&mut self, store: &Store) -> Result<()> {
        self.rows = store.page::<S>(
            &self.filter,
            &self.scope,
            None,
            From::AtOrAfter,
            0,
            self.height,
        )?;
        self.selected = 0;
        self.top_index = 0;
        Ok(())
    }

    pub fn last(&mut self, store: &Store) -> Result<()> {
        self.rows = store.page::<S>(
            &self.filter,
            &self.scope,
            None,
            From::Before,
            0,
            self.height,
        )?;
        self.selected = self.rows.len().saturating_sub(1);
        if !self.total.exact {
            // At the end the position is the count: worth one walk.
            self.total = Count {
                n: store.count::<S>(&self.filter, &self.scope)?,
                exact: true,
            };
        }
        self.top_index = self.total.n.saturating_sub(self.rows.len());
        Ok(())
    }

    /// Moves the selection by `delta` rows, scrolling as needed.
    pub fn move_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        if self.rows.is_empty() || self.height == 0 {
            return Ok(());
        }
        let target = self.selected as isize + delta;
        if target >= 0 && (target as usize) < self.rows.len() {
            self.selected = target as usize;
            return Ok(());
        }
        let Some(top) = self.top_key() else {
            return Ok(());
        };
        if target < 0 {
            let up = (-target) as usize;
            let before =
                store.page::<S>(&self.filter, &self.scope, Some(&top), From::Before, 0, up)?;
            let Some(new_top) = before.first() else {
                self.selected = 0;
                return Ok(());
            };
            let moved = before.len();
            let key = new_top.key.clone();
            self.load_from(store, Some(&key))?;
            self.top_index = self.top_index.saturating_sub(moved);
            self.selected = 0;
        } else if self.rows.len() < self.height {
            // The whole rest of the list is on screen already.
            self.selected = self.rows.len() - 1;
        } else {
            let down = target as usize + 1 - self.height;
            let rows = store.page::<S>(
                &self.filter,
                &self.scope,
                Some(&top),
                From::AtOrAfter,
                down,
                self.height,
            )?;
            if rows.len() == self.height {
                self.rows = rows;
                self.top_index += down;
                self.selected = self.height - 1;
            } else {
                self.last(store)?;
            }
        }
        Ok(())
    }

    pub fn page(&self) -> isize {
        self.height.max(1) as isize
    }
}
