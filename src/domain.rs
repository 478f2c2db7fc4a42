//! The words of the domain: statuses, marks, genders, roles, and the
//! arithmetic of hours. Nothing here touches the database or the screen.

use std::fmt;

/// Why a word from a file, a form or the database was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    pub kind: &'static str,
    pub word: String,
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.kind, self.word)
    }
}

impl std::error::Error for UnknownWord {}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($variant:ident => $db:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored in the register and written in exports.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $db),+ }
            }

            /// The stored word and its aliases, lower case: what a filter
            /// may type for it, in either language.
            pub fn words(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$db $(, $alias)*]),+ }
            }

            /// Reads the stored word or one of its accepted aliases
            /// (Italian words from offices' files), ignoring case.
            pub fn parse(word: &str) -> Result<Self, UnknownWord> {
                let lower = word.trim().to_lowercase();
                $(
                    if lower == $db $(|| lower == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                Err(UnknownWord { kind: $kind, word: word.to_string() })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// Where an enrolment request stands.
    Status, "status", {
        Requested => "requested" | "ricevuta" | "richiesta",
        Accepted => "accepted" | "accettata",
        Rejected => "rejected" | "respinta",
        Waitlisted => "waitlisted" | "in attesa",
        Withdrawn => "withdrawn" | "ritirata",
    }
);

impl Status {
    /// The steps from a new request to this status, as the design allows
    /// them: what a request's history says when it arrives already at
    /// this status (an import, a request added by hand).
    pub fn path_from_request(self) -> &'static [Status] {
        use Status::*;
        match self {
            Requested => &[Requested],
            Accepted => &[Requested, Accepted],
            Rejected => &[Requested, Rejected],
            Waitlisted => &[Requested, Waitlisted],
            Withdrawn => &[Requested, Accepted, Withdrawn],
        }
    }

    /// Whether a coordinator may move a request from this status to
    /// `next`: any status to any other, so that a stray key can be taken
    /// back and a decision corrected (rejected → accepted, withdrawn →
    /// accepted); staying where it is is no move.
    pub fn can_become(self, next: Status) -> bool {
        self != next
    }

    /// Whether a request at this status has been decided: moving it
    /// again is a correction, which needs a reason.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            Status::Accepted | Status::Rejected | Status::Withdrawn
        )
    }

    /// Whether the move from `from` to this status needs a reason: a
    /// rejection, a withdrawal, or any correction of a decision.
    pub fn needs_reason_from(self, from: Status) -> bool {
        self.needs_reason() || from.is_decided()
    }

    /// Whether moving to this status needs a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, Status::Rejected | Status::Withdrawn)
    }
}

word_enum!(
    /// How a participant attended one session.
    Mark, "mark", {
        Present => "present" | "presente",
        Absent => "absent" | "assente",
        Late => "late" | "ritardo" | "in ritardo",
        LeftEarly => "left-early" | "uscita anticipata" | "uscito prima",
        Excused => "excused" | "giustificato" | "giustificata",
    }
);

impl Mark {
    /// The mark a row without one gets, from its hours (docs/files.md):
    /// none attended is absent, all of them present, between them left-early.
    pub fn from_minutes(attended: i64, session_length: i64) -> Mark {
        if attended <= 0 {
            Mark::Absent
        } else if attended >= session_length {
            Mark::Present
        } else {
            Mark::LeftEarly
        }
    }
}

word_enum!(
    /// A person's gender as the programme records it.
    Gender, "gender", {
        F => "f" | "femmina" | "donna",
        M => "m" | "maschio" | "uomo",
        X => "x",
    }
);

impl Gender {
    pub fn letter(self) -> &'static str {
        match self {
            Gender::F => "F",
            Gender::M => "M",
            Gender::X => "X",
        }
    }
}

word_enum!(
    /// What a user of the register may do.
    Role, "role", {
        Admin => "admin" | "amministratore",
        Coordinator => "coordinator" | "coordinatore",
        Tutor => "tutor",
    }
);

/// Minutes, the register's unit of time: session lengths and attendance
/// are whole minutes so that sums are exact (no floating point drift in
/// the report), and attendance moves in quarter hours.
pub const QUARTER_HOUR: i64 = 15;

/// Hours as a person reads them: `4`, `2.5`, `1.25`.
pub fn format_hours(minutes: i64) -> String {
    let whole = minutes / 60;
    let rest = minutes % 60;
    if rest == 0 {
        whole.to_string()
    } else {
        let fraction = format!("{:.2}", rest as f64 / 60.0);
        let fraction = fraction.trim_start_matches('0').trim_end_matches('0');
        format!("{whole}{fraction}")
    }
}

/// A time of day as `HH:MM`.
pub fn format_clock(minute_of_day: i64) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// Reads `9:00`, `09:00` or `9.30` into minutes after midnight.
pub fn parse_clock(text: &str) -> Option<i64> {
    let text = text.trim();
    let (h, m) = text.split_once([':', '.'])?;
    let h: i64 = h.parse().ok()?;
    let m: i64 = m.parse().ok()?;
    if (0..24).contains(&h) && (0..60).contains(&m) && m.to_string().len() <= 2 {
        Some(h * 60 + m)
    } else {
        None
    }
}

