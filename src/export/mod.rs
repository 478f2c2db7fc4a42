//! The lists a coordinator sends out, as a sheet of text cells written as
//! CSV, JSON or XLSX. A new kind of export is a variant of `Kind` and a
//! function that fills a `Sheet`; the writers serve every kind.

use std::borrow::Cow;

use serde_json::Value;

use std::io::Write;

use crate::store::exports::{AttendanceCell, EnrolmentLine};
use crate::store::reach::Reach;
use crate::store::{self, Store, StoreError};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Every request, with its status and reason.
    Enrolments,
    /// Accepted, not withdrawn, with contact details.
    Participants,
    /// One row per participation and session: hours and mark, empty
    /// where not yet marked.
    Attendance,
    /// The paper register of one module: people down, sessions across.
    Register,
}

/// A table of text: column names and rows (`None` for an empty cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    /// Columns holding numbers (hours, percentages): a spreadsheet gets
    /// them as numbers so that they add up.
    pub numbers: Vec<usize>,
}

impl Sheet {
    pub fn with_rows(mut self, rows: Vec<Vec<Option<String>>>) -> Sheet {
        self.rows = rows;
        self
    }

    pub fn new(name: &'static str, columns: &[&str]) -> Sheet {
        Sheet {
            name,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
            numbers: Vec::new(),
        }
    }
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
pub fn sheet(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: jiff::civil::Date,
) -> store::Result<Sheet> {
    let Some(mut sheet) = list_sheet(kind) else {
        return register_sheet(store, reach, module, today);
    };
    each_row(store, reach, kind, module, today, |row| {
        sheet.rows.push(row);
        Ok::<_, StoreError>(())
    })?;
    Ok(sheet)
}

/// The empty sheet of a list whose columns are known before its rows:
/// every kind but the paper register, whose columns are its sessions.
fn list_sheet(kind: Kind) -> Option<Sheet> {
    match kind {
        Kind::Enrolments => Some(Sheet::new("enrolments", ENROLMENT_COLUMNS)),
        Kind::Participants => Some(Sheet::new("participants", PARTICIPANT_COLUMNS)),
        Kind::Attendance => Some(Sheet {
            numbers: vec![6],
            ..Sheet::new("attendance", ATTENDANCE_COLUMNS)
        }),
        Kind::Register => None,
    }
}

/// Each row of the list of `kind`, handed to `each` as it is read, none
/// kept; the paper register, one module's, is laid out whole first.
fn each_row<E: From<StoreError>>(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: jiff::civil::Date,
    mut each: impl FnMut(Vec<Option<String>>) -> Result<(), E>,
) -> Result<(), E> {
    match kind {
        Kind::Enrolments => {
            store.each_enrolment_line(reach, module, false, |l| each(enrolment_row(l)))
        }
        Kind::Participants => {
            store.each_enrolment_line(reach, module, true, |l| each(participant_row(l)))
        }
        Kind::Attendance => {
            store.each_attendance_cell(reach, module, today, |c| each(attendance_row(c)))
        }
        Kind::Register => register_sheet(store, reach, module, today)?
            .rows
            .into_iter()
            .try_for_each(each),
    }
}

pub const ATTENDANCE_COLUMNS: &[&str] = &[
    "surname",
    "given_name",
    "tax_code",
    "module",
    "date",
    "start",
    "hours",
    "mark",
];

/// Hours as a spreadsheet reads them: `2.5`, never `2,5`.
fn hours_cell(minutes: i64) -> String {
    crate::domain::format_hours(minutes)
}

fn attendance_row(c: AttendanceCell) -> Vec<Option<String>> {
    vec![
        Some(c.surname),
        Some(c.given_name),
        c.tax_code,
        Some(c.module_code),
        Some(c.date),
        Some(crate::domain::format_clock(c.start_minute)),
        // Not yet marked is empty, never 0.
        c.minutes.map(hours_cell),
        c.mark,
    ]
}

/// The register as printed for signatures: one row per participant, one
/// column per session held (hours in the cells), then total hours and the
/// percentage of the hours delivered. It counts as the report and the
/// certificates count: sessions held only (cancelled ones are never read,
/// future ones are left out), each mark capped at its session's length.
pub fn register_sheet(
    store: &Store,
    reach: &Reach,
    module: Option<i64>,
    today: jiff::civil::Date,
) -> store::Result<Sheet> {
    let cells: Vec<AttendanceCell> = store
        .attendance_cells(reach, module, today)?
        .into_iter()
        .filter(|c| c.held)
        .collect();
    let mut sessions: Vec<(i64, String)> = Vec::new();
    let mut people: Vec<(i64, String, String, Option<String>)> = Vec::new();
    for c in &cells {
        if !sessions.iter().any(|(id, _)| *id == c.session_id) {
            let label = format!("{} {}", c.date, crate::domain::format_clock(c.start_minute));
            sessions.push((c.session_id, label));
        }
        if !people.iter().any(|(id, ..)| *id == c.enrolment_id) {
            people.push((
                c.enrolment_id,
                c.surname.clone(),
                c.given_name.clone(),
                c.tax_code.clone(),
            ));
        }
    }
    let delivered: i64 = cells
        .iter()
        .map(|c| (c.session_id, c.length))
        .collect::<std::collections::BTreeMap<_, _>>()
        .values()
        .sum();
    let mut columns = vec![
        "surname".to_string(),
        "given_name".to_string(),
        "tax_code".to_string(),
    ];
    columns.extend(sessions.iter().map(|(_, label)| label.clone()));
    columns.push("total_hours".into());
    columns.push("percentage".into());
    let first_session = 3;
    let mut sheet = Sheet {
        name: "register",
        numbers: (first_session..columns.len()).collect(),
        columns,
        rows: Vec::new(),
    };
    for (enrolment, surname, given_name, tax_code) in people {
        let mut row = vec![Some(surname), Some(given_name), tax_code];
        let mut total = 0;
        for (session, _) in &sessions {
            // Hours beyond the session's length are a typing mistake the
            // report does not count: the paper does not either.
            let minutes = cells
                .iter()
                .find(|c| c.enrolment_id == enrolment && c.session_id == *session)
                .and_then(|c| c.minutes.map(|m| m.clamp(0, c.length)));
            total += minutes.unwrap_or(0);
            row.push(minutes.map(hours_cell));
        }
        row.push(Some(hours_cell(total)));
        row.push(Some(if delivered > 0 {
            format!("{:.1}", 100.0 * total as f64 / delivered as f64)
        } else {
            String::new()
        }));
        sheet.rows.push(row);
    }
    Ok(sheet)
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

/// The text formats an export is written in as it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Csv,
    Json,
}

/// Rows written as they come: CSV (UTF-8, `,` separated, a header row,
/// cells that look like formulas guarded) or a JSON array of objects, one
/// per row, keys in column order, `null` for empty cells.
pub struct RowWriter<W: Write> {
    out: RowOut<W>,
    rows: usize,
}

enum RowOut<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json { out: W, columns: Vec<Value> },
}

