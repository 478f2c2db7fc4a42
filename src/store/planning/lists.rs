//! The lists forms choose from (vocabularies) and the axes.

use super::*;

/// A list people choose from in forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Town,
    OrganisationType,
    RejectReason,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 3] = [
        Vocabulary::Town,
        Vocabulary::OrganisationType,
        Vocabulary::RejectReason,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Vocabulary::Town => "town",
            Vocabulary::OrganisationType => "organisation_type",
            Vocabulary::RejectReason => "reject_reason",
        }
    }
}

pub(super) fn add_word_in(tx: &Transaction, kind: Vocabulary, word: &str) -> Result<()> {
    let word = word.trim();
    if !word.is_empty() {
        tx.execute(
            "INSERT OR IGNORE INTO vocabulary(kind, value) VALUES (?1, ?2)",
            params![kind.as_str(), word],
        )?;
    }
    Ok(())
}

impl Store {
    /// The axes, as `(code, title)`.
    pub fn axes(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT code, title FROM axis ORDER BY id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The words of a list, in order.
    pub fn words(&self, kind: Vocabulary) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT value FROM vocabulary WHERE kind = ?1 ORDER BY value COLLATE NOCASE",
            )?
            .query_map([kind.as_str()], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The values the register already uses for a list: the towns of its
    /// modules, the organisation types of its people.
    pub fn values_in_use(&self, kind: Vocabulary) -> Result<Vec<String>> {
        let sql = match kind {
            Vocabulary::Town => "SELECT DISTINCT location FROM module WHERE trim(location) <> ''",
            Vocabulary::OrganisationType => {
                "SELECT DISTINCT organisation_type FROM person WHERE trim(organisation_type) <> ''"
            }
            Vocabulary::RejectReason => {
                "SELECT DISTINCT reason FROM enrolment WHERE status = 'rejected' AND trim(coalesce(reason, '')) <> ''"
            }
        };
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Adds the settings' lists once, the first time the app opens the
    /// register; after that the register's lists are the ones edited.
    pub fn seed_vocabulary(&self, lists: &[(Vocabulary, &[String])]) -> Result<()> {
        let seeded: bool = self.conn().query_row(
            "SELECT count(*) > 0 FROM meta WHERE key = 'vocabulary_seeded'",
            [],
            |row| row.get(0),
        )?;
        if seeded || self.is_read_only() {
            return Ok(());
        }
        self.write(|tx| {
            for (kind, words) in lists {
                for word in *words {
                    add_word_in(tx, *kind, word)?;
                }
            }
            tx.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('vocabulary_seeded', '1')",
                [],
            )?;
            Ok(())
        })
    }

    pub fn add_word(&self, actor: &Actor, kind: Vocabulary, word: &str) -> Result<()> {
        let word = word.trim();
        if word.is_empty() {
            return Err(refused(|t| t.refuse_empty_word, &[]));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            add_word_in(tx, kind, word)?;
            audit(
                tx,
                actor,
                "vocabulary",
                None,
                "add",
                None,
                Some(&json!({ "kind": kind.as_str(), "value": word })),
            )
        })
    }

    pub fn remove_word(&self, actor: &Actor, kind: Vocabulary, word: &str) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            tx.execute(
                "DELETE FROM vocabulary WHERE kind = ?1 AND value = ?2",
                params![kind.as_str(), word],
            )?;
            audit(
                tx,
                actor,
                "vocabulary",
                None,
                "remove",
                Some(&json!({ "kind": kind.as_str(), "value": word })),
                None,
            )
        })
    }

    /// Adds an axis (admins and coordinators extend the taxonomy).
    pub fn add_axis(&self, actor: &Actor, code: &str, title: &str) -> Result<()> {
        let (code, title) = (code.trim(), title.trim());
        if code.is_empty() || title.is_empty() {
            return Err(refused(|t| t.refuse_axis_incomplete, &[]));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let taken: bool = tx.query_row(
                "SELECT count(*) > 0 FROM axis WHERE code = ?1 COLLATE NOCASE",
                [code],
                |row| row.get(0),
            )?;
            if taken {
                return Err(refused(|t| t.refuse_axis_exists, &[("code", code)]));
            }
            tx.execute(
                "INSERT INTO axis(code, title) VALUES (?1, ?2)",
                params![code, title],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                tx,
                actor,
                "axis",
                Some(id),
                "add",
                None,
                Some(&json!({ "code": code, "title": title })),
            )
        })
    }

    /// Removes an axis no module belongs to; otherwise says how many do.
    pub fn remove_axis(&self, actor: &Actor, code: &str) -> Result<Option<i64>> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (id, title, used): (i64, String, i64) = tx
                .query_row(
                    "SELECT a.id, a.title, (SELECT count(*) FROM module m WHERE m.axis_id = a.id)
                     FROM axis a WHERE a.code = ?1",
                    [code],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("axis"))?;
            if used > 0 {
                return Ok(Some(used));
            }
            tx.execute("DELETE FROM axis WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "axis",
                Some(id),
                "remove",
                Some(&json!({ "code": code, "title": title })),
                None,
            )?;
            Ok(None)
        })
    }
}
