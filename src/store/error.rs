use std::fmt;
use std::path::PathBuf;

/// What can go wrong with a register, in terms a user can act on.
#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    FolderMissing(PathBuf),
    AlreadyExists(PathBuf),
    NotARegister(PathBuf),
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
    /// The acting user's role does not allow the change.
    Denied {
        user: String,
        role: crate::domain::Role,
    },
    Io(PathBuf, std::io::Error),
    Sqlite(rusqlite::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Missing(p) => write!(f, "{}: no register here", p.display()),
            StoreError::FolderMissing(p) => write!(f, "{}: folder does not exist", p.display()),
            StoreError::AlreadyExists(p) => {
                write!(f, "{}: a file already exists here", p.display())
            }
            StoreError::NotARegister(p) => write!(f, "{}: not a registro register", p.display()),
            StoreError::ReadOnly(p) => write!(
                f,
                "{}: the register is read-only (no write permission)",
                p.display()
            ),
            StoreError::NeedsUpgrade(p) => write!(
                f,
                "{}: made by an earlier version; open it once for writing to upgrade it",
                p.display()
            ),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: made by a newer version of registro (schema {found}, this one reads up to {supported}); update registro",
                path.display()
            ),
            StoreError::Refused(why) => f.write_str(why),
            StoreError::Conflict => f.write_str("changed by someone else since you read it"),
            StoreError::NotFound(what) => write!(f, "{what} not found"),
            StoreError::UnknownUser { user, path } => write!(
                f,
                "{}: {user} is not a user of this register (use --user NAME, or ask an admin to run `registro users add {user} --role ...`)",
                path.display()
            ),
            StoreError::Denied { user, role } => {
                write!(f, "{user} ({}) may not do this", role.as_str())
            }
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Sqlite(error)
    }
}
