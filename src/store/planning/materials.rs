//! A module's materials: listed, added and removed.

use super::*;

/// A titled reference kept with a module: a file path or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub id: i64,
    pub title: String,
    pub reference: String,
}

impl Store {
    pub fn materials(&self, module_id: i64) -> Result<Vec<Material>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, title, reference FROM material WHERE module_id = ?1 ORDER BY id",
            )?
            .query_map([module_id], |row| {
                Ok(Material {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    reference: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn add_material(
        &self,
        actor: &Actor,
        module_id: i64,
        title: &str,
        reference: &str,
    ) -> Result<i64> {
        let (title, reference) = (title.trim(), reference.trim());
        if title.is_empty() || reference.is_empty() {
            return Err(refused(|t| t.refuse_material_incomplete, &[]));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO material(module_id, title, reference) VALUES (?1, ?2, ?3)",
                params![module_id, title, reference],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                "material",
                Some(id),
                "add",
                None,
                Some(&json!({ "module_id": module_id, "title": title, "reference": reference })),
            )?;
            Ok(id)
        })
    }

    pub fn remove_material(&self, actor: &Actor, id: i64) -> Result<()> {
        self.write(|tx| {
            let before: Option<(i64, String, String)> = tx
                .query_row(
                    "SELECT module_id, title, reference FROM material WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            let Some((module_id, title, reference)) = before else {
                return Err(StoreError::NotFound("material"));
            };
            tx.execute("DELETE FROM material WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "material",
                Some(id),
                "remove",
                Some(&json!({ "module_id": module_id, "title": title, "reference": reference })),
                None,
            )?;
            Ok(())
        })
    }
}
