//! The lists a coordinator sends out, as a sheet of typed cells (text,
//! dates, numbers, stored words) written as CSV, JSON or XLSX in a
//! dialect (`dialect.rs`). A new kind of export is a variant of `Kind`
//! and a function that fills a `Sheet`; the writers (`write.rs`,
//! `xlsx.rs`) serve every kind, and any other part of the program that
//! writes a list (timetables, the audit log, certificates) builds a
//! `Sheet` and calls them.

mod dialect;
mod write;
mod xlsx;

pub use dialect::{Dialect, italian_header, italian_word};
pub use write::{RowWriter, StreamError, Text, json_document, to_csv, to_json};
pub use xlsx::to_xlsx;

pub mod audit;
pub mod ics;
pub mod timetable;

use std::borrow::Cow;
use std::io::Write;

use jiff::civil::Date;

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

/// One cell, typed so that each writer gives it its own form: a date is
/// `04/12/2026` in Italian CSV, a date cell in a spreadsheet, ISO in JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Date(Date),
    /// Hours, percentages, counts: a number in JSON and spreadsheets.
    Number(f64),
    /// A word the register stores (a status, a mark): Italian in the
    /// Italian dialect, English in `plain` and JSON.
    Word(String),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// Text, or empty.
    pub fn maybe(text: Option<String>) -> Cell {
        text.map_or(Cell::Empty, Cell::Text)
    }

    /// A date as the register keeps it (ISO); text if it is not one.
    pub fn date(iso: String) -> Cell {
        match iso.parse::<Date>() {
            Ok(date) => Cell::Date(date),
            Err(_) => Cell::Text(iso),
        }
    }

    /// Minutes as hours, to two decimals (quarter hours are exact).
    pub fn hours(minutes: i64) -> Cell {
        Cell::Number((minutes as f64 / 60.0 * 100.0).round() / 100.0)
    }

    /// The cell as CSV text in `dialect`, guarded against formulas.
    pub fn csv_text(&self, dialect: Dialect) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) => guard(text),
            Cell::Date(date) => Cow::Owned(dialect.date(*date)),
            Cell::Number(value) => Cow::Owned(dialect.number(*value)),
            Cell::Word(word) => Cow::Owned(dialect.word(word)),
        }
    }
}

/// A column: its English name (JSON keys, `plain` headers), written in
/// Italian by the Italian dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// Its Italian header, when it is not the dialect's word for `name`
    /// (a session of the paper register: its date in the dialect).
    pub italian: Option<String>,
}

impl Column {
    pub fn named(name: &str) -> Column {
        Column {
            name: name.to_string(),
            italian: None,
        }
    }

    /// The header in `dialect`.
    pub fn header(&self, dialect: Dialect) -> String {
        match (&self.italian, dialect) {
            (Some(italian), Dialect::ExcelIt) => italian.clone(),
            _ => dialect.header(&self.name),
        }
    }
}

/// A table: its kind's name, columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn with_rows(mut self, rows: Vec<Vec<Cell>>) -> Sheet {
        self.rows = rows;
        self
    }

    pub fn new(name: &'static str, columns: &[&str]) -> Sheet {
        Sheet {
            name,
            columns: columns.iter().map(|c| Column::named(c)).collect(),
            rows: Vec::new(),
        }
    }
}

/// How a file is dressed: the dialect of its text and the programme's
/// name at its head (a title row in a spreadsheet, a field in JSON; CSV
/// has none, so that it imports back).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Style {
    pub dialect: Dialect,
    pub programme: Option<String>,
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

pub const ATTENDANCE_COLUMNS: &[&str] = &[
    "surname",
    "given_name",
    "tax_code",
    "email",
    "module",
    "date",
    "start",
    "hours",
    "mark",
];

