//! What can be wrong with a file, a row or a field, as values: the
//! command line puts them into words through the catalogue.

use crate::i18n::{Catalogue, fill};
use crate::taxcode::TaxCodeError;

/// Something said about one place in a file: `FILE:LINE: column: why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: u64,
    /// The column as the file names it (or a word for the whole row).
    pub column: String,
    pub problem: Problem,
}

impl Finding {
    pub fn new(line: u64, column: &str, problem: Problem) -> Finding {
        Finding {
            line,
            column: column.to_string(),
            problem,
        }
    }

    /// `FILE:LINE: column: why`, in the catalogue's language.
    pub fn render(&self, file: &str, text: &Catalogue) -> String {
        format!(
            "{file}:{}: {}: {}",
            self.line,
            self.column,
            self.problem.describe(text)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // The file and its header.
    EmptyFile,
    UnreadableRecord,
    UnknownColumn {
        known: String,
    },
    RepeatedColumn,
    MissingColumn,
    /// A value under a column with no name.
    ValueWithoutColumn,
    /// A row with more or fewer fields than the header.
    FieldCount {
        found: usize,
        expected: usize,
    },
    /// A header of more columns than `read::COLUMN_LIMIT`.
    TooManyColumns {
        found: usize,
        limit: usize,
    },
    /// A byte that is not UTF-8 in a file that is UTF-8 elsewhere.
    NotUtf8 {
        byte: u8,
        at: usize,
    },
    /// NUL, a control character, anywhere but a line break.
    ControlCharacter {
        code: u32,
        at: usize,
    },
    /// A field longer than `read::FIELD_LIMIT` characters.
    FieldTooLong {
        length: usize,
        limit: usize,
    },
    // A field.
    Required,
    NotADate(String),
    NotATime(String),
    NotHours(String),
    NotQuarterHours(String),
    NotACount(String),
    EndNotAfterStart,
    EndsBeforeStart,
    UnknownAxis(String),
    UnknownModule(String),
    UnknownGender(String),
    /// Neither Italian nor English, in a `lingua` column.
    UnknownLanguage(String),
    UnknownStatus(String),
    UnknownMark(String),
    ReasonRequired(String),
    TaxCode(TaxCodeError),
    NotAnEmail(String),
    NoPersonKey,
    NotARating(String),
    /// The same thing as an earlier row of the file.
    Repeats {
        line: u64,
    },
    // Attendance and ratings: who and where.
    SessionNotFound {
        module: String,
        date: String,
    },
    SessionAtTimeNotFound {
        module: String,
        date: String,
        start: String,
    },
    SessionAmbiguous {
        count: usize,
    },
    SessionCancelled,
    /// A mark or rating the store's rules refuse (role, clock).
    NotAllowed(crate::store::attendance::MarkRefusal),
    HoursBeyondSession {
        hours: String,
        length: String,
    },
    PersonNotFound(String),
    NotEnrolled {
        module: String,
    },
    NotParticipating {
        status: String,
    },
    // Warnings: the row is imported.
    TaxCodeGender {
        code_says: String,
        row_says: String,
    },
    TaxCodeNames {
        code_says: String,
        row_says: String,
    },
    SessionFlagged {
        date: jiff::civil::Date,
        flag: crate::planning::SessionFlag,
    },
    EmailOfAnother {
        email: String,
        name: String,
    },
    /// An accepted request beyond the module's places.
    OverCapacity {
        module: String,
        taken: i64,
        places: i64,
    },
    // Notes: a row that matches what the register has, with a difference
    // that was not applied.
    Differs {
        file: String,
        register: String,
    },
}

impl Problem {
    pub fn describe(&self, t: &Catalogue) -> String {
        match self {
            Problem::EmptyFile => t.imp_empty_file.to_string(),
            Problem::UnreadableRecord => t.imp_unreadable_record.to_string(),
            Problem::UnknownColumn { known } => fill(t.imp_unknown_column, &[("known", known)]),
            Problem::RepeatedColumn => t.imp_repeated_column.to_string(),
            Problem::MissingColumn => t.imp_missing_column.to_string(),
            Problem::ValueWithoutColumn => t.imp_value_without_column.to_string(),
            Problem::TooManyColumns { found, limit } => fill(
                t.imp_too_many_columns,
                &[("found", &found.to_string()), ("limit", &limit.to_string())],
            ),
            Problem::NotUtf8 { byte, at } => fill(
                t.imp_not_utf8,
                &[("byte", &format!("{byte:02X}")), ("at", &at.to_string())],
            ),
            Problem::ControlCharacter { code, at } => fill(
                t.imp_control_character,
                &[("code", &format!("{code:04X}")), ("at", &at.to_string())],
            ),
            Problem::FieldTooLong { length, limit } => fill(
                t.imp_field_too_long,
                &[
                    ("length", &length.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
            Problem::FieldCount { found, expected } => fill(
                t.imp_too_many_fields,
                &[
                    ("found", &found.to_string()),
                    ("expected", &expected.to_string()),
                ],
            ),
            Problem::Required => t.imp_required.to_string(),
            Problem::NotADate(v) => fill(t.imp_not_a_date, &[("value", v)]),
            Problem::NotATime(v) => fill(t.imp_not_a_time, &[("value", v)]),
            Problem::NotHours(v) => fill(t.imp_not_hours, &[("value", v)]),
            Problem::NotQuarterHours(v) => fill(t.imp_not_quarter_hours, &[("value", v)]),
            Problem::NotACount(v) => fill(t.imp_not_a_count, &[("value", v)]),
            Problem::EndNotAfterStart => t.imp_end_not_after_start.to_string(),
            Problem::EndsBeforeStart => t.imp_ends_before_start.to_string(),
            Problem::UnknownAxis(v) => fill(t.imp_unknown_axis, &[("value", v)]),
            Problem::UnknownModule(v) => fill(t.imp_unknown_module, &[("value", v)]),
            Problem::UnknownGender(v) => fill(t.imp_unknown_gender, &[("value", v)]),
            Problem::UnknownLanguage(v) => fill(t.imp_unknown_language, &[("value", v)]),
            Problem::UnknownStatus(v) => fill(t.imp_unknown_status, &[("value", v)]),
            Problem::UnknownMark(v) => fill(t.imp_unknown_mark, &[("value", v)]),
            Problem::ReasonRequired(status) => {
                fill(t.imp_reason_required, &[("status", t.status(status))])
            }
            Problem::TaxCode(error) => match error {
                TaxCodeError::WrongLength(found) => {
                    fill(t.imp_tax_code_length, &[("found", &found.to_string())])
                }
                TaxCodeError::BadStructure { position } => fill(
                    t.imp_tax_code_structure,
                    &[("position", &position.to_string())],
                ),
                TaxCodeError::WrongCheckCharacter { expected, found } => fill(
                    t.imp_tax_code_check,
                    &[
                        ("expected", &expected.to_string()),
                        ("found", &found.to_string()),
                    ],
                ),
                TaxCodeError::ImpossibleDate { day, month } => fill(
                    t.imp_tax_code_date,
                    &[("day", &day.to_string()), ("month", &month.to_string())],
                ),
                TaxCodeError::UnknownPlace(place) => {
                    fill(t.imp_tax_code_place, &[("place", place)])
                }
            },
            Problem::NotAnEmail(v) => fill(t.imp_not_an_email, &[("value", v)]),
            Problem::NoPersonKey => t.imp_no_person_key.to_string(),
            Problem::NotARating(v) => fill(t.imp_not_a_rating, &[("value", v)]),
            Problem::Repeats { line } => fill(t.imp_repeats, &[("line", &line.to_string())]),
            Problem::SessionNotFound { module, date } => fill(
                t.imp_session_not_found,
                &[("module", module), ("date", date)],
            ),
            Problem::SessionAtTimeNotFound {
                module,
                date,
                start,
            } => fill(
                t.imp_session_at_time_not_found,
                &[("module", module), ("date", date), ("start", start)],
            ),
            Problem::SessionAmbiguous { count } => {
                fill(t.imp_session_ambiguous, &[("count", &count.to_string())])
            }
            Problem::SessionCancelled => t.imp_session_cancelled.to_string(),
            Problem::NotAllowed(refusal) => refusal.text(t),
            Problem::HoursBeyondSession { hours, length } => fill(
                t.imp_hours_beyond_session,
                &[("hours", hours), ("length", length)],
            ),
            Problem::PersonNotFound(v) => fill(t.imp_person_not_found, &[("value", v)]),
            Problem::NotEnrolled { module } => fill(t.imp_not_enrolled, &[("module", module)]),
            Problem::NotParticipating { status } => {
                fill(t.imp_not_participating, &[("status", t.status(status))])
            }
            Problem::TaxCodeGender {
                code_says,
                row_says,
            } => fill(
                t.imp_tax_code_gender,
                &[("code", code_says), ("row", row_says)],
            ),
            Problem::TaxCodeNames {
                code_says,
                row_says,
            } => fill(
                t.imp_tax_code_names,
                &[("code", code_says), ("names", row_says)],
            ),
            Problem::SessionFlagged { date, flag } => fill(
                t.imp_session_flagged,
                &[
                    ("date", &crate::planning::day_text(*date)),
                    ("why", &crate::planning::describe_flag(*flag, t)),
                ],
            ),
            Problem::EmailOfAnother { email, name } => {
                fill(t.imp_email_of_another, &[("email", email), ("name", name)])
            }
            Problem::OverCapacity {
                module,
                taken,
                places,
            } => fill(
                t.imp_over_capacity,
                &[
                    ("module", module),
                    ("taken", &taken.to_string()),
                    ("places", &places.to_string()),
                ],
            ),
            Problem::Differs { file, register } => {
                fill(t.imp_differs, &[("file", file), ("register", register)])
            }
        }
    }
}
