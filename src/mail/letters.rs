//! Letters on paper, for people the register has no e-mail address for:
//! each `mail send` prints them into one PDF batch (src/print/letters.rs),
//! written here whole beside its name and renamed into place, readable by
//! its owner only (it holds names and decisions), never over another.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The batch file's name for a run at `stamp` (the register's stamp,
/// `2026-12-04T10:00:00Z`): `letters-2026-12-04-100000.pdf`.
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
    format!("letters-{day}-{time}.pdf")
}

/// Writes the batch's `bytes` to `folder/name`, whole or not at all;
/// returns the path. A batch of that name already there is never replaced.
pub fn write_batch(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
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
    file.write_all(bytes)?;
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
            "letters-2026-12-04-100509.pdf"
        );
    }
}