/// The sheet of one kind, for one module or all.
pub fn sheet(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: Date,
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
        Kind::Attendance => Some(Sheet::new("attendance", ATTENDANCE_COLUMNS)),
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
    today: Date,
    mut each: impl FnMut(Vec<Cell>) -> Result<(), E>,
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

fn attendance_row(c: AttendanceCell) -> Vec<Cell> {
    vec![
        Cell::Text(c.surname),
        Cell::Text(c.given_name),
        Cell::maybe(c.tax_code),
        Cell::maybe(c.email),
        Cell::Text(c.module_code),
        Cell::date(c.date),
        Cell::Text(crate::domain::format_clock(c.start_minute)),
        // Not yet marked is empty, never 0.
        c.minutes.map_or(Cell::Empty, Cell::hours),
        c.mark.map_or(Cell::Empty, Cell::Word),
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
    today: Date,
) -> store::Result<Sheet> {
    let cells: Vec<AttendanceCell> = store
        .attendance_cells(reach, module, today)?
        .into_iter()
        .filter(|c| c.held)
        .collect();
    let mut sessions: Vec<(i64, Column)> = Vec::new();
    let mut people: Vec<(i64, String, String, Option<String>)> = Vec::new();
    for c in &cells {
        if !sessions.iter().any(|(id, _)| *id == c.session_id) {
            sessions.push((c.session_id, session_column(&c.date, c.start_minute)));
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
    let mut columns: Vec<Column> = ["surname", "given_name", "tax_code"]
        .iter()
        .map(|c| Column::named(c))
        .collect();
    columns.extend(sessions.iter().map(|(_, column)| column.clone()));
    columns.push(Column::named("total_hours"));
    columns.push(Column::named("percentage"));
    let mut sheet = Sheet {
        name: "register",
        columns,
        rows: Vec::new(),
    };
    for (enrolment, surname, given_name, tax_code) in people {
        let mut row = vec![
            Cell::Text(surname),
            Cell::Text(given_name),
            Cell::maybe(tax_code),
        ];
        let mut total = 0;
        for (session, _) in &sessions {
            // Hours beyond the session's length are a typing mistake the
            // report does not count: the paper does not either.
            let minutes = cells
                .iter()
                .find(|c| c.enrolment_id == enrolment && c.session_id == *session)
                .and_then(|c| c.minutes.map(|m| m.clamp(0, c.length)));
            total += minutes.unwrap_or(0);
            row.push(minutes.map_or(Cell::Empty, Cell::hours));
        }
        row.push(Cell::hours(total));
        row.push(if delivered > 0 {
            Cell::Number((1000.0 * total as f64 / delivered as f64).round() / 10.0)
        } else {
            Cell::Empty
        });
        sheet.rows.push(row);
    }
    Ok(sheet)
}

/// A session's column of the paper register: its day and time, the day
/// in each dialect's way (`2026-01-15 09:00`, `15/01/2026 09:00`).
fn session_column(date: &str, start_minute: i64) -> Column {
    let clock = crate::domain::format_clock(start_minute);
    let in_dialect = |dialect: Dialect| match date.parse::<Date>() {
        Ok(day) => format!("{} {clock}", dialect.date(day)),
        Err(_) => format!("{date} {clock}"),
    };
    Column {
        name: in_dialect(Dialect::Plain),
        italian: Some(in_dialect(Dialect::ExcelIt)),
    }
}

fn enrolment_row(e: EnrolmentLine) -> Vec<Cell> {
    vec![
        Cell::date(e.received_on),
        Cell::Text(e.module_code),
        Cell::Text(e.surname),
        Cell::Text(e.given_name),
        Cell::Text(e.gender),
        Cell::maybe(e.tax_code),
        Cell::maybe(e.email),
        Cell::maybe(e.phone),
        Cell::Text(e.organisation),
        Cell::Text(e.organisation_type),
        Cell::maybe(e.job_title),
        Cell::Word(e.status),
        Cell::maybe(e.reason),
    ]
}

fn participant_row(e: EnrolmentLine) -> Vec<Cell> {
    vec![
        Cell::Text(e.module_code),
        Cell::Text(e.module_title),
        Cell::Text(e.surname),
        Cell::Text(e.given_name),
        Cell::Text(e.gender),
        Cell::maybe(e.tax_code),
        Cell::maybe(e.email),
        Cell::maybe(e.phone),
        Cell::Text(e.organisation),
        Cell::Text(e.organisation_type),
        Cell::maybe(e.job_title),
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

/// The rows a spreadsheet's sheet holds below its title and header.
pub const SPREADSHEET_ROWS: usize = 1_048_574;

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
    today: Date,
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
#[allow(clippy::too_many_arguments)]
pub fn stream<W: Write>(
    store: &Store,
    reach: &Reach,
    kind: Kind,
    module: Option<i64>,
    today: Date,
    text: Text,
    style: &Style,
    out: W,
) -> Result<(W, usize), StreamError> {
    let Some(list) = list_sheet(kind) else {
        let sheet = register_sheet(store, reach, module, today)?;
        return Ok(write::write_sheet(text, &sheet, style, out)?);
    };
    let mut writer = RowWriter::new(text, out, list.name, &list.columns, style)?;
    each_row(store, reach, kind, module, today, |row| {
        writer.row(&row).map_err(StreamError::from)
    })?;
    Ok(writer.finish()?)
}
