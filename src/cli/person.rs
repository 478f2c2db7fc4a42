//! `registro person export ID` and `registro person erase ID`: answering
//! a data-protection request.

use std::path::Path;

use super::{Failure, Outside, door, output, paths};
use crate::access::Permission;
use crate::i18n::fill;
use crate::store::{Access, StoreError};

#[derive(Debug, clap::Subcommand)]
pub enum PersonCommand {
    /// Print everything held about a person as JSON
    Export {
        /// The person's id (shown in the Participants tab and in exports)
        id: i64,
    },
    /// Replace a person's identifying data with a pseudonym, for good
    Erase { id: i64 },
}

pub fn run(db: Option<&Path>, command: &PersonCommand, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (access, id) = match command {
        PersonCommand::Export { id } => (Access::ReadOnly, *id),
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
        PersonCommand::Export { .. } => {
            let data = store.person_data(id).map_err(|e| match e {
                StoreError::NotFound(_) => missing(),
                other => other.into(),
            })?;
            let mut bytes = serde_json::to_vec_pretty(&data)?;
            bytes.push(b'\n');
            output::to_stdout(&bytes)
        }
        PersonCommand::Erase { .. } => {
            let name = store
                .erase_person(&outside.actor(), id)
                .map_err(|e| match e {
                    StoreError::NotFound(_) => missing(),
                    other => other.into(),
                })?;
            println!(
                "{}",
                fill(
                    t.person_erased,
                    &[("id", &id.to_string()), ("pseudonym", &name)]
                )
            );
            Ok(())
        }
    }
}