impl<W: Write> RowWriter<W> {
    pub fn new(text: Text, out: W, columns: &[String]) -> Result<Self, csv::Error> {
        let out = match text {
            Text::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns)?;
                RowOut::Csv(Box::new(writer))
            }
            Text::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                RowOut::Json {
                    out,
                    columns: columns.iter().cloned().map(Value::String).collect(),
                }
            }
        };
        Ok(RowWriter { out, rows: 0 })
    }

    pub fn row(&mut self, cells: &[Option<String>]) -> Result<(), csv::Error> {
        match &mut self.out {
            RowOut::Csv(writer) => {
                for cell in cells {
                    writer.write_field(guard(cell.as_deref().unwrap_or("")).as_bytes())?;
                }
                writer.write_record(std::iter::empty::<&[u8]>())?;
            }
            RowOut::Json { out, columns } => {
                let mut text = String::from(if self.rows == 0 { "\n  {" } else { ",\n  {" });
                for (at, (key, cell)) in columns.iter().zip(cells).enumerate() {
                    if at > 0 {
                        text.push_str(", ");
                    }
                    let value = cell.clone().map_or(Value::Null, Value::String);
                    text.push_str(&format!("{key}: {value}"));
                }
                text.push('}');
                out.write_all(text.as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Closes the text and hands back the output, with the rows written.
    pub fn finish(self) -> Result<(W, usize), csv::Error> {
        let out = match self.out {
            RowOut::Csv(writer) => writer
                .into_inner()
                .map_err(|e| csv::Error::from(e.into_error()))?,
            RowOut::Json { mut out, .. } => {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out
            }
        };
        Ok((out, self.rows))
    }
}

/// A whole sheet written to `out`; returns it with the rows written.
fn write_sheet<W: Write>(text: Text, sheet: &Sheet, out: W) -> Result<(W, usize), csv::Error> {
    let mut writer = RowWriter::new(text, out, &sheet.columns)?;
    for row in &sheet.rows {
        writer.row(row)?;
    }
    writer.finish()
}

fn sheet_as(text: Text, sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    Ok(write_sheet(text, sheet, Vec::new())?.0)
}

/// CSV, UTF-8, `,` separated, with a header row.
pub fn to_csv(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    sheet_as(Text::Csv, sheet)
}

/// A JSON array of objects, one per row, keys in the sheet's column
/// order, `null` for empty cells.
pub fn to_json(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    sheet_as(Text::Json, sheet)
}

/// What stopped an export written as it is read: the register, or where
/// it was going.
#[derive(Debug)]
pub enum StreamError {
    Store(StoreError),
    Write(csv::Error),
}

impl StreamError {
    /// The reader went away (`| head`): not a failure of the export.
    pub fn is_broken_pipe(&self) -> bool {
        let StreamError::Write(e) = self else {
            return false;
        };
        matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Store(e) => write!(f, "{e}"),
            StreamError::Write(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for StreamError {
    fn from(e: StoreError) -> Self {
        StreamError::Store(e)
    }
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Write(csv::Error::from(e))
    }
}

impl From<csv::Error> for StreamError {
    fn from(e: csv::Error) -> Self {
        StreamError::Write(e)
    }
}

/// The rows a spreadsheet's sheet holds below its header.
pub const SPREADSHEET_ROWS: usize = 1_048_575;

/// Whether the list of `kind` has more rows than `limit` (for a
/// spreadsheet, `SPREADSHEET_ROWS`): read until that is known, nothing
/// kept. A region's whole attendance has two million; laid out as a
/// workbook first, it took 2.4 GB and 15 s to be refused by the
/// spreadsheet writer.
pub fn more_rows_than(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: jiff::civil::Date,
    limit: usize,
) -> store::Result<bool> {
    enum Counting {
        Enough,
        Failed(StoreError),
    }
    impl From<StoreError> for Counting {
        fn from(e: StoreError) -> Self {
            Counting::Failed(e)
        }
    }
    let mut rows = 0usize;
    let counted = each_row(store, reach, kind, module, today, |_| {
        rows += 1;
        if rows > limit {
            Err(Counting::Enough)
        } else {
            Ok(())
        }
    });
    match counted {
        Ok(()) => Ok(false),
        Err(Counting::Enough) => Ok(true),
        Err(Counting::Failed(e)) => Err(e),
    }
}

/// Writes the list of `kind` to `out` as its rows are read, none kept: a
/// region's attendance is two million rows, which held as a sheet took
/// 1.6 GB before a byte was written. The paper register, one module's,
/// is laid out whole first. Returns the output and the rows written.
pub fn stream<W: Write>(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: jiff::civil::Date,
    text: Text,
    out: W,
) -> Result<(W, usize), StreamError> {
    let Some(list) = list_sheet(kind) else {
        let sheet = register_sheet(store, reach, module, today)?;
        return Ok(write_sheet(text, &sheet, out)?);
    };
    let mut writer = RowWriter::new(text, out, &list.columns)?;
    each_row(store, reach, kind, module, today, |row| {
        writer.row(&row).map_err(StreamError::from)
    })?;
    Ok(writer.finish()?)
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
        worksheet.write_string_with_format(0, col as u16, name, &bold)?;
    }
    for (index, row) in sheet.rows.iter().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let number = sheet
                .numbers
                .contains(&col)
                .then(|| cell.parse::<f64>().ok())
                .flatten();
            if let Some(number) = number {
                worksheet.write_number(line, col as u16, number)?;
            } else if looks_like_formula(cell) {
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
            columns: vec!["a".into(), "b".into()],
            numbers: Vec::new(),
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
        let value: Value = serde_json::from_slice(&to_json(&sheet()).unwrap()).unwrap();
        assert_eq!(value[0]["b"], Value::Null);
        assert_eq!(value[1]["a"], "+39 0372");
    }

    #[test]
    fn xlsx_is_a_zip() {
        let bytes = to_xlsx(&sheet()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
