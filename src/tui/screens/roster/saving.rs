//! Writing from the roster: a batch of marks against the cells as drawn,
//! hours and ratings against what their prompt showed, closing and
//! reopening; what someone else changed meanwhile becomes a question,
//! and a refusal or a failure is said with the screen left as it was.

use super::*;
use crate::tui::labels::when;

impl RosterView {
    /// Saves a new batch of changes as one step of the undo history; the
    /// cursor moves on (`advance`) only once it landed.
    pub(super) fn commit(&mut self, changes: Vec<MarkChange>, advance: bool, ui: &Ui) {
        if let Some(written) = self.apply(changes, advance, ui) {
            if !written.is_empty() {
                self.undo.push(written);
                self.redo.clear();
            }
            if advance {
                self.advance();
            }
        }
    }

    /// Writes a batch; returns the changes written when it landed (none
    /// when the register already held them). A conflict is put to the
    /// user as a question instead; a refusal or a failure is said, and
    /// the screen stays where it was.
    pub(super) fn apply(
        &mut self,
        changes: Vec<MarkChange>,
        advance: bool,
        ui: &Ui,
    ) -> Option<Vec<MarkChange>> {
        if changes.is_empty() {
            return None;
        }
        let text = ui.text();
        match ui.store.mark(&ui.actor(), self.session_id, &changes) {
            Ok(Ok(report)) if report.conflicts.is_empty() => {
                self.reload_lines(&changes, ui);
                Some(report.written)
            }
            Ok(Ok(report)) => {
                self.load(ui);
                let first = &report.conflicts[0];
                let name = self.name_of(first.enrolment_id).unwrap_or_default();
                let ours = changes
                    .iter()
                    .find(|c| c.enrolment_id == first.enrolment_id)
                    .and_then(|c| c.after);
                let values = [
                    ("count", report.conflicts.len().to_string()),
                    (
                        "who",
                        first.by.clone().unwrap_or_else(|| text.someone.to_string()),
                    ),
                    ("name", name),
                    ("theirs", describe(first.current, ui)),
                    ("when", when(first.at.as_deref(), ui)),
                    ("yours", describe(ours, ui)),
                ];
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let template = if report.conflicts.len() > 1 {
                    text.marks_conflict
                } else {
                    text.mark_conflict
                };
                let question = fill(template, &values);
                // Asked again against what the register holds now.
                let rebased = changes
                    .into_iter()
                    .map(|c| MarkChange {
                        before: match report
                            .conflicts
                            .iter()
                            .find(|k| k.enrolment_id == c.enrolment_id)
                        {
                            Some(conflict) => conflict.current,
                            None => c.before,
                        },
                        ..c
                    })
                    .collect();
                self.mode = Mode::Conflict {
                    changes: rebased,
                    question,
                    advance,
                };
                None
            }
            Ok(Err(refusal)) => {
                self.message = Some(refusal.text(text));
                None
            }
            Err(e) => {
                self.message = Some(crate::store::describe(&e, ui.text()));
                None
            }
        }
    }

    /// Reads again the lines a saved batch changed, and puts our own
    /// change into what the screen shows (the next draw shows it anyway);
    /// other users' changes come with the next check for changes
    /// (`refresh`), and reach the keys once drawn.
    pub(super) fn reload_lines(&mut self, changes: &[MarkChange], ui: &Ui) {
        for change in changes {
            self.just_changed.remove(&change.enrolment_id);
        }
        if let Some(shown) = self.shown.as_mut() {
            for change in changes {
                if let Some(line) = shown
                    .lines
                    .iter_mut()
                    .find(|l| l.enrolment_id == change.enrolment_id)
                {
                    line.minutes = change.after.map(|a| a.minutes);
                    line.mark = change.after.map(|a| a.mark.as_str().to_string());
                    line.times = change.after.map(|a| a.times).unwrap_or_default();
                }
            }
        }
        if changes.len() > LINES_READ_ONE_BY_ONE {
            return self.load(ui);
        }
        let Some(roster) = self.roster.as_mut() else {
            return self.load(ui);
        };
        for change in changes {
            let line = ui.store.roster_line(&roster.session, change.enrolment_id);
            let place = roster
                .lines
                .iter()
                .position(|l| l.enrolment_id == change.enrolment_id);
            match (line, place) {
                (Ok(Some(line)), Some(index)) => roster.lines[index] = line,
                // Gone from the roster meanwhile, or unreadable: the
                // whole roster says what is there now.
                _ => return self.load(ui),
            }
        }
    }

