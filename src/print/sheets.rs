//! The signature sheet of a session ("registro presenze giornaliero"):
//! A4, the module and the day at the head, one row per participant with
//! room to sign on arrival and on leaving, the counts, the topic and the
//! trainer's and tutor's signatures at the foot. Printed before the
//! session its times are blank; after a closed roll call they are
//! filled in and the absent marked.

use super::{A4, Align, Canvas, MARGIN, Pdf, PrintError, clean, date, hours};
use crate::domain::format_clock;
use crate::i18n::{Catalogue, fill};
use crate::store::prints::{SessionSheet, SheetLine};

const ROW: f32 = 22.0;
const TABLE_TOP: f32 = 168.0;
/// Room kept at the foot of the last page for the counts, the topic and
/// the signatures.
const FOOT: f32 = 130.0;
/// The lowest a row may reach, above the page number.
const BOTTOM: f32 = A4.1 - MARGIN - 14.0;

/// The columns: what each holds and how wide it is, across 510 points.
const COLUMNS: [f32; 8] = [80.0, 70.0, 80.0, 42.0, 80.0, 42.0, 80.0, 36.0];

/// How many rows a page holds, with and without the foot.
fn capacity(with_foot: bool) -> usize {
    let room = BOTTOM - TABLE_TOP - ROW - if with_foot { FOOT } else { 0.0 };
    (room / ROW).floor().max(1.0) as usize
}

/// The rows of each page: full pages, then a last one with room for the
/// foot (it may hold no row at all).
pub fn pages_of(rows: usize) -> Vec<std::ops::Range<usize>> {
    let (full, last) = (capacity(false), capacity(true));
    let mut pages = Vec::new();
    let mut start = 0;
    while rows - start > last {
        let end = (start + full).min(rows);
        pages.push(start..end);
        start = end;
    }
    pages.push(start..rows);
    pages
}

/// Adds the sheet of one session to `pdf`, on as many pages as it needs.
pub fn draw(
    pdf: &mut Pdf,
    sheet: &SessionSheet,
    programme: &str,
    t: &Catalogue,
) -> Result<(), PrintError> {
    let pages = pages_of(sheet.lines.len());
    let count = pages.len();
    for (at, rows) in pages.into_iter().enumerate() {
        let last = at + 1 == count;
        pdf.page(A4, |canvas| {
            head(canvas, sheet, programme, t);
            table(canvas, sheet, &sheet.lines[rows], t);
            if last {
                foot(canvas, sheet, t);
            }
            canvas.page_number(t, at + 1, count);
        })?;
    }
    Ok(())
}

fn head(canvas: &mut Canvas, sheet: &SessionSheet, programme: &str, t: &Catalogue) {
    let width = A4.0 - 2.0 * MARGIN;
    let (module, session) = (&sheet.module, &sheet.session);
    canvas.text_in((MARGIN, width), 58.0, 12.0, true, Align::Left, programme);
    let mut title = t.print_sheet_title.to_string();
    if session.cancelled {
        title = format!("{title} ({})", t.print_cancelled);
    }
    canvas.text_in((MARGIN, width), 78.0, 11.0, true, Align::Left, &title);
    let venue = session
        .venue
        .clone()
        .or_else(|| module.venue.clone())
        .unwrap_or_default();
    let lines = [
        format!("{}: {} · {}", t.print_module, module.code, module.title),
        format!(
            "{}: {} {}    {}: {}    {}: {}",
            t.print_axis,
            module.axis_code,
            module.axis_title,
            t.print_town,
            module.location,
            t.print_venue,
            venue
        ),
        format!(
            "{}: {}    {}: {}–{}",
            t.print_date,
            date(&session.date, t),
            t.print_time,
            format_clock(session.start_minute),
            format_clock(session.end_minute)
        ),
        format!(
            "{}: {}    {}: {}",
            t.print_trainer,
            session.trainer.clone().unwrap_or_default(),
            t.print_tutors,
            sheet.tutors.join(", ")
        ),
    ];
    for (at, line) in lines.iter().enumerate() {
        let y = 98.0 + 15.0 * at as f32;
        canvas.text_in((MARGIN, width), y, 9.0, false, Align::Left, line);
    }
}

