//! `registro report --format csv`: one row per module with its own
//! figures; with several registers, each register's modules and then a
//! row for the register as a whole (its `module` cell empty). The
//! columns are the JSON keys, with the gender object spread over three.
//! Every text cell goes through [`guard`], so that a title typed as
//! `=HYPERLINK(...)` stays text when the file is opened in a spreadsheet.

use super::{Figures, Report, Tally};
use std::borrow::Cow;

/// A CSV cell made safe from formula injection: text that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// What went wrong while writing an export.
#[derive(Debug)]
pub enum ExportError {
    Io(std::io::Error),
    Csv(csv::Error),
    Json(serde_json::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Io(e) => write!(f, "{e}"),
            ExportError::Csv(e) => write!(f, "{e}"),
            ExportError::Json(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<std::io::Error> for ExportError {
    fn from(error: std::io::Error) -> Self {
        ExportError::Io(error)
    }
}

impl From<csv::Error> for ExportError {
    fn from(error: csv::Error) -> Self {
        ExportError::Csv(error)
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(error: serde_json::Error) -> Self {
        ExportError::Json(error)
    }
}

pub const HEADER: &[&str] = &[
    "register",
    "module",
    "title",
    "location",
    "axis",
    "modules",
    "sessions",
    "hours_delivered",
    "applications",
    "rejected",
    "accepted",
    "withdrawn",
    "waitlisted",
    "pending",
    "participants",
    "persons",
    "persons_multi_module",
    "participants_f",
    "participants_m",
    "participants_x",
    "attendance_rate",
    "attendance_hours_mean",
    "satisfaction_mean",
    "satisfaction_responses",
    "certificates",
];

fn optional(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The cells of one row, in the order of [`HEADER`].
fn cells(register: &str, labels: [&str; 4], tally: &Tally) -> Vec<String> {
    let f: Figures = tally.figures();
    let gender = |g: &str| f.participants_by_gender.get(g).copied().unwrap_or(0);
    let mut row: Vec<String> = std::iter::once(register)
        .chain(labels)
        .map(|text| guard(text).into_owned())
        .collect();
    row.extend([
        f.modules.to_string(),
        f.sessions.to_string(),
        f.hours_delivered.to_string(),
        f.applications.to_string(),
        f.rejected.to_string(),
        f.accepted.to_string(),
        f.withdrawn.to_string(),
        f.waitlisted.to_string(),
        f.pending.to_string(),
        f.participants.to_string(),
        f.persons.to_string(),
        f.persons_multi_module.to_string(),
        gender("F").to_string(),
        gender("M").to_string(),
        gender("X").to_string(),
        optional(f.attendance_rate),
        optional(f.attendance_hours_mean),
        optional(f.satisfaction_mean),
        f.satisfaction_responses.to_string(),
        f.certificates.to_string(),
    ]);
    row
}

/// The report as a CSV file.
pub fn to_csv(report: &Report) -> Result<Vec<u8>, ExportError> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    let several = report.registers.len() > 1;
    for register in &report.registers {
        for m in &register.modules {
            writer.write_record(cells(
                &register.name,
                [&m.code, &m.title, &m.location, &m.axis],
                &m.tally,
            ))?;
        }
        if several {
            writer.write_record(cells(&register.name, ["", "", "", ""], &register.total()))?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_kept_as_text() {
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("+39 333"), "'+39 333");
        assert_eq!(guard("-2"), "'-2");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("Rossi"), "Rossi");
        assert_eq!(guard(""), "");
    }
}
