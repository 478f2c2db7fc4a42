//! How the screen and the messages write dates, times and numbers: one
//! place, chosen from the language and overridable in the settings
//! (`[format]`). Italian writes `04/12/2026`, `gio 04/12`, `2,5`,
//! `1.234`; English writes as an English-speaking European office does,
//! `04/12/2026`, `Fri 04/12`, `2.5`, `1,234` (day first, as in Ireland
//! and the UK, and the same order as the Italian colleagues' papers, so
//! a date never reads two ways in one office). Files for programs (JSON,
//! the register) keep ISO dates: this module is only for people.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::{Catalogue, Lang};

/// How dates are written, from the `[format]` settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum DateStyle {
    /// From the language (day first in both).
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// `04/12/2026`.
    #[serde(rename = "dd/mm/yyyy")]
    DayFirst,
    /// `2026-12-04`, for those who prefer it.
    #[serde(rename = "yyyy-mm-dd")]
    Iso,
}

/// Which mark separates units from decimals, from the settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalStyle {
    /// From the language: a comma in Italian, a point in English.
    #[default]
    Auto,
    /// `2,5` and `1.234`.
    Comma,
    /// `2.5` and `1,234`.
    Point,
}

/// The `[format]` settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatSettings {
    #[serde(default)]
    pub date: DateStyle,
    #[serde(default)]
    pub decimal: DecimalStyle,
}

/// Writes dates, times and numbers for people in one language.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// Monday first, comma-separated, from the catalogue.
    weekday_names: &'static str,
    hours_unit: &'static str,
    iso_dates: bool,
    decimal_comma: bool,
}

impl Format {
    /// The language's own way.
    pub fn of(text: &Catalogue) -> Format {
        Format::with(text, FormatSettings::default())
    }

    /// The language's way with the settings' choices laid over it.
    pub fn with(text: &Catalogue, settings: FormatSettings) -> Format {
        Format {
            weekday_names: text.weekday_names,
            hours_unit: text.fmt_hours_unit,
            iso_dates: settings.date == DateStyle::Iso,
            decimal_comma: match settings.decimal {
                DecimalStyle::Auto => text.lang == Lang::It,
                DecimalStyle::Comma => true,
                DecimalStyle::Point => false,
            },
        }
    }

    fn date_pattern(&self) -> &'static str {
        if self.iso_dates {
            "%Y-%m-%d"
        } else {
            "%d/%m/%Y"
        }
    }

    fn day_pattern(&self) -> &'static str {
        if self.iso_dates { "%m-%d" } else { "%d/%m" }
    }

    /// `04/12/2026`.
    pub fn date(&self, date: Date) -> String {
        date.strftime(self.date_pattern()).to_string()
    }

    /// A date as the register stores it (`2026-12-04`) written for people;
    /// anything that is not a date is shown as it is.
    pub fn date_text(&self, stored: &str) -> String {
        match stored.trim().parse::<Date>() {
            Ok(date) => self.date(date),
            Err(_) => stored.to_string(),
        }
    }

    /// Text made by the register that holds stored dates (`M09
    /// 2026-12-04; Rossi Anna`), with each date written for people.
    pub fn dates_in(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            let candidate = rest.get(..10).and_then(|head| head.parse::<Date>().ok());
            let boundary = !out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            match candidate {
                Some(date) if boundary && rest.as_bytes().get(4) == Some(&b'-') => {
                    out.push_str(&self.date(date));
                    rest = &rest[10..];
                }
                _ => {
                    let next = rest.chars().next().map_or(1, char::len_utf8);
                    out.push_str(&rest[..next]);
                    rest = &rest[next..];
                }
            }
        }
        out
    }

    /// `04/12` (the year is the one everyone is in).
    pub fn day(&self, date: Date) -> String {
        date.strftime(self.day_pattern()).to_string()
    }

    /// `gio 04/12`.
    pub fn weekday_day(&self, date: Date) -> String {
        format!("{} {}", self.weekday(date), self.day(date))
    }

    /// `gio 04/12/2026`.
    pub fn weekday_date(&self, date: Date) -> String {
        format!("{} {}", self.weekday(date), self.date(date))
    }

    /// The day's short name, `gio`.
    pub fn weekday(&self, date: Date) -> &'static str {
        let index = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        self.weekday_names.split(',').nth(index).unwrap_or("")
    }

    /// A time of day from minutes after midnight: `09:00`.
    pub fn time(&self, minute_of_day: i64) -> String {
        format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
    }

    /// `09:00-13:00`.
    pub fn time_range(&self, start: i64, end: i64) -> String {
        format!("{}-{}", self.time(start), self.time(end))
    }

    /// A stored instant (`2026-12-04T07:31:00Z`, UTC) as the user's clock
    /// reads it: `04/12/2026 08:31` in Italy in winter. Anything that is
    /// not an instant is shown as it is.
    pub fn stamp(&self, stored: &str, zone: &TimeZone) -> String {
        match stored.parse::<Timestamp>() {
            Ok(at) => {
                let local = at.to_zoned_datetime(zone.clone());
                format!("{} {}", self.date(local.date()), local.strftime("%H:%M"))
            }
            Err(_) => stored.to_string(),
        }
    }

    /// The mark between units and decimals.
    pub fn decimal_mark(&self) -> char {
        if self.decimal_comma { ',' } else { '.' }
    }

    fn grouping_mark(&self) -> char {
        if self.decimal_comma { '.' } else { ',' }
    }

    /// A whole number with its thousands grouped: `1.234`.
    pub fn integer(&self, value: i64) -> String {
        let digits = value.unsigned_abs().to_string();
        let sign = if value < 0 { "-" } else { "" };
        format!("{sign}{}", self.grouped(&digits))
    }

    fn grouped(&self, digits: &str) -> String {
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, c) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push(self.grouping_mark());
            }
            out.push(c);
        }
        out
    }

    /// `value` with exactly `places` decimals: `2,50`, `1.234,5`.
    pub fn number(&self, value: f64, places: usize) -> String {
        let text = format!("{:.places$}", value.abs());
        let (units, decimals) = text.split_once('.').unwrap_or((&text, ""));
        let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push_str(&self.grouped(units));
        if !decimals.is_empty() {
            out.push(self.decimal_mark());
            out.push_str(decimals);
        }
        out
    }

    /// A number with up to `places` decimals and none needless: `192`,
    /// `12,5`, `11,83`.
    pub fn short_number(&self, value: f64, places: usize) -> String {
        let text = self.number(value, places);
        if places == 0 {
            return text;
        }
        text.trim_end_matches('0')
            .trim_end_matches(self.decimal_mark())
            .to_string()
    }

    /// Hours from minutes, without needless decimals: `2`, `2,5`, `2,75`.
    pub fn hours(&self, minutes: i64) -> String {
        self.short_number(minutes as f64 / 60.0, 2)
    }

    /// Hours with their unit: `2,5 ore`, `2.5 h`.
    pub fn hours_with_unit(&self, minutes: i64) -> String {
        format!("{} {}", self.hours(minutes), self.hours_unit)
    }

    /// A share (0–1) as a percentage with `places` decimals: `74,1%`.
    pub fn percent(&self, share: f64, places: usize) -> String {
        format!("{}%", self.number(100.0 * share, places))
    }
}

