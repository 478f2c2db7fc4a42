//! The door of every command that opens a register: the acting user must
//! be one of its active users, with a role that allows the command; a
//! register that others on the machine can read is pointed out.

use std::path::Path;

use super::{Failure, Outside};
use crate::access::{Permission, User};
use crate::i18n::fill;
use crate::store::{Access, Store, StoreError};

/// Opens the register at `path` for `command`, as the acting user.
pub fn open(
    path: &Path,
    access: Access,
    outside: &Outside,
    command: &str,
    permission: Option<Permission>,
) -> Result<(Store, User), Failure> {
    let store = Store::open(path, access)?;
    warn_if_exposed(path, outside);
    let user = admit(&store, outside, command, permission)?;
    Ok((store, user))
}

/// The acting user, if the register knows them and their role allows
/// `permission` (any role, without one).
pub fn admit(
    store: &Store,
    outside: &Outside,
    command: &str,
    permission: Option<Permission>,
) -> Result<User, Failure> {
    let t = outside.text;
    let user = match store.acting_user(&outside.user) {
        Ok(user) => user,
        Err(StoreError::UnknownUser { user, path }) => {
            return Err(Failure(fill(
                t.unknown_user,
                &[("user", &user), ("path", &path.display().to_string())],
            )));
        }
        Err(other) => return Err(other.into()),
    };
    if let Some(permission) = permission
        && !user.may(permission)
    {
        return Err(Failure(fill(
            t.denied,
            &[
                ("user", &user.login),
                ("role", crate::i18n::system::role_word(user.role, t)),
                ("command", command),
            ],
        )));
    }
    Ok(user)
}

/// Says on stderr when the register (or its folder) lets group or others
/// read it: it holds personal data.
pub fn warn_if_exposed(path: &Path, outside: &Outside) {
    if let Some(mode) = crate::store::exposed_mode(path) {
        let shown = path.display().to_string();
        eprintln!(
            "registro: {}",
            fill(
                outside.text.exposed_register,
                &[("path", &shown), ("mode", &format!("{mode:o}"))]
            )
        );
    }
}
