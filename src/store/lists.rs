//! The main lists, read a page at a time with a keyset: a page starts at
//! a row's sort key, never at an OFFSET from the top, so that the 50 rows
//! around the selection cost the same in a register of 500 people or of
//! 500,000. Small OFFSETs (at most a screen) move the window.

use std::sync::Arc;
use std::sync::OnceLock;

use rusqlite::types::Value;
use rusqlite::{ToSql, params_from_iter};

use super::name_order::{PeopleSort, Places};
use super::reach::Reaches;
use super::{Result, Store};

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

impl Store {
    /// Up to `limit` rows from `key` in direction `from`, skipping
    /// `skip` of them. Rows come back in the list's order either way.
    pub fn page<S: ListSpec>(
        &self,
        filter: &str,
        scope: &Scope,
        key: Option<&[Value]>,
        from: From,
        skip: usize,
        limit: usize,
    ) -> Result<Vec<Keyed<S::Row>>> {
        let mut rows = self.page_of_rows::<S>(filter, scope, key, from, skip, limit)?;
        if let Some(codes) = &scope.shown_modules {
            for keyed in &mut rows {
                S::keep_modules(&mut keyed.row, codes);
            }
        }
        Ok(rows)
    }

    fn page_of_rows<S: ListSpec>(
        &self,
        filter: &str,
        scope: &Scope,
        key: Option<&[Value]>,
        from: From,
        skip: usize,
        limit: usize,
    ) -> Result<Vec<Keyed<S::Row>>> {
        let key_list = S::KEY.join(", ");
        let (columns, list_from) = (S::COLUMNS, S::FROM);
        if let Some(placed) = self.placed::<S>(filter, scope)?
            && let Some(ids) = placed.page(key, from, skip, limit)
        {
            // A list in name order is ascending: its key is its order.
            let id = row_id::<S>();
            let sql = format!(
                "SELECT {columns}, {key_list} {list_from} \
                 WHERE {id} IN (SELECT value FROM json_each(?)) ORDER BY {key_list}"
            );
            return self.read_keyed::<S>(&sql, &[Value::Text(json_array(ids))]);
        }
        // Reading backwards flips the order, and the rows are flipped back.
        let backwards = from == From::Before;
        let descending = S::DESCENDING != backwards;
        let keyset = key.map(|key| {
            let inclusive = from == From::AtOrAfter;
            keyset_condition(S::KEY, key, !descending, inclusive)
        });
        let applied = self.apply::<S>(filter)?;
        let sorted = applied.as_ref().is_some_and(|a| a.by_id);
        let (where_clause, values) = conditions(applied, scope, keyset);
        let direction = if descending { "DESC" } else { "ASC" };
        let order = S::KEY
            .iter()
            .map(|k| format!("{k} {direction}"))
            .collect::<Vec<_>>()
            .join(", ");
        let from = list_from;
        let sql = if sorted {
            // Rows read by id are sorted: the page's ids first, from the
            // sort key alone, then the columns of those rows only (some
            // are subqueries, which SQLite would otherwise work out for
            // every row it sorts).
            let id = row_id::<S>();
            format!(
                "SELECT {columns}, {key_list} {from} WHERE {id} IN \
                 (SELECT {id} {from} {where_clause} ORDER BY {order} LIMIT {limit} OFFSET {skip}) \
                 ORDER BY {order}"
            )
        } else {
            format!(
                "SELECT {columns}, {key_list} {from} {where_clause} ORDER BY {order} LIMIT {limit} OFFSET {skip}"
            )
        };
        let mut rows = self.read_keyed::<S>(&sql, &values)?;
        if backwards {
            rows.reverse();
        }
        Ok(rows)
    }

