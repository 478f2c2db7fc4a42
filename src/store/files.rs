//! Files the store writes whole: made beside their target under a
//! hidden name, synced, and put in place in one step, so that a process
//! killed half way never leaves a half-made file at the target's name.

use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// `.NAME.WHAT` in the target's folder: hidden, and on the same file
/// system, so that it can take the target's place in one step.
pub(crate) fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}.{what}"))
}

/// Removes `file` and the journals SQLite may have left beside it (a
/// process killed while it wrote there): nothing of a half-made copy
/// stays behind.
pub(crate) fn remove_with_journals(file: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Syncs `part` to the disk, then gives it the name `target`, which
/// must not exist yet (another file put there meanwhile is never
/// replaced), then syncs the folder so that the new name survives a
/// power cut too.
pub(crate) fn place_whole(part: &Path, target: &Path) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| StoreError::Io(path, e)
    };
    std::fs::File::open(part)
        .and_then(|file| file.sync_all())
        .map_err(io(part))?;
    // A link fails when the name is taken, where a rename would replace
    // what is there. Some file systems have no links: there a rename,
    // after looking.
    match std::fs::hard_link(part, target) {
        Ok(()) => std::fs::remove_file(part).map_err(io(part))?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        Err(_) if target.symlink_metadata().is_ok() => {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        Err(_) => std::fs::rename(part, target).map_err(io(target))?,
    }
    sync_folder(target);
    Ok(())
}

/// Syncs the folder holding `file`, so that a name just given is on the
/// disk. Where a folder cannot be opened for that (not every system
/// allows it) the name is left to the system's own flush.
fn sync_folder(file: &Path) {
    let folder = match file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}
