//! The places of birth a tax code may name: Italian municipalities, current
//! and ceased, and foreign states, by their cadastral (Belfiore) code.
//!
//! The table is `places.txt` beside this file, embedded in the binary
//! deflated (build.rs; 0.5 MB of text is 0.14 MB so) and inflated once, the
//! first time a tax code's place is looked up. It holds ISTAT's codes as packaged by python-codicefiscale (its source, version
//! and date are on the file's first line; `refresh_places.py` rebuilds it,
//! and docs/taxcodes.md says how).

use std::io::Read;
use std::sync::OnceLock;

use jiff::civil::Date;

/// `places.txt`, deflated by build.rs.
const DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.txt.deflate"));

/// The length of `places.txt`, as build.rs read it.
const INFLATED_BYTES: &str = env!("PLACES_TXT_BYTES");

/// The table's text, inflated on first use. Inflating the bytes build.rs
/// deflated cannot fail short of a broken build; should it, the table is
/// empty and every place code reads as unknown, which the checks report.
fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        // Allocated once at its full length (build.rs says it): grown by
        // doubling, the string would peak at twice the table.
        let mut text = String::with_capacity(INFLATED_BYTES.parse().unwrap_or(0));
        let mut reader = flate2::read::DeflateDecoder::new(DEFLATED);
        if reader.read_to_string(&mut text).is_err() {
            text.clear();
        }
        text
    })
}

/// One span of a place code's history: a code may have named a
/// municipality under another name, or another municipality, before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `D150`, `Z330`.
    pub code: &'static str,
    pub name: &'static str,
    /// The province's two letters; `EE` for a foreign state.
    pub province: &'static str,
    /// The first day the code named this place, when known.
    pub from: Option<Date>,
    /// The last day, for a ceased place.
    pub to: Option<Date>,
}

impl Place {
    /// Whether the place is a foreign state rather than an Italian
    /// municipality.
    pub fn is_foreign(&self) -> bool {
        self.province == "EE"
    }

    fn covers(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }
}

/// Every row of the table, sorted by code (the file is kept sorted; it is
/// sorted again here so that a hand edit cannot break the lookups).
fn table() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        // As many rows as lines, allocated once: a vector grown by
        // doubling peaks at twice the table (memory budget, BENCHMARKS.md).
        let text = text();
        let mut places: Vec<Place> = Vec::with_capacity(text.lines().count());
        places.extend(text.lines().filter_map(parse_line));
        places.sort_by(|a, b| a.code.cmp(b.code).then(a.from.cmp(&b.from)));
        places
    })
}

fn parse_line(line: &'static str) -> Option<Place> {
    if line.starts_with('#') {
        return None;
    }
    let mut fields = line.split(';');
    let code = fields.next()?;
    let name = fields.next()?;
    let province = fields.next()?;
    let from = fields.next().and_then(|d| d.parse().ok());
    let to = fields.next().and_then(|d| d.parse().ok());
    Some(Place {
        code,
        name,
        province,
        from,
        to,
    })
}

/// Every span of a place code's history, oldest first; empty for a code
/// that never named a place.
pub fn spans(code: &str) -> &'static [Place] {
    let places = table();
    let start = places.partition_point(|p| p.code < code);
    let end = start + places[start..].partition_point(|p| p.code == code);
    &places[start..end]
}

/// Whether a code ever named a municipality or a foreign state.
pub fn is_known(code: &str) -> bool {
    !spans(code).is_empty()
}

/// The place a code named on a given day: of the spans that cover the day,
/// the one that began last (a renamed municipality under its name of the
/// time); when none covers it, the first that began after the day (codes
/// given to places before the records begin), else the last known.
pub fn named_on(code: &str, day: Date) -> Option<&'static Place> {
    let spans = spans(code);
    spans
        .iter()
        .rev()
        .find(|p| p.covers(day))
        .or_else(|| spans.iter().find(|p| p.from.is_some_and(|from| from > day)))
        .or_else(|| spans.last())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn known_codes_and_their_names_over_time() {
        assert!(is_known("D150"));
        assert!(is_known("Z330"));
        assert!(is_known("Z111"), "a ceased state is still a place of birth");
        assert!(!is_known("Q485"));
        assert!(!is_known("A000"));
        assert_eq!(named_on("D150", date(1985, 1, 1)).unwrap().name, "Cremona");
        assert_eq!(
            named_on("D150", date(1930, 1, 1)).unwrap().name,
            "Cremona Ed Uniti"
        );
        assert_eq!(named_on("A001", date(1900, 1, 1)).unwrap().name, "Abano");
        assert_eq!(
            named_on("A001", date(1990, 1, 1)).unwrap().name,
            "Abano Terme"
        );
        assert!(named_on("Z330", date(1990, 1, 1)).unwrap().is_foreign());
        assert_eq!(named_on("H501", date(1990, 1, 1)).unwrap().province, "RM");
    }
}
