//! The Italian tax code (codice fiscale) of a natural person: its check
//! character, its structure (with *omocodia*, the letters that stand for
//! digits when two people would otherwise share a code), and the code
//! that follows from a person's name, gender, birth date and place.
//!
//! Layout, 1-based positions:
//!
//! ```text
//! RSS MRA 85 T 10 A562 S
//! 1-3 4-6 7-8 9 10-11 12-15 16
//! surname, given name, year, month letter, day (+40 for women),
//! place (letter + 3 digits), check character
//! ```

mod places;

use std::fmt;

use jiff::civil::Date;

use crate::domain::Gender;

pub use places::{Place, is_known as is_known_place, named_on as place_named_on};

/// The letters of the birth month, January to December.
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";

/// The letters that stand for the digits 0–9 under omocodia.
const OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";

/// The 0-based positions that hold digits, or their omocodia letters.
/// Listed from the last: omocodia replaces digits from the right.
const DIGIT_POSITIONS: [usize; 7] = [14, 13, 12, 10, 9, 7, 6];

/// The value of a character in an odd (1-based) position: digits count as
/// the letter of the same rank (`0` as `A`).
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// A tax code that passed every check, with what it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxCode {
    /// The code in upper case, as given (omocodia letters kept).
    pub code: String,
    pub gender: Gender,
    /// 1–12.
    pub birth_month: u8,
    /// 1–31 (the 40 added for women taken off).
    pub birth_day: u8,
    /// The last two digits of the birth year: the code does not tell the
    /// century.
    pub birth_year_two_digits: u8,
    /// The place of birth, omocodia letters turned back into digits:
    /// an Italian municipality (`D150`) or a foreign state (`Z330`).
    pub place_code: String,
}

impl TaxCode {
    /// Whether a birth date agrees with the code (day, month and the last
    /// two digits of the year; any century).
    pub fn birth_date_matches(&self, date: Date) -> bool {
        i64::from(date.day()) == i64::from(self.birth_day)
            && i64::from(date.month()) == i64::from(self.birth_month)
            && i64::from(date.year()).rem_euclid(100) == i64::from(self.birth_year_two_digits)
    }

    /// The birth date the code tells, its century resolved as the tax
    /// office's readers do: the latest one that does not put the birth
    /// after `today`. `None` only when the day does not exist in that year
    /// (which `validate` has refused).
    pub fn birth_date(&self, today: Date) -> Option<Date> {
        let century = i64::from(today.year()).div_euclid(100) * 100;
        let mut year = century + i64::from(self.birth_year_two_digits);
        let month = i8::try_from(self.birth_month).ok()?;
        let day = i8::try_from(self.birth_day).ok()?;
        let mut date = Date::new(i16::try_from(year).ok()?, month, day).ok();
        if date.is_none_or(|d| d > today) {
            year -= 100;
            date = Date::new(i16::try_from(year).ok()?, month, day).ok();
        }
        date
    }

    /// The municipality or foreign state of birth, under its name on the
    /// birth date (a renamed or merged municipality keeps its code).
    pub fn birth_place(&self, today: Date) -> Option<&'static Place> {
        let day = self.birth_date(today)?;
        place_named_on(&self.place_code, day)
    }

    /// Whether the first six letters are those of this surname and given
    /// name (accents, spaces and apostrophes dropped, as the office
    /// computes them). Omocodia never touches them.
    pub fn name_letters_match(&self, surname: &str, given_name: &str) -> bool {
        self.code.get(..6) == Some(&name_letters(surname, given_name))
    }

    /// Whether the code uses omocodia letters in place of digits.
    pub fn is_omocode(&self) -> bool {
        let bytes = self.code.as_bytes();
        DIGIT_POSITIONS
            .iter()
            .any(|&i| bytes.get(i).is_some_and(u8::is_ascii_alphabetic))
    }
}

impl fmt::Display for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// What a tax code tells of its holder, for the person card and the
/// certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthFacts {
    pub date: Date,
    pub gender: Gender,
    /// The place under its name on the birth date.
    pub place: &'static Place,
}

impl BirthFacts {
    /// `San Giuliano Terme (PI)`, or a foreign state's name alone.
    pub fn place_text(&self) -> String {
        if self.place.is_foreign() {
            self.place.name.to_string()
        } else {
            format!("{} ({})", self.place.name, self.place.province)
        }
    }
}

/// The birth date, sex and place of birth a valid tax code tells; `None`
/// for a text that is not one. `today` settles the century.
pub fn birth_facts(code: &str, today: Date) -> Option<BirthFacts> {
    let code = validate(code).ok()?;
    Some(BirthFacts {
        date: code.birth_date(today)?,
        gender: code.gender,
        place: code.birth_place(today)?,
    })
}

/// Why a text is not a valid tax code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxCodeError {
    /// Not 16 characters long; holds the length found.
    WrongLength(usize),
    /// The character at this 1-based position does not fit the layout.
    BadStructure { position: usize },
    /// The layout is right but the last character is not the check
    /// character of the first fifteen.
    WrongCheckCharacter { expected: char, found: char },
    /// The day does not exist in that month: 31 February, 31 April, or 29
    /// February of a year that is not a leap year in either century.
    ImpossibleDate { day: u8, month: u8 },
    /// The place code is no municipality (current or ceased) and no
    /// foreign state.
    UnknownPlace(String),
}

