//! `registro init --db PATH`: an empty register, its creator as admin.

use std::path::Path;

use super::{Failure, Outside};
use crate::store::Store;

pub fn run(db: Option<&Path>, outside: &Outside) -> Result<(), Failure> {
    let path = db.ok_or_else(|| Failure(outside.text.init_needs_db.to_string()))?;
    let axes = outside.config.axes();
    Store::create(path, &outside.actor(), &axes)?;
    println!(
        "{}",
        outside
            .text
            .created_register
            .replace("{path}", &path.display().to_string())
    );
    Ok(())
}
