//! `registro person export ID` and `registro person erase ID`: answering
//! a data-protection request; `registro person language ID [it|en]`: the
//! language of the person's letters (issue 25).

use std::path::Path;

use super::{Failure, Outside, door, output, paths};
use crate::access::Permission;
use crate::i18n::fill;
use crate::mail::PersonLanguage;
use crate::store::{Access, StoreError};
use crate::tui::text::clean;

#[derive(Debug, clap::Subcommand)]
pub enum PersonCommand {
    /// Print everything held about a person as JSON, drafts of notes included
    Export {
        /// The person's id (shown in the Participants tab and in exports)
        id: i64,
        /// Write to this file (readable by you only) instead of stdout
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Replace a person's identifying data with a pseudonym, for good
    Erase { id: i64 },
    /// The language of a person's letters and e-mail: say it, or change it
    Language {
        id: i64,
        /// it (Italian) or en (English); else the current one is shown
        #[arg(value_enum)]
        language: Option<PersonLanguage>,
    },
}

pub fn run(db: Option<&Path>, command: &PersonCommand, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (access, id, permission) = match command {
        PersonCommand::Export { id, .. } => (Access::ReadOnly, *id, Permission::PersonData),
        PersonCommand::Erase { id } => (Access::ReadWrite, *id, Permission::PersonData),
        PersonCommand::Language { id, language } => (
            if language.is_some() {
                Access::ReadWrite
            } else {
                Access::ReadOnly
            },
            *id,
            Permission::EditRecords,
        ),
    };
    let (store, _) = door::open(&path, access, outside, "person", Some(permission))?;
    let missing = || Failure(fill(t.person_missing, &[("id", &id.to_string())]));
    match command {
        PersonCommand::Export { output: file, .. } => {
            let data = store.person_data(id).map_err(|e| match e {
                StoreError::NotFound(_) => missing(),
                other => other.into(),
            })?;
            let mut bytes = serde_json::to_vec_pretty(&data)?;
            bytes.push(b'\n');
            match file {
                Some(file) => output::to_file(&bytes, file, &path, outside),
                None => output::to_stdout(&bytes),
            }
        }
        PersonCommand::Language { language, .. } => {
            let not_found = |e: StoreError| match e {
                StoreError::NotFound(_) => missing(),
                other => other.into(),
            };
            let actor = outside.actor();
            if let Some(language) = language {
                store
                    .set_person_language(&actor, id, *language)
                    .map_err(not_found)?;
            }
            let (now, name) = store.person_language(&actor, id).map_err(not_found)?;
            let sentence = match language {
                Some(_) => t.person_language_set,
                None => t.person_language_said,
            };
            let mut said = clean(&fill(
                sentence,
                &[("name", &name), ("language", now.name(t))],
            ));
            said.push('\n');
            output::to_stdout(said.as_bytes())
        }
        PersonCommand::Erase { .. } => {
            let erased = store
                .erase_person(&outside.actor(), id)
                .map_err(|e| match e {
                    StoreError::NotFound(_) => missing(),
                    other => other.into(),
                })?;
            let mut said = fill(
                t.person_erased,
                &[("id", &id.to_string()), ("pseudonym", &erased.pseudonym)],
            );
            said.push('\n');
            // Texts about other people that name her are not rewritten:
            // the name may be a namesake's. A coordinator reads them.
            if !erased.to_review.is_empty() {
                let count = erased.to_review.len().to_string();
                said.push_str(&fill(t.erase_review, &[("count", &count)]));
                said.push('\n');
                for text in &erased.to_review {
                    said.push_str(&clean(&format!(
                        "  {} {}  {}  {}",
                        text.kind, text.id, text.subject, text.excerpt
                    )));
                    said.push('\n');
                }
            }
            output::to_stdout(said.as_bytes())
        }
    }
}
