//! The register: one SQLite file holding the whole domain. The rest of
//! the program reaches the database only through this module, which knows
//! nothing of the terminal.

pub mod attendance;
pub mod audit_log;
pub mod bulk;
pub mod enrolments;
mod error;
pub mod exports;
mod files;
mod found;
pub mod lists;
pub mod lookup;
pub mod maintenance;
mod migrations;
mod name_order;
pub mod notes;
pub mod outbox;
pub mod people;
mod person_language;
pub mod planning;
pub mod prints;
pub mod privacy;
pub mod queries;
pub mod ratings;
pub mod reach;
pub mod report_queries;
pub mod request_writer;
pub mod screen_queries;
pub mod seed;
pub mod settings;
pub mod timetable;
pub mod users;
pub mod writes;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};

use crate::context::Actor;
use crate::domain::Role;

pub use error::{Filling, Refusal, StoreError, describe, refused, refused_with};
pub use maintenance::{CheckReport, ImportCheck, exposed_mode};
pub use migrations::{MIGRATIONS, Step, latest_version};
pub use name_order::PeopleSort;
pub use people::{Duplicate, DuplicateReason, Merged};

pub type Result<T> = std::result::Result<T, StoreError>;

/// The version of the SQLite library registers are read with (`3.50.2`),
/// which is what an administrator asks when a register will not open.
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

/// How long a writer waits for another process's transaction to finish
/// before giving up: long enough that concurrent tutors never see an error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a write keeps asking for the lock before it gives up.
const WRITE_PATIENCE: Duration = Duration::from_secs(300);

/// The marker that tells a register apart from any other SQLite file.
const APPLICATION: &str = "registro";

