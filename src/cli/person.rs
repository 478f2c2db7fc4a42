//! `registro person export ID` and `registro person erase ID`: answering
//! a data-protection request.

use std::path::Path;

use super::{Failure, Outside, door, output, paths};
use crate::access::Permission;
use crate::i18n::fill;
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
}

pub fn run(db: Option<&Path>, command: &PersonCommand, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (access, id) = match command {
        PersonCommand::Export { id, .. } => (Access::ReadOnly, *id),
        PersonCommand::Erase { id } => (Access::ReadWrite, *id),
    };
    let (store, _) = door::open(
        &path,
        access,
        outside,
        "person",
        Some(Permission::PersonData),
    )?;
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
