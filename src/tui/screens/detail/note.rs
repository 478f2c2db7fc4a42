//! A note: its follow-up and its text.

use super::DetailLine;
use crate::store::Result;
use crate::tui::view::Ui;

pub(super) fn note_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let note = ui.store.note(&ui.reach(), id)?;
    let title = format!(
        "{} {} {}",
        t.section_note,
        ui.format().stamp(&note.created_at, &ui.settings.zone),
        note.author
    );
    let mut lines = Vec::new();
    if note.follow_up.is_some() {
        lines.push(DetailLine::Field(
            t.col_follow_up.into(),
            t.follow_up(note.follow_up.as_deref()).into(),
        ));
        lines.push(DetailLine::Blank);
    }
    lines.extend(
        note.body
            .lines()
            .map(|line| DetailLine::Text(line.to_string())),
    );
    Ok((title, lines))
}