/// The five thematic axes of a new register.
pub const DEFAULT_AXES: &[(&str, &str)] = &[
    ("I", "Educazione e apprendimento: dalla lingua ai valori"),
    ("II", "Lavoro"),
    ("III", "Alloggio e governo del territorio"),
    ("IV", "Accesso ai servizi essenziali"),
    ("V", "Minori e seconde generazioni"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The rows the last `/` filter found (lists.rs): typing one
    /// character reads a count and a page, and both would look for them.
    last_filter_found: std::cell::RefCell<Option<lists::FilterFound>>,
    /// Whole lists counted, until the register changes (lists.rs).
    counted: std::cell::RefCell<lists::Counted>,
    /// Every person's place in name order, read by a thread of its own
    /// once a filter is typed (name_order.rs).
    name_order: std::cell::RefCell<name_order::NameOrder>,
    /// How a filter of the people sorts what it finds (`sort_people_by`).
    people_sort: std::cell::Cell<PeopleSort>,
    /// How imports read the register's people (`read_for_imports`).
    import_reading: std::cell::Cell<lookup::ImportReading>,
    /// When imports check the whole file for damage first
    /// (`check_before_imports`).
    import_check: std::cell::Cell<maintenance::ImportCheck>,
    /// Rows this connection changed that no list or figure shows: a
    /// roster saying it is open (`write_unseen`). Left out of
    /// `change_counter`, so that they make nothing be read again.
    unseen_changes: std::cell::Cell<u64>,
    /// What SQLite said when it first found the file damaged: from then
    /// on no write is tried (`write`).
    damaged: std::cell::RefCell<Option<String>>,
}

impl Store {
    /// Creates a new, empty register at `path`, readable by its owner only.
    /// Refuses to touch an existing file. The register is made beside
    /// `path` and takes its name only once whole: a `registro init`
    /// killed half way leaves nothing there.
    pub fn create(path: &Path, admin: &Actor, axes: &[(&str, &str)]) -> Result<Store> {
        Store::create_filled(path, admin, axes, |_| Ok(()))
    }

    /// `create`, with `fill` writing into the new register before it
    /// takes its name (a demo): killed or failed half way, it leaves
    /// nothing at `path`.
    pub fn create_filled(
        path: &Path,
        admin: &Actor,
        axes: &[(&str, &str)],
        fill: impl FnOnce(&mut Store) -> Result<()>,
    ) -> Result<Store> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !folder.is_dir()
        {
            return Err(StoreError::FolderMissing(folder.to_path_buf()));
        }
        if path.symlink_metadata().is_ok() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let part = files::beside(path, "new");
        files::remove_with_journals(&part);
        let made = Store::create_at(&part, admin, axes, fill)
            .and_then(|()| files::place_whole(&part, path));
        files::remove_with_journals(&part);
        made?;
        Store::connect(path, Access::ReadWrite)
    }

    /// Makes a whole register at `part`, closed in rollback-journal mode
    /// so that the one file holds all of it.
    fn create_at(
        part: &Path,
        admin: &Actor,
        axes: &[(&str, &str)],
        fill: impl FnOnce(&mut Store) -> Result<()>,
    ) -> Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(part)
            .map_err(|e| StoreError::Io(part.to_path_buf(), e))?;
        let mut store = Store::connect(part, Access::ReadWrite)?;
        store.migrate()?;
        store.write(|tx| {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('application', ?1), ('created_at', ?2), ('created_by', ?3)",
                params![APPLICATION, admin.clock.stamp(), admin.user],
            )?;
            for (code, title) in axes {
                tx.execute(
                    "INSERT INTO axis(code, title) VALUES (?1, ?2)",
                    params![code, title],
                )?;
            }
            tx.execute(
                "INSERT INTO app_user(login, display_name, role) VALUES (?1, ?1, ?2)",
                params![admin.user, Role::Admin.as_str()],
            )?;
            writes::audit(tx, admin, "register", None, "create", None, None)?;
            Ok(())
        })?;
        fill(&mut store)?;
        store.conn.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Opens an existing register, upgrading its schema when it was made
    /// by an earlier version (read-write only).
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        check_is_register_file(path)?;
        if access == Access::ReadWrite && is_read_only_file(path) {
            return Err(StoreError::ReadOnly(path.to_path_buf()));
        }
        let mut store = Store::connect(path, access)?;
        let version = store.schema_version()?;
        if version > latest_version() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: latest_version(),
            });
        }
        if version == 0 || !store.has_application_marker()? {
            return Err(StoreError::NotARegister(path.to_path_buf()));
        }
        if version < latest_version() {
            if access == Access::ReadOnly {
                return Err(StoreError::NeedsUpgrade(path.to_path_buf()));
            }
            store.migrate()?;
        }
        Ok(store)
    }

    fn connect(path: &Path, access: Access) -> Result<Store> {
        let flags = match access {
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = if access == Access::ReadOnly && would_leave_foreign_journals(path) {
            // Opened as usual, SQLite would create the `-wal` and `-shm`
            // as this account, unusable by the owner's writers ("attempt
            // to write a readonly database") until someone removed them.
            // With neither there, the register is whole in its file and
            // nobody has it open in WAL mode: it is read as it is,
            // creating nothing.
            let uri = immutable_uri(path);
            Connection::open_with_flags(&uri, flags).map_err(|e| classify(path, e))?
        } else {
            Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The same plan whatever values are bound. Without it, SQLite
        // marks a statement whose plan looked at a bound value to be
        // prepared again when that value changes, and rusqlite clears
        // the values of each statement it takes back into its cache: the
        // statements a roster or a list page reads were prepared again on
        // every key (a tenth of opening a roster). No plan here needs the
        // values: the register keeps no ANALYZE statistics, and the
        // filters' LIKE patterns start with '%', which no index serves.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // The header check above lets through a file that only starts like
        // a database; the first real read tells.
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| classify(path, e))?;
        if access == Access::ReadWrite {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| classify(path, e))?;
            // A mark acknowledged on screen must survive a power cut.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(Store {
            conn,
            last_filter_found: Default::default(),
            counted: Default::default(),
            name_order: Default::default(),
            people_sort: Default::default(),
            import_reading: Default::default(),
            import_check: Default::default(),
            unseen_changes: Default::default(),
            damaged: Default::default(),
            path: path.to_path_buf(),
        })
    }

    /// How imports read the register's people from now on: for tests
    /// that want both ways to find the same people.
    pub fn read_for_imports(&self, how: lookup::ImportReading) {
        self.import_reading.set(how);
    }

    pub(crate) fn import_reading(&self) -> lookup::ImportReading {
        self.import_reading.get()
    }

    /// How a `/` filter of the people sorts what it finds from now on:
    /// for tests and tools that want the same way every time.
    pub fn sort_people_by(&self, how: PeopleSort) {
        self.people_sort.set(how);
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        let version = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| classify(&self.path, e))?;
        Ok(version)
    }

    fn has_application_marker(&self) -> Result<bool> {
        let marker: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'application'",
                [],
                |row| row.get(0),
            )
            .ok();
        Ok(marker.as_deref() == Some(APPLICATION))
    }

    /// Runs every migration step after the register's version, each in its
    /// own transaction together with the version bump.
    fn migrate(&mut self) -> Result<()> {
        let from = self.schema_version()?;
        apply_steps(&mut self.conn, from, latest_version())
    }

    /// Upgrades to `version` only: for tests that need a register as an
    /// earlier release left it.
    pub fn create_at_version(path: &Path, version: i64) -> Result<()> {
        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        apply_steps(&mut conn, 0, version)?;
        if version >= 1 {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('application', ?1)",
                [APPLICATION],
            )?;
        }
        Ok(())
    }

    /// Runs `change` in one immediate transaction: it either all lands or
    /// none of it does, and it waits for other writers instead of failing.
    pub fn write<T>(&self, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        // `new_unchecked` takes `&Connection`: the store is used from one
        // thread and never nests transactions, so a shared borrow is safe
        // and lets every view write through the same `&Store`.
        let written = self.begin_immediate().and_then(|tx| {
            let value = change(&tx)?;
            tx.commit()?;
            Ok(value)
        });
        if let Err(StoreError::Damaged(why)) = &written {
            self.latch_damage(why);
        }
        written
    }

    /// From SQLite's first word of damage on, no write is tried again.
    pub(crate) fn latch_damage(&self, why: &str) {
        self.damaged.replace(Some(why.to_string()));
    }

    /// `write`, for rows that no list or figure shows (a roster saying it
    /// is open, every few seconds): they leave `change_counter` as it
    /// was, so the lists and figures on screen are not read again for
    /// them. Counted even when the change is rolled back: then nothing
    /// changed for the lists either.
    pub(crate) fn write_unseen<T>(
        &self,
        change: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let before = self.conn.total_changes();
        let result = self.write(change);
        let made = self.conn.total_changes().saturating_sub(before);
        self.unseen_changes.set(self.unseen_changes.get() + made);
        result
    }

    /// Takes the write lock. SQLite's busy handler is not a queue: under
    /// heavy contention one waiter can be overtaken for longer than the
    /// busy timeout. Rather than refuse a user's write because others are
    /// writing, it asks again, up to `WRITE_PATIENCE` in all.
    pub(crate) fn begin_immediate(&self) -> Result<Transaction<'_>> {
        if let Some(why) = self.damaged.borrow().as_ref() {
            return Err(StoreError::Damaged(why.clone()));
        }
        let start = std::time::Instant::now();
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && start.elapsed() < WRITE_PATIENCE => {}
                other => return Ok(other?),
            }
        }
    }

    /// Readies this connection for reading most of the register at once
    /// (a report, an export): the file is mapped into memory, so that the
    /// pages a join visits again and again are read from the mapping
    /// instead of being copied in by a system call each time (a third of
    /// the report's time on a large register). Not for the screen, whose
    /// memory stays small.
    pub fn read_in_bulk(&self) -> Result<()> {
        const MAPPED_BYTES: i64 = 1 << 30;
        self.conn.pragma_update(None, "mmap_size", MAPPED_BYTES)?;
        Ok(())
    }

    /// The connection, for read queries in this module's children.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A pair that changes whenever the register does, by this connection
    /// (its count of changed rows, less those `write_unseen` made) or
    /// another (`data_version`): to know whether something computed from
    /// the register is still current.
    pub fn change_counter(&self) -> Result<(i64, u64)> {
        let changed = self
            .conn
            .total_changes()
            .saturating_sub(self.unseen_changes.get());
        Ok((self.data_version()?, changed))
    }

    /// The highest enrolment id: at least the number of enrolments, read
    /// from the end of the table's b-tree without counting it.
    pub fn enrolments_upper_bound(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM enrolment", [], |row| {
                row.get(0)
            })?)
    }

    /// A number that changes whenever any connection commits a write:
    /// a cheap way to notice another user's changes without reloading.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

