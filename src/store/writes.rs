//! Changes to the register. Each public function here is one user action
//! and runs in one transaction with its audit entry.

use rusqlite::{Transaction, params};
use serde_json::Value;

use super::Result;
use crate::context::Actor;

/// Records a change in the audit log, inside the change's own transaction
/// so that the log and the data can never disagree. Every change passes
/// here, so here the store refuses (and rolls back) a change by anyone
/// who is not an active user of the register.
pub fn audit(
    tx: &Transaction,
    actor: &Actor,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    super::users::active_role(tx, actor)?;
    tx.execute(
        "INSERT INTO audit(at, user, entity, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            actor.clock.stamp(),
            actor.user,
            entity,
            entity_id,
            action,
            before.map(Value::to_string),
            after.map(Value::to_string),
        ],
    )?;
    Ok(())
}

impl super::Store {
    /// How many audit entries an entity has: for tests and checks.
    pub fn audit_count(&self, entity: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM audit WHERE entity = ?1",
            [entity],
            |row| row.get(0),
        )?)
    }

    /// Whether any audit entry's details contain `text`.
    pub fn audit_mentions(&self, text: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT count(*) > 0 FROM audit WHERE instr(coalesce(after, '') || coalesce(before, ''), ?1) > 0",
            [text],
            |row| row.get(0),
        )?)
    }
}
