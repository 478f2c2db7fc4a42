//! `registro report --format text`: the figures as a funder's report
//! reads them, in the user's language. Numbers here are rounded for
//! reading; the JSON keeps them whole.

use std::fmt::Write;

use jiff::civil::Date;

use super::{Figures, Report};
use crate::i18n::format::Format;
use crate::i18n::{Catalogue, fill};

/// The narrowest label column; wider when an axis's title needs it.
const LABEL_WIDTH: usize = 34;
/// The widest label column: a line stays within 80 columns.
const LABEL_WIDTH_MAX: usize = 63;

/// Where numbers take their writing from: a catalogue's language alone
/// (the Report tab), or a `Format` that the settings' `[format]` may
/// have changed (`registro report`).
pub trait Writing {
    fn writing(&self) -> Format;
}

impl Writing for Catalogue {
    fn writing(&self) -> Format {
        Format::of(self)
    }
}

impl Writing for Format {
    fn writing(&self) -> Format {
        *self
    }
}

/// `value` with `places` decimals and the decimal separator in force.
pub fn decimal(value: f64, places: usize, w: &impl Writing) -> String {
    w.writing().number(value, places)
}

/// A share (0–1) as a percentage with one decimal: `71.9%`, `71,9%`.
pub fn percent(share: f64, w: &impl Writing) -> String {
    w.writing().percent(share, 1)
}

/// `part` as a percentage of `whole`, written as `w` writes numbers;
/// the catalogue's "none" when there is no whole.
pub fn share_as(part: i64, whole: i64, t: &Catalogue, w: &impl Writing) -> String {
    if whole > 0 {
        percent(part as f64 / whole as f64, w)
    } else {
        t.none.to_string()
    }
}

/// Hours without needless decimals: `192`, `12.5`, `11.83`.
pub fn hours(value: f64, w: &impl Writing) -> String {
    w.writing().short_number(value, 2)
}

/// A name → count object's pairs, largest first, then by name.
fn largest_first(map: &std::collections::BTreeMap<String, i64>) -> Vec<(&str, i64)> {
    let mut pairs: Vec<(&str, i64)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    pairs
}

/// `text` cut to `width` characters, an ellipsis where it was cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// An axis as the report names it: its code and, when it has one, its
/// title (`Asse II: Lavoro`).
fn axis_label(code: &str, title: &str, t: &Catalogue) -> String {
    if title.trim().is_empty() {
        fill(t.report_axis_untitled, &[("code", code)])
    } else {
        fill(t.report_axis, &[("code", code), ("title", title.trim())])
    }
}

fn shown_name<'a>(name: &'a str, t: &'a Catalogue) -> &'a str {
    if name.trim().is_empty() {
        t.report_type_not_given
    } else {
        name
    }
}

struct Lines<'a> {
    out: String,
    t: &'a Catalogue,
    format: Format,
    /// Characters of the label column.
    width: usize,
}

impl Lines<'_> {
    fn heading(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        let _ = writeln!(self.out, "{text}");
    }

    /// `  label ........ value  extra`
    fn row(&mut self, label: &str, value: &str, extra: &str) {
        let label = cut(label, self.width);
        let pad = self.width.saturating_sub(label.chars().count());
        let line = format!("  {label}{}{value:>7}  {extra:>6}", " ".repeat(pad));
        let _ = writeln!(self.out, "{}", line.trim_end());
    }

    fn counted(&mut self, label: &str, count: i64, whole: i64) {
        let extra = share_as(count, whole, self.t, &self.format);
        self.row(label, &count.to_string(), &extra);
    }
}

