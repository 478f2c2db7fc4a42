//! Files and faults, as processes on real files (issue 20): a backup or
//! an import killed at random moments, a register read by another
//! account, a FIFO or a folder as the register, a damaged page under an
//! import. Each leaves a register that `check` finds clean.

mod command;
mod common;

use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assert_cmd::cargo::cargo_bin;
use tempfile::tempdir;

/// A register of `admin` with about 50 MB of pages beside its tables, so
/// that a backup takes long enough to be killed half way.
fn heavy_register(folder: &Path) -> PathBuf {
    let db = common::demo_register(folder);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE ballast(bytes BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
         INSERT INTO ballast SELECT randomblob(4000) FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    db
}

/// Numbers from the clock's nanoseconds: a different kill moment each
/// run, with no crate for it.
struct Dice(u64);

impl Dice {
    fn new() -> Dice {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        Dice(u64::from(seed) | 1)
    }

    fn below(&mut self, limit: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % limit.max(1)
    }
}

fn registro(db: &Path, args: &[&str]) -> Command {
    let mut command = common::registro("admin");
    command
        .arg("--db")
        .arg(db)
        .args(["--user", "admin"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn check_is_clean(db: &Path) {
    command::registro()
        .arg("--db")
        .arg(db)
        .args(["--user", "admin", "check"])
        .assert()
        .success();
}

fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().unwrap().to_string_lossy();
    target.with_file_name(format!(".{name}.{what}"))
}

#[test]
fn a_backup_killed_at_any_moment_leaves_nothing_at_its_name() {
    let dir = tempdir().unwrap();
    let db = heavy_register(dir.path());
    let target = dir.path().join("backup.db");
    // One whole backup first, to know how long one takes here.
    let start = Instant::now();
    assert!(
        registro(&db, &["backup"])
            .arg(&target)
            .status()
            .unwrap()
            .success()
    );
    let whole = start.elapsed().as_millis() as u64;
    check_is_clean(&target);
    std::fs::remove_file(&target).unwrap();

    let mut dice = Dice::new();
    let mut killed_while_copying = 0;
    for _ in 0..8 {
        let mut child = registro(&db, &["backup"]).arg(&target).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(dice.below(whole)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        // The negative control: the kill landed while the copy was being
        // written (its part file is there), not before or after.
        if status.code().is_none() && beside(&target, "part").exists() {
            killed_while_copying += 1;
        }
        if target.exists() {
            // It finished before the kill: then it is whole.
            assert!(status.success(), "{status:?} left {}", target.display());
            check_is_clean(&target);
            std::fs::remove_file(&target).unwrap();
        }
    }
    assert!(
        killed_while_copying > 0,
        "no kill landed during a copy of {whole} ms"
    );
    // The next backup to the same name works, and cleans up.
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["--user", "admin", "backup"])
        .arg(&target)
        .assert()
        .success();
    check_is_clean(&target);
    assert!(!beside(&target, "part").exists());
    check_is_clean(&db);
}

const REQUESTS: usize = 20_000;

fn write_requests(path: &Path) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        file,
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type,status"
    )
    .unwrap();
    for n in 0..REQUESTS {
        writeln!(
            file,
            "2026-10-01,M01,Ucciso {n},Anna,F,ucciso.{n}@comune.example.it,Comune di Cremona,Comune,requested"
        )
        .unwrap();
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

#[test]
fn an_import_killed_at_any_moment_writes_all_or_nothing() {
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    let file = dir.path().join("requests.csv");
    write_requests(&file);
    let start = Instant::now();
    let copy = dir.path().join("timing.db");
    std::fs::copy(&db, &copy).unwrap();
    assert!(
        registro(&copy, &["import", "enrolments"])
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    let whole = start.elapsed().as_millis() as u64;
    let ours = "SELECT count(*) FROM person WHERE surname LIKE 'Ucciso %'";

    // Each try starts from the same register, so that a try whose kill
    // came too late (the import done, or committed) leaves the next one
    // a register to import into; the tries go on until two kills have
    // landed inside a running import, on a busy machine too.
    let pristine = dir.path().join("pristine.db");
    std::fs::copy(&db, &pristine).unwrap();
    let mut dice = Dice::new();
    let mut killed_running = 0;
    for _ in 0..30 {
        for leftover in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{leftover}", db.display()));
        }
        std::fs::copy(&pristine, &db).unwrap();
        let mut child = registro(&db, &["import", "enrolments"])
            .arg(&file)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(dice.below(whole)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let people = count(&db, ours);
        if status.code().is_none() {
            // All or nothing: a kill that lands after the commit, while
            // the import is still saying so, finds every request in.
            assert!(
                people == 0 || people == REQUESTS as i64,
                "a killed import left {people} people"
            );
            if people == 0 {
                // The negative control: this kill ended a running import.
                killed_running += 1;
            }
        } else {
            assert!(status.success());
            assert_eq!(people, REQUESTS as i64);
        }
        check_is_clean(&db);
        if killed_running >= 2 {
            break;
        }
    }
    assert!(killed_running > 0, "no kill landed during an import");
    check_is_clean(&db);
}

/// Two accounts of this machine, made for the test: `setpriv` runs the
/// binary as each. Only root can make them; elsewhere the test says so
/// loudly, and fails under CI, where it must run.
fn accounts() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the other-account test as root"
        );
        eprintln!("SKIPPED: a report run by another account needs root to make the accounts");
        return None;
    }
    let uid = |name: &str| -> u32 {
        let known = || Command::new("id").arg("-u").arg(name).output().unwrap();
        if !known().status.success() {
            let made = Command::new("useradd")
                .args(["--no-create-home", "--shell", "/bin/false", name])
                .status()
                .unwrap();
            // 9: made meanwhile by a test running beside this one.
            assert!(made.success() || made.code() == Some(9), "useradd {name}");
        }
        String::from_utf8_lossy(&known().stdout)
            .trim()
            .parse()
            .unwrap()
    };
    Some((uid("registro-owner"), uid("registro-reader")))
}

fn as_account(uid: u32, db: &Path, args: &[&str]) -> std::process::Output {
    let mut command = Command::new("setpriv");
    common::pin(&mut command, "admin")
        .arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"))
        .arg("--clear-groups")
        .arg(cargo_bin("registro"))
        .arg("--db")
        .arg(db)
        .args(["--user", "admin"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_report_by_another_account_leaves_the_owner_able_to_write() {
    let Some((owner, reader)) = accounts() else {
        return;
    };
    let dir = tempdir().unwrap();
    // A shared folder anyone may write in, as /tmp is.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let db = dir.path().join("shared.db");
    let made = as_account(owner, &db, &["init"]);
    assert!(made.status.success(), "{made:?}");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();

    let report = as_account(reader, &db, &["report", "--format", "json"]);
    assert!(report.status.success(), "{report:?}");
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(meta) = std::fs::metadata(PathBuf::from(name)) {
            assert_eq!(meta.uid(), owner, "{suffix} left by the reader");
        }
    }
    let write = as_account(
        owner,
        &db,
        &["users", "add", "tutor.rossi", "--role", "tutor"],
    );
    assert!(write.status.success(), "{write:?}");
    let check = as_account(owner, &db, &["check"]);
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn a_register_that_is_not_a_plain_file_is_refused_at_once() {
    let dir = tempdir().unwrap();
    let fifo = dir.path().join("register.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let modules = dir.path().join("modules.csv");
    std::fs::write(&modules, "code,title\n").unwrap();
    let modules = modules.to_str().unwrap();
    for path in [fifo.as_path(), dir.path(), Path::new("/dev/zero")] {
        for args in [&["report"][..], &["check"], &["import", "modules", modules]] {
            let output = command::registro()
                .arg("--db")
                .arg(path)
                .args(["--user", "admin"])
                .args(args)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{path:?} {args:?}: {stderr}");
            assert!(stderr.contains("is not a plain file"), "{stderr}");
        }
    }
}

/// Overwrites the middle of the `person` table's first page with noise.
fn damage(db: &Path) {
    damage_table(db, "person");
}

/// Overwrites the middle of `table`'s first page with noise.
fn damage_table(db: &Path, table: &str) {
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [table],
                |row| row.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .unwrap();
        (root, size)
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(((root - 1) * page_size + 8) as u64))
        .unwrap();
    file.write_all(&[0xa5; 600]).unwrap();
    file.sync_all().unwrap();
}

fn import_requests(db: &Path, file: &Path) -> std::process::Output {
    command::registro()
        .arg("--db")
        .arg(db)
        .args(["--user", "admin", "import", "enrolments"])
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn an_import_refuses_a_damaged_register_and_writes_nothing() {
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    let file = dir.path().join("requests.csv");
    std::fs::write(
        &file,
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n\
         2026-10-01,M01,Nuova,Anna,F,nuova@comune.example.it,Comune di Cremona,Comune\n",
    )
    .unwrap();
    // The negative control: the same file goes into a sound copy.
    let sound = dir.path().join("sound.db");
    std::fs::copy(&db, &sound).unwrap();
    assert!(import_requests(&sound, &file).status.success());

    damage(&db);
    let before = std::fs::read(&db).unwrap();
    let output = import_requests(&db, &file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the register is damaged") && stderr.contains("restore the latest backup"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the damaged file was written"
    );
    // `check` finds it too.
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["--user", "admin", "check"])
        .assert()
        .code(1);
}

/// One new request, as a file an office sends.
const ONE_REQUEST: &str = "received_on,module,surname,given_name,gender,email,organisation,organisation_type\n\
    2026-10-01,M01,Nuova,Anna,F,nuova@comune.example.it,Comune di Cremona,Comune\n";

fn import_in_process(
    db: &Path,
    check: registro::store::ImportCheck,
) -> (
    registro::store::Store,
    registro::store::Result<registro::import::Outcome>,
) {
    use registro::store::{Access, Store};
    let mut store = Store::open(db, Access::ReadWrite).unwrap();
    store.check_before_imports(check);
    let outcome = registro::import::import(
        &mut store,
        &common::actor(),
        registro::import::Kind::Enrolments,
        "requests.csv",
        ONE_REQUEST.as_bytes(),
        false,
        &mut |_| {},
    );
    (store, outcome)
}

/// A small import into a large register does not read the whole file
/// first (store::ImportCheck): damage on a page it reads stops it there,
/// the transaction rolls back, and no later write is tried.
#[test]
fn an_import_unchecked_stops_at_the_first_damaged_page_it_reads() {
    use registro::store::{ImportCheck, StoreError};
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    damage(&db);
    let before = std::fs::read(&db).unwrap();
    let (store, outcome) = import_in_process(&db, ImportCheck::Never);
    assert!(
        matches!(outcome, Err(StoreError::Damaged(_))),
        "{outcome:?}"
    );
    let later = store.write(|tx| {
        tx.execute(
            "UPDATE meta SET value = value WHERE key = 'application'",
            [],
        )?;
        Ok(())
    });
    assert!(matches!(later, Err(StoreError::Damaged(_))), "{later:?}");
    drop(store);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the damaged file was written"
    );
}

/// The whole check finds damage where the import itself would never
/// read (ratings, for a file of requests): with it the import writes
/// nothing; without it the import is written, as the trade-off accepts.
#[test]
fn an_import_checked_whole_refuses_damage_it_would_not_read() {
    use registro::store::{ImportCheck, StoreError};
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    damage_table(&db, "rating");
    let unchecked = dir.path().join("unchecked.db");
    std::fs::copy(&db, &unchecked).unwrap();
    let before = std::fs::read(&db).unwrap();
    let (store, outcome) = import_in_process(&db, ImportCheck::Always);
    assert!(
        matches!(outcome, Err(StoreError::Damaged(_))),
        "{outcome:?}"
    );
    drop(store);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the damaged file was written"
    );
    // The negative control: unchecked, the same import lands.
    let (_, outcome) = import_in_process(&unchecked, ImportCheck::Never);
    assert!(outcome.unwrap().written);
}

#[test]
fn a_full_disk_under_a_backup_leaves_nothing_at_its_name() {
    let dir = tempdir().unwrap();
    let db = heavy_register(dir.path());
    let target = dir.path().join("backup.db");
    // `ulimit -f` in 512-byte blocks: 4 MB, a tenth of the copy.
    let mut command = Command::new("sh");
    let status = common::pin(&mut command, "admin")
        .arg("-c")
        .arg("ulimit -f 8192; exec \"$@\"")
        .arg("sh")
        .arg(cargo_bin("registro"))
        .arg("--db")
        .arg(&db)
        .args(["--user", "admin", "backup"])
        .arg(&target)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    // SIGXFSZ ends the process, or the write fails with EFBIG: either
    // way no copy has the name.
    assert!(!status.status.success());
    assert!(!target.exists());
    command::registro()
        .arg("--db")
        .arg(&db)
        .args(["--user", "admin", "backup"])
        .arg(&target)
        .assert()
        .success();
    check_is_clean(&target);
}

/// Reads what a command writes to stdout until `enough` bytes, then
/// closes the pipe; returns its exit status and stderr.
fn closed_after(mut command: Command, enough: usize) -> (Option<i32>, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = vec![0u8; enough];
    let _ = stdout.read_exact(&mut first);
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_ends_quietly_when_its_reader_goes() {
    let dir = tempdir().unwrap();
    let db = common::crowded_register(&dir.path().join("crowded.db"), 12, 3000);
    // A file whose every row matches a person with another given name:
    // a note each on stdout, far more than a pipe holds.
    let notes = dir.path().join("notes.csv");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE person SET email = 'p' || id || '@example.it', organisation = 'Comune', organisation_type = 'Comune'",
    )
    .unwrap();
    drop(conn);
    let mut rows = String::from(
        "received_on,module,surname,given_name,gender,email,organisation,organisation_type,status\n",
    );
    for n in 0..3000 {
        rows.push_str(&format!(
            "2026-10-01,M01,Persona {n:04},Maria,F,p{}@example.it,Comune,Comune,accepted\n",
            n + 1
        ));
    }
    std::fs::write(&notes, rows).unwrap();
    let commands: &[&[&str]] = &[
        &["export", "participants"],
        &["export", "enrolments"],
        &["export", "attendance"],
        &["export", "enrolments", "--format", "json"],
        &["export", "register", "--module", "M01"],
        &["export", "audit"],
        &["report"],
        &["report", "--format", "csv"],
        &["report", "--format", "json"],
        &["users", "list"],
        &["check"],
        &["person", "export", "1"],
        &["import", "enrolments", notes.to_str().unwrap(), "--dry-run"],
        &["import", "enrolments", notes.to_str().unwrap()],
        &["--help"],
    ];
    for args in commands {
        let (code, stderr) = closed_after(registro(&db, args), 1);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {code:?} {stderr}");
    }
    // The large ones really were cut: each has more than a pipe holds.
    for args in [&["export", "attendance"][..], &["export", "participants"]] {
        let output = registro(&db, args).stdout(Stdio::piped()).output().unwrap();
        assert!(output.stdout.len() > 64 * 1024, "{args:?}");
    }
    let output = registro(
        &db,
        &["import", "enrolments", notes.to_str().unwrap(), "--dry-run"],
    )
    .stdout(Stdio::piped())
    .output()
    .unwrap();
    assert!(output.stdout.len() > 64 * 1024, "{}", output.stdout.len());
    check_is_clean(&db);
}

#[test]
fn a_closed_stderr_ends_a_refused_import_with_its_own_status() {
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    let file = dir.path().join("bad.csv");
    let mut rows = String::from("code,title,axis,location,hours,capacity,starts_on,ends_on\n");
    for n in 0..5000 {
        rows.push_str(&format!("X{n},T,NOPE,Cremona,x,y,z,w\n"));
    }
    std::fs::write(&file, rows).unwrap();
    let mut child = registro(&db, &["import", "modules", file.to_str().unwrap()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_demo_killed_while_it_is_made_leaves_nothing_to_open() {
    let dir = tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = registro(&db, &["demo", "--size", "large"]).spawn().unwrap();
    // Killed while it is being made: once its file beside the target
    // holds a first megabyte (the large demo is tens of them), an event
    // rather than a guess at how long it takes.
    // (Its pages go to the write-ahead log first: both files count.)
    let part = beside(&db, "new");
    let written = || {
        ["", "-wal", "-journal"]
            .iter()
            .map(|tail| {
                let mut name = part.clone().into_os_string();
                name.push(tail);
                std::fs::metadata(name).map_or(0, |m| m.len())
            })
            .sum::<u64>()
    };
    let start = Instant::now();
    while written() < 1 << 20 && child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(300), "never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(status.code().is_none(), "finished before the kill");
    assert!(!db.exists(), "a half-made demo is at its name");
    // The next one starts afresh and is whole.
    let status = registro(&db, &["demo"]).status().unwrap();
    assert!(status.success());
    check_is_clean(&db);
    assert!(!part.exists());
}

#[test]
fn after_the_first_sign_of_damage_no_write_is_tried() {
    use registro::store::{Access, Store, StoreError};
    let dir = tempdir().unwrap();
    let db = common::demo_register(dir.path());
    damage(&db);
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    // A write that reads the damaged table meets the damage ...
    let first = store.write(|tx| {
        tx.execute("UPDATE person SET phone = '0372 1' WHERE surname > ''", [])?;
        Ok(())
    });
    assert!(matches!(first, Err(StoreError::Damaged(_))), "{first:?}");
    // ... and a later one that would not touch it is not tried at all.
    let before = std::fs::read(&db).unwrap();
    let second = store.write(|tx| {
        tx.execute(
            "UPDATE meta SET value = value WHERE key = 'application'",
            [],
        )?;
        Ok(())
    });
    match second {
        Err(error @ StoreError::Damaged(_)) => {
            assert!(
                registro::store::describe(
                    &error,
                    registro::i18n::Catalogue::get(registro::i18n::Lang::En)
                )
                .contains("restore the latest backup"),
                "{error:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    drop(store);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
