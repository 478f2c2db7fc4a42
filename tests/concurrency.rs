//! Many writers, one register. 20 processes (this test binary started
//! again as workers) write 500 attendance marks each through
//! `Store::set_mark`: all 10,000 land, none is refused, and the register
//! checks clean. A negative control runs the same load with a deferred
//! read-then-write, the mistake `BEGIN IMMEDIATE` prevents, and the same
//! checks catch it. Two users saving the same person or module: the
//! second is shown the first's change.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use registro::context::{Actor, Clock};
use registro::domain::{Gender, Mark};
use registro::store::attendance::{Attendance, MarkChange};
use registro::store::planning::PersonDraft;
use registro::store::{Access, Store, StoreError};
use tempfile::tempdir;

const WRITERS: usize = 20;
const MARKS_EACH: usize = 500;

/// One module, one session per writer, 500 participants.
fn register(folder: &Path) -> PathBuf {
    common::crowded_register(&folder.join("busy.db"), WRITERS, MARKS_EACH)
}

/// What a worker does, by `REGISTRO_WORKER`: `store` marks with
/// `Store::set_mark`; `deferred` reads the cell in a deferred transaction
/// and then writes it, as a careless implementation would. Prints how
/// many marks failed.
fn work(path: &Path, session: i64, mode: &str) -> usize {
    let actor = Actor::new("admin", Clock::at_noon(common::TODAY));
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.busy_timeout(Duration::from_secs(30)).unwrap();
    let mut failed = 0;
    for enrolment in 1..=MARKS_EACH as i64 {
        let ok = if mode == "store" {
            let change = MarkChange {
                enrolment_id: enrolment,
                before: None,
                after: Some(Attendance::hours(240, Mark::Present)),
            };
            matches!(
                store.set_mark(&actor, session, change),
                Ok(Ok(registro::store::attendance::MarkOutcome::Saved))
            )
        } else {
            deferred_mark(&conn, session, enrolment).is_ok()
        };
        if !ok {
            failed += 1;
        }
    }
    failed
}

/// The mistake: a deferred transaction that reads, then writes. Its read
/// snapshot goes stale when another writer commits first, and SQLite can
/// only refuse the upgrade (SQLITE_BUSY, whatever the busy timeout).
fn deferred_mark(
    conn: &rusqlite::Connection,
    session: i64,
    enrolment: i64,
) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let result = (|| {
        let marked: i64 = conn.query_row(
            "SELECT count(*) FROM attendance WHERE session_id = ?1 AND enrolment_id = ?2",
            [session, enrolment],
            |row| row.get(0),
        )?;
        let total: i64 = conn.query_row("SELECT count(*) FROM audit", [], |row| row.get(0))?;
        std::thread::yield_now();
        if marked == 0 {
            conn.execute(
                "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
                 VALUES (?1, ?2, 240, 'present', '2026-11-26T12:00:00Z', 'admin')",
                [enrolment, session],
            )?;
            conn.execute(
                "INSERT INTO audit(at, user, entity, entity_id, action, after) VALUES ('2026-11-26T12:00:00Z', 'admin', 'attendance', ?1, 'mark', ?2)",
                rusqlite::params![session, total.to_string()],
            )?;
        }
        conn.execute_batch("COMMIT")
    })();
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

/// A writer alone on a register of its own: every mark it makes lands.
/// The same `work` the workers below run, so a worker that lost marks by
/// itself cannot pass for a lock that lost them.
fn a_writer_alone_loses_no_marks() {
    let dir = tempdir().unwrap();
    let path = common::crowded_register(&dir.path().join("alone.db"), 1, MARKS_EACH);
    assert_eq!(work(&path, 1, "store"), 0, "a writer alone lost marks");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.audit_count("attendance").unwrap(), MARKS_EACH as i64);
}

/// The worker's entry, not a test: `run_workers` starts this binary again
/// with the register, the session and the mode in the environment; the
/// worker writes its share, prints how many marks failed and exits.
fn worker_from_environment() -> Option<()> {
    let path = std::env::var("REGISTRO_WORKER_DB").ok()?;
    let session: i64 = std::env::var("REGISTRO_WORKER_SESSION")
        .ok()?
        .parse()
        .ok()?;
    let mode = std::env::var("REGISTRO_WORKER").ok()?;
    let failed = work(Path::new(&path), session, &mode);
    println!("FAILED={failed}");
    Some(())
}

