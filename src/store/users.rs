//! The users of a register: who they are, their role, their modules.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::writes::audit;
use super::{Result, Store, StoreError, refused};
use crate::access::{Permission, User, allows};
use crate::context::Actor;
use crate::domain::Role;

/// A line of `registro users list`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UserLine {
    pub login: String,
    pub display_name: String,
    pub role: String,
    pub modules: Vec<String>,
}

/// The role of the acting user, read inside a write: the store refuses
/// a change the role does not allow, whoever asks for it, and a change by
/// anyone who is not an active user of the register (unknown, or
/// removed), whatever the caller.
pub(crate) fn role_of(tx: &Transaction, login: &str) -> Result<Role> {
    let role: Option<String> = tx
        .query_row(
            "SELECT role FROM app_user WHERE login = ?1 AND active = 1",
            [login],
            |row| row.get(0),
        )
        .optional()?;
    let path = tx.path().map(std::path::PathBuf::from).unwrap_or_default();
    role.and_then(|r| Role::parse(&r).ok())
        .ok_or_else(|| StoreError::UnknownUser {
            user: login.to_string(),
            path,
        })
}

/// Refuses, inside a write, what the actor's role does not allow.
pub(crate) fn require(tx: &Transaction, actor: &Actor, permission: Permission) -> Result<()> {
    let role = role_of(tx, &actor.user)?;
    if allows(role, permission) {
        Ok(())
    } else {
        Err(StoreError::Denied {
            user: actor.user.clone(),
            role,
        })
    }
}

impl Store {
    /// The acting user, if `login` is an active user of this register.
    pub fn acting_user(&self, login: &str) -> Result<User> {
        let found: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT display_name, role FROM app_user WHERE login = ?1 AND active = 1",
                [login],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((display_name, role)) = found else {
            return Err(StoreError::UnknownUser {
                user: login.to_string(),
                path: self.path().to_path_buf(),
            });
        };
        let role = Role::parse(&role).map_err(|e| StoreError::Refused(e.to_string()))?;
        Ok(User {
            login: login.to_string(),
            display_name,
            role,
            modules: self.user_modules(login)?,
        })
    }

    /// Every active user, by login.
    pub fn users(&self) -> Result<Vec<UserLine>> {
        let mut statement = self.conn().prepare(
            "SELECT u.login, u.display_name, u.role,
                    coalesce((SELECT group_concat(code, ',') FROM (SELECT m.code FROM user_module um
                              JOIN module m ON m.id = um.module_id WHERE um.user_id = u.id ORDER BY m.code)), '')
             FROM app_user u WHERE u.active = 1 ORDER BY u.login",
        )?;
        let lines = statement
            .query_map([], |row| {
                let modules: String = row.get(3)?;
                Ok(UserLine {
                    login: row.get(0)?,
                    display_name: row.get(1)?,
                    role: row.get(2)?,
                    modules: modules
                        .split(',')
                        .filter(|m| !m.is_empty())
                        .map(str::to_string)
                        .collect(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines)
    }

    /// Adds a user, or gives a removed one back their access with the new
    /// role and modules. Admins only.
    pub fn add_user(
        &self,
        actor: &Actor,
        login: &str,
        display_name: Option<&str>,
        role: Role,
        modules: &[String],
    ) -> Result<()> {
        let login = login.trim();
        if login.is_empty() || login.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(refused(
                |t| t.refuse_login_name,
                &[("login", &format!("{login:?}"))],
            ));
        }
        self.write(|tx| {
            require(tx, actor, Permission::ManageUsers)?;
            let existing: Option<(i64, bool)> = tx
                .query_row(
                    "SELECT id, active FROM app_user WHERE login = ?1",
                    [login],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let display = display_name
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .unwrap_or(login);
            let id = match existing {
                Some((_, true)) => {
                    return Err(refused(|t| t.refuse_user_exists, &[("login", login)]));
                }
                Some((id, false)) => {
                    tx.execute(
                        "UPDATE app_user SET display_name = ?2, role = ?3, active = 1 WHERE id = ?1",
                        params![id, display, role.as_str()],
                    )?;
                    tx.execute("DELETE FROM user_module WHERE user_id = ?1", [id])?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO app_user(login, display_name, role) VALUES (?1, ?2, ?3)",
                        params![login, display, role.as_str()],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            for code in modules {
                let module: Option<i64> = tx
                    .query_row("SELECT id FROM module WHERE code = ?1", [code], |row| {
                        row.get(0)
                    })
                    .optional()?;
                let module = module
                    .ok_or_else(|| refused(|t| t.refuse_no_module, &[("code", code)]))?;
                tx.execute(
                    "INSERT OR IGNORE INTO user_module(user_id, module_id) VALUES (?1, ?2)",
                    params![id, module],
                )?;
            }
            audit(
                tx,
                actor,
                "user",
                Some(id),
                "add",
                None,
                Some(&json!({ "login": login, "display_name": display, "role": role.as_str(), "modules": modules })),
            )?;
            Ok(())
        })
    }

    /// Takes a user's access away (their past changes keep their name).
    /// The last admin cannot be removed. Admins only.
    pub fn remove_user(&self, actor: &Actor, login: &str) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::ManageUsers)?;
            let found: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, role FROM app_user WHERE login = ?1 AND active = 1",
                    [login],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let (id, role) =
                found.ok_or_else(|| refused(|t| t.refuse_not_a_user, &[("login", login)]))?;
            let admins: i64 = tx.query_row(
                "SELECT count(*) FROM app_user WHERE role = 'admin' AND active = 1",
                [],
                |row| row.get(0),
            )?;
            if role == Role::Admin.as_str() && admins <= 1 {
                return Err(refused(|t| t.refuse_last_admin, &[("login", login)]));
            }
            tx.execute("UPDATE app_user SET active = 0 WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "user",
                Some(id),
                "remove",
                Some(&json!({ "login": login, "role": role })),
                None,
            )?;
            Ok(())
        })
    }
}
