//! What the operating system and SQLite report, told in the catalogue's
//! sentences: their own words ("No such file or directory (os error
//! 2)") are English whatever the user reads, so only their kind is
//! kept, with the path it concerns.

use std::io::ErrorKind;
use std::path::Path;

use rusqlite::ErrorCode;

use super::{Catalogue, fill};
use crate::domain::Role;

/// A failed read or write of `path`, as a sentence of the catalogue.
pub fn io_error(path: &Path, error: &std::io::Error, t: &Catalogue) -> String {
    let template = match error.kind() {
        ErrorKind::NotFound => t.sys_not_found,
        ErrorKind::PermissionDenied => t.sys_permission_denied,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            t.sys_disk_full
        }
        ErrorKind::ReadOnlyFilesystem => t.sys_read_only,
        ErrorKind::AlreadyExists => t.sys_already_exists,
        ErrorKind::IsADirectory => t.sys_is_a_folder,
        ErrorKind::NotADirectory => t.sys_not_a_folder,
        ErrorKind::InvalidData => t.sys_not_text,
        _ => t.sys_other,
    };
    fill(
        template,
        &[
            ("path", &path.display().to_string()),
            ("code", &system_code(error)),
        ],
    )
}

/// The system's number for the error, for whoever helps the user; its
/// words stay out.
fn system_code(error: &std::io::Error) -> String {
    error
        .raw_os_error()
        .map(|code| code.to_string())
        .unwrap_or_else(|| "-".to_string())
}

/// What SQLite says went wrong, as a sentence of the catalogue: busy or
/// locked, disk full, read-only, not a register; anything else by its
/// code (a fault of the program rather than of the place).
pub fn sqlite_error(error: &rusqlite::Error, t: &Catalogue) -> String {
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

/// A role as the catalogue names it: `coordinatore`, `coordinator`.
pub fn role_word(role: Role, t: &Catalogue) -> &'static str {
    match role {
        Role::Admin => t.role_admin,
        Role::Coordinator => t.role_coordinator,
        Role::Tutor => t.role_tutor,
    }
}

/// A role as stored (`coordinator`) named by the catalogue; a word it
/// does not know is shown as it is.
pub fn role_text(stored: &str, t: &Catalogue) -> String {
    match Role::parse(stored) {
        Ok(role) => role_word(role, t).to_string(),
        Err(_) => stored.to_string(),
    }
}

/// A word the audit log stores (`session`, `close roll call`) as the
/// catalogue says it; one it does not list is shown as stored.
pub fn audit_word(stored: &str, t: &Catalogue) -> String {
    t.audit_words
        .split(',')
        .filter_map(|pair| pair.split_once('='))
        .find(|(word, _)| *word == stored)
        .map_or_else(|| stored.to_string(), |(_, shown)| shown.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn system_errors_are_told_in_the_users_language() {
        let it = Catalogue::get(Lang::It);
        let missing = std::fs::read("/no/such/registro/file").unwrap_err();
        let text = io_error(Path::new("/no/such/registro/file"), &missing, it);
        assert!(text.starts_with("/no/such/registro/file: "), "{text}");
        assert!(!text.contains("No such file"), "{text}");
        assert!(!text.contains("os error"), "{text}");
        let full = std::io::Error::from(ErrorKind::StorageFull);
        assert_ne!(
            io_error(Path::new("x"), &full, it),
            io_error(Path::new("x"), &missing, it)
        );
    }

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
    fn roles_are_named_in_the_language() {
        let it = Catalogue::get(Lang::It);
        assert_eq!(role_text("coordinator", it), "coordinatore");
        assert_eq!(role_word(Role::Admin, it), "amministratore");
        assert_eq!(audit_word("close roll call", it), "appello chiuso");
        assert_eq!(audit_word("something new", it), "something new");
    }
}
