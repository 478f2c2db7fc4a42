//! The `[mail]` settings: the server and its login, and the templates of
//! each kind of message in each language. The password is never here: it
//! is read from a file only its owner can read, or from the environment.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use super::MessageKind;

/// How the connection to the server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (usually port 465).
    Tls,
    /// A plain connection upgraded with STARTTLS (usually port 587).
    Starttls,
    /// No encryption: refused unless the server is on this machine
    /// (a relay on localhost, or the tests' server).
    None,
}

/// One template: a subject line and a body, with `{placeholders}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The mail settings in force.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: String,
    pub from: String,
    /// A file holding the password, readable by its owner only.
    pub password_file: Option<PathBuf>,
    /// Days a person offered a free place has to confirm it.
    pub offer_days: i64,
    /// Where the letters to people without e-mail are written; empty:
    /// a `letters` folder beside the register.
    pub letters_dir: Option<PathBuf>,
    /// By language ("it", "en") and kind.
    pub templates: BTreeMap<(String, MessageKind), Template>,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            host: String::new(),
            port: 587,
            security: Security::Starttls,
            user: String::new(),
            from: String::new(),
            password_file: None,
            offer_days: 5,
            letters_dir: None,
            templates: BTreeMap::new(),
        }
    }
}

/// The `[mail]` table as a settings file writes it: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    host: Option<String>,
    port: Option<u16>,
    security: Option<Security>,
    user: Option<String>,
    from: Option<String>,
    password_file: Option<String>,
    offer_days: Option<u16>,
    letters_dir: Option<String>,
    /// language → kind → template
    templates: Option<BTreeMap<TemplateLanguage, BTreeMap<KindName, TemplateFile>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TemplateLanguage {
    It,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Accepted,
    Waitlisted,
    Rejected,
    Offered,
    Withdrawn,
    Certificate,
}

impl KindName {
    fn kind(self) -> MessageKind {
        match self {
            KindName::Accepted => MessageKind::Accepted,
            KindName::Waitlisted => MessageKind::Waitlisted,
            KindName::Rejected => MessageKind::Rejected,
            KindName::Offered => MessageKind::Offered,
            KindName::Withdrawn => MessageKind::Withdrawn,
            KindName::Certificate => MessageKind::Certificate,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    subject: Option<String>,
    body: Option<String>,
}

fn path_or_none(text: String) -> Option<PathBuf> {
    let text = text.trim();
    (!text.is_empty()).then(|| PathBuf::from(text))
}

impl MailSettings {
    /// Lays the settings a file wrote over these; a template's subject
    /// or body replaces only itself.
    pub fn overlay(&mut self, file: MailFile) {
        if let Some(host) = file.host {
            self.host = host.trim().to_string();
        }
        if let Some(port) = file.port {
            self.port = port;
        }
        if let Some(security) = file.security {
            self.security = security;
        }
        if let Some(user) = file.user {
            self.user = user.trim().to_string();
        }
        if let Some(from) = file.from {
            self.from = from.trim().to_string();
        }
        if let Some(password_file) = file.password_file {
            self.password_file = path_or_none(password_file);
        }
        if let Some(days) = file.offer_days {
            self.offer_days = i64::from(days);
        }
        if let Some(dir) = file.letters_dir {
            self.letters_dir = path_or_none(dir);
        }
        for (language, kinds) in file.templates.unwrap_or_default() {
            let language = match language {
                TemplateLanguage::It => "it",
                TemplateLanguage::En => "en",
            };
            for (kind, written) in kinds {
                let slot = self
                    .templates
                    .entry((language.to_string(), kind.kind()))
                    .or_default();
                if let Some(subject) = written.subject {
                    slot.subject = subject;
                }
                if let Some(body) = written.body {
                    slot.body = body;
                }
            }
        }
    }

    /// The template of `kind` in `language`, else in Italian.
    pub fn template(&self, language: &str, kind: MessageKind) -> Option<&Template> {
        self.templates
            .get(&(language.to_string(), kind))
            .or_else(|| self.templates.get(&("it".to_string(), kind)))
    }

    /// Whether the server is this machine, where a plain connection
    /// never leaves it.
    pub fn server_is_local(&self) -> bool {
        matches!(
            self.host.as_str(),
            "localhost" | "127.0.0.1" | "::1" | "[::1]"
        )
    }
}

/// The mail settings of this run, for the screen's outbox, which words
/// messages as `mail send` will: set once at the edge (the command line)
/// from the settings read there; the built-in ones until then.
static IN_FORCE: std::sync::OnceLock<MailSettings> = std::sync::OnceLock::new();

pub fn set_in_force(settings: MailSettings) {
    let _ = IN_FORCE.set(settings);
}

pub fn in_force() -> &'static MailSettings {
    IN_FORCE.get_or_init(|| crate::config::Config::defaults().mail)
}
