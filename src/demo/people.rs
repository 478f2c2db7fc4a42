//! The demo's people: drawn with names, tax codes, emails and phones.

use super::*;

#[derive(Default)]
pub(super) struct People {
    pub(super) rows: Vec<PersonRow>,
    pub(super) tax_codes: HashSet<String>,
    pub(super) emails: HashSet<String>,
}

impl People {
    /// A new person working near `town`: 86% women, some born abroad,
    /// with a tax code that no one else in the register has.
    pub(super) fn add(&mut self, rng: &mut Rng, town: Town) -> store::Result<usize> {
        let gender = if rng.chance(86) { Gender::F } else { Gender::M };
        let foreign_born = rng.chance(12);
        let (surname, given_name, place) = if foreign_born {
            let country = &COUNTRIES[rng.index(COUNTRIES.len())];
            let names = if gender == Gender::F {
                country.women
            } else {
                country.men
            };
            (
                rng.pick(country.surnames),
                rng.pick(names),
                country.place_code,
            )
        } else {
            let names = if gender == Gender::F { WOMEN } else { MEN };
            let place = if rng.chance(60) {
                town.place_code()
            } else {
                rng.pick(ITALIAN_PLACES)
            };
            (rng.pick(SURNAMES), rng.pick(names), place)
        };
        let year = rng.range(1955, 1995) as i16;
        let month = rng.range(1, 12) as i8;
        let first = Date::new(year, month, 1).map_err(date_error)?;
        let day = rng.range(1, i64::from(first.days_in_month())) as i8;
        let birth = Date::new(year, month, day).map_err(date_error)?;
        let tax_code =
            self.unique_tax_code(taxcode::compute(surname, given_name, gender, birth, place))?;
        let email = self.unique_email(given_name, surname);
        let phone = phone_number(rng, town);
        let kind = &ORGANISATION_TYPES[rng.weighted(
            &ORGANISATION_TYPES
                .iter()
                .map(|t| t.weight)
                .collect::<Vec<_>>(),
        )];
        let organisation = pick_organisation(rng, kind.word, town);
        let (feminine, masculine) = rng.pick(kind.jobs);
        let job_title = if gender == Gender::F {
            feminine
        } else {
            masculine
        };
        self.rows.push(PersonRow {
            surname: surname.to_string(),
            given_name: given_name.to_string(),
            gender,
            tax_code,
            email,
            phone,
            organisation,
            organisation_type: kind.word,
            job_title,
            foreign_born,
        });
        Ok(self.rows.len() - 1)
    }

    /// Two people whose data give the same code are told apart by
    /// omocodia, as the tax office does.
    pub(super) fn unique_tax_code(&mut self, code: String) -> store::Result<String> {
        let mut candidate = code.clone();
        let mut level = 0;
        while self.tax_codes.contains(&candidate) {
            level += 1;
            candidate = taxcode::omocode(&code, level).ok_or_else(|| {
                StoreError::refused_text(format!("demo register: no free tax code for {code}"))
            })?;
        }
        self.tax_codes.insert(candidate.clone());
        Ok(candidate)
    }

    pub(super) fn unique_email(&mut self, given_name: &str, surname: &str) -> String {
        let stem = format!("{}.{}", ascii_word(given_name), ascii_word(surname));
        let mut email = format!("{stem}@example.it");
        let mut number = 2;
        while self.emails.contains(&email) {
            email = format!("{stem}{number}@example.it");
            number += 1;
        }
        self.emails.insert(email.clone());
        email
    }
}

/// A name as it goes in an email address: lower case, accents dropped,
/// spaces and apostrophes left out.
pub(super) fn ascii_word(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'á' => Some('a'),
            'è' | 'é' => Some('e'),
            'ì' | 'í' => Some('i'),
            'ò' | 'ó' => Some('o'),
            'ù' | 'ú' => Some('u'),
            c if c.is_ascii_lowercase() => Some(c),
            _ => None,
        })
        .collect()
}

#[rustfmt::skip]
pub(super) const MOBILE_PREFIXES: &[&str] = &[
    "320", "328", "329", "333", "334", "335", "338", "339", "340", "342", "345", "346", "347",
    "348", "349", "366", "380", "388", "392", "393",
];

pub(super) fn phone_number(rng: &mut Rng, town: Town) -> String {
    if rng.chance(50) {
        format!("{} {:06}", town.phone_prefix(), rng.range(200_000, 999_999))
    } else {
        format!(
            "{} {:07}",
            rng.pick(MOBILE_PREFIXES),
            rng.range(1_000_000, 9_999_999)
        )
    }
}

/// An organisation of a kind, in the person's town or province-wide.
pub(super) fn pick_organisation(rng: &mut Rng, kind: &str, town: Town) -> &'static str {
    let near: Vec<&'static str> = ORGANISATIONS
        .iter()
        .filter(|(_, word, place)| *word == kind && place.is_none_or(|p| p == town))
        .map(|(name, _, _)| *name)
        .collect();
    if near.is_empty() {
        "Comune di Cremona"
    } else {
        rng.pick(&near)
    }
}
