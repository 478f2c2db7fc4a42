//! `registro backup FILE`, `registro backup --dir DIR --keep N` and
//! `registro check`.

use std::path::Path;

use super::{Failure, Outside, backups, door, paths};
use crate::access::Permission;
use crate::i18n::fill;
use crate::store::Access;

pub fn backup(db: Option<&Path>, target: &Path, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (store, _) = door::open(
        &path,
        Access::ReadOnly,
        outside,
        "backup",
        Some(Permission::Maintain),
    )?;
    let found = store.backup_to(target)?;
    let copy = target.display().to_string();
    if found != ["ok"] {
        return Err(Failure(fill(
            t.backup_bad,
            &[("copy", &copy), ("found", &found.join("; "))],
        )));
    }
    println!(
        "{}",
        fill(
            t.backup_done,
            &[("path", &path.display().to_string()), ("copy", &copy)]
        )
    );
    Ok(())
}

/// A copy named by the date and time in `dir`; then, with `keep`, the
/// oldest copies beyond the newest `keep` removed. Nothing is removed
/// unless the new copy was made whole and passed its check.
pub fn backup_dated(
    db: Option<&Path>,
    dir: &Path,
    keep: Option<u32>,
    outside: &Outside,
) -> Result<(), Failure> {
    let t = outside.text;
    if !dir.is_dir() {
        let shown = dir.display().to_string();
        return Err(Failure(fill(t.backup_dir_missing, &[("dir", &shown)])));
    }
    let path = paths::register_path(db)?;
    let at = outside
        .clock
        .now()
        .to_zoned_datetime(jiff::tz::TimeZone::system());
    let target = dir.join(backups::dated_name(&path, &at));
    backup(Some(&path), &target, outside)?;
    if let Some(keep) = keep {
        let removed = backups::rotate(&path, dir, keep as usize)
            .map_err(|e| Failure(crate::i18n::system::io_error(dir, &e, outside.text)))?;
        println!(
            "{}",
            fill(
                t.backup_rotated,
                &[
                    ("dir", &dir.display().to_string()),
                    ("keep", &keep.to_string()),
                    ("removed", &removed.len().to_string()),
                ]
            )
        );
    }
    Ok(())
}

pub fn check(db: Option<&Path>, outside: &Outside) -> Result<(), Failure> {
    let t = outside.text;
    let path = paths::register_path(db)?;
    let (store, _) = door::open(
        &path,
        Access::ReadOnly,
        outside,
        "check",
        Some(Permission::Maintain),
    )?;
    let report = store.check()?;
    if report.integrity == ["ok"] {
        println!("{}", t.check_integrity_ok);
    } else {
        for line in &report.integrity {
            println!("{}", fill(t.check_integrity_bad, &[("found", line)]));
        }
    }
    if report.foreign_keys.is_empty() {
        println!("{}", t.check_foreign_ok);
    }
    for (table, row, parent) in &report.foreign_keys {
        println!(
            "{}",
            fill(
                t.check_foreign_bad,
                &[
                    ("table", table),
                    ("row", &row.to_string()),
                    ("parent", parent)
                ]
            )
        );
    }
    let found = report.schema_version.to_string();
    if report.schema_version == report.latest_version {
        println!("{}", fill(t.check_schema_ok, &[("found", &found)]));
    } else {
        println!(
            "{}",
            fill(
                t.check_schema_bad,
                &[
                    ("found", &found),
                    ("latest", &report.latest_version.to_string())
                ]
            )
        );
    }
    let shown = path.display().to_string();
    match report.problems() {
        0 => {
            println!("{}", fill(t.check_clean, &[("path", &shown)]));
            Ok(())
        }
        count => Err(Failure(fill(
            t.check_problems,
            &[("path", &shown), ("count", &count.to_string())],
        ))),
    }
}
