//! The checks of the plan: clashes and modules whose hours do not add up.

use super::{DetailLine, Subject};
use crate::store::Result;
use crate::tui::labels::clash_line;
use crate::tui::view::Ui;

/// Every clash of trainers, tutors and venues, then the modules whose
/// sessions add up to other hours than planned.
pub(super) fn clash_lines(ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let clashes = ui.store.clashes()?;
    let hours = ui.store.hours_mismatches(None)?;
    let mut lines = vec![DetailLine::section(t.clashes_title, clashes.len())];
    if clashes.is_empty() {
        lines.push(DetailLine::Text(t.clashes_none.to_string()));
    }
    for clash in &clashes {
        lines.push(DetailLine::item(
            vec![(clash_line(clash, ui), 200)],
            clash.second.session_id.map(Subject::Session),
        ));
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(t.section_hours, hours.len()));
    for m in &hours {
        lines.push(DetailLine::item(
            vec![(
                crate::i18n::fill(
                    t.hours_line,
                    &[
                        ("code", &m.module_code),
                        ("scheduled", &ui.format().hours(m.scheduled_minutes)),
                        ("planned", &ui.format().hours(m.planned_minutes)),
                    ],
                ),
                200,
            )],
            Some(Subject::Module(m.module_id)),
        ));
    }
    Ok((t.checks_title.to_string(), lines))
}