    /// The rows `sql` reads: the list's columns, then its key.
    fn read_keyed<S: ListSpec>(&self, sql: &str, values: &[Value]) -> Result<Vec<Keyed<S::Row>>> {
        let mut statement = self.conn().prepare_cached(sql)?;
        let first_key_column = statement.column_count() - S::KEY.len();
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        let rows = statement
            .query_map(params_from_iter(params), |row| {
                let key = (first_key_column..first_key_column + S::KEY.len())
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(Keyed {
                    key,
                    row: S::read(row)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The rows a filter of a list in name order keeps, in that order,
    /// when every person's place is known and they are at most
    /// `FEW_ENOUGH_TO_PLACE`; `None` otherwise (and for a scope, which
    /// would keep fewer). Asks for the places on any filter typed, so
    /// that they are there by the third letter.
    fn placed<S: ListSpec>(&self, text: &str, scope: &Scope) -> Result<Option<Placed>> {
        if !S::NAME_ORDER || !scope.sql.is_empty() || text.trim().is_empty() {
            return Ok(None);
        }
        let wait = match self.people_sort.get() {
            PeopleSort::Names => return Ok(None),
            PeopleSort::PlacesOnceRead => false,
            PeopleSort::Places => true,
        };
        let state = self.change_counter()?;
        let Some(places) = self
            .name_order
            .borrow_mut()
            .for_state(state, &self.path, wait)
        else {
            return Ok(None);
        };
        let Some(Filter {
            ids: Some((ids, values)),
            ..
        }) = S::filter(text)
        else {
            return Ok(None);
        };
        let Some(found) = self.found_by(&ids, &values, FEW_ENOUGH_TO_PLACE)? else {
            return Ok(None);
        };
        Ok(found
            .in_name_order(&places)
            .map(|ids| Placed { ids, places }))
    }

    /// The filter typed, as this read applies it. A filter that names
    /// its rows has them found first, up to `FEW_ENOUGH_TO_SORT` (an
    /// index probe that stops there): few are read by their ids and
    /// sorted; many are met soon enough walking the list in order.
    fn apply<S: ListSpec>(&self, text: &str) -> Result<Option<Applied>> {
        let Some(filter) = S::filter(text) else {
            return Ok(None);
        };
        let Some((ids, id_values)) = filter.ids else {
            return Ok(Some(Applied {
                sql: filter.test,
                values: filter.values,
                kept: None,
                by_id: false,
            }));
        };
        let id = row_id::<S>();
        Ok(Some(
            match self.found_by(&ids, &id_values, FEW_ENOUGH_TO_SORT)? {
                Some(found) => Applied {
                    sql: format!("{id} IN (SELECT value FROM json_each(?))"),
                    values: vec![Value::Text(json_array(&found.ids))],
                    kept: Some(found.ids.len()),
                    by_id: true,
                },
                None => Applied {
                    sql: filter.test,
                    values: filter.values,
                    kept: Some(FEW_ENOUGH_TO_SORT + 1),
                    by_id: false,
                },
            },
        ))
    }

    /// The rows a filter's `ids` name, when there are at most `cap` of
    /// them (`None` beyond): read again only when the filter or the
    /// register has changed since the last time, or when that time asked
    /// for fewer and found more. The page then reads them from the list,
    /// not through the indexes a second time.
    fn found_by(&self, ids: &str, values: &[Value], cap: usize) -> Result<Option<Arc<Found>>> {
        let state = self.change_counter()?;
        if let Some(last) = self.last_filter_found.borrow().as_ref()
            && last.ids == ids
            && last.values == values
            && last.state == state
        {
            // A list in name order asks for up to `FEW_ENOUGH_TO_PLACE`
            // rows and, finding more, the same filter asks for up to
            // `FEW_ENOUGH_TO_SORT`: one read answers both.
            match &last.found {
                Some(found) => return Ok((found.ids.len() <= cap).then(|| found.clone())),
                None if cap <= last.cap => return Ok(None),
                None => {}
            }
        }
        let mut statement = self
            .conn()
            .prepare_cached(&format!("SELECT * FROM ({ids}) LIMIT ?"))?;
        let mut params: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        let limit = cap.saturating_add(1) as i64;
        params.push(&limit);
        let mut rows: Vec<i64> = statement
            .query_map(params_from_iter(params), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The query may name a row twice (UNION ALL, found.rs).
        rows.sort_unstable();
        rows.dedup();
        let found = (rows.len() <= cap).then(|| {
            Arc::new(Found {
                ids: rows,
                in_name_order: OnceLock::new(),
            })
        });
        self.last_filter_found.replace(Some(FilterFound {
            ids: ids.to_string(),
            values: values.to_vec(),
            state,
            cap,
            found: found.clone(),
        }));
        Ok(found)
    }

    /// How many rows the list has with this filter.
    pub fn count<S: ListSpec>(&self, filter: &str, scope: &Scope) -> Result<usize> {
        self.count_before::<S>(filter, scope, None)
    }

    /// How many rows the list has, counting no further than `cap`: with
    /// a filter over 100,000 people an exact count costs a walk through
    /// all of them on every key typed, and "1000+" says as much.
    pub fn count_up_to<S: ListSpec>(
        &self,
        filter: &str,
        scope: &Scope,
        cap: usize,
    ) -> Result<Count> {
        if filter.trim().is_empty() {
            let n = self.count::<S>(filter, scope)?;
            return Ok(Count { n, exact: true });
        }
        if let Some(placed) = self.placed::<S>(filter, scope)? {
            let n = placed.ids.len();
            return Ok(Count {
                n: n.min(cap),
                exact: n <= cap,
            });
        }
        let applied = self.apply::<S>(filter)?;
        // The set the filter names is the list's rows, unless a scope
        // narrows them further.
        if let Some(Applied {
            kept: Some(kept), ..
        }) = applied
            && scope.sql.is_empty()
            && (kept <= FEW_ENOUGH_TO_SORT || cap < kept)
        {
            return Ok(Count {
                n: kept.min(cap),
                exact: kept <= cap,
            });
        }
        let (where_clause, values) = conditions(applied, scope, None);
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 {} {where_clause} LIMIT {})",
            S::FROM,
            cap.saturating_add(1)
        );
        let mut statement = self.conn().prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        let found: i64 = statement.query_row(params_from_iter(params), |row| row.get(0))?;
        let found = found.max(0) as usize;
        Ok(Count {
            n: found.min(cap),
            exact: found <= cap,
        })
    }

    /// How many rows come before `key` (all rows without one): the
    /// position of a row in the list.
    pub fn count_before<S: ListSpec>(
        &self,
        filter: &str,
        scope: &Scope,
        key: Option<&[Value]>,
    ) -> Result<usize> {
        if let Some(placed) = self.placed::<S>(filter, scope)? {
            let position = match key {
                Some(key) => placed.position(key),
                None => Some(placed.ids.len()),
            };
            if let Some(position) = position {
                return Ok(position);
            }
        }
        let keyset = key.map(|key| keyset_condition(S::KEY, key, S::DESCENDING, false));
        let (where_clause, values) = conditions(self.apply::<S>(filter)?, scope, keyset);
        let from = match S::COUNT_FROM {
            Some(from) if filter.trim().is_empty() && scope.sql.is_empty() => from,
            _ => S::FROM,
        };
        let sql = format!("SELECT count(*) {from} {where_clause}");
        // Only a whole list's count is kept: a position changes with the
        // row it is asked for.
        let state = self.change_counter()?;
        if key.is_none()
            && let Some(n) = self.counted.borrow().get(&sql, &values, state)
        {
            return Ok(n);
        }
        let mut statement = self.conn().prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        let count: i64 = statement.query_row(params_from_iter(params), |row| row.get(0))?;
        let count = count.max(0) as usize;
        if key.is_none() {
            self.counted.borrow_mut().keep(sql, values, state, count);
        }
        Ok(count)
    }
}

/// A module in the Modules tab.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub axis: String,
    pub location: String,
    pub planned_minutes: i64,
    pub participants: i64,
    pub capacity: i64,
    pub starts_on: Option<String>,
}

pub struct Modules;

impl ListSpec for Modules {
    type Row = ModuleRow;
    const COLUMNS: &'static str = "m.id, m.code, m.title, a.code, m.location, m.planned_minutes, \
        (SELECT count(*) FROM enrolment e WHERE e.module_id = m.id AND e.status = 'accepted'), \
        m.capacity, m.starts_on";
    const FROM: &'static str = "FROM module m JOIN axis a ON a.id = m.axis_id";
    const REACH: Reaches = Reaches::Module("m.id");
    const COUNT_FROM: Option<&'static str> = Some("FROM module m");
    const KEY: &'static [&'static str] = &["m.code COLLATE NOCASE", "m.id"];
    const FILTER: &'static str = "m.code LIKE :pattern ESCAPE '\\' OR m.title LIKE :pattern ESCAPE '\\' OR m.location LIKE :pattern ESCAPE '\\'";
    fn read(row: &rusqlite::Row) -> rusqlite::Result<ModuleRow> {
        Ok(ModuleRow {
            id: row.get(0)?,
            code: row.get(1)?,
            title: row.get(2)?,
            axis: row.get(3)?,
            location: row.get(4)?,
            planned_minutes: row.get(5)?,
            participants: row.get(6)?,
            capacity: row.get(7)?,
            starts_on: row.get(8)?,
        })
    }
}

/// A session in the Sessions tab.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub module_code: String,
    pub module_title: String,
    pub marked: i64,
    pub participants: i64,
    pub cancelled: bool,
    pub closed: bool,
}

pub struct Sessions;

impl ListSpec for Sessions {
    type Row = SessionRow;
    const COLUMNS: &'static str = "s.id, s.date, s.start_minute, s.end_minute, m.code, m.title, \
        (SELECT count(*) FROM attendance t WHERE t.session_id = s.id), \
        (SELECT count(*) FROM enrolment e WHERE e.module_id = s.module_id AND e.status = 'accepted'), \
        s.cancelled, s.closed_at IS NOT NULL";
    const FROM: &'static str = "FROM session s JOIN module m ON m.id = s.module_id";
    const REACH: Reaches = Reaches::Module("s.module_id");
    const COUNT_FROM: Option<&'static str> = Some("FROM session s");
    const KEY: &'static [&'static str] = &["s.date", "s.start_minute", "s.id"];
    const FILTER: &'static str = "m.code LIKE :pattern ESCAPE '\\' OR m.title LIKE :pattern ESCAPE '\\' \
        OR s.date LIKE :pattern ESCAPE '\\' OR s.trainer LIKE :pattern ESCAPE '\\' OR s.venue LIKE :pattern ESCAPE '\\'";
    fn read(row: &rusqlite::Row) -> rusqlite::Result<SessionRow> {
        Ok(SessionRow {
            id: row.get(0)?,
            date: row.get(1)?,
            start_minute: row.get(2)?,
            end_minute: row.get(3)?,
            module_code: row.get(4)?,
            module_title: row.get(5)?,
            marked: row.get(6)?,
            participants: row.get(7)?,
            cancelled: row.get(8)?,
            closed: row.get(9)?,
        })
    }
}

