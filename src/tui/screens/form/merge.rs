//! Saving over someone else's change: their values are taken where this
//! user changed nothing, this user's are kept where they changed nothing,
//! and a field both changed is shown side by side and chosen.

use super::*;

/// A field both users changed: the form's index and their value.
pub(super) struct Clash {
    pub(super) field: usize,
    theirs: String,
}

impl Form {
    /// Takes in someone else's saved values: theirs where this user
    /// changed nothing, this user's where they changed nothing, and a
    /// clash to choose where both changed a field differently. From now
    /// on the form's starting point is their version.
    pub(super) fn merge(&mut self, theirs: &[String]) {
        self.clashes.clear();
        for (index, (field, theirs)) in self.fields.iter_mut().zip(theirs).enumerate() {
            let mine = field.value();
            if field.same(theirs, &field.initial) || field.same(&mine, theirs) {
                // They left it, or both wrote the same.
            } else if field.same(&mine, &field.initial) {
                field.set_value(theirs);
            } else {
                self.clashes.push(Clash {
                    field: index,
                    theirs: theirs.clone(),
                });
                continue;
            }
            field.initial = theirs.clone();
        }
    }

    /// The choice for the first clash: their value, or this user's.
    pub(super) fn choose(&mut self, theirs: bool, ui: &Ui) -> Outcome {
        if self.clashes.is_empty() {
            self.mode = Mode::Editing;
            return Outcome::Done;
        }
        let clash = self.clashes.remove(0);
        if let Some(field) = self.fields.get_mut(clash.field) {
            if theirs {
                field.set_value(&clash.theirs);
            }
            field.initial = clash.theirs;
        }
        self.check(ui);
        if self.clashes.is_empty() {
            self.mode = Mode::Editing;
            self.save(false, ui)
        } else {
            self.focus = self.clashes[0].field;
            Outcome::Done
        }
    }

    /// The question of the first clash, and the two values side by side.
    pub(super) fn clash_lines(&self, ui: &Ui) -> Option<(String, String, String)> {
        let t = ui.text();
        let clash = self.clashes.first()?;
        let field = self.fields.get(clash.field)?;
        let (by, at) = &self.their_change;
        let when = crate::tui::labels::when(at.as_deref(), ui);
        let question = fill(
            t.form_clash,
            &[
                ("who", by.as_deref().unwrap_or(t.someone)),
                ("label", field.label),
                ("when", &when),
            ],
        );
        let theirs = fill(
            t.form_clash_theirs,
            &[("value", &field.shown_value(&clash.theirs))],
        );
        let yours = fill(
            t.form_clash_yours,
            &[("value", &field.shown_value(&field.value()))],
        );
        Some((question, theirs, yours))
    }
}

/// A clash drawn below the fields: the question, then their value and
/// this user's side by side.
pub(super) fn side_by_side(
    frame: &mut Frame,
    area: Rect,
    question: &str,
    theirs: &str,
    yours: &str,
    ui: &Ui,
) {
    let theme = ui.theme();
    let area = Rect {
        y: area.y.saturating_add(1).min(area.bottom()),
        height: area.height.saturating_sub(1),
        ..area
    };
    let [question_area, values_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(theme.shown(question))
            .style(theme.warning)
            .wrap(Wrap { trim: true }),
        question_area,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(values_area);
    for (text, place) in [(theirs, left), (yours, right)] {
        frame.render_widget(
            Paragraph::new(theme.shown(text))
                .style(theme.header)
                .wrap(Wrap { trim: true }),
            place,
        );
    }
}
