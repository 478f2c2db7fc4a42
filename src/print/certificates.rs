//! The certificates of attendance ("attestato di frequenza"): one A4
//! page per participation at or above the threshold, naming the person
//! with their birth date and place (read from the tax code, ISTAT's
//! names), the course and its hours and theirs, under a number given
//! once and kept, with the issuer, the signatory, the place and the day
//! of issue. Pages are drawn one by one as the participations are read.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{A4, Align, MARGIN, Pdf, PrintError, date, hours, percentage};
use crate::context::Actor;
use crate::i18n::{Catalogue, fill};
use crate::report::Participation;
use crate::store::Store;
use crate::store::queries::Module;

/// Whose certificates: a module's, a person's, both, or everyone's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Which {
    pub module: Option<i64>,
    pub person: Option<i64>,
}

/// The `[certificate]` settings: who issues them, who signs, where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub issuer: String,
    pub signatory: String,
    pub place: String,
    /// A PNG or JPEG printed at the top left.
    pub logo: Option<PathBuf>,
}

/// A certificate drawn: whose, and its number.
pub struct Issued {
    pub participation: Participation,
    pub number: String,
}

/// Draws the certificates `which` names, numbers given first (or found),
/// and returns what was drawn.
pub fn draw_all(
    pdf: &mut Pdf,
    store: &Store,
    actor: &Actor,
    which: Which,
    settings: &Settings,
    threshold: f64,
    t: &Catalogue,
) -> Result<Vec<Issued>, PrintError> {
    let today = actor.clock.today();
    let list: Vec<Participation> = store
        .certificates(&store.reach(&actor.user)?, which.module, today, threshold)?
        .into_iter()
        .filter(|p| which.person.is_none_or(|id| p.person_id == id))
        .collect();
    let ids: Vec<i64> = list.iter().map(|p| p.enrolment_id).collect();
    let numbers = store.issue_certificates(actor, &ids)?;
    let logo = settings
        .logo
        .as_ref()
        .and_then(|path| std::fs::read(path).ok());
    let mut modules: HashMap<i64, Module> = HashMap::new();
    let mut issued = Vec::with_capacity(list.len());
    for participation in list {
        let module = match modules.entry(participation.module_id) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(store.module(participation.module_id)?)
            }
        };
        let number = numbers
            .get(&participation.enrolment_id)
            .cloned()
            .unwrap_or_default();
        let page = Page {
            participation: &participation,
            module,
            number: &number,
            settings,
            logo: logo.as_deref(),
            today,
        };
        pdf.page(A4, |canvas| page.draw(canvas, t))?;
        issued.push(Issued {
            participation,
            number,
        });
    }
    Ok(issued)
}

/// One certificate alone, as a finished PDF in `t`'s language: the file
/// attached to the message that brings it to its person.
pub fn single(
    store: &Store,
    issued: &Issued,
    settings: &Settings,
    today: jiff::civil::Date,
    t: &Catalogue,
) -> Result<Vec<u8>, PrintError> {
    let module = store.module(issued.participation.module_id)?;
    let logo = settings
        .logo
        .as_ref()
        .and_then(|path| std::fs::read(path).ok());
    let page = Page {
        participation: &issued.participation,
        module: &module,
        number: &issued.number,
        settings,
        logo: logo.as_deref(),
        today,
    };
    let mut pdf = Pdf::new()?;
    pdf.page(A4, |canvas| page.draw(canvas, t))?;
    pdf.finish()
}

/// What one certificate shows.
struct Page<'a> {
    participation: &'a Participation,
    module: &'a Module,
    number: &'a str,
    settings: &'a Settings,
    logo: Option<&'a [u8]>,
    today: jiff::civil::Date,
}

