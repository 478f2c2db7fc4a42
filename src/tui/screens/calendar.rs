//! A month on a calendar, weeks from Monday as an Italian office's
//! calendars run (ratatui's `Monthly` starts on Sunday), the days with
//! sessions marked, and the selected day's sessions listed beside it.
//! Enter opens the chosen session's roster.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::format_clock;
use crate::keys::Action;
use crate::store::planning::DaySession;
use crate::tui::route::{Route, Subject};
use crate::tui::text::fit;
use crate::tui::view::{Input, Outcome, Ui, View};

pub struct CalendarView {
    day: Date,
    /// The sessions of the month shown.
    sessions: Vec<DaySession>,
    /// Which of the day's sessions Enter opens.
    chosen: usize,
    error: Option<String>,
}

/// The month of `day` as lines of weeks, Monday first, each day in the
/// three columns the weekday header gives it; `styles` marks days.
fn month_lines(day: Date, styles: &HashMap<Date, Style>) -> Vec<Line<'static>> {
    let first = day.first_of_month();
    let lead = usize::try_from(first.weekday().to_monday_zero_offset()).unwrap_or(0);
    let mut lines = Vec::new();
    let mut week: Vec<Span<'static>> = vec![Span::raw("   ".repeat(lead))];
    let mut column = lead;
    for number in 1..=day.days_in_month() {
        let Ok(date) = first.with().day(number).build() else {
            continue;
        };
        week.push(Span::raw(" "));
        let style = styles.get(&date).copied().unwrap_or_default();
        week.push(Span::styled(format!("{number:>2}"), style));
        column += 1;
        if column == 7 {
            lines.push(Line::from(std::mem::take(&mut week)));
            column = 0;
        }
    }
    if !week.is_empty() {
        lines.push(Line::from(week));
    }
    lines
}

impl CalendarView {
    pub fn new(ui: &Ui) -> CalendarView {
        let mut view = CalendarView {
            day: ui.settings.today,
            sessions: Vec::new(),
            chosen: 0,
            error: None,
        };
        view.load(ui);
        view
    }

    fn load(&mut self, ui: &Ui) {
        let first = self.day.first_of_month();
        let last = self.day.last_of_month();
        match ui.store.sessions_between(&ui.reach(), first, last) {
            Ok(sessions) => {
                self.sessions = sessions;
                self.error = None;
            }
            Err(e) => self.error = Some(crate::store::describe(&e, ui.text())),
        }
    }

    fn of_day(&self) -> Vec<&DaySession> {
        let day = self.day.to_string();
        self.sessions.iter().filter(|s| s.date == day).collect()
    }

    fn go(&mut self, to: Option<Date>, ui: &Ui) {
        let Some(to) = to else { return };
        let other_month = (to.year(), to.month()) != (self.day.year(), self.day.month());
        self.day = to;
        self.chosen = 0;
        if other_month {
            self.load(ui);
        }
    }
}

impl View for CalendarView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let day = self.day;
        match action {
            Action::DayBefore => self.go(day.yesterday().ok(), ui),
            Action::DayAfter => self.go(day.tomorrow().ok(), ui),
            Action::Up => self.go(day.checked_sub(1.week()).ok(), ui),
            Action::Down => self.go(day.checked_add(1.week()).ok(), ui),
            Action::PageUp => self.go(day.checked_sub(1.month()).ok(), ui),
            Action::PageDown => self.go(day.checked_add(1.month()).ok(), ui),
            Action::Today => self.go(Some(ui.settings.today), ui),
            Action::NextInDay => {
                let count = self.of_day().len();
                if count > 0 {
                    self.chosen = (self.chosen + 1) % count;
                }
            }
            Action::Open => {
                if let Some(session) = self.of_day().get(self.chosen) {
                    return Outcome::Go(Route::Card(Subject::Session(session.id)));
                }
            }
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        let text = ui.text();
        let [title_area, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let months: Vec<&str> = text.month_names.split(',').collect();
        let month = months
            .get(self.day.month() as usize - 1)
            .copied()
            .unwrap_or("");
        let mut title = vec![
            Span::styled(text.calendar_title, theme.accent),
            Span::raw(format!("  {month} {}", self.day.year())),
        ];
        if let Some(error) = &self.error {
            title.push(Span::raw("  "));
            title.push(Span::styled(theme.shown(error), theme.error));
        }
        frame.render_widget(Paragraph::new(Line::from(title)), title_area);

        let [calendar_area, _, list_area] = Layout::horizontal([
            Constraint::Length(22),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(body);
        let [weekdays_area, days_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(calendar_area);
        frame.render_widget(
            Paragraph::new(theme.shown(text.calendar_weekdays)).style(theme.header),
            weekdays_area,
        );
        let mut styles: HashMap<Date, Style> = HashMap::new();
        let marked = theme.accent.add_modifier(Modifier::UNDERLINED);
        for session in &self.sessions {
            if let Ok(day) = session.date.parse::<Date>() {
                let style = if session.cancelled {
                    theme.muted
                } else {
                    marked
                };
                styles.insert(day, style);
            }
        }
        let today = ui.settings.today;
        let style = styles.get(&today).copied().unwrap_or_default();
        styles.insert(today, style.add_modifier(Modifier::BOLD));
        styles.insert(self.day, theme.selected);
        frame.render_widget(Paragraph::new(month_lines(self.day, &styles)), days_area);

        // The day's sessions.
        let width = list_area.width as usize;
        let mut lines = vec![Line::styled(
            theme.shown(&ui.format().weekday_date(self.day)),
            theme.heading,
        )];
        let sessions = self.of_day();
        if sessions.is_empty() {
            lines.push(Line::styled(text.calendar_none, theme.muted));
        }
        for (index, s) in sessions.iter().enumerate() {
            let chosen = index == self.chosen;
            let pointer = if chosen { theme.pointer() } else { "  " };
            let state = if s.cancelled {
                format!(" ({})", text.session_cancelled)
            } else {
                String::new()
            };
            let style = if chosen {
                theme.selected
            } else if s.cancelled {
                theme.muted
            } else {
                Style::new()
            };
            let head = format!(
                "{pointer}{}-{} {} {}{state}",
                format_clock(s.start_minute),
                format_clock(s.end_minute),
                s.module_code,
                s.module_title
            );
            lines.push(Line::styled(
                fit(&theme.shown(&head), width, theme.ascii),
                style,
            ));
            let place: Vec<&str> = [s.venue.as_deref(), s.trainer.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !place.is_empty() {
                let more = format!("    {}", place.join(", "));
                lines.push(Line::styled(
                    fit(&theme.shown(&more), width, theme.ascii),
                    theme.muted,
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines), list_area);
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![Action::Open, Action::Today, Action::NextInDay];
        actions.extend([
            Action::DayBefore,
            Action::DayAfter,
            Action::Up,
            Action::Down,
            Action::PageUp,
            Action::PageDown,
        ]);
        actions
    }

    fn refresh(&mut self, ui: &Ui) {
        self.load(ui);
    }
}
