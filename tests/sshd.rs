//! Deployment over SSH, for real: an OpenSSH server on 127.0.0.1 with its
//! own host key and configuration in a temporary folder, and a tutor's
//! key in `authorized_keys` with `restrict,pty,command="registro …"`.
//! The key opens the screen as that tutor, and nothing else: not another
//! command, not a port forward, not sftp. `.ci/run` installs OpenSSH; the
//! test says so and skips only where `sshd` is missing.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use registro::domain::Role;
use registro::store::{Access, Store};
use tempfile::tempdir;

const SSHD: &str = "/usr/sbin/sshd";

struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
    login: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts sshd on `port` with a configuration of its own in `dir`.
fn spawn_sshd(dir: &Path, port: u16) -> Child {
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}
ListenAddress 127.0.0.1
HostKey {dir}/host_key
PidFile {dir}/sshd.pid
AuthorizedKeysFile {dir}/authorized_keys
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowTcpForwarding yes
Subsystem sftp internal-sftp
LogLevel VERBOSE
",
            dir = dir.display()
        ),
    )
    .unwrap();
    // The privilege separation folder sshd insists on.
    let _ = std::fs::create_dir_all("/run/sshd");
    Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sshd starts")
}

/// Waits until sshd accepts connections on `port`, or says why not: it
/// exited (the port was taken), or a generous minute passed.
fn wait_listening(child: &mut Child, port: u16) -> Result<(), String> {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("sshd exited with {status} on port {port}"));
        }
        if started.elapsed() > Duration::from_secs(60) {
            return Err(format!("nothing listening on port {port} after a minute"));
        }
        thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn login() -> String {
    let output = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn start(dir: &Path, db: &Path, tutor: &str) -> Server {
    keygen(&dir.join("host_key"));
    keygen(&dir.join("client_key"));
    let public = std::fs::read_to_string(dir.join("client_key.pub")).unwrap();
    let binary = env!("CARGO_BIN_EXE_registro");
    std::fs::write(
        dir.join("authorized_keys"),
        format!(
            // sshd gives the session an environment of its own: the
            // forced command pins the clock, zone and language itself.
            "restrict,pty,command=\"env REGISTRO_NOW={now} TZ=Europe/Rome LANG=en_US.UTF-8 \
             LC_ALL=en_US.UTF-8 LC_MESSAGES=en_US.UTF-8 TERM=xterm-256color \
             {binary} --db {} --user {tutor}\" {public}",
            db.display(),
            now = common::NOW
        ),
    )
    .unwrap();
    // A port found free may be taken by another test before sshd binds
    // it: sshd then exits, and the next port is tried.
    let mut attempts = 0;
    let (child, port) = loop {
        attempts += 1;
        let port = free_port();
        let mut child = spawn_sshd(dir, port);
        match wait_listening(&mut child, port) {
            Ok(()) => break (child, port),
            Err(why) => {
                let _ = child.kill();
                let _ = child.wait();
                assert!(attempts < 5, "sshd never listened: {why}");
            }
        }
    };
    Server {
        child,
        port,
        dir: dir.to_path_buf(),
        login: login(),
    }
}

impl Server {
    /// The options every client here uses.
    fn options(&self) -> Vec<String> {
        vec![
            "-i".into(),
            self.dir.join("client_key").display().to_string(),
            "-o".into(),
            "StrictHostKeyChecking=no".into(),
            "-o".into(),
            "UserKnownHostsFile=/dev/null".into(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "IdentitiesOnly=yes".into(),
            "-o".into(),
            "LogLevel=ERROR".into(),
        ]
    }

    fn ssh(&self, extra: &[&str]) -> Command {
        let mut command = Command::new("ssh");
        command
            .args(self.options())
            .args(["-p", &self.port.to_string()])
            .args(extra)
            .arg(format!("{}@127.0.0.1", self.login))
            .env("EDITOR", "/bin/sh")
            .env("PAGER", "/bin/sh")
            .env("SHELL", "/bin/sh");
        command
    }
}

/// Waits for a child with a deadline; kills it past the deadline.
fn finish(mut child: Child, deadline: Duration) -> (Option<i32>, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut text = String::new();
            if let Some(mut out) = child.stdout.take() {
                let _ = out.read_to_string(&mut text);
            }
            if let Some(mut err) = child.stderr.take() {
                let _ = err.read_to_string(&mut text);
            }
            return (status.code(), text);
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return (None, String::from("(killed at the deadline)"));
        }
        thread::sleep(Duration::from_millis(50));
    }
}

