//! `registro init --db PATH [--programme NAME]`: an empty register, its
//! creator as admin, named for its programme (asked on a terminal when
//! `--programme` is not given).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::{Failure, Outside};
use crate::store::Store;
use crate::store::settings::checked_programme_name;

pub fn run(db: Option<&Path>, programme: Option<&str>, outside: &Outside) -> Result<(), Failure> {
    let path = db.ok_or_else(|| Failure(outside.text.init_needs_db.to_string()))?;
    let programme = match programme {
        Some(name) => Some(name.to_string()),
        None if std::io::stdin().is_terminal() => ask_programme(outside)?,
        None => None,
    };
    // Checked before the file is made: a bad name leaves nothing behind.
    if let Some(name) = &programme {
        checked_programme_name(name)?;
    }
    let axes = outside.config.axes();
    let actor = outside.actor();
    // Named inside the making of the register, so that a register never
    // exists half made: with a name asked for but without it.
    Store::create_filled(path, &actor, &axes, |store| match &programme {
        Some(name) => store.set_programme_name(&actor, name),
        None => Ok(()),
    })?;
    println!(
        "{}",
        outside
            .text
            .created_register
            .replace("{path}", &path.display().to_string())
    );
    Ok(())
}

/// The programme's name, typed on the terminal; none for an empty line
/// (it can be given later with `registro settings programme`).
fn ask_programme(outside: &Outside) -> Result<Option<String>, Failure> {
    print!("{}", outside.text.programme_ask);
    // The question stays on its line until answered: stdout is flushed
    // by lines. A stdout that cannot be flushed only hides the question.
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let name = line.trim();
    Ok((!name.is_empty()).then(|| name.to_string()))
}
