//! `registro settings programme [NAME]`: the register's own settings.
//! Without a name, says the programme's; with one, names it
//! (coordinators and admins: the store refuses a tutor).

use std::path::Path;

use super::{Failure, Outside, door, paths};
use crate::access::Permission;
use crate::i18n::fill;
use crate::store::Access;

#[derive(Debug, clap::Subcommand)]
pub enum SettingsCommand {
    /// The programme's name, which heads the report and every export
    Programme {
        /// The new name (else the current one is shown)
        name: Option<String>,
    },
}

pub fn run(db: Option<&Path>, command: &SettingsCommand, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let SettingsCommand::Programme { name } = command;
    match name {
        None => {
            let (store, _) = door::open(&path, Access::ReadOnly, outside, "settings", None)?;
            match store.programme_name()? {
                Some(name) => println!("{}", fill(t.programme_shown, &[("name", &name)])),
                None => println!("{}", t.programme_none),
            }
        }
        Some(name) => {
            let (store, _) = door::open(
                &path,
                Access::ReadWrite,
                outside,
                "settings",
                Some(Permission::EditRecords),
            )?;
            store.set_programme_name(&outside.actor(), name)?;
            let kept = store.programme_name()?.unwrap_or_default();
            println!("{}", fill(t.programme_set, &[("name", &kept)]));
        }
    }
    Ok(())
}
