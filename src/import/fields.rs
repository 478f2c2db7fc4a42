//! Field parsers shared by the importer and the forms: dates, times,
//! hours, counts, emails, tax codes, each with the problem it reports.
//! A value comes trimmed; an empty value is the caller's concern.

use jiff::civil::Date;

use super::problem::Problem;
use crate::domain::{QUARTER_HOUR, parse_clock, parse_hours};
use crate::taxcode::{self, TaxCode};

/// `2013-01-15` or `15/01/2013` (also `15-01-2013`, `15.01.2013`, and
/// one-digit days and months); a real day of the calendar.
pub fn date(text: &str) -> Result<Date, Problem> {
    let bad = || Problem::NotADate(text.to_string());
    let mut parts = text.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let number = |s: &str, max_len: usize| -> Option<i16> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 && text.contains('-') {
        (number(a, 4), number(b, 2), number(c, 2))
    } else if c.len() == 4 {
        (number(c, 4), number(b, 2), number(a, 2))
    } else {
        return Err(bad());
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(bad());
    };
    let month = i8::try_from(month).map_err(|_| bad())?;
    let day = i8::try_from(day).map_err(|_| bad())?;
    if !(1900..=2999).contains(&year) {
        return Err(bad());
    }
    Date::new(year, month, day).map_err(|_| bad())
}

/// A time of day, `9:00`, `09:00`, `9.30` or `09:00:00`, in minutes after
/// midnight.
pub fn time(text: &str) -> Result<i64, Problem> {
    let trimmed = match text.strip_suffix(":00") {
        Some(rest) if rest.matches(':').count() == 1 => rest,
        _ => text,
    };
    parse_clock(trimmed).ok_or_else(|| Problem::NotATime(text.to_string()))
}

/// An end time: `24:00` is allowed as the end of the day.
pub fn end_time(text: &str) -> Result<i64, Problem> {
    if matches!(text, "24:00" | "24.00" | "24:00:00") {
        return Ok(24 * 60);
    }
    time(text)
}

/// Hours as offices write them, `3`, `3.5`, `3,5`, `3:30`, in minutes.
pub fn hours(text: &str) -> Result<i64, Problem> {
    parse_hours(text).ok_or_else(|| Problem::NotHours(text.to_string()))
}

/// Hours of attendance: also a whole number of quarter hours.
pub fn quarter_hours(text: &str) -> Result<i64, Problem> {
    let minutes = hours(text)?;
    if minutes % QUARTER_HOUR != 0 {
        return Err(Problem::NotQuarterHours(text.to_string()));
    }
    Ok(minutes)
}

/// A whole number of things, `0` or more.
pub fn count(text: &str) -> Result<i64, Problem> {
    let bad = || Problem::NotACount(text.to_string());
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    text.parse().map_err(|_| bad())
}

/// A satisfaction score, 1 to 5.
pub fn rating(text: &str) -> Result<i64, Problem> {
    match text {
        "1" | "2" | "3" | "4" | "5" => text.parse().map_err(|_| Problem::NotARating(text.into())),
        _ => Err(Problem::NotARating(text.to_string())),
    }
}

/// An email address as a person writes one: something, `@`, a domain
/// with a dot, no spaces. Returned as written (matching ignores case).
pub fn email(text: &str) -> Result<String, Problem> {
    let bad = || Problem::NotAnEmail(text.to_string());
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let fine = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !text.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, ',' | ';' | '<' | '>' | '"')
        });
    if fine {
        Ok(text.to_string())
    } else {
        Err(bad())
    }
}

/// A tax code: checked with its check character, omocodia letters
/// accepted; returned in upper case.
pub fn tax_code(text: &str) -> Result<TaxCode, Problem> {
    taxcode::validate(text).map_err(Problem::TaxCode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn dates_in_both_shapes() {
        assert_eq!(date("2013-01-15"), Ok(d(2013, 1, 15)));
        assert_eq!(date("15/01/2013"), Ok(d(2013, 1, 15)));
        assert_eq!(date("5/1/2013"), Ok(d(2013, 1, 5)));
        assert_eq!(date("15.01.2013"), Ok(d(2013, 1, 15)));
        for bad in [
            "31/02/2013",
            "2013/01/15",
            "15/01/13",
            "",
            "ieri",
            "1/1/1/2013",
            "2013-13-01",
        ] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_and_hours() {
        assert_eq!(time("9:30"), Ok(570));
        assert_eq!(time("09:30:00"), Ok(570));
        assert!(time("9:30:15").is_err());
        assert!(time("25:00").is_err());
        assert_eq!(end_time("24:00"), Ok(1440));
        assert_eq!(quarter_hours("3,5"), Ok(210));
        assert_eq!(quarter_hours("0.25"), Ok(15));
        assert_eq!(
            quarter_hours("1,1"),
            Err(Problem::NotQuarterHours("1,1".into()))
        );
        assert_eq!(hours("tre"), Err(Problem::NotHours("tre".into())));
    }

    #[test]
    fn emails() {
        assert!(email("anna.rossi@comune.cremona.it").is_ok());
        for bad in [
            "anna", "anna@", "@x.it", "anna@x", "a b@x.it", "a@x..it", "a@b@x.it",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_and_ratings() {
        assert_eq!(count("35"), Ok(35));
        assert!(count("-1").is_err());
        assert!(count("3,5").is_err());
        assert_eq!(rating("5"), Ok(5));
        assert!(rating("6").is_err());
        assert!(rating("0").is_err());
    }
}
