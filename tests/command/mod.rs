//! The binary as the CLI tests run it: a pinned language and user, no
//! settings file, no register from the environment.

use assert_cmd::Command;

pub fn registro() -> Command {
    let mut command = Command::cargo_bin("registro").unwrap();
    command
        .env_remove("REGISTRO_DB")
        .env("LANG", "en_US.UTF-8")
        .env("USER", "coordinatrice")
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}
