//! The command line: parses arguments, reads the outside world once
//! (clock, login name, locale, config) and hands it to the command.

// Every line the command line prints goes through `say`: cleaned of
// anything a terminal would run, and quiet when its reader has gone (the
// standard macros panic on a closed pipe). Defined before the modules so
// that each of them uses these.
macro_rules! println {
    () => {
        $crate::cli::say::out("\n")
    };
    ($($arg:tt)*) => {
        $crate::cli::say::out(&format!("{}\n", format_args!($($arg)*)))
    };
}

macro_rules! print {
    ($($arg:tt)*) => {
        $crate::cli::say::out(&format!($($arg)*))
    };
}

macro_rules! eprint {
    ($($arg:tt)*) => {
        $crate::cli::say::err(&format!($($arg)*))
    };
}

macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::cli::say::err(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod backups;
mod clock;
mod demo;
mod door;
mod export;
mod help;
mod import;
mod init;
mod mail;
mod maintenance;
mod manual;
mod output;
mod paths;
mod person;
mod print;
mod report;
mod say;
mod settings;
mod users;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::Config;
use crate::context::{Actor, Clock, login_name};
use crate::i18n::{Catalogue, Lang};
use crate::store::Access;

#[derive(Debug, Parser)]
#[command(
    name = "registro",
    version,
    about = "A terminal case manager for training programmes"
)]
pub struct Cli {
    /// The register file (else $REGISTRO_DB, else one in your data folder);
    /// `report` takes it several times
    #[arg(long, global = true, value_name = "PATH", action = clap::ArgAction::Append)]
    pub db: Vec<PathBuf>,

    /// The acting user (else your login name)
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,

    /// A settings file to use instead of the one in your config folder
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a demo register if needed, then open it
    Demo {
        /// A realistic programme, or a region's worth of data
        #[arg(long, value_enum, default_value = "realistic")]
        size: demo::DemoSize,
    },
    /// Create an empty register
    Init {
        /// The programme's name, at the head of the report and every export
        /// (else asked on a terminal)
        #[arg(long, value_name = "NAME")]
        programme: Option<String>,
    },
    /// The programme's figures, of one register or several together
    Report(report::ReportArgs),
    /// Read a CSV file into the register: all of it, or nothing
    Import {
        /// What the file holds
        #[arg(value_enum)]
        kind: import::ImportKind,
        /// The CSV file (`,` or `;`, UTF-8 or Windows-1252)
        file: PathBuf,
        /// Check the file and report, without writing anything
        #[arg(long)]
        dry_run: bool,
        /// Queue a message to each person whose request comes decided
        #[arg(long)]
        notify: bool,
    },
    /// Write a list from the register to a file or stdout
    Export(export::ExportArgs),
    /// Who may open the register, and as what (admins; coordinators add tutors)
    Users {
        #[command(subcommand)]
        command: users::UsersCommand,
    },
    /// The register's own settings: the programme's name
    Settings {
        #[command(subcommand)]
        command: settings::SettingsCommand,
    },
    /// A consistent copy of the register, while others keep working
    Backup {
        /// The copy to make (a new file, readable by you only)
        #[arg(required_unless_present = "dir", conflicts_with = "dir")]
        file: Option<PathBuf>,
        /// A folder of dated copies (REGISTER-YYYY-MM-DD-HHMMSS.db) instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// With --dir: how many copies to keep; older ones are removed
        /// once the new one is whole and checked
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        keep: Option<u32>,
    },
    /// Check the register's integrity, references and schema
    Check,
    /// A person's data, for data-protection requests
    Person {
        #[command(subcommand)]
        command: person::PersonCommand,
    },
    /// Write the manual pages (registro.1 on stdout, or every page into DIR)
    Man {
        /// The folder to write registro.1 and one page per subcommand into
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The language of the pages (else the user's)
        #[arg(long, value_enum, value_name = "LANG")]
        lang: Option<manual::PageLanguage>,
    },
    /// Letters and e-mail to applicants: the outbox
    Mail {
        #[command(subcommand)]
        command: mail::MailCommand,
    },
    /// Print the completion script for a shell
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Help and version as clap prints them; a usage error in the user's
/// language (clap's own English for English), exit 2 as clap's.
fn usage_failure(error: &clap::Error, text: &Catalogue) -> ExitCode {
    use clap::error::ErrorKind;
    let shown_by_clap = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if shown_by_clap {
        error.exit()
    }
    // Through our own eprintln (cleaned): a usage error echoes what was
    // typed, which may hold anything a terminal would run.
    if text.lang == Lang::En {
        eprint!("{}", error.render());
    } else {
        eprintln!("{}", help::usage_error(error, text));
    }
    ExitCode::from(2)
}

/// A usage error of our own (arguments clap lets through together), in
/// the catalogue's words with no English of clap's around them: exit 2,
/// as clap's own usage errors.
fn usage_refusal(message: &str, command: &str, text: &Catalogue) -> ExitCode {
    let said = crate::i18n::fill(
        text.cli_error_layout_short,
        &[("message", message), ("command", command)],
    );
    eprintln!("{said}");
    ExitCode::from(2)
}

/// The command line's definition with the version line `--version`
/// prints: the program's, the register schema it writes, and SQLite's,
/// which is what an administrator asks when a register will not open.
pub(crate) fn command_with_version(text: &Catalogue) -> clap::Command {
    let line = crate::i18n::fill(
        text.version_line,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            ("schema", &crate::store::latest_version().to_string()),
            ("sqlite", crate::store::sqlite_version()),
        ],
    );
    help::localized(Cli::command().version(line), text)
}

/// Everything a command needs from outside: read here, once.
pub struct Outside {
    pub clock: Clock,
    pub user: String,
    pub config: Config,
    pub text: &'static Catalogue,
}

impl Outside {
    pub fn actor(&self) -> Actor {
        Actor::new(self.user.clone(), self.clock.clone())
    }
}

/// A command's failure: the message for stderr, exit status 1.
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

/// The store words none of its errors: the command line words them with
/// the user's catalogue, the one chosen at start from the settings and
/// the locale.
impl From<crate::store::StoreError> for Failure {
    fn from(error: crate::store::StoreError) -> Self {
        Failure(crate::store::describe(&error, crate::i18n::current()))
    }
}

/// Every `--db` of the command line, in order. Given both before and
/// after the subcommand, clap keeps only those after it
/// (clap-rs/clap#1570); so they are read again here from the arguments,
/// which clap has already checked: `--db PATH` or `--db=PATH`, up to `--`.
/// `parsed` (clap's) stands when the arguments hold fewer.
fn every_db(mut args: impl Iterator<Item = OsString>, parsed: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--db" {
            if let Some(value) = args.next() {
                found.push(PathBuf::from(value));
            }
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            found.push(PathBuf::from(value));
        }
    }
    if found.len() > parsed.len() {
        found
    } else {
        parsed
    }
}

