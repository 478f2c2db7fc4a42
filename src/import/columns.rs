//! The columns of each kind of file (docs/files.md), their
//! Italian aliases, and the mapping of a file's header onto them.

use csv::StringRecord;

use super::Kind;
use super::problem::{Finding, Problem};

/// One column a kind of file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The English name, used in our own exports.
    pub name: &'static str,
    pub italian: &'static str,
    pub required: bool,
}

const fn req(name: &'static str, italian: &'static str) -> Column {
    Column {
        name,
        italian,
        required: true,
    }
}

const fn opt(name: &'static str, italian: &'static str) -> Column {
    Column {
        name,
        italian,
        required: false,
    }
}

pub const MODULES: &[Column] = &[
    req("code", "codice"),
    req("title", "titolo"),
    req("axis", "asse"),
    req("location", "sede"),
    req("hours", "ore"),
    req("capacity", "posti"),
    req("starts_on", "data_inizio"),
    req("ends_on", "data_fine"),
    opt("venue", "aula"),
];

pub const SESSIONS: &[Column] = &[
    req("module", "modulo"),
    req("date", "data"),
    req("start", "inizio"),
    req("end", "fine"),
    opt("venue", "aula"),
    opt("trainer", "docente"),
    opt("topic", "argomento"),
];

pub const ENROLMENTS: &[Column] = &[
    req("received_on", "data_domanda"),
    req("module", "modulo"),
    req("surname", "cognome"),
    req("given_name", "nome"),
    req("gender", "sesso"),
    opt("tax_code", "codice_fiscale"),
    opt("email", "email"),
    opt("phone", "telefono"),
    req("organisation", "ente"),
    req("organisation_type", "tipo_ente"),
    opt("job_title", "qualifica"),
    opt("status", "stato"),
    opt("reason", "motivo"),
    opt("language", "lingua"),
];

/// `tax_code` or `email` is needed: checked apart (see `Mapping::new`).
/// `surname` and `given_name` are for the eye (the attendance export has
/// them, so that it imports back): the person is found by tax code or email.
pub const ATTENDANCE: &[Column] = &[
    opt("surname", "cognome"),
    opt("given_name", "nome"),
    req("module", "modulo"),
    req("date", "data"),
    opt("start", "inizio"),
    opt("tax_code", "codice_fiscale"),
    opt("email", "email"),
    req("hours", "ore"),
    opt("mark", "presenza"),
];

/// `tax_code` or `email` is needed: checked apart (see `Mapping::new`).
pub const RATINGS: &[Column] = &[
    req("module", "modulo"),
    opt("tax_code", "codice_fiscale"),
    opt("email", "email"),
    req("rating", "gradimento"),
    opt("comment", "commento"),
];

pub fn columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Modules => MODULES,
        Kind::Sessions => SESSIONS,
        Kind::Enrolments => ENROLMENTS,
        Kind::Attendance => ATTENDANCE,
        Kind::Ratings => RATINGS,
    }
}

