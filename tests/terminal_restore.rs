//! The terminal as registro found it, whatever ends it: `q`, Ctrl-C and
//! SIGTERM leave the pseudo-terminal's settings (`stty -g`: echo,
//! canonical mode, signals, every flag) as they were before it started,
//! not only the alternate screen closed. (SIGHUP closes the terminal
//! itself: tests/process.rs checks that registro ends and keeps the
//! draft.)

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use tempfile::tempdir;

/// Runs registro under a shell on a pseudo-terminal that records `stty -g`
/// before and after it in `dir`; `end` ends it; returns (before, after).
fn settings_around(dir: &Path, db: &Path, end: impl FnOnce(&mut common::Pty)) -> (String, String) {
    settings_around_with(dir, db, "", end)
}

/// As `settings_around`, with `environment` (`NAME=value `) before the
/// command.
fn settings_around_with(
    dir: &Path,
    db: &Path,
    environment: &str,
    end: impl FnOnce(&mut common::Pty),
) -> (String, String) {
    let binary = env!("CARGO_BIN_EXE_registro");
    let before = dir.join("before");
    let after = dir.join("after");
    let script = format!(
        "stty -g > '{before}'; {environment}'{binary}' --db '{db}' --user admin; echo \"EXIT $?\"; stty -g > '{after}'; echo DONE",
        before = before.display(),
        after = after.display(),
        db = db.display(),
    );
    let script_file = dir.join("run.sh");
    std::fs::write(&script_file, script).unwrap();
    let mut pty = common::Pty::run(&format!("sh '{}'", script_file.display()));
    pty.wait_for(&["Modules"], Duration::from_secs(20));
    end(&mut pty);
    pty.wait_for(&["DONE"], Duration::from_secs(20));
    let _ = pty.script.wait();
    (
        std::fs::read_to_string(&before).unwrap(),
        std::fs::read_to_string(&after).unwrap(),
    )
}

/// A panic (made on purpose by the debug build's `REGISTRO_TEST_PANIC`,
/// once the first frame is drawn) gives the terminal back as it was: raw
/// mode off, echo on, the alternate screen left, and the panic's words
/// where the user can read them.
#[test]
fn a_panic_leaves_the_terminal_settings_as_they_were() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    let mut output = String::new();
    let (before, after) = settings_around_with(dir.path(), &db, "REGISTRO_TEST_PANIC=1 ", |pty| {
        pty.wait_for(&["EXIT"], Duration::from_secs(20));
        output = pty.output();
    });
    assert!(!before.trim().is_empty());
    assert_eq!(before, after, "a panic changed the terminal's settings");
    assert!(output.contains("EXIT 101"), "{output}");
    assert!(output.contains("a panic asked for by a test"), "{output}");
    // The alternate screen was entered, and left before the words.
    let left = output
        .rfind("\x1b[?1049l")
        .expect("the alternate screen is left");
    let words = output.rfind("a panic asked for by a test").unwrap();
    assert!(
        left < words,
        "the panic was written on the alternate screen"
    );
}

/// The pid of registro, a grandchild of `script` (script, sh, registro).
fn registro_pid(pty: &common::Pty) -> String {
    let started = Instant::now();
    loop {
        let output = Command::new("pgrep")
            .args(["-f", "-n", env!("CARGO_BIN_EXE_registro")])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&output.stdout).trim().to_string();
        if !pid.is_empty() {
            return pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{}",
            pty.output()
        );
        thread::sleep(Duration::from_millis(50));
    }
}

fn signal(pty: &common::Pty, name: &str) {
    let pid = registro_pid(pty);
    assert!(
        Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap()
            .success()
    );
}

#[test]
fn every_way_out_leaves_the_terminal_settings_as_they_were() {
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    type Ending = fn(&mut common::Pty);
    let ways: [(&str, Ending); 4] = [
        ("q", |pty| pty.write(b"q")),
        ("Ctrl-C", |pty| pty.write(b"\x03")),
        ("SIGTERM", |pty| signal(pty, "-TERM")),
        ("SIGHUP", |pty| signal(pty, "-HUP")),
    ];
    for (name, end) in ways {
        let run = dir.path().join(name);
        std::fs::create_dir_all(&run).unwrap();
        let (before, after) = settings_around(&run, &db, end);
        assert!(!before.trim().is_empty(), "{name}");
        assert_eq!(before, after, "{name}: the terminal's settings changed");
    }
}
