//! `registro report --format text`: the figures as a funder's report
//! reads them, in the user's language. Numbers here are rounded for
//! reading; the JSON keeps them whole.

use std::fmt::Write;

use jiff::civil::Date;

use super::{Figures, Report};
use crate::i18n::format::Format;
use crate::i18n::{Catalogue, fill};

const LABEL_WIDTH: usize = 34;

/// `value` with `places` decimals and the language's decimal separator.
pub fn decimal(value: f64, places: usize, t: &Catalogue) -> String {
    Format::of(t).number(value, places)
}

/// A share (0–1) as a percentage with one decimal: `71.9%`.
pub fn percent(share: f64, t: &Catalogue) -> String {
    Format::of(t).percent(share, 1)
}

/// `part` as a percentage of `whole`; `-` when there is no whole.
pub fn share(part: i64, whole: i64, t: &Catalogue) -> String {
    if whole > 0 {
        percent(part as f64 / whole as f64, t)
    } else {
        t.none.to_string()
    }
}

/// Hours without needless decimals: `192`, `12.5`, `11.83`.
pub fn hours(value: f64, t: &Catalogue) -> String {
    Format::of(t).short_number(value, 2)
}

/// A name → count object as `Cremona 7, Crema 2`, largest first.
pub fn counts(map: &std::collections::BTreeMap<String, i64>, t: &Catalogue) -> String {
    let mut pairs: Vec<(&String, &i64)> = map.iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let text: Vec<String> = pairs
        .into_iter()
        .map(|(name, count)| format!("{} {count}", shown_name(name, t)))
        .collect();
    if text.is_empty() {
        t.none.to_string()
    } else {
        text.join(", ")
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
        let pad = LABEL_WIDTH.saturating_sub(label.chars().count());
        let line = format!("  {label}{}{value:>7}  {extra:>6}", " ".repeat(pad));
        let _ = writeln!(self.out, "{}", line.trim_end());
    }

    fn counted(&mut self, label: &str, count: i64, whole: i64) {
        let extra = share(count, whole, self.t);
        self.row(label, &count.to_string(), &extra);
    }

    fn free(&mut self, label: &str, value: &str) {
        let pad = LABEL_WIDTH.saturating_sub(label.chars().count());
        let _ = writeln!(self.out, "  {label}{}  {value}", " ".repeat(pad));
    }
}

/// The whole report as text, ending with a newline.
pub fn render(report: &Report, figures: &Figures, today: Date, t: &Catalogue) -> String {
    let mut lines = Lines {
        out: String::new(),
        t,
    };
    let names = report.names().join(", ");
    lines.heading(&fill(
        t.report_heading,
        &[("registers", &names), ("date", &today.to_string())],
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
    lines.row(t.fig_hours_delivered, &hours(f.hours_delivered, t), "");
    lines.free(
        t.fig_modules_by_location,
        &counts(&f.modules_by_location, t),
    );
    lines.free(t.fig_modules_by_axis, &counts(&f.modules_by_axis, t));

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
        let mut types: Vec<(&String, &i64)> = f.participants_by_organisation_type.iter().collect();
        types.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        for (name, count) in types {
            lines.counted(shown_name(name, t), *count, f.participants);
        }
    }

    lines.heading(t.report_attendance);
    let none = t.none.to_string();
    lines.row(
        t.fig_attendance_rate,
        &f.attendance_rate
            .map(|r| percent(r, t))
            .unwrap_or_else(|| none.clone()),
        "",
    );
    lines.row(
        t.fig_attendance_hours_mean,
        &f.attendance_hours_mean
            .map(|h| decimal(h, 1, t))
            .unwrap_or_else(|| none.clone()),
        "",
    );
    lines.row(
        t.fig_satisfaction,
        &f.satisfaction_mean
            .map(|s| decimal(s, 2, t))
            .unwrap_or_else(|| none.clone()),
        &format!(
            "({})",
            fill(
                t.fig_responses,
                &[("count", &f.satisfaction_responses.to_string())]
            )
        ),
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
        assert_eq!(share(314, 437, en), "71.9%");
        assert_eq!(share(314, 437, it), "71,9%");
        assert_eq!(share(1, 0, en), "-");
        assert_eq!(hours(192.0, en), "192");
        assert_eq!(hours(12.5, it), "12,5");
        assert_eq!(hours(11.0 + 5.0 / 6.0, en), "11.83");
    }
}