/// A person in the Participants tab.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub surname: String,
    pub given_name: String,
    pub organisation: String,
    pub organisation_type: String,
    /// Codes of the modules they take part in, comma-separated.
    pub modules: String,
}

pub struct People;

impl ListSpec for People {
    type Row = PersonRow;
    const COLUMNS: &'static str = "p.id, p.surname, p.given_name, p.organisation, p.organisation_type, \
        coalesce((SELECT group_concat(m.code, ', ') FROM enrolment e JOIN module m ON m.id = e.module_id \
                  WHERE e.person_id = p.id AND e.status = 'accepted'), '')";
    const FROM: &'static str = "FROM person p";
    const REACH: Reaches = Reaches::Person("p.id");
    const KEY: &'static [&'static str] = &[
        "p.surname COLLATE NOCASE",
        "p.given_name COLLATE NOCASE",
        "p.id",
    ];
    const NAME_ORDER: bool = true;
    fn filter(text: &str) -> Option<Filter> {
        super::found::people(text)
    }
    fn read(row: &rusqlite::Row) -> rusqlite::Result<PersonRow> {
        Ok(PersonRow {
            id: row.get(0)?,
            surname: row.get(1)?,
            given_name: row.get(2)?,
            organisation: row.get(3)?,
            organisation_type: row.get(4)?,
            modules: row.get(5)?,
        })
    }
    fn keep_modules(row: &mut PersonRow, codes: &[String]) {
        row.modules = row
            .modules
            .split(", ")
            .filter(|code| codes.iter().any(|own| own == code))
            .collect::<Vec<_>>()
            .join(", ");
    }
}

