//! Where a key's time goes, in process: opens a register (a copy is
//! made, since marks write), presses the bench's keys and prints how long
//! each one takes to handle and to draw at 200×50. A profiling aid for
//! issue 7 beside `cargo bench`, which measures through a real terminal:
//! `cargo run --release --example keytime -- PATH`.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use registro::config::Config;
use registro::context::Clock;
use registro::domain::Role;
use registro::i18n::{Catalogue, Lang};
use registro::keys::{Chord, Key};
use registro::store::{Access, Store};
use registro::tui::app::App;
use registro::tui::theme::Theme;
use registro::tui::view::{Reasons, Settings};

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

/// A store error in English words: the store words none itself.
fn said(error: registro::store::StoreError) -> String {
    registro::store::describe(&error, Catalogue::get(Lang::En))
}

fn main() -> Fallible<()> {
    let source = std::env::args().nth(1).ok_or("usage: keytime REGISTER")?;
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("copy.registro");
    // Opening for writing upgrades an older register first.
    Store::open(std::path::Path::new(&source), Access::ReadWrite)
        .map_err(said)?
        .backup_to(&path)
        .map_err(said)?;
    let today = Clock::System.today();
    let config = Config::defaults();
    let settings = Settings {
        text: Catalogue::get(Lang::En),
        format: registro::i18n::format::Format::of(Catalogue::get(Lang::En)),
        keys: config.keys.clone(),
        theme: Theme::new(&config.colours, false, false),
        today,
        user: "admin".into(),
        clock: Clock::at_noon(today),
        zone: jiff::tz::TimeZone::UTC,
        role: Some(Role::Admin),
        register: "copy".into(),
        threshold: config.attendance_threshold,
        reasons: Reasons {
            reject: config.reject_reasons.clone(),
            withdraw: config.withdraw_reasons.clone(),
        },
        holidays: config.holidays.clone(),
        data_folder: None,
        print: Default::default(),
    };
    if std::env::var_os("KEYTIME_PROBE").is_some() {
        let store = Store::open(&path, Access::ReadOnly).map_err(said)?;
        if let Ok(sql) = std::env::var("KEYTIME_PLAN") {
            let conn = rusqlite::Connection::open(&path)?;
            let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                println!("plan: {}", row.get::<_, String>(3)?);
            }
        }
        for id in [100_i64, 5000, 9000] {
            let start = Instant::now();
            let roster = store.roster(id).map_err(said)?;
            println!(
                "roster {id}: {:?} ({} lines)",
                start.elapsed(),
                roster.lines.len()
            );
        }
        for id in [1000_i64, 2000, 3000] {
            let start = Instant::now();
            let detail = store.request_detail(id).map_err(said)?;
            let read = start.elapsed();
            let start = Instant::now();
            let found = store.possible_duplicates(detail.person_id).map_err(said)?;
            println!(
                "request {id}: detail {read:?}, duplicates {:?} ({})",
                start.elapsed(),
                found.len()
            );
        }
    }
    let started = Instant::now();
    let store = Store::open(&path, Access::ReadWrite).map_err(said)?;
    let mut app = App::new(store, settings);
    let mut terminal = Terminal::new(TestBackend::new(200, 50))?;
    terminal.draw(|frame| app.draw(frame))?;
    println!("first frame {:?}", started.elapsed());
    let mut steps = Steps::default();
    steps.press("tab 3", Key::Char('3'));
    steps.press("down", Key::Down);
    steps.press("page down", Key::PageDown);
    steps.press("page up", Key::PageUp);
    steps.press("/", Key::Char('/'));
    steps.press("r", Key::Char('r'));
    steps.press("backspace", Key::Backspace);
    steps.press("r", Key::Char('r'));
    steps.press("esc", Key::Esc);
    // Surnames typed on: from the third letter the trigram index; the
    // last, words nobody has (every index searched, nothing found).
    for text in ["ross ann", "rossi", "qxq"] {
        steps.filter(text);
    }
    for tab in '1'..='6' {
        steps.press(&format!("tab {tab}"), Key::Char(tab));
    }
    steps.press("tab 4 again", Key::Char('4'));
    steps.press("down", Key::Down);
    steps.press("tab 2", Key::Char('2'));
    steps.press("enter (roster)", Key::Enter);
    steps.press("space (mark)", Key::Char(' '));
    steps.press("space (mark)", Key::Char(' '));
    steps.press("down", Key::Down);
    steps.press("esc", Key::Esc);
    steps.press("enter (roster)", Key::Enter);
    for (name, key) in &steps.0 {
        press_timed(&mut app, &mut terminal, name, *key)?;
        if std::env::var_os("KEYTIME_SHOW").is_some() {
            println!("{}", terminal.backend());
        }
    }
    // Under valgrind the figures would take many minutes.
    if std::env::var_os("KEYTIME_NO_REPORT").is_some() {
        return Ok(());
    }
    // The Report tab once its figures are in: each key redraws it. The
    // tick that brings them in and the first frame after it count too.
    app.handle_key(Chord::plain(Key::Char('6')));
    let start = Instant::now();
    let arrival = wait_for_figures(&mut app);
    println!(
        "report figures in {:?} (slowest tick meanwhile {arrival:?})",
        start.elapsed()
    );
    let start = Instant::now();
    terminal.draw(|frame| app.draw(frame))?;
    println!("report first draw {:>8.2?}", start.elapsed());
    for (name, key) in [
        ("report down", Key::Down),
        ("report end", Key::Char('G')),
        ("report tab 5", Key::Char('5')),
        ("report tab 6", Key::Char('6')),
    ] {
        press_timed(&mut app, &mut terminal, name, key)?;
    }
    // A narrower terminal lays the page out again.
    let mut narrow = Terminal::new(TestBackend::new(120, 40))?;
    let start = Instant::now();
    narrow.draw(|frame| app.draw(frame))?;
    println!("report at 120x40 draw {:>8.2?}", start.elapsed());
    // Another user rates someone: the figures are computed again and
    // replace the old ones.
    let other = Store::open(&path, Access::ReadWrite).map_err(said)?;
    let actor = registro::context::Actor::new("admin", Clock::at_noon(today));
    if let Err(e) = other.set_rating(&actor, 1, 4, None) {
        println!("no rating written ({}): the figures stay", said(e));
        return Ok(());
    }
    let start = Instant::now();
    let arrival = wait_for_figures(&mut app);
    println!(
        "report figures again in {:?} (slowest tick meanwhile {arrival:?})",
        start.elapsed()
    );
    let start = Instant::now();
    terminal.draw(|frame| app.draw(frame))?;
    println!("report draw again {:>8.2?}", start.elapsed());
    Ok(())
}

