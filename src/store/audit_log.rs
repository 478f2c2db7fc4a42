//! Reading the audit log: for the Audit view (a paged list with a small
//! filter language) and for `registro export audit`.

use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::lists::{Filter, ListSpec, like_pattern};
use super::{Result, Store};

/// Who made the latest change to an entity (of `action`, or of any), as
/// the register knows them (display name, else login), and when: what a
/// conflict shows of the other user's change.
pub(super) fn last_entry(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    action: Option<&str>,
) -> Result<(Option<String>, Option<String>)> {
    Ok(conn
        .query_row(
            "SELECT coalesce(u.display_name, a.user), a.at
             FROM audit a LEFT JOIN app_user u ON u.login = a.user
             WHERE entity = ?1 AND entity_id = ?2 AND (?3 IS NULL OR action = ?3)
             ORDER BY a.id DESC LIMIT 1",
            params![entity, entity_id, action],
            |row| Ok((Some(row.get(0)?), Some(row.get(1)?))),
        )
        .optional()?
        .unwrap_or((None, None)))
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

const COLUMNS: &str = "a.id, a.at, a.user, a.entity, a.entity_id, a.action, a.before, a.after";

fn read(row: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get(0)?,
        at: row.get(1)?,
        user: row.get(2)?,
        entity: row.get(3)?,
        entity_id: row.get(4)?,
        action: row.get(5)?,
        before: row.get(6)?,
        after: row.get(7)?,
    })
}

impl Store {
    /// Every entry made from `from` to `to` (days, both included), oldest
    /// first. The log names every change to the whole register: only
    /// those who reach everything read it.
    pub fn audit_entries(
        &self,
        reach: &super::reach::Reach,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Vec<AuditEntry>> {
        if !reach.everything() {
            return Err(reach.refusal("audit log"));
        }
        let mut statement = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM audit a
             WHERE (?1 IS NULL OR substr(a.at, 1, 10) >= ?1)
               AND (?2 IS NULL OR substr(a.at, 1, 10) <= ?2)
             ORDER BY a.at, a.id"
        ))?;
        let entries = statement
            .query_map(
                rusqlite::params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
                read,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(entries)
    }
}

/// The log as a list, newest first.
pub struct AuditLog;

impl ListSpec for AuditLog {
    type Row = AuditEntry;
    const COLUMNS: &'static str = COLUMNS;
    const FROM: &'static str = "FROM audit a";
    const KEY: &'static [&'static str] = &["a.at", "a.id"];
    const DESCENDING: bool = true;
    const FILTER: &'static str = "a.action LIKE :pattern ESCAPE '\\' \
        OR coalesce(a.before, '') LIKE :pattern ESCAPE '\\' \
        OR coalesce(a.after, '') LIKE :pattern ESCAPE '\\'";

    /// `user:NAME` (or `@NAME`), `entity:KIND`, `date:2026-11` (a day, a
    /// month or a year), `from:DATE`, `to:DATE`; other words must appear
    /// in the action or the change.
    fn filter(text: &str) -> Option<Filter> {
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        for token in text.split_whitespace() {
            let (condition, value) = if let Some(user) = token
                .strip_prefix("user:")
                .or_else(|| token.strip_prefix('@'))
            {
                ("a.user LIKE ? ESCAPE '\\'", like_pattern(user))
            } else if let Some(entity) = token.strip_prefix("entity:") {
                ("a.entity LIKE ? ESCAPE '\\'", like_pattern(entity))
            } else if let Some(date) = token.strip_prefix("date:") {
                (
                    "a.at LIKE ? ESCAPE '\\'",
                    like_pattern(date).map(|p| p[1..].to_string()),
                )
            } else if let Some(from) = token.strip_prefix("from:") {
                ("substr(a.at, 1, 10) >= ?", Some(from.to_string()))
            } else if let Some(to) = token.strip_prefix("to:") {
                ("substr(a.at, 1, 10) <= ?", Some(to.to_string()))
            } else {
                let Some(pattern) = like_pattern(token) else {
                    continue;
                };
                conditions.push(format!("({})", Self::FILTER.replace(":pattern", "?")));
                values.extend(std::iter::repeat_n(Value::Text(pattern), 3));
                continue;
            };
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                conditions.push(condition.to_string());
                values.push(Value::Text(value));
            }
        }
        if conditions.is_empty() {
            None
        } else {
            Some(Filter::of_each_row(conditions.join(" AND "), values))
        }
    }

    fn read(row: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
        read(row)
    }
}
