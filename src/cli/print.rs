//! `registro export register|certificates --format pdf`: the signature
//! sheets, the summary register and the certificates of attendance
//! (docs/printing.md), to a file or standard output.

use std::path::Path;

use super::export::{ExportArgs, ExportKind, Format};
use super::{Failure, Outside, output, paths};
use crate::access::Permission;
use crate::i18n::{Catalogue, fill};
use crate::print::certificates::Which;
use crate::print::documents::{self, Printed};
use crate::store::Access;

/// Whether these arguments ask for a print rather than a list.
pub fn asked(args: &ExportArgs) -> bool {
    args.format == Format::Pdf || args.session.is_some() || args.summary
}

/// A usage error of our own, in the catalogue's words with no English
/// of clap's around them: exit status 2, as clap's own usage errors.
fn usage(t: &Catalogue, message: &str) -> ! {
    let said = fill(
        t.cli_error_layout_short,
        &[("message", message), ("command", "registro export")],
    );
    eprintln!("{said}");
    std::process::exit(2)
}

pub fn run(db: Option<&Path>, args: &ExportArgs, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    if args.format != Format::Pdf {
        usage(t, t.print_session_needs_pdf);
    }
    match args.kind {
        ExportKind::Register => {
            if args.person.is_some() {
                usage(t, t.print_person_needs_certificates);
            }
            if args.module.is_none() && args.session.is_none() {
                usage(t, t.exp_register_needs_module);
            }
        }
        ExportKind::Certificates => {
            if args.session.is_some() || args.summary {
                usage(t, t.print_session_only_register);
            }
        }
        _ => usage(t, t.print_no_pdf),
    }
    if args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        usage(t, t.print_pdf_needs_output);
    }
    let path = paths::register_path(db)?;
    // A certificate's number is given once and kept, and each issue is
    // in the audit log: certificates write; the sheets only read, and a
    // tutor prints those of their own modules.
    let (access, permission) = if args.kind == ExportKind::Certificates {
        (Access::ReadWrite, Permission::Export)
    } else {
        (Access::ReadOnly, Permission::MarkAttendance)
    };
    let (store, user) = super::door::open(&path, access, outside, "export", Some(permission))?;
    let reach = store.reach(&user.login)?;
    let module = match &args.module {
        None => None,
        Some(code) => Some(
            store
                .module_id(code)?
                .ok_or_else(|| Failure(fill(t.exp_unknown_module, &[("code", code)])))?,
        ),
    };
    let failed = |e: crate::print::PrintError| Failure(e.to_string());
    let printed: Printed = match args.kind {
        ExportKind::Certificates => documents::certificates(
            &store,
            &outside.actor(),
            Which {
                module,
                person: args.person,
            },
            &outside.config.certificate,
            outside.config.attendance_threshold,
            t,
        )
        .map_err(failed)?,
        _ => match (args.session, module) {
            (Some(session), _) => {
                let id = session.to_string();
                let found = store
                    .session(session)
                    .map_err(|_| Failure(fill(t.print_unknown_session, &[("id", &id)])))?;
                if let (Some(module), Some(code)) = (module, &args.module)
                    && found.module_id != module
                {
                    return Err(Failure(fill(
                        t.print_session_of_other_module,
                        &[("id", &id), ("code", code)],
                    )));
                }
                documents::session_sheet(&store, &reach, session, t).map_err(failed)?
            }
            (None, Some(module)) if args.summary => {
                documents::module_summary(&store, &reach, module, outside.clock.today(), t)
                    .map_err(failed)?
            }
            (None, Some(module)) => {
                documents::module_sheets(&store, &reach, module, t).map_err(failed)?
            }
            (None, None) => usage(t, t.exp_register_needs_module),
        },
    };
    match &args.output {
        None => output::to_stdout(&printed.bytes),
        Some(file) => {
            output::to_file(&printed.bytes, file, &path, outside)?;
            println!(
                "{}",
                fill(
                    t.print_written,
                    &[
                        ("path", &file.display().to_string()),
                        ("pages", &printed.pages.to_string())
                    ]
                )
            );
            if printed.queued > 0 {
                let count = printed.queued.to_string();
                println!("{}", fill(t.mail_certificates_queued, &[("count", &count)]));
            }
            Ok(())
        }
    }
}
