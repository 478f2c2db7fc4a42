//! The outbox's words in the user's language: statuses, kinds, where a
//! message goes.

use super::{MessageKind, MessageStatus, OutboxMessage};
use crate::i18n::Catalogue;

/// A status in the user's language.
pub fn status_word(t: &Catalogue, status: MessageStatus) -> &'static str {
    status_word_of(status)(t)
}

/// Where the catalogue keeps a status's word: for a refusal of the
/// store, worded only at the edge in the user's language.
pub fn status_word_of(status: MessageStatus) -> fn(&Catalogue) -> &'static str {
    match status {
        MessageStatus::Pending => |t| t.mail_status_pending,
        MessageStatus::Held => |t| t.mail_status_held,
        MessageStatus::Sent => |t| t.mail_status_sent,
        MessageStatus::Failed => |t| t.mail_status_failed,
        MessageStatus::Printed => |t| t.mail_status_printed,
        MessageStatus::Discarded => |t| t.mail_status_discarded,
        MessageStatus::Superseded => |t| t.mail_status_superseded,
    }
}

/// A kind of message in the user's language.
pub fn kind_word(t: &Catalogue, kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Accepted => t.mail_kind_accepted,
        MessageKind::Waitlisted => t.mail_kind_waitlisted,
        MessageKind::Rejected => t.mail_kind_rejected,
        MessageKind::Offered => t.mail_kind_offered,
        MessageKind::Withdrawn => t.mail_kind_withdrawn,
        MessageKind::Certificate => t.mail_kind_certificate,
    }
}

/// Where the message goes: the address, or "letter".
pub fn destination(t: &Catalogue, message: &OutboxMessage) -> String {
    message
        .recipient
        .clone()
        .or_else(|| message.email.clone())
        .unwrap_or_else(|| t.mail_by_letter.to_string())
}