fn table(canvas: &mut Canvas, sheet: &SessionSheet, rows: &[SheetLine], t: &Catalogue) {
    let headings = [
        t.print_col_surname,
        t.print_col_name,
        t.print_col_organisation,
        t.print_col_arrival,
        t.print_col_signature,
        t.print_col_leaving,
        t.print_col_signature,
        t.print_col_hours,
    ];
    let left = MARGIN;
    let right = A4.0 - MARGIN;
    let mut edges = vec![left];
    for width in COLUMNS {
        edges.push(edges[edges.len() - 1] + width);
    }
    let bottom = TABLE_TOP + ROW * (rows.len() + 1) as f32;
    canvas.line((left, TABLE_TOP), (right, TABLE_TOP), 0.8);
    for (at, heading) in headings.iter().enumerate() {
        let column = (edges[at] + 2.0, COLUMNS[at] - 4.0);
        canvas.text_in(column, TABLE_TOP + 14.0, 7.5, true, Align::Left, heading);
    }
    for (at, line) in rows.iter().enumerate() {
        let top = TABLE_TOP + ROW * (at + 1) as f32;
        canvas.line((left, top), (right, top), 0.5);
        let y = top + 14.0;
        let cell = |n: usize| (edges[n] + 2.0, COLUMNS[n] - 4.0);
        canvas.text_in(cell(0), y, 8.0, false, Align::Left, &line.surname);
        canvas.text_in(cell(1), y, 8.0, false, Align::Left, &line.given_name);
        canvas.text_in(cell(2), y, 7.0, false, Align::Left, &line.organisation);
        if !sheet.session.closed {
            continue;
        }
        if line.is_absent() {
            let across = (edges[3] + 2.0, edges[7] - edges[3] - 4.0);
            canvas.text_in(across, y, 8.0, true, Align::Centre, t.print_absent);
        } else {
            let time = |time: Option<jiff::civil::Time>| {
                time.map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
                    .unwrap_or_default()
            };
            canvas.text_in(cell(3), y, 8.0, false, Align::Centre, &time(line.arrival));
            canvas.text_in(cell(5), y, 8.0, false, Align::Centre, &time(line.leaving));
        }
        if let Some(minutes) = line.minutes {
            canvas.text_in(cell(7), y, 8.0, false, Align::Right, &hours(minutes, t));
        }
    }
    canvas.line((left, bottom), (right, bottom), 0.8);
    for edge in &edges {
        canvas.line((*edge, TABLE_TOP), (*edge, bottom), 0.5);
    }
}

fn foot(canvas: &mut Canvas, sheet: &SessionSheet, t: &Catalogue) {
    let width = A4.0 - 2.0 * MARGIN;
    let rows = pages_of(sheet.lines.len())
        .last()
        .map_or(0, |rows| rows.len());
    let mut y = TABLE_TOP + ROW * (rows + 1) as f32 + 22.0;
    let (present, absent) = if sheet.session.closed {
        let absent = sheet.lines.iter().filter(|l| l.is_absent()).count();
        let present = sheet
            .lines
            .iter()
            .filter(|l| l.mark.is_some() && !l.is_absent())
            .count();
        (present.to_string(), absent.to_string())
    } else {
        ("____".to_string(), "____".to_string())
    };
    let counts = format!(
        "{}    {}",
        fill(t.print_present_count, &[("count", &present)]),
        fill(t.print_absent_count, &[("count", &absent)])
    );
    canvas.text_in((MARGIN, width), y, 9.0, false, Align::Left, &counts);
    y += 18.0;
    let topic = sheet
        .session
        .topic
        .as_deref()
        .map(clean)
        .unwrap_or_default();
    let label = format!("{}: ", t.print_topic);
    canvas.text(MARGIN, y, 9.0, true, &label);
    let indent = canvas.measure(&label, 9.0, true);
    let lines = canvas.wrap(&topic, 9.0, false, width - indent);
    if lines.is_empty() {
        canvas.line((MARGIN + indent, y + 2.0), (MARGIN + width, y + 2.0), 0.4);
    }
    for (at, line) in lines.iter().take(2).enumerate() {
        canvas.text(MARGIN + indent, y + 12.0 * at as f32, 9.0, false, line);
    }
    y += 54.0;
    let half = width / 2.0;
    for (at, label) in [t.print_trainer_signature, t.print_tutor_signature]
        .iter()
        .enumerate()
    {
        let x = MARGIN + half * at as f32;
        canvas.line((x + 10.0, y), (x + half - 10.0, y), 0.5);
        canvas.text_in((x, half), y + 12.0, 8.0, false, Align::Centre, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_keeps_room_for_the_foot() {
        assert_eq!(pages_of(0), vec![0..0]);
        let last = capacity(true);
        assert_eq!(pages_of(last), vec![0..last]);
        let pages = pages_of(last + 1);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages.iter().map(|p| p.len()).sum::<usize>(), last + 1);
        assert!(pages.last().is_some_and(|p| p.len() <= last));
    }
}
