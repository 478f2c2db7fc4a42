//! The clock of a command: the machine's, unless a test pins it with
//! `REGISTRO_NOW` (an instant, RFC 3339: `2026-11-26T10:00:00+01:00`) or
//! `REGISTRO_TODAY` (a day: `2026-11-26`, at noon). Both are for tests
//! and benchmarks, so that a process run today and next year sees the
//! same day; a value that is not a time is refused, never ignored.

use jiff::Timestamp;
use jiff::civil::Date;

use super::Failure;
use crate::context::Clock;
use crate::i18n::{Catalogue, fill};

pub fn from_environment(text: &Catalogue) -> Result<Clock, Failure> {
    let read = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    if let Some(now) = read("REGISTRO_NOW") {
        return now
            .trim()
            .parse::<Timestamp>()
            .map(Clock::Fixed)
            .map_err(|_| refused(text, "REGISTRO_NOW", &now));
    }
    if let Some(today) = read("REGISTRO_TODAY") {
        return today
            .trim()
            .parse::<Date>()
            .map(Clock::at_noon)
            .map_err(|_| refused(text, "REGISTRO_TODAY", &today));
    }
    Ok(Clock::System)
}

fn refused(text: &Catalogue, name: &str, value: &str) -> Failure {
    // Quoted as Rust quotes it: control bytes come out escaped.
    let shown = format!("{value:?}");
    Failure(fill(
        text.clock_variable_bad,
        &[("name", name), ("value", &shown)],
    ))
}
