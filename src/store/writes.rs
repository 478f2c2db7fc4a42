//! Changes to the register. Each public function here is one user action
//! and runs in one transaction with its audit entry.

use rusqlite::{Transaction, params};
use serde_json::Value;

use super::Result;
use crate::context::Actor;

/// Records a change in the audit log, inside the change's own transaction
/// so that the log and the data can never disagree.
pub fn audit(
    tx: &Transaction,
    actor: &Actor,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
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
