//! `registro import KIND FILE [--dry-run]`: reads an office's file into
//! the register, all of it or nothing; problems on stderr as
//! `FILE:LINE: column: why`, a summary on stdout.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use super::{Failure, Outside, paths};
use crate::i18n::{Catalogue, fill};
use crate::import::{self, Added, Kind, Outcome, Phase, Progress};
use crate::store::Access;
use crate::tui::text::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Modules,
    Sessions,
    Enrolments,
    Attendance,
    Ratings,
}

impl From<ImportKind> for Kind {
    fn from(kind: ImportKind) -> Kind {
        match kind {
            ImportKind::Modules => Kind::Modules,
            ImportKind::Sessions => Kind::Sessions,
            ImportKind::Enrolments => Kind::Enrolments,
            ImportKind::Attendance => Kind::Attendance,
            ImportKind::Ratings => Kind::Ratings,
        }
    }
}

/// The most findings printed: a file wrong on every line says so in
/// the first screenful, and then how many more there are.
const FINDINGS_SHOWN: usize = 50;

pub fn run(
    db: Option<&Path>,
    kind: ImportKind,
    file: &Path,
    dry_run: bool,
    notify: bool,
    outside: &Outside,
) -> Result<(), Failure> {
    let t = outside.text;
    let name = file.display().to_string();
    let bytes =
        std::fs::read(file).map_err(|e| Failure(crate::i18n::system::io_error(file, &e, t)))?;
    let path = paths::register_path(db)?;
    let (mut store, _) = super::door::open(
        &path,
        Access::ReadWrite,
        outside,
        "import",
        Some(crate::access::Permission::Import),
    )?;
    let bar = progress_bar();
    let mut report = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.total);
            bar.set_position(p.done);
            bar.set_message(match p.phase {
                Phase::Checking => t.imp_checking,
                Phase::Writing => t.imp_writing,
            });
        }
    };
    let outcome = import::import_notifying(
        &mut store,
        &outside.actor(),
        kind.into(),
        &name,
        &bytes,
        dry_run,
        &outside.config.holidays,
        &mut report,
        notify,
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let warnings = outcome.warnings.iter().map(|finding| {
        let mut finding = finding.clone();
        finding.column = format!("{}: {}", finding.column, t.imp_warning);
        finding
    });
    let findings: Vec<_> = outcome.errors.iter().cloned().chain(warnings).collect();
    // One line each, whatever line breaks the values hold: a value
    // never passes for a line of its own.
    for finding in findings.iter().take(FINDINGS_SHOWN) {
        eprintln!("{}", clean(&finding.render(&name, t)));
    }
    if findings.len() > FINDINGS_SHOWN {
        let more = (findings.len() - FINDINGS_SHOWN).to_string();
        eprintln!("{}", fill(t.imp_more_findings, &[("count", &more)]));
    }
    if !outcome.errors.is_empty() {
        return Err(Failure(fill(
            t.imp_refused,
            &[
                ("file", &name),
                ("count", &outcome.errors.len().to_string()),
            ],
        )));
    }
    print!("{}", summary(&name, kind.into(), &outcome, dry_run, t));
    if outcome.queued > 0 {
        println!(
            "{}",
            fill(
                t.mail_import_queued,
                &[("count", &outcome.queued.to_string())]
            )
        );
    }
    Ok(())
}

/// A bar on stderr when it is a terminal; nothing in scripts and tests.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{msg:10} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// What the import did (or would do), for stdout.
pub fn summary(name: &str, kind: Kind, outcome: &Outcome, dry_run: bool, t: &Catalogue) -> String {
    let mut text = String::new();
    let line = |text: &mut String, s: String| {
        text.push_str(&s);
        text.push('\n');
    };
    line(
        &mut text,
        fill(
            t.imp_rows,
            &[("file", name), ("rows", &outcome.rows.to_string())],
        ),
    );
    let what = added_words(&outcome.added, t);
    line(
        &mut text,
        match (what.is_empty(), dry_run) {
            (true, _) => t.imp_nothing_added.to_string(),
            (false, false) => fill(t.imp_added, &[("what", &what)]),
            (false, true) => fill(t.imp_would_add, &[("what", &what)]),
        },
    );
    if kind == Kind::Enrolments {
        line(
            &mut text,
            fill(
                t.imp_matched,
                &[("count", &outcome.matched_people.to_string())],
            ),
        );
    }
    line(
        &mut text,
        fill(t.imp_skipped, &[("count", &outcome.skipped.to_string())]),
    );
    for note in &outcome.notes {
        let mut note = note.clone();
        note.column = format!("{}: {}", note.column, t.imp_note);
        line(&mut text, clean(&note.render(name, t)));
    }
    if dry_run {
        line(&mut text, t.imp_dry_run.to_string());
    }
    text
}

fn added_words(added: &Added, t: &Catalogue) -> String {
    [
        (added.modules, t.imp_count_module, t.imp_count_modules),
        (added.sessions, t.imp_count_session, t.imp_count_sessions),
        (added.people, t.imp_count_person, t.imp_count_people),
        (
            added.enrolments,
            t.imp_count_enrolment,
            t.imp_count_enrolments,
        ),
        (
            added.attendance,
            t.imp_count_attendance_one,
            t.imp_count_attendance,
        ),
        (added.ratings, t.imp_count_rating, t.imp_count_ratings),
    ]
    .iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| match count {
        1 => one.to_string(),
        _ => fill(many, &[("count", &count.to_string())]),
    })
    .collect::<Vec<_>>()
    .join(", ")
}
