//! `registro export KIND [--module CODE] [--format csv|json|xlsx] [-o FILE]`:
//! the lists a coordinator sends out, to stdout or to a file. The
//! register is only read.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use jiff::civil::Date;

use super::{Cli, Failure, Outside, output, paths};
use crate::access::Permission;
use crate::export::{self, Kind, Sheet};
use crate::i18n::fill;
use crate::report::certificates::{self, Certificate};
use crate::store::Access;
use crate::store::audit_log::AuditEntry;

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
    /// Every change to the register: who, when, what, before and after
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Csv,
    Json,
    Xlsx,
    Pdf,
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
    /// With --format pdf: the signature sheet of this session only (its id)
    #[arg(long, value_name = "ID")]
    pub session: Option<i64>,
    /// With register --format pdf: the module's summary register (landscape) instead of its signature sheets
    #[arg(long)]
    pub summary: bool,
    /// With certificates: only this person's (their id)
    #[arg(long, value_name = "ID")]
    pub person: Option<i64>,
    /// The audit log from this day on (2013-01-15 or 15/01/2013)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// The audit log up to this day, included
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    crate::import::fields::date(text.trim()).map_err(|e| {
        e.describe(crate::i18n::Catalogue::get(
            crate::i18n::Lang::from_environment(),
        ))
    })
}

pub fn run(db: Option<&Path>, args: &ExportArgs, outside: &Outside) -> Result<(), Failure> {
    if super::print::asked(args) {
        return super::print::run(db, args, outside);
    }
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
    let permission = if args.kind == ExportKind::Audit {
        Permission::SeeAudit
    } else {
        Permission::Export
    };
    let (store, user) =
        super::door::open(&path, Access::ReadOnly, outside, "export", Some(permission))?;
    store.read_in_bulk()?;
    let module = match &args.module {
        None => None,
        Some(code) => Some(
            store
                .module_id(code)?
                .ok_or_else(|| Failure(fill(t.exp_unknown_module, &[("code", code)])))?,
        ),
    };
    if args.kind == ExportKind::Audit && module.is_some() {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                t.exp_audit_no_module,
            )
            .exit();
    }
    let (bytes, count) = match args.kind {
        ExportKind::Audit => {
            let entries = store.audit_entries(&store.reach(&user.login)?, args.from, args.to)?;
            let sheet = audit_sheet(&entries);
            let bytes = match args.format {
                Format::Csv => export::to_csv(&sheet)?,
                Format::Json => audit_json(&entries)?,
                Format::Xlsx | Format::Pdf => export::to_xlsx(&sheet)?,
            };
            (bytes, entries.len())
        }
        ExportKind::Certificates => {
            let list: Vec<Certificate> = store
                .certificates(
                    module,
                    outside.clock.today(),
                    outside.config.attendance_threshold,
                )?
                .iter()
                .filter(|p| args.person.is_none_or(|id| p.person_id == id))
                .map(Certificate::of)
                .collect();
            let bytes = match args.format {
                Format::Csv => certificates::write(&list, certificates::Format::Csv)?,
                Format::Json => certificates::write(&list, certificates::Format::Json)?,
                Format::Xlsx | Format::Pdf => export::to_xlsx(&certificates_sheet(&list))?,
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
            let today = outside.clock.today();
            let reach = store.reach(&user.login)?;
            let text = match args.format {
                Format::Csv => export::Text::Csv,
                Format::Json => export::Text::Json,
                Format::Xlsx | Format::Pdf => {
                    if export::more_rows_than(
                        &store,
                        &reach,
                        kind,
                        module,
                        today,
                        export::SPREADSHEET_ROWS,
                    )? {
                        let rows = export::SPREADSHEET_ROWS.to_string();
                        return Err(Failure(fill(t.exp_too_long_for_xlsx, &[("rows", &rows)])));
                    }
                    let sheet = export::sheet(&store, &reach, kind, module, today)?;
                    let count = sheet.rows.len();
                    return written(&export::to_xlsx(&sheet)?, count, args, &path, outside);
                }
            };
            // CSV and JSON leave as they are read: a region's whole
            // attendance is two million rows.
            let count = match &args.output {
                None => {
                    return output::stream_to_stdout(|out| {
                        export::stream(&store, &reach, kind, module, today, text, out)
                    })
                    .map(|_| ());
                }
                Some(file) => output::stream_to_file(file, &path, outside, |out| {
                    export::stream(&store, &reach, kind, module, today, text, out)
                })?,
            };
            say_written(count, args, outside);
            return Ok(());
        }
    };
    written(&bytes, count, args, &path, outside)
}

/// Sends a whole export where it goes: stdout, or the file named.
fn written(
    bytes: &[u8],
    count: usize,
    args: &ExportArgs,
    register: &Path,
    outside: &Outside,
) -> Result<(), Failure> {
    match &args.output {
        None => output::to_stdout(bytes),
        Some(file) => {
            output::to_file(bytes, file, register, outside)?;
            say_written(count, args, outside);
            Ok(())
        }
    }
}

/// "N rows written to FILE", for an export to a file.
fn say_written(count: usize, args: &ExportArgs, outside: &Outside) {
    if let Some(file) = &args.output {
        println!(
            "{}",
            fill(
                outside.text.exp_written,
                &[
                    ("count", &count.to_string()),
                    ("path", &file.display().to_string())
                ]
            )
        );
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

/// The audit log as a sheet: every cell is guarded against formulas by
/// the writers, like any other export.
fn audit_sheet(entries: &[AuditEntry]) -> Sheet {
    Sheet::new(
        "audit",
        &[
            "id",
            "at",
            "user",
            "entity",
            "entity_id",
            "action",
            "before",
            "after",
        ],
    )
    .with_rows(
        entries
            .iter()
            .map(|e| {
                vec![
                    Some(e.id.to_string()),
                    Some(e.at.clone()),
                    Some(e.user.clone()),
                    Some(e.entity.clone()),
                    e.entity_id.map(|id| id.to_string()),
                    Some(e.action.clone()),
                    e.before.clone(),
                    e.after.clone(),
                ]
            })
            .collect(),
    )
}

/// The audit log as JSON: before and after as the objects they are.
fn audit_json(entries: &[AuditEntry]) -> Result<Vec<u8>, serde_json::Error> {
    let parse = |text: &Option<String>| {
        text.as_deref()
            .map(|t| serde_json::from_str(t).unwrap_or(serde_json::Value::String(t.to_string())))
    };
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "at": e.at,
                "user": e.user,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "action": e.action,
                "before": parse(&e.before),
                "after": parse(&e.after),
            })
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&list)?;
    bytes.push(b'\n');
    Ok(bytes)
}
