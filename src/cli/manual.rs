//! `registro man` and `registro completions`: the manual pages and the
//! shell completions, made from the command line's own definition so that
//! they never describe options that do not exist. The Debian package
//! ships what these write (see `.ci/run` and `Cargo.toml`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Failure, Outside};
use crate::i18n::{Catalogue, Lang, fill};

/// The languages manual pages are written in.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PageLanguage {
    En,
    It,
}

/// Writes `registro.1` and one page per subcommand (`registro-import.1`,
/// `registro-users-add.1` …) into `dir`, or `registro.1` to stdout, in
/// `lang` (else the user's language).
pub fn man(
    dir: Option<&Path>,
    lang: Option<PageLanguage>,
    outside: &Outside,
) -> Result<(), Failure> {
    let text = match lang {
        Some(PageLanguage::En) => Catalogue::get(Lang::En),
        Some(PageLanguage::It) => Catalogue::get(Lang::It),
        None => outside.text,
    };
    // The plain version: a page's header names the release, not the
    // SQLite it was built with.
    let command = super::help::localized(Cli::command(), text);
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command)
            .render(&mut page)
            .map_err(Failure::from)?;
        return super::output::to_stdout(&in_language(page, text));
    };
    let mut written = Vec::new();
    for (name, page) in pages(command)? {
        let page = in_language(page, text);
        let path = dir.join(format!("{name}.1"));
        write_whole(&path, &page)?;
        written.push(path);
    }
    let count = written.len().to_string();
    let folder = dir.display().to_string();
    eprintln!(
        "{}",
        fill(
            outside.text.man_written,
            &[("count", &count), ("dir", &folder)]
        )
    );
    Ok(())
}

/// Every page of `command` and of its subcommands, each named as `man`
/// finds it: the words of the command joined by hyphens.
fn pages(mut command: clap::Command) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    // Built, so that the global options (--db, --user, --config) are on
    // every subcommand's page too.
    command.build();
    let mut found = Vec::new();
    let mut pending = vec![command];
    while let Some(command) = pending.pop() {
        let name = command
            .get_display_name()
            .unwrap_or(command.get_name())
            .to_string();
        let mut page = Vec::new();
        clap_mangen::Man::new(command.clone())
            .render(&mut page)
            .map_err(Failure::from)?;
        found.push((name.clone(), page));
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let page_name = format!("{name}-{}", sub.get_name());
            let bin_name = format!(
                "{} {}",
                command.get_bin_name().unwrap_or(command.get_name()),
                sub.get_name()
            );
            pending.push(sub.clone().display_name(page_name).bin_name(bin_name));
        }
    }
    found.sort();
    Ok(found)
}

/// A page's section headings in the catalogue's words: clap_mangen
/// writes them in English whatever the help's language.
fn in_language(page: Vec<u8>, text: &Catalogue) -> Vec<u8> {
    let mut roff = match String::from_utf8(page) {
        Ok(roff) => roff,
        Err(not_text) => return not_text.into_bytes(),
    };
    let english = Catalogue::get(Lang::En).man_section_names.split(',');
    for (from, to) in english.zip(text.man_section_names.split(',')) {
        roff = roff.replace(&format!(".SH {from}\n"), &format!(".SH {to}\n"));
    }
    roff.into_bytes()
}

/// The completion script for `shell`, on stdout.
pub fn completions(shell: Shell) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "registro", &mut script);
    super::output::to_stdout(&script)
}

/// Writes `bytes` beside `path` and renames it into place: a page is
/// never seen half written.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside: PathBuf = folder.join(format!(".{name}.{}.part", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&beside)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&beside, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&beside);
        Failure(crate::i18n::system::io_error(
            path,
            &e,
            crate::i18n::current(),
        ))
    })
}
