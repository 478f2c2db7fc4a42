//! A session's detail, for whoever cannot open its roster: its facts and
//! who was there.

use super::{DetailLine, LineAction, Subject};
use crate::store::Result;
use crate::tui::labels::session_heading;
use crate::tui::view::Ui;

pub(super) fn session_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    ui.store.check_session(&ui.reach(), id)?;
    let roster = ui.store.roster(id)?;
    let s = &roster.session;
    let title = session_heading(s, ui);
    let state = if s.cancelled {
        t.session_cancelled
    } else if s.closed {
        t.session_closed
    } else {
        t.session_open
    };
    let mut lines = vec![
        DetailLine::Field(
            t.field_trainer.into(),
            s.trainer.clone().unwrap_or_default(),
        ),
        DetailLine::Field(t.field_topic.into(), s.topic.clone().unwrap_or_default()),
        DetailLine::Field(t.field_venue.into(), s.venue.clone().unwrap_or_default()),
        DetailLine::Field(t.field_state.into(), state.into()),
        DetailLine::Blank,
        DetailLine::section(t.section_roster, roster.lines.len()),
        DetailLine::Item {
            cells: vec![
                (t.col_name.into(), 26),
                (t.col_organisation.into(), 24),
                (t.col_attended.into(), 6),
                (t.col_mark.into(), 12),
                (t.col_so_far.into(), 7),
            ],
            target: None,
            style: ui.theme().header,
            act: LineAction::None,
        },
    ];
    for line in &roster.lines {
        lines.push(DetailLine::item(
            vec![
                (line.name.clone(), 26),
                (line.organisation.clone(), 24),
                (
                    line.minutes
                        .map(|m| ui.format().hours(m))
                        .unwrap_or_default(),
                    6,
                ),
                (
                    line.mark
                        .as_deref()
                        .map(|m| t.mark(m))
                        .unwrap_or("")
                        .to_string(),
                    12,
                ),
                (ui.format().hours(line.module_minutes), 7),
            ],
            Some(Subject::Person(line.person_id)),
        ));
    }
    Ok((title, lines))
}
