//! A person's card: their facts, requests with hours and ratings, the
//! people they may be, their notes.

use super::{DetailLine, LineAction, Subject, hours_of};
use crate::i18n::fill;
use crate::store::Result;
use crate::tui::labels::duplicate_reasons;
use crate::tui::view::Ui;

/// Under a participation still short of the certificate's threshold:
/// the hours still needed and those left, and whether every one of them
/// is needed or the threshold is out of reach.
fn standing_line(e: &crate::store::queries::EnrolmentLine, ui: &Ui) -> Option<DetailLine> {
    let t = ui.text();
    let standing = e.standing(ui.settings.threshold);
    if standing.needed_minutes == 0 {
        return None;
    }
    let mut said = fill(
        t.card_needed,
        &[
            ("needed", &ui.format().hours(standing.needed_minutes)),
            ("remaining", &ui.format().hours(standing.remaining_minutes)),
        ],
    );
    if standing.cannot_reach() {
        said = format!("{said}: {}", t.card_cannot_reach);
    } else if standing.must_attend_all() {
        said = format!("{said}: {}", t.card_must_attend_all);
    }
    Some(DetailLine::Text(format!("      {said}")))
}

pub(super) fn person_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let card = ui.store.person_card(&ui.reach(), id, ui.settings.today)?;
    let p = &card.person;
    let title = format!("{} {}", p.surname, p.given_name);
    let optional = |value: &Option<String>| value.clone().unwrap_or_else(|| t.none.to_string());
    let mut lines = vec![
        DetailLine::Field(t.field_gender.into(), p.gender.clone()),
        DetailLine::Field(t.field_tax_code.into(), optional(&p.tax_code)),
    ];
    // Birth date, place and sex as the tax code tells them.
    if let Some(facts) = p
        .tax_code
        .as_deref()
        .and_then(|code| crate::taxcode::birth_facts(code, ui.settings.today))
    {
        lines.push(DetailLine::Field(
            t.field_birth_from_code.into(),
            crate::i18n::fill(
                t.birth_from_code,
                &[
                    ("date", &ui.format().date(facts.date)),
                    ("place", &facts.place_text()),
                    ("sex", facts.gender.letter()),
                ],
            ),
        ));
    }
    lines.extend([
        DetailLine::Field(t.field_email.into(), optional(&p.email)),
        DetailLine::Field(t.field_phone.into(), optional(&p.phone)),
        DetailLine::Field(
            t.field_organisation.into(),
            format!("{} ({})", p.organisation, p.organisation_type),
        ),
        DetailLine::Field(t.field_job.into(), optional(&p.job_title)),
        DetailLine::Blank,
        DetailLine::section(t.section_enrolments, card.enrolments.len()),
    ]);
    for e in &card.enrolments {
        let hours = if e.status == "accepted" {
            let hours = hours_of(e.attended_minutes, e.delivered_minutes, ui);
            crate::i18n::fill(t.card_hours, &[("hours", &hours)])
        } else {
            String::new()
        };
        let mut status = t.status(&e.status).to_string();
        if let Some(reason) = &e.reason {
            status = format!("{status}: {reason}");
        }
        lines.push(DetailLine::acting(
            vec![
                (e.module_code.clone(), 5),
                (e.module_title.clone(), 15),
                (ui.format().date_text(&e.received_on), 10),
                (status, 17),
                (
                    e.rating
                        .map(|r| crate::i18n::fill(t.card_rating, &[("score", &r.to_string())]))
                        .unwrap_or_default(),
                    9,
                ),
                (hours, 17),
            ],
            Some(Subject::Module(e.module_id)),
            if e.status == "accepted" {
                LineAction::Rate(e.id)
            } else {
                LineAction::None
            },
        ));
        if e.status == "accepted" {
            lines.extend(standing_line(e, ui));
        }
    }
    let duplicates = ui.store.possible_duplicates(id)?;
    if !duplicates.is_empty() {
        lines.push(DetailLine::Blank);
        lines.push(DetailLine::section(t.section_duplicates, duplicates.len()));
        for d in &duplicates {
            lines.push(DetailLine::acting(
                vec![
                    (format!("{} {}", d.surname, d.given_name), 26),
                    (d.organisation.clone(), 24),
                    (duplicate_reasons(&d.reasons, t), 28),
                ],
                Some(Subject::Person(d.person_id)),
                LineAction::Merge(d.person_id),
            ));
        }
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(t.section_notes, card.notes.len()));
    for n in &card.notes {
        lines.push(DetailLine::item(
            vec![
                (ui.format().stamp(&n.created_at, &ui.settings.zone), 16),
                (n.author.clone(), 12),
                (crate::tui::text::first_line(&n.body), 60),
            ],
            Some(Subject::Note(n.id)),
        ));
    }
    Ok((title, lines))
}
