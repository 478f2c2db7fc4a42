//! Words several screens show about the same things (a session's
//! heading, why a record cannot go, what a draft is about, a moment of
//! today), built from the catalogue and the record: here once, so that
//! no screen borrows them from another.

use crate::domain::format_clock;
use crate::i18n::{Catalogue, fill};
use crate::planning::{Clash, ClashKind};
use crate::store::enrolments::Crowding;
use crate::store::notes::NoteSubject;
use crate::store::planning::Keeps;
use crate::tui::view::Ui;

/// The subjects of a note or a draft as the editor's title shows them.
pub fn subjects_label(subjects: &[NoteSubject], ui: &Ui) -> String {
    match ui.store.subjects_label(subjects) {
        Ok(label) if !label.is_empty() => label,
        _ => ui.text().drafts_no_subject.to_string(),
    }
}

/// Why a module or a session cannot be deleted, in words.
pub fn keeps_text(keeps: Keeps, ui: &Ui) -> String {
    let t = ui.text();
    let (template, count) = match keeps {
        Keeps::Attendance(n) => (t.keeps_attendance, n),
        Keeps::Enrolments(n) => (t.keeps_enrolments, n),
        Keeps::Notes(n) => (t.keeps_notes, n),
    };
    fill(template, &[("count", &count.to_string())])
}

/// Why two people may be one, in words.
pub fn duplicate_reasons(
    reasons: &[crate::store::people::DuplicateReason],
    t: &Catalogue,
) -> String {
    use crate::store::people::DuplicateReason::*;
    reasons
        .iter()
        .map(|reason| match reason {
            SameTaxCode => t.dup_tax_code,
            SameEmail => t.dup_email,
            SameNameAndBirth => t.dup_name_birth,
            SameNameAndOrganisation => t.dup_name_organisation,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A session as its screens head it: `M01 Accoglienza  2026-11-26 09:00-13:00`.
pub fn session_heading(s: &crate::store::queries::Session, ui: &Ui) -> String {
    session_heading_within(s, usize::MAX, false, ui)
}

/// The session's heading in at most `width` columns: the module's title
/// gives way first, with an ellipsis; its code, the day and the times
/// stay, for they say which roll call this is.
pub fn session_heading_within(
    s: &crate::store::queries::Session,
    width: usize,
    ascii: bool,
    ui: &Ui,
) -> String {
    use unicode_width::UnicodeWidthStr;
    let code = format!("{} ", s.module_code);
    let when = format!(
        "  {} {}-{}",
        ui.format().date_text(&s.date),
        format_clock(s.start_minute),
        format_clock(s.end_minute)
    );
    let room = width.saturating_sub(code.width() + when.width());
    let title = crate::tui::text::cut(&s.module_title, room, ascii);
    crate::tui::text::cut(&format!("{code}{title}{when}"), width, ascii)
}

/// A stored moment (UTC) as the user reads it: the time alone when it
/// is today where the user is, else the date and time.
pub fn when(at: Option<&str>, ui: &Ui) -> String {
    let Some(at) = at else {
        return String::new();
    };
    let zone = &ui.settings.zone;
    match at.parse::<jiff::Timestamp>() {
        Ok(instant) => {
            let local = instant.to_zoned_datetime(zone.clone());
            let today = ui.settings.clock.now().to_zoned_datetime(zone.clone());
            if local.date() == today.date() {
                local.strftime("%H:%M").to_string()
            } else {
                ui.format().stamp(at, zone)
            }
        }
        Err(_) => ui.format().stamp(at, zone),
    }
}

/// The question before accepting beyond a module's places: how many are
/// taken, and who was waiting before this person. The queue and the
/// person card's form ask it.
pub fn capacity_question(crowding: &Crowding, ui: &Ui) -> String {
    let text = ui.text();
    let waiting = if crowding.waiting_before.is_empty() {
        String::new()
    } else {
        fill(
            text.waiting_before,
            &[
                ("count", &crowding.waiting_before.len().to_string()),
                ("names", &crowding.waiting_before.join(", ")),
            ],
        )
    };
    fill(
        text.capacity_question,
        &[
            ("module", &crowding.module_code),
            ("taken", &crowding.participants.to_string()),
            ("places", &crowding.capacity.to_string()),
            ("waiting", &waiting),
        ],
    )
}

/// The question before a module's places go below its participants:
/// nobody is removed, but the module is then beyond capacity. `None`
/// when the places still hold everyone.
pub fn capacity_lowered_question(
    module_id: i64,
    draft: &crate::store::planning::ModuleDraft,
    ui: &Ui,
) -> Option<String> {
    let participants = ui.store.module_participants(module_id).ok()?;
    (draft.capacity < participants).then(|| {
        fill(
            ui.text().capacity_lowered,
            &[
                ("module", &draft.code),
                ("taken", &participants.to_string()),
                ("places", &draft.capacity.to_string()),
            ],
        )
    })
}

/// A clash of trainers, tutors or venues in one line: who, and the two
/// sessions.
pub fn clash_line(clash: &Clash, ui: &Ui) -> String {
    let t = ui.text();
    let kind = match clash.kind {
        ClashKind::Trainer => t.clash_trainer,
        ClashKind::Tutor => t.clash_tutor,
        ClashKind::Venue => t.clash_venue,
    };
    let at = |b: &crate::planning::Booking| {
        format!(
            "{} {} {}-{}",
            b.module_code,
            ui.format().date(b.date),
            format_clock(b.start_minute),
            format_clock(b.end_minute)
        )
    };
    fill(
        t.clash_line,
        &[
            ("kind", kind),
            ("name", &clash.name),
            ("first", &at(&clash.first)),
            ("second", &at(&clash.second)),
        ],
    )
}