/// Reads a time of day as a tutor types it in the roster: `10`, `10:30`
/// or `10.30`, into minutes after midnight.
pub fn parse_time_of_day(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.len() <= 2 && text.chars().all(|c| c.is_ascii_digit()) {
        let hour: i64 = text.parse().ok()?;
        return (hour < 24).then_some(hour * 60);
    }
    parse_clock(text)
}

/// Reads hours attended as people type them: `2`, `2,5`, `2.5`, `2:30`.
/// Returns minutes; `None` when it is not a number of hours.
pub fn parse_hours(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() || text.starts_with(['-', '+']) {
        return None;
    }
    if let Some((h, m)) = text.split_once(':') {
        let h: i64 = h.parse().ok()?;
        let m: i64 = m.parse().ok()?;
        return (m < 60 && m.to_string().len() <= 2 && h >= 0).then_some(h * 60 + m);
    }
    let normal = text.replace(',', ".");
    if !normal.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = normal.parse().ok()?;
    let minutes = value * 60.0;
    if !minutes.is_finite() || minutes > 1e9 {
        return None;
    }
    // A typed 1.33 hours is not a whole minute: refuse rather than round.
    let rounded = minutes.round();
    ((minutes - rounded).abs() < 1e-6).then_some(rounded as i64)
}

/// Reads a rating as typed: a score from 1 to 5, then, after a space,
/// an optional comment (`4`, `5 molto utile`).
pub fn parse_rating(text: &str) -> Option<(i64, Option<String>)> {
    let text = text.trim();
    let (score, comment) = match text.split_once(char::is_whitespace) {
        Some((score, comment)) => (score, Some(comment.trim().to_string())),
        None => (text, None),
    };
    let score: i64 = score.parse().ok()?;
    (1..=5)
        .contains(&score)
        .then_some((score, comment.filter(|c| !c.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_are_read_as_a_tutor_types_them() {
        assert_eq!(parse_time_of_day("10"), Some(600));
        assert_eq!(parse_time_of_day(" 9 "), Some(540));
        assert_eq!(parse_time_of_day("10:30"), Some(630));
        assert_eq!(parse_time_of_day("10.30"), Some(630));
        assert_eq!(parse_time_of_day("24"), None);
        assert_eq!(parse_time_of_day("10:60"), None);
        assert_eq!(parse_time_of_day("100"), None);
        assert_eq!(parse_time_of_day("dieci"), None);
        assert_eq!(parse_time_of_day(""), None);
    }

    #[test]
    fn every_decision_can_be_corrected() {
        use Status::*;
        assert!(Requested.can_become(Accepted));
        assert!(Waitlisted.can_become(Rejected));
        assert!(Accepted.can_become(Withdrawn));
        assert!(Rejected.can_become(Accepted));
        assert!(Withdrawn.can_become(Accepted));
        assert!(Accepted.can_become(Rejected));
        assert!(!Accepted.can_become(Accepted));
        assert!(Accepted.needs_reason_from(Rejected));
        assert!(!Accepted.needs_reason_from(Waitlisted));
        assert!(Waitlisted.needs_reason_from(Accepted));
    }

    #[test]
    fn italian_status_words_are_understood() {
        assert_eq!(Status::parse("In attesa"), Ok(Status::Waitlisted));
        assert_eq!(Status::parse("ritirata"), Ok(Status::Withdrawn));
        assert!(Status::parse("boh").is_err());
    }

    #[test]
    fn hours_are_read_as_people_type_them() {
        assert_eq!(parse_hours("2"), Some(120));
        assert_eq!(parse_hours("2,5"), Some(150));
        assert_eq!(parse_hours("2.25"), Some(135));
        assert_eq!(parse_hours("2:30"), Some(150));
        assert_eq!(parse_hours("abc"), None);
        assert_eq!(parse_hours("-1"), None);
        assert_eq!(parse_hours("2:75"), None);
        assert_eq!(parse_hours(""), None);
    }

    #[test]
    fn hours_are_written_without_needless_decimals() {
        assert_eq!(format_hours(240), "4");
        assert_eq!(format_hours(150), "2.5");
        assert_eq!(format_hours(75), "1.25");
        assert_eq!(format_hours(0), "0");
    }

    #[test]
    fn marks_follow_from_hours() {
        assert_eq!(Mark::from_minutes(0, 240), Mark::Absent);
        assert_eq!(Mark::from_minutes(240, 240), Mark::Present);
        assert_eq!(Mark::from_minutes(120, 240), Mark::LeftEarly);
    }

    #[test]
    fn ratings_are_a_score_and_maybe_words() {
        assert_eq!(parse_rating("4"), Some((4, None)));
        assert_eq!(
            parse_rating(" 5  molto utile "),
            Some((5, Some("molto utile".into())))
        );
        assert_eq!(parse_rating("6"), None);
        assert_eq!(parse_rating("0 pessimo"), None);
        assert_eq!(parse_rating("buono"), None);
    }

    #[test]
    fn clock_times_are_checked() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(format_clock(570), "09:30");
    }
}
