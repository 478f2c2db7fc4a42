//! Reading a list: a page by its key, a row found, counts.

use super::*;

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

    pub(super) fn page_of_rows<S: ListSpec>(
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
    pub(super) fn read_keyed<S: ListSpec>(
        &self,
        sql: &str,
        values: &[Value],
    ) -> Result<Vec<Keyed<S::Row>>> {
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
    pub(super) fn placed<S: ListSpec>(&self, text: &str, scope: &Scope) -> Result<Option<Placed>> {
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
    pub(super) fn apply<S: ListSpec>(&self, text: &str) -> Result<Option<Applied>> {
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
    pub(super) fn found_by(
        &self,
        ids: &str,
        values: &[Value],
        cap: usize,
    ) -> Result<Option<Arc<Found>>> {
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
