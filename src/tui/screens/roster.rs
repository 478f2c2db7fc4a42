//! A session's roster: the tutor's register. Every key is one saved
//! mark; undo and redo walk back and forth through this screen's changes;
//! another tutor's marks appear within a second and are never overwritten
//! unseen.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use unicode_width::UnicodeWidthStr;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};

use super::detail::{DetailView, Subject};
use super::editor::NoteEditor;
use crate::domain::{Mark, format_clock, parse_hours};
use crate::i18n::fill;
use crate::keys::{Action, Key};
use crate::store::attendance::{Attendance, MarkChange, MarkRefusal, RollCallOutcome, Times};
use crate::store::notes::NoteSubject;
use crate::store::queries::{Roster, RosterLine};
use crate::store::ratings::{Rating, RatingOutcome};
use crate::tui::text::{column_widths, cut};
use crate::tui::view::{Input, MOVES, Outcome, Ui, View};

mod saving;
pub(super) use saving::when;
use saving::{describe_rating, times_shown};

/// How often an open roster renews its presence, in seconds.
const PRESENCE_EVERY: i64 = 10;

/// What the roster is waiting for besides ordinary keys.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    /// Typing the hours attended by a participant, whose cell showed
    /// `before` when `h` was pressed.
    Hours {
        typed: String,
        enrolment_id: i64,
        before: Option<Attendance>,
    },
    /// Typing when a participant arrived (`l`) or left (`e`, `leaving`),
    /// whose cell showed `before` when the key was pressed.
    Time {
        typed: String,
        enrolment_id: i64,
        before: Option<Attendance>,
        leaving: bool,
    },
    /// Typing why a closed roll call is reopened.
    ReopenReason(String),
    /// Typing a participant's rating of the module; `seen` is the rating
    /// the prompt showed.
    Rating {
        typed: String,
        enrolment_id: i64,
        seen: Option<Rating>,
    },
    ConfirmClose,
    /// Someone else changed these cells; apply ours anyway? `advance`:
    /// the key moves on to the next row once it lands.
    Conflict {
        changes: Vec<MarkChange>,
        question: String,
        advance: bool,
    },
    /// Someone else changed this rating; replace it with ours?
    RatingConflict {
        enrolment_id: i64,
        seen: Option<Rating>,
        score: i64,
        comment: Option<String>,
        question: String,
    },
}

pub struct RosterView {
    session_id: i64,
    /// The roster as the register has it, read again when it changes.
    roster: Option<Roster>,
    /// The roster as last drawn: what the user saw. Keys act on it, so
    /// that a change by someone else, read just before a key, is put to
    /// the user as a question instead of being acted upon unseen.
    shown: Option<Roster>,
    /// Cells another user's change redrew: what they showed before and
    /// when they changed on screen (milliseconds of the clock).
    just_changed: HashMap<i64, (Option<Attendance>, i64)>,
    selected: usize,
    undo: Vec<Vec<MarkChange>>,
    redo: Vec<Vec<MarkChange>>,
    mode: Mode,
    message: Option<String>,
    others: Vec<String>,
    token: String,
    /// When this screen last said it is open (0: not yet).
    last_presence: i64,
    height: usize,
}

/// How long a cell that another user changed on screen still counts, for
/// the keys, as what it was before: nobody reads a change and acts on it
/// faster, so a key pressed sooner was meant for what was there before.
const SEEN_AFTER_MS: i64 = 1000;

/// A batch of marks larger than this is followed by reading the whole
/// roster again rather than line by line ("all present").
const LINES_READ_ONE_BY_ONE: usize = 8;

