//! The Report tab: the programme's figures as a coordinator would rather
//! look at them than read them. Charts are bar lines (`█`, or `#` where
//! the terminal is not UTF-8) that shrink with the screen; on a wide
//! screen they stand in pairs, on a narrow one they stack, and the whole
//! page scrolls. Below them, a table per module and the participants
//! still short of the attendance threshold.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::fill;
use crate::keys::Action;
use crate::report::text::{decimal, hours, percent, share};
use crate::report::{ATTENDANCE_BUCKETS, Figures, ModuleTally, Participation, Tally};
use crate::store::reach::Reach;
use crate::store::{Access, Result, Store};
use crate::tui::text::fit;
use crate::tui::theme::Theme;
use crate::tui::view::{Input, MOVES, Outcome, Ui, View};
use jiff::civil::Date;

/// From this width on, the charts stand two by two.
const SIDE_BY_SIDE: usize = 120;
/// Room for a bar's label and its numbers.
const LABEL: usize = 16;
const COUNT: usize = 5;
const SHARE: usize = 6;

/// What the tab shows, read from the register.
struct Data {
    /// The programme's name, beside the tab's title.
    programme: Option<String>,
    figures: Figures,
    tally: Tally,
    modules: Vec<ModuleTally>,
    below: Vec<Participation>,
}

fn load(store: &Store, reach: &Reach, today: Date, threshold: f64) -> Result<Data> {
    // One pass over the participations serves both the tallies and the
    // list of those below the threshold.
    let mut participations = store.participations(reach, None, today)?;
    let mut modules = store.module_tallies_of(reach, 0, today, threshold, &participations)?;
    // A tutor's figures are those of their own modules, as the store
    // says: the names below the threshold are people in them only.
    if let Some(reached) = store.reached_modules(reach)? {
        participations.retain(|p| reached.contains(&p.module_id));
        modules.retain(|m| reached.contains(&m.id));
    }
    let tally = Tally::sum(modules.iter().map(|m| &m.tally));
    Ok(Data {
        programme: store.programme_name()?,
        figures: tally.figures(),
        tally,
        modules,
        below: crate::report::below_threshold_of(participations, threshold),
    })
}

/// From this many enrolments on, the figures are computed away from the
/// screen: on a region's register (300,000 enrolments, 1,000,000 marks)
/// they take a second or more, and a key must never wait that long.
const IN_THE_BACKGROUND_FROM: i64 = 20_000;

pub struct ReportView {
    data: Option<Data>,
    /// The state of the register the figures were computed on: they are
    /// computed again only when it changed (by anyone).
    computed_on: Option<(i64, u64)>,
    /// Figures being computed on their own connection and thread.
    pending: Option<Receiver<Result<Data>>>,
    error: Option<String>,
    offset: usize,
    height: usize,
    /// Lines of the page as last drawn.
    length: usize,
    /// The page as laid out for a width, built again only when the
    /// figures or the width change.
    page: Option<Page>,
}

impl ReportView {
    /// The figures are computed when the tab is first shown, not before:
    /// the app opens on another tab and should not wait for them.
    pub fn new(_ui: &Ui) -> ReportView {
        ReportView {
            data: None,
            computed_on: None,
            pending: None,
            error: None,
            offset: 0,
            height: 0,
            length: 0,
            page: None,
        }
    }

    fn loaded(&mut self, result: Result<Data>, ui: &Ui) {
        match result {
            Ok(data) => {
                let old = self.data.replace(data);
                self.page = None;
                self.error = None;
                if let Some(old) = old
                    && old.tally.participants() >= IN_THE_BACKGROUND_FROM
                {
                    // The figures of a register that large hold a name and
                    // a tally a participation: on a region's register they
                    // took 0.2 s to free, far more than a frame may take. A
                    // small register's are freed here, without a thread.
                    // Without a thread to be had, freed here after all.
                    let _ = std::thread::Builder::new().spawn(move || drop(old));
                }
            }
            Err(e) => self.error = Some(crate::store::describe(&e, ui.text())),
        }
    }

    /// Computes the figures on a read-only connection of their own, in a
    /// thread; `tick` picks them up.
    fn load_in_background(&mut self, ui: &Ui) -> Result<()> {
        let store = Store::open(ui.store.path(), Access::ReadOnly)?;
        let (today, threshold) = (ui.settings.today, ui.settings.threshold);
        let reach = ui.reach();
        let (send, receive) = channel();
        std::thread::Builder::new()
            .name("report".into())
            .spawn(move || {
                crate::tui::terminal::yield_to_the_screen();
                // The view may be gone by then: nobody to tell.
                let _ = send.send(load(&store, &reach, today, threshold));
            })
            // A process at its limit of threads: said on the tab.
            .map_err(|e| crate::store::StoreError::Io(ui.store.path().to_path_buf(), e))?;
        self.pending = Some(receive);
        Ok(())
    }

