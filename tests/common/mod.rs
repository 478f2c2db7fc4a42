//! What the integration tests share: a demo register in a temporary
//! folder, pinned settings, and a screen to render into.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use registro::config::Config;
use registro::context::{Actor, Clock};
use registro::i18n::{Catalogue, Lang};
use registro::keys::{Chord, Key};
use registro::store::{Access, DEFAULT_AXES, Store};
use registro::tui::app::App;
use registro::tui::theme::Theme;
use registro::tui::view::Settings;

/// The day every test lives on, so no snapshot changes with the calendar.
pub const TODAY: Date = date(2026, 11, 26);

pub fn actor() -> Actor {
    Actor::new("admin", Clock::at_noon(TODAY))
}

pub fn demo_register(folder: &Path) -> PathBuf {
    let path = folder.join("demo.db");
    let mut store = Store::create(&path, &actor(), DEFAULT_AXES).expect("create");
    registro::demo::populate(&mut store, &actor(), TODAY).expect("populate");
    path
}

pub fn settings(lang: Lang) -> Settings {
    let config = Config::defaults();
    Settings {
        text: Catalogue::get(lang),
        keys: config.keys.clone(),
        theme: Theme::new(&config.colours, false, false),
        today: TODAY,
        user: "admin".into(),
        register: "demo.db".into(),
        threshold: config.attendance_threshold,
    }
}

pub fn app(path: &Path, lang: Lang) -> App {
    let store = Store::open(path, Access::ReadWrite).expect("open");
    App::new(store, settings(lang))
}

pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    terminal.backend().to_string()
}

pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(Chord::plain(Key::Char(c)));
    }
}

pub fn press_key(app: &mut App, key: Key) {
    app.handle_key(Chord::plain(key));
}