impl Page<'_> {
    fn draw(&self, canvas: &mut super::Canvas, t: &Catalogue) {
        let width = A4.0 - 2.0 * MARGIN;
        let whole = (MARGIN, width);
        let p = self.participation;
        if let Some(logo) = self.logo {
            canvas.image(logo, (MARGIN, MARGIN), (140.0, 70.0));
        }
        let number = fill(t.print_certificate_number, &[("number", self.number)]);
        canvas.text_in(whole, MARGIN + 10.0, 9.0, false, Align::Right, &number);
        canvas.text_in(
            whole,
            150.0,
            13.0,
            true,
            Align::Centre,
            &self.settings.issuer,
        );
        let title = t.print_certificate_title.to_uppercase();
        canvas.text_in(whole, 215.0, 22.0, true, Align::Centre, &title);
        canvas.text_in(whole, 260.0, 11.0, false, Align::Centre, t.print_certifies);
        let name = format!("{} {}", p.given_name, p.surname);
        canvas.text_in(whole, 292.0, 18.0, true, Align::Centre, &name);
        let birth = p
            .tax_code
            .as_deref()
            .and_then(|code| crate::taxcode::birth_facts(code, self.today));
        if let Some(birth) = birth {
            let template = match p.gender.as_str() {
                "F" => t.print_born_f,
                "M" => t.print_born_m,
                _ => t.print_born_x,
            };
            let day = birth.date.strftime(t.date_pattern).to_string();
            let place = if birth.place.is_foreign() {
                t.print_born_abroad
            } else {
                t.print_born_town
            };
            let place = fill(place, &[("place", &birth.place_text())]);
            let line = fill(template, &[("date", &day), ("where", &place)]);
            canvas.text_in(whole, 314.0, 11.0, false, Align::Centre, &line);
        }
        canvas.text_in(whole, 346.0, 11.0, false, Align::Centre, t.print_attended);
        let mut y = 374.0;
        for line in canvas
            .wrap(&self.module.title, 14.0, true, width)
            .iter()
            .take(3)
        {
            canvas.text_in(whole, y, 14.0, true, Align::Centre, line);
            y += 18.0;
        }
        let facts = fill(
            t.print_course_facts,
            &[
                (
                    "axis",
                    &format!("{} {}", self.module.axis_code, self.module.axis_title),
                ),
                ("town", &self.module.location),
            ],
        );
        canvas.text_in(whole, y + 4.0, 10.0, false, Align::Centre, &facts);
        if let (Some(from), Some(to)) = (&self.module.starts_on, &self.module.ends_on) {
            let dates = fill(
                t.print_course_dates,
                &[("from", &date(from, t)), ("to", &date(to, t))],
            );
            canvas.text_in(whole, y + 20.0, 10.0, false, Align::Centre, &dates);
        }
        let figures = [
            (t.print_hours_planned, hours(self.module.planned_minutes, t)),
            (t.print_hours_delivered, hours(p.delivered_minutes, t)),
            (t.print_hours_attended, hours(p.attended_minutes, t)),
            (
                t.print_attendance_share,
                percentage(p.attended_minutes, p.delivered_minutes, t),
            ),
        ];
        let column = width / figures.len() as f32;
        let top = 500.0;
        canvas.line((MARGIN, top), (MARGIN + width, top), 0.5);
        for (at, (label, value)) in figures.iter().enumerate() {
            let x = (MARGIN + column * at as f32, column);
            canvas.text_in(x, top + 18.0, 9.0, false, Align::Centre, label);
            canvas.text_in(x, top + 38.0, 13.0, true, Align::Centre, value);
        }
        canvas.line((MARGIN, top + 50.0), (MARGIN + width, top + 50.0), 0.5);
        let day = self.today.strftime(t.date_pattern).to_string();
        let issued = if self.settings.place.trim().is_empty() {
            day
        } else {
            fill(
                t.print_place_and_date,
                &[("place", &self.settings.place), ("date", &day)],
            )
        };
        canvas.text_in(
            (MARGIN, width / 2.0),
            640.0,
            10.0,
            false,
            Align::Left,
            &issued,
        );
        let right = (MARGIN + width / 2.0, width / 2.0);
        canvas.text_in(right, 640.0, 10.0, false, Align::Centre, t.print_signatory);
        canvas.line(
            (right.0 + 20.0, 690.0),
            (right.0 + right.1 - 20.0, 690.0),
            0.5,
        );
        canvas.text_in(
            right,
            704.0,
            10.0,
            false,
            Align::Centre,
            &self.settings.signatory,
        );
    }
}
