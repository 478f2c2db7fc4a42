//! Settings: the defaults of `config/default.toml`, built in, with the
//! user's own file laid over them. Each file is parsed strictly, so that
//! a misspelt or wrong setting is reported by name and line at start.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;
use crate::i18n::format::FormatSettings;
use crate::keys::{Action, Chord, KeyMap};
use crate::planning::{Holiday, Holidays};

pub const DEFAULTS: &str = include_str!("../config/default.toml");

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// `None` is "auto": from the environment's locale.
    pub language: Option<Lang>,
    pub attendance_threshold: f64,
    pub reject_reasons: Vec<String>,
    pub withdraw_reasons: Vec<String>,
    pub organisation_types: Vec<String>,
    pub axes: Vec<AxisSetting>,
    /// Days no repeated session is planned on.
    pub holidays: Holidays,
    pub colours: Colours,
    pub keys: KeyMap,
    /// The `[export] dialect` of CSV files; `None` is "auto": from the
    /// language (Italian writes `excel-it`).
    pub export_dialect: Option<crate::export::Dialect>,
    /// Letters and e-mail (issue 25).
    pub mail: crate::mail::settings::MailSettings,
    /// How dates and numbers are written (`[format]`).
    pub format: FormatSettings,
    /// `[certificate]`: who issues the certificates, who signs, where.
    pub certificate: crate::print::certificates::Settings,
    /// `[print] folder`: where the screen writes a print; `None` for the
    /// documents folder.
    pub print_folder: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisSetting {
    pub code: String,
    pub title: String,
}

/// A colour as the config writes it; kept as text so that the core does
/// not depend on the screen's colour type. The screen parses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourName(pub String);

impl<'de> Deserialize<'de> for ColourName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if is_colour(&text) {
            Ok(ColourName(text))
        } else {
            Err(serde::de::Error::custom(format!(
                "unknown colour {text:?} (an ANSI name such as \"cyan\", \"reset\" or \"#rrggbb\")"
            )))
        }
    }
}

fn is_colour(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "reset",
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "gray",
        "grey",
        "darkgray",
        "darkgrey",
        "lightred",
        "lightgreen",
        "lightyellow",
        "lightblue",
        "lightmagenta",
        "lightcyan",
        "white",
    ];
    let lower = text.to_ascii_lowercase().replace(['-', '_', ' '], "");
    NAMES.contains(&lower.as_str())
        || (text.len() == 7
            && text.starts_with('#')
            && text[1..].chars().all(|c| c.is_ascii_hexdigit()))
}

#[derive(Debug, Clone)]
pub struct Colours {
    pub accent: ColourName,
    pub selection: ColourName,
    pub header: ColourName,
    pub muted: ColourName,
    pub warning: ColourName,
    pub error: ColourName,
    pub ok: ColourName,
}

/// One settings file as written: every field optional, nothing unknown.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    language: Option<LanguageSetting>,
    attendance_threshold: Option<Threshold>,
    reject_reasons: Option<Vec<String>>,
    withdraw_reasons: Option<Vec<String>>,
    organisation_types: Option<Vec<String>>,
    axes: Option<Vec<AxisSetting>>,
    holidays: Option<HolidaysSetting>,
    colours: Option<ColoursFile>,
    keys: Option<BTreeMap<Action, Vec<Chord>>>,
    certificate: Option<CertificateFile>,
    print: Option<PrintFile>,
    format: Option<FormatSettings>,
    mail: Option<crate::mail::settings::MailFile>,
    export: Option<ExportFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificateFile {
    issuer: Option<String>,
    signatory: Option<String>,
    place: Option<String>,
    logo: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrintFile {
    folder: Option<PathBuf>,
}

/// The `[export]` table: `dialect = "auto" | "excel-it" | "plain"`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    dialect: Option<DialectSetting>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum DialectSetting {
    Auto,
    ExcelIt,
    Plain,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColoursFile {
    accent: Option<ColourName>,
    selection: Option<ColourName>,
    header: Option<ColourName>,
    muted: Option<ColourName>,
    warning: Option<ColourName>,
    error: Option<ColourName>,
    ok: Option<ColourName>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LanguageSetting {
    Auto,
    En,
    It,
}

/// A holiday as the config writes it: `"12-25"`, `"2026-03-19"` or
/// `"easter-monday"`.
#[derive(Debug, Clone, Copy)]
struct HolidaySetting(Holiday);

impl<'de> Deserialize<'de> for HolidaySetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Holiday::parse(&text)
            .map(HolidaySetting)
            .map_err(serde::de::Error::custom)
    }
}