impl fmt::Display for TaxCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaxCodeError::WrongLength(found) => {
                write!(f, "a tax code has 16 characters, this one has {found}")
            }
            TaxCodeError::BadStructure { position } => write!(
                f,
                "character {position} of the tax code is not what a tax code has there ({})",
                expected_at(*position)
            ),
            TaxCodeError::WrongCheckCharacter { expected, found } => write!(
                f,
                "the last character of the tax code should be {expected}, not {found}: probably a typing mistake"
            ),
            TaxCodeError::ImpossibleDate { day, month } => write!(
                f,
                "the tax code's birth date, day {day} of month {month}, does not exist"
            ),
            TaxCodeError::UnknownPlace(code) => write!(
                f,
                "the tax code's place of birth {code} is no municipality and no foreign state"
            ),
        }
    }
}

impl std::error::Error for TaxCodeError {}

/// What belongs at a 1-based position, for error messages.
fn expected_at(position: usize) -> &'static str {
    match position {
        1..=6 => "a letter of the surname or given name",
        7 | 8 => "a digit of the birth year",
        9 => "a month letter: A B C D E H L M P R S T",
        10 | 11 => "the birth day: 01-31, or 41-71 for women",
        12 => "the letter of the place of birth",
        13..=15 => "a digit of the place of birth",
        _ => "the check letter",
    }
}

/// The check character of the first fifteen characters of a tax code
/// (upper or lower case); `None` when they are not fifteen letters or
/// digits.
pub fn check_character(first15: &str) -> Option<char> {
    let bytes = first15.as_bytes();
    if bytes.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (index, byte) in bytes.iter().enumerate() {
        let rank = match byte.to_ascii_uppercase() {
            c @ b'0'..=b'9' => u32::from(c - b'0'),
            c @ b'A'..=b'Z' => u32::from(c - b'A'),
            _ => return None,
        };
        // Index 0 is position 1, an odd one.
        sum += if index % 2 == 0 {
            ODD_VALUES[rank as usize]
        } else {
            rank
        };
    }
    Some(char::from(b'A' + (sum % 26) as u8))
}

/// The digit a character stands for in a digit position: itself, or its
/// omocodia letter.
fn digit_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        _ => OMOCODIA.iter().position(|&l| l == byte).map(|d| d as u8),
    }
}

