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

use crate::domain::{Mark, format_clock, parse_hours};
use crate::i18n::fill;
use crate::keys::Action;
use crate::store::attendance::{Attendance, MarkChange, MarkRefusal, RollCallOutcome, Times};
use crate::store::queries::{Roster, RosterLine};
use crate::store::ratings::{Rating, RatingOutcome};
use crate::tui::text::{column_widths, cut};
use crate::tui::view::{Answer, Input, MOVES, Outcome, Prompt, Question, Ui, View};

mod drawing;
mod keys;
mod prompts;
mod saving;
mod summary;
mod times;
mod undo;
use saving::describe_rating;
use times::times_shown;

/// How often an open roster renews its presence, in seconds.
const PRESENCE_EVERY: i64 = 10;

/// What the roster waits for in the app's popup (a line typed, or yes
/// or no), if anything; the answer comes back through `answered`.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    /// The hours attended by a participant, whose cell showed `before`
    /// when `h` was pressed.
    Hours {
        enrolment_id: i64,
        before: Option<Attendance>,
    },
    /// When a participant arrived (`l`) or left (`e`, `leaving`), whose
    /// cell showed `before` when the key was pressed.
    Time {
        enrolment_id: i64,
        before: Option<Attendance>,
        leaving: bool,
    },
    /// Why a closed roll call is reopened.
    ReopenReason,
    /// A participant's rating of the module; `seen` is the rating the
    /// prompt showed.
    Rating {
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

    fn name_of(&self, enrolment_id: i64) -> Option<String> {
        self.seen()?
            .lines
            .iter()
            .find(|l| l.enrolment_id == enrolment_id)
            .map(|l| l.name.clone())
    }
}

impl View for RosterView {
    fn printable(&self) -> Option<crate::tui::view::Printable> {
        Some(crate::tui::view::Printable::Session(self.session_id))
    }
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        self.message = None;
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let outcome = self.act(action, ui);
        // A key that needs a line typed or a question answered (a
        // conflict found while saving) asks through the app's popup.
        match outcome {
            Outcome::Done => self.popup(ui).unwrap_or(Outcome::Done),
            other => other,
        }
    }

    fn answered(&mut self, answer: Answer, ui: &Ui) -> Outcome {
        self.message = None;
        match answer {
            Answer::Text(typed) => self.typed(&typed, ui),
            Answer::Yes => self.answer(true, ui),
            Answer::No => self.answer(false, ui),
        }
        // Saving may have found another user's change to ask about.
        self.popup(ui).unwrap_or(Outcome::Done)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        self.draw_roster(frame, area, ui);
    }

    fn drawn(&mut self, area: Rect, ui: &Ui) {
        self.seen_drawn(area, ui);
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
        // Nor is what would do nothing now: marking all present with
        // nobody left unmarked, undo or redo with nothing to walk.
        let everyone_marked = self
            .seen()
            .is_some_and(|r| r.lines.iter().all(|l| l.mark.is_some()));
        self.actions()
            .into_iter()
            .filter(|action| !(closed && marking.contains(action)))
            .filter(|action| match action {
                Action::MarkAll => !everyone_marked,
                Action::Undo => !self.undo.is_empty(),
                Action::Redo => !self.redo.is_empty(),
                _ => true,
            })
            .collect()
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
