//! The language a person's letters are written in: Italian unless the
//! register says English. Not the language of the screen (that is the
//! user's): the applicant's own, set on their form, with `registro person
//! language`, or by the `lingua` column of an import.

use crate::i18n::Catalogue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum PersonLanguage {
    /// The default: a public programme in Italy writes in Italian.
    #[default]
    It,
    En,
}

impl PersonLanguage {
    pub const ALL: [PersonLanguage; 2] = [PersonLanguage::It, PersonLanguage::En];

    /// The code the register keeps (`person.language`) and the templates
    /// are filed under: `it`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            PersonLanguage::It => "it",
            PersonLanguage::En => "en",
        }
    }

    /// The code from the register; anything else (there is a CHECK on
    /// the column) is Italian.
    pub fn from_code(code: &str) -> PersonLanguage {
        if code == "en" {
            PersonLanguage::En
        } else {
            PersonLanguage::It
        }
    }

    /// As an office writes it, in either language and any case: `it`,
    /// `ita`, `italiano`, `Italian`; `en`, `eng`, `inglese`, `English`.
    pub fn parse(text: &str) -> Option<PersonLanguage> {
        match text.trim().to_lowercase().as_str() {
            "it" | "ita" | "italiano" | "italian" => Some(PersonLanguage::It),
            "en" | "eng" | "inglese" | "english" => Some(PersonLanguage::En),
            _ => None,
        }
    }

    /// Its name in the user's language: "italiano", "English".
    pub fn name(self, t: &Catalogue) -> &'static str {
        match self {
            PersonLanguage::It => t.person_language_it,
            PersonLanguage::En => t.person_language_en,
        }
    }
}

impl clap::ValueEnum for PersonLanguage {
    fn value_variants<'a>() -> &'a [Self] {
        &PersonLanguage::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new(self.code());
        Some(match self {
            PersonLanguage::It => value.aliases(["ita", "italiano", "italian"]),
            PersonLanguage::En => value.aliases(["eng", "inglese", "english"]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_both_languages_are_understood() {
        for (text, language) in [
            ("it", PersonLanguage::It),
            (" ITA ", PersonLanguage::It),
            ("Italiano", PersonLanguage::It),
            ("italian", PersonLanguage::It),
            ("en", PersonLanguage::En),
            ("ENG", PersonLanguage::En),
            ("inglese", PersonLanguage::En),
            ("English", PersonLanguage::En),
        ] {
            assert_eq!(PersonLanguage::parse(text), Some(language), "{text}");
        }
        assert_eq!(PersonLanguage::parse("fr"), None);
        assert_eq!(PersonLanguage::parse(""), None);
        for language in PersonLanguage::ALL {
            assert_eq!(PersonLanguage::from_code(language.code()), language);
        }
    }
}