/// A request in the Enrolments tab: pending first, then by arrival.
#[derive(Debug, Clone, PartialEq)]
pub struct EnrolmentRow {
    pub id: i64,
    pub person_id: i64,
    pub received_on: String,
    pub person: String,
    pub module_code: String,
    pub status: String,
    pub reason: Option<String>,
}

pub struct Enrolments;

impl ListSpec for Enrolments {
    type Row = EnrolmentRow;
    const COLUMNS: &'static str = "e.id, e.person_id, e.received_on, p.surname || ' ' || p.given_name, \
        m.code, e.status, e.reason";
    const FROM: &'static str =
        "FROM enrolment e JOIN person p ON p.id = e.person_id JOIN module m ON m.id = e.module_id";
    const COUNT_FROM: Option<&'static str> = Some("FROM enrolment e");
    const REACH: Reaches = Reaches::Participation;
    const KEY: &'static [&'static str] = &["(e.status <> 'requested')", "e.received_on", "e.id"];
    fn filter(text: &str) -> Option<Filter> {
        super::found::requests(text)
    }
    fn read(row: &rusqlite::Row) -> rusqlite::Result<EnrolmentRow> {
        Ok(EnrolmentRow {
            id: row.get(0)?,
            person_id: row.get(1)?,
            received_on: row.get(2)?,
            person: row.get(3)?,
            module_code: row.get(4)?,
            status: row.get(5)?,
            reason: row.get(6)?,
        })
    }
}

