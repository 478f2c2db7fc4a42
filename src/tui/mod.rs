//! The terminal screen: a thin layer over the core.

pub mod app;
mod input;
pub mod pager;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;
pub mod views;

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

/// The settings of the screen, from the outside world.
pub fn settings(outside: &Outside, register: &Path) -> Settings {
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Settings {
        text: outside.text,
        keys: outside.config.keys.clone(),
        theme: Theme::new(&outside.config.colours, colour, !locale_is_utf8()),
        today: outside.clock.today(),
        user: outside.user.clone(),
        clock: outside.clock.clone(),
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
    let store = Store::open(path, Access::ReadWrite)?;
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
    let mut terminal = terminal::enter()?;
    let result = run(&mut terminal, &mut app, &stop);
    app.shutdown();
    terminal::leave();
    result
}

fn run(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &terminal::Stop,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut dirty = true;
    while !app.should_quit() && !stop.requested() {
        if dirty {
            terminal.draw(|frame| app.draw(frame))?;
            dirty = false;
        }
        if event::poll(IDLE_CHECK)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(chord) = input::chord(key) {
                        dirty |= app.handle_key(chord);
                    }
                }
                Event::Resize(_, _) => dirty = true,
                _ => {}
            }
        } else {
            dirty |= app.tick();
        }
    }
    Ok(())
}
