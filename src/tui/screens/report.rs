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
use crate::report::{ATTENDANCE_BUCKETS, Figures, ModuleTally, Participation, Tally};
use crate::store::reach::Reach;
use crate::store::{Access, Result, Store};
use crate::tui::text::fit;
use crate::tui::theme::Theme;
use crate::tui::view::{Input, MOVES, Outcome, Ui, View};
use jiff::civil::Date;

mod charts;
mod figures;
mod page;
mod tables;

use page::Page;

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
    /// The width the page is laid out for: the view's, as of its last
    /// resize.
    width: usize,
    /// Lines of the page as laid out.
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
            width: 0,
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

    /// Lays the page out for the view's width, where the figures or the
    /// width changed, and keeps the scroll within it.
    fn lay_out(&mut self, ui: &Ui) {
        let width = self.width;
        if width > 0 && self.page.as_ref().is_none_or(|page| page.width != width) {
            self.page = self.data.as_ref().map(|data| Page::new(data, width, ui));
        }
        self.length = self.page.as_ref().map_or(0, |page| page.length);
        self.offset = self.offset.min(self.length.saturating_sub(self.height));
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

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let t = ui.text();

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

    fn resize(&mut self, area: Rect, ui: &Ui) {
        self.width = area.width as usize;
        self.height = area.height.saturating_sub(1) as usize;
        self.lay_out(ui);
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
        self.lay_out(ui);
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
        self.lay_out(ui);
        true
    }
}
