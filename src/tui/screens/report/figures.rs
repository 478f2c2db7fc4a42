//! The headline figures at the top of the page, three rows of them.

use super::*;
use crate::report::text::{decimal, hours, percent, share_as};

pub(super) fn headline(data: &Data, width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    let f = &data.figures;
    let none = || t.none.to_string();
    let attendance = match (f.attendance_rate, f.attendance_hours_mean) {
        (Some(rate), Some(mean)) => fill(
            t.fig_rate_and_hours,
            &[
                ("percent", &percent(rate, ui.format())),
                ("hours", &decimal(mean, 1, ui.format())),
            ],
        ),
        _ => none(),
    };
    let satisfaction = format!(
        "{} ({})",
        f.satisfaction_mean
            .map(|s| decimal(s, 2, ui.format()))
            .unwrap_or_else(none),
        fill(
            t.fig_responses,
            &[("count", &f.satisfaction_responses.to_string())]
        )
    );
    let rows: [&[(&str, String)]; 3] = [
        &[
            (t.fig_modules, f.modules.to_string()),
            (t.fig_sessions_held, f.sessions.to_string()),
            (t.fig_hours_delivered, hours(f.hours_delivered, ui.format())),
        ],
        &[
            (t.fig_participants, f.participants.to_string()),
            (t.fig_persons, f.persons.to_string()),
            (
                t.fig_persons_multi_module,
                f.persons_multi_module.to_string(),
            ),
        ],
        &[
            (t.fig_attendance_rate, attendance),
            (t.fig_satisfaction, satisfaction),
            (
                t.fig_certificates,
                format!(
                    "{} ({})",
                    f.certificates,
                    share_as(f.certificates, f.participants, t, ui.format())
                ),
            ),
        ],
    ];
    let mut lines = Vec::new();
    for row in rows {
        // Where a row does not fit the width, its fields go one a line.
        let text: Vec<String> = row
            .iter()
            .map(|(label, value)| format!("{label} {value}"))
            .collect();
        let joined = text.join("   ");
        let pieces = if joined.chars().count() <= width {
            vec![row.to_vec()]
        } else {
            row.iter().map(|field| vec![field.clone()]).collect()
        };
        for piece in pieces {
            let mut spans = Vec::new();
            for (index, (label, value)) in piece.iter().enumerate() {
                if index > 0 {
                    spans.push(Span::raw("   "));
                }
                spans.push(Span::styled(theme.shown(label), theme.header));
                spans.push(Span::raw(" "));
                spans.push(Span::raw(theme.shown(value)));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}
