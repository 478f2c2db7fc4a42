//! `registro backup --dir DIR --keep N`: dated copies in one folder, the
//! oldest beyond N removed once the new one is whole and checked. Meant
//! for the nightly timer of the Debian package.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime as Zoned;

/// The name of a copy of `register` made at `at`, such that names sort
/// as their times do: `registro-2026-12-04-0230.db` for `registro.db`.
pub fn dated_name(register: &Path, at: &Zoned) -> String {
    format!("{}-{}.db", stem(register), at.strftime("%Y-%m-%d-%H%M%S"))
}

/// The copies of `register` in `names` (as `dated_name` makes them) that
/// fall beyond the newest `keep`, oldest first. Other files are never
/// among them, whatever their names.
pub fn beyond_keep(register: &Path, names: &[String], keep: usize) -> Vec<String> {
    let prefix = format!("{}-", stem(register));
    let mut copies: Vec<&String> = names
        .iter()
        .filter(|name| {
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".db"))
                .is_some_and(is_stamp)
        })
        .collect();
    copies.sort();
    let surplus = copies.len().saturating_sub(keep);
    copies.into_iter().take(surplus).cloned().collect()
}

/// Removes the copies of `register` in `dir` beyond the newest `keep`;
/// returns the paths removed.
pub fn rotate(register: &Path, dir: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file()
            && let Some(name) = entry.file_name().to_str()
        {
            names.push(name.to_string());
        }
    }
    let mut removed = Vec::new();
    for name in beyond_keep(register, &names, keep) {
        let path = dir.join(name);
        std::fs::remove_file(&path)?;
        removed.push(path);
    }
    Ok(removed)
}

fn stem(register: &Path) -> String {
    register
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "registro".to_string())
}

/// `2026-12-04-023000`: the stamp `dated_name` writes, nothing else.
fn is_stamp(text: &str) -> bool {
    let shape = "dddd-dd-dd-dddddd";
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(c, s)| {
            if s == b'd' {
                c.is_ascii_digit()
            } else {
                c == s
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_copy_is_named_by_its_register_and_its_local_time() {
        let at: Zoned = "2026-12-04T02:30:05+01:00[Europe/Rome]".parse().unwrap();
        assert_eq!(
            dated_name(Path::new("/srv/registro/registro.db"), &at),
            "registro-2026-12-04-023005.db"
        );
    }

    #[test]
    fn only_the_oldest_copies_beyond_keep_go_and_nothing_else() {
        let register = Path::new("/srv/registro/registro.db");
        let found = names(&[
            "registro-2026-12-03-023000.db",
            "registro-2026-12-01-023000.db",
            "registro-2026-12-04-023000.db",
            "registro-2026-12-02-023000.db",
            // Not copies of this register, or not made by --dir.
            "registro.db",
            "registro-old.db",
            "other-2026-11-01-023000.db",
            "registro-2026-11-01-023000.db.part",
            "registro-2026-11-01-0230.db",
        ]);
        assert_eq!(
            beyond_keep(register, &found, 2),
            names(&[
                "registro-2026-12-01-023000.db",
                "registro-2026-12-02-023000.db"
            ])
        );
        assert!(beyond_keep(register, &found, 4).is_empty());
        assert_eq!(beyond_keep(register, &found, 0).len(), 4);
    }
}