/// A note in the Notes tab, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    /// What it is about, as short labels: a person's name, a module code,
    /// a session's module and date.
    pub subjects: String,
    pub body: String,
    pub follow_up: Option<String>,
}

pub struct Notes;

impl ListSpec for Notes {
    type Row = NoteRow;
    const COLUMNS: &'static str = "n.id, n.created_at, n.author, \
        coalesce((SELECT group_concat(coalesce(p.surname || ' ' || p.given_name, sm.code || ' ' || s.date, m.code), '; ') \
                  FROM note_subject ns \
                  LEFT JOIN person p ON p.id = ns.person_id \
                  LEFT JOIN session s ON s.id = ns.session_id \
                  LEFT JOIN module sm ON sm.id = s.module_id \
                  LEFT JOIN module m ON m.id = ns.module_id \
                  WHERE ns.note_id = n.id), ''), \
        n.body, n.follow_up";
    const FROM: &'static str = "FROM note n";
    const REACH: Reaches = Reaches::Note;
    const KEY: &'static [&'static str] = &["n.created_at", "n.id"];
    const DESCENDING: bool = true;
    const FILTER: &'static str =
        "n.body LIKE :pattern ESCAPE '\\' OR n.author LIKE :pattern ESCAPE '\\'";
    /// Notes are searched with a small language: words are looked up in
    /// the text with full-text search (accents folded, word prefixes),
    /// `@name` narrows to an author, `about:name` (Italian `su:nome`) to a
    /// subject (a person's name, a module's code or title), `+open` and
    /// `+done` (`+aperte`, `+fatte`) to follow-ups; both languages' words
    /// work whatever the language.
    fn filter(text: &str) -> Option<Filter> {
        let query = NoteQuery::parse(text);
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        if !query.words.is_empty() {
            conditions
                .push("n.id IN (SELECT rowid FROM note_text WHERE note_text MATCH ?)".to_string());
            values.push(Value::Text(query.match_expression()));
        }
        for author in &query.authors {
            conditions.push("n.author LIKE ? ESCAPE '\\'".to_string());
            values.push(Value::Text(like_pattern(author).unwrap_or_default()));
        }
        for subject in &query.subjects {
            conditions.push(
                "EXISTS (SELECT 1 FROM note_subject ns
                    LEFT JOIN person p ON p.id = ns.person_id
                    LEFT JOIN session s ON s.id = ns.session_id
                    LEFT JOIN module m ON m.id = coalesce(ns.module_id, s.module_id)
                    WHERE ns.note_id = n.id AND (
                        (p.surname || ' ' || p.given_name) LIKE ? ESCAPE '\\'
                        OR (p.given_name || ' ' || p.surname) LIKE ? ESCAPE '\\'
                        OR m.code LIKE ? ESCAPE '\\' OR m.title LIKE ? ESCAPE '\\'))"
                    .to_string(),
            );
            let pattern = Value::Text(like_pattern(subject).unwrap_or_default());
            values.extend(std::iter::repeat_n(pattern, 4));
        }
        if let Some(state) = &query.follow_up {
            conditions.push("n.follow_up = ?".to_string());
            values.push(Value::Text(state.clone()));
        }
        if conditions.is_empty() {
            None
        } else {
            Some(Filter::of_each_row(conditions.join(" AND "), values))
        }
    }

    fn read(row: &rusqlite::Row) -> rusqlite::Result<NoteRow> {
        Ok(NoteRow {
            id: row.get(0)?,
            created_at: row.get(1)?,
            author: row.get(2)?,
            subjects: row.get(3)?,
            body: row.get(4)?,
            follow_up: row.get(5)?,
        })
    }
}

