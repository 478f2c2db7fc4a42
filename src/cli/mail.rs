//! `registro mail send [--dry-run]` and `registro mail list [--status S]`:
//! the outbox from the command line, meant for cron beside the backup.
//!
//! Sending is at-least-once: a message is claimed (Message-ID and final
//! words recorded, committed) before it goes, and marked sent only after
//! the server accepted it. A crash between the two sends it again on the
//! next run, with the same Message-ID: once more at most.

use std::path::{Path, PathBuf};

use super::{Failure, Outside, door, output, paths};
use crate::access::Permission;
use crate::i18n::{Catalogue, fill};
use crate::mail::letters::{batch_name, write_batch};
use crate::mail::smtp::{Mailer, Outgoing, SetupError, password, retry_minutes};
use crate::mail::template::word;
use crate::mail::words::{destination, kind_word, status_word};
use crate::mail::{MessageStatus, PersonLanguage};
use crate::print::letters::Letter;
use crate::store::{Access, Store};
use crate::tui::text::clean;

#[derive(Debug, clap::Subcommand)]
pub enum MailCommand {
    /// Deliver the pending messages (letters for people without e-mail)
    Send {
        /// Say what would go, and send nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// The messages in the outbox, newest first
    List {
        /// Only the messages with this status
        #[arg(long, value_enum)]
        status: Option<MessageStatus>,
    },
}

pub fn run(db: Option<&Path>, command: &MailCommand, outside: &Outside) -> Result<(), Failure> {
    let path = paths::register_path(db)?;
    let access = match command {
        MailCommand::Send { dry_run: false } => Access::ReadWrite,
        _ => Access::ReadOnly,
    };
    let (store, _) = door::open(
        &path,
        access,
        outside,
        "mail",
        Some(Permission::DecideEnrolments),
    )?;
    match command {
        MailCommand::List { status } => list(&store, *status, outside),
        MailCommand::Send { dry_run } => send(&store, &path, *dry_run, outside),
    }
}

fn list(store: &Store, status: Option<MessageStatus>, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let statuses: Vec<MessageStatus> = status.into_iter().collect();
    let messages = store.outbox_list(&outside.actor(), &statuses)?;
    let mut text = String::new();
    if messages.is_empty() {
        text.push_str(t.mail_list_empty);
        text.push('\n');
    }
    for message in &messages {
        let worded = word(message, &outside.config.mail);
        let line = format!(
            "{:>5}  {:<10}  {:<14}  {}  {}  {}  {}  {}",
            message.id,
            status_word(t, message.status),
            kind_word(t, message.kind),
            message.language,
            message
                .queued_at
                .get(..10)
                .map(crate::mail::template::day)
                .unwrap_or_default(),
            message.module_code.as_deref().unwrap_or("-"),
            destination(t, message),
            worded.subject,
        );
        text.push_str(&clean(&line));
        text.push('\n');
        if let Some(error) = message
            .last_error
            .as_deref()
            .filter(|_| message.status == MessageStatus::Failed)
        {
            let next = message.next_attempt_at.as_deref().unwrap_or("-");
            text.push_str(&clean(&format!(
                "       {}",
                fill(t.mail_list_failure, &[("answer", error), ("next", next)])
            )));
            text.push('\n');
        }
        for file in [&message.attachment, &message.batch].into_iter().flatten() {
            text.push_str(&clean(&format!("       {file}")));
            text.push('\n');
        }
    }
    output::to_stdout(text.as_bytes())
}

fn setup_failure(t: &Catalogue, error: SetupError) -> Failure {
    Failure(match error {
        SetupError::NoServer => t.mail_no_server.to_string(),
        SetupError::NoSender => t.mail_no_sender.to_string(),
        SetupError::BadSender(from) => fill(t.mail_bad_sender, &[("from", &from)]),
        SetupError::PlainToRemote(host) => fill(t.mail_plain_remote, &[("host", &host)]),
        SetupError::PasswordFileOpen { path, mode } => fill(
            t.mail_password_file_open,
            &[("path", &path), ("mode", &format!("{mode:o}"))],
        ),
        SetupError::PasswordFileUnreadable { path, why } => fill(
            t.mail_password_unreadable,
            &[("path", &path), ("why", &why)],
        ),
        SetupError::NoPassword => t.mail_no_password.to_string(),
        SetupError::Transport(why) => fill(t.mail_transport, &[("why", &why)]),
    })
}

/// Where letters go: the settings' folder, else `letters` beside the register.
fn letters_folder(register: &Path, outside: &Outside) -> PathBuf {
    outside.config.mail.letters_dir.clone().unwrap_or_else(|| {
        register
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("letters")
    })
}

fn send(store: &Store, register: &Path, dry_run: bool, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let actor = outside.actor();
    let settings = &outside.config.mail;
    let due = store.outbox_due(&actor)?;
    let (emails, letters): (Vec<_>, Vec<_>) = due.into_iter().partition(|m| m.email.is_some());
    let mut said = String::new();
    if dry_run {
        for message in &emails {
            let worded = word(message, settings);
            said.push_str(&clean(&format!(
                "{:>5}  {}  {}",
                message.id,
                destination(t, message),
                worded.subject
            )));
            said.push('\n');
        }
        said.push_str(&fill(
            t.mail_dry_run,
            &[
                ("emails", &emails.len().to_string()),
                ("letters", &letters.len().to_string()),
            ],
        ));
        said.push('\n');
        return output::to_stdout(said.as_bytes());
    }
    // The server's settings are checked before anything is written.
    let mailer = if emails.is_empty() {
        None
    } else {
        let password = password(settings).map_err(|e| setup_failure(t, e))?;
        Some(Mailer::new(settings, password).map_err(|e| setup_failure(t, e))?)
    };
    if !letters.is_empty() {
        let worded: Vec<_> = letters.iter().map(|m| word(m, settings)).collect();
        let names: Vec<String> = letters
            .iter()
            .map(|m| format!("{} {}", m.given_name, m.surname))
            .collect();
        let batch: Vec<Letter> = letters
            .iter()
            .zip(&worded)
            .zip(&names)
            .map(|((message, w), name)| Letter {
                name,
                language: PersonLanguage::from_code(&message.language),
                subject: &w.subject,
                body: &w.body,
            })
            .collect();
        let day = actor.clock.today().strftime("%d/%m/%Y").to_string();
        let pdf = crate::print::letters::batch(&store.programme_title(), &day, &batch)
            .map_err(|e| Failure(e.to_string()))?;
        let folder = letters_folder(register, outside);
        let file = write_batch(&folder, &batch_name(&actor.clock.stamp()), &pdf)
            .map_err(|e| Failure(format!("{}: {e}", folder.display())))?;
        let shown = file.display().to_string();
        for (message, worded) in letters.iter().zip(&worded) {
            store.outbox_printed(&actor, message.id, &shown, &worded.subject, &worded.body)?;
        }
        said.push_str(&fill(
            t.mail_letters_written,
            &[("count", &letters.len().to_string()), ("file", &shown)],
        ));
        said.push('\n');
    }
    let (mut sent, mut failed) = (0, 0);
    if let Some(mailer) = &mailer {
        for message in &emails {
            let worded = word(message, settings);
            let Some(address) = message.email.as_deref() else {
                continue;
            };
            let fresh = format!(
                "<registro.{}.{}.{}@{}>",
                message.id,
                actor.clock.now().as_millisecond(),
                std::process::id(),
                mailer.domain()
            );
            if !store.outbox_claim(
                &actor,
                message.id,
                &fresh,
                address,
                &worded.subject,
                &worded.body,
            )? {
                continue;
            }
            let message_id = store.outbox_message_id(message.id)?.unwrap_or(fresh);
            let attachment = match message.attachment {
                Some(_) => store.outbox_attachment(&actor, message.id)?,
                None => None,
            };
            let name = format!("{} {}", message.given_name, message.surname);
            let outgoing = Outgoing {
                message_id: &message_id,
                to_name: name.trim(),
                to_address: address,
                subject: &worded.subject,
                body: &worded.body,
                attachment: attachment
                    .as_ref()
                    .map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
            };
            match mailer.send(&outgoing) {
                Ok(answer) => {
                    store.outbox_sent(&actor, message.id, &answer)?;
                    sent += 1;
                }
                Err(answer) => {
                    let wait = retry_minutes(message.attempts + 1);
                    store.outbox_failed(&actor, message.id, &answer, wait)?;
                    failed += 1;
                    eprintln!(
                        "registro: {}",
                        clean(&fill(
                            t.mail_one_failed,
                            &[
                                ("id", &message.id.to_string()),
                                ("to", address),
                                ("answer", &answer)
                            ],
                        ))
                    );
                }
            }
        }
    }
    said.push_str(&fill(
        t.mail_sent_summary,
        &[("sent", &sent.to_string()), ("failed", &failed.to_string())],
    ));
    said.push('\n');
    output::to_stdout(said.as_bytes())?;
    if failed > 0 {
        return Err(Failure(fill(
            t.mail_some_failed,
            &[("count", &failed.to_string())],
        )));
    }
    Ok(())
}
