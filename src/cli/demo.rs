//! `registro demo`: a register that looks like the real programme,
//! created once, then opened.

use std::path::Path;

use super::{Failure, Outside, paths};
use crate::store::{Access, Store};

pub fn run(db: Option<&Path>, outside: &Outside) -> Result<(), Failure> {
    let path = paths::demo_path(db)?;
    if !path.exists() {
        let mut store = Store::create(&path, &outside.actor(), &outside.config.axes())?;
        if let Err(error) =
            crate::demo::populate(&mut store, &outside.actor(), outside.clock.today())
        {
            drop(store);
            // A half-made demo would be opened as is next time: remove it.
            let _ = std::fs::remove_file(&path);
            return Err(error.into());
        }
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
