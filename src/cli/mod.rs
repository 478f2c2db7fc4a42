//! The command line: parses arguments, reads the outside world once
//! (clock, login name, locale, config) and hands it to the command.

mod demo;
mod export;
mod import;
mod init;
mod paths;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::context::{Actor, Clock, login_name};
use crate::i18n::{Catalogue, Lang};

#[derive(Debug, Parser)]
#[command(name = "registro", version, about = "A terminal case manager for training programmes")]
pub struct Cli {
    /// The register file (else $REGISTRO_DB, else one in your data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

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
    Demo,
    /// Create an empty register
    Init,
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
    /// Write a list (enrolments, participants) as CSV, JSON or XLSX
    Export(export::ExportArgs),
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

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref(), paths::user_config_file().as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("registro: {error}");
            return ExitCode::from(1);
        }
    };
    let lang = config.language.unwrap_or_else(Lang::from_environment);
    let outside = Outside {
        clock: Clock::System,
        user: cli.user.clone().unwrap_or_else(login_name),
        config,
        text: Catalogue::get(lang),
    };
    let result = match cli.command {
        None => paths::register_path(cli.db.as_deref())
            .and_then(|path| crate::tui::open(&path, &outside).map_err(Failure::from)),
        Some(Command::Demo) => demo::run(cli.db.as_deref(), &outside),
        Some(Command::Init) => init::run(cli.db.as_deref(), &outside),
        Some(Command::Import {
            kind,
            file,
            dry_run,
        }) => import::run(cli.db.as_deref(), kind, &file, dry_run, &outside),
        Some(Command::Export(args)) => export::run(cli.db.as_deref(), &args, &outside),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("registro: {message}");
            ExitCode::from(1)
        }
    }
}