    fn scroll(&mut self, steps: isize) {
        let max = self.length.saturating_sub(self.height);
        self.offset = (self.offset as isize + steps).clamp(0, max as isize) as usize;
    }
}

impl View for ReportView {
    fn handle(&mut self, input: Input, _ui: &Ui) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let page = self.height.max(1) as isize;
        match action {
            Action::Down => self.scroll(1),
            Action::Up => self.scroll(-1),
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::Top => self.offset = 0,
            Action::Bottom => self.scroll(self.length as isize),
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let t = ui.text();
        let width = area.width as usize;
        if self.page.as_ref().is_none_or(|page| page.width != width) {
            self.page = self.data.as_ref().map(|data| Page::new(data, width, ui));
        }
        self.length = self.page.as_ref().map_or(0, |page| page.length);
        self.height = area.height.saturating_sub(1) as usize;
        self.offset = self.offset.min(self.length.saturating_sub(self.height));

        let mut title = vec![Span::styled(theme.shown(t.report_title), theme.accent)];
        if self.length > self.height {
            let last = (self.offset + self.height).min(self.length);
            title.push(Span::styled(
                format!("  {}-{}/{}", self.offset + 1, last, self.length),
                theme.muted,
            ));
        }
        if self.pending.is_some() {
            title.push(Span::raw("  "));
            title.push(Span::styled(theme.shown(t.report_computing), theme.muted));
        }
        if let Some(error) = &self.error {
            title.push(Span::raw("  "));
            title.push(Span::styled(theme.shown(error), theme.error));
        }
        // Last on the line: on a narrow terminal the name is cut, never
        // the position or an error.
        if let Some(programme) = self.data.as_ref().and_then(|d| d.programme.as_deref()) {
            title.push(Span::styled(
                format!("  {}", theme.shown(programme)),
                theme.accent,
            ));
        }
        let mut lines = vec![Line::from(title)];
        if let (Some(page), Some(data)) = (&self.page, &self.data) {
            lines.extend(page.lines(data, self.offset, self.height, ui));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn actions(&self) -> Vec<Action> {
        MOVES.to_vec()
    }

    fn refresh(&mut self, ui: &Ui) {
        let state = ui.store.change_counter().ok();
        if state.is_some() && state == self.computed_on {
            return;
        }
        self.computed_on = state;
        let large = ui.store.enrolments_upper_bound().unwrap_or(0) >= IN_THE_BACKGROUND_FROM;
        if large && let Err(e) = self.load_in_background(ui) {
            self.error = Some(crate::store::describe(&e, ui.text()));
        } else if !large {
            self.pending = None;
            let result = load(
                ui.store,
                &ui.reach(),
                ui.settings.today,
                ui.settings.threshold,
            );
            self.loaded(result, ui);
        }
    }

    fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    fn tick(&mut self, ui: &Ui) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        let result = match pending.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                return false;
            }
        };
        self.pending = None;
        self.loaded(result, ui);
        true
    }
}

