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
        self.pty.wait_for(&[text], Duration::from_secs(10));
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

    /// Waits for the process to end; returns how long it took.
    fn wait_exit(&mut self) -> Duration {
        let start = Instant::now();
        loop {
            if self.pty.script.try_wait().unwrap().is_some() {
                return start.elapsed();
            }
            assert!(start.elapsed() < Duration::from_secs(5), "still running");
            thread::sleep(Duration::from_millis(10));
        }
    }
}

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
fn sigterm_and_sighup_give_the_terminal_back_within_a_second() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempdir().unwrap();
        let (path, _) = common::roster_register(dir.path());
        let mut terminal = OnTerminal::start(&path, "admin");
        terminal.signal(signal);
        let took = terminal.wait_exit();
        assert!(took < Duration::from_secs(2), "{signal} took {took:?}");
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
    // More than two seconds pass before the kill.
    thread::sleep(Duration::from_millis(2500));
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

/// (state, CPU ticks used) of a process, from /proc; `None` once gone.
fn proc_stat(pid: i32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses: state, then fields 4… .
    let rest = stat.rsplit_once(") ")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((state, utime + stime))
}

#[test]
fn a_dropped_connection_saves_the_draft_and_ends_within_a_second_without_spinning() {
    let dir = tempdir().unwrap();
    let (path, _) = common::roster_register(dir.path());
    let mut terminal = OnTerminal::start(&path, "admin");
    terminal.type_keys("3");
    terminal.wait_for("Arena");
    terminal.type_keys("n");
    terminal.wait_for("note:");
    terminal.type_keys("Linea caduta a meta frase");
    let pid = terminal.registro_pid();
    let (_, cpu_before) = proc_stat(pid).expect("registro runs");
    // The connection drops: `script` dies and its end of the
    // pseudo-terminal closes, as sshd's does when the network goes.
    terminal.pty.script.kill().unwrap();
    terminal.pty.script.wait().unwrap();
    let start = Instant::now();
    let mut last_cpu = cpu_before;
    loop {
        match proc_stat(pid) {
            None | Some(('Z', _)) | Some(('X', _)) => break,
            Some((_, cpu)) => last_cpu = cpu,
        }
        assert!(
            start.elapsed() < Duration::from_millis(1500),
            "registro still running {:?} after the hang-up",
            start.elapsed()
        );
        thread::sleep(Duration::from_millis(20));
    }
    let took = start.elapsed();
    // Clock ticks are 1/100 s: a process spinning for the time it took
    // would have used about as many ticks as elapsed.
    let used = last_cpu - cpu_before;
    assert!(used <= 20, "used {used} ticks of CPU while ending");
    assert!(took < Duration::from_millis(1200), "took {took:?}");
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
