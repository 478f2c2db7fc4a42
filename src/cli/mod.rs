//! The command line: parses arguments, reads the outside world once
//! (clock, login name, locale, config) and hands it to the command.

mod demo;
mod door;
mod export;
mod import;
mod init;
mod maintenance;
mod output;
mod paths;
mod person;
mod report;
mod users;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::config::Config;
use crate::context::{Actor, Clock, acting_login};
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
        /// The programme of DESIGN.md, or a region's worth of data
        #[arg(long, value_enum, default_value = "realistic")]
        size: demo::DemoSize,
    },
    /// Create an empty register
    Init,
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
    },
    /// Write a list from the register to a file or stdout
    Export(export::ExportArgs),
    /// Who may open the register, and as what (admins; coordinators add tutors)
    Users {
        #[command(subcommand)]
        command: users::UsersCommand,
    },
    /// A consistent copy of the register, while others keep working
    Backup {
        /// The copy to make (a new file, readable by you only)
        file: PathBuf,
    },
    /// Check the register's integrity, references and schema
    Check,
    /// A person's data, for data-protection requests
    Person {
        #[command(subcommand)]
        command: person::PersonCommand,
    },
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
    let mut cli = Cli::parse();
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
    let Some(user) = acting_login(cli.user.as_deref()) else {
        eprintln!("registro: {}", Catalogue::get(lang).no_acting_user);
        return ExitCode::from(1);
    };
    let outside = Outside {
        clock: Clock::System,
        user,
        config,
        text: Catalogue::get(lang),
    };
    // Only the report reads several registers; the others take one.
    if cli.db.len() > 1 && !matches!(cli.command, Some(Command::Report(_))) {
        let count = cli.db.len().to_string();
        let message = crate::i18n::fill(outside.text.report_several_db, &[("count", &count)]);
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
    let db = cli.db.last().map(PathBuf::as_path);
    let result = match cli.command {
        None => paths::register_path(db).and_then(|path| {
            door::open(&path, Access::ReadWrite, &outside, "", None)?;
            crate::tui::open(&path, &outside).map_err(Failure::from)
        }),
        Some(Command::Demo { size }) => demo::run(db, size, &outside),
        Some(Command::Init) => init::run(db, &outside),
        Some(Command::Report(args)) => report::run(&cli.db, &args, &outside),
        Some(Command::Import {
            kind,
            file,
            dry_run,
        }) => import::run(db, kind, &file, dry_run, &outside),
        Some(Command::Export(args)) => export::run(db, &args, &outside),
        Some(Command::Users { command }) => users::run(db, &command, &outside),
        Some(Command::Backup { file }) => maintenance::backup(db, &file, &outside),
        Some(Command::Check) => maintenance::check(db, &outside),
        Some(Command::Person { command }) => person::run(db, &command, &outside),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("registro: {message}");
            ExitCode::from(1)
        }
    }
}
