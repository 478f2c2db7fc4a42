use std::fmt;
use std::path::PathBuf;

use crate::i18n::fill;

/// What can go wrong with a register, in terms a user can act on.
#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    FolderMissing(PathBuf),
    AlreadyExists(PathBuf),
    NotARegister(PathBuf),
    /// A FIFO, a device, a folder: never opened, for it could hang.
    NotAFile(PathBuf),
    /// SQLite found the file damaged (`SQLITE_CORRUPT`, or a `quick_check`
    /// that is not ok): nothing more is written; its words say why.
    Damaged(String),
    ReadOnly(PathBuf),
    NeedsUpgrade(PathBuf),
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A change that the domain's rules refuse; the text says why.
    Refused(String),
    /// The row was changed by someone else since it was read.
    Conflict,
    NotFound(&'static str),
    /// The acting user is not an active user of the register.
    UnknownUser {
        user: String,
        path: PathBuf,
    },
    /// What the reader asked to see lies outside their modules.
    /// The acting user's role does not allow the change.
    Denied {
        user: String,
        role: crate::domain::Role,
    },
    /// A module, session, person or note outside the user's reach.
    OutOfReach {
        user: String,
        what: &'static str,
    },
    Io(PathBuf, std::io::Error),
    Sqlite(rusqlite::Error),
}

impl fmt::Display for StoreError {
    /// In the language chosen at start (`i18n::current`), since these
    /// messages reach the user on stderr and on the status line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = crate::i18n::current();
        let at = |template: &str, path: &std::path::Path| {
            fill(template, &[("path", &path.display().to_string())])
        };
        let text = match self {
            StoreError::Missing(p) => at(t.err_missing, p),
            StoreError::FolderMissing(p) => at(t.err_folder_missing, p),
            StoreError::AlreadyExists(p) => at(t.err_already_exists, p),
            StoreError::NotARegister(p) => at(t.err_not_a_register, p),
            StoreError::NotAFile(p) => at(t.err_not_a_file, p),
            StoreError::Damaged(why) => fill(t.err_damaged, &[("why", why)]),
            StoreError::ReadOnly(p) => at(t.err_read_only, p),
            StoreError::NeedsUpgrade(p) => at(t.err_needs_upgrade, p),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => fill(
                t.err_too_new,
                &[
                    ("path", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            StoreError::Refused(why) => why.clone(),
            StoreError::Conflict => t.err_conflict.to_string(),
            StoreError::NotFound(what) => fill(t.err_not_found, &[("what", what)]),
            StoreError::UnknownUser { user, path } => fill(
                t.err_unknown_user,
                &[("path", &path.display().to_string()), ("user", user)],
            ),
            StoreError::Denied { user, role } => fill(
                t.err_denied,
                &[
                    ("user", user),
                    ("role", crate::i18n::system::role_word(*role, t)),
                ],
            ),
            StoreError::OutOfReach { user, what } => {
                fill(t.err_out_of_reach, &[("user", user), ("what", what)])
            }
            StoreError::Io(p, e) => crate::i18n::system::io_error(p, e, t),
            StoreError::Sqlite(e) => crate::i18n::system::sqlite_error(e, t),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    /// A damaged file is told apart wherever SQLite notices it, so that
    /// every write stops there with words that say what to do.
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged(error.to_string()),
            _ => StoreError::Sqlite(error),
        }
    }
}

impl StoreError {
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged(_))
    }
}

/// A refusal worded in the language chosen at start: `message` picks the
/// template from the catalogue, `values` fill it.
pub fn refused(
    message: fn(&crate::i18n::Catalogue) -> &'static str,
    values: &[(&str, &str)],
) -> StoreError {
    StoreError::Refused(fill(message(crate::i18n::current()), values))
}