/// This file's own harness (`harness = false` in Cargo.toml): started by
/// a test as a worker it works and exits; otherwise it runs the tests
/// with libtest's options (names, `--exact`, `--list`, threads).
fn main() -> std::process::ExitCode {
    if worker_from_environment().is_some() {
        return std::process::ExitCode::SUCCESS;
    }
    let tests = vec![
        common::trial(
            "a_writer_alone_loses_no_marks",
            a_writer_alone_loses_no_marks,
        ),
        common::trial(
            "twenty_processes_write_ten_thousand_marks_and_none_is_lost",
            twenty_processes_write_ten_thousand_marks_and_none_is_lost,
        ),
        common::trial(
            "the_same_load_catches_a_deferred_read_then_write",
            the_same_load_catches_a_deferred_read_then_write,
        ),
        common::trial(
            "twenty_threads_with_their_own_connections_lose_nothing_either",
            twenty_threads_with_their_own_connections_lose_nothing_either,
        ),
        common::trial(
            "the_second_to_save_a_person_is_shown_the_first_change",
            the_second_to_save_a_person_is_shown_the_first_change,
        ),
    ];
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), tests).exit_code()
}

/// The heavy tests below (twenty writers each, thousands of fsyncs) run
/// one at a time: side by side on a small machine they would wait on
/// each other's disk, not on the register's locks, and a generous busy
/// timeout would be measuring the machine.
static HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_heavy_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    HEAVY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct Run {
    elapsed: Duration,
    failed: usize,
    marks: i64,
}

fn run_workers(path: &Path, mode: &str) -> Run {
    let me = std::env::current_exe().unwrap();
    let start = Instant::now();
    let children: Vec<_> = (1..=WRITERS as i64)
        .map(|session| {
            Command::new(&me)
                .env("REGISTRO_WORKER_DB", path)
                .env("REGISTRO_WORKER_SESSION", session.to_string())
                .env("REGISTRO_WORKER", mode)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut failed = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8_lossy(&output.stdout);
        let count = text
            .lines()
            .find_map(|l| l.split("FAILED=").nth(1))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .expect("the worker reports");
        failed += count;
    }
    let elapsed = start.elapsed();
    let store = Store::open(path, Access::ReadOnly).unwrap();
    let marks = store
        .check()
        .map(|_| ())
        .and_then(|_| {
            rusqlite::Connection::open(path)
                .and_then(|c| c.query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)))
                .map_err(StoreError::from)
        })
        .unwrap();
    Run {
        elapsed,
        failed,
        marks,
    }
}

fn twenty_processes_write_ten_thousand_marks_and_none_is_lost() {
    let _heavy = one_heavy_at_a_time();
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let run = run_workers(&path, "store");
    let seconds = run.elapsed.as_secs_f64();
    println!(
        "{WRITERS} processes x {MARKS_EACH} marks: {} marks in {seconds:.2} s, {:.0} marks/s",
        run.marks,
        run.marks as f64 / seconds
    );
    assert_eq!(run.failed, 0, "no mark refused or failed");
    assert_eq!(run.marks, (WRITERS * MARKS_EACH) as i64, "none lost");
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    assert_eq!(store.audit_count("attendance").unwrap(), 10_000);
    let report = store.check().unwrap();
    assert_eq!(report.problems(), 0, "{report:?}");
}

fn the_same_load_catches_a_deferred_read_then_write() {
    let _heavy = one_heavy_at_a_time();
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let run = run_workers(&path, "deferred");
    println!(
        "negative control: {} of {} marks failed, {} written, in {:.2} s",
        run.failed,
        WRITERS * MARKS_EACH,
        run.marks,
        run.elapsed.as_secs_f64()
    );
    // The checks the real test makes fail here: marks were refused with
    // SQLITE_BUSY and are missing from the register.
    assert!(run.failed > 0, "the deferred writers never collided");
    assert!(run.marks < (WRITERS * MARKS_EACH) as i64);
}