pub fn run() -> ExitCode {
    // The language is known before the arguments are read, so that
    // `--version` speaks it; settings may choose another one later.
    let early = Catalogue::get(Lang::from_environment());
    let parsed = command_with_version(early)
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return usage_failure(&error, early),
    };
    cli.db = every_db(std::env::args_os().skip(1), cli.db);
    let config = match Config::load(cli.config.as_deref(), paths::user_config_file().as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("registro: {error}");
            return ExitCode::from(1);
        }
    };
    let lang = config.language.unwrap_or_else(Lang::from_environment);
    crate::i18n::set_current(lang);
    let clock = match clock::from_environment(Catalogue::get(lang)) {
        Ok(clock) => clock,
        Err(Failure(message)) => {
            eprintln!("registro: {message}");
            return ExitCode::from(1);
        }
    };
    // The acting user: `--user`, else the login name. Only the manual
    // pages and completions are made for nobody in particular.
    // A `--user` given empty names nobody: refused, not taken as absent.
    let named = match cli.user.as_deref().map(str::trim) {
        Some("") => None,
        Some(name) => Some(name.to_string()),
        None => login_name(),
    };
    let needs_no_user = matches!(
        cli.command,
        Some(Command::Man { .. } | Command::Completions { .. })
    );
    let user = match named {
        Some(user) => user,
        None if needs_no_user => String::new(),
        None => {
            eprintln!("registro: {}", Catalogue::get(lang).no_acting_user);
            return ExitCode::from(1);
        }
    };
    let outside = Outside {
        clock,
        user,
        config,
        text: Catalogue::get(lang),
    };
    crate::mail::settings::set_in_force(outside.config.mail.clone());
    // Only the report reads several registers; the others take one.
    if cli.db.len() > 1 && !matches!(cli.command, Some(Command::Report(_))) {
        let count = cli.db.len().to_string();
        let message = crate::i18n::fill(outside.text.report_several_db, &[("count", &count)]);
        return usage_refusal(&message, "registro", outside.text);
    }
    let db = cli.db.last().map(PathBuf::as_path);
    let result = match cli.command {
        None => paths::register_path(db).and_then(|path| {
            door::open(&path, Access::ReadWrite, &outside, "", None)?;
            crate::tui::open(&path, &outside).map_err(Failure::from)
        }),
        Some(Command::Demo { size }) => demo::run(db, size, &outside),
        Some(Command::Init { programme }) => init::run(db, programme.as_deref(), &outside),
        Some(Command::Report(args)) => report::run(&cli.db, &args, &outside),
        Some(Command::Import {
            kind,
            file,
            dry_run,
            notify,
        }) => import::run(db, kind, &file, dry_run, notify, &outside),
        Some(Command::Export(args)) => export::run(db, &args, &outside),
        Some(Command::Users { command }) => users::run(db, &command, &outside),
        Some(Command::Settings { command }) => settings::run(db, &command, &outside),
        Some(Command::Backup { file, dir, keep }) => match (file, dir) {
            // clap lets `--keep` through beside a file, where it would
            // keep nothing: a usage error, as clap's own are.
            (Some(_), None) if keep.is_some() => {
                return usage_refusal(
                    outside.text.backup_keep_needs_dir,
                    "registro backup",
                    outside.text,
                );
            }
            (Some(file), _) => maintenance::backup(db, &file, &outside),
            (None, Some(dir)) => maintenance::backup_dated(db, &dir, keep, &outside),
            (None, None) => Err(Failure(outside.text.backup_needs_target.to_string())),
        },
        Some(Command::Check) => maintenance::check(db, &outside),
        Some(Command::Person { command }) => person::run(db, &command, &outside),
        Some(Command::Man { dir, lang }) => manual::man(dir.as_deref(), lang, &outside),
        Some(Command::Mail { command }) => mail::run(db, &command, &outside),
        Some(Command::Completions { shell }) => manual::completions(shell),
    };
    let result = result.and_then(|()| match say::lost_output() {
        true => Err(Failure(outside.text.out_lost.to_string())),
        false => Ok(()),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("registro: {message}");
            ExitCode::from(1)
        }
    }
}