/// The number of days of a month (1–12) in a year known by its last two
/// digits. Both centuries agree on leap years but for `00`: 1900 was not
/// one, 2000 was, and a code of `00` is read as 2000 (the reference
/// readers do the same), so every multiple of four has a 29 February.
fn days_in_month(month: u8, year_two_digits: u8) -> u8 {
    match month {
        2 if year_two_digits.is_multiple_of(4) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A tax code as typed, made ready to check: spaces and hyphens left out
/// (people copy codes in groups, `RSS MRA 85T10 A562S`), upper case.
pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks a tax code as the law and the reference readers do: length,
/// layout (omocodia allowed), a birth day that exists in its month and
/// year, a place code that is a municipality (current or ceased) or a
/// foreign state, and the check character. Case, spaces and hyphens do
/// not matter.
pub fn validate(code: &str) -> Result<TaxCode, TaxCodeError> {
    let upper = normalize(code);
    let count = upper.chars().count();
    if count != 16 {
        return Err(TaxCodeError::WrongLength(count));
    }
    // Sixteen characters, each checked below to be ASCII: bytes are safe.
    let bytes = upper.as_bytes();
    if bytes.len() != 16 {
        let position = upper
            .chars()
            .position(|c| !c.is_ascii())
            .map_or(1, |i| i + 1);
        return Err(TaxCodeError::BadStructure { position });
    }
    let bad = |index: usize| TaxCodeError::BadStructure {
        position: index + 1,
    };
    let mut digits = [0u8; 16];
    for (index, &byte) in bytes.iter().enumerate() {
        let letter_here = matches!(index, 0..=5 | 8 | 11 | 15);
        if letter_here {
            if !byte.is_ascii_uppercase() {
                return Err(bad(index));
            }
        } else {
            digits[index] = digit_value(byte).ok_or(bad(index))?;
        }
    }
    let month = MONTHS.iter().position(|&m| m == bytes[8]).ok_or(bad(8))?;
    let day_field = digits[9] * 10 + digits[10];
    let (gender, day) = match day_field {
        1..=31 => (Gender::M, day_field),
        41..=71 => (Gender::F, day_field - 40),
        _ => return Err(bad(9)),
    };
    let expected = check_character(&upper[..15]).ok_or(bad(0))?;
    let found = char::from(bytes[15]);
    if expected != found {
        return Err(TaxCodeError::WrongCheckCharacter { expected, found });
    }
    let month = month as u8 + 1;
    let year_two_digits = digits[6] * 10 + digits[7];
    if day > days_in_month(month, year_two_digits) {
        return Err(TaxCodeError::ImpossibleDate { day, month });
    }
    // The place code's letter and its three digits (omocodia letters
    // read as the digits they stand for), built by hand: an import
    // checks a tax code per row, and a format! was half the cost.
    let mut place_code = String::with_capacity(4);
    place_code.push(char::from(bytes[11]));
    for &digit in &digits[12..15] {
        place_code.push(char::from(b'0' + digit));
    }
    if !is_known_place(&place_code) {
        return Err(TaxCodeError::UnknownPlace(place_code));
    }
    Ok(TaxCode {
        code: upper,
        gender,
        birth_month: month,
        birth_day: day,
        birth_year_two_digits: year_two_digits,
        place_code,
    })
}

/// The tax code that follows from a person's data, as the tax office
/// computes it (before any omocodia): letters of the surname and given
/// name (accents dropped, spaces and apostrophes ignored), year, month,
/// day (+40 for women), the place code (`D150`, `Z330`) and the check
/// character.
///
/// The tax code knows two genders: `X` is computed as `M`. A place code
/// that is not a letter and three digits gives a code that does not
/// validate.
pub fn compute(
    surname: &str,
    given_name: &str,
    gender: Gender,
    birth: Date,
    place_code: &str,
) -> String {
    let mut code = String::with_capacity(16);
    code.push_str(&name_letters(surname, given_name));
    let year = i64::from(birth.year()).rem_euclid(100);
    code.push_str(&format!("{year:02}"));
    let month_index = (birth.month() as usize).saturating_sub(1).min(11);
    code.push(char::from(MONTHS[month_index]));
    let day = i64::from(birth.day()) + if gender == Gender::F { 40 } else { 0 };
    code.push_str(&format!("{day:02}"));
    code.push_str(&place_code.trim().to_ascii_uppercase());
    if let Some(check) = check_character(&code) {
        code.push(check);
    }
    code
}

/// The omocodia variant of a valid code at a given level (1–7): that many
/// digits, from the right, replaced by their letters, and the check
/// character recomputed. `None` for an invalid code or a level out of range.
pub fn omocode(code: &str, level: usize) -> Option<String> {
    let valid = validate(code).ok()?;
    if !(1..=DIGIT_POSITIONS.len()).contains(&level) {
        return None;
    }
    let mut bytes = valid.code.into_bytes();
    for &index in &DIGIT_POSITIONS[..level] {
        let digit = digit_value(bytes[index])?;
        bytes[index] = OMOCODIA[digit as usize];
    }
    let first15 = std::str::from_utf8(&bytes[..15]).ok()?.to_string();
    let check = check_character(&first15)?;
    Some(format!("{first15}{check}"))
}

/// The letters A–Z of a name in upper case, accents dropped, everything
/// else (spaces, apostrophes, hyphens) left out.
fn plain_letters(name: &str) -> Vec<char> {
    name.chars()
        .flat_map(char::to_uppercase)
        .filter_map(|c| {
            let plain = match c {
                'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ă' | 'Ą' => 'A',
                'È' | 'É' | 'Ê' | 'Ë' | 'Ę' | 'Ě' => 'E',
                'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
                'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
                'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ů' => 'U',
                'Ç' | 'Ć' | 'Č' => 'C',
                'Ñ' | 'Ń' | 'Ň' => 'N',
                'Ş' | 'Ș' | 'Ś' | 'Š' => 'S',
                'Ţ' | 'Ț' | 'Ť' => 'T',
                'Ž' | 'Ź' | 'Ż' => 'Z',
                'Ł' => 'L',
                'Ř' => 'R',
                'Ď' => 'D',
                'Ý' | 'Ÿ' => 'Y',
                'Ğ' => 'G',
                other => other,
            };
            plain.is_ascii_uppercase().then_some(plain)
        })
        .collect()
}

/// The six letters a surname and a given name give a tax code.
pub fn name_letters(surname: &str, given_name: &str) -> String {
    let mut letters = surname_letters(surname);
    letters.push_str(&given_name_letters(given_name));
    letters
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'A' | 'E' | 'I' | 'O' | 'U')
}

/// Consonants, then vowels, then `X`, the first three.
fn three_letters(consonants: &[char], vowels: &[char]) -> String {
    consonants
        .iter()
        .chain(vowels)
        .copied()
        .chain(std::iter::repeat('X'))
        .take(3)
        .collect()
}

fn split(name: &str) -> (Vec<char>, Vec<char>) {
    plain_letters(name).into_iter().partition(|&c| !is_vowel(c))
}

fn surname_letters(surname: &str) -> String {
    let (consonants, vowels) = split(surname);
    three_letters(&consonants, &vowels)
}

fn given_name_letters(given_name: &str) -> String {
    let (consonants, vowels) = split(given_name);
    if consonants.len() >= 4 {
        [consonants[0], consonants[2], consonants[3]]
            .iter()
            .collect()
    } else {
        three_letters(&consonants, &vowels)
    }
}

#[cfg(test)]
mod tests;
