//! The language a person's letters are written in (issue 25): read and
//! set on its own, for `registro person language`; the person's form
//! writes it with the rest of the person (store::planning::people).

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError};
use crate::access::Permission;
use crate::context::Actor;
use crate::mail::PersonLanguage;

impl Store {
    /// A person's language, and their name as "Surname Given name".
    pub fn person_language(&self, actor: &Actor, person: i64) -> Result<(PersonLanguage, String)> {
        self.acting_user(&actor.user)?;
        let (code, name): (String, String) = self
            .conn()
            .query_row(
                "SELECT language, surname || ' ' || given_name FROM person
                 WHERE id = ?1 AND erased = 0",
                [person],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("person"))?;
        Ok((PersonLanguage::from_code(&code), name))
    }

    /// Sets a person's language for their letters; messages waiting are
    /// worded in it when they go. Setting the language they have already
    /// writes nothing.
    pub fn set_person_language(
        &self,
        actor: &Actor,
        person: i64,
        language: PersonLanguage,
    ) -> Result<()> {
        self.write(|tx| {
            super::users::require(tx, actor, Permission::EditRecords)?;
            let before: String = tx
                .query_row(
                    "SELECT language FROM person WHERE id = ?1 AND erased = 0",
                    [person],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or(StoreError::NotFound("person"))?;
            if before == language.code() {
                return Ok(());
            }
            tx.execute(
                "UPDATE person SET language = ?2, version = version + 1 WHERE id = ?1",
                params![person, language.code()],
            )?;
            audit(
                tx,
                actor,
                "person",
                Some(person),
                "language",
                Some(&json!({ "language": before })),
                Some(&json!({ "language": language.code() })),
            )
        })
    }
}

impl super::bulk::BulkWrite<'_> {
    /// A person's language, for an import comparing its rows with them.
    pub fn person_language(&self, person: i64) -> Result<PersonLanguage> {
        let code: String = self
            .conn()
            .prepare_cached("SELECT language FROM person WHERE id = ?1")?
            .query_row([person], |row| row.get(0))?;
        Ok(PersonLanguage::from_code(&code))
    }

    /// Gives the people an import added the language its file named.
    pub fn set_person_languages(&self, given: &[(i64, PersonLanguage)]) -> Result<()> {
        let mut update = self
            .conn()
            .prepare_cached("UPDATE person SET language = ?2 WHERE id = ?1")?;
        for (person, language) in given {
            update.execute(params![person, language.code()])?;
        }
        Ok(())
    }
}
