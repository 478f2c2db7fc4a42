//! The charts: bar lines that shrink with the screen, a heading, a label,
//! a count and a share each.

use super::*;
use crate::report::text::share_as;

/// A chart: a heading and bars, each a label, a count, an optional share.
pub(super) struct Chart {
    heading: String,
    bars: Vec<Bar>,
    /// Lines of text under the bars.
    notes: Vec<String>,
}

pub(super) struct Bar {
    label: String,
    value: i64,
    share: Option<String>,
}

pub(super) fn bar(label: &str, value: i64, share: Option<String>) -> Bar {
    Bar {
        label: label.to_string(),
        value,
        share,
    }
}

pub(super) fn funnel(f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let of = |n: i64| Some(share_as(n, f.applications, t, ui.format()));
    Chart {
        heading: t.chart_funnel.to_string(),
        bars: vec![
            bar(t.fig_applications, f.applications, None),
            bar(t.fig_accepted, f.accepted, of(f.accepted)),
            bar(t.fig_participants, f.participants, of(f.participants)),
            bar(t.fig_rejected, f.rejected, of(f.rejected)),
            bar(t.fig_withdrawn, f.withdrawn, of(f.withdrawn)),
            bar(t.fig_waitlisted, f.waitlisted, of(f.waitlisted)),
            bar(t.fig_pending, f.pending, of(f.pending)),
        ],
        notes: Vec::new(),
    }
}

pub(super) fn gender(f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let count = |g: &str| f.participants_by_gender.get(g).copied().unwrap_or(0);
    let of = |n: i64| Some(share_as(n, f.participants, t, ui.format()));
    let mut bars = vec![
        bar(t.fig_women, count("F"), of(count("F"))),
        bar(t.fig_men, count("M"), of(count("M"))),
    ];
    if count("X") > 0 {
        bars.push(bar(t.fig_gender_x, count("X"), of(count("X"))));
    }
    Chart {
        heading: t.chart_gender.to_string(),
        bars,
        notes: Vec::new(),
    }
}

pub(super) fn counts(heading: &str, map: &BTreeMap<String, i64>, by_size: bool, ui: &Ui) -> Chart {
    let mut pairs: Vec<(&String, &i64)> = map.iter().collect();
    if by_size {
        pairs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    }
    Chart {
        heading: heading.to_string(),
        bars: pairs
            .into_iter()
            .map(|(name, n)| bar(name, *n, None))
            .collect(),
        notes: if map.is_empty() {
            vec![ui.text().none.to_string()]
        } else {
            Vec::new()
        },
    }
}

pub(super) fn attendance(tally: &Tally, ui: &Ui) -> Chart {
    let t = ui.text();
    let rated: i64 = tally.attendance_buckets.iter().sum();
    let bars = (0..ATTENDANCE_BUCKETS)
        .map(|i| {
            let low = i * 10;
            let label = if i + 1 == ATTENDANCE_BUCKETS {
                format!("{low}-100%")
            } else {
                format!("{low}-{}%", low + 9)
            };
            let n = tally.attendance_buckets[i];
            bar(&label, n, Some(share_as(n, rated, t, ui.format())))
        })
        .collect();
    Chart {
        heading: t.chart_attendance.to_string(),
        bars,
        notes: Vec::new(),
    }
}

pub(super) fn ratings(tally: &Tally, f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let bars = (0..5)
        .rev()
        .map(|i| {
            let n = tally.ratings[i];
            bar(
                &(i + 1).to_string(),
                n,
                Some(share_as(n, f.satisfaction_responses, t, ui.format())),
            )
        })
        .collect();
    Chart {
        heading: t.chart_ratings.to_string(),
        bars,
        notes: Vec::new(),
    }
}

/// A bar `length` cells long out of `room`, for `value` out of `max`;
/// anything above zero shows at least one cell.
pub(super) fn bar_text(value: i64, max: i64, room: usize, theme: &Theme) -> String {
    if max <= 0 || value <= 0 || room == 0 {
        return String::new();
    }
    let length = ((value as f64 / max as f64) * room as f64).round() as usize;
    let cell = if theme.ascii { "#" } else { "█" };
    cell.repeat(length.clamp(1, room))
}

pub(super) fn draw_chart(chart: &Chart, width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let theme = ui.theme();
    let mut lines = vec![Line::styled(
        fit(&theme.shown(&chart.heading), width, theme.ascii),
        theme.heading,
    )];
    let label = LABEL.min(width / 3);
    let with_share = chart.bars.iter().any(|b| b.share.is_some());
    let numbers = COUNT + 1 + if with_share { SHARE + 1 } else { 0 };
    let room = width.saturating_sub(label + 1 + numbers + 1);
    let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0);
    for b in &chart.bars {
        let mut spans = vec![
            Span::raw(fit(&theme.shown(&b.label), label, theme.ascii)),
            Span::raw(" "),
            Span::styled(
                fit(&bar_text(b.value, max, room, theme), room, theme.ascii),
                theme.accent,
            ),
            Span::raw(format!(" {:>COUNT$}", b.value)),
        ];
        if with_share {
            let share = b.share.clone().unwrap_or_default();
            spans.push(Span::styled(format!(" {share:>SHARE$}"), theme.muted));
        }
        lines.push(Line::from(spans));
    }
    for note in &chart.notes {
        lines.push(Line::styled(
            fit(&theme.shown(note), width, theme.ascii),
            theme.muted,
        ));
    }
    lines
}

/// Two columns of lines, the left one padded to `column`.
pub(super) fn side_by_side(
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    column: usize,
) -> Vec<Line<'static>> {
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let l = left.next().unwrap_or_default();
            let pad = column.saturating_sub(l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad + 3)));
            if let Some(r) = right.next() {
                let style = r.style;
                spans.extend(r.spans.into_iter().map(|s| {
                    let merged = style.patch(s.style);
                    s.style(merged)
                }));
            }
            Line::from(spans)
        })
        .collect()
}
