//! The real binary on a real pseudo-terminal (util-linux `script`):
//! signals give the terminal back, and a note typed before a `kill -9`
//! is offered back at the next start.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use registro::i18n::Lang;
use tempfile::tempdir;

/// `registro` running on an 80×24 pseudo-terminal, its screen collected.
struct OnTerminal {
    pty: common::Pty,
}

impl OnTerminal {
    fn start(db: &Path, user: &str) -> OnTerminal {
        let binary = env!("CARGO_BIN_EXE_registro");
        let pty = common::Pty::run(&format!("{binary} --db '{}' --user {user}", db.display()));
        let terminal = OnTerminal { pty };
        terminal.wait_for("Modules");
        terminal
    }

    fn output(&self) -> String {
        self.pty.output()
    }

    fn wait_for(&self, text: &str) {
        self.pty.wait_for(&[text], PATIENCE);
    }

    fn type_keys(&mut self, keys: &str) {
        self.pty.write(keys.as_bytes());
        thread::sleep(Duration::from_millis(150));
    }

    /// The pid of `registro` itself: `script`'s child (the shell `exec`s it).
    fn registro_pid(&self) -> i32 {
        let output = Command::new("pgrep")
            .args(["-P", &self.pty.script.id().to_string()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .and_then(|line| line.trim().parse().ok())
            .expect("registro is running")
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.registro_pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to end, however busy the machine: a
    /// generous ceiling, not a measure of how long it took (that is the
    /// benchmarks' job).
    fn wait_exit(&mut self) {
        let start = Instant::now();
        while self.pty.script.try_wait().unwrap().is_none() {
            assert!(
                start.elapsed() < PATIENCE,
                "still running after {PATIENCE:?}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }
}

/// How long a test waits for an event before it calls it lost: far
/// longer than any healthy run on a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// Leaving the alternate screen and showing the cursor again: the last
/// thing a well-behaved full-screen program writes.
const SCREEN_GIVEN_BACK: &str = "\u{1b}[?1049l";

#[test]
fn quitting_gives_the_terminal_back() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let mut terminal = OnTerminal::start(&path, "admin");
    terminal.type_keys("q");
    terminal.wait_exit();
    assert!(terminal.output().contains(SCREEN_GIVEN_BACK));
}

#[test]
fn sigterm_and_sighup_end_it_and_give_the_terminal_back() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempdir().unwrap();
        let (path, _) = common::roster_register(dir.path());
        let mut terminal = OnTerminal::start(&path, "admin");
        terminal.signal(signal);
        terminal.wait_exit();
        assert!(terminal.output().contains(SCREEN_GIVEN_BACK), "{signal}");
    }
}

#[test]
fn a_note_typed_before_a_kill_is_offered_back() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let mut terminal = OnTerminal::start(&path, "admin");
    terminal.type_keys("3");
    terminal.wait_for("Arena");
    terminal.type_keys("n");
    terminal.wait_for("note:");
    terminal.type_keys("La corsista chiede un attestato");
    // The kill comes once the draft is in the register, whenever the
    // program got round to saving it: the event, not a stopwatch.
    wait_for_draft(&path, "La corsista chiede un attestato");
    terminal.type_keys(" per il datore");
    terminal.signal("-KILL");
    terminal.wait_exit();

    // The next start offers the draft, with every word typed in time.
    let mut app = common::app(&path, Lang::En);
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Recovered your unsaved note"), "{screen}");
    assert!(
        screen.contains("La corsista chiede un attestato"),
        "{screen}"
    );
    // Saving it makes it a note about that person, and the draft is gone.
    app.handle_key(registro::keys::Chord {
        key: registro::keys::Key::Char('s'),
        ctrl: true,
        alt: false,
    });
    let screen = common::render(&mut app, 80, 24);
    assert!(screen.contains("Note saved"), "{screen}");
    assert!(screen.contains("Arena Anna"), "{screen}");
    drop(app);
    let app = common::app(&path, Lang::En);
    drop(app);
    let store = registro::store::Store::open(&path, registro::store::Access::ReadWrite).unwrap();
    assert!(store.drafts("admin").unwrap().is_empty());
}

/// Waits until `user`'s drafts in the register hold `text`.
fn wait_for_draft(path: &Path, text: &str) {
    let start = Instant::now();
    loop {
        let store = registro::store::Store::open(path, registro::store::Access::ReadOnly).unwrap();
        if store
            .drafts("admin")
            .unwrap()
            .iter()
            .any(|d| d.body.contains(text))
        {
            return;
        }
        assert!(start.elapsed() < PATIENCE, "no draft holding {text:?}");
        thread::sleep(Duration::from_millis(50));
    }
}

/// Whether the process `pid` is gone (or a zombie: done, not yet reaped).
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // After the command name in parentheses comes the state.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

#[test]
fn a_dropped_connection_saves_the_draft_and_ends() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let mut terminal = OnTerminal::start(&path, "admin");
    terminal.type_keys("3");
    terminal.wait_for("Arena");
    terminal.type_keys("n");
    terminal.wait_for("note:");
    terminal.type_keys("Linea caduta a meta frase");
    let pid = terminal.registro_pid();
    // The connection drops: `script` dies and its end of the
    // pseudo-terminal closes, as sshd's does when the network goes.
    terminal.pty.script.kill().unwrap();
    terminal.pty.script.wait().unwrap();
    // It ends by itself (a program spinning on the dead terminal never
    // would); how fast, and how little CPU it uses idle, is measured by
    // the benchmarks (`benches/bench.rs`, "idle").
    let start = Instant::now();
    while !ended(pid) {
        assert!(
            start.elapsed() < PATIENCE,
            "registro still running {PATIENCE:?} after the hang-up"
        );
        thread::sleep(Duration::from_millis(20));
    }
    // The note typed is there as a draft.
    let store = registro::store::Store::open(&path, registro::store::Access::ReadWrite).unwrap();
    let drafts = store.drafts("admin").unwrap();
    assert!(
        drafts
            .iter()
            .any(|d| d.body.contains("Linea caduta a meta frase")),
        "{:?}",
        drafts.iter().map(|d| &d.body).collect::<Vec<_>>()
    );
}
