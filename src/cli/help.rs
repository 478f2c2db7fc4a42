//! The command line in the user's language: the help of every command
//! and argument from the catalogue (`i18n::cli_help`), clap's own words
//! (usage, headings, the help and version flags) and its usage errors in
//! Italian when the user reads Italian. clap speaks only English, so its
//! words are replaced here rather than translated inside it.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::cli_help::{HELP, VALUE_NAMES_IT, VALUES_IT};
use crate::i18n::{Catalogue, Lang, fill};

/// `command` with every help line in `lang`.
pub fn localized(command: Command, text: &Catalogue) -> Command {
    let mut command = localize(command, "", text.lang);
    if text.lang == Lang::It {
        command = command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(text.cli_version_flag)
                .help_heading(text.cli_options_heading),
        );
    }
    command
}

fn localize(mut command: Command, path: &str, lang: Lang) -> Command {
    let italian = lang == Lang::It;
    if let Some(about) = help(path, lang) {
        command = command.about(about).long_about(None);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{path}.{id}");
        command = command.mut_arg(&id, |mut arg| {
            if let Some(line) = help(&key, lang) {
                arg = arg.help(line).long_help(None);
            }
            if italian {
                arg = italian_arg(arg, &key);
            }
            arg
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in subcommands {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |sub| localize(sub, &sub_path, lang));
    }
    if italian {
        let bin = if path.is_empty() {
            "registro".to_string()
        } else {
            format!("registro {path}")
        };
        command = italian_chrome(command.bin_name(bin));
    }
    command
}

/// The catalogue's line for `key` in `lang`.
pub fn help(key: &str, lang: Lang) -> Option<&'static str> {
    HELP.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, it)| if lang == Lang::It { *it } else { *en })
}

/// An argument's placeholder, heading and possible values in Italian:
/// the values listed in the help line, since clap's own list of them
/// cannot be worded.
fn italian_arg(mut arg: clap::Arg, key: &str) -> clap::Arg {
    let it = crate::i18n::Catalogue::get(Lang::It);
    if let Some(names) = arg.get_value_names() {
        let names: Vec<String> = names
            .iter()
            .map(|name| {
                VALUE_NAMES_IT
                    .iter()
                    .find(|(en, _)| *en == name.as_str())
                    .map_or_else(|| name.to_string(), |(_, it)| it.to_string())
            })
            .collect();
        arg = arg.value_names(names);
    }
    let values: Vec<String> = VALUES_IT
        .iter()
        .filter(|(k, _, _)| *k == key)
        .map(|(_, value, meaning)| format!("{value}: {meaning}"))
        .collect();
    if !values.is_empty() {
        let line = help_line(&arg);
        arg = arg
            .help(format!("{line} ({})", values.join("; ")))
            .hide_possible_values(true);
    } else if !arg.get_possible_values().is_empty() && arg.get_action().takes_values() {
        let names: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        let line = help_line(&arg);
        arg = arg
            .help(format!("{line} ({})", names.join(", ")))
            .hide_possible_values(true);
    }
    if !arg.get_default_values().is_empty() {
        arg = arg.hide_default_value(true);
        let line = help_line(&arg);
        let default = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        arg = arg.help(format!("{line} [{}: {default}]", it.cli_default_word));
    }
    let heading = if arg.is_positional() {
        it.cli_arguments_heading
    } else {
        it.cli_options_heading
    };
    arg.help_heading(heading)
}

/// The help line an argument has so far, to add to.
fn help_line(arg: &clap::Arg) -> String {
    arg.get_help().map(|h| h.to_string()).unwrap_or_default()
}

/// clap's own words on one command: usage, headings, the help flag.
fn italian_chrome(command: Command) -> Command {
    let it = crate::i18n::Catalogue::get(Lang::It);
    let usage = command
        .clone()
        .disable_help_subcommand(true)
        .render_usage()
        .to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", it.cli_options_placeholder)
        .replace("<COMMAND>", it.cli_command_placeholder)
        .replace(
            "[COMMAND]",
            &format!("[{}]", it.cli_command_placeholder.trim_matches(['<', '>'])),
        );
    command
        .override_usage(usage)
        .help_template(it.cli_help_template)
        .subcommand_help_heading(it.cli_commands_heading)
        .subcommand_value_name(it.cli_command_placeholder.trim_matches(['<', '>']))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(it.cli_help_flag)
                .help_heading(it.cli_options_heading),
        )
}

/// A usage error worded by the catalogue: what was wrong, the usage, and
/// where to read more. clap's own text is kept for what it names (the
/// argument, the value), which is the user's own words.
pub fn usage_error(error: &clap::Error, text: &Catalogue) -> String {
    let get = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let argument = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let template = match error.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => text.cli_error_invalid_value,
        ErrorKind::UnknownArgument => text.cli_error_unknown_argument,
        ErrorKind::InvalidSubcommand => text.cli_error_unknown_command,
        ErrorKind::MissingRequiredArgument => text.cli_error_missing_argument,
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            text.cli_error_missing_command
        }
        ErrorKind::ArgumentConflict => text.cli_error_conflict,
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            text.cli_error_value_count
        }
        _ => text.cli_error_other,
    };
    let subcommand = get(ContextKind::InvalidSubcommand);
    let mut message = fill(
        template,
        &[
            ("argument", &argument),
            ("value", &value),
            ("command", &subcommand),
            ("other", &get(ContextKind::PriorArg)),
        ],
    );
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        message.push_str(&fill(text.cli_error_valid_values, &[("values", &valid)]));
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim_start_matches("Usage:").trim();
    // The command's own words, for `registro export --help`.
    let command: Vec<&str> = usage
        .split_whitespace()
        .take_while(|word| !word.starts_with(['[', '<', '-']))
        .collect();
    let command = if command.is_empty() {
        "registro".to_string()
    } else {
        command.join(" ")
    };
    let layout = if usage.is_empty() {
        text.cli_error_layout_short
    } else {
        text.cli_error_layout
    };
    fill(
        layout,
        &[
            ("message", &message),
            ("usage", usage),
            ("command", &command),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    /// Every command's path and every argument's key, as `HELP` names them.
    fn keys(command: &Command, path: &str, found: &mut Vec<String>) {
        found.push(path.to_string());
        for arg in command.get_arguments() {
            found.push(format!("{path}.{}", arg.get_id()));
        }
        for sub in command.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            keys(sub, &sub_path, found);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_line_in_both_languages_and_no_line_is_stray() {
        let mut found = Vec::new();
        keys(&Cli::command(), "", &mut found);
        for key in &found {
            let line = HELP.iter().find(|(k, _, _)| k == key);
            let Some((_, en, it)) = line else {
                panic!("no help line for {key:?} in i18n/cli_help.rs");
            };
            assert!(!en.is_empty() && !it.is_empty() && en != it, "{key}");
        }
        for (key, _, _) in HELP {
            assert!(found.iter().any(|k| k == key), "{key:?} names nothing");
        }
        for (key, value, _) in VALUES_IT {
            let (path, id) = key.rsplit_once('.').unwrap();
            let mut command = Cli::command();
            for word in path.split_whitespace() {
                command = command.find_subcommand(word).unwrap().clone();
            }
            let arg = command.get_arguments().find(|a| a.get_id() == id).unwrap();
            assert!(
                arg.get_possible_values()
                    .iter()
                    .any(|v| v.get_name() == *value),
                "{key}={value}"
            );
        }
    }
}
