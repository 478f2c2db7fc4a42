//! Letters on paper, for people the register has no e-mail address for:
//! while registro cannot print PDFs, each `mail send` writes them into one
//! plain-text batch file, a form feed between letters so that each
//! starts on its own page. The file is written whole beside its name and
//! renamed into place, readable by its owner only (it holds addresses).

use std::io::Write;
use std::path::{Path, PathBuf};

/// One letter: who it is for, and its words.
pub struct Letter<'a> {
    pub name: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// The batch file's name for a run at `stamp` (the register's stamp,
/// `2026-12-04T10:00:00Z`): `letters-2026-12-04-100000.txt`.
pub fn batch_name(stamp: &str) -> String {
    let digits: String = stamp
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    let (day, time) = digits.split_once('T').unwrap_or((&digits, ""));
    let day = if day.len() == 8 {
        format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..])
    } else {
        day.to_string()
    };
    format!("letters-{day}-{time}.txt")
}

/// Writes `letters` to `folder/name`, whole or not at all; returns the
/// path. A batch of that name already there is never replaced.
pub fn write_batch(folder: &Path, name: &str, letters: &[Letter]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let target = folder.join(name);
    let part = folder.join(format!(".{name}.part"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&part)?;
    for (index, letter) in letters.iter().enumerate() {
        if index > 0 {
            file.write_all(b"\x0c\n")?;
        }
        writeln!(
            file,
            "{}\n\n{}\n\n{}",
            letter.name,
            letter.subject,
            letter.body.trim_end()
        )?;
    }
    file.sync_all()?;
    drop(file);
    if target.exists() {
        let _ = std::fs::remove_file(&part);
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            target.display().to_string(),
        ));
    }
    std::fs::rename(&part, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_is_named_by_its_time() {
        assert_eq!(
            batch_name("2026-12-04T10:05:09Z"),
            "letters-2026-12-04-100509.txt"
        );
    }
}
