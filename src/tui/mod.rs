//! The terminal screen: a thin layer over the core.

pub mod app;
mod input;
mod labels;
mod print;
mod questions;
pub mod route;
mod router;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;
pub mod widgets;

use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use crate::cli::Outside;
use crate::i18n::locale_is_utf8;
use crate::store::planning::Vocabulary;
use crate::store::{Access, Store};
use app::App;
use theme::Theme;
use view::Settings;

/// How long the app sleeps between checks for other users' changes when
/// no key comes: rare enough to cost nothing, soon enough to feel live.
const IDLE_CHECK: Duration = Duration::from_secs(1);
/// How soon work done in the background (the figures of a large
/// register) is looked for while it is under way.
const BUSY_CHECK: Duration = Duration::from_millis(50);

/// How long after a SIGHUP or SIGTERM the process may take to save and
/// leave before it is ended anyway.
const WATCHDOG_GRACE: Duration = Duration::from_secs(2);

/// The settings of the screen, from the outside world.
pub fn settings(outside: &Outside, register: &Path) -> Settings {
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Settings {
        text: outside.text,
        format: crate::i18n::format::Format::with(outside.text, outside.config.format),
        keys: outside.config.keys.clone(),
        theme: Theme::new(&outside.config.colours, colour, !locale_is_utf8()),
        today: outside.clock.today(),
        user: outside.user.clone(),
        clock: outside.clock.clone(),
        zone: jiff::tz::TimeZone::system(),
        role: None,
        register: register
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        threshold: outside.config.attendance_threshold,
        reasons: view::Reasons {
            reject: outside.config.reject_reasons.clone(),
            withdraw: outside.config.withdraw_reasons.clone(),
        },
        holidays: outside.config.holidays.clone(),
        data_folder: directories::ProjectDirs::from("", "", "registro")
            .map(|dirs| dirs.data_dir().to_path_buf()),
        print: crate::print::documents::PrintSettings {
            folder: crate::print::documents::print_folder(
                outside.config.print_folder.as_deref(),
                directories::UserDirs::new().and_then(|d| d.document_dir().map(Into::into)),
                directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
                outside.text,
            ),
            certificate: outside.config.certificate.clone(),
        },
    }
}

/// Whether both ends of the screen are a terminal.
pub fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the register and runs the screen on it until the user quits or
/// the process is told to stop.
pub fn open(path: &Path, outside: &Outside) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(path, Access::ReadWrite)
        .map_err(|e| crate::store::describe(&e, outside.text))?;
    if !is_terminal() {
        return Err(outside.text.needs_terminal.into());
    }
    // The settings' lists start the register's editable ones, once.
    let config = &outside.config;
    let _ = store.seed_vocabulary(&[
        (Vocabulary::OrganisationType, &config.organisation_types),
        (Vocabulary::RejectReason, &config.reject_reasons),
    ]);
    let mut app = App::new(store, settings(outside, path));
    let stop = terminal::Stop::install()?;
    terminal::watchdog(&stop, WATCHDOG_GRACE);
    let mut terminal = terminal::enter()?;
    let result = run(&mut terminal, &mut app, &stop);
    app.shutdown();
    terminal::leave();
    result
}

/// Debug builds only, for tests/terminal_restore.rs: with
/// `REGISTRO_TEST_PANIC` set the screen panics once a frame is drawn, so
/// the test sees what a panic leaves of the terminal (the panic hook of
/// `terminal::enter` must give it back as it was). Release builds, the
/// ones installed, have no such switch.
#[cfg(debug_assertions)]
#[allow(clippy::panic)]
fn panic_when_a_test_asks() {
    if std::env::var_os("REGISTRO_TEST_PANIC").is_some() {
        panic!("REGISTRO_TEST_PANIC: a panic asked for by a test");
    }
}

fn run(
    terminal: &mut terminal::Screen,
    app: &mut App,
    stop: &terminal::Stop,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut dirty = true;
    // Whether crossterm may hold more events it already read: then the
    // terminal is checked without waiting, and the queue drained before
    // the screen is drawn.
    let mut queued = false;
    while !app.should_quit() && !stop.requested() {
        if dirty && !queued {
            terminal.draw(|frame| app.draw(frame))?;
            dirty = false;
            #[cfg(debug_assertions)]
            panic_when_a_test_asks();
        }
        // Waiting for figures computed in the background is checked more
        // often; otherwise once a second.
        let timeout = if queued {
            Duration::ZERO
        } else if app.waiting() {
            BUSY_CHECK
        } else {
            IDLE_CHECK
        };
        let waiting = terminal::wait_for_input(timeout);
        if waiting == terminal::Waiting::HungUp || stop.requested() {
            // The connection dropped: drafts are saved by the caller.
            break;
        }
        // Only now is crossterm asked, without waiting: the terminal is
        // alive, and has bytes, or events crossterm read before, or a
        // resize that came in through its signal pipe.
        if event::poll(Duration::ZERO)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(chord) = input::chord(key) {
                        dirty |= app.handle_key(chord);
                    }
                }
                Event::Resize(_, _) => dirty = true,
                _ => {}
            }
            queued = true;
            continue;
        }
        if !queued && waiting == terminal::Waiting::Idle {
            dirty |= app.tick();
        }
        queued = false;
    }
    Ok(())
}
