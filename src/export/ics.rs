//! Writing iCalendar (RFC 5545) by hand, for the few properties a
//! timetable needs: content lines ended by CRLF and folded at 75 octets
//! (never inside a character), text values escaped, control characters
//! from the data left out. A crate for it would bring a second date
//! library into the tree for some eighty lines.

/// The longest content line, in octets, before it is folded (§3.1).
const LINE_OCTETS: usize = 75;

/// The Europe/Rome time zone, as a calendar needs it to read times given
/// with `TZID=Europe/Rome`: CET, and CEST from the last Sunday of March
/// to the last Sunday of October (the EU's rule since 1996).
pub const EUROPE_ROME: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Rome\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, a
/// line break as `\n`, other control characters dropped.
pub fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Content lines, written whole into a buffer.
#[derive(Debug, Default)]
pub struct Calendar {
    bytes: Vec<u8>,
}

impl Calendar {
    pub fn new() -> Calendar {
        Calendar::default()
    }

    /// One content line, `NAME:value` (the value already escaped where it
    /// is text), folded: a line longer than 75 octets goes on in lines
    /// that start with a space.
    pub fn line(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        let mut used = 0;
        for c in line.chars() {
            let width = c.len_utf8();
            if used + width > LINE_OCTETS {
                self.bytes.extend_from_slice(b"\r\n ");
                // The space that starts a folded line counts.
                used = 1;
            }
            let mut buffer = [0; 4];
            self.bytes
                .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            used += width;
        }
        self.bytes.extend_from_slice(b"\r\n");
    }

    /// Lines already written out whole (the time zone).
    pub fn raw(&mut self, lines: &str) {
        self.bytes.extend_from_slice(lines.as_bytes());
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            text("Aula 3; piano 1, ala\\nord\nsecondo\u{1b}[2J"),
            "Aula 3\\; piano 1\\, ala\\\\nord\\nsecondo[2J"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_never_inside_a_character() {
        let mut calendar = Calendar::new();
        let value = "è".repeat(100);
        calendar.line("SUMMARY", &value);
        let bytes = calendar.into_bytes();
        let written = String::from_utf8(bytes).unwrap();
        for line in written.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = written.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }

    proptest::proptest! {
        /// Whatever text a session holds, its line folds within 75
        /// octets, holds no control character but the CRLFs, and unfolds
        /// and unescapes to the text without its control characters.
        #[test]
        fn any_text_folds_and_comes_back(value in "\\PC*|[\\x00-\\x7f,;\\\\\n]{0,200}") {
            let mut calendar = Calendar::new();
            calendar.line("DESCRIPTION", &text(&value));
            let written = String::from_utf8(calendar.into_bytes()).unwrap();
            proptest::prop_assert!(written.ends_with("\r\n"));
            for line in written.split("\r\n") {
                proptest::prop_assert!(line.len() <= 75, "{} octets", line.len());
                proptest::prop_assert!(!line.chars().any(char::is_control));
            }
            let unfolded = written.replace("\r\n ", "");
            let body = unfolded
                .strip_prefix("DESCRIPTION:")
                .and_then(|b| b.strip_suffix("\r\n"))
                .unwrap();
            let mut back = String::new();
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some('n') => back.push('\n'),
                        Some(other) => back.push(other),
                        None => proptest::prop_assert!(false, "a lone backslash"),
                    },
                    c => back.push(c),
                }
            }
            let expected: String = value
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            proptest::prop_assert_eq!(back, expected);
        }
    }
}
