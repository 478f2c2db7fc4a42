//! From a file's bytes to rows of text: the encoding (UTF-8 with or
//! without BOM, UTF-16 with BOM, else Windows-1252 as Excel writes it in
//! Italy), the separator (`,` or `;`) and the records, each with the
//! physical line where it starts.

use std::borrow::Cow;

use csv::StringRecord;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::ROW;
use super::problem::{Finding, Problem};

/// The most columns a header may have: more than any kind of file has
/// (13, enrolments), with room for the empty columns a spreadsheet
/// leaves at the right of a table.
pub const COLUMN_LIMIT: usize = 64;

/// The most characters a field may hold: a reason or a topic is a few
/// lines; anything longer is not an office's data.
pub const FIELD_LIMIT: usize = 1000;

/// The encodings a file can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf8Bom,
    Utf16,
    Windows1252,
}

/// One record of the file: where it starts and its fields, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: StringRecord,
}

/// A file read whole: its header record and the records after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub charset: Charset,
    pub separator: u8,
    /// `None` for a file with no header at all (empty, or blank lines).
    pub header: Option<Record>,
    pub records: Vec<Record>,
    /// Records the CSV reader could not read (a stray quote), by line.
    pub broken: Vec<u64>,
    /// What is wrong with the file's bytes themselves (an encoding, a
    /// control character, a field or a header past its limit): such a
    /// file is refused before any row is looked at.
    pub findings: Vec<Finding>,
}

impl Table {
    fn refused(finding: Finding) -> Table {
        Table {
            charset: Charset::Utf8,
            separator: b',',
            header: None,
            records: Vec::new(),
            broken: Vec::new(),
            findings: vec![finding],
        }
    }
}

/// Turns the bytes into text, telling which encoding they were in: UTF-8
/// when they are, Windows-1252 only when no valid UTF-8 sequence of more
/// than one byte is in them. A file with both (a UTF-8 file with one
/// byte typed in Windows-1252) is refused at its first bad byte, where
/// reading it whole as Windows-1252 turned every "é" into "Ã©".
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Charset), Finding> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let charset = if encoding == UTF_8 {
            Charset::Utf8Bom
        } else {
            Charset::Utf16
        };
        return Ok((Cow::Owned(text.into_owned()), charset));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Charset::Utf8)),
        Err(error) => {
            let has_utf8 = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
            if has_utf8 {
                return Err(not_utf8_at(bytes, error.valid_up_to()));
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((Cow::Owned(text.into_owned()), Charset::Windows1252))
        }
    }
}

/// The finding for the byte at `offset`: its line, and its place in the
/// line counted in characters.
fn not_utf8_at(bytes: &[u8], offset: usize) -> Finding {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let at = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Finding::new(
        line,
        ROW,
        Problem::NotUtf8 {
            byte: bytes[offset],
            at,
        },
    )
}

/// What is wrong with one field's characters, if anything: a control
/// character (line breaks aside: a quoted field may hold them), or more
/// than `FIELD_LIMIT` characters.
fn field_fault(field: &str) -> Option<Problem> {
    if let Some((at, c)) = field
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r'))
    {
        return Some(Problem::ControlCharacter {
            code: u32::from(c),
            at: at + 1,
        });
    }
    // Counted only when the bytes could be too many.
    if field.len() > FIELD_LIMIT {
        let length = field.chars().count();
        if length > FIELD_LIMIT {
            return Some(Problem::FieldTooLong {
                length,
                limit: FIELD_LIMIT,
            });
        }
    }
    None
}

/// The separator of the first line that has one: whichever of `;` and `,`
/// appears more often outside quotes (`,` when neither does).
pub fn detect_separator(text: &str) -> u8 {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' if !quoted && commas + semicolons > 0 => break,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Reads a whole file. Blank records (every field empty, as Excel leaves
/// them under a table) are dropped.
pub fn read(bytes: &[u8]) -> Table {
    let (text, charset) = match decode(bytes) {
        Ok(decoded) => decoded,
        Err(finding) => return Table::refused(finding),
    };
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut records = Vec::new();
    let mut broken = Vec::new();
    let mut findings = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(&text);
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let byte = record.position().map_or(start, |p| p.byte());
                let line = lines.record_at(byte);
                // One buffer per record, as csv reads it: a String per
                // field was a tenth of a large import's instructions.
                if header.is_none() && record.len() > COLUMN_LIMIT {
                    let problem = Problem::TooManyColumns {
                        found: record.len(),
                        limit: COLUMN_LIMIT,
                    };
                    return Table::refused(Finding::new(line, ROW, problem));
                }
                let mut fields = StringRecord::with_capacity(record.as_slice().len(), record.len());
                for (index, field) in record.iter().enumerate() {
                    match field_fault(field) {
                        None => fields.push_field(clean(field)),
                        Some(problem) => {
                            // Named as the header names the column; the
                            // field itself is not kept.
                            let column = header
                                .as_ref()
                                .and_then(|h: &Record| h.fields.get(index))
                                .unwrap_or(ROW);
                            findings.push(Finding::new(line, column, problem));
                            fields.push_field("");
                        }
                    }
                }
                if fields.iter().all(str::is_empty) {
                    continue;
                }
                let record = Record { line, fields };
                if header.is_none() {
                    header = Some(record);
                } else {
                    records.push(record);
                }
            }
            Err(error) => {
                let byte = error.position().map_or(start, |p| p.byte());
                broken.push(lines.record_at(byte));
            }
        }
    }
    Table {
        charset,
        separator,
        header,
        records,
        broken,
        findings,
    }
}

