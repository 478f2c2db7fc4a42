//! The main lists, read a page at a time with a keyset: a page starts at
//! a row's sort key, never at an OFFSET from the top, so that the 50 rows
//! around the selection cost the same in a register of 500 people or of
//! 500,000. Small OFFSETs (at most a screen) move the window.

mod enrolments;
mod modules;
mod notes;
mod people;
mod reading;
mod sessions;

use super::name_order::{PeopleSort, Places};
use super::reach::Reaches;
use super::{Result, Store};
use rusqlite::types::Value;
use rusqlite::{ToSql, params_from_iter};
use std::sync::Arc;
use std::sync::OnceLock;

pub use enrolments::*;
pub use modules::*;
pub use notes::*;
pub use people::*;
pub use sessions::*;

/// How one list is read: which columns, from where, in which order, and
/// how the `/` filter applies.
pub trait ListSpec {
    type Row;
    /// The selected expressions, read back by `read` from column 0 on.
    const COLUMNS: &'static str;
    /// `FROM …` with its joins.
    const FROM: &'static str;
    /// What `count` reads when there is no filter: the list's own table
    /// without the joins that only bring columns to show (every key they
    /// follow is a foreign key, so they change no count). On 300,000
    /// enrolments the joins made every count a 300,000-row walk through
    /// two other tables; without them it is a range of one index.
    const COUNT_FROM: Option<&'static str> = None;
    /// The sort key, unique (ends with the primary key), all one way.
    const KEY: &'static [&'static str];
    const DESCENDING: bool = false;
    /// A condition on `:pattern` (a LIKE pattern), used when filtering
    /// (by `filter`, unless the list has its own).
    const FILTER: &'static str = "";
    /// Whether the list is in the people's name order, ascending (its key
    /// is surname, given name and the person's id, without case): then
    /// the rows a filter finds are sorted in memory (`name_order.rs`).
    const NAME_ORDER: bool = false;
    /// What ties a row to what a user reaches (`reach.rs`): a list that
    /// does not say is for coordinators and admins only.
    const REACH: super::reach::Reaches = super::reach::Reaches::Nothing;
    fn read(row: &rusqlite::Row) -> rusqlite::Result<Self::Row>;

    /// Keeps, of the modules a row names, only those in `codes` (the
    /// reader's own): rows that name none need nothing.
    fn keep_modules(_row: &mut Self::Row, _codes: &[String]) {}

    /// What the user typed after `/` as a filter; `None` when it filters
    /// nothing.
    fn filter(text: &str) -> Option<Filter> {
        default_filter::<Self>(text)
    }
}

/// What the `/` filter keeps of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    /// A test of each row, with its values: the list walked in its own
    /// order, up to a page of rows that pass.
    pub test: String,
    pub values: Vec<Value>,
    /// The ids of the rows it keeps, as a query through indexes, with its
    /// values, when it can name them: then few rows are read first and
    /// sorted, rather than walking past thousands that fail the test.
    pub ids: Option<(String, Vec<Value>)>,
}

impl Filter {
    /// A filter that is only a test of each row.
    pub fn of_each_row(test: String, values: Vec<Value>) -> Filter {
        Filter {
            test,
            values,
            ids: None,
        }
    }
}

/// `FILTER` with every `:pattern` bound to what the user typed.
fn default_filter<S: ListSpec + ?Sized>(text: &str) -> Option<Filter> {
    let pattern = like_pattern(text)?;
    if S::FILTER.is_empty() {
        return None;
    }
    let uses = S::FILTER.matches(":pattern").count();
    Some(Filter::of_each_row(
        S::FILTER.replace(":pattern", "?"),
        std::iter::repeat_n(Value::Text(pattern), uses).collect(),
    ))
}

/// Up to how many rows a filter that names its rows has them read first
/// and sorted: each costs a read of its row for the sort key, some two
/// microseconds on the large register. Past it the list is walked in
/// its order through its index (tens of nanoseconds a row), and a page
/// of rows that pass comes soon. At least any count cap the screens use
/// (`tui::pager::COUNT_CAP`), so that a set found larger answers a
/// capped count too.
const FEW_ENOUGH_TO_SORT: usize = 1_500;

/// Up to how many people a filter of a list in name order has sorted in
/// memory, once their places are known: an id and a place each, some
/// tens of nanoseconds; the trigram index gives 20,000 ids in about a
/// millisecond and a half. "ros" finds 4,246 of 100,000 people.
const FEW_ENOUGH_TO_PLACE: usize = 20_000;