/// The `holidays` setting: a list of days for the whole register (as
/// older settings write it), or a table with `days` and `towns`, each town
/// a day or a list of days (`Cremona = "13/11"`).
#[derive(Debug, Default)]
struct HolidaysSetting {
    days: Option<Vec<HolidaySetting>>,
    towns: Option<BTreeMap<String, TownDays>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidaysTable {
    days: Option<Vec<HolidaySetting>>,
    towns: Option<BTreeMap<String, TownDays>>,
}

impl<'de> Deserialize<'de> for HolidaysSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = HolidaysSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of days, or a table with days and towns")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                let days = Vec::<HolidaySetting>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(HolidaysSetting {
                    days: Some(days),
                    towns: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let table = HolidaysTable::deserialize(MapAccessDeserializer::new(map))?;
                Ok(HolidaysSetting {
                    days: table.days,
                    towns: table.towns,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A town's own holidays: one day or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TownDays {
    One(HolidaySetting),
    Many(Vec<HolidaySetting>),
}

impl TownDays {
    fn into_days(self) -> Vec<Holiday> {
        match self {
            TownDays::One(HolidaySetting(day)) => vec![day],
            TownDays::Many(days) => days.into_iter().map(|HolidaySetting(h)| h).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Threshold(f64);

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if (0.0..=1.0).contains(&value) {
            Ok(Threshold(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "{value} is not a share between 0 and 1 (75% is 0.75)"
            )))
        }
    }
}

/// A settings file that could not be used, with the place and the reason.
#[derive(Debug)]
pub struct ConfigError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The built-in defaults, then `explicit` (which must exist) or else
    /// the user's file (if it exists).
    pub fn load(explicit: Option<&Path>, user_file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config = Config::defaults();
        let chosen = match explicit {
            Some(path) => Some(path),
            None => user_file.filter(|path| path.exists()),
        };
        if let Some(path) = chosen {
            let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
                file: path.to_path_buf(),
                message: e.to_string(),
            })?;
            config.overlay_text(&text, path)?;
        }
        Ok(config)
    }

    /// The built-in settings. `config/default.toml` is checked by a test,
    /// so this cannot fail in a released build; should it ever, the
    /// empty key map still lets the program start and be quit with Ctrl-C.
    pub fn defaults() -> Config {
        let mut config = Config {
            language: None,
            attendance_threshold: 0.75,
            reject_reasons: Vec::new(),
            withdraw_reasons: Vec::new(),
            organisation_types: Vec::new(),
            axes: Vec::new(),
            holidays: Holidays::italy(),
            colours: Colours {
                accent: ColourName("cyan".into()),
                selection: ColourName("blue".into()),
                header: ColourName("yellow".into()),
                muted: ColourName("darkgray".into()),
                warning: ColourName("yellow".into()),
                error: ColourName("red".into()),
                ok: ColourName("green".into()),
            },
            keys: KeyMap::default(),
            export_dialect: None,
            mail: Default::default(),
            format: FormatSettings::default(),
            certificate: Default::default(),
            print_folder: None,
        };
        let _ = config.overlay_text(DEFAULTS, Path::new("config/default.toml"));
        config
    }

    /// Lays the settings written in `text` over these.
    pub fn overlay_text(&mut self, text: &str, file: &Path) -> Result<(), ConfigError> {
        let settings: SettingsFile = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        if let Some(language) = settings.language {
            self.language = match language {
                LanguageSetting::Auto => None,
                LanguageSetting::En => Some(Lang::En),
                LanguageSetting::It => Some(Lang::It),
            };
        }
        if let Some(Threshold(value)) = settings.attendance_threshold {
            self.attendance_threshold = value;
        }
        replace(&mut self.reject_reasons, settings.reject_reasons);
        replace(&mut self.withdraw_reasons, settings.withdraw_reasons);
        replace(&mut self.organisation_types, settings.organisation_types);
        replace(&mut self.axes, settings.axes);
        if let Some(holidays) = settings.holidays {
            // Each part written replaces that part whole.
            if let Some(days) = holidays.days {
                self.holidays.days = days.into_iter().map(|HolidaySetting(h)| h).collect();
            }
            if let Some(towns) = holidays.towns {
                self.holidays.towns = towns
                    .into_iter()
                    .map(|(town, days)| (town, days.into_days()))
                    .collect();
            }
        }
        replace(&mut self.format, settings.format);
        if let Some(colours) = settings.colours {
            let c = &mut self.colours;
            replace(&mut c.accent, colours.accent);
            replace(&mut c.selection, colours.selection);
            replace(&mut c.header, colours.header);
            replace(&mut c.muted, colours.muted);
            replace(&mut c.warning, colours.warning);
            replace(&mut c.error, colours.error);
            replace(&mut c.ok, colours.ok);
        }
        if let Some(keys) = settings.keys {
            self.keys.overlay(keys);
        }
        if let Some(dialect) = settings.export.and_then(|e| e.dialect) {
            self.export_dialect = match dialect {
                DialectSetting::Auto => None,
                DialectSetting::ExcelIt => Some(crate::export::Dialect::ExcelIt),
                DialectSetting::Plain => Some(crate::export::Dialect::Plain),
            };
        }
        if let Some(mail) = settings.mail {
            self.mail.overlay(mail);
        }
        if let Some(certificate) = settings.certificate {
            let c = &mut self.certificate;
            replace(&mut c.issuer, certificate.issuer);
            replace(&mut c.signatory, certificate.signatory);
            replace(&mut c.place, certificate.place);
            if certificate.logo.is_some() {
                c.logo = certificate.logo.filter(|p| !p.as_os_str().is_empty());
            }
        }
        if let Some(print) = settings.print {
            self.print_folder = print.folder.filter(|p| !p.as_os_str().is_empty());
        }
        Ok(())
    }

    /// The axes as `Store::create` takes them.
    pub fn axes(&self) -> Vec<(&str, &str)> {
        self.axes
            .iter()
            .map(|axis| (axis.code.as_str(), axis.title.as_str()))
            .collect()
    }
}

