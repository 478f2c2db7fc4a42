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

/// The role of an active user, read inside a write. `None` for a name
/// the register does not know or has removed.
pub(crate) fn role_of(tx: &Transaction, login: &str) -> Result<Option<Role>> {
    let role: Option<String> = tx
        .query_row(
            "SELECT role FROM app_user WHERE login = ?1 AND active = 1",
            [login],
            |row| row.get(0),
        )
        .optional()?;
    Ok(role.and_then(|r| Role::parse(&r).ok()))
}

/// The actor's role, inside a write: a name the register does not know,
/// or one removed from it, changes nothing, whoever calls the store
/// (screen, command line, import, the demo, a test).
pub(crate) fn active_role(tx: &Transaction, actor: &Actor) -> Result<Role> {
    role_of(tx, &actor.user)?.ok_or_else(|| StoreError::UnknownUser {
        user: actor.user.clone(),
        path: std::path::PathBuf::from(tx.path().unwrap_or_default()),
    })
}

/// Refuses, inside a write, what the actor's role does not allow, and
/// every change by someone who is not an active user.
pub(crate) fn require(tx: &Transaction, actor: &Actor, permission: Permission) -> Result<()> {
    let role = active_role(tx, actor)?;
    if allows(role, permission) {
        Ok(())
    } else {
        Err(StoreError::Denied {
            user: actor.user.clone(),
            role,
        })
    }
}

/// What managing a user of `role` takes: tutors are the coordinators'
/// to add, every other role the admins'.
fn permission_to_manage(role: Role) -> Permission {
    if role == Role::Tutor {
        Permission::ManageTutors
    } else {
        Permission::ManageUsers
    }
}

/// Gives user `id` the modules with these codes; an unknown code refuses
/// the whole change.
fn assign(tx: &Transaction, id: i64, modules: &[String]) -> Result<()> {
    for code in modules {
        let module: Option<i64> = tx
            .query_row("SELECT id FROM module WHERE code = ?1", [code], |row| {
                row.get(0)
            })
            .optional()?;
        let module = module.ok_or_else(|| refused(|t| t.refuse_no_module, &[("code", code)]))?;
        tx.execute(
            "INSERT OR IGNORE INTO user_module(user_id, module_id) VALUES (?1, ?2)",
            params![id, module],
        )?;
    }
    Ok(())
}

/// The id and stored role of the active user `login`, inside a write;
/// refused, naming them, when the register has no such active user.
fn active_user(tx: &Transaction, login: &str) -> Result<(i64, String)> {
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, role FROM app_user WHERE login = ?1 AND active = 1",
            [login],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    found.ok_or_else(|| refused(|t| t.refuse_not_a_user, &[("login", login)]))
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
        let role = Role::parse(&role).map_err(|e| StoreError::refused_text(e.to_string()))?;
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
    /// role and modules. Admins add anyone; coordinators add tutors.
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
            require(tx, actor, permission_to_manage(role))?;
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
            assign(tx, id, modules)?;
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

    /// Gives an active user more modules to tutor. Admins give them to
    /// anyone; coordinators to tutors.
    pub fn give_modules(&self, actor: &Actor, login: &str, modules: &[String]) -> Result<()> {
        self.write(|tx| {
            let (id, role) = active_user(tx, login)?;
            let role = Role::parse(&role).map_err(|e| StoreError::refused_text(e.to_string()))?;
            require(tx, actor, permission_to_manage(role))?;
            assign(tx, id, modules)?;
            audit(
                tx,
                actor,
                "user",
                Some(id),
                "give_modules",
                None,
                Some(&json!({ "login": login, "modules": modules })),
            )?;
            Ok(())
        })
    }

    /// Takes a user's access away (their past changes keep their name).
    /// The last admin cannot be removed. Admins only.
    pub fn remove_user(&self, actor: &Actor, login: &str) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::ManageUsers)?;
            let (id, role) = active_user(tx, login)?;
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
