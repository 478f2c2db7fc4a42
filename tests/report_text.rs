//! `registro report` as text, byte for byte against golden files in
//! tests/report_text/, in Italian and in English: an Italian office's
//! report holds no ISO date and no decimal point, names its programme at
//! the head and its axes by their titles; the settings' `[format]`
//! changes its dates and numbers, not its words.
//!
//! After an intended change: `REGISTRO_BLESS=1 cargo test --test
//! report_text`, then read the diff of tests/report_text/.

mod command;
mod handmade;

use std::path::{Path, PathBuf};

use tempfile::tempdir;

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/report_text")
        .join(name)
}

fn same_as_golden(name: &str, text: &str) {
    let path = golden(name);
    if std::env::var_os("REGISTRO_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (REGISTRO_BLESS=1 writes it)", path.display()));
    assert!(
        text == expected,
        "{name} differs from its golden file:\n{text}\n--- golden:\n{expected}"
    );
}

/// `registro ARGS` as the handmade registers' admin in `lang`: stdout.
fn run(lang: &str, args: &[&str]) -> String {
    let output = command::registro()
        .env("LANG", lang)
        .env("USER", "admin")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The handmade province A, named as a programme.
fn province_a(folder: &Path) -> PathBuf {
    let db = handmade::province_a(folder);
    let path = db.to_str().unwrap();
    run(
        "en_US.UTF-8",
        &[
            "settings",
            "programme",
            "Integrazione Cremona",
            "--db",
            path,
        ],
    );
    db
}

fn report(lang: &str, db: &Path, extra: &[&str]) -> String {
    let mut args = vec!["report", "--db", db.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(lang, &args)
}

/// A date as ISO writes it (`2026-11-26`) anywhere in `text`.
fn iso_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let candidate = &text.get(at..at + 10)?;
        let shape = candidate.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        shape.then_some(*candidate)
    })
}

/// A number with a decimal point (`58.3`) anywhere in `text`.
fn decimal_point(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).find_map(|w| {
        (w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit()).then(|| w.iter().collect())
    })
}

#[test]
fn the_text_report_is_its_golden_file_in_both_languages() {
    let dir = tempdir().unwrap();
    let db = province_a(dir.path());
    let italian = report("it_IT.UTF-8", &db, &[]);
    same_as_golden("province_a.it.txt", &italian);
    let english = report("en_US.UTF-8", &db, &[]);
    same_as_golden("province_a.en.txt", &english);
    let module = report("it_IT.UTF-8", &db, &["--module", "m01"]);
    same_as_golden("province_a.m01.it.txt", &module);

    for text in [&italian, &module] {
        assert_eq!(iso_date(text), None, "{text}");
        assert_eq!(decimal_point(text), None, "{text}");
        // The programme at the head, the day as an Italian office writes it.
        assert!(
            text.starts_with("Dati di Integrazione Cremona al 26/11/2026\n"),
            "{text}"
        );
        // The axes by their titles, not by numeral alone.
        assert!(
            text.contains("Asse I: Educazione e apprendimento"),
            "{text}"
        );
    }
    assert!(italian.contains("Asse II: Lavoro"), "{italian}");
    assert!(english.contains("Axis II: Lavoro"), "{english}");
    assert!(english.contains("58.3%"), "{english}");
    // Every line fits a page of 80 columns.
    for text in [&italian, &english, &module] {
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line:?}");
        }
    }
}

#[test]
fn the_settings_format_writes_the_reports_dates_and_numbers() {
    let dir = tempdir().unwrap();
    let db = province_a(dir.path());
    let settings = dir.path().join("settings.toml");
    std::fs::write(
        &settings,
        "[format]\ndate = \"yyyy-mm-dd\"\ndecimal = \"point\"\n",
    )
    .unwrap();
    let italian = report(
        "it_IT.UTF-8",
        &db,
        &["--config", settings.to_str().unwrap()],
    );
    // Italian words, the settings' dates and decimals.
    assert!(
        italian.starts_with("Dati di Integrazione Cremona al 2026-11-26\n"),
        "{italian}"
    );
    assert!(italian.contains("Accettate e frequentanti"), "{italian}");
    assert!(italian.contains("58.3%"), "{italian}");
    assert!(!italian.contains("58,3%"), "{italian}");

    std::fs::write(&settings, "[format]\ndecimal = \"comma\"\n").unwrap();
    let english = report(
        "en_US.UTF-8",
        &db,
        &["--config", settings.to_str().unwrap()],
    );
    assert!(english.contains("Accepted and taking part"), "{english}");
    assert!(english.contains("58,3%"), "{english}");
    assert!(english.contains(" as of 26/11/2026\n"), "{english}");
}

/// Without a programme's name, the heading names the register's file.
#[test]
fn a_register_without_a_programme_is_headed_by_its_path() {
    let dir = tempdir().unwrap();
    let db = handmade::province_a(dir.path());
    let text = report("en_US.UTF-8", &db, &[]);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!("Figures of {} as of 26/11/2026", db.display())
    );
}
