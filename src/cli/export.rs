//! `registro export KIND [--module CODE] [--format csv|json|xlsx] [-o FILE]`:
//! the lists a coordinator sends out, to stdout or to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::{Cli, Failure, Outside, paths};
use crate::export::{self, Kind};
use crate::i18n::fill;
use crate::store::{Access, Store};

/// The kinds that work today; others (attendance, register,
/// certificates, audit) are added here and in `export::Kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// Every request, with status and reason
    Enrolments,
    /// Accepted participants with contact details
    Participants,
}

impl From<ExportKind> for Kind {
    fn from(kind: ExportKind) -> Kind {
        match kind {
            ExportKind::Enrolments => Kind::Enrolments,
            ExportKind::Participants => Kind::Participants,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_enum)]
    pub kind: ExportKind,
    /// Only this module (its code)
    #[arg(long, value_name = "CODE")]
    pub module: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// The file to write (else standard output; xlsx needs a file)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(db: Option<&Path>, args: &ExportArgs, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    if args.format == Format::Xlsx && args.output.is_none() {
        // A usage error: exit status 2, as clap gives for the others.
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                t.exp_xlsx_needs_output,
            )
            .exit();
    }
    let path = paths::register_path(db)?;
    let store = Store::open(&path, Access::ReadOnly)?;
    let module = match &args.module {
        None => None,
        Some(code) => Some(
            store
                .module_id(code)?
                .ok_or_else(|| Failure(fill(t.exp_unknown_module, &[("code", code)])))?,
        ),
    };
    let sheet = export::sheet(&store, args.kind.into(), module)?;
    let bytes = match args.format {
        Format::Csv => export::to_csv(&sheet)?,
        Format::Json => export::to_json(&sheet).into_bytes(),
        Format::Xlsx => export::to_xlsx(&sheet)?,
    };
    match &args.output {
        None => match std::io::stdout().lock().write_all(&bytes) {
            // Piped into `head`: the reader has what it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
        Some(file) => {
            let shown = file.display().to_string();
            std::fs::write(file, &bytes).map_err(|e| {
                Failure(fill(
                    t.exp_cannot_write,
                    &[("path", &shown), ("why", &e.to_string())],
                ))
            })?;
            println!(
                "{}",
                fill(
                    t.exp_written,
                    &[("count", &sheet.rows.len().to_string()), ("path", &shown)]
                )
            );
        }
    }
    Ok(())
}
