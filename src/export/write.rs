//! CSV and JSON, written row by row as they come, for every kind of
//! export: CSV in the style's dialect, JSON always for programs (ISO
//! dates, numbers as numbers, English keys and words) with the
//! programme's name at its head.

use std::io::Write;

use serde_json::Value;

use super::{Cell, Column, Dialect, Sheet, Style};
use crate::store::StoreError;

/// The text formats an export is written in as it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Csv,
    Json,
}

/// Rows written as they come: CSV (a header row, cells that look like
/// formulas guarded, in the style's dialect) or a JSON document,
/// `{"programme": …, "kind": …, "rows": [{…}, …]}`, one object per row,
/// keys in column order, `null` for empty cells.
pub struct RowWriter<W: Write> {
    out: RowOut<W>,
    rows: usize,
}

enum RowOut<W: Write> {
    Csv {
        writer: Box<csv::Writer<W>>,
        dialect: Dialect,
    },
    Json {
        out: W,
        keys: Vec<String>,
    },
}

/// The byte-order mark Excel looks for to read a CSV file as UTF-8.
const BOM: &[u8] = "\u{feff}".as_bytes();

impl<W: Write> RowWriter<W> {
    pub fn new(
        text: Text,
        out: W,
        kind: &str,
        columns: &[Column],
        style: &Style,
    ) -> Result<Self, csv::Error> {
        let out = match text {
            Text::Csv => {
                let dialect = style.dialect;
                let mut out = out;
                let terminator = if dialect.is_italian() {
                    out.write_all(BOM)?;
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                };
                let mut writer = csv::WriterBuilder::new()
                    .delimiter(dialect.separator())
                    .terminator(terminator)
                    .from_writer(out);
                writer.write_record(columns.iter().map(|c| c.header(dialect)))?;
                RowOut::Csv {
                    writer: Box::new(writer),
                    dialect,
                }
            }
            Text::Json => {
                let mut out = out;
                let programme = style.programme.clone().map_or(Value::Null, Value::String);
                let kind = Value::String(kind.to_string());
                write!(
                    out,
                    "{{\n  \"programme\": {programme},\n  \"kind\": {kind},\n  \"rows\": ["
                )?;
                RowOut::Json {
                    out,
                    keys: columns.iter().map(|c| c.name.clone()).collect(),
                }
            }
        };
        Ok(RowWriter { out, rows: 0 })
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), csv::Error> {
        match &mut self.out {
            RowOut::Csv { writer, dialect } => {
                for cell in cells {
                    writer.write_field(cell.csv_text(*dialect).as_bytes())?;
                }
                writer.write_record(std::iter::empty::<&[u8]>())?;
                self.rows += 1;
                Ok(())
            }
            RowOut::Json { keys, .. } => {
                let values: Vec<Value> = cells.iter().map(json_value).collect();
                let keys = keys.clone();
                self.json_row(keys.iter().map(String::as_str).zip(values))
            }
        }
    }

    /// A row of JSON values given whole (the audit log's before and
    /// after are objects); in CSV, nothing.
    pub fn json_row<'k>(
        &mut self,
        pairs: impl Iterator<Item = (&'k str, Value)>,
    ) -> Result<(), csv::Error> {
        let RowOut::Json { out, .. } = &mut self.out else {
            return Ok(());
        };
        let mut text = String::from(if self.rows == 0 {
            "\n    {"
        } else {
            ",\n    {"
        });
        for (at, (key, value)) in pairs.enumerate() {
            if at > 0 {
                text.push_str(", ");
            }
            text.push_str(&format!("{}: {value}", Value::String(key.to_string())));
        }
        text.push('}');
        out.write_all(text.as_bytes())?;
        self.rows += 1;
        Ok(())
    }

    /// Closes the text and hands back the output, with the rows written.
    pub fn finish(self) -> Result<(W, usize), csv::Error> {
        let out = match self.out {
            RowOut::Csv { writer, .. } => writer
                .into_inner()
                .map_err(|e| csv::Error::from(e.into_error()))?,
            RowOut::Json { mut out, .. } => {
                out.write_all(if self.rows == 0 {
                    b"]\n}\n"
                } else {
                    b"\n  ]\n}\n"
                })?;
                out
            }
        };
        Ok((out, self.rows))
    }
}