/// The physical line a record starts on. The CSV reader's own line
/// count is one short after a CRLF (it places a record at the `\n` that
/// ends the one before), so lines are counted here from byte offsets:
/// a record starts at its first character that is not a line end.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record that the reader says starts at `byte`
    /// (records come in order).
    fn record_at(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at >= self.byte {
            let newlines = self.text[self.byte..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.byte = at;
        }
        self.line
    }
}

/// A field as the importer reads it: trimmed, and without the `'` that
/// our exports put before `=`, `+`, `-` or `@` to keep spreadsheets from
/// reading it as a formula.
fn clean(field: &str) -> &str {
    let field = field.trim();
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        let decoded = |bytes: &[u8]| {
            decode(bytes)
                .map(|(text, charset)| (text.into_owned(), charset))
                .unwrap()
        };
        assert_eq!(
            decoded(b"caf\xc3\xa8"),
            ("caf\u{e8}".to_string(), Charset::Utf8)
        );
        assert_eq!(
            decoded(b"\xef\xbb\xbfcaf\xc3\xa8"),
            ("caf\u{e8}".to_string(), Charset::Utf8Bom)
        );
        assert_eq!(
            decoded(b"Nicol\xf2"),
            ("Nicol\u{f2}".to_string(), Charset::Windows1252)
        );
        assert_eq!(decoded(b"\xff\xfea\x00"), ("a".to_string(), Charset::Utf16));
    }

    #[test]
    fn a_stray_byte_in_utf8_is_refused_where_it_is() {
        let finding = decode(b"a,b\nCaf\xc3\xa9,Nicol\xf2\n").unwrap_err();
        assert_eq!(finding.line, 2);
        assert_eq!(finding.problem, Problem::NotUtf8 { byte: 0xf2, at: 11 });
    }

    #[test]
    fn control_characters_and_long_fields_are_refused_by_column() {
        let long = "x".repeat(FIELD_LIMIT + 1);
        let file = format!("a,b\n\"one\ntwo\",R\u{0}ssi\n{long},ok\n");
        let table = read(file.as_bytes());
        let found: Vec<_> = table
            .findings
            .iter()
            .map(|f| (f.line, f.column.as_str(), f.problem.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, "b", Problem::ControlCharacter { code: 0, at: 2 }),
                (
                    4,
                    "a",
                    Problem::FieldTooLong {
                        length: FIELD_LIMIT + 1,
                        limit: FIELD_LIMIT
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_header_wider_than_any_kind_is_one_finding() {
        let header = vec!["x"; 1_000_000].join(",");
        let table = read(header.as_bytes());
        assert_eq!(table.findings.len(), 1);
        assert!(table.header.is_none());
    }

    #[test]
    fn the_separator_is_the_commoner_outside_quotes() {
        assert_eq!(detect_separator("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_separator("a,b,c\n"), b',');
        assert_eq!(detect_separator("\"a;b;c\",d\n"), b',');
        assert_eq!(detect_separator("\n\na;b\n"), b';');
        assert_eq!(detect_separator("single\n"), b',');
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let table = read(b"a,b\r\n1,\"two\r\nlines\"\r\n\r\n,\r\n3,4\r\n");
        assert_eq!(table.header.as_ref().map(|h| h.line), Some(1));
        let lines: Vec<u64> = table.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 6]);
        assert_eq!(&table.records[0].fields[1], "two\r\nlines");
        let table = read(b"\n\na;b\n1;2\n\n\n3;\"x\ny\"\n4;5");
        assert_eq!(table.header.as_ref().map(|h| h.line), Some(3));
        let lines: Vec<u64> = table.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 7, 9]);
    }

    #[test]
    fn the_formula_guard_of_exports_is_taken_off() {
        assert_eq!(clean(" '+39 0372 "), "+39 0372");
        assert_eq!(clean("'tis"), "'tis");
    }
}
