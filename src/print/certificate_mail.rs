//! Certificates by e-mail (issue 25): once a print has given the
//! certificates their numbers, each person with an e-mail address whose
//! certificate has had no message yet gets one, queued in the outbox
//! with their own certificate attached, drawn again alone in their
//! language. A reprint queues nothing (the store keeps one certificate
//! message per participation).

use super::PrintError;
use super::certificates::{Issued, Settings, single};
use crate::context::Actor;
use crate::i18n::{Catalogue, Lang};
use crate::mail::PersonLanguage;
use crate::store::Store;
use crate::store::outbox::CertificateMail;

/// Queues the messages the certificates just `issued` owe their people;
/// how many were queued. A user who may not touch the outbox (the store
/// says who) prints without queueing anything.
pub fn queue_owed(
    store: &Store,
    actor: &Actor,
    issued: &[Issued],
    settings: &Settings,
) -> Result<usize, PrintError> {
    let ids: Vec<i64> = issued
        .iter()
        .map(|i| i.participation.enrolment_id)
        .collect();
    let owed = match store.certificates_owed(actor, &ids) {
        Ok(owed) => owed,
        Err(crate::store::StoreError::Denied { .. }) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let today = actor.clock.today();
    let mut mails = Vec::with_capacity(owed.len());
    for (enrolment, language) in owed {
        let Some(certificate) = issued
            .iter()
            .find(|i| i.participation.enrolment_id == enrolment)
        else {
            continue;
        };
        let t = Catalogue::get(match language {
            PersonLanguage::It => Lang::It,
            PersonLanguage::En => Lang::En,
        });
        mails.push(CertificateMail {
            enrolment_id: enrolment,
            file_name: file_name(t, &certificate.number),
            pdf: single(store, certificate, settings, today, t)?,
        });
    }
    if mails.is_empty() {
        return Ok(0);
    }
    Ok(store.queue_certificates(actor, &mails)?)
}

/// `attestato-2026-00001.pdf`: the word in the person's language, the
/// number with a dash for its slash.
fn file_name(t: &Catalogue, number: &str) -> String {
    let number: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{}-{number}.pdf", t.mail_certificate_file)
}
