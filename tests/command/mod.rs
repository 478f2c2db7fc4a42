//! The binary as the CLI tests run it: a pinned language, user, day,
//! time zone and terminal, no settings file, no register from the
//! environment. The day is the tests' own (common::TODAY), so that no
//! test changes with the calendar.

use assert_cmd::Command;

pub fn registro() -> Command {
    let mut command = Command::cargo_bin("registro").unwrap();
    command
        .env_remove("REGISTRO_DB")
        .env("LANG", "en_US.UTF-8")
        .env("USER", "coordinatrice")
        .env("LOGNAME", "coordinatrice")
        .env("COLUMNS", "80")
        .env("LINES", "24")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        // Removed, not set: a test that wants Italian sets LANG alone.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("TZ", "Europe/Rome")
        .env("TERM", "xterm-256color")
        .env("REGISTRO_NOW", "2026-11-26T12:00:00+01:00")
        .env_remove("REGISTRO_TODAY");
    command
}
