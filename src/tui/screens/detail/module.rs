//! A module's detail: its facts, sessions, materials and participants.

use ratatui::style::Style;

use super::{DetailLine, LineAction, Subject, hours_of};
use crate::domain::format_clock;
use crate::store::Result;
use crate::tui::view::Ui;

pub(super) fn module_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let detail = ui.store.module_detail(&ui.reach(), id, ui.settings.today)?;
    let m = &detail.module;
    let title = format!("{} {}", m.code, m.title);
    let mut lines = vec![
        DetailLine::Field(
            t.field_axis.into(),
            format!("{} {}", m.axis_code, m.axis_title),
        ),
        DetailLine::Field(
            t.field_town.into(),
            match &m.venue {
                Some(venue) => format!("{}, {venue}", m.location),
                None => m.location.clone(),
            },
        ),
        DetailLine::Field(
            t.field_dates.into(),
            format!(
                "{} - {}",
                m.starts_on
                    .as_deref()
                    .map_or(t.none.to_string(), |d| ui.format().date_text(d)),
                m.ends_on
                    .as_deref()
                    .map_or(t.none.to_string(), |d| ui.format().date_text(d))
            ),
        ),
        DetailLine::Field(
            t.field_delivered.into(),
            format!(
                "{} / {}",
                ui.format().hours(detail.delivered_minutes),
                ui.format().hours(m.planned_minutes)
            ),
        ),
        DetailLine::Field(
            t.field_places.into(),
            format!("{}/{}", detail.participants.len(), m.capacity),
        ),
        DetailLine::Field(t.field_requests.into(), detail.requests.to_string()),
        DetailLine::Field(t.field_tutors.into(), detail.tutors.join(", ")),
        DetailLine::Blank,
        DetailLine::section(t.section_sessions, detail.sessions.len()),
    ];
    for s in &detail.sessions {
        let state = if s.cancelled { t.session_cancelled } else { "" };
        lines.push(DetailLine::Item {
            cells: vec![
                (ui.format().date_text(&s.date), 10),
                (
                    format!(
                        "{}-{}",
                        format_clock(s.start_minute),
                        format_clock(s.end_minute)
                    ),
                    11,
                ),
                (s.trainer.clone().unwrap_or_default(), 18),
                (format!("{}/{}", s.marked, detail.participants.len()), 7),
                (state.to_string(), 10),
                (s.topic.clone().unwrap_or_default(), 40),
            ],
            target: Some(Subject::Session(s.id)),
            act: LineAction::None,
            style: if s.cancelled {
                ui.theme().muted
            } else {
                Style::new()
            },
        });
    }
    let materials = ui.store.materials(id)?;
    if !materials.is_empty() {
        lines.push(DetailLine::Blank);
        lines.push(DetailLine::section(t.section_materials, materials.len()));
        for m in &materials {
            lines.push(DetailLine::item(
                vec![(m.title.clone(), 24), (m.reference.clone(), 60)],
                Some(Subject::Material(m.id)),
            ));
        }
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(
        t.section_participants,
        detail.participants.len(),
    ));
    for p in &detail.participants {
        lines.push(DetailLine::item(
            vec![
                (p.name.clone(), 28),
                (p.organisation.clone(), 30),
                (
                    hours_of(p.attended_minutes, detail.delivered_minutes, ui),
                    18,
                ),
            ],
            Some(Subject::Person(p.person_id)),
        ));
    }
    Ok((title, lines))
}
