//! Read-modify-write edits of a person or a module, for forms: the form
//! reads a version, the save carries it back, and a save over someone
//! else's change in between writes nothing and returns what the register
//! holds now, with who changed it and when, for the form to show and ask.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;

use super::users::require;
use super::writes::audit;
use super::{Result, Store, StoreError};
use crate::access::Permission;
use crate::context::Actor;
use crate::domain::Gender;

/// A person's editable fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFields {
    pub surname: String,
    pub given_name: String,
    #[serde(serialize_with = "gender_letter")]
    pub gender: Gender,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
}

fn gender_letter<S: serde::Serializer>(
    gender: &Gender,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(gender.letter())
}

/// A person as the register holds them, with the version to save against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentPerson {
    pub fields: PersonFields,
    pub version: i64,
    /// Who made the last change, and when, from the audit log.
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
}

/// A module's editable fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleFields {
    pub code: String,
    pub title: String,
    pub axis_id: i64,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub capacity: i64,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentModule {
    pub fields: ModuleFields,
    pub version: i64,
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
}

fn last_change(
    tx: &rusqlite::Connection,
    entity: &str,
    id: i64,
) -> Result<(Option<String>, Option<String>)> {
    Ok(tx
        .query_row(
            "SELECT user, at FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1",
            params![entity, id],
            |row| Ok((Some(row.get(0)?), Some(row.get(1)?))),
        )
        .optional()?
        .unwrap_or((None, None)))
}

fn read_person(conn: &rusqlite::Connection, id: i64) -> Result<CurrentPerson> {
    let row = conn
        .query_row(
            "SELECT surname, given_name, gender, tax_code, email, phone, organisation,
                    organisation_type, job_title, version
             FROM person WHERE id = ?1 AND erased = 0",
            [id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(8)?,
                    row.get(9)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))?;
    let gender = Gender::parse(&row.2).map_err(|e| StoreError::Refused(e.to_string()))?;
    let (changed_by, changed_at) = last_change(conn, "person", id)?;
    Ok(CurrentPerson {
        fields: PersonFields {
            surname: row.0,
            given_name: row.1,
            gender,
            tax_code: row.3,
            email: row.4,
            phone: row.5,
            organisation: row.6,
            organisation_type: row.7,
            job_title: row.8,
        },
        version: row.9,
        changed_by,
        changed_at,
    })
}

fn read_module(conn: &rusqlite::Connection, id: i64) -> Result<CurrentModule> {
    let fields = conn
        .query_row(
            "SELECT code, title, axis_id, location, venue, planned_minutes, capacity,
                    starts_on, ends_on, version FROM module WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    ModuleFields {
                        code: row.get(0)?,
                        title: row.get(1)?,
                        axis_id: row.get(2)?,
                        location: row.get(3)?,
                        venue: row.get(4)?,
                        planned_minutes: row.get(5)?,
                        capacity: row.get(6)?,
                        starts_on: row.get(7)?,
                        ends_on: row.get(8)?,
                    },
                    row.get(9)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("module"))?;
    let (changed_by, changed_at) = last_change(conn, "module", id)?;
    Ok(CurrentModule {
        fields: fields.0,
        version: fields.1,
        changed_by,
        changed_at,
    })
}

fn refuse_blank(value: &str, what: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::Refused(format!("{what} cannot be empty")));
    }
    Ok(())
}

impl Store {
    /// A person's fields and version, for a form.
    pub fn current_person(&self, id: i64) -> Result<CurrentPerson> {
        read_person(self.conn(), id)
    }

    /// A module's fields and version, for a form.
    pub fn current_module(&self, id: i64) -> Result<CurrentModule> {
        read_module(self.conn(), id)
    }

    /// Saves a person's fields if nobody changed them since `version` was
    /// read; otherwise writes nothing and returns what the register holds.
    pub fn update_person_fields(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        fields: &PersonFields,
    ) -> Result<std::result::Result<(), CurrentPerson>> {
        refuse_blank(&fields.surname, "surname")?;
        refuse_blank(&fields.given_name, "given name")?;
        if let Some(code) = fields.tax_code.as_deref() {
            crate::taxcode::validate(code).map_err(|e| StoreError::Refused(e.to_string()))?;
        }
        self.write(|tx: &Transaction| {
            require(tx, actor, Permission::EditRecords)?;
            let current = read_person(tx, id)?;
            if current.version != version {
                return Ok(Err(current));
            }
            tx.execute(
                "UPDATE person SET surname = ?2, given_name = ?3, gender = ?4, tax_code = ?5,
                        email = ?6, phone = ?7, organisation = ?8, organisation_type = ?9,
                        job_title = ?10, version = version + 1
                 WHERE id = ?1",
                params![
                    id,
                    fields.surname.trim(),
                    fields.given_name.trim(),
                    fields.gender.letter(),
                    fields.tax_code,
                    fields.email,
                    fields.phone,
                    fields.organisation,
                    fields.organisation_type,
                    fields.job_title
                ],
            )?;
            audit(
                tx,
                actor,
                "person",
                Some(id),
                "edit",
                Some(&json!(current.fields)),
                Some(&json!(fields)),
            )?;
            Ok(Ok(()))
        })
    }

    /// Saves a module's fields if nobody changed them since `version` was
    /// read; otherwise writes nothing and returns what the register holds.
    pub fn update_module_fields(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        fields: &ModuleFields,
    ) -> Result<std::result::Result<(), CurrentModule>> {
        refuse_blank(&fields.code, "code")?;
        refuse_blank(&fields.title, "title")?;
        if fields.planned_minutes < 0 || fields.capacity < 0 {
            return Err(StoreError::Refused(
                "hours and places cannot be negative".into(),
            ));
        }
        self.write(|tx: &Transaction| {
            require(tx, actor, Permission::EditRecords)?;
            let current = read_module(tx, id)?;
            if current.version != version {
                return Ok(Err(current));
            }
            tx.execute(
                "UPDATE module SET code = ?2, title = ?3, axis_id = ?4, location = ?5, venue = ?6,
                        planned_minutes = ?7, capacity = ?8, starts_on = ?9, ends_on = ?10,
                        version = version + 1
                 WHERE id = ?1",
                params![
                    id,
                    fields.code.trim(),
                    fields.title.trim(),
                    fields.axis_id,
                    fields.location,
                    fields.venue,
                    fields.planned_minutes,
                    fields.capacity,
                    fields.starts_on,
                    fields.ends_on
                ],
            )?;
            audit(
                tx,
                actor,
                "module",
                Some(id),
                "edit",
                Some(&json!(current.fields)),
                Some(&json!(fields)),
            )?;
            Ok(Ok(()))
        })
    }
}
