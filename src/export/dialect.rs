//! The dialects an export's text is written in: `excel-it`, what Excel
//! with Italian settings opens as columns (`;`, decimal comma,
//! `dd/mm/yyyy`, Italian headers and words, UTF-8 with a byte-order
//! mark, CRLF), and `plain`, the form programs read (`,`, ISO dates,
//! decimal point, English headers and words). Both import back: the
//! Italian headers and words are the importer's own aliases.

use jiff::civil::Date;

use crate::i18n::Lang;

/// How an export's CSV (and its spreadsheet's dates) are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// `;`, decimal comma, dd/mm/yyyy, Italian headers and words, BOM, CRLF
    ExcelIt,
    /// `,`, decimal point, ISO dates, English headers and words
    #[default]
    Plain,
}

impl Dialect {
    /// The dialect of an office speaking `lang`: Italian offices open
    /// files in Excel with Italian settings.
    pub fn of_language(lang: Lang) -> Dialect {
        match lang {
            Lang::It => Dialect::ExcelIt,
            Lang::En => Dialect::Plain,
        }
    }

    pub fn separator(self) -> u8 {
        match self {
            Dialect::ExcelIt => b';',
            Dialect::Plain => b',',
        }
    }

    pub fn is_italian(self) -> bool {
        self == Dialect::ExcelIt
    }

    /// A date as the dialect writes it: `04/12/2026` or `2026-12-04`.
    pub fn date(self, date: Date) -> String {
        match self {
            Dialect::ExcelIt => format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year()),
            Dialect::Plain => date.to_string(),
        }
    }

    /// A number with as many decimals as it has (`2.5`, `15`, `74.1`),
    /// with a decimal comma in Italian; never a thousands separator,
    /// which a spreadsheet would have to guess.
    pub fn number(self, value: f64) -> String {
        let text = value.to_string();
        match self {
            Dialect::ExcelIt => text.replace('.', ","),
            Dialect::Plain => text,
        }
    }

    /// A column's name in the dialect.
    pub fn header(self, name: &str) -> String {
        match self {
            Dialect::ExcelIt => italian_header(name).unwrap_or(name).to_string(),
            Dialect::Plain => name.to_string(),
        }
    }

    /// A stored word (a request's status, a mark) in the dialect.
    pub fn word(self, word: &str) -> String {
        match self {
            Dialect::ExcelIt => italian_word(word).unwrap_or(word).to_string(),
            Dialect::Plain => word.to_string(),
        }
    }

    /// The number format of a date cell in a spreadsheet.
    pub fn date_format(self) -> &'static str {
        match self {
            Dialect::ExcelIt => "dd/mm/yyyy",
            Dialect::Plain => "yyyy-mm-dd",
        }
    }
}

/// The Italian name of a column: the importer's alias where the column
/// is one a file may hold, so that an Italian export imports back; else
/// the name of a column only exports have.
pub fn italian_header(name: &str) -> Option<&'static str> {
    use crate::import::columns::{ATTENDANCE, ENROLMENTS, MODULES, RATINGS, SESSIONS};
    let imported = [MODULES, SESSIONS, ENROLMENTS, ATTENDANCE, RATINGS]
        .iter()
        .flat_map(|columns| columns.iter())
        .find(|column| column.name == name)
        .map(|column| column.italian);
    imported.or_else(|| {
        EXPORT_ONLY_HEADERS
            .iter()
            .find(|(english, _)| *english == name)
            .map(|(_, italian)| *italian)
    })
}

/// Columns that only exports have, with their Italian names.
const EXPORT_ONLY_HEADERS: &[(&str, &str)] = &[
    ("module_title", "titolo_modulo"),
    ("total_hours", "ore_totali"),
    ("percentage", "percentuale"),
    ("hours_attended", "ore_frequentate"),
    ("hours_delivered", "ore_erogate"),
    ("id", "id"),
    ("at", "quando"),
    ("user", "utente"),
    ("entity", "oggetto"),
    ("entity_id", "id_oggetto"),
    ("action", "azione"),
    ("before", "prima"),
    ("after", "dopo"),
    ("tutors", "tutor"),
    ("cancelled", "annullato"),
    ("planned_hours", "ore_previste"),
    ("scheduled_hours", "ore_in_calendario"),
    ("sessions", "incontri"),
];

/// The Italian of a stored word, as the importer reads it back
/// (`crate::domain::Status::parse`, `Mark::parse`).
pub fn italian_word(word: &str) -> Option<&'static str> {
    let italian = match word {
        "requested" => "ricevuta",
        "accepted" => "accettata",
        "rejected" => "respinta",
        "waitlisted" => "in attesa",
        "withdrawn" => "ritirata",
        "present" => "presente",
        "absent" => "assente",
        "late" => "ritardo",
        "left-early" => "uscita anticipata",
        "excused" => "giustificato",
        // Whether a session is cancelled, in the timetable.
        "yes" => "sì",
        "no" => "no",
        _ => return None,
    };
    Some(italian)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mark, Status};

    #[test]
    fn every_italian_word_reads_back_as_its_english_one() {
        let statuses = [
            "requested",
            "accepted",
            "rejected",
            "waitlisted",
            "withdrawn",
        ];
        for word in statuses {
            let italian = italian_word(word).unwrap();
            assert_eq!(
                Status::parse(italian).unwrap(),
                Status::parse(word).unwrap()
            );
        }
        for word in ["present", "absent", "late", "left-early", "excused"] {
            let italian = italian_word(word).unwrap();
            assert_eq!(Mark::parse(italian).unwrap(), Mark::parse(word).unwrap());
        }
    }

    #[test]
    fn numbers_and_dates_in_each_dialect() {
        let day = jiff::civil::date(2026, 12, 4);
        assert_eq!(Dialect::ExcelIt.date(day), "04/12/2026");
        assert_eq!(Dialect::Plain.date(day), "2026-12-04");
        assert_eq!(Dialect::ExcelIt.number(2.5), "2,5");
        assert_eq!(Dialect::ExcelIt.number(1234.0), "1234");
        assert_eq!(Dialect::Plain.number(74.1), "74.1");
        assert_eq!(Dialect::ExcelIt.header("received_on"), "data_domanda");
        assert_eq!(Dialect::ExcelIt.header("total_hours"), "ore_totali");
        assert_eq!(Dialect::ExcelIt.word("waitlisted"), "in attesa");
    }
}
