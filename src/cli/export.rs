//! `registro export KIND [--module CODE] [--format csv|json|xlsx] [-o FILE]`:
//! the lists a coordinator sends out, to stdout or to a file. The
//! register is only read.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::{Cli, Failure, Outside, output, paths};
use crate::export::{self, Kind, Sheet};
use crate::i18n::fill;
use crate::report::certificates::{self, Certificate};
use crate::store::{Access, Store};

/// What can be exported. Each kind is one variant: add yours here and in
/// `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// Every request, with status and reason
    Enrolments,
    /// Accepted participants with contact details
    Participants,
    /// Participations at or above the attendance threshold, with hours
    Certificates,
    /// One row per participant and session: hours and mark (empty if not yet marked)
    Attendance,
    /// A module's paper register: people down, sessions across, totals (needs --module)
    Register,
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
    if args.kind == ExportKind::Register && args.module.is_none() {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                t.exp_register_needs_module,
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
    let (bytes, count) = match args.kind {
        ExportKind::Certificates => {
            let list: Vec<Certificate> = store
                .certificates(
                    module,
                    outside.clock.today(),
                    outside.config.attendance_threshold,
                )?
                .iter()
                .map(Certificate::of)
                .collect();
            let bytes = match args.format {
                Format::Csv => certificates::write(&list, certificates::Format::Csv)?,
                Format::Json => certificates::write(&list, certificates::Format::Json)?,
                Format::Xlsx => export::to_xlsx(&certificates_sheet(&list))?,
            };
            (bytes, list.len())
        }
        ExportKind::Enrolments
        | ExportKind::Participants
        | ExportKind::Attendance
        | ExportKind::Register => {
            let kind = match args.kind {
                ExportKind::Enrolments => Kind::Enrolments,
                ExportKind::Participants => Kind::Participants,
                ExportKind::Attendance => Kind::Attendance,
                _ => Kind::Register,
            };
            let sheet = export::sheet(&store, kind, module, outside.clock.today())?;
            let bytes = match args.format {
                Format::Csv => export::to_csv(&sheet)?,
                Format::Json => export::to_json(&sheet).into_bytes(),
                Format::Xlsx => export::to_xlsx(&sheet)?,
            };
            (bytes, sheet.rows.len())
        }
    };
    match &args.output {
        None => output::to_stdout(&bytes),
        Some(file) => {
            output::to_file(&bytes, file, &path, outside)?;
            println!(
                "{}",
                fill(
                    t.exp_written,
                    &[
                        ("count", &count.to_string()),
                        ("path", &file.display().to_string())
                    ]
                )
            );
            Ok(())
        }
    }
}

/// Certificates as a sheet, for the spreadsheet.
fn certificates_sheet(list: &[Certificate]) -> Sheet {
    Sheet {
        numbers: vec![5, 6, 7],
        ..Sheet::new("certificates", certificates::HEADER)
    }
    .with_rows(
        list.iter()
            .map(|c| {
                vec![
                    Some(c.surname.clone()),
                    Some(c.given_name.clone()),
                    c.tax_code.clone(),
                    Some(c.module.clone()),
                    Some(c.title.clone()),
                    Some(c.hours_attended.to_string()),
                    Some(c.hours_delivered.to_string()),
                    Some(c.percentage.to_string()),
                ]
            })
            .collect(),
    )
}