/// A stored date (`2026-12-04`) written day first, `04/12/2026`, for
/// labels made where the user's settings are not at hand (a row's note
/// subject): both languages write dates day first unless told otherwise.
pub fn day_first(stored: &str) -> String {
    match stored.trim().parse::<Date>() {
        Ok(date) => date.strftime("%d/%m/%Y").to_string(),
        Err(_) => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalogue;

    fn it() -> Format {
        Format::of(Catalogue::get(Lang::It))
    }

    fn en() -> Format {
        Format::of(Catalogue::get(Lang::En))
    }

    fn day() -> Date {
        jiff::civil::date(2026, 12, 4)
    }

    #[test]
    fn italian_writes_as_an_italian_office() {
        let f = it();
        assert_eq!(f.date(day()), "04/12/2026");
        assert_eq!(f.weekday_day(day()), "ven 04/12");
        assert_eq!(f.date_text("2026-12-04"), "04/12/2026");
        assert_eq!(f.number(2.5, 1), "2,5");
        assert_eq!(f.integer(1234), "1.234");
        assert_eq!(f.integer(-1234567), "-1.234.567");
        assert_eq!(f.number(1234.5, 1), "1.234,5");
        assert_eq!(f.hours(150), "2,5");
        assert_eq!(f.hours(165), "2,75");
        assert_eq!(f.hours(120), "2");
        assert_eq!(f.hours_with_unit(150), "2,5 ore");
        assert_eq!(f.percent(0.741, 1), "74,1%");
        assert_eq!(f.time_range(540, 780), "09:00-13:00");
        assert_eq!(
            f.dates_in("M09 2026-12-04; Rossi Anna; M02 2026-09-18"),
            "M09 04/12/2026; Rossi Anna; M02 18/09/2026"
        );
        assert_eq!(f.dates_in("Città 12026-12-04x"), "Città 12026-12-04x");
    }

    #[test]
    fn english_writes_as_a_european_office() {
        let f = en();
        assert_eq!(f.date(day()), "04/12/2026");
        assert_eq!(f.weekday_day(day()), "Fri 04/12");
        assert_eq!(f.number(2.5, 1), "2.5");
        assert_eq!(f.integer(1234), "1,234");
        assert_eq!(f.hours_with_unit(150), "2.5 h");
        assert_eq!(f.percent(0.5, 0), "50%");
    }

    #[test]
    fn settings_override_the_language() {
        let f = Format::with(
            Catalogue::get(Lang::En),
            FormatSettings {
                date: DateStyle::Iso,
                decimal: DecimalStyle::Comma,
            },
        );
        assert_eq!(f.date(day()), "2026-12-04");
        assert_eq!(f.hours(150), "2,5");
    }

    #[test]
    fn stamps_are_read_on_the_users_clock() {
        let f = it();
        let rome = TimeZone::get("Europe/Rome").unwrap_or(TimeZone::UTC);
        let shown = f.stamp("2026-12-04T07:31:00Z", &rome);
        assert!(shown.starts_with("04/12/2026 "), "{shown}");
        assert_eq!(f.stamp("not a stamp", &rome), "not a stamp");
    }

    #[test]
    fn no_minus_zero() {
        assert_eq!(it().number(-0.001, 1), "0,0");
    }
}
