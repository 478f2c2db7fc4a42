//! Letters and e-mail to the people a decision concerns (issue 25): what
//! a message is, the templates that word it, and delivery over SMTP.
//! The outbox itself lives in the register (src/store/outbox.rs); this
//! module knows nothing of the terminal.

pub mod language;
pub mod letters;
pub mod settings;
pub mod smtp;
pub mod template;
pub mod words;

use std::fmt;

pub use language::PersonLanguage;

/// What a message tells the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageKind {
    Accepted,
    Waitlisted,
    Rejected,
    /// A place came free and is offered to someone on the waiting list,
    /// to confirm by a deadline.
    Offered,
    Withdrawn,
    Certificate,
}

impl MessageKind {
    pub const ALL: [MessageKind; 6] = [
        MessageKind::Accepted,
        MessageKind::Waitlisted,
        MessageKind::Rejected,
        MessageKind::Offered,
        MessageKind::Withdrawn,
        MessageKind::Certificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Accepted => "accepted",
            MessageKind::Waitlisted => "waitlisted",
            MessageKind::Rejected => "rejected",
            MessageKind::Offered => "offered",
            MessageKind::Withdrawn => "withdrawn",
            MessageKind::Certificate => "certificate",
        }
    }

    pub fn parse(text: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum MessageStatus {
    /// Waiting for the next `registro mail send`.
    Pending,
    /// Kept back by a coordinator: not sent until released.
    Held,
    /// Accepted by the mail server.
    Sent,
    /// Refused or not delivered: tried again later, with the server's answer.
    Failed,
    /// A letter on paper, written to a batch file (no e-mail address).
    Printed,
    /// Thrown away by a coordinator.
    Discarded,
    /// Made wrong, before it went, by a later decision on the same
    /// request (an acceptance to someone who then withdrew, a waiting
    /// list letter to someone since offered a place): never sent, kept
    /// in sight so the outbox says why it did not go.
    Superseded,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 7] = [
        MessageStatus::Pending,
        MessageStatus::Held,
        MessageStatus::Sent,
        MessageStatus::Failed,
        MessageStatus::Printed,
        MessageStatus::Discarded,
        MessageStatus::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Pending => "pending",
            MessageStatus::Held => "held",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Printed => "printed",
            MessageStatus::Discarded => "discarded",
            MessageStatus::Superseded => "superseded",
        }
    }

    pub fn parse(text: &str) -> Option<MessageStatus> {
        MessageStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether a coordinator may still read it over, edit, hold or
    /// discard it: it has not gone anywhere yet.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MessageStatus::Pending | MessageStatus::Held | MessageStatus::Failed
        )
    }
}

impl fmt::Display for MessageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One session of a module, as a message lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageSession {
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
}

/// A message in the outbox, with everything its template may name.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    pub id: i64,
    pub person_id: i64,
    pub surname: String,
    pub given_name: String,
    pub email: Option<String>,
    /// The person's language: "it" or "en".
    pub language: String,
    pub kind: MessageKind,
    pub status: MessageStatus,
    pub reason: Option<String>,
    /// Written by a coordinator, or the final text once it went out;
    /// None: worded from the template when read.
    pub subject: Option<String>,
    pub body: Option<String>,
    pub edited_by: Option<String>,
    pub attachment: Option<String>,
    pub recipient: Option<String>,
    pub message_id: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
    pub batch: Option<String>,
    pub queued_at: String,
    pub queued_by: String,
    pub done_at: Option<String>,
    pub module_code: Option<String>,
    pub module_title: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub town: Option<String>,
    pub venue: Option<String>,
    /// Read only for one message (`Store::outbox_message`), empty in lists.
    pub sessions: Vec<MessageSession>,
}
