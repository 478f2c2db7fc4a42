//! The two tables under the charts: the modules, and the participants
//! still short of the attendance threshold.

use super::*;
use crate::report::text::{decimal, hours, percent};

/// A row of cells fitted to their widths, the last taking what is left.
pub(super) fn cells(
    values: &[(String, usize, bool)],
    width: usize,
    style: Style,
    ascii: bool,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(values.len());
    let mut used = 0;
    for (value, cell_width, right) in values {
        let room = width.saturating_sub(used);
        let w = (*cell_width).min(room);
        if w == 0 {
            break;
        }
        let cell = if *right {
            let fitted = fit(value, w, ascii);
            let trimmed = fitted.trim_end();
            format!("{trimmed:>w$}")
        } else {
            fit(value, w, ascii)
        };
        let separator = if spans.is_empty() { "" } else { " " };
        spans.push(Span::raw(format!("{separator}{cell}")));
        used += w + 1;
    }
    Line::from(spans).style(style)
}

/// The cells of a module-table row, the title taking what is left.
pub(super) fn module_cells(
    values: [String; 8],
    width: usize,
    ui: &Ui,
) -> Vec<(String, usize, bool)> {
    // code, town, participants, hours, attendance, rating, certificates; the title gets the rest.
    let fixed = 6 + 1 + 14 + 1 + 6 + 1 + 6 + 1 + 7 + 1 + 6 + 1 + 6 + 1;
    let title = width.saturating_sub(fixed).max(1);
    let widths = [6, 14, 6, 6, 7, 6, 6, title];
    let right = [false, false, true, true, true, true, true, false];
    laid_out(values, widths, right, ui)
}

/// Each value with its width and whether it sits on the right.
pub(super) fn laid_out<const N: usize>(
    values: [String; N],
    widths: [usize; N],
    right: [bool; N],
    ui: &Ui,
) -> Vec<(String, usize, bool)> {
    let theme = ui.theme();
    values
        .into_iter()
        .zip(widths)
        .zip(right)
        .map(|((v, w), r)| (theme.shown(&v), w, r))
        .collect()
}

/// The module table's heading and its header row.
pub(super) fn module_table_head(width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    let mut lines = vec![Line::styled(
        fit(&theme.shown(t.report_modules_table), width, theme.ascii),
        theme.heading,
    )];
    // The short column names, spelled out once, on as many lines as
    // they take: a narrow screen must not cut the last one off.
    lines.extend(
        legend_lines(&theme.shown(t.report_modules_legend), width)
            .into_iter()
            .map(|line| Line::styled(fit(&line, width, theme.ascii), theme.muted)),
    );
    lines.push(cells(
        &module_cells(
            [
                t.col_code.into(),
                t.col_town.into(),
                t.col_participants.into(),
                t.col_delivered.into(),
                t.col_attendance.into(),
                t.col_satisfaction.into(),
                t.col_certificates.into(),
                t.col_title.into(),
            ],
            width,
            ui,
        ),
        width,
        theme.header,
        theme.ascii,
    ));
    lines
}

/// A legend's entries (`A. words, B. words`) packed into lines of at
/// most `width` characters, an entry never split unless it alone is
/// wider.
fn legend_lines(legend: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for entry in legend.split(", ") {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 2 + entry.chars().count() <= width => {
                line.push_str(", ");
                line.push_str(entry);
            }
            _ => lines.push(entry.to_string()),
        }
    }
    lines
}

pub(super) fn module_row(m: &ModuleTally, width: usize, ui: &Ui) -> Line<'static> {
    let t = ui.text();
    let optional = |v: Option<String>| v.unwrap_or_else(|| t.none.to_string());
    let f = m.tally.figures();
    cells(
        &module_cells(
            [
                m.code.clone(),
                m.location.clone(),
                f.participants.to_string(),
                hours(f.hours_delivered, ui.format()),
                optional(f.attendance_rate.map(|r| percent(r, ui.format()))),
                optional(f.satisfaction_mean.map(|s| decimal(s, 1, ui.format()))),
                f.certificates.to_string(),
                m.title.clone(),
            ],
            width,
            ui,
        ),
        width,
        Style::new(),
        ui.theme().ascii,
    )
}

/// In place of the module table's rows when there is no module.
pub(super) fn no_modules(ui: &Ui) -> Line<'static> {
    let theme = ui.theme();
    Line::styled(theme.shown(ui.text().no_rows), theme.muted)
}

/// The cells of a row of those below the threshold.
pub(super) fn below_cells(
    values: [String; 5],
    width: usize,
    ui: &Ui,
) -> Vec<(String, usize, bool)> {
    // name, module, attended/delivered, percent, missing.
    let name = width
        .saturating_sub(6 + 1 + 11 + 1 + 6 + 1 + 8 + 1)
        .clamp(8, 40);
    let widths = [name, 6, 11, 6, 8];
    let right = [false, false, true, true, true];
    laid_out(values, widths, right, ui)
}

/// The heading of those below the threshold, then the header row or, if
/// nobody is, a line that says so.
pub(super) fn below_threshold_head(
    below: &[Participation],
    width: usize,
    ui: &Ui,
) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    let heading = fill(
        t.report_below_threshold,
        &[(
            "percent",
            &format!(
                "{}%",
                decimal(100.0 * ui.settings.threshold, 0, ui.format())
            ),
        )],
    );
    let mut lines = vec![Line::styled(
        fit(&theme.shown(&heading), width, theme.ascii),
        theme.heading,
    )];
    if below.is_empty() {
        lines.push(Line::styled(
            theme.shown(t.report_nobody_below),
            theme.muted,
        ));
        return lines;
    }
    lines.push(cells(
        &below_cells(
            [
                t.col_name.into(),
                t.col_module.into(),
                t.col_attended.into(),
                "%".into(),
                t.col_short.into(),
            ],
            width,
            ui,
        ),
        width,
        theme.header,
        theme.ascii,
    ));
    lines
}

pub(super) fn below_row(p: &Participation, width: usize, ui: &Ui) -> Line<'static> {
    let theme = ui.theme();
    let rate = p
        .rate()
        .map(|r| percent(r, ui.format()))
        .unwrap_or_default();
    let mut line = cells(
        &below_cells(
            [
                p.name(),
                p.module_code.clone(),
                format!(
                    "{}/{}",
                    hours(p.attended_minutes as f64 / 60.0, ui.format()),
                    hours(p.delivered_minutes as f64 / 60.0, ui.format())
                ),
                rate,
                hours(
                    p.short_minutes(ui.settings.threshold) as f64 / 60.0,
                    ui.format(),
                ),
            ],
            width,
            ui,
        ),
        width,
        Style::new(),
        theme.ascii,
    );
    if let Some(last) = line.spans.last_mut() {
        last.style = theme.warning;
    }
    line
}