/// A header name as compared: trimmed, lower case, spaces and dashes as
/// underscores (`Data domanda` is `data_domanda`).
fn normalise(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Where each known column sits in the file, and the name the file gives
/// it (used in messages, so the user recognises their own header).
#[derive(Debug, Clone)]
pub struct Mapping {
    columns: &'static [Column],
    /// For each of `columns`, its index in the record and its header text.
    found: Vec<Option<(usize, String)>>,
    /// Whether the file's headers are mostly Italian.
    pub italian: bool,
}

impl Mapping {
    /// Maps a header, or lists every problem with it (unknown, repeated
    /// and missing columns) against the header's line.
    pub fn new(kind: Kind, header: &StringRecord, line: u64) -> Result<Mapping, Vec<Finding>> {
        let columns = columns(kind);
        let mut found: Vec<Option<(usize, String)>> = vec![None; columns.len()];
        let mut problems = Vec::new();
        let (mut english, mut italian) = (0, 0);
        for (index, text) in header.iter().enumerate() {
            let name = normalise(text);
            if name.is_empty() {
                // An unnamed column is tolerated only when it is empty
                // throughout: checked row by row.
                continue;
            }
            let position = columns
                .iter()
                .position(|c| c.name == name || c.italian == name);
            match position {
                Some(at) => {
                    if columns[at].name == name {
                        english += 1;
                    }
                    if columns[at].italian == name && columns[at].name != name {
                        italian += 1;
                    }
                    if found[at].is_some() {
                        problems.push(Finding::new(line, text.trim(), Problem::RepeatedColumn));
                    } else {
                        found[at] = Some((index, text.trim().to_string()));
                    }
                }
                None => problems.push(Finding::new(
                    line,
                    text.trim(),
                    Problem::UnknownColumn {
                        known: columns
                            .iter()
                            .map(|c| {
                                if c.italian == c.name {
                                    c.name.to_string()
                                } else {
                                    format!("{} ({})", c.name, c.italian)
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                )),
            }
        }
        let italian = italian > english;
        let label = |c: &Column| {
            if italian {
                c.italian.to_string()
            } else {
                c.name.to_string()
            }
        };
        for (column, place) in columns.iter().zip(&found) {
            if column.required && place.is_none() {
                problems.push(Finding::new(line, &label(column), Problem::MissingColumn));
            }
        }
        if matches!(kind, Kind::Attendance | Kind::Ratings) {
            let has = |name: &str| {
                columns
                    .iter()
                    .zip(&found)
                    .any(|(c, place)| c.name == name && place.is_some())
            };
            if !has("tax_code") && !has("email") {
                let name = if italian {
                    "codice_fiscale / email"
                } else {
                    "tax_code / email"
                };
                problems.push(Finding::new(line, name, Problem::MissingColumn));
            }
        }
        if problems.is_empty() {
            Ok(Mapping {
                columns,
                found,
                italian,
            })
        } else {
            Err(problems)
        }
    }

    fn slot(&self, name: &str) -> Option<&(usize, String)> {
        self.columns
            .iter()
            .zip(&self.found)
            .find(|(c, _)| c.name == name)
            .and_then(|(_, place)| place.as_ref())
    }

    /// Whether the file has this column.
    pub fn has(&self, name: &str) -> bool {
        self.slot(name).is_some()
    }

    /// The column's header as the file writes it (for a column the file
    /// lacks, its name in the language of the file's headers).
    pub fn label(&self, name: &str) -> String {
        match self.slot(name) {
            Some((_, text)) => text.clone(),
            None => match self.columns.iter().find(|c| c.name == name) {
                Some(column) if self.italian => column.italian.to_string(),
                _ => name.to_string(),
            },
        }
    }

    /// A row's field in this column; empty when the file has no such
    /// column or the row stops short.
    pub fn get<'r>(&self, fields: &'r StringRecord, name: &str) -> &'r str {
        self.slot(name)
            .and_then(|(index, _)| fields.get(*index))
            .unwrap_or("")
    }

    /// Indexes of the file's unnamed columns.
    pub fn unnamed(header: &StringRecord) -> Vec<usize> {
        header
            .iter()
            .enumerate()
            .filter(|(_, text)| normalise(text).is_empty())
            .map(|(index, _)| index)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(names: &[&str]) -> StringRecord {
        StringRecord::from(names.to_vec())
    }

    #[test]
    fn headers_are_matched_in_either_language_and_any_order() {
        let header = strings(&["Ore", " MODULO ", "Data", "codice fiscale"]);
        let mapping = Mapping::new(Kind::Attendance, &header, 1).unwrap();
        assert!(mapping.italian);
        let row = strings(&["2", "BG01", "01/02/2013", "X"]);
        assert_eq!(mapping.get(&row, "module"), "BG01");
        assert_eq!(mapping.get(&row, "hours"), "2");
        assert_eq!(mapping.get(&row, "start"), "");
        assert_eq!(mapping.label("module"), "MODULO");
    }

    #[test]
    fn unknown_repeated_and_missing_columns_are_all_named() {
        let header = strings(&["module", "tax_code", "rating", "stars", "modulo"]);
        let problems = Mapping::new(Kind::Ratings, &header, 1).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|f| f.column.as_str()).collect();
        assert_eq!(columns, vec!["stars", "modulo"]);
        let problems = Mapping::new(Kind::Ratings, &strings(&["module", "rating"]), 1).unwrap_err();
        assert_eq!(problems[0].column, "tax_code / email");
        assert_eq!(problems[0].problem, Problem::MissingColumn);
    }
}
