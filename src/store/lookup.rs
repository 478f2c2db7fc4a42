//! What an import reads of the register: each row it checks asks about
//! a few keys (a person's tax code, a request, a mark), and a file of
//! forty rows sent to a region's register should not read 100,000
//! people, 300,000 requests and a million marks into memory to answer
//! them, as it once did (1.3 s and 150 MB, most of it spent building and
//! freeing maps of rows it never looked at). A `Lookup` asks the
//! register for each key the first time it is wanted and keeps the
//! answer, found or not; or, for a file large beside the table, holds
//! the whole table, read once.

use std::collections::HashMap;
use std::hash::Hash;

use rusqlite::Connection;

use super::Result;

/// How an import reads the register's people: the only table large
/// enough both ways, a file's rows against the register's rows, for the
/// choice to matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportReading {
    /// Whole for a file with at least half as many rows as the
    /// register has people, else person by person.
    #[default]
    BySize,
    Whole,
    ByKey,
}

impl ImportReading {
    /// Whether a file of `rows` rows reads the whole table of `people`.
    /// One key asked costs a few microseconds, one row read whole about
    /// the same; a file's row asks for two keys (a tax code, an email).
    pub fn reads_whole(self, rows: usize, people: usize) -> bool {
        match self {
            ImportReading::BySize => rows.saturating_mul(2) >= people,
            ImportReading::Whole => true,
            ImportReading::ByKey => false,
        }
    }
}

/// Answers the import's questions of one table by key.
pub struct Lookup<'c, K, V> {
    known: HashMap<K, Option<V>>,
    /// Where to ask for a key not yet known; none when the table was
    /// read whole, so that a key not known is not in it.
    register: Option<Ask<'c, K, V>>,
}

type Ask<'c, K, V> = (&'c Connection, fn(&Connection, &K) -> Result<Option<V>>);

impl<'c, K: Hash + Eq + Clone, V> Lookup<'c, K, V> {
    /// A table read whole.
    pub fn whole(rows: impl IntoIterator<Item = (K, V)>) -> Self {
        Lookup {
            known: rows.into_iter().map(|(k, v)| (k, Some(v))).collect(),
            register: None,
        }
    }

    /// A table asked key by key through `ask`, inside a bulk change.
    pub fn by_key(
        bulk: &'c super::bulk::BulkWrite,
        ask: fn(&Connection, &K) -> Result<Option<V>>,
    ) -> Self {
        Self::on_connection(bulk.conn(), ask)
    }

    fn on_connection(conn: &'c Connection, ask: fn(&Connection, &K) -> Result<Option<V>>) -> Self {
        Lookup {
            known: HashMap::new(),
            register: Some((conn, ask)),
        }
    }

    /// The value for `key`, asked of the register the first time.
    pub fn get(&mut self, key: &K) -> Result<Option<&V>> {
        if let Some((conn, ask)) = self.register
            && !self.known.contains_key(key)
        {
            let value = ask(conn, key)?;
            self.known.insert(key.clone(), value);
        }
        Ok(self.known.get(key).and_then(Option::as_ref))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(conn: &Connection, n: &i64) -> Result<Option<i64>> {
        Ok(conn
            .query_row("SELECT ?1 * ?1 WHERE ?1 > 0", [n], |row| row.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?)
    }

    #[test]
    fn a_key_is_asked_once_and_kept_found_or_not() {
        let conn = Connection::open_in_memory().unwrap();
        let mut squares = Lookup::on_connection(&conn, square);
        assert_eq!(squares.get(&3).unwrap(), Some(&9));
        assert_eq!(squares.get(&-3).unwrap(), None);
        assert_eq!(squares.known.len(), 2);
        assert_eq!(squares.get(&3).unwrap(), Some(&9));
        assert_eq!(squares.known.len(), 2);
        let mut whole = Lookup::<i64, i64>::whole([(2, 4)]);
        assert_eq!(whole.get(&2).unwrap(), Some(&4));
        assert_eq!(whole.get(&3).unwrap(), None);
    }

    #[test]
    fn small_files_ask_and_large_ones_read_whole() {
        let by_size = ImportReading::BySize;
        assert!(!by_size.reads_whole(40, 100_000));
        assert!(by_size.reads_whole(100_000, 0));
        assert!(by_size.reads_whole(50_000, 100_000));
        assert!(ImportReading::Whole.reads_whole(1, 100_000));
        assert!(!ImportReading::ByKey.reads_whole(100_000, 0));
    }
}
