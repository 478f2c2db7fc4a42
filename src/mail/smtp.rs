//! Delivery over SMTP with lettre: TLS from the start or STARTTLS
//! (rustls with the system's certificates), login from the settings, the
//! password from a file only its owner can read or from the environment.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use super::settings::{MailSettings, Security};

/// The environment variable that may hold the server's password.
pub const PASSWORD_VARIABLE: &str = "REGISTRO_MAIL_PASSWORD";

/// How long to wait on a server that stopped answering.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why delivery could not even start (settings, password, address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupError {
    NoServer,
    NoSender,
    BadSender(String),
    PlainToRemote(String),
    PasswordFileOpen { path: String, mode: u32 },
    PasswordFileUnreadable { path: String, why: String },
    NoPassword,
    Transport(String),
}

/// One message ready to go.
pub struct Outgoing<'a> {
    pub message_id: &'a str,
    pub to_name: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// A file to attach (a certificate's PDF): its name and bytes, as
    /// the register keeps them.
    pub attachment: Option<(&'a str, &'a [u8])>,
}

/// A connection's settings, ready to send.
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
}

/// The password: `$REGISTRO_MAIL_PASSWORD`, else the settings' file,
/// which must be readable by its owner only. None: no login.
pub fn password(settings: &MailSettings) -> Result<Option<String>, SetupError> {
    if let Ok(password) = std::env::var(PASSWORD_VARIABLE)
        && !password.is_empty()
    {
        return Ok(Some(password));
    }
    let Some(path) = &settings.password_file else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let unreadable = |why: String| SetupError::PasswordFileUnreadable {
        path: shown.clone(),
        why,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(SetupError::PasswordFileOpen {
                path: shown.clone(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
    // The file's one line, without the line break an editor adds.
    Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
}

impl Mailer {
    pub fn new(settings: &MailSettings, password: Option<String>) -> Result<Mailer, SetupError> {
        if settings.host.is_empty() {
            return Err(SetupError::NoServer);
        }
        if settings.from.is_empty() {
            return Err(SetupError::NoSender);
        }
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| SetupError::BadSender(settings.from.clone()))?;
        let transport = |e: lettre::transport::smtp::Error| SetupError::Transport(e.to_string());
        let builder = match settings.security {
            Security::Tls => SmtpTransport::relay(&settings.host).map_err(transport)?,
            Security::Starttls => {
                SmtpTransport::starttls_relay(&settings.host).map_err(transport)?
            }
            Security::None if settings.server_is_local() => {
                SmtpTransport::builder_dangerous(&settings.host)
            }
            Security::None => return Err(SetupError::PlainToRemote(settings.host.clone())),
        };
        let mut builder = builder.port(settings.port).timeout(Some(TIMEOUT));
        if !settings.user.is_empty() {
            let password = password.ok_or(SetupError::NoPassword)?;
            builder = builder.credentials(Credentials::new(settings.user.clone(), password));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// The domain Message-IDs are made in: the sender's.
    pub fn domain(&self) -> String {
        self.from.email.domain().to_string()
    }

    /// Sends one message: Ok with the server's answer once it accepted
    /// it, Err with the answer (or why it never got one) otherwise.
    pub fn send(&self, outgoing: &Outgoing) -> Result<String, String> {
        let to_address = outgoing
            .to_address
            .parse()
            .map_err(|e| format!("{}: {e}", outgoing.to_address))?;
        let to = Mailbox::new(Some(outgoing.to_name.to_string()), to_address);
        let builder = Message::builder()
            .message_id(Some(outgoing.message_id.to_string()))
            .from(self.from.clone())
            .to(to)
            .subject(outgoing.subject);
        let text = SinglePart::plain(outgoing.body.to_string());
        let message = match outgoing.attachment {
            None => builder.singlepart(text),
            Some((name, bytes)) => {
                let name = name.to_string();
                let kind = if name.to_lowercase().ends_with(".pdf") {
                    "application/pdf"
                } else {
                    "application/octet-stream"
                };
                let content_type = ContentType::parse(kind).map_err(|e| e.to_string())?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(text)
                        .singlepart(Attachment::new(name).body(bytes.to_vec(), content_type)),
                )
            }
        }
        .map_err(|e| e.to_string())?;
        match self.transport.send(&message) {
            Ok(response) => Ok(format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// Minutes before a failed message is tried again, after `attempts`
/// attempts: 5, 10, 20, 40… up to a day.
pub fn retry_minutes(attempts: i64) -> i64 {
    let doublings = attempts.clamp(1, 20) - 1;
    (5_i64 << doublings).min(24 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_a_day() {
        assert_eq!(
            (1..=5).map(retry_minutes).collect::<Vec<_>>(),
            vec![5, 10, 20, 40, 80]
        );
        assert_eq!(retry_minutes(30), 1440);
    }

    #[test]
    fn a_plain_connection_is_refused_to_a_server_elsewhere() {
        let settings = MailSettings {
            host: "smtp.example.org".into(),
            from: "corsi@example.org".into(),
            security: Security::None,
            ..MailSettings::default()
        };
        assert!(matches!(
            Mailer::new(&settings, None),
            Err(SetupError::PlainToRemote(_))
        ));
    }
}
