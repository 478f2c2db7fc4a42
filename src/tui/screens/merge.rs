//! Before two records of one person become one: both side by side, field
//! by field, with what the kept one will have and which requests move or
//! fold, then the question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

use crate::i18n::{Catalogue, fill};
use crate::keys::{Action, Key};
use crate::store::people::{MergePreview, Merged};
use crate::tui::view::{Input, Outcome, Ui, View};

pub struct MergeView {
    keep: i64,
    drop: i64,
    preview: Result<MergePreview, String>,
}

impl MergeView {
    pub fn new(keep: i64, drop: i64, ui: &Ui) -> MergeView {
        MergeView {
            keep,
            drop,
            preview: ui
                .store
                .merge_preview(keep, drop)
                .map_err(|e| crate::store::describe(&e, ui.text())),
        }
    }
}

/// The label of a person's field, as the person form names it.
fn label(field: &str, text: &Catalogue) -> &'static str {
    match field {
        "surname" => text.lbl_surname,
        "given_name" => text.lbl_given_name,
        "gender" => text.lbl_gender,
        "tax_code" => text.lbl_tax_code,
        "email" => text.lbl_email,
        "phone" => text.lbl_phone,
        "organisation" => text.lbl_organisation,
        "organisation_type" => text.lbl_org_type,
        _ => text.lbl_job,
    }
}

/// What the status line says once the merge is done: what moved and
/// what was folded, apart.
pub fn merged_message(merged: &Merged, text: &Catalogue) -> String {
    fill(
        text.merged_detail,
        &[
            ("moved", &merged.enrolments_moved.to_string()),
            ("folded", &merged.enrolments_joined.to_string()),
            ("marks", &merged.attendance_moved.to_string()),
            ("notes", &merged.notes_moved.to_string()),
        ],
    )
}

impl View for MergeView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let Input::Text(chord) = input else {
            return Outcome::NotMine;
        };
        if chord.key == Key::Esc {
            return Outcome::Close;
        }
        match ui
            .settings
            .keys
            .action_for(chord, &[Action::Confirm, Action::Deny])
        {
            Some(Action::Confirm) if self.preview.is_ok() => {
                match ui.store.merge_people(&ui.actor(), self.keep, self.drop) {
                    Ok(merged) => Outcome::CloseWith(merged_message(&merged, ui.text())),
                    Err(e) => Outcome::CloseWith(crate::store::describe(&e, ui.text())),
                }
            }
            Some(_) => Outcome::Close,
            None => Outcome::Done,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let preview = match &self.preview {
            Ok(preview) => preview,
            Err(why) => {
                frame.render_widget(Paragraph::new(theme.shown(why)).style(theme.error), area);
                return;
            }
        };
        let rows_height = preview.fields.len() as u16 + 1;
        let [title, table, requests, question] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(rows_height + 1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(theme.shown(&fill(
                text.merge_title,
                &[("other", &preview.other_name), ("kept", &preview.kept_name)],
            )))
            .style(theme.accent),
            title,
        );
        let rows = preview.fields.iter().map(|f| {
            let result = if f.taken_from_other {
                format!("{} {}", theme.shown(&f.result), text.merge_taken_mark)
            } else {
                theme.shown(&f.result)
            };
            let row = Row::new(vec![
                label(f.field, text).to_string(),
                theme.shown(&f.kept),
                theme.shown(&f.other),
                result,
            ]);
            if f.taken_from_other {
                row.style(theme.warning)
            } else {
                row
            }
        });
        frame.render_widget(
            Table::new(
                rows,
                [
                    Constraint::Length(18),
                    Constraint::Fill(1),
                    Constraint::Fill(1),
                    Constraint::Fill(1),
                ],
            )
            .header(
                Row::new(vec![
                    text.merge_col_field,
                    text.merge_col_kept,
                    text.merge_col_other,
                    text.merge_col_result,
                ])
                .style(theme.header),
            ),
            table,
        );
        let none = text.none.to_string();
        let list = |codes: &[String]| {
            if codes.is_empty() {
                none.clone()
            } else {
                theme.shown(&codes.join(", "))
            }
        };
        let lines = vec![
            Line::raw(fill(
                text.merge_moving,
                &[
                    ("count", &preview.moving.len().to_string()),
                    ("modules", &list(&preview.moving)),
                ],
            )),
            Line::raw(fill(
                text.merge_folding,
                &[
                    ("count", &preview.folding.len().to_string()),
                    ("modules", &list(&preview.folding)),
                ],
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), requests);
        frame.render_widget(
            Paragraph::new(text.merge_question).style(theme.header),
            question,
        );
    }

    fn actions(&self) -> Vec<Action> {
        vec![Action::Confirm, Action::Deny]
    }

    fn taking_text(&self) -> bool {
        true
    }
}
