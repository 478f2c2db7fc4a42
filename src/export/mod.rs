//! The lists a coordinator sends out, as a sheet of text cells written as
//! CSV, JSON or XLSX. A new kind of export is a variant of `Kind` and a
//! function that fills a `Sheet`; the writers serve every kind.

use std::borrow::Cow;

use serde_json::Value;

use crate::store::{self, Store, exports::EnrolmentLine};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Every request, with its status and reason.
    Enrolments,
    /// Accepted, not withdrawn, with contact details.
    Participants,
}

/// A table of text: column names and rows (`None` for an empty cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Option<String>>>,
}

/// The columns of the enrolments export: those of an enrolments file, so
/// that the export imports back as it is.
pub const ENROLMENT_COLUMNS: &[&str] = &[
    "received_on",
    "module",
    "surname",
    "given_name",
    "gender",
    "tax_code",
    "email",
    "phone",
    "organisation",
    "organisation_type",
    "job_title",
    "status",
    "reason",
];

pub const PARTICIPANT_COLUMNS: &[&str] = &[
    "module",
    "module_title",
    "surname",
    "given_name",
    "gender",
    "tax_code",
    "email",
    "phone",
    "organisation",
    "organisation_type",
    "job_title",
];

/// The sheet of one kind, for one module or all.
pub fn sheet(store: &Store, kind: Kind, module: Option<i64>) -> store::Result<Sheet> {
    match kind {
        Kind::Enrolments => {
            let lines = store.enrolment_lines(module, false)?;
            Ok(Sheet {
                name: "enrolments",
                columns: ENROLMENT_COLUMNS.to_vec(),
                rows: lines.into_iter().map(enrolment_row).collect(),
            })
        }
        Kind::Participants => {
            let lines = store.enrolment_lines(module, true)?;
            Ok(Sheet {
                name: "participants",
                columns: PARTICIPANT_COLUMNS.to_vec(),
                rows: lines.into_iter().map(participant_row).collect(),
            })
        }
    }
}

fn enrolment_row(e: EnrolmentLine) -> Vec<Option<String>> {
    vec![
        Some(e.received_on),
        Some(e.module_code),
        Some(e.surname),
        Some(e.given_name),
        Some(e.gender),
        e.tax_code,
        e.email,
        e.phone,
        Some(e.organisation),
        Some(e.organisation_type),
        e.job_title,
        Some(e.status),
        e.reason,
    ]
}

fn participant_row(e: EnrolmentLine) -> Vec<Option<String>> {
    vec![
        Some(e.module_code),
        Some(e.module_title),
        Some(e.surname),
        Some(e.given_name),
        Some(e.gender),
        e.tax_code,
        e.email,
        e.phone,
        Some(e.organisation),
        Some(e.organisation_type),
        e.job_title,
    ]
}

/// Whether a spreadsheet would take the text for a formula: it begins
/// with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
/// spreadsheets skip before looking).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell for CSV: one that looks like a formula gets a leading `'`, the
/// spreadsheets' own mark for "this is text" (the importer takes it off).
pub fn guard(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// CSV, UTF-8, `,` separated, with a header row.
pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&sheet.columns)?;
    for row in &sheet.rows {
        writer.write_record(
            row.iter()
                .map(|cell| guard(cell.as_deref().unwrap_or("")))
                .map(|c| c.into_owned()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// A JSON array of objects, one per row, keys in the sheet's column
/// order, `null` for empty cells.
pub fn to_json(sheet: &Sheet) -> String {
    let mut text = String::from("[");
    for (index, row) in sheet.rows.iter().enumerate() {
        text.push_str(if index == 0 { "\n  {" } else { ",\n  {" });
        for (at, (column, cell)) in sheet.columns.iter().zip(row).enumerate() {
            if at > 0 {
                text.push_str(", ");
            }
            let key = Value::String(column.to_string());
            let value = cell.clone().map_or(Value::Null, Value::String);
            text.push_str(&format!("{key}: {value}"));
        }
        text.push('}');
    }
    text.push_str(if sheet.rows.is_empty() {
        "]\n"
    } else {
        "\n]\n"
    });
    text
}

/// An XLSX workbook of one sheet: every cell written as text (never a
/// formula), those that look like one marked with the quote prefix so
/// that editing them in the spreadsheet keeps them text.
pub fn to_xlsx(sheet: &Sheet) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_quote_prefix();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet.name)?;
    for (col, name) in sheet.columns.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    for (index, row) in sheet.rows.iter().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let Some(cell) = cell else { continue };
            if looks_like_formula(cell) {
                worksheet.write_string_with_format(line, col as u16, cell, &text)?;
            } else {
                worksheet.write_string(line, col as u16, cell)?;
            }
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "t",
            columns: vec!["a", "b"],
            rows: vec![
                vec![Some("=1+1".into()), None],
                vec![Some("+39 0372".into()), Some("x, \"y\"".into())],
            ],
        }
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_guarded() {
        let text = String::from_utf8(to_csv(&sheet()).unwrap()).unwrap();
        assert_eq!(text, "a,b\n'=1+1,\n'+39 0372,\"x, \"\"y\"\"\"\n");
    }

    #[test]
    fn json_has_nulls_for_empty_cells() {
        let value: Value = serde_json::from_str(&to_json(&sheet())).unwrap();
        assert_eq!(value[0]["b"], Value::Null);
        assert_eq!(value[1]["a"], "+39 0372");
    }

    #[test]
    fn xlsx_is_a_zip() {
        let bytes = to_xlsx(&sheet()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
