//! The summary register of a module, landscape: people down, the
//! sessions held across, total hours and percentage at the end; the
//! figures of `export register` (and so of the report), laid out for
//! paper. Many sessions go across more pages, many people down more.

use super::{A4, Align, Canvas, MARGIN, Pdf, PrintError, date};
use crate::export::{Dialect, Sheet, register_sheet};
use crate::i18n::{Catalogue, fill};
use crate::store::Store;
use crate::store::reach::Reach;

const LANDSCAPE: (f32, f32) = (A4.1, A4.0);
const NAME: f32 = 170.0;
const SESSION: f32 = 40.0;
const TOTAL: f32 = 50.0;
const SHARE: f32 = 42.0;
const ROW: f32 = 16.0;
const TABLE_TOP: f32 = 104.0;
/// The first three columns of the sheet are the person's; the last two
/// their totals.
const PERSON_COLUMNS: usize = 3;

pub fn draw(
    pdf: &mut Pdf,
    store: &Store,
    reach: &Reach,
    module_id: i64,
    today: jiff::civil::Date,
    t: &Catalogue,
) -> Result<(), PrintError> {
    store.check_module(reach, module_id)?;
    let module = store.module(module_id)?;
    let sheet = register_sheet(store, reach, Some(module_id), today)?;
    let sessions = sheet.columns.len().saturating_sub(PERSON_COLUMNS + 2);
    let width = LANDSCAPE.0 - 2.0 * MARGIN;
    let across = (((width - NAME - TOTAL - SHARE) / SESSION).floor() as usize).max(1);
    let down = (((LANDSCAPE.1 - MARGIN - 14.0 - TABLE_TOP) / ROW).floor() as usize - 2).max(1);
    let session_groups: Vec<std::ops::Range<usize>> = (0..sessions.max(1))
        .step_by(across)
        .map(|start| start..(start + across).min(sessions))
        .collect();
    let people_groups: Vec<std::ops::Range<usize>> = (0..sheet.rows.len().max(1))
        .step_by(down)
        .map(|start| start..(start + down).min(sheet.rows.len()))
        .collect();
    let count = session_groups.len() * people_groups.len();
    let programme = store.programme_title();
    let delivered: i64 = store
        .module_detail(reach, module_id, today)?
        .delivered_minutes;
    let mut at = 0;
    for people in &people_groups {
        for columns in &session_groups {
            at += 1;
            pdf.page(LANDSCAPE, |canvas| {
                canvas.text_in((MARGIN, width), 56.0, 12.0, true, Align::Left, &programme);
                let title = format!(
                    "{} · {} {}",
                    t.print_summary_title, module.code, module.title
                );
                canvas.text_in((MARGIN, width), 74.0, 10.0, true, Align::Left, &title);
                let facts = format!(
                    "{}: {} {}    {}: {}    {}",
                    t.print_axis,
                    module.axis_code,
                    module.axis_title,
                    t.print_town,
                    module.location,
                    fill(t.print_delivered, &[("hours", &super::hours(delivered, t))])
                );
                canvas.text_in((MARGIN, width), 90.0, 8.5, false, Align::Left, &facts);
                if sessions == 0 {
                    canvas.text(MARGIN, TABLE_TOP + 40.0, 9.0, false, t.print_no_sessions);
                }
                grid(canvas, &sheet, people.clone(), columns.clone(), t);
                canvas.page_number(t, at, count);
            })?;
        }
    }
    Ok(())
}

/// The table of one page: the people of `people`, the sessions of
/// `columns` (counted from the first session), and the totals.
fn grid(
    canvas: &mut Canvas,
    sheet: &Sheet,
    people: std::ops::Range<usize>,
    columns: std::ops::Range<usize>,
    t: &Catalogue,
) {
    let left = MARGIN;
    let mut edges = vec![left, left + NAME];
    for _ in columns.clone() {
        edges.push(edges[edges.len() - 1] + SESSION);
    }
    edges.push(edges[edges.len() - 1] + TOTAL);
    edges.push(edges[edges.len() - 1] + SHARE);
    let right = edges[edges.len() - 1];
    let head = ROW * 2.0;
    let bottom = TABLE_TOP + head + ROW * people.len() as f32;
    canvas.line((left, TABLE_TOP), (right, TABLE_TOP), 0.8);
    canvas.line((left, TABLE_TOP + head), (right, TABLE_TOP + head), 0.8);
    let heading = format!("{} {}", t.print_col_surname, t.print_col_name);
    canvas.text_in(
        (left + 2.0, NAME - 4.0),
        TABLE_TOP + 20.0,
        7.5,
        true,
        Align::Left,
        &heading,
    );
    for (at, session) in columns.clone().enumerate() {
        let label = &sheet.columns[PERSON_COLUMNS + session].name;
        let (day, time) = label.split_once(' ').unwrap_or((label, ""));
        let x = (edges[1 + at] + 1.0, SESSION - 2.0);
        canvas.text_in(x, TABLE_TOP + 12.0, 6.0, true, Align::Centre, &date(day, t));
        canvas.text_in(x, TABLE_TOP + 25.0, 6.5, false, Align::Centre, time);
    }
    let totals = edges.len() - 3;
    let cell = |n: usize| (edges[n] + 2.0, edges[n + 1] - edges[n] - 4.0);
    canvas.text_in(
        cell(totals),
        TABLE_TOP + 20.0,
        7.0,
        true,
        Align::Right,
        t.print_col_total,
    );
    canvas.text_in(
        cell(totals + 1),
        TABLE_TOP + 20.0,
        7.0,
        true,
        Align::Right,
        t.print_col_percentage,
    );
    let local = |text: &str| text.replace('.', t.decimal_separator);
    for (line, row) in sheet.rows[people].iter().enumerate() {
        let top = TABLE_TOP + head + ROW * line as f32;
        let y = top + 11.5;
        let name = format!(
            "{} {}",
            row[0].csv_text(Dialect::Plain),
            row[1].csv_text(Dialect::Plain)
        );
        canvas.text_in(cell(0), y, 7.5, false, Align::Left, &name);
        for (at, session) in columns.clone().enumerate() {
            let hours = row[PERSON_COLUMNS + session].csv_text(Dialect::Plain);
            canvas.text_in(cell(1 + at), y, 7.5, false, Align::Centre, &local(&hours));
        }
        let total = row[row.len() - 2].csv_text(Dialect::Plain);
        let share = row[row.len() - 1].csv_text(Dialect::Plain);
        canvas.text_in(cell(totals), y, 7.5, true, Align::Right, &local(&total));
        canvas.text_in(
            cell(totals + 1),
            y,
            7.5,
            false,
            Align::Right,
            &local(&share),
        );
        canvas.line((left, top + ROW), (right, top + ROW), 0.3);
    }
    canvas.line((left, bottom), (right, bottom), 0.8);
    for edge in &edges {
        canvas.line((*edge, TABLE_TOP), (*edge, bottom), 0.4);
    }
}
