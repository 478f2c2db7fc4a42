//! `registro export KIND [--module CODE] [--format csv|json|xlsx] [-o FILE]`:
//! the lists a coordinator sends out, to stdout or to a file. The
//! register is only read.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use jiff::civil::Date;

use super::{Cli, Failure, Outside, output, paths};
use crate::access::Permission;
use crate::export::{self, Cell, Dialect, Kind, Sheet, Style, timetable};
use crate::i18n::fill;
use crate::report::certificates::{self, Certificate};
use crate::store::Access;

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
    /// Every session: module, date, times, venue, trainer, tutors, topic, cancelled (also ics)
    Sessions,
    /// Every module: dates, hours, sessions, tutors
    Modules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Csv,
    Json,
    Xlsx,
    Ics,
    Pdf,
}

/// The dialect of a CSV export (`--dialect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// `;`, decimal comma, dd/mm/yyyy, Italian headers and words, BOM, CRLF
    ExcelIt,
    /// `,`, decimal point, ISO dates, English headers and words
    Plain,
}

impl DialectArg {
    fn dialect(self) -> Dialect {
        match self {
            DialectArg::ExcelIt => Dialect::ExcelIt,
            DialectArg::Plain => Dialect::Plain,
        }
    }
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
    /// How CSV is written (else the setting [export] dialect, else from
    /// the language: Italian writes excel-it); also the dates of xlsx
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub dialect: Option<DialectArg>,
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
    if args.format == Format::Ics && args.kind != ExportKind::Sessions {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                t.exp_ics_sessions_only,
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
    let permission = match args.kind {
        ExportKind::Audit => Some(Permission::SeeAudit),
        // The timetable names no participant: every role gets the part
        // of it they reach (a tutor, their own modules).
        ExportKind::Sessions | ExportKind::Modules => None,
        _ => Some(Permission::Export),
    };
    let (store, user) = super::door::open(&path, Access::ReadOnly, outside, "export", permission)?;
    store.read_in_bulk()?;
    let style = Style {
        dialect: dialect_of(args, outside),
        programme: store.programme_name()?,
    };
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
        ExportKind::Sessions => {
            let sessions = store.timetable(&store.reach(&user.login)?, module)?;
            let bytes = match args.format {
                Format::Ics => {
                    timetable::calendar(&sessions, &store.register_id()?, outside.clock.now(), t)
                }
                format => sheet_bytes(&timetable::sessions_sheet(&sessions), format, &style)?,
            };
            (bytes, sessions.len())
        }
        ExportKind::Modules => {
            let reach = store.reach(&user.login)?;
            let mut modules = store.timetable_modules(&reach)?;
            if let (Some(id), Some(code)) = (module, &args.module) {
                store.check_module(&reach, id)?;
                modules.retain(|m| m.code.eq_ignore_ascii_case(code));
            }
            let bytes = sheet_bytes(&timetable::modules_sheet(&modules), args.format, &style)?;
            (bytes, modules.len())
        }
        ExportKind::Audit => {
            let entries = store.audit_entries(&store.reach(&user.login)?, args.from, args.to)?;
            let sheet = export::audit::audit_sheet(&entries, style.dialect);
            let bytes = match args.format {
                Format::Csv => export::to_csv(&sheet, &style)?,
                Format::Json => export::audit::audit_json(&entries, &style)?,
                Format::Xlsx | Format::Ics | Format::Pdf => export::to_xlsx(&sheet, &style)?,
            };
            (bytes, entries.len())
        }
        ExportKind::Certificates => {
            let list: Vec<Certificate> = store
                .certificates(
                    &store.reach(&user.login)?,
                    module,
                    outside.clock.today(),
                    outside.config.attendance_threshold,
                )?
                .iter()
                .filter(|p| args.person.is_none_or(|id| p.person_id == id))
                .map(Certificate::of)
                .collect();
            let sheet = certificates_sheet(&list);
            let bytes = match args.format {
                Format::Csv => export::to_csv(&sheet, &style)?,
                Format::Json => export::to_json(&sheet, &style)?,
                Format::Xlsx | Format::Ics | Format::Pdf => export::to_xlsx(&sheet, &style)?,
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
                Format::Xlsx | Format::Ics | Format::Pdf => {
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
                    return written(
                        &export::to_xlsx(&sheet, &style)?,
                        count,
                        args,
                        &path,
                        outside,
                    );
                }
            };
            // CSV and JSON leave as they are read: a region's whole
            // attendance is two million rows.
            let count = match &args.output {
                None => {
                    return output::stream_to_stdout(|out| {
                        export::stream(&store, &reach, kind, module, today, text, &style, out)
                    })
                    .map(|_| ());
                }
                Some(file) => output::stream_to_file(file, &path, outside, |out| {
                    export::stream(&store, &reach, kind, module, today, text, &style, out)
                })?,
            };
            say_written(count, args, outside);
            return Ok(());
        }
    };
    written(&bytes, count, args, &path, outside)
}

/// A sheet in a format of the writers every export shares.
fn sheet_bytes(sheet: &Sheet, format: Format, style: &Style) -> Result<Vec<u8>, Failure> {
    Ok(match format {
        Format::Csv => export::to_csv(sheet, style)?,
        Format::Json => export::to_json(sheet, style)?,
        Format::Xlsx | Format::Ics | Format::Pdf => export::to_xlsx(sheet, style)?,
    })
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

/// The dialect of the export: `--dialect`, else the setting, else the
/// language's.
fn dialect_of(args: &ExportArgs, outside: &Outside) -> Dialect {
    args.dialect
        .map(DialectArg::dialect)
        .or(outside.config.export_dialect)
        .unwrap_or_else(|| Dialect::of_language(outside.text.lang))
}

/// Certificates as a sheet.
fn certificates_sheet(list: &[Certificate]) -> Sheet {
    Sheet::new("certificates", certificates::HEADER).with_rows(
        list.iter()
            .map(|c| {
                vec![
                    Cell::text(&c.surname),
                    Cell::text(&c.given_name),
                    Cell::maybe(c.tax_code.clone()),
                    Cell::text(&c.module),
                    Cell::text(&c.title),
                    Cell::Number(c.hours_attended),
                    Cell::Number(c.hours_delivered),
                    Cell::Number(c.percentage),
                ]
            })
            .collect(),
    )
}
