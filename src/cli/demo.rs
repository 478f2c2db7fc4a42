//! `registro demo`: a register that looks like the real programme,
//! created once, then opened.

use std::path::Path;

use super::{Failure, Outside, paths};
use crate::store::{Access, Store};

/// Which demo register to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoSize {
    /// A realistic programme: 12 modules, about 250 people
    Realistic,
    /// A region's worth: 100,000 people, 2,000 modules, 1,000,000 marks
    Large,
}

pub fn run(db: Option<&Path>, size: DemoSize, outside: &Outside) -> Result<(), Failure> {
    let path = paths::demo_path(db)?;
    if !path.exists() {
        // The register's first admin is whoever makes it, unless they
        // name one of the demo's own people (`--user tutor.rossi`): then
        // the demo's admin makes it and they keep their demo role, where
        // a tutor trying the demo used to become its admin. Made beside
        // its name and put there whole: a demo killed half way (the large
        // one takes a while) leaves nothing to be opened as it is.
        let actor = if crate::demo::is_demo_user(&outside.user) {
            crate::context::Actor::new("admin", outside.clock.clone())
        } else {
            outside.actor()
        };
        let today = outside.clock.today();
        Store::create_filled(&path, &actor, &outside.config.axes(), |store| {
            match size {
                DemoSize::Realistic => crate::demo::populate(store, &actor, today),
                DemoSize::Large => {
                    crate::demo::populate_large(store, &actor, today, crate::demo::Scale::LARGE)
                }
            }
            // Named as a real programme would be, so that the report and
            // the exports show their heading.
            .and_then(|_| store.set_programme_name(&actor, outside.text.demo_programme))
        })?;
    } else {
        // Refuse early, before the screen opens, if it is not a register
        // or the acting user is not one of its users.
        super::door::open(&path, Access::ReadWrite, outside, "demo", None)?;
    }
    if !crate::tui::is_terminal() {
        // From a script: the register is made; say where it is.
        println!("{}", path.display());
        return Ok(());
    }
    crate::tui::open(&path, outside).map_err(Failure::from)
}