/// A filter's rows found (`Store::found_by`): its ids query and values,
/// the register's state then (others' commits, our own changes), and
/// the rows, when no more than were asked for.
pub(super) struct FilterFound {
    ids: String,
    values: Vec<Value>,
    state: (i64, u64),
    /// How many rows were asked for at most.
    cap: usize,
    found: Option<Arc<Found>>,
}

/// Whole lists counted (`Store::count`), each with the register's state
/// then: without a filter a count walks a whole index (650 pages for
/// 100,000 people), and clearing a filter, or coming back to a list,
/// asked for the same count again.
#[derive(Default)]
pub(super) struct Counted(Vec<CountedList>);

/// One list's count: its query, the values bound to it, the register's
/// state when it was counted (`Store::change_counter`), and the count.
struct CountedList {
    sql: String,
    values: Vec<Value>,
    state: (i64, u64),
    count: usize,
}

impl Counted {
    /// Lists with a count kept; more would be a screen's worth of scopes.
    const KEPT: usize = 16;

    fn get(&self, sql: &str, values: &[Value], state: (i64, u64)) -> Option<usize> {
        self.0
            .iter()
            .find(|kept| kept.sql == sql && kept.values == values && kept.state == state)
            .map(|kept| kept.count)
    }

    fn keep(&mut self, sql: String, values: Vec<Value>, state: (i64, u64), count: usize) {
        // Counts from before a change are of no more use.
        self.0
            .retain(|kept| kept.state == state && !(kept.sql == sql && kept.values == values));
        if self.0.len() >= Self::KEPT {
            self.0.remove(0);
        }
        self.0.push(CountedList {
            sql,
            values,
            state,
            count,
        });
    }
}

/// The rows a filter found, few enough to sort: their ids, ascending,
/// and in name order once asked for.
#[derive(Debug)]
struct Found {
    ids: Vec<i64>,
    in_name_order: OnceLock<Option<Arc<[i64]>>>,
}

/// Ids as a JSON array, for `json_each`.
fn json_array(ids: &[i64]) -> String {
    format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    )
}

impl Found {
    /// The ids in name order (`None` if one has no place). Sorted once:
    /// the places and the ids both hold for one state of the register.
    fn in_name_order(&self, places: &Places) -> Option<Arc<[i64]>> {
        self.in_name_order
            .get_or_init(|| places.sort(&self.ids).map(Arc::from))
            .clone()
    }
}

/// The rows a filter keeps in name order, and every person's place.
struct Placed {
    ids: Arc<[i64]>,
    places: Arc<Places>,
}

impl Placed {
    /// How many of the rows come before the row of `key` (its last value
    /// is the person's id); `None` if that person has no place.
    fn position(&self, key: &[Value]) -> Option<usize> {
        let Some(Value::Integer(id)) = key.last() else {
            return None;
        };
        let place = self.places.of(*id)?;
        Some(
            self.ids
                .partition_point(|&other| self.places.of(other).unwrap_or(u32::MAX) < place),
        )
    }

    /// The ids of a page: as `Store::page` reads them, in list order.
    fn page(&self, key: Option<&[Value]>, from: From, skip: usize, limit: usize) -> Option<&[i64]> {
        let len = self.ids.len();
        let at = match (key, from) {
            (Some(key), _) => self.position(key)?,
            (None, From::AtOrAfter) => 0,
            (None, From::Before) => len,
        };
        let range = match from {
            From::AtOrAfter => {
                let start = at.saturating_add(skip).min(len);
                start..start.saturating_add(limit).min(len)
            }
            From::Before => {
                let end = at.saturating_sub(skip);
                end.saturating_sub(limit)..end
            }
        };
        self.ids.get(range)
    }
}

/// A filter as one read applies it: its condition and values, and how
/// many rows it keeps when that was found out on the way (capped: more
/// than `FEW_ENOUGH_TO_SORT` reads as `FEW_ENOUGH_TO_SORT + 1`).
struct Applied {
    sql: String,
    values: Vec<Value>,
    kept: Option<usize>,
    /// Whether the rows are read by their ids (and so sorted).
    by_id: bool,
}

/// The list's own row id: the last of its sort key, which ends with it.
fn row_id<S: ListSpec>() -> &'static str {
    S::KEY.last().copied().unwrap_or("rowid")
}

