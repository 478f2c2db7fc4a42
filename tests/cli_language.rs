//! The command line in Italian: help, usage errors and manual pages
//! with none of clap's English words (issue 23), English as it was.

mod command;
use command::registro;
use tempfile::tempdir;

/// Every subcommand's words, `["users", "add"]` and so on.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["demo"],
    &["init"],
    &["report"],
    &["import"],
    &["export"],
    &["users"],
    &["users", "add"],
    &["users", "list"],
    &["users", "remove"],
    &["backup"],
    &["check"],
    &["person"],
    &["person", "export"],
    &["person", "erase"],
    &["man"],
    &["completions"],
];

/// clap's own English, which the Italian help must not show.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "Possible values",
    "[default",
    "[OPTIONS]",
    "<COMMAND>",
];

#[test]
fn the_italian_help_of_every_command_has_no_english_word_of_clap() {
    for words in COMMANDS {
        let output = registro()
            .env("LANG", "it_IT.UTF-8")
            .args(*words)
            .arg("--help")
            .output()
            .unwrap();
        assert!(output.status.success(), "{words:?}");
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Uso: registro"), "{words:?}: {help}");
        assert!(help.contains("Mostra l'aiuto"), "{words:?}: {help}");
        for english in ENGLISH {
            assert!(
                !help.contains(english),
                "{words:?} shows {english:?}: {help}"
            );
        }
    }
}

#[test]
fn the_english_help_is_clap_s_own() {
    let output = registro().args(["export", "--help"]).output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("Usage: registro export"), "{help}");
    assert!(help.contains("Possible values"), "{help}");
    assert!(help.contains("The file to write"), "{help}");
}

#[test]
fn italian_usage_errors_say_what_and_where_to_read_more() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["export", "--bogus"],
            "--bogus non è un'opzione di questo comando",
        ),
        (&["export", "nothing"], "il valore «nothing» non va bene"),
        (&["frobnicate"], "frobnicate non è un comando di registro"),
        (&["users", "add", "x"], "manca: --role"),
        (
            &["backup", "--keep", "2", "copy.db"],
            "--keep conta le copie datate di --dir",
        ),
    ];
    for (args, expected) in cases {
        let output = registro()
            .env("LANG", "it_IT.UTF-8")
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(stderr.contains("Per saperne di più: registro"), "{stderr}");
        assert!(
            !stderr.contains("error:") && !stderr.contains("Usage"),
            "{stderr}"
        );
    }
    // English keeps clap's own words.
    let output = registro().args(["export", "--bogus"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error:"));
}

#[test]
fn manual_pages_in_italian_have_italian_sections_and_lines() {
    let dir = tempdir().unwrap();
    let output = registro()
        .args(["man", "--lang", "it", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = std::fs::read_to_string(dir.path().join("registro-backup.1")).unwrap();
    for italian in [
        ".SH NOME",
        ".SH SINTASSI",
        ".SH OPZIONI",
        "Con \\-\\-dir: quante copie",
    ] {
        assert!(page.contains(italian), "{italian:?} in {page}");
    }
    for english in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", "Print help"] {
        assert!(!page.contains(english), "{english:?} in {page}");
    }
}
