//! Wording a message: its template, filled with the person, the module
//! and the decision. Dates are written 04/12/2026 in both languages, as
//! Italian offices write them; times 09:30.

use jiff::civil::Date;

use super::settings::MailSettings;
use super::{MessageKind, OutboxMessage};

/// A message as it will go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    pub subject: String,
    pub body: String,
}

/// `2026-12-04` as `04/12/2026`; anything else as it is.
pub fn day(iso: &str) -> String {
    match iso.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        Some(date) => date.strftime("%d/%m/%Y").to_string(),
        None => iso.to_string(),
    }
}

fn clock(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The last day to confirm an offered place: `offer_days` after the
/// day the offer was queued.
pub fn deadline(message: &OutboxMessage, settings: &MailSettings) -> String {
    message
        .queued_at
        .get(..10)
        .and_then(|d| d.parse::<Date>().ok())
        .and_then(|d| {
            d.checked_add(jiff::Span::new().days(settings.offer_days))
                .ok()
        })
        .map(|d| d.strftime("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// Every placeholder a template may use, with its value for `message`.
pub fn placeholders(
    message: &OutboxMessage,
    settings: &MailSettings,
) -> Vec<(&'static str, String)> {
    let dates = match (&message.starts_on, &message.ends_on) {
        (Some(from), Some(to)) if from != to => format!("{} – {}", day(from), day(to)),
        (Some(from), _) => day(from),
        (None, Some(to)) => day(to),
        (None, None) => String::new(),
    };
    let sessions = message
        .sessions
        .iter()
        .map(|s| {
            let venue = s
                .venue
                .as_deref()
                .or(message.venue.as_deref())
                .map(|v| format!(", {v}"))
                .unwrap_or_default();
            format!(
                "- {} {}–{}{venue}",
                day(&s.date),
                clock(s.start_minute),
                clock(s.end_minute)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let venue = message
        .venue
        .clone()
        .or_else(|| message.sessions.iter().find_map(|s| s.venue.clone()))
        .unwrap_or_default();
    vec![
        (
            "name",
            format!("{} {}", message.given_name, message.surname)
                .trim()
                .to_string(),
        ),
        ("given_name", message.given_name.clone()),
        ("surname", message.surname.clone()),
        ("module", message.module_title.clone().unwrap_or_default()),
        ("code", message.module_code.clone().unwrap_or_default()),
        ("dates", dates),
        ("sessions", sessions),
        ("town", message.town.clone().unwrap_or_default()),
        ("venue", venue),
        ("reason", message.reason.clone().unwrap_or_default()),
        ("deadline", deadline(message, settings)),
    ]
}

/// Fills `{name}` holes; unknown ones stay as written, so a misspelt
/// placeholder shows in the outbox rather than vanishing.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The message as it will go out: the coordinator's own words if edited
/// (or the words it went out with), else its template filled in.
pub fn word(message: &OutboxMessage, settings: &MailSettings) -> Worded {
    let values = placeholders(message, settings);
    let template = settings
        .template(&message.language, message.kind)
        .cloned()
        .unwrap_or_else(|| fallback(message.kind));
    Worded {
        subject: message
            .subject
            .clone()
            .unwrap_or_else(|| fill(&template.subject, &values)),
        body: message
            .body
            .clone()
            .unwrap_or_else(|| fill(&template.body, &values)),
    }
}

/// A template for a kind the settings lost (a user file that emptied
/// them): never nothing at all.
fn fallback(kind: MessageKind) -> super::settings::Template {
    super::settings::Template {
        subject: "{module}".to_string(),
        body: format!("{{name}}\n\n{{module}}: {}\n{{reason}}\n", kind.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{MessageSession, MessageStatus};

    fn message() -> OutboxMessage {
        OutboxMessage {
            id: 1,
            person_id: 1,
            surname: "Rossi".into(),
            given_name: "Nicolò".into(),
            email: Some("n@example.org".into()),
            language: "it".into(),
            kind: MessageKind::Offered,
            status: MessageStatus::Pending,
            reason: None,
            subject: None,
            body: None,
            edited_by: None,
            attachment: None,
            recipient: None,
            message_id: None,
            attempts: 0,
            next_attempt_at: None,
            last_error: None,
            batch: None,
            queued_at: "2026-12-04T10:00:00Z".into(),
            queued_by: "anna".into(),
            done_at: None,
            module_code: Some("M1".into()),
            module_title: Some("Accoglienza e diritti".into()),
            starts_on: Some("2027-01-11".into()),
            ends_on: Some("2027-02-01".into()),
            town: Some("Cremona".into()),
            venue: Some("Sala civica".into()),
            sessions: vec![MessageSession {
                date: "2027-01-11".into(),
                start_minute: 570,
                end_minute: 750,
                venue: None,
            }],
        }
    }

    #[test]
    fn the_default_italian_offer_names_the_deadline_dates_and_sessions() {
        let settings = crate::config::Config::defaults().mail;
        let worded = word(&message(), &settings);
        assert!(
            worded.subject.contains("Accoglienza e diritti"),
            "{worded:?}"
        );
        assert!(worded.body.contains("Nicolò Rossi"), "{worded:?}");
        assert!(worded.body.contains("09/12/2026"), "{worded:?}");
        assert!(
            worded.body.contains("11/01/2027 – 01/02/2027"),
            "{worded:?}"
        );
        assert!(
            worded
                .body
                .contains("- 11/01/2027 09:30–12:30, Sala civica"),
            "{worded:?}"
        );
        assert!(!worded.body.contains('{'), "{worded:?}");
    }

    #[test]
    fn every_kind_has_a_template_in_both_languages_with_no_unknown_placeholder() {
        let settings = crate::config::Config::defaults().mail;
        for language in ["it", "en"] {
            for kind in MessageKind::ALL {
                let mut m = message();
                m.language = language.into();
                m.kind = kind;
                m.reason = Some("posti esauriti".into());
                assert!(
                    settings
                        .templates
                        .contains_key(&(language.to_string(), kind)),
                    "{language} {kind:?}"
                );
                let worded = word(&m, &settings);
                assert!(
                    !worded.subject.contains('{') && !worded.body.contains('{'),
                    "{worded:?}"
                );
            }
        }
    }
}