    /// Enter on the hours prompt: the hours typed, against the cell as
    /// it was shown when `h` was pressed.
    pub(super) fn save_hours(
        &mut self,
        typed: &str,
        enrolment_id: i64,
        before: Option<Attendance>,
        ui: &Ui,
    ) {
        let text = ui.text();
        let length = self.length();
        match parse_hours(typed) {
            None => {
                self.message = Some(fill(text.hours_not_a_number, &[("input", typed)]));
            }
            Some(minutes) if minutes > length => {
                self.message = Some(fill(
                    text.hours_too_many,
                    &[("input", typed), ("max", &ui.format().hours(length))],
                ));
            }
            Some(minutes) if minutes % crate::domain::QUARTER_HOUR != 0 => {
                self.message = Some(fill(text.hours_not_quarter, &[("input", typed)]));
            }
            Some(minutes) => {
                let mark = match before {
                    Some(a) if a.mark == Mark::Late && minutes > 0 => Mark::Late,
                    _ => Mark::from_minutes(minutes, length),
                };
                let change = MarkChange {
                    enrolment_id,
                    before,
                    // Hours typed directly stand alone: the times that
                    // gave the earlier hours no longer say how many.
                    after: Some(Attendance::hours(minutes, mark)),
                };
                self.commit(vec![change], true, ui);
            }
        }
    }

    /// Saves a rating over the one the prompt showed (`seen`); asks when
    /// someone else changed it meanwhile.
    pub(super) fn rate(
        &mut self,
        enrolment_id: i64,
        seen: Option<Rating>,
        score: i64,
        comment: Option<String>,
        ui: &Ui,
    ) {
        let text = ui.text();
        match ui
            .store
            .rate(&ui.actor(), enrolment_id, seen, score, comment.as_deref())
        {
            Ok(Ok(RatingOutcome::Saved)) => {
                self.message = Some(fill(text.rating_saved, &[("score", &score.to_string())]));
            }
            Ok(Ok(RatingOutcome::Stale { current, by, at })) => {
                let yours = Rating {
                    score,
                    comment: comment.clone(),
                };
                let question = fill(
                    text.rating_conflict,
                    &[
                        ("who", by.as_deref().unwrap_or(text.someone)),
                        ("name", &self.name_of(enrolment_id).unwrap_or_default()),
                        ("theirs", &describe_rating(current.as_ref(), ui)),
                        ("when", &when(at.as_deref(), ui)),
                        ("yours", &describe_rating(Some(&yours), ui)),
                    ],
                );
                self.mode = Mode::RatingConflict {
                    enrolment_id,
                    seen: current,
                    score,
                    comment,
                    question,
                };
            }
            Ok(Err(refusal)) => self.message = Some(refusal.text(text)),
            Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
        }
    }

    /// Says what closing or reopening did: nothing to say when done,
    /// who did it first when someone had, and why not when refused.
    pub(super) fn roll_call_said(
        &mut self,
        outcome: crate::store::Result<Result<RollCallOutcome, MarkRefusal>>,
        closed: bool,
        ui: &Ui,
    ) {
        let text = ui.text();
        let already = if closed {
            text.roll_call_already_closed
        } else {
            text.roll_call_already_open
        };
        if let Ok(Ok(_)) = &outcome
            && let Some(shown) = self.shown.as_mut()
        {
            // Done, by this user or another: the keys that follow act on
            // the roll call as it now is, as the next frame shows it.
            shown.session.closed = closed;
        }
        match outcome {
            Ok(Ok(RollCallOutcome::Done)) => {}
            Ok(Ok(RollCallOutcome::AlreadyDone { by, at })) => {
                self.message = Some(fill(
                    already,
                    &[
                        ("who", by.as_deref().unwrap_or(text.someone)),
                        ("when", &when(at.as_deref(), ui)),
                    ],
                ));
            }
            Ok(Err(refusal)) => self.message = Some(refusal.text(text)),
            Err(e) => self.message = Some(crate::store::describe(&e, ui.text())),
        }
        self.load(ui);
    }

    pub(super) fn answer(&mut self, yes: bool, ui: &Ui) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        if let Mode::Conflict { changes, .. } = &mode {
            // The question showed their values: seen now, whatever the
            // answer.
            for change in changes {
                self.just_changed.remove(&change.enrolment_id);
            }
        }
        if !yes {
            return;
        }
        match mode {
            Mode::ConfirmClose => {
                let outcome = ui.store.close_roll_call(&ui.actor(), self.session_id);
                self.roll_call_said(outcome, true, ui);
            }
            Mode::Conflict {
                changes, advance, ..
            } => self.commit(changes, advance, ui),
            Mode::RatingConflict {
                enrolment_id,
                seen,
                score,
                comment,
                ..
            } => self.rate(enrolment_id, seen, score, comment, ui),
            _ => {}
        }
    }
}

pub(super) fn describe(value: Option<Attendance>, ui: &Ui) -> String {
    match value {
        Some(a) if !a.times.is_empty() => format!(
            "{} {}h ({})",
            ui.text().mark(a.mark.as_str()),
            ui.format().hours(a.minutes),
            times_shown(a.times)
        ),
        Some(a) => format!(
            "{} {}h",
            ui.text().mark(a.mark.as_str()),
            ui.format().hours(a.minutes)
        ),
        None => ui.text().not_marked.to_string(),
    }
}

pub(super) fn describe_rating(value: Option<&Rating>, ui: &Ui) -> String {
    match value {
        Some(Rating {
            score,
            comment: Some(comment),
        }) => format!("{score} ({comment})"),
        Some(Rating { score, .. }) => score.to_string(),
        None => ui.text().no_rating.to_string(),
    }
}
