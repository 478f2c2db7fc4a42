//! Keeping a register safe: a consistent copy while others write, and a
//! check of the file's integrity, references and schema.

use std::fs::OpenOptions;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::{Result, Store, StoreError, files, latest_version};

/// What `registro check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// `integrity_check`'s lines: `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// Broken references: (table, rowid, parent table).
    pub foreign_keys: Vec<(String, i64, String)>,
    pub schema_version: i64,
    pub latest_version: i64,
}

impl CheckReport {
    pub fn problems(&self) -> usize {
        let integrity = usize::from(self.integrity != ["ok"]);
        let schema = usize::from(self.schema_version != self.latest_version);
        integrity + self.foreign_keys.len() + schema
    }
}

/// The permission bits of a register that group or others can read, if
/// so (its file or its folder).
pub fn exposed_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        if mode & 0o044 != 0 {
            return Some(mode);
        }
    }
    let _ = path;
    None
}

fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let lines = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines)
}

impl Store {
    /// Copies the register to `target` (a new file, readable by its owner
    /// only) with SQLite's online backup: one read transaction, so the
    /// copy is the register as it was at one instant, while other
    /// processes keep writing. The copy is made beside the target
    /// (`.NAME.part`), checked, synced and only then linked into place
    /// whole: a backup killed at any moment leaves nothing at the
    /// target's name, and the next one cleans up what it left. Returns
    /// the copy's `integrity_check`; a copy that fails it is not kept.
    pub fn backup_to(&self, target: &Path) -> Result<Vec<String>> {
        if target.symlink_metadata().is_ok() {
            return Err(StoreError::AlreadyExists(target.to_path_buf()));
        }
        let part = files::beside(target, "part");
        files::remove_with_journals(&part);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&part)
            .map_err(|e| StoreError::Io(part.clone(), e))?;
        let copied = (|| -> Result<Vec<String>> {
            let found = {
                let mut copy = Connection::open(&part)?;
                {
                    let backup = Backup::new(self.conn(), &mut copy)?;
                    // All pages in one step: the source is read in a
                    // single transaction, which in WAL mode never blocks
                    // writers and is never restarted by them.
                    backup.step(-1)?;
                }
                // One self-contained file: no `-wal` to carry along.
                copy.pragma_update(None, "journal_mode", "DELETE")?;
                integrity(&copy)?
            };
            if found == ["ok"] {
                files::place_whole(&part, target)?;
            }
            Ok(found)
        })();
        files::remove_with_journals(&part);
        copied
    }

    /// When imports check the whole file for damage from now on: for
    /// tests that want each way taken on a small register.
    pub fn check_before_imports(&self, how: ImportCheck) {
        self.import_check.set(how);
    }

    /// Before an import of `rows` rows writes: the whole file is checked
    /// (`quick_check`) when that is cheap beside the import, else the
    /// import relies on the damage latch (`ImportCheck`).
    pub fn check_before_import(&self, rows: usize) -> Result<()> {
        let bytes: i64 = self.conn().query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |row| row.get(0),
        )?;
        let bytes = u64::try_from(bytes).unwrap_or(0);
        if self.import_check.get().checks_whole(rows, bytes) {
            self.quick_check()?;
        }
        Ok(())
    }

    /// SQLite's `quick_check`: every page and record readable, without
    /// comparing indexes to their tables (what makes `integrity_check`
    /// slow). A large import, or one into a small register, asks first,
    /// so that it never writes into a damaged file (`ImportCheck`).
    pub fn quick_check(&self) -> Result<()> {
        let mut statement = self.conn().prepare("PRAGMA quick_check")?;
        let lines = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if lines == ["ok"] {
            return Ok(());
        }
        let why = lines.into_iter().take(3).collect::<Vec<_>>().join("; ");
        Err(StoreError::Damaged(why))
    }

    /// Runs `integrity_check`, `foreign_key_check` and the schema version
    /// check.
    pub fn check(&self) -> Result<CheckReport> {
        let integrity = integrity(self.conn())?;
        let mut statement = self.conn().prepare("PRAGMA foreign_key_check")?;
        let foreign_keys = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(CheckReport {
            integrity,
            foreign_keys,
            schema_version: self.schema_version()?,
            latest_version: latest_version(),
        })
    }
}

/// Whether an import reads the whole register for damage before writing.
///
/// `quick_check` reads every page: 0.77 s on a region's 200 MB register,
/// which turned an office's forty requests from 12 ms into 774 ms. An
/// import that small reads and writes only a few pages, and SQLite
/// checks every page it reads: damage on one of them fails the import
/// with `StoreError::Damaged`, its transaction rolls back, and the
/// store tries no write again (the damage latch). So the whole file is
/// checked only where the check costs little beside the import: a file
/// of many rows (which reads much of the register anyway) or a small
/// register. Damage on a page a small import never reads is found by
/// the next large import, `registro check` or the backup's check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportCheck {
    /// The whole file for an import of `WHOLE_CHECK_ROWS` rows or more,
    /// or into a register under `WHOLE_CHECK_BYTES`.
    #[default]
    BySize,
    Always,
    Never,
}

/// Rows from which an import checks the whole register first.
pub const WHOLE_CHECK_ROWS: usize = 1_000;
/// Size under which every import checks the whole register first.
pub const WHOLE_CHECK_BYTES: u64 = 20 * 1024 * 1024;

impl ImportCheck {
    /// Whether an import of `rows` rows into a register of `bytes` bytes
    /// checks the whole file first.
    pub fn checks_whole(self, rows: usize, bytes: u64) -> bool {
        match self {
            ImportCheck::BySize => rows >= WHOLE_CHECK_ROWS || bytes < WHOLE_CHECK_BYTES,
            ImportCheck::Always => true,
            ImportCheck::Never => false,
        }
    }
}

#[cfg(test)]
mod import_check_tests {
    use super::*;

    #[test]
    fn large_imports_and_small_registers_are_checked_whole() {
        let by_size = ImportCheck::BySize;
        let large_register = 200 * 1024 * 1024;
        assert!(!by_size.checks_whole(40, large_register));
        assert!(by_size.checks_whole(1_000, large_register));
        assert!(by_size.checks_whole(40, 5 * 1024 * 1024));
        assert!(ImportCheck::Always.checks_whole(1, large_register));
        assert!(!ImportCheck::Never.checks_whole(100_000, 0));
    }
}
