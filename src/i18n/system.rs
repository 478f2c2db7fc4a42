//! What the operating system reports, told in the catalogue's
//! sentences: its own words ("No such file or directory (os error 2)")
//! are English whatever the user reads, so only their kind is kept, with
//! the path it concerns. SQLite's are worded beside the store's errors
//! (`crate::store::describe`): only the store knows SQLite.

use std::io::ErrorKind;
use std::path::Path;

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
    fn roles_are_named_in_the_language() {
        let it = Catalogue::get(Lang::It);
        assert_eq!(role_text("coordinator", it), "coordinatore");
        assert_eq!(role_word(Role::Admin, it), "amministratore");
        assert_eq!(audit_word("close roll call", it), "appello chiuso");
        assert_eq!(audit_word("something new", it), "something new");
    }
}