/// The page at one width. Its head (the headline and the charts) is
/// built whole: a few dozen lines, a bar a town and an axis among them.
/// Below it the two tables run to a line a module and a line a
/// participation short of the threshold: on a region's register over
/// 200,000 lines, which took most of a second to build on the drawing
/// thread, so their rows are built only as they come on screen.
struct Page {
    width: usize,
    parts: Vec<Part>,
    /// Lines of the whole page.
    length: usize,
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

impl Page {
    fn new(data: &Data, width: usize, ui: &Ui) -> Page {
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
            counts(
                ui.text().fig_modules_by_axis,
                &data.figures.modules_by_axis,
                false,
                ui,
            ),
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
    fn lines(&self, data: &Data, from: usize, count: usize, ui: &Ui) -> Vec<Line<'static>> {
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

fn headline(data: &Data, width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    let f = &data.figures;
    let none = || t.none.to_string();
    let attendance = match (f.attendance_rate, f.attendance_hours_mean) {
        (Some(rate), Some(mean)) => fill(
            t.fig_rate_and_hours,
            &[
                ("percent", &percent(rate, t)),
                ("hours", &decimal(mean, 1, t)),
            ],
        ),
        _ => none(),
    };
    let satisfaction = format!(
        "{} ({})",
        f.satisfaction_mean
            .map(|s| decimal(s, 2, t))
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
            (t.fig_hours_delivered, hours(f.hours_delivered, t)),
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
                    share(f.certificates, f.participants, t)
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

/// A chart: a heading and bars, each a label, a count, an optional share.
struct Chart {
    heading: String,
    bars: Vec<Bar>,
    /// Lines of text under the bars.
    notes: Vec<String>,
}

struct Bar {
    label: String,
    value: i64,
    share: Option<String>,
}

fn bar(label: &str, value: i64, share: Option<String>) -> Bar {
    Bar {
        label: label.to_string(),
        value,
        share,
    }
}

fn funnel(f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let of = |n: i64| Some(share(n, f.applications, t));
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

fn gender(f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let count = |g: &str| f.participants_by_gender.get(g).copied().unwrap_or(0);
    let of = |n: i64| Some(share(n, f.participants, t));
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

fn counts(heading: &str, map: &BTreeMap<String, i64>, by_size: bool, ui: &Ui) -> Chart {
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

fn attendance(tally: &Tally, ui: &Ui) -> Chart {
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
            bar(&label, n, Some(share(n, rated, t)))
        })
        .collect();
    Chart {
        heading: t.chart_attendance.to_string(),
        bars,
        notes: Vec::new(),
    }
}

fn ratings(tally: &Tally, f: &Figures, ui: &Ui) -> Chart {
    let t = ui.text();
    let bars = (0..5)
        .rev()
        .map(|i| {
            let n = tally.ratings[i];
            bar(
                &(i + 1).to_string(),
                n,
                Some(share(n, f.satisfaction_responses, t)),
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
fn bar_text(value: i64, max: i64, room: usize, theme: &Theme) -> String {
    if max <= 0 || value <= 0 || room == 0 {
        return String::new();
    }
    let length = ((value as f64 / max as f64) * room as f64).round() as usize;
    let cell = if theme.ascii { "#" } else { "█" };
    cell.repeat(length.clamp(1, room))
}

fn draw_chart(chart: &Chart, width: usize, ui: &Ui) -> Vec<Line<'static>> {
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
fn side_by_side(
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

/// A row of cells fitted to their widths, the last taking what is left.
fn cells(
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
fn module_cells(values: [String; 8], width: usize, ui: &Ui) -> Vec<(String, usize, bool)> {
    // code, town, participants, hours, attendance, rating, certificates; the title gets the rest.
    let fixed = 6 + 1 + 14 + 1 + 6 + 1 + 6 + 1 + 7 + 1 + 6 + 1 + 6 + 1;
    let title = width.saturating_sub(fixed).max(1);
    let widths = [6, 14, 6, 6, 7, 6, 6, title];
    let right = [false, false, true, true, true, true, true, false];
    laid_out(values, widths, right, ui)
}

/// Each value with its width and whether it sits on the right.
fn laid_out<const N: usize>(
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
fn module_table_head(width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    vec![
        Line::styled(
            fit(&theme.shown(t.report_modules_table), width, theme.ascii),
            theme.heading,
        ),
        // The short column names, spelled out once.
        Line::styled(
            fit(&theme.shown(t.report_modules_legend), width, theme.ascii),
            theme.muted,
        ),
        cells(
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
        ),
    ]
}

fn module_row(m: &ModuleTally, width: usize, ui: &Ui) -> Line<'static> {
    let t = ui.text();
    let optional = |v: Option<String>| v.unwrap_or_else(|| t.none.to_string());
    let f = m.tally.figures();
    cells(
        &module_cells(
            [
                m.code.clone(),
                m.location.clone(),
                f.participants.to_string(),
                hours(f.hours_delivered, t),
                optional(f.attendance_rate.map(|r| percent(r, t))),
                optional(f.satisfaction_mean.map(|s| decimal(s, 1, t))),
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
fn no_modules(ui: &Ui) -> Line<'static> {
    let theme = ui.theme();
    Line::styled(theme.shown(ui.text().no_rows), theme.muted)
}

/// The cells of a row of those below the threshold.
fn below_cells(values: [String; 5], width: usize, ui: &Ui) -> Vec<(String, usize, bool)> {
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
fn below_threshold_head(below: &[Participation], width: usize, ui: &Ui) -> Vec<Line<'static>> {
    let t = ui.text();
    let theme = ui.theme();
    let heading = fill(
        t.report_below_threshold,
        &[(
            "percent",
            &format!("{}%", decimal(100.0 * ui.settings.threshold, 0, t)),
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

fn below_row(p: &Participation, width: usize, ui: &Ui) -> Line<'static> {
    let t = ui.text();
    let theme = ui.theme();
    let rate = p.rate().map(|r| percent(r, t)).unwrap_or_default();
    let mut line = cells(
        &below_cells(
            [
                p.name(),
                p.module_code.clone(),
                format!(
                    "{}/{}",
                    hours(p.attended_minutes as f64 / 60.0, t),
                    hours(p.delivered_minutes as f64 / 60.0, t)
                ),
                rate,
                hours(p.short_minutes(ui.settings.threshold) as f64 / 60.0, t),
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
