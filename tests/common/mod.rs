//! What the integration tests share: a demo register in a temporary
//! folder, pinned settings, a screen to render into, and a real
//! pseudo-terminal to run the binary on.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

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
        format: registro::i18n::format::Format::of(Catalogue::get(lang)),
        keys: config.keys.clone(),
        theme: Theme::new(&config.colours, false, false),
        today: TODAY,
        user: "admin".into(),
        clock: Clock::at_noon(TODAY),
        // Italy in winter, fixed so that no snapshot depends on the
        // machine's time-zone data.
        zone: jiff::tz::TimeZone::fixed(jiff::tz::offset(1)),
        role: None,
        register: "demo.db".into(),
        threshold: config.attendance_threshold,
        reasons: registro::tui::view::Reasons {
            reject: config.reject_reasons.clone(),
            withdraw: config.withdraw_reasons.clone(),
        },
        holidays: config.holidays.clone(),
        data_folder: None,
        print: Default::default(),
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

/// Surnames for hand-made registers, in alphabetical order so that the
/// roster's order is the insertion order.
pub const SURNAMES: &[&str] = &[
    "Arena",
    "Bassi",
    "Bellini",
    "Bruno",
    "Caputo",
    "Colombo",
    "Conte",
    "Costa",
    "De Luca",
    "Esposito",
    "Fabbri",
    "Ferrara",
    "Galli",
    "Gatti",
    "Greco",
    "Lombardi",
    "Mancini",
    "Marino",
    "Moretti",
    "Negri",
    "Pellegrini",
    "Ricci",
    "Romano",
    "Sala",
    "Villa",
];

/// A register with one module of four 4-hour sessions (the third one
/// today) and 25 participants, made by hand so that tests know every row.
/// Returns the path and the id of today's session.
pub fn roster_register(folder: &Path) -> (PathBuf, i64) {
    let path = folder.join("roster.db");
    let store = Store::create(&path, &actor(), DEFAULT_AXES).expect("create");
    let session = store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity, starts_on, ends_on)
                     VALUES ('M01', 'Accoglienza e orientamento', 1, 'Cremona', 960, 30, '2026-11-12', '2026-12-03');
                 INSERT INTO session(module_id, date, start_minute, end_minute, trainer) VALUES
                     (1, '2026-11-12', 540, 780, 'Dott.ssa Ferri'),
                     (1, '2026-11-19', 540, 780, 'Dott.ssa Ferri'),
                     (1, '2026-11-26', 540, 780, 'Avv. Conte'),
                     (1, '2026-12-03', 540, 780, 'Avv. Conte');",
            )?;
            for (index, surname) in SURNAMES.iter().enumerate() {
                tx.execute(
                    "INSERT INTO person(surname, given_name, gender, organisation, organisation_type)
                     VALUES (?1, 'Anna', 'F', 'Comune di Cremona', 'Comune')",
                    [surname],
                )?;
                let person = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on, status) VALUES (?1, 1, '2026-10-01', 'accepted')",
                    [person],
                )?;
                let enrolment = tx.last_insert_rowid();
                // Everyone attended the first two sessions in full, but the
                // last three people, who missed both.
                let minutes = if index >= 22 { 0 } else { 240 };
                let mark = if index >= 22 { "absent" } else { "present" };
                for session in [1, 2] {
                    tx.execute(
                        "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, ?4, '2026-11-19T13:00:00Z', 'admin')",
                        rusqlite::params![enrolment, session, minutes, mark],
                    )?;
                }
            }
            Ok(3)
        })
        .expect("fill");
    (path, session)
}

/// A register with one module of 2 places and five requests (four
/// pending, one waitlisted), for the triage queue.
pub fn queue_register(folder: &Path) -> PathBuf {
    let path = folder.join("queue.db");
    let store = Store::create(&path, &actor(), DEFAULT_AXES).expect("create");
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                     VALUES ('M02', 'Lavoro e stranieri', 2, 'Crema', 960, 2);",
            )?;
            let people = [
                ("Rossi", "Maria", "Comune di Crema", "Comune", "requested", "2026-10-01"),
                ("Bianchi", "Luca", "Caritas Cremonese", "Parrocchia", "requested", "2026-10-02"),
                ("Verdi", "Sara", "Comune di Crema", "Comune", "requested", "2026-10-03"),
                ("Neri", "Paola", "ASL di Cremona", "ASL", "requested", "2026-10-04"),
                ("Gallo", "Ida", "CGIL Cremona", "Sindacato", "waitlisted", "2026-09-20"),
            ];
            for (surname, name, organisation, kind, status, received) in people {
                tx.execute(
                    "INSERT INTO person(surname, given_name, gender, organisation, organisation_type)
                     VALUES (?1, ?2, 'F', ?3, ?4)",
                    rusqlite::params![surname, name, organisation, kind],
                )?;
                let person = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on, status) VALUES (?1, 1, ?2, ?3)",
                    rusqlite::params![person, received, status],
                )?;
            }
            Ok(())
        })
        .expect("fill");
    path
}

/// The app with settings changed by `change` (ASCII, another user…).
pub fn app_with(path: &Path, lang: Lang, change: impl FnOnce(&mut Settings)) -> App {
    let store = Store::open(path, Access::ReadWrite).expect("open");
    let mut settings = settings(lang);
    change(&mut settings);
    App::new(store, settings)
}

