//! What `registro export` writes: lists of the register for other
//! programs, as CSV or JSON. Every text cell of a CSV goes through
//! [`guard`], so that a name typed as `=HYPERLINK(...)` stays text when
//! the file is opened in a spreadsheet.

pub mod certificates;

use std::borrow::Cow;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

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
