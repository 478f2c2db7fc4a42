//! The terminal: taken over on start and always given back as it was,
//! on quit, on a panic, on SIGTERM and on SIGHUP.

use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The screen, written through a buffer that holds a whole frame.
pub type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Bytes a frame may take before it is written in two: a full frame of
/// a 200×50 terminal in colour is some 20 KB.
const FRAME_BUFFER: usize = 64 * 1024;

/// Set by SIGTERM, SIGHUP or SIGINT: the loop ends and restores the screen.
#[derive(Clone)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn install() -> io::Result<Stop> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
        }
        Ok(Stop(flag))
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What the terminal has for us, checked before crossterm reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// A key or another event is there to read.
    Input,
    /// Nothing came within the timeout.
    Idle,
    /// The terminal is gone: the connection dropped (hang-up), or the
    /// input is at its end or failing.
    HungUp,
}

/// Waits up to `timeout` for input on the terminal (standard input).
///
/// crossterm's own poll cannot be trusted with a dead terminal: when its
/// read returns end-of-file or EIO it retries at once, forever, at full
/// CPU. So the terminal is polled here first, and crossterm is asked to
/// read only when there is something to read.
pub fn wait_for_input(timeout: std::time::Duration) -> Waiting {
    let mut fds = [libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    }];
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: `fds` is a valid array of one pollfd that lives across the
    // call, and its length is passed with it.
    let ready = unsafe { libc::poll(fds.as_mut_ptr(), 1, millis) };
    if ready < 0 {
        return match io::Error::last_os_error().kind() {
            // A signal (SIGWINCH, SIGHUP): let the loop look at its flags.
            io::ErrorKind::Interrupted => Waiting::Idle,
            _ => Waiting::HungUp,
        };
    }
    if ready == 0 {
        return Waiting::Idle;
    }
    let revents = fds[0].revents;
    if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Waiting::HungUp;
    }
    if revents & libc::POLLIN != 0 {
        // Readable may also mean end-of-file: count what is waiting,
        // without consuming it.
        let mut pending: libc::c_int = 0;
        // SAFETY: FIONREAD writes one c_int into `pending`, which lives
        // across the call.
        let asked = unsafe {
            libc::ioctl(
                libc::STDIN_FILENO,
                libc::FIONREAD,
                &mut pending as *mut libc::c_int,
            )
        };
        if asked != 0 || pending == 0 {
            // Readable with nothing to read, or a terminal that no longer
            // answers: the end of input.
            return Waiting::HungUp;
        }
        return Waiting::Input;
    }
    Waiting::Idle
}

/// Gives the calling thread a lower priority than the screen's, for work
/// done in the background (the Report's figures: seconds of a core on a
/// region's register) that must not slow the keys pressed meanwhile on
/// a machine of two cores.
pub fn yield_to_the_screen() {
    // On Linux the nice value belongs to the thread (`0`: the caller);
    // elsewhere it would be the whole process's, screen included.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory of
    // ours; a failure only leaves the thread as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, BACKGROUND_NICENESS);
    }
}

/// How much lower than the screen background work runs (0 to 19).
#[cfg(target_os = "linux")]
const BACKGROUND_NICENESS: libc::c_int = 10;

/// If the loop is stuck (in a read on a dead terminal) after a stop was
/// asked for, ends the process anyway: a safety net, never the way out.
pub fn watchdog(stop: &Stop, grace: std::time::Duration) {
    let flag = Arc::clone(&stop.0);
    // Without a thread to be had, there is no net: the loop still ends
    // on its own whenever its read returns.
    let _ = std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            std::thread::sleep(grace);
            std::process::exit(129);
        });
}

/// Enters raw mode and the alternate screen, with a panic hook (chained
/// to the previous one) that leaves them first.
///
/// Each frame goes out in one write: standard output buffers 1 KB and
/// writes on, so a frame that changed the whole list at 200×50 (7 KB)
/// left in eight writes, each a wake-up of the terminal, or of sshd and
/// a packet of its own over a slow link, with the screen drawn in parts
/// between them. ratatui flushes at the end of every frame.
pub fn enter() -> io::Result<Screen> {
    // ratatui's own start (raw mode, alternate screen, the panic hook);
    // its terminal, over unbuffered standard output, is replaced.
    drop(ratatui::try_init()?);
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        io::stdout(),
    )))
}

pub fn leave() {
    // Nothing useful can be done if the terminal is gone (a hang-up).
    let _ = ratatui::try_restore();
}