/// Presses `key` and draws, printing how long each took.
/// The keys pressed, each with the name it is printed under.
#[derive(Default)]
struct Steps(Vec<(String, Key)>);

impl Steps {
    fn press(&mut self, name: &str, key: Key) {
        self.0.push((name.to_string(), key));
    }

    /// Each character of `text` typed in the `/` filter, then Esc.
    fn filter(&mut self, text: &str) {
        self.press("/", Key::Char('/'));
        for c in text.chars() {
            self.press(&format!("{c:?}"), Key::Char(c));
        }
        self.press("esc", Key::Esc);
    }
}

fn press_timed(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    name: &str,
    key: Key,
) -> Fallible<()> {
    let start = Instant::now();
    app.handle_key(Chord::plain(key));
    let handled = start.elapsed();
    terminal.draw(|frame| app.draw(frame))?;
    let total = start.elapsed();
    println!(
        "{name:16} handle {:>8.2?} draw {:>8.2?}",
        handled,
        total - handled
    );
    Ok(())
}

/// Ticks until the view on screen has its figures; returns how long the
/// slowest tick took (the one that takes them in, or the one that sees a
/// change and starts computing them).
fn wait_for_figures(app: &mut App) -> std::time::Duration {
    let mut last = std::time::Duration::ZERO;
    loop {
        let start = Instant::now();
        app.tick();
        last = last.max(start.elapsed());
        if !app.waiting() {
            return last;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
