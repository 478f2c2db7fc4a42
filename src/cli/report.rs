//! `registro report`: the programme's figures, of one register or of
//! several together (read-only), as text, JSON or CSV.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Failure, Outside, output, paths};
use crate::i18n::fill;
use crate::i18n::format::Format;
use crate::report::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The report as a person reads it
    Text,
    /// One object with every figure, unrounded
    Json,
    /// One row per module (and per register, with several)
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this module (its code)
    #[arg(long, value_name = "CODE")]
    pub module: Option<String>,

    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

pub fn run(dbs: &[PathBuf], args: &ReportArgs, outside: &Outside) -> Result<(), Failure> {
    let paths = if dbs.is_empty() {
        vec![paths::register_path(None)?]
    } else {
        dbs.to_vec()
    };
    // Every register must know the acting user and let them see the
    // report; what each lets them reach is the store's rule (a tutor:
    // their own modules).
    for path in &paths {
        super::door::open(
            path,
            crate::store::Access::ReadOnly,
            outside,
            "report",
            Some(crate::access::Permission::SeeReport),
        )?;
    }
    let today = outside.clock.today();
    let mut report = Report::gather(
        &paths,
        &outside.user,
        today,
        outside.config.attendance_threshold,
    )?;
    if let Some(code) = &args.module
        && !report.restrict_to_module(code)
    {
        return Err(Failure(fill(
            outside.text.report_no_module,
            &[("code", code)],
        )));
    }
    let figures = report.total().figures();
    let bytes = match args.format {
        ReportFormat::Json => {
            let mut json = serde_json::to_vec_pretty(&figures)?;
            json.push(b'\n');
            json
        }
        ReportFormat::Csv => crate::report::csv::to_csv(&report)?,
        ReportFormat::Text => {
            let format = Format::with(outside.text, outside.config.format);
            crate::report::text::render(&report, &figures, today, outside.text, format).into_bytes()
        }
    };
    output::to_stdout(&bytes)
}