/// Takes the schema from version `from` to `to`, one step per
/// transaction together with its version bump: an interrupted upgrade
/// leaves the register at the last step that finished.
fn apply_steps(conn: &mut Connection, from: i64, to: i64) -> Result<()> {
    for (index, step) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= from || version > to {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        step.apply(&tx)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn check_is_register_file(path: &Path) -> Result<()> {
    use std::io::Read;
    // Looked at before opening: opening a FIFO waits for a writer that
    // never comes, and a device can be read for ever.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(StoreError::NotAFile(path.to_path_buf()));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Err(e) => return Err(StoreError::Io(path.to_path_buf(), e)),
    }
    let mut header = [0u8; 16];
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Err(e) => return Err(StoreError::Io(path.to_path_buf(), e)),
    };
    let read = file
        .read(&mut header)
        .map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    if read < header.len() || &header != b"SQLite format 3\0" {
        return Err(StoreError::NotARegister(path.to_path_buf()));
    }
    Ok(())
}

/// Whether a read-only connection opened as usual would create a `-wal`
/// or `-shm` owned by this account beside someone else's register: we
/// are not its owner (root is not asked: SQLite gives what root creates
/// to the register's owner) and neither file is there.
fn would_leave_foreign_journals(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return false;
        };
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if me == 0 || me == meta.uid() {
            return false;
        }
        let beside = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name).exists()
        };
        !beside("-wal") && !beside("-shm")
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// `file:PATH?immutable=1`, with the characters a URI gives a meaning
/// to written as `%XX`.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'%' | b'?' | b'#' | 0x80.. => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(char::from(*byte)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether the file's permissions forbid writing, whoever we are (even
/// root, who could write anyway: a read-only register was made so on
/// purpose).
fn is_read_only_file(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|meta| meta.permissions().readonly())
        .unwrap_or(false)
}

fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotARegister(path.to_path_buf()),
        Some(rusqlite::ErrorCode::CannotOpen) => StoreError::Missing(path.to_path_buf()),
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly(path.to_path_buf()),
        _ => StoreError::from(error),
    }
}