fn output(command: &mut Command) -> Output {
    command.stdin(Stdio::null()).output().unwrap()
}

#[test]
fn a_tutors_key_opens_registro_as_that_tutor_and_nothing_else() {
    if !Path::new(SSHD).exists() {
        // CI installs it (.ci/run): there its absence is a failure, never
        // a pass.
        assert!(
            std::env::var_os("CI").is_none(),
            "{SSHD} is not installed: .ci/run installs openssh-server"
        );
        eprintln!(
            "SKIPPED: {SSHD} is not installed (apt-get install openssh-server; .ci/run does)"
        );
        return;
    }
    let dir = tempdir().unwrap();
    let (db, _) = common::roster_register(dir.path());
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    store
        .add_user(
            &common::actor(),
            "tutor.bianchi",
            Some("Carla Bianchi"),
            Role::Tutor,
            &["M01".into()],
        )
        .unwrap();
    drop(store);
    let server = start(dir.path(), &db, "tutor.bianchi");

    // 1. The screen, as the tutor, on a pseudo-terminal of our own.
    let ssh_line = {
        let mut parts = vec!["ssh".to_string(), "-tt".into()];
        parts.extend(server.options());
        parts.extend(["-p".into(), server.port.to_string()]);
        parts.push(format!("{}@127.0.0.1", server.login));
        parts.join(" ")
    };
    let mut screen = common::Pty::run(&ssh_line);
    screen.wait_for(&["tutor.bianchi", "Modules"], Duration::from_secs(15));
    // The tutor's own module only, and no triage.
    screen.write(b"4");
    screen.wait_for(&["triaged by coordinators"], Duration::from_secs(10));
    screen.write(b"q");
    let (code, _) = finish(screen.script, Duration::from_secs(10));
    assert!(code.is_some(), "registro did not quit over ssh");

    // 2. Another command: the forced command runs instead.
    let out = output(server.ssh(&[]).args(["bash", "-c", "'echo PWNED'"]));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("PWNED"), "{all}");
    assert!(
        all.contains("needs a terminal"),
        "registro answered instead: {all}"
    );

    // 3. Port forwards are refused. A local one (-L) is asked for only
    // when something connects to it: nothing may reach the target.
    let target = TcpListener::bind("127.0.0.1:0").unwrap();
    target.set_nonblocking(true).unwrap();
    let target_port = target.local_addr().unwrap().port();
    let local = free_port();
    let mut forward = server
        .ssh(&[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-L",
            &format!("{local}:127.0.0.1:{target_port}"),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut client = loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", local)) {
            break stream;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "ssh -L never listened"
        );
        thread::sleep(Duration::from_millis(50));
    };
    client
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut byte = [0u8; 1];
    let read = client.read(&mut byte);
    assert!(
        matches!(read, Ok(0) | Err(_)),
        "data came through the forward"
    );
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        assert!(target.accept().is_err(), "the forward reached its target");
        thread::sleep(Duration::from_millis(50));
    }
    let _ = forward.kill();
    let _ = forward.wait();
    // A remote one (-R) is refused at once, and ssh says so and exits.
    let remote = server
        .ssh(&[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            &format!("{}:127.0.0.1:{target_port}", free_port()),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, said) = finish(remote, Duration::from_secs(15));
    assert!(
        code.is_some_and(|c| c != 0),
        "the remote forward was allowed: {code:?} {said}"
    );

    // 4. sftp gets nothing.
    let mut sftp = Command::new("sftp");
    sftp.args(server.options())
        .args(["-b", "-", "-P", &server.port.to_string()])
        .arg(format!("{}@127.0.0.1", server.login))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = sftp.spawn().unwrap();
    let _ = child
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"ls /\nget /etc/hostname\n");
    drop(child.stdin.take());
    let (code, said) = finish(child, Duration::from_secs(15));
    assert!(code.is_some_and(|c| c != 0), "sftp worked: {code:?} {said}");
    assert!(!said.contains("hostname"), "{said}");
}

#[test]
fn registro_never_starts_another_program() {
    // No editor, pager or shell, whatever EDITOR, PAGER or SHELL say:
    // nothing in the program can start one.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in [
                    "Command::new",
                    "process::Command",
                    "libc::exec",
                    "libc::system",
                    "env::var(\"EDITOR",
                    "env::var(\"PAGER",
                    "env::var(\"SHELL",
                ] {
                    if text.contains(needle) {
                        offenders.push(format!("{}: {needle}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