/// A register at `path` with one module of `sessions` four-hour sessions
/// on the same day and `participants` accepted participants, written
/// straight into the tables: for tests that load it with many writers.
pub fn crowded_register(path: &Path, sessions: usize, participants: usize) -> PathBuf {
    let store = Store::create(path, &actor(), DEFAULT_AXES).expect("create");
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                 VALUES ('M01', 'Accoglienza', 1, 'Cremona', ?1, ?2)",
                [sessions as i64 * 240, participants as i64],
            )?;
            for _ in 0..sessions {
                tx.execute(
                    "INSERT INTO session(module_id, date, start_minute, end_minute) VALUES (1, '2026-11-26', 540, 780)",
                    [],
                )?;
            }
            for n in 0..participants {
                tx.execute(
                    "INSERT INTO person(surname, given_name, gender) VALUES (?1, 'Anna', 'F')",
                    [format!("Persona {n:04}")],
                )?;
                tx.execute(
                    "INSERT INTO enrolment(person_id, module_id, received_on, status)
                     VALUES (?1, 1, '2026-10-01', 'accepted')",
                    [tx.last_insert_rowid()],
                )?;
            }
            Ok(())
        })
        .expect("populate");
    path.to_path_buf()
}

/// Noon of `TODAY` in Italy: the binary's clock in every process test.
pub const NOW: &str = "2026-11-26T12:00:00+01:00";

/// Pins on `command` everything of the outside world the binary reads:
/// the day and time (`REGISTRO_NOW`), the time zone, every locale
/// variable, the terminal and its size, the user, no settings file and
/// no register from the environment. A test that wants another value
/// sets it after this (another language: `speak`).
pub fn pin<'a>(command: &'a mut Command, user: &str) -> &'a mut Command {
    command
        .env("REGISTRO_NOW", NOW)
        .env_remove("REGISTRO_TODAY")
        .env("TZ", "Europe/Rome")
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .env("LC_MESSAGES", "en_US.UTF-8")
        .env("TERM", "xterm-256color")
        .env("COLUMNS", "80")
        .env("LINES", "24")
        .env_remove("NO_COLOR")
        .env("USER", user)
        .env("LOGNAME", user)
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env_remove("REGISTRO_DB")
}

/// Makes `command` speak `locale` (`it_IT.UTF-8`): every variable the
/// language is read from, so that none of the machine's wins.
pub fn speak<'a>(command: &'a mut Command, locale: &str) -> &'a mut Command {
    command
        .env("LANG", locale)
        .env("LC_ALL", locale)
        .env("LC_MESSAGES", locale)
}

/// The binary as a process, everything of the outside world pinned
/// (`pin`), acting as `user` unless `--user` says otherwise.
pub fn registro(user: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_registro"));
    pin(&mut command, user);
    command
}

/// A shell command line on an 80×24 pseudo-terminal of util-linux
/// `script`, everything it writes collected as it comes.
pub struct Pty {
    pub script: Child,
    screen: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    pub fn run(command: &str) -> Pty {
        let line = format!("stty rows 24 cols 80; exec {command}");
        let mut script = Command::new("script")
            .args(["-q", "-f", "-e", "-c", &line, "/dev/null"])
            // Every variable the C library reads for messages, not LANG
            // alone: a machine's LC_ALL would otherwise win.
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .env("LC_MESSAGES", "en_US.UTF-8")
            .env("TZ", "Europe/Rome")
            .env("TERM", "xterm-256color")
            .env("XDG_CONFIG_HOME", "/nonexistent-config")
            .env("USER", "admin")
            .env("REGISTRO_NOW", NOW)
            .env_remove("REGISTRO_TODAY")
            .env_remove("REGISTRO_DB")
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script from util-linux");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = script.stdout.take().unwrap();
        let sink = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Pty { script, screen }
    }

    /// Everything written so far.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.screen.lock().unwrap()).into_owned()
    }

    /// Waits until everything written shows each of `texts`; fails the
    /// test, with what was written, after `limit`.
    pub fn wait_for(&self, texts: &[&str], limit: Duration) {
        let start = Instant::now();
        while !texts.iter().all(|text| self.output().contains(text)) {
            assert!(
                start.elapsed() < limit,
                "never saw {texts:?} in {:?}",
                self.output()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn write(&mut self, keys: &[u8]) {
        let stdin = self.script.stdin.as_mut().unwrap();
        stdin.write_all(keys).unwrap();
        stdin.flush().unwrap();
    }
}

/// Makes `tutor.rossi` and `tutor.ferri` tutors of M01: the store records
/// changes only by users of the register.
pub fn add_tutors_of_m01(path: &Path) {
    let store = Store::open(path, Access::ReadWrite).expect("open");
    for login in ["tutor.rossi", "tutor.ferri"] {
        store
            .add_user(
                &actor(),
                login,
                None,
                registro::domain::Role::Tutor,
                &["M01".to_string()],
            )
            .expect("add a tutor");
    }
}

/// A test for a file with its own harness (`harness = false`: the files
/// that start themselves again as workers), run by libtest-mimic as
/// libtest would: a panic fails it.
pub fn trial(name: &'static str, test: fn()) -> libtest_mimic::Trial {
    libtest_mimic::Trial::test(name, move || {
        test();
        Ok(())
    })
}