/// A follow-up flag as typed after `+`, in either language: the stored
/// word (`open`, `done`).
fn follow_up_word(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "open" | "aperto" | "aperta" | "aperti" | "aperte" => Some("open"),
        "done" | "fatto" | "fatta" | "fatti" | "fatte" | "chiuso" | "chiusa" => Some("done"),
        _ => None,
    }
}

/// What the user typed in the Notes filter, taken apart.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NoteQuery {
    pub words: Vec<String>,
    pub authors: Vec<String>,
    pub subjects: Vec<String>,
    pub follow_up: Option<String>,
}

impl NoteQuery {
    pub fn parse(text: &str) -> NoteQuery {
        let mut query = NoteQuery::default();
        for token in text.split_whitespace() {
            if let Some(author) = token.strip_prefix('@') {
                if !author.is_empty() {
                    query.authors.push(author.to_string());
                }
            } else if let Some(subject) = token
                .strip_prefix("about:")
                .or_else(|| token.strip_prefix("su:"))
            {
                if !subject.is_empty() {
                    query.subjects.push(subject.to_string());
                }
            } else if let Some(state) = token.strip_prefix('+').and_then(follow_up_word) {
                query.follow_up = Some(state.to_string());
            } else {
                // Only letters and digits reach FTS: its own syntax
                // (quotes, NEAR, `-`) is not for typing into a filter.
                let word: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
                if !word.is_empty() {
                    query.words.push(word);
                }
            }
        }
        query
    }

    /// Every word as a prefix, all required: `"perche"* "aula"*`.
    pub fn match_expression(&self) -> String {
        self.words
            .iter()
            .map(|word| format!("\"{word}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Actor, Clock};
    use crate::store::DEFAULT_AXES;

    #[test]
    fn the_notes_filter_reads_both_languages_words() {
        let italian = NoteQuery::parse("proiettore @tutor su:Rossi +aperte");
        let english = NoteQuery::parse("proiettore @tutor about:Rossi +open");
        assert_eq!(italian, english);
        assert_eq!(italian.subjects, ["Rossi"]);
        assert_eq!(italian.follow_up.as_deref(), Some("open"));
        assert_eq!(
            NoteQuery::parse("+fatte").follow_up.as_deref(),
            Some("done")
        );
    }

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