/// The whole report as text, ending with a newline: words from `t`,
/// dates and numbers as `format` writes them (the language's way, or the
/// settings' `[format]`).
pub fn render(
    report: &Report,
    figures: &Figures,
    today: Date,
    t: &Catalogue,
    format: Format,
) -> String {
    let axes: Vec<(&str, String)> = report
        .axes()
        .into_iter()
        .filter(|(code, _)| figures.modules_by_axis.contains_key(*code))
        .map(|(code, title)| (code, axis_label(code, title, t)))
        .collect();
    // The label column is as wide as the longest axis needs, within 80
    // columns: a funder reads the axes by name, not by numeral.
    let width = axes
        .iter()
        .map(|(_, label)| label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(LABEL_WIDTH, LABEL_WIDTH_MAX);
    let mut lines = Lines {
        out: String::new(),
        t,
        format,
        width,
    };
    let names = report.names().join(", ");
    lines.heading(&fill(
        t.report_heading,
        &[("registers", &names), ("date", &format.date(today))],
    ));
    if let Some(code) = &report.module {
        let title = report
            .registers
            .iter()
            .flat_map(|r| r.modules.iter())
            .next()
            .map(|m| (m.code.as_str(), m.title.as_str()))
            .unwrap_or((code.as_str(), ""));
        let heading = fill(t.report_module, &[("code", title.0), ("title", title.1)]);
        lines.heading(heading.trim_end());
    }
    let f = figures;

    lines.heading(t.report_programme);
    lines.row(t.fig_modules, &f.modules.to_string(), "");
    lines.row(t.fig_sessions_held, &f.sessions.to_string(), "");
    lines.row(
        t.fig_hours_delivered,
        &hours(f.hours_delivered, &format),
        "",
    );

    lines.heading(t.fig_modules_by_location);
    for (town, count) in largest_first(&f.modules_by_location) {
        lines.counted(shown_name(town, t), count, f.modules);
    }

    lines.heading(t.fig_modules_by_axis);
    for (code, label) in &axes {
        let count = f.modules_by_axis.get(*code).copied().unwrap_or(0);
        lines.counted(label, count, f.modules);
    }
    // Codes no register titles (none, as the register keeps its axes).
    for (code, count) in &f.modules_by_axis {
        if !axes.iter().any(|(known, _)| known == code) {
            lines.counted(&axis_label(code, "", t), *count, f.modules);
        }
    }

    lines.heading(t.report_applications);
    let all = f.applications;
    lines.counted(t.fig_applications, all, all);
    lines.counted(t.fig_taking_part, f.participants, all);
    lines.counted(t.fig_rejected, f.rejected, all);
    lines.counted(t.fig_withdrawn, f.withdrawn, all);
    lines.counted(t.fig_waitlisted, f.waitlisted, all);
    lines.counted(t.fig_pending, f.pending, all);
    lines.counted(t.fig_accepted_all, f.accepted, all);

    lines.heading(t.report_people);
    let gender = |g: &str| f.participants_by_gender.get(g).copied().unwrap_or(0);
    lines.counted(t.fig_participants, f.participants, f.participants);
    lines.counted(t.fig_women, gender("F"), f.participants);
    lines.counted(t.fig_men, gender("M"), f.participants);
    lines.counted(t.fig_gender_x, gender("X"), f.participants);
    lines.row(t.fig_persons, &f.persons.to_string(), "");
    lines.row(
        t.fig_persons_multi_module,
        &f.persons_multi_module.to_string(),
        "",
    );
    if !f.participants_by_organisation_type.is_empty() {
        lines.heading(t.report_by_type);
        for (name, count) in largest_first(&f.participants_by_organisation_type) {
            lines.counted(shown_name(name, t), count, f.participants);
        }
    }

    lines.heading(t.report_attendance);
    let none = t.none.to_string();
    lines.row(
        t.fig_attendance_rate,
        &f.attendance_rate
            .map(|r| percent(r, &format))
            .unwrap_or_else(|| none.clone()),
        "",
    );
    lines.row(
        t.fig_attendance_hours_mean,
        &f.attendance_hours_mean
            .map(|h| decimal(h, 1, &format))
            .unwrap_or_else(|| none.clone()),
        "",
    );
    lines.row(
        t.fig_satisfaction,
        &f.satisfaction_mean
            .map(|s| decimal(s, 2, &format))
            .unwrap_or_else(|| none.clone()),
        "",
    );
    lines.counted(
        t.fig_satisfaction_responses,
        f.satisfaction_responses,
        f.participants,
    );
    lines.counted(t.fig_certificates, f.certificates, f.participants);
    lines.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn numbers_follow_the_language() {
        let it = Catalogue::get(Lang::It);
        let en = Catalogue::get(Lang::En);
        assert_eq!(share_as(314, 437, en, en), "71.9%");
        assert_eq!(share_as(314, 437, it, it), "71,9%");
        assert_eq!(share_as(1, 0, en, en), "-");
        assert_eq!(hours(192.0, en), "192");
        assert_eq!(hours(12.5, it), "12,5");
        assert_eq!(hours(11.0 + 5.0 / 6.0, en), "11.83");
    }
}
