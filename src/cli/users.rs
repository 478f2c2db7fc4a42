//! `registro users add|give|list|remove`: who may open the register, and
//! as what. Admins manage everyone; coordinators add tutors and give them
//! modules (the store checks which).

use std::path::Path;

use super::{Failure, Outside, door, paths};
use crate::access::Permission;
use crate::domain::Role;
use crate::i18n::fill;
use crate::store::Access;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    Admin,
    Coordinator,
    Tutor,
}

impl RoleArg {
    fn role(self) -> Role {
        match self {
            RoleArg::Admin => Role::Admin,
            RoleArg::Coordinator => Role::Coordinator,
            RoleArg::Tutor => Role::Tutor,
        }
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum UsersCommand {
    /// Give someone access to the register
    Add {
        /// Their login name (the name `--user` or the system gives)
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A module they tutor (its code); repeat for several
        #[arg(long = "module", value_name = "CODE")]
        modules: Vec<String>,
        /// The name shown on screen (else the login name)
        #[arg(long = "name", value_name = "DISPLAY NAME")]
        display_name: Option<String>,
    },
    /// Give a user more modules to tutor
    Give {
        name: String,
        /// A module's code; repeat for several
        #[arg(long = "module", value_name = "CODE", required = true)]
        modules: Vec<String>,
    },
    /// Everyone who can open the register
    List,
    /// Take someone's access away (their past changes keep their name)
    Remove { name: String },
}

pub fn run(db: Option<&Path>, command: &UsersCommand, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (store, _) = door::open(
        &path,
        Access::ReadWrite,
        outside,
        "users",
        Some(Permission::ManageTutors),
    )?;
    let actor = outside.actor();
    match command {
        UsersCommand::Add {
            name,
            role,
            modules,
            display_name,
        } => {
            store.add_user(&actor, name, display_name.as_deref(), role.role(), modules)?;
            println!(
                "{}",
                fill(
                    t.user_added,
                    &[
                        ("login", name),
                        ("role", crate::i18n::system::role_word(role.role(), t))
                    ]
                )
            );
        }
        UsersCommand::Give { name, modules } => {
            store.give_modules(&actor, name, modules)?;
            println!(
                "{}",
                fill(
                    t.user_given_modules,
                    &[("login", name), ("modules", &modules.join(", "))]
                )
            );
        }
        UsersCommand::List => {
            println!("{}", t.users_header);
            for user in store.users()? {
                // Logins and codes are data too: nothing from the
                // register reaches the terminal unclean.
                let clean = crate::tui::text::clean;
                println!(
                    "{}\t{}\t{}\t{}",
                    clean(&user.login),
                    clean(&user.display_name),
                    clean(&crate::i18n::system::role_text(&user.role, t)),
                    clean(&user.modules.join(","))
                );
            }
        }
        UsersCommand::Remove { name } => {
            store.remove_user(&actor, name)?;
            println!("{}", fill(t.user_removed, &[("login", name)]));
        }
    }
    Ok(())
}