/// A row and its place in the sort order.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<R> {
    pub key: Vec<Value>,
    pub row: R,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// Rows at or after the key (from the very first without one).
    AtOrAfter,
    /// Rows strictly before the key, nearest first.
    Before,
}

/// A condition on the list beyond the filter, e.g. the sessions of one
/// tutor's modules; `sql` uses `?` placeholders bound to `values`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub sql: String,
    pub values: Vec<Value>,
    /// The codes of the modules a row may name (a tutor's own), `None`
    /// for every module: a participant's other modules stay unnamed.
    pub shown_modules: Option<Vec<String>>,
}

/// What the user typed after `/`, as a LIKE pattern (`%` and `_` taken
/// literally).
pub fn like_pattern(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}

/// Rows strictly after (or before, or at-or-after) a sort key, written
/// so that SQLite walks an index range: `(a, b) > (?, ?)` as a row value
/// is read as a scan when a key is an expression or has a collation, so
/// it is spelt out as `a >= ? AND (a > ? OR (a = ? AND b > ?))`, whose
/// first term bounds the index.
fn keyset_condition(
    keys: &[&str],
    key: &[Value],
    after: bool,
    inclusive: bool,
) -> (String, Vec<Value>) {
    let (bound, strict) = if after { (">=", ">") } else { ("<=", "<") };
    // Built from the last key outwards: "k3 > ?", then
    // "k2 > ? OR (k2 = ? AND (…))", and so on.
    let mut inner: Option<String> = None;
    let mut inner_values: Vec<Value> = Vec::new();
    for (index, (column, value)) in keys.iter().zip(key).enumerate().rev() {
        let last = index + 1 == keys.len();
        let (sql, mut these) = match inner {
            None if last && inclusive => (format!("{column} {bound} ?"), vec![value.clone()]),
            None => (format!("{column} {strict} ?"), vec![value.clone()]),
            Some(rest) => (
                format!("{column} {strict} ? OR ({column} = ? AND ({rest}))"),
                vec![value.clone(), value.clone()],
            ),
        };
        these.append(&mut inner_values);
        inner = Some(sql);
        inner_values = these;
    }
    let (Some(rest), Some(first_key), Some(first_value)) = (inner, keys.first(), key.first())
    else {
        return ("1".to_string(), Vec::new());
    };
    let mut values = vec![first_value.clone()];
    values.extend(inner_values);
    (format!("{first_key} {bound} ? AND ({rest})"), values)
}

/// The WHERE clause of a list read: the scope, the filter and a keyset
/// condition, with their values in order.
fn conditions(
    filter: Option<Applied>,
    scope: &Scope,
    keyset: Option<(String, Vec<Value>)>,
) -> (String, Vec<Value>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if !scope.sql.is_empty() {
        conditions.push(format!("({})", scope.sql));
        values.extend(scope.values.iter().cloned());
    }
    if let Some(filter) = filter {
        conditions.push(format!("({})", filter.sql));
        values.extend(filter.values);
    }
    if let Some((sql, key_values)) = keyset {
        conditions.push(format!("({sql})"));
        values.extend(key_values);
    }
    if conditions.is_empty() {
        (String::new(), values)
    } else {
        (format!("WHERE {}", conditions.join(" AND ")), values)
    }
}

/// How many rows a list has: exact, or at least `n` when counting
/// stopped there (a filter over a large list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub n: usize,
    pub exact: bool,
}

/// "1000+" when counting stopped at 1000.
impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let more = if self.exact { "" } else { "+" };
        write!(f, "{}{more}", self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Actor, Clock};
    use crate::store::DEFAULT_AXES;

    /// Each person's modules come from an index alone: reading each
    /// request's row for its status made a page of the Participants
    /// list read five pages of the file a row (migration 10).
    #[test]
    fn a_persons_modules_are_read_from_an_index_alone() {
        let folder = tempfile::tempdir().unwrap();
        let actor = Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 11, 27)));
        let store = Store::create(&folder.path().join("r.db"), &actor, DEFAULT_AXES).unwrap();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT {} {} ORDER BY {} LIMIT 50",
            People::COLUMNS,
            People::FROM,
            People::KEY.join(", ")
        );
        let mut statement = store.conn().prepare(&sql).unwrap();
        let steps: Vec<String> = statement
            .query_map([], |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            steps
                .iter()
                .any(|s| s.contains("COVERING INDEX enrolment_person")),
            "{steps:#?}"
        );
    }
}
