use std::path::PathBuf;

use rusqlite::ErrorCode;

use crate::i18n::{Catalogue, fill};

/// What can go wrong with a register, in terms a user can act on. It has
/// no `Display` of its own: the store speaks no language, and the edge
/// (the command line, the screen) words an error with the user's
/// catalogue by `describe`. Its `Debug` form is for tests and logs.
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
    /// A change that the domain's rules refuse, and why, worded only
    /// when shown (`describe`).
    Refused(Refusal),
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

/// Why the domain's rules refuse a change, kept as facts until a
/// catalogue words it (`describe`).
#[derive(Debug, Clone)]
pub enum Refusal {
    /// A catalogue template and what fills it.
    Template {
        message: fn(&Catalogue) -> &'static str,
        values: Vec<(String, Filling)>,
    },
    /// A mark, rating or roll call refused by the session's state or the
    /// user's role.
    Mark(super::attendance::MarkRefusal),
    /// Words made before the store saw them (a value's parse error, the
    /// demo's own).
    Text(String),
}

/// What fills a refusal's template: a value as it is, or a word the
/// catalogue gives.
#[derive(Debug, Clone)]
pub enum Filling {
    Text(String),
    /// A request's status, in the catalogue's word for it.
    Status(String),
    /// A label of the catalogue's (a field's name).
    Word(fn(&Catalogue) -> &'static str),
}

impl Refusal {
    fn describe(&self, t: &Catalogue) -> String {
        match self {
            Refusal::Template { message, values } => {
                let filled: Vec<(&str, String)> = values
                    .iter()
                    .map(|(key, filling)| {
                        let text = match filling {
                            Filling::Text(text) => text.clone(),
                            Filling::Status(status) => t.status(status).to_string(),
                            Filling::Word(word) => word(t).to_string(),
                        };
                        (key.as_str(), text)
                    })
                    .collect();
                let pairs: Vec<(&str, &str)> =
                    filled.iter().map(|(k, v)| (*k, v.as_str())).collect();
                fill(message(t), &pairs)
            }
            Refusal::Mark(refusal) => refusal.text(t),
            Refusal::Text(text) => text.clone(),
        }
    }
}

/// A store error in the words of `t`: the one place they are worded, at
/// the edge (the command line, the screen), in the user's language.
pub fn describe(error: &StoreError, t: &Catalogue) -> String {
    let at = |template: &str, path: &std::path::Path| {
        fill(template, &[("path", &path.display().to_string())])
    };
    match error {
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
        StoreError::Refused(why) => why.describe(t),
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
        StoreError::Sqlite(e) => sqlite_error(e, t),
    }
}

/// What SQLite says went wrong, as a sentence of the catalogue: busy or
/// locked, disk full, read-only, not a register; anything else by its
/// code (a fault of the program rather than of the place).
fn sqlite_error(error: &rusqlite::Error, t: &Catalogue) -> String {
    let Some(code) = error.sqlite_error_code() else {
        return fill(t.err_database, &[("why", &sqlite_detail(error))]);
    };
    match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => t.sys_db_busy.to_string(),
        ErrorCode::DiskFull => t.sys_db_disk_full.to_string(),
        ErrorCode::ReadOnly => t.sys_db_read_only.to_string(),
        ErrorCode::NotADatabase => t.sys_db_not_a_register.to_string(),
        ErrorCode::CannotOpen => t.sys_db_cannot_open.to_string(),
        ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
            t.sys_db_permission_denied.to_string()
        }
        ErrorCode::SystemIoFailure => t.sys_db_io.to_string(),
        _ => fill(t.err_database, &[("why", &sqlite_detail(error))]),
    }
}

/// SQLite's code for an error (`SQLITE 2067`), without its English words.
fn sqlite_detail(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => {
            format!("SQLite {}", failure.extended_code)
        }
        rusqlite::Error::QueryReturnedNoRows => "SQLite 0".to_string(),
        _ => "SQLite".to_string(),
    }
}

impl From<rusqlite::Error> for StoreError {
    /// A damaged file is told apart wherever SQLite notices it, so that
    /// every write stops there with words that say what to do.
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(error.to_string()),
            _ => StoreError::Sqlite(error),
        }
    }
}

impl StoreError {
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged(_))
    }
}

/// A refusal: `message` picks the template from the catalogue that words
/// it (`describe`), `values` fill it.
pub fn refused(message: fn(&Catalogue) -> &'static str, values: &[(&str, &str)]) -> StoreError {
    refused_with(
        message,
        values
            .iter()
            .map(|(key, value)| (*key, Filling::Text(value.to_string())))
            .collect(),
    )
}

/// A refusal whose values include words of the catalogue.
pub fn refused_with(
    message: fn(&Catalogue) -> &'static str,
    values: Vec<(&str, Filling)>,
) -> StoreError {
    StoreError::Refused(Refusal::Template {
        message,
        values: values
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    })
}

impl StoreError {
    /// A refusal already in words (a value's parse error).
    pub fn refused_text(text: impl Into<String>) -> StoreError {
        StoreError::Refused(Refusal::Text(text.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// A refusal keeps its facts and is worded by the catalogue it is
    /// described with, words of the catalogue included: the same error
    /// reads in English and in Italian, whatever language the process
    /// chose at start.
    #[test]
    fn sqlite_errors_keep_their_code_and_lose_their_words() {
        let it = Catalogue::get(Lang::It);
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        assert_eq!(sqlite_error(&busy, it), it.sys_db_busy);
        let unique = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE),
            Some("UNIQUE constraint failed: person.tax_code".into()),
        );
        let text = sqlite_error(&unique, it);
        assert!(text.contains("2067"), "{text}");
        assert!(!text.contains("UNIQUE"), "{text}");
    }

    #[test]
    fn a_refusal_is_worded_by_the_catalogue_it_is_described_with() {
        let error = refused_with(
            |t| t.refuse_status_needs_reason,
            vec![("status", Filling::Status("rejected".to_string()))],
        );
        let english = describe(&error, Catalogue::get(Lang::En));
        let italian = describe(&error, Catalogue::get(Lang::It));
        assert!(english.starts_with("a request that is "), "{english}");
        assert!(italian.starts_with("una domanda "), "{italian}");
        assert!(italian.ends_with(" ha bisogno di un motivo"), "{italian}");
        let it = Catalogue::get(Lang::It);
        assert!(italian.contains(it.status("rejected")), "{italian}");
        let blank = refused_with(
            |t| t.refuse_blank,
            vec![("what", Filling::Word(|t| t.status("accepted")))],
        );
        assert_eq!(
            describe(&blank, it),
            fill(it.refuse_blank, &[("what", it.status("accepted"))])
        );
    }
}
