//! `registro export KIND`: a list from the register, as CSV or JSON, to
//! stdout or `-o FILE`. The register is only read.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{Failure, Outside, output, paths};
use crate::i18n::fill;
use crate::report::certificates::{self, Format};
use crate::store::{Access, Store};

/// What can be exported. Each kind is one variant: add yours here and in
/// `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// Participations at or above the attendance threshold, with hours
    Certificates,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub kind: ExportKind,

    /// Only this module (its code)
    #[arg(long, value_name = "CODE")]
    pub module: Option<String>,

    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,

    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(db: Option<&Path>, args: &ExportArgs, outside: &Outside) -> Result<(), Failure> {
    let path = paths::register_path(db)?;
    let store = Store::open(&path, Access::ReadOnly)?;
    let module = match &args.module {
        Some(code) => Some(
            store
                .module_id(code)?
                .ok_or_else(|| Failure(fill(outside.text.report_no_module, &[("code", code)])))?,
        ),
        None => None,
    };
    let today = outside.clock.today();
    let threshold = outside.config.attendance_threshold;
    let (bytes, count) = match args.kind {
        ExportKind::Certificates => {
            let list: Vec<certificates::Certificate> = store
                .certificates(module, today, threshold)?
                .iter()
                .map(certificates::Certificate::of)
                .collect();
            (certificates::write(&list, args.format.into())?, list.len())
        }
    };
    match &args.output {
        None => output::to_stdout(&bytes),
        Some(file) => {
            output::to_file(&bytes, file, &path, outside)?;
            let message = fill(
                outside.text.export_written,
                &[
                    ("count", &count.to_string()),
                    ("path", &file.display().to_string()),
                ],
            );
            eprintln!("{message}");
            Ok(())
        }
    }
}
