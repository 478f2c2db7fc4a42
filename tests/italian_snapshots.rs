//! The Italian screens, as their snapshots hold them, write dates and
//! numbers as an Italian office does: no ISO date (`2026-12-04`), no
//! decimal point in a number (`2.5`), whatever the view.

use std::path::{Path, PathBuf};

/// A snapshot is Italian when its name says so: `screens__modules_it`,
/// `drafts__drafts_list_It`, `report_screen__report_80x24_it_ascii`.
fn is_italian(name: &str) -> bool {
    let stem = name.trim_end_matches(".snap");
    let view = stem.rsplit("__").next().unwrap_or(stem).to_lowercase();
    view.ends_with("_it") || view.contains("_it_ascii")
}

fn italian_snapshots() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".snap") && is_italian(n))
        })
        .collect();
    found.sort();
    found
}

/// The screen a snapshot holds, without insta's header.
fn screen_of(text: &str) -> &str {
    let mut parts = text.splitn(3, "---\n");
    let _ = parts.next();
    let _header = parts.next();
    parts.next().unwrap_or(text)
}

/// Where an ISO date is right on an Italian screen: the hint that says
/// a date may be typed either way.
const ALLOWED: &[&str] = &["(scrivere 15/01/2013 o 2013-01-15)"];

/// What in a line is written in the English or the programs' way: an ISO
/// date `dddd-dd-dd`, or a number with a decimal point (`2.5`, `15.25`;
/// `1.234`, three digits after the point, is Italian for a thousand).
fn foreign_numbers(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let digits_from = |start: usize| {
        chars[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let whole = digits_from(i);
        let after = i + whole;
        let next = chars.get(after).copied();
        let iso = whole == 4
            && next == Some('-')
            && digits_from(after + 1) == 2
            && chars.get(after + 3) == Some(&'-')
            && digits_from(after + 4) == 2;
        let decimal_point = next == Some('.') && {
            let fraction = digits_from(after + 1);
            fraction > 0 && fraction != 3
        };
        if iso || decimal_point {
            let end = if iso {
                after + 6
            } else {
                after + 1 + digits_from(after + 1)
            };
            found.push(chars[i..end].iter().collect());
        }
        i = after.max(i + 1);
    }
    found
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert_eq!(foreign_numbers("Data 2026-12-04 ore"), ["2026-12-04"]);
    assert_eq!(foreign_numbers("ore 2.75 su 16"), ["2.75"]);
    assert_eq!(foreign_numbers("15.5/16"), ["15.5"]);
    assert!(foreign_numbers("04/12/2026 2,5 ore 1.234 Dott.ssa v1.x").is_empty());
    assert!(foreign_numbers("09:00-13:00 25/25 74,1%").is_empty());
    assert!(is_italian("screens__modules_it.snap"));
    assert!(is_italian("drafts__drafts_list_It.snap"));
    assert!(is_italian("report_screen__report_80x24_it_ascii.snap"));
    assert!(!is_italian("screens__modules_en.snap"));
    assert!(!is_italian("report_screen__report_80x24.snap"));
    assert!(!is_italian(
        "roster__every_roster_key_does_what_it_says.snap"
    ));
}

#[test]
fn italian_screens_hold_no_iso_date_and_no_decimal_point() {
    let snapshots = italian_snapshots();
    assert!(snapshots.len() >= 20, "{snapshots:?}");
    let mut wrong = Vec::new();
    for path in &snapshots {
        let text = std::fs::read_to_string(path).unwrap();
        for (number, line) in screen_of(&text).lines().enumerate() {
            let mut checked = line.to_string();
            for allowed in ALLOWED {
                checked = checked.replace(allowed, "");
            }
            for found in foreign_numbers(&checked) {
                let name = path.file_name().unwrap().to_string_lossy();
                wrong.push(format!("{name}:{}: {found:?} in {line}", number + 1));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