/// A cell as JSON: ISO dates, numbers as numbers (whole ones without a
/// decimal point), stored words in English.
pub fn json_value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Null,
        Cell::Text(text) | Cell::Word(text) => Value::String(text.clone()),
        Cell::Date(date) => Value::String(date.to_string()),
        Cell::Number(value) => number(*value),
    }
}

fn number(value: f64) -> Value {
    // Beyond 2^53 an f64 holds no exact whole number: left as it is.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() < EXACT {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

/// A whole sheet written to `out`; returns it with the rows written.
pub(super) fn write_sheet<W: Write>(
    text: Text,
    sheet: &Sheet,
    style: &Style,
    out: W,
) -> Result<(W, usize), csv::Error> {
    let mut writer = RowWriter::new(text, out, sheet.name, &sheet.columns, style)?;
    for row in &sheet.rows {
        writer.row(row)?;
    }
    writer.finish()
}

/// CSV in the style's dialect, with a header row.
pub fn to_csv(sheet: &Sheet, style: &Style) -> Result<Vec<u8>, csv::Error> {
    Ok(write_sheet(Text::Csv, sheet, style, Vec::new())?.0)
}

/// The JSON document of a sheet: the programme, the kind, and one
/// object per row, keys in the sheet's column order, `null` for empty
/// cells.
pub fn to_json(sheet: &Sheet, style: &Style) -> Result<Vec<u8>, csv::Error> {
    Ok(write_sheet(Text::Json, sheet, style, Vec::new())?.0)
}

/// The JSON document of rows given as JSON values, in the layout of
/// every other export's.
pub fn json_document(
    kind: &str,
    keys: &[&str],
    rows: Vec<Vec<Value>>,
    style: &Style,
) -> Result<Vec<u8>, csv::Error> {
    let columns: Vec<Column> = keys.iter().map(|k| Column::named(k)).collect();
    let mut writer = RowWriter::new(Text::Json, Vec::new(), kind, &columns, style)?;
    for row in rows {
        writer.json_row(keys.iter().copied().zip(row))?;
    }
    Ok(writer.finish()?.0)
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
            // Exports are written for the command line, which chose the
            // user's language at start.
            StreamError::Store(e) => {
                f.write_str(&crate::store::describe(e, crate::i18n::current()))
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet::new("t", &["a", "b"]).with_rows(vec![
            vec![Cell::text("=1+1"), Cell::Empty],
            vec![Cell::text("+39 0372"), Cell::text("x, \"y\"")],
            vec![Cell::Number(2.5), Cell::Word("accepted".into())],
        ])
    }

    fn plain() -> Style {
        Style::default()
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_guarded() {
        let text = String::from_utf8(to_csv(&sheet(), &plain()).unwrap()).unwrap();
        assert_eq!(
            text,
            "a,b\n'=1+1,\n'+39 0372,\"x, \"\"y\"\"\"\n2.5,accepted\n"
        );
    }

    #[test]
    fn italian_csv_has_a_bom_semicolons_crlf_commas_and_italian_words() {
        let style = Style {
            dialect: Dialect::ExcelIt,
            programme: None,
        };
        let text = String::from_utf8(to_csv(&sheet(), &style).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}a;b\r\n'=1+1;\r\n'+39 0372;\"x, \"\"y\"\"\"\r\n2,5;accettata\r\n"
        );
    }

    #[test]
    fn json_has_the_programme_nulls_and_numbers() {
        let style = Style {
            dialect: Dialect::ExcelIt,
            programme: Some("P".into()),
        };
        let value: Value = serde_json::from_slice(&to_json(&sheet(), &style).unwrap()).unwrap();
        assert_eq!(value["programme"], "P");
        assert_eq!(value["kind"], "t");
        assert_eq!(value["rows"][0]["b"], Value::Null);
        assert_eq!(value["rows"][1]["a"], "+39 0372");
        assert_eq!(value["rows"][2]["a"], 2.5);
        assert_eq!(value["rows"][2]["b"], "accepted");
    }

    #[test]
    fn an_empty_json_list_is_still_a_document() {
        let empty = Sheet::new("t", &["a"]);
        let value: Value = serde_json::from_slice(&to_json(&empty, &plain()).unwrap()).unwrap();
        assert_eq!(value["rows"], serde_json::json!([]));
        assert_eq!(value["programme"], Value::Null);
    }
}