fn twenty_threads_with_their_own_connections_lose_nothing_either() {
    let _heavy = one_heavy_at_a_time();
    let dir = tempdir().unwrap();
    let path = register(dir.path());
    let start = Instant::now();
    let threads: Vec<_> = (1..=WRITERS as i64)
        .map(|session| {
            let path = path.clone();
            std::thread::spawn(move || work(&path, session, "store"))
        })
        .collect();
    let failed: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    let elapsed = start.elapsed().as_secs_f64();
    let store = Store::open(&path, Access::ReadOnly).unwrap();
    let marks = store.audit_count("attendance").unwrap();
    println!("{WRITERS} threads: {marks} marks in {elapsed:.2} s");
    assert_eq!(failed, 0);
    assert_eq!(marks, 10_000);
}

fn rossi() -> PersonDraft {
    PersonDraft {
        surname: "Rossi".into(),
        given_name: "Maria".into(),
        gender: Gender::F,
        tax_code: None,
        email: Some("maria.rossi@example.org".into()),
        phone: None,
        organisation: "Comune di Crema".into(),
        organisation_type: "Comune".into(),
        job_title: None,
        language: Default::default(),
    }
}

fn the_second_to_save_a_person_is_shown_the_first_change() {
    let dir = tempdir().unwrap();
    let path = common::queue_register(dir.path());
    let setup = Store::open(&path, Access::ReadWrite).unwrap();
    setup
        .add_user(
            &common::actor(),
            "laura",
            None,
            registro::domain::Role::Coordinator,
            &[],
        )
        .unwrap();
    setup
        .add_user(
            &common::actor(),
            "paolo",
            None,
            registro::domain::Role::Coordinator,
            &[],
        )
        .unwrap();
    drop(setup);
    let laura = Store::open(&path, Access::ReadWrite).unwrap();
    let paolo = Store::open(&path, Access::ReadWrite).unwrap();
    let at = Clock::at_noon(common::TODAY);
    // Both open the form on the same version.
    let (seen_by_laura, laura_version) = laura.person_draft(1).unwrap();
    let (seen_by_paolo, paolo_version) = paolo.person_draft(1).unwrap();
    assert_eq!(laura_version, paolo_version);
    let mut laura_edit = seen_by_laura.clone();
    laura_edit.phone = Some("0373 111222".into());
    laura
        .update_person(
            &Actor::new("laura", at.clone()),
            1,
            laura_version,
            &laura_edit,
        )
        .unwrap()
        .unwrap();
    let mut paolo_edit = seen_by_paolo.clone();
    paolo_edit.email = Some("m.rossi@example.org".into());
    let conflict = paolo
        .update_person(
            &Actor::new("paolo", at.clone()),
            1,
            paolo_version,
            &paolo_edit,
        )
        .unwrap()
        .unwrap_err();
    assert_eq!(conflict.values.phone.as_deref(), Some("0373 111222"));
    assert_eq!(conflict.changed_by.as_deref(), Some("laura"));
    // Nothing of Paolo's was written; saving on the version he was shown works.
    assert_eq!(paolo.person_draft(1).unwrap().0.email, None);
    paolo
        .update_person(
            &Actor::new("paolo", at.clone()),
            1,
            conflict.version,
            &paolo_edit,
        )
        .unwrap()
        .unwrap();
    let (now, now_version) = laura.person_draft(1).unwrap();
    assert_eq!(now.email.as_deref(), Some("m.rossi@example.org"));
    assert_eq!(now_version, laura_version + 2);
    assert_eq!(laura.audit_count("person").unwrap(), 2);
    let _ = rossi();

    // The same for a module.
    let (module, module_version) = laura.module_draft(1).unwrap();
    let mut a = module.clone();
    a.capacity = 3;
    let mut b = module.clone();
    b.title = "Lavoro".into();
    laura
        .update_module(&Actor::new("laura", at.clone()), 1, module_version, &a)
        .unwrap()
        .unwrap();
    let conflict = paolo
        .update_module(&Actor::new("paolo", at.clone()), 1, module_version, &b)
        .unwrap()
        .unwrap_err();
    assert_eq!(conflict.values.capacity, 3);
    // A tutor may not edit either.
    laura
        .add_user(
            &common::actor(),
            "tutor.x",
            None,
            registro::domain::Role::Tutor,
            &[],
        )
        .ok();
    assert!(matches!(
        laura.update_person(&Actor::new("tutor.x", at), 1, now_version, &rossi()),
        Err(StoreError::Denied { .. })
    ));
}
