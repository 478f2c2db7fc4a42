//! Undo and redo: each walks one step of this screen's marks back or
//! forth, says what it changed and selects that row.

use super::*;

impl RosterView {
    /// Undoes the last step: its marks go back to what they were.
    pub(super) fn undo_last(&mut self, ui: &Ui) {
        match self.undo.pop() {
            Some(batch) => {
                let inverse: Vec<MarkChange> = batch.iter().rev().map(|c| c.inverse()).collect();
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
            None => self.message = Some(ui.text().nothing_to_undo.to_string()),
        }
    }

    /// Redoes the last step undone.
    pub(super) fn redo_last(&mut self, ui: &Ui) {
        match self.redo.pop() {
            Some(batch) => match self.apply(batch.clone(), false, ui) {
                Some(_) => {
                    let said = self.say_change(&batch, false, ui);
                    self.show_change(&batch, said);
                    self.undo.push(batch);
                }
                None if self.asking() => {}
                None => self.redo.push(batch),
            },
            None => self.message = Some(ui.text().nothing_to_redo.to_string()),
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
}
