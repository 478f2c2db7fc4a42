//! Each print as a whole document, from the register: what the command
//! line and the screen both ask for, and the one place that writes a PDF
//! to a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Pdf, PrintError, certificate_mail, certificates, sheets, summary};
use crate::context::Actor;
use crate::i18n::Catalogue;
use crate::store::Store;
use crate::store::reach::Reach;

/// Where the screen writes a print, and the certificates' settings.
#[derive(Debug, Clone, Default)]
pub struct PrintSettings {
    /// `None` where no folder could be found: the screen says so.
    pub folder: Option<PathBuf>,
    pub certificate: certificates::Settings,
}

/// The folder prints go to: `[print] folder` (a leading `~` is the home
/// folder), else the documents folder the desktop names (XDG), else
/// `~/Documenti` or `~/Documents` by language.
pub fn print_folder(
    configured: Option<&Path>,
    documents: Option<PathBuf>,
    home: Option<PathBuf>,
    t: &Catalogue,
) -> Option<PathBuf> {
    if let Some(folder) = configured {
        return match (folder.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => Some(home.join(rest)),
            _ => Some(folder.to_path_buf()),
        };
    }
    documents.or_else(|| home.map(|home| home.join(t.print_documents_folder)))
}

/// A finished PDF and how many pages it has.
pub struct Printed {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Certificates only: the messages queued to bring them by e-mail.
    pub queued: usize,
}

impl Printed {
    fn of(pdf: Pdf) -> Result<Printed, PrintError> {
        let pages = pdf.pages();
        Ok(Printed {
            bytes: pdf.finish()?,
            pages,
            queued: 0,
        })
    }
}

/// The signature sheet of one session.
pub fn session_sheet(
    store: &Store,
    reach: &Reach,
    session: i64,
    t: &Catalogue,
) -> Result<Printed, PrintError> {
    let mut pdf = Pdf::new()?;
    let sheet = store.session_sheet(reach, session)?;
    sheets::draw(&mut pdf, &sheet, &store.programme_title(), t)?;
    Printed::of(pdf)
}

/// The signature sheets of every session of a module not cancelled,
/// one after the other, each read as it is drawn.
pub fn module_sheets(
    store: &Store,
    reach: &Reach,
    module: i64,
    t: &Catalogue,
) -> Result<Printed, PrintError> {
    let mut pdf = Pdf::new()?;
    let programme = store.programme_title();
    for session in store.sessions_to_print(reach, module)? {
        let sheet = store.session_sheet(reach, session)?;
        sheets::draw(&mut pdf, &sheet, &programme, t)?;
    }
    if pdf.pages() == 0 {
        return Err(PrintError(t.print_nothing.to_string()));
    }
    Printed::of(pdf)
}

/// The summary register of a module, landscape.
pub fn module_summary(
    store: &Store,
    reach: &Reach,
    module: i64,
    today: jiff::civil::Date,
    t: &Catalogue,
) -> Result<Printed, PrintError> {
    let mut pdf = Pdf::new()?;
    summary::draw(&mut pdf, store, reach, module, today, t)?;
    Printed::of(pdf)
}

/// The certificates of attendance of a module, a person, or both, or of
/// the whole register: numbers issued (or found) first, in one change,
/// then one page per certificate drawn as it comes; then, in one more
/// change, a message to each person with an e-mail whose certificate has
/// had none yet, their certificate attached (print::certificate_mail).
pub fn certificates(
    store: &Store,
    actor: &Actor,
    which: certificates::Which,
    settings: &certificates::Settings,
    threshold: f64,
    t: &Catalogue,
) -> Result<Printed, PrintError> {
    let mut pdf = Pdf::new()?;
    let issued = certificates::draw_all(&mut pdf, store, actor, which, settings, threshold, t)?;
    if pdf.pages() == 0 {
        return Err(PrintError(t.print_no_certificate.to_string()));
    }
    let mut printed = Printed::of(pdf)?;
    printed.queued = certificate_mail::queue_owed(store, actor, &issued, settings)?;
    Ok(printed)
}

/// Writes `bytes` to `target` as every export is written: to a file
/// beside it, readable by its owner only, synced, then renamed over the
/// target whole.
pub fn write_file(bytes: &[u8], target: &Path) -> std::io::Result<()> {
    let name = target
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    let part = target.with_file_name(format!(".{name}.part"));
    let _ = std::fs::remove_file(&part);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&part).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&part, target)) {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    Ok(())
}
