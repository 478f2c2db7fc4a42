//! The register's own settings, kept in its `meta` table: the
//! programme's name, which heads the report and every export.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, refused};
use crate::access::Permission;
use crate::context::Actor;

/// The `meta` key of the programme's name.
const PROGRAMME_KEY: &str = "programme_name";

/// The longest name a programme may have: a title line, not a text.
pub const PROGRAMME_MAX_CHARS: usize = 200;

impl Store {
    /// The programme's name, when one has been given (at `registro init`
    /// or later). Anyone who may open the register may read it: it is
    /// the heading of what they print, nobody's personal data.
    pub fn programme_name(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [PROGRAMME_KEY],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Names the programme (coordinators and admins), in one transaction
    /// with its audit entry. The name is trimmed; an empty one, one with
    /// control characters or one longer than `PROGRAMME_MAX_CHARS` is
    /// refused.
    pub fn set_programme_name(&self, actor: &Actor, name: &str) -> Result<()> {
        let name = checked_programme_name(name)?;
        self.write(|tx| {
            super::users::require(tx, actor, Permission::EditRecords)?;
            let before: Option<String> = tx
                .query_row(
                    "SELECT value FROM meta WHERE key = ?1",
                    [PROGRAMME_KEY],
                    |row| row.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![PROGRAMME_KEY, name],
            )?;
            audit(
                tx,
                actor,
                "register",
                None,
                "name programme",
                before.map(|b| json!({ "programme": b })).as_ref(),
                Some(&json!({ "programme": name })),
            )
        })
    }
}

/// The name as it will be kept, or why it cannot be.
pub fn checked_programme_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(refused(|t| t.programme_empty, &[]));
    }
    if name.chars().any(char::is_control) {
        return Err(refused(|t| t.programme_control, &[]));
    }
    if name.chars().count() > PROGRAMME_MAX_CHARS {
        let max = PROGRAMME_MAX_CHARS.to_string();
        return Err(refused(|t| t.programme_too_long, &[("max", &max)]));
    }
    Ok(name)
}