fn replace<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_defaults_parse_and_bind_every_action() {
        let mut config = Config::defaults();
        config
            .overlay_text(DEFAULTS, Path::new("default.toml"))
            .map_err(|e| e.to_string())
            .unwrap();
        for action in Action::ALL {
            assert!(
                !config.keys.keys(*action).is_empty(),
                "{} has no key",
                action.name()
            );
        }
        assert_eq!(config.axes.len(), 5);
        assert_eq!(config.holidays, Holidays::italy());
        assert_eq!(config.attendance_threshold, 0.75);
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let mut config = Config::defaults();
        config
            .overlay_text("[keys]\ndown = [\"n\"]\n", Path::new("mine.toml"))
            .map_err(|e| e.to_string())
            .unwrap();
        assert_eq!(
            config.keys.describe(
                Action::Down,
                crate::i18n::Catalogue::get(crate::i18n::Lang::En)
            ),
            "n"
        );
        assert_eq!(
            config.keys.describe(
                Action::Up,
                crate::i18n::Catalogue::get(crate::i18n::Lang::En)
            ),
            "k/Up"
        );
        assert_eq!(config.reject_reasons.len(), 4);
    }

    #[test]
    fn old_holiday_lists_and_town_tables_both_read() {
        let mut config = Config::defaults();
        config
            .overlay_text("holidays = [\"12-25\"]\n", Path::new("old.toml"))
            .map_err(|e| e.to_string())
            .unwrap();
        assert_eq!(config.holidays.days.len(), 1);
        let mut config = Config::defaults();
        config
            .overlay_text(
                "[holidays.towns]\nCremona = \"13/11\"\nCrema = [\"01/02\", \"2027-06-01\"]\n",
                Path::new("towns.toml"),
            )
            .map_err(|e| e.to_string())
            .unwrap();
        assert_eq!(config.holidays.days, Holidays::italy().days);
        let day = jiff::civil::date(2026, 11, 13);
        assert!(config.holidays.contains_in(day, "cremona"));
        assert!(!config.holidays.contains_in(day, "Crema"));
        assert!(!config.holidays.contains(day));
        assert!(
            config
                .holidays
                .contains_in(jiff::civil::date(2027, 6, 1), "Crema")
        );
    }

    #[test]
    fn wrong_settings_are_named_with_their_line() {
        let cases = [
            (
                "language = \"en\"\nattendence_threshold = 0.5\n",
                "attendence_threshold",
                "line 2",
            ),
            ("attendance_threshold = 75\n", "between 0 and 1", "line 1"),
            (
                "\n\n[colours]\naccent = \"purplish\"\n",
                "purplish",
                "line 4",
            ),
            ("[keys]\ndown = [\"hyper-j\"]\n", "hyper-j", "line 2"),
            ("[keys]\nfly = [\"f\"]\n", "fly", "line 2"),
            ("holidays = [\"12-25\", \"Natale\"]\n", "Natale", "line 1"),
            (
                "[holidays]\ndays = [\"12-25\"]\ntowns = { Crema = \"30/02\" }\n",
                "towns",
                "line 3",
            ),
            ("[holidays]\nday = [\"12-25\"]\n", "day", "line 2"),
        ];
        for (text, named, line) in cases {
            let error = Config::defaults()
                .overlay_text(text, Path::new("mine.toml"))
                .expect_err(text);
            let message = error.to_string();
            assert!(message.contains(named), "{message}");
            assert!(message.contains(line), "{message}");
        }
    }
}
