//! Saving over someone else's change: their values are taken where this
//! user changed nothing, this user's are kept where they changed nothing,
//! and a field both changed is shown side by side and chosen.

use super::*;

/// A field both users changed: the form's index and their value.
pub(super) struct Clash {
    pub(super) field: usize,
    theirs: String,
}

impl Field {
    /// Whether two values of this field say the same: ticks in any order.
    pub(super) fn same(&self, a: &str, b: &str) -> bool {
        match &self.widget {
            Widget::Ticks { .. } => {
                fn set(v: &str) -> Vec<&str> {
                    let mut items: Vec<&str> = v.split('\n').filter(|i| !i.is_empty()).collect();
                    items.sort_unstable();
                    items
                }
                set(a) == set(b)
            }
            _ => a == b,
        }
    }

    /// Puts `value` in the field, as if typed or chosen.
    pub(super) fn set_value(&mut self, value: &str) {
        match &mut self.widget {
            Widget::Text(area) => {
                let mut fresh = TextArea::new(vec![value.to_string()]);
                fresh.move_cursor(CursorMove::End);
                **area = fresh;
            }
            Widget::Choice {
                options,
                index,
                typed,
                ..
            } => {
                typed.clear();
                *index = options.iter().position(|(v, _)| v == value);
                if index.is_none() && !value.is_empty() {
                    options.push((value.to_string(), value.to_string()));
                    *index = Some(options.len() - 1);
                }
            }
            Widget::Ticks {
                options, ticked, ..
            } => {
                let wanted: Vec<&str> = value.split('\n').collect();
                for ((option, _), tick) in options.iter().zip(ticked.iter_mut()) {
                    *tick = wanted.contains(&option.as_str());
                }
            }
        }
    }

    /// A value of this field as the user reads it: a choice's label,
    /// ticks' labels.
    pub(super) fn shown_value(&self, value: &str) -> String {
        match &self.widget {
            Widget::Text(_) => value.to_string(),
            Widget::Choice { options, .. } => options
                .iter()
                .find(|(v, _)| v == value)
                .map_or_else(|| value.to_string(), |(_, label)| label.clone()),
            Widget::Ticks { options, .. } => value
                .split('\n')
                .filter(|v| !v.is_empty())
                .map(|v| {
                    options
                        .iter()
                        .find(|(o, _)| o == v)
                        .map_or(v, |(_, label)| label.as_str())
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
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
