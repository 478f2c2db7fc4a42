//! The terminal: taken over on start and always given back as it was,
//! on quit, on a panic, on SIGTERM and on SIGHUP.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::DefaultTerminal;

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

/// Enters raw mode and the alternate screen, with a panic hook (chained
/// to the previous one) that leaves them first.
pub fn enter() -> io::Result<DefaultTerminal> {
    ratatui::try_init()
}

pub fn leave() {
    // Nothing useful can be done if the terminal is gone (a hang-up).
    let _ = ratatui::try_restore();
}
