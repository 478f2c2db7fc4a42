//! The page at one width: its head built whole, its two long tables
//! built a row at a time as they come on screen.

use super::charts::{attendance, counts, draw_chart, funnel, gender, ratings, side_by_side};
use super::figures::headline;
use super::tables::{below_row, below_threshold_head, module_row, module_table_head, no_modules};
use super::*;

/// The page at one width. Its head (the headline and the charts) is
/// built whole: a few dozen lines, a bar a town and an axis among them.
/// Below it the two tables run to a line a module and a line a
/// participation short of the threshold: on a region's register over
/// 200,000 lines, which took most of a second to build on the drawing
/// thread, so their rows are built only as they come on screen.
pub(super) struct Page {
    pub(super) width: usize,
    parts: Vec<Part>,
    /// Lines of the whole page.
    pub(super) length: usize,
}

enum Part {
    Built(Vec<Line<'static>>),
    /// One line a module of the figures, built when shown.
    ModuleRows,
    /// One line a participation below the threshold, built when shown.
    BelowRows,
}

impl Part {
    fn length(&self, data: &Data) -> usize {
        match self {
            Part::Built(lines) => lines.len(),
            Part::ModuleRows => data.modules.len(),
            Part::BelowRows => data.below.len(),
        }
    }
}

/// The modules by axis, each axis named with its title after its code
/// (`II Lavoro`) as far as the chart's label has room: `II` alone says
/// nothing to a reader outside the office.
fn titled_axes(data: &Data) -> BTreeMap<String, i64> {
    data.figures
        .modules_by_axis
        .iter()
        .map(|(code, count)| {
            let title = data
                .modules
                .iter()
                .find(|m| &m.axis == code && !m.axis_title.is_empty())
                .map(|m| m.axis_title.as_str());
            let label = match title {
                Some(title) => format!("{code} {title}"),
                None => code.clone(),
            };
            (label, *count)
        })
        .collect()
}

impl Page {
    pub(super) fn new(data: &Data, width: usize, ui: &Ui) -> Page {
        let mut head = headline(data, width, ui);
        let charts = [
            funnel(&data.figures, ui),
            gender(&data.figures, ui),
            counts(
                ui.text().fig_modules_by_location,
                &data.figures.modules_by_location,
                true,
                ui,
            ),
            counts(ui.text().fig_modules_by_axis, &titled_axes(data), false, ui),
            attendance(&data.tally, ui),
            ratings(&data.tally, &data.figures, ui),
        ];
        if width >= SIDE_BY_SIDE {
            let column = (width - 3) / 2;
            for pair in charts.chunks(2) {
                head.push(Line::raw(""));
                let left = draw_chart(&pair[0], column, ui);
                let right = pair
                    .get(1)
                    .map(|c| draw_chart(c, column, ui))
                    .unwrap_or_default();
                head.extend(side_by_side(left, right, column));
            }
        } else {
            for chart in &charts {
                head.push(Line::raw(""));
                head.extend(draw_chart(chart, width, ui));
            }
        }
        head.push(Line::raw(""));
        head.extend(module_table_head(width, ui));
        let mut between = Vec::new();
        if data.modules.is_empty() {
            between.push(no_modules(ui));
        }
        between.push(Line::raw(""));
        between.extend(below_threshold_head(&data.below, width, ui));
        let parts = vec![
            Part::Built(head),
            Part::ModuleRows,
            Part::Built(between),
            Part::BelowRows,
        ];
        let length = parts.iter().map(|part| part.length(data)).sum();
        Page {
            width,
            parts,
            length,
        }
    }

    /// `count` lines from line `from`: only these are built.
    pub(super) fn lines(
        &self,
        data: &Data,
        from: usize,
        count: usize,
        ui: &Ui,
    ) -> Vec<Line<'static>> {
        let mut lines = Vec::with_capacity(count);
        let mut skip = from;
        for part in &self.parts {
            let length = part.length(data);
            if skip >= length {
                skip -= length;
                continue;
            }
            let wanted = (skip..length).take(count - lines.len());
            match part {
                Part::Built(built) => lines.extend(wanted.map(|i| built[i].clone())),
                Part::ModuleRows => {
                    lines.extend(wanted.map(|i| module_row(&data.modules[i], self.width, ui)))
                }
                Part::BelowRows => {
                    lines.extend(wanted.map(|i| below_row(&data.below[i], self.width, ui)))
                }
            }
            skip = 0;
            if lines.len() == count {
                break;
            }
        }
        lines
    }
}