fn new_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl RosterView {
    pub fn new(session_id: i64, ui: &Ui) -> RosterView {
        let mut view = RosterView {
            session_id,
            roster: None,
            shown: None,
            just_changed: HashMap::new(),
            selected: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            mode: Mode::Normal,
            message: None,
            others: Vec::new(),
            token: new_token(),
            last_presence: 0,
            height: 0,
        };
        // Saying that the roster is open is a write, with its wait for
        // the disk; it waits for the first tick, just after the roster
        // is on screen (see `waiting`).
        view.load(ui);
        view.shown = view.roster.clone();
        view
    }

    fn load(&mut self, ui: &Ui) {
        match ui.store.roster(self.session_id) {
            Ok(roster) => self.roster = Some(roster),
            Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
        }
        let now = ui.settings.clock.now().as_second();
        self.others = ui
            .store
            .others_present(&self.token, self.session_id, now)
            .unwrap_or_default();
    }

    /// Says that this screen has the roster open; returns whether the
    /// screen changed (only to say that it could not).
    fn announce(&mut self, ui: &Ui) -> bool {
        let actor = ui.actor();
        self.last_presence = actor.clock.now().as_second();
        match ui
            .store
            .announce_presence(&self.token, self.session_id, &actor)
        {
            Ok(()) => false,
            Err(e) => {
                self.message = Some(crate::store::describe(&e, ui.text()));
                true
            }
        }
    }

    /// The roster the keys act on: the one on screen.
    fn seen(&self) -> Option<&Roster> {
        self.shown.as_ref().or(self.roster.as_ref())
    }

    fn rows(&self) -> usize {
        self.seen().map(|r| r.lines.len()).unwrap_or(0)
    }

    fn line(&self) -> Option<&RosterLine> {
        self.seen().and_then(|r| r.lines.get(self.selected))
    }

    fn length(&self) -> i64 {
        self.seen().map(|r| r.session.length_minutes()).unwrap_or(0)
    }

    fn closed(&self) -> bool {
        self.seen().is_some_and(|r| r.session.closed)
    }

    fn value(line: &RosterLine) -> Option<Attendance> {
        let mark = Mark::parse(line.mark.as_deref()?).ok()?;
        Some(Attendance {
            minutes: line.minutes?,
            mark,
            times: line.times,
        })
    }

    /// The session's start and end, in minutes after midnight.
    fn span(&self) -> (i64, i64) {
        self.seen()
            .map(|r| (r.session.start_minute, r.session.end_minute))
            .unwrap_or((0, 0))
    }

    /// What a row showed long enough to be seen (`SEEN_AFTER_MS`).
    fn seen_value(&self, line: &RosterLine, ui: &Ui) -> Option<Attendance> {
        let now = ui.settings.clock.now().as_millisecond();
        match self.just_changed.get(&line.enrolment_id) {
            Some((was, at)) if now - at < SEEN_AFTER_MS => *was,
            _ => Self::value(line),
        }
    }

    /// Before a frame replaces what the screen shows: notes the cells
    /// that someone else's change is about to redraw.
    fn note_changes(&mut self, ui: &Ui) {
        let now = ui.settings.clock.now().as_millisecond();
        self.just_changed
            .retain(|_, (_, at)| now - *at < SEEN_AFTER_MS);
        let (Some(old), Some(new)) = (&self.shown, &self.roster) else {
            return;
        };
        if old.session.id != new.session.id {
            return;
        }
        let was: HashMap<i64, Option<Attendance>> = old
            .lines
            .iter()
            .map(|l| (l.enrolment_id, Self::value(l)))
            .collect();
        for line in &new.lines {
            if let Some(&before) = was.get(&line.enrolment_id)
                && before != Self::value(line)
            {
                self.just_changed
                    .entry(line.enrolment_id)
                    .or_insert((before, now));
            }
        }
    }

    /// A change to the selected row, from what the screen showed.
    fn change_selected(
        &self,
        ui: &Ui,
        after: impl FnOnce(Option<Attendance>, i64) -> Attendance,
    ) -> Option<MarkChange> {
        let line = self.line()?;
        let before = self.seen_value(line, ui);
        Some(MarkChange {
            enrolment_id: line.enrolment_id,
            before,
            after: Some(after(before, self.length())),
        })
    }

    /// Whether a conflict question waits for an answer.
    fn asking(&self) -> bool {
        matches!(self.mode, Mode::Conflict { .. })
    }

    fn advance(&mut self) {
        if self.selected + 1 < self.rows() {
            self.selected += 1;
        }
    }

    /// What an undo (or a redo) of `changes` does, in words: whose mark
    /// goes to what, or how many marks.
    fn say_change(&self, changes: &[MarkChange], undoing: bool, ui: &Ui) -> String {
        let text = ui.text();
        match changes {
            [one] => fill(
                if undoing {
                    text.roster_undone
                } else {
                    text.roster_redone
                },
                &[
                    ("name", &self.name_of(one.enrolment_id).unwrap_or_default()),
                    ("mark", &saving::describe(one.after, ui)),
                ],
            ),
            many => fill(
                if undoing {
                    text.roster_undone_many
                } else {
                    text.roster_redone_many
                },
                &[("count", &many.len().to_string())],
            ),
        }
    }

    /// After undo or redo: the row it changed is selected, and what it
    /// did is said (unless the store had something to say instead).
    fn show_change(&mut self, changes: &[MarkChange], said: String) {
        if let Some(first) = changes.first()
            && let Some(index) = self.seen().and_then(|r| {
                r.lines
                    .iter()
                    .position(|l| l.enrolment_id == first.enrolment_id)
            })
        {
            self.selected = index;
        }
        if self.message.is_none() {
            self.message = Some(said);
        }
    }

    fn name_of(&self, enrolment_id: i64) -> Option<String> {
        self.seen()?
            .lines
            .iter()
            .find(|l| l.enrolment_id == enrolment_id)
            .map(|l| l.name.clone())
    }

    fn act(&mut self, action: Action, ui: &Ui) -> Outcome {
        let text = ui.text();
        let rows = self.rows();
        let marking = matches!(
            action,
            Action::MarkAll
                | Action::TogglePresent
                | Action::SetHours
                | Action::MarkLate
                | Action::MarkLeftEarly
                | Action::MarkExcused
                | Action::Undo
                | Action::Redo
        );
        if marking && self.closed() {
            self.message = Some(text.roll_call_closed.to_string());
            return Outcome::Done;
        }
        match action {
            Action::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => {
                self.selected = (self.selected + self.height.max(1)).min(rows.saturating_sub(1))
            }
            Action::PageUp => self.selected = self.selected.saturating_sub(self.height.max(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = rows.saturating_sub(1),
            Action::MarkAll => {
                let length = self.length();
                let changes: Vec<MarkChange> = self
                    .seen()
                    .iter()
                    .flat_map(|r| r.lines.iter())
                    .filter(|line| self.seen_value(line, ui).is_none())
                    .map(|line| MarkChange {
                        enrolment_id: line.enrolment_id,
                        before: None,
                        after: Some(Attendance::hours(length, Mark::Present)),
                    })
                    .collect();
                self.commit(changes, false, ui);
            }
            Action::TogglePresent => {
                let change = self.change_selected(ui, |before, length| match before {
                    Some(Attendance {
                        mark: Mark::Present,
                        ..
                    }) => Attendance::hours(0, Mark::Absent),
                    _ => Attendance::hours(length, Mark::Present),
                });
                self.commit(change.into_iter().collect(), true, ui);
            }
            Action::MarkLate | Action::MarkLeftEarly => {
                if let Some(line) = self.line() {
                    self.mode = Mode::Time {
                        typed: String::new(),
                        enrolment_id: line.enrolment_id,
                        before: self.seen_value(line, ui),
                        leaving: action == Action::MarkLeftEarly,
                    };
                }
            }
            Action::MarkExcused => {
                let change = self.change_selected(ui, |_, _| Attendance::hours(0, Mark::Excused));
                self.commit(change.into_iter().collect(), true, ui);
            }
            Action::SetHours => {
                if let Some(line) = self.line() {
                    self.mode = Mode::Hours {
                        typed: String::new(),
                        enrolment_id: line.enrolment_id,
                        before: self.seen_value(line, ui),
                    };
                }
            }
            Action::Undo => match self.undo.pop() {
                Some(batch) => {
                    let inverse: Vec<MarkChange> =
                        batch.iter().rev().map(|c| c.inverse()).collect();
                    let said = self.say_change(&inverse, true, ui);
                    match self.apply(inverse, false, ui) {
                        Some(_) => {
                            self.show_change(&batch, said);
                            self.redo.push(batch);
                        }
                        // A question now stands for it (its yes is a step
                        // of its own); refused or failed, it is kept.
                        None if self.asking() => {}
                        None => self.undo.push(batch),
                    }
                }
                None => self.message = Some(text.nothing_to_undo.to_string()),
            },
            Action::Redo => match self.redo.pop() {
                Some(batch) => match self.apply(batch.clone(), false, ui) {
                    Some(_) => {
                        let said = self.say_change(&batch, false, ui);
                        self.show_change(&batch, said);
                        self.undo.push(batch);
                    }
                    None if self.asking() => {}
                    None => self.redo.push(batch),
                },
                None => self.message = Some(text.nothing_to_redo.to_string()),
            },
            Action::Rate => {
                if let Some(enrolment_id) = self.line().map(|l| l.enrolment_id) {
                    match ui.store.rating(enrolment_id) {
                        Ok(seen) => {
                            self.mode = Mode::Rating {
                                typed: String::new(),
                                enrolment_id,
                                seen,
                            }
                        }
                        Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
                    }
                }
            }
            Action::CloseRollCall => {
                self.mode = if self.closed() {
                    Mode::ReopenReason(String::new())
                } else {
                    Mode::ConfirmClose
                };
            }
            Action::Note => {
                if let Some(line) = self.line() {
                    let subjects = vec![
                        NoteSubject::Person(line.person_id),
                        NoteSubject::Session(self.session_id),
                    ];
                    let label = format!(
                        "{}, {}",
                        line.name,
                        self.seen()
                            .map(|r| {
                                format!(
                                    "{} {}",
                                    r.session.module_code,
                                    ui.format().date_text(&r.session.date)
                                )
                            })
                            .unwrap_or_default()
                    );
                    return Outcome::Open(Box::new(NoteEditor::new(subjects, label, ui)));
                }
            }
            Action::Open => {
                if let Some(line) = self.line() {
                    return Outcome::Open(Box::new(DetailView::new(
                        Subject::Person(line.person_id),
                        ui,
                    )));
                }
            }
            // The session itself: its date, times, venue, trainer, topic.
            Action::Edit => {
                if !ui.may_plan() {
                    return Outcome::Message(ui.text().only_planners.to_string());
                }
                return Outcome::Open(super::forms::session_form(Some(self.session_id), None, ui));
            }
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }

    fn type_into(&mut self, key: Key, ui: &Ui) -> Outcome {
        let text = ui.text();
        let typed = match &mut self.mode {
            Mode::Hours { typed, .. }
            | Mode::Time { typed, .. }
            | Mode::ReopenReason(typed)
            | Mode::Rating { typed, .. } => typed,
            _ => return Outcome::Done,
        };
        match key {
            Key::Char(c) => {
                typed.push(c);
                return Outcome::Done;
            }
            Key::Backspace => {
                typed.pop();
                return Outcome::Done;
            }
            Key::Esc => {
                self.mode = Mode::Normal;
                return Outcome::Done;
            }
            Key::Enter => {}
            _ => return Outcome::Done,
        }
        if matches!(&self.mode, Mode::ReopenReason(reason) if reason.trim().is_empty()) {
            return Outcome::Done;
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Hours {
                typed,
                enrolment_id,
                before,
            } => self.save_hours(&typed, enrolment_id, before, ui),
            Mode::Time {
                typed,
                enrolment_id,
                before,
                leaving,
            } => self.save_time(&typed, enrolment_id, before, leaving, ui),
            Mode::Rating {
                typed,
                enrolment_id,
                seen,
            } => match crate::domain::parse_rating(&typed) {
                None => self.message = Some(fill(text.rating_invalid, &[("input", &typed)])),
                Some((score, comment)) => self.rate(enrolment_id, seen, score, comment, ui),
            },
            Mode::ReopenReason(reason) => {
                let outcome = ui
                    .store
                    .reopen_roll_call(&ui.actor(), self.session_id, &reason);
                self.roll_call_said(outcome, false, ui);
            }
            _ => {}
        }
        Outcome::Done
    }
    /// The question or prompt waiting for the user, if any.
    fn prompt(&self, ui: &Ui) -> Option<String> {
        let text = ui.text();
        match &self.mode {
            Mode::Hours { typed, .. } => Some(format!(
                "{}{typed}_",
                fill(
                    text.hours_prompt,
                    &[("max", &ui.format().hours(self.length()))]
                )
            )),
            Mode::Time { typed, leaving, .. } => {
                let (start, end) = self.span();
                let template = if *leaving {
                    text.leaving_prompt
                } else {
                    text.arrival_prompt
                };
                Some(format!(
                    "{}{typed}_",
                    fill(
                        template,
                        &[("start", &format_clock(start)), ("end", &format_clock(end))]
                    )
                ))
            }
            Mode::ReopenReason(typed) => Some(format!("{}{typed}_", text.reopen_prompt)),
            Mode::Rating {
                typed, seen: None, ..
            } => Some(format!("{}{typed}_", text.rating_prompt)),
            Mode::Rating {
                typed,
                seen: Some(seen),
                ..
            } => Some(format!(
                "{}{typed}_",
                fill(
                    text.rating_prompt_now,
                    &[("now", &describe_rating(Some(seen), ui))]
                )
            )),
            Mode::ConfirmClose => Some(text.close_confirm.to_string()),
            Mode::Conflict { question, .. } | Mode::RatingConflict { question, .. } => {
                Some(question.clone())
            }
            Mode::Normal => None,
        }
    }
}

impl View for RosterView {
    fn printable(&self) -> Option<crate::tui::view::Printable> {
        Some(crate::tui::view::Printable::Session(self.session_id))
    }
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        self.message = None;
        match (&self.mode, input) {
            (
                Mode::Hours { .. }
                | Mode::Time { .. }
                | Mode::ReopenReason(_)
                | Mode::Rating { .. },
                Input::Text(chord),
            ) => self.type_into(chord.key, ui),
            (
                Mode::ConfirmClose | Mode::Conflict { .. } | Mode::RatingConflict { .. },
                Input::Text(chord),
            ) => {
                let answer = ui
                    .settings
                    .keys
                    .action_for(chord, &[Action::Confirm, Action::Deny]);
                match answer {
                    Some(Action::Confirm) => self.answer(true, ui),
                    Some(_) => self.answer(false, ui),
                    None => {}
                }
                Outcome::Done
            }
            (_, Input::Action(action)) => self.act(action, ui),
            (_, Input::Text(_)) => Outcome::Done,
        }
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let prompt = self.prompt(ui);
        // A question is read whole before it is answered: as many lines
        // as it takes, up to three.
        let said = prompt.as_deref().or(self.message.as_deref()).unwrap_or("");
        let width = usize::from(area.width.max(1));
        let prompt_height = said.chars().count().div_ceil(width).clamp(1, 3) as u16;
        let [
            title_area,
            others_area,
            table_area,
            summary_area,
            prompt_area,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(!self.others.is_empty())),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(prompt_height),
        ])
        .areas(area);
        // From now on the keys act on what this frame shows (a cell just
        // redrawn by someone else's change, once seen).
        self.note_changes(ui);
        self.shown = self.roster.clone();
        self.selected = self.selected.min(self.rows().saturating_sub(1));
        let Some(roster) = &self.roster else {
            frame.render_widget(
                Paragraph::new(theme.shown(self.message.as_deref().unwrap_or("")))
                    .style(theme.error),
                area,
            );
            return;
        };
        let s = &roster.session;
        let mut tags = Vec::new();
        if s.closed {
            tags.push(format!("  [{}]", text.session_closed));
        }
        if s.cancelled {
            tags.push(format!("  [{}]", text.session_cancelled));
        }
        // A long module title shrinks; the tags saying the roll call is
        // closed or the session cancelled always show.
        let tags_width: usize = tags.iter().map(|t| t.width()).sum();
        let heading = crate::tui::text::fit(
            &theme.shown(&super::detail::session_heading(s, ui)),
            usize::from(title_area.width).saturating_sub(tags_width),
            theme.ascii,
        );
        let mut title = vec![Span::styled(heading.trim_end().to_string(), theme.accent)];
        title.extend(
            tags.into_iter()
                .map(|tag| Span::styled(theme.shown(&tag), theme.warning)),
        );
        frame.render_widget(Paragraph::new(Line::from(title)), title_area);
        if !self.others.is_empty() {
            let names = self.others.join(", ");
            frame.render_widget(
                Paragraph::new(theme.shown(&fill(text.roster_others, &[("names", &names)])))
                    .style(theme.warning),
                others_area,
            );
        }

        self.height = table_area.height.saturating_sub(1) as usize;
        let header = Row::new(
            [
                text.col_name,
                text.col_organisation,
                text.col_times,
                text.col_attended,
                text.col_mark,
                text.col_so_far,
                text.col_threshold,
            ]
            .map(|h| Cell::from(theme.shown(h))),
        )
        .style(theme.header);
        let mark_width = [
            text.col_mark,
            text.mark_present,
            text.mark_absent,
            text.mark_late,
            text.mark_left_early,
            text.mark_excused,
        ]
        .iter()
        .map(|word| word.chars().count())
        .max()
        .unwrap_or(10) as u16;
        // The times' column is there once a time is written: a roll call
        // without late arrivals keeps its width for the names.
        let times_width = roster
            .lines
            .iter()
            .map(|line| times_shown(line.times).chars().count())
            .max()
            .filter(|&widest| widest > 0)
            .map(|widest| widest.max(text.col_times.chars().count()))
            .unwrap_or(0) as u16;
        let constraints = [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(times_width),
            Constraint::Length(5),
            Constraint::Length(mark_width),
            Constraint::Length(6),
            Constraint::Length(
                [text.col_threshold, text.cannot_reach, text.must_attend_all]
                    .iter()
                    .map(|word| word.chars().count())
                    .max()
                    .unwrap_or(10) as u16,
            ),
        ];
        let mark = theme.pointer().chars().count() as u16;
        let widths = column_widths(&constraints, table_area.width, mark, 1);
        let name_width = widths.first().copied().unwrap_or(0);
        let organisation_width = widths.get(1).copied().unwrap_or(0);
        let rows = roster.lines.iter().map(|line| {
            let standing = line.standing(ui.settings.threshold, roster.module_total_minutes);
            // The hours still needed, or, when that is not enough, why.
            let warning = if standing.cannot_reach() {
                text.cannot_reach
            } else if standing.must_attend_all() {
                text.must_attend_all
            } else {
                ""
            };
            let needed = match standing.needed_minutes {
                0 => String::new(),
                _ if !warning.is_empty() => warning.to_string(),
                minutes => ui.format().hours(minutes),
            };
            Row::new([
                Cell::from(theme.shown(&cut(&line.name, name_width, theme.ascii))),
                Cell::from(theme.shown(&cut(&line.organisation, organisation_width, theme.ascii))),
                Cell::from(times_shown(line.times)),
                Cell::from(
                    line.minutes
                        .map(|m| ui.format().hours(m))
                        .unwrap_or_default(),
                ),
                Cell::from(theme.shown(line.mark.as_deref().map(|m| text.mark(m)).unwrap_or(""))),
                Cell::from(ui.format().hours(line.module_minutes)),
                Cell::from(theme.shown(&needed)),
            ])
            .style(if warning.is_empty() {
                Style::new()
            } else {
                theme.warning
            })
        });
        let table = Table::new(rows, constraints)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol(theme.pointer())
            .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);

        let marked = roster.lines.iter().filter(|l| l.mark.is_some()).count();
        let present = roster
            .lines
            .iter()
            .filter(|l| l.minutes.is_some_and(|m| m > 0))
            .count();
        let absent = roster.lines.iter().filter(|l| l.minutes == Some(0)).count();
        let delivered: i64 = roster.lines.iter().filter_map(|l| l.minutes).sum();
        let summary = fill(
            text.roster_summary,
            &[
                ("marked", &marked.to_string()),
                ("total", &roster.lines.len().to_string()),
                ("present", &present.to_string()),
                ("absent", &absent.to_string()),
                ("hours", &ui.format().hours(delivered)),
            ],
        );
        frame.render_widget(
            Paragraph::new(theme.shown(&summary)).style(theme.muted),
            summary_area,
        );

        if let Some(prompt) = prompt {
            frame.render_widget(
                Paragraph::new(theme.shown(&prompt))
                    .style(theme.header)
                    .wrap(Wrap { trim: false }),
                prompt_area,
            );
        } else if let Some(message) = &self.message {
            frame.render_widget(
                Paragraph::new(theme.shown(message))
                    .style(theme.warning)
                    .wrap(Wrap { trim: false }),
                prompt_area,
            );
        }
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![
            Action::MarkAll,
            Action::TogglePresent,
            Action::SetHours,
            Action::MarkLate,
            Action::MarkLeftEarly,
            Action::MarkExcused,
            Action::Undo,
            Action::Redo,
            Action::Note,
            Action::Rate,
            Action::CloseRollCall,
            Action::Open,
            Action::Edit,
        ];
        actions.extend_from_slice(MOVES);
        actions
    }

    fn hints(&self) -> Vec<Action> {
        // A closed roll call takes no marks: its keys say so when
        // pressed, but are not offered.
        let marking = [
            Action::MarkAll,
            Action::TogglePresent,
            Action::SetHours,
            Action::MarkLate,
            Action::MarkLeftEarly,
            Action::MarkExcused,
            Action::Undo,
            Action::Redo,
        ];
        let closed = self.closed();
        self.actions()
            .into_iter()
            .filter(|action| !(closed && marking.contains(action)))
            .collect()
    }

    fn taking_text(&self) -> bool {
        self.mode != Mode::Normal
    }

    fn refresh(&mut self, ui: &Ui) {
        self.load(ui);
    }

    fn tick(&mut self, ui: &Ui) -> bool {
        // Nothing is drawn for it: over a slow link even a redraw that
        // changes nothing costs bytes, and they would come just after
        // the frame the key drew.
        ui.settings.clock.now().as_second() - self.last_presence >= PRESENCE_EVERY
            && self.announce(ui)
    }

    /// Until this screen has said it is open, the first tick comes soon.
    fn waiting(&self) -> bool {
        self.last_presence == 0
    }

    fn leave(&mut self, ui: &Ui) {
        let _ = ui.store.leave_presence(&self.token);
    }
}
