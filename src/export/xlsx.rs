//! A sheet as an XLSX workbook: the programme's name in a title row
//! (and the workbook's title), a bold header row in the dialect's words,
//! dates as date cells shown in the dialect's way, numbers as numbers
//! shown with the decimals their column has, text never a formula.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Sheet, Style, looks_like_formula};

/// The workbook of one sheet. Cells that look like a formula are text
/// with the quote prefix, so that editing them in the spreadsheet keeps
/// them text.
pub fn to_xlsx(sheet: &Sheet, style: &Style) -> Result<Vec<u8>, XlsxError> {
    let dialect = style.dialect;
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet.name)?;
    let first_row = u32::from(style.programme.is_some());
    let bold = Format::new().set_bold();
    for (col, column) in sheet.columns.iter().enumerate() {
        worksheet.write_string_with_format(first_row, col as u16, column.header(dialect), &bold)?;
    }
    let date = Format::new().set_num_format(dialect.date_format());
    let numbers: Vec<Format> = (0..sheet.columns.len())
        .map(|col| Format::new().set_num_format(number_format(decimals_of(sheet, col))))
        .collect();
    for (index, row) in sheet.rows.iter().enumerate() {
        let line = u32::try_from(index + 1)
            .unwrap_or(u32::MAX)
            .saturating_add(first_row);
        for (col, cell) in row.iter().enumerate() {
            let format = numbers.get(col).unwrap_or(&bold);
            write_cell(worksheet, line, col as u16, cell, dialect, &date, format)?;
        }
    }
    worksheet.set_freeze_panes(first_row + 1, 0)?;
    worksheet.autofit();
    // The title after the columns are fitted: a long name runs across
    // the empty cells beside it rather than widening the first column.
    if let Some(programme) = &style.programme {
        let title = Format::new().set_bold().set_font_size(14);
        worksheet.write_string_with_format(0, 0, programme, &title)?;
    }
    if let Some(programme) = &style.programme {
        workbook.set_properties(&DocProperties::new().set_title(programme));
    }
    workbook.save_to_buffer()
}

fn write_cell(
    worksheet: &mut Worksheet,
    line: u32,
    col: u16,
    cell: &Cell,
    dialect: super::Dialect,
    date_format: &Format,
    number_format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Number(value) => {
            worksheet.write_number_with_format(line, col, *value, number_format)?;
        }
        Cell::Date(date) => {
            let day = ExcelDateTime::from_ymd(
                u16::try_from(date.year()).unwrap_or(1900),
                date.month() as u8,
                date.day() as u8,
            )?;
            worksheet.write_date_with_format(line, col, &day, date_format)?;
        }
        Cell::Word(word) => {
            worksheet.write_string(line, col, dialect.word(word))?;
        }
        Cell::Text(text) if looks_like_formula(text) => {
            let quoted = Format::new().set_quote_prefix();
            worksheet.write_string_with_format(line, col, text, &quoted)?;
        }
        Cell::Text(text) => {
            worksheet.write_string(line, col, text)?;
        }
    }
    Ok(())
}

/// The decimals a column's numbers need, two at most: hours in quarters
/// need two, percentages one, counts none.
fn decimals_of(sheet: &Sheet, col: usize) -> usize {
    sheet
        .rows
        .iter()
        .filter_map(|row| match row.get(col) {
            Some(Cell::Number(value)) => Some(decimals(*value)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

fn decimals(value: f64) -> usize {
    (0..2)
        .find(|&places| {
            let scaled = value * 10f64.powi(places as i32);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(2)
}

/// `0`, `0.0` or `0.00`: the spreadsheet shows the point as its own
/// settings say (a comma in Italian).
fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(decimals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_is_a_zip() {
        let sheet = Sheet::new("t", &["a"]).with_rows(vec![vec![Cell::text("=1")]]);
        let bytes = to_xlsx(&sheet, &Style::default()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }

    #[test]
    fn decimals_are_those_the_numbers_need() {
        assert_eq!(decimals(15.0), 0);
        assert_eq!(decimals(74.1), 1);
        assert_eq!(decimals(2.75), 2);
        assert_eq!(number_format(2), "0.00");
    }
}
