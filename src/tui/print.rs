//! `P`: what the view on screen shows, printed as PDF into the user's
//! documents folder (`[print] folder`), and where it went said in the
//! status line. The prints themselves are src/print's.

use std::path::PathBuf;

use super::view::{Printable, Ui};
use crate::i18n::fill;
use crate::print::certificates::Which;
use crate::print::documents;

/// Prints `what` and says where it went, or why not.
pub fn print(ui: &Ui, what: Printable) -> String {
    let t = ui.text();
    match write(ui, what) {
        Ok((path, 0)) => fill(t.print_saved, &[("path", &path.display().to_string())]),
        // Certificates that go by e-mail: said first, the path may be cut.
        Ok((path, queued)) => format!(
            "{} {}",
            fill(
                t.mail_certificates_queued_short,
                &[("count", &queued.to_string())]
            ),
            fill(t.print_saved, &[("path", &path.display().to_string())])
        ),
        Err(why) => fill(t.print_failed, &[("why", &why)]),
    }
}

/// The file written, and how many certificates were queued to go by
/// e-mail with it.
fn write(ui: &Ui, what: Printable) -> Result<(PathBuf, usize), String> {
    let t = ui.text();
    let folder = ui
        .settings
        .print
        .folder
        .clone()
        .ok_or_else(|| t.print_no_folder.to_string())?;
    // The summary register and the certificates are exports: the store
    // refuses them to a tutor, said here in the words of the screen.
    let whole = ui
        .settings
        .role
        .is_some_and(|role| crate::access::allows(role, crate::access::Permission::Export));
    if !whole && !matches!(what, Printable::Session(_)) {
        return Err(t.print_not_for_role.to_string());
    }
    let store = ui.store;
    let reach = store
        .reach(&ui.settings.user)
        .map_err(|e| crate::store::describe(&e, ui.text()))?;
    let failed = |e: crate::print::PrintError| e.to_string();
    let (printed, name) = match what {
        Printable::Session(id) => {
            let session = store
                .session(id)
                .map_err(|e| crate::store::describe(&e, ui.text()))?;
            let printed = documents::session_sheet(store, &reach, id, t).map_err(failed)?;
            let name = format!(
                "{}-{}-{}",
                t.print_file_sheet, session.module_code, session.date
            );
            (printed, name)
        }
        Printable::Module(id) => {
            let module = store
                .module(id)
                .map_err(|e| crate::store::describe(&e, ui.text()))?;
            let printed = documents::module_summary(store, &reach, id, ui.settings.today, t)
                .map_err(failed)?;
            (printed, format!("{}-{}", t.print_file_summary, module.code))
        }
        Printable::Person(id) => {
            let person = store
                .person(id)
                .map_err(|e| crate::store::describe(&e, ui.text()))?;
            let printed = documents::certificates(
                store,
                &ui.actor(),
                Which {
                    module: None,
                    person: Some(id),
                },
                &ui.settings.print.certificate,
                ui.settings.threshold,
                t,
            )
            .map_err(failed)?;
            let name = format!(
                "{}-{}-{}",
                t.print_file_certificates, person.surname, person.given_name
            );
            (printed, name)
        }
    };
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let target = folder.join(format!("{}.pdf", file_name(&name)));
    documents::write_file(&printed.bytes, &target)
        .map_err(|e| format!("{}: {e}", target.display()))?;
    Ok((target, printed.queued))
}

/// A name safe for any file system: letters, digits, `-` and `_` kept
/// (accents too), anything else a `-`.
fn file_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}
