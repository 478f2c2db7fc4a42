//! Every person's place in the Participants list's order (surname, given
//! name, id, case aside), held in memory so that the people a `/` filter
//! finds are sorted without reading them.
//!
//! A filter finds its people through the trigram index, by id, in id
//! order. To show the first page in name order, SQLite read every one
//! of them for its name: on a region's register the 1,048 people that
//! "rossi" finds lie on some 680 pages of the person table, more than
//! the screen's page cache holds, so each letter typed read them all
//! from the file again (3.3 ms of the key). With each person's place
//! known, the ids found are sorted in memory and only the page's rows
//! are read.
//!
//! The places are read by a thread of their own, through a connection
//! of its own, walking the name index once (some 650 pages, 4 bytes a
//! person: 400 KB for 100,000 people): the keys typed meanwhile are
//! served as before. They hold while the register stays as it was when
//! they were asked for (`Store::change_counter`): the thread's snapshot
//! is taken after that, so any commit that could make it differ from
//! what the screen's connection sees changes that counter first.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

/// Ids above this are not given a place (the table would be mostly
/// empty slots): such a register is served as before.
const HIGHEST_ID: i64 = 20_000_000;

/// How a `/` filter of the people sorts the people it finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PeopleSort {
    /// By their places once read, by reading their names until then:
    /// no key waits for the places (the screen).
    #[default]
    PlacesOnceRead,
    /// By their places, waiting for them to be read.
    Places,
    /// By reading their names, as on a register too large to place.
    Names,
}

/// The places, as far as they have come.
#[derive(Default)]
pub(super) enum NameOrder {
    /// Never asked for.
    #[default]
    Unknown,
    /// Being read, for the register as it was in `state`.
    Reading {
        state: (i64, u64),
        thread: JoinHandle<Option<Vec<u32>>>,
    },
    /// Read, for the register as it was in `state`; `None` when they
    /// could not be (the lists then read names as before).
    Read {
        state: (i64, u64),
        places: Option<Arc<Places>>,
    },
}

/// Each person's place in name order, by id.
pub struct Places(Vec<u32>);

impl Places {
    /// The person's place, if they have one.
    pub fn of(&self, id: i64) -> Option<u32> {
        let slot = usize::try_from(id).ok()?;
        self.0.get(slot).copied().filter(|&place| place != u32::MAX)
    }

    /// The ids in name order, `None` if any has no place.
    pub fn sort(&self, ids: &[i64]) -> Option<Vec<i64>> {
        let mut placed = ids
            .iter()
            .map(|&id| Some((self.of(id)?, id)))
            .collect::<Option<Vec<_>>>()?;
        placed.sort_unstable();
        Some(placed.into_iter().map(|(_, id)| id).collect())
    }
}

impl NameOrder {
    /// The places for the register in `state`, when they are read; if
    /// they are not, and are not being read for `state`, asks for them.
    /// With `wait`, waits for them instead of serving without.
    pub(super) fn for_state(
        &mut self,
        state: (i64, u64),
        path: &Path,
        wait: bool,
    ) -> Option<Arc<Places>> {
        let current = match self {
            NameOrder::Reading { state: asked, .. } | NameOrder::Read { state: asked, .. } => {
                *asked == state
            }
            NameOrder::Unknown => false,
        };
        if !current {
            *self = match spawn_reader(path.to_path_buf()) {
                Some(thread) => NameOrder::Reading { state, thread },
                // No thread to be had (a process at its limit): served
                // as before, until the register changes.
                None => NameOrder::Read {
                    state,
                    places: None,
                },
            };
        }
        if let NameOrder::Reading { thread, .. } = self
            && (wait || thread.is_finished())
        {
            let NameOrder::Reading { state, thread } = std::mem::take(self) else {
                return None;
            };
            // A reader that failed or panicked leaves the lists as they
            // were: the places only ever save time.
            let places = thread.join().ok().flatten().map(|p| Arc::new(Places(p)));
            *self = NameOrder::Read { state, places };
        }
        match self {
            NameOrder::Read { places, .. } => places.clone(),
            _ => None,
        }
    }
}

fn spawn_reader(path: PathBuf) -> Option<JoinHandle<Option<Vec<u32>>>> {
    std::thread::Builder::new()
        .name("name order".into())
        .spawn(move || read_places(&path).ok().flatten())
        .ok()
}

/// Walks the name index once, in one read transaction.
fn read_places(path: &Path) -> rusqlite::Result<Option<Vec<u32>>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags)?;
    // One pass in order: a page is never needed twice, and a small cache
    // keeps the thread from adding to the screen's memory.
    conn.pragma_update(None, "cache_size", -256)?;
    let tx = conn.transaction()?;
    let highest: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM person", [], |row| {
        row.get(0)
    })?;
    let Ok(slots) = usize::try_from(highest + 1) else {
        return Ok(None);
    };
    if highest > HIGHEST_ID {
        return Ok(None);
    }
    let mut places = vec![u32::MAX; slots];
    let mut statement = tx.prepare(
        "SELECT id FROM person ORDER BY surname COLLATE NOCASE, given_name COLLATE NOCASE, id",
    )?;
    let mut rows = statement.query([])?;
    let mut place: u32 = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let Some(slot) = usize::try_from(id).ok().and_then(|i| places.get_mut(i)) else {
            return Ok(None);
        };
        *slot = place;
        place += 1;
    }
    Ok(Some(places))
}
