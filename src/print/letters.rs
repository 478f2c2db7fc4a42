//! Letters on paper, for the people the register has no e-mail address
//! for (issue 25): each `mail send` prints the letters due into one PDF,
//! each letter starting on a page of its own, in its person's language.
//! At the head the programme's name; then the person, the day, the
//! subject and the words, over as many pages as they take.

use super::{A4, MARGIN, Pdf, PrintError};
use crate::i18n::{Catalogue, Lang, fill};
use crate::mail::PersonLanguage;

/// One letter: who it is for, in which language, and its words.
pub struct Letter<'a> {
    pub name: &'a str,
    pub language: PersonLanguage,
    pub subject: &'a str,
    pub body: &'a str,
}

const BODY_SIZE: f32 = 11.0;
const LINE: f32 = 15.0;
/// Where the words start on a letter's first page, and on the pages it
/// runs over to; where they stop.
const FIRST_BODY_TOP: f32 = 300.0;
const NEXT_BODY_TOP: f32 = 90.0;
const BODY_BOTTOM: f32 = A4.1 - 60.0;

/// The letters as one PDF: each starts on a new page. `letterhead` heads
/// each first page (the programme's name); `day` is the day of the
/// batch, as the letters are dated (`04/12/2026`).
pub fn batch(letterhead: &str, day: &str, letters: &[Letter]) -> Result<Vec<u8>, PrintError> {
    let mut pdf = Pdf::new()?;
    let width = A4.0 - 2.0 * MARGIN;
    for letter in letters {
        let t = Catalogue::get(match letter.language {
            PersonLanguage::It => Lang::It,
            PersonLanguage::En => Lang::En,
        });
        let subject = fill(t.mail_letter_subject, &[("subject", letter.subject)]);
        let subject_lines = pdf.wrap(&subject, BODY_SIZE, true, width);
        let mut lines: Vec<String> = Vec::new();
        for paragraph in letter.body.trim_end().lines() {
            let wrapped = pdf.wrap(paragraph, BODY_SIZE, false, width);
            if wrapped.is_empty() {
                lines.push(String::new());
            }
            lines.extend(wrapped);
        }
        let mut rest = lines.as_slice();
        let mut first = true;
        loop {
            let top = if first {
                FIRST_BODY_TOP + LINE * subject_lines.len().saturating_sub(1) as f32
            } else {
                NEXT_BODY_TOP
            };
            let fits = (((BODY_BOTTOM - top) / LINE) as usize).max(1);
            let (here, later) = rest.split_at(fits.min(rest.len()));
            pdf.page(A4, |canvas| {
                if first {
                    canvas.text_in(
                        (MARGIN, width),
                        80.0,
                        12.0,
                        true,
                        super::Align::Left,
                        letterhead,
                    );
                    canvas.line((MARGIN, 90.0), (MARGIN + width, 90.0), 0.5);
                    let right = (A4.0 / 2.0, A4.0 / 2.0 - MARGIN);
                    canvas.text_in(right, 170.0, 11.0, true, super::Align::Left, letter.name);
                    canvas.text_in(right, 230.0, 11.0, false, super::Align::Left, day);
                    for (at, line) in subject_lines.iter().enumerate() {
                        canvas.text(MARGIN, 270.0 + LINE * at as f32, BODY_SIZE, true, line);
                    }
                } else {
                    canvas.text_in(
                        (MARGIN, width),
                        60.0,
                        9.0,
                        false,
                        super::Align::Right,
                        letter.name,
                    );
                }
                for (at, line) in here.iter().enumerate() {
                    canvas.text(MARGIN, top + LINE * at as f32, BODY_SIZE, false, line);
                }
            })?;
            first = false;
            rest = later;
            if rest.is_empty() {
                break;
            }
        }
    }
    pdf.finish()
}
