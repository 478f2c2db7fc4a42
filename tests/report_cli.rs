//! `registro report` and `registro export certificates` on the registers
//! of `handmade`, whose figures are worked out there by hand.

mod command;
use assert_cmd::Command;

mod handmade;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};
use tempfile::tempdir;

/// The handmade registers are made by `admin`, who must be the acting user.
fn registro() -> Command {
    let mut command = command::registro();
    command.env("USER", "admin");
    command
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json_report(dbs: &[&Path], extra: &[&str]) -> Value {
    let mut command = registro();
    command.arg("report");
    for db in dbs {
        command.arg("--db").arg(db);
    }
    command.args(["--format", "json"]).args(extra);
    serde_json::from_str(&stdout_of(&mut command)).unwrap()
}

/// The keys of the figures table in docs/report.md, exactly.
const KEYS: &[&str] = &[
    "modules",
    "sessions",
    "hours_delivered",
    "modules_by_location",
    "modules_by_axis",
    "applications",
    "rejected",
    "accepted",
    "withdrawn",
    "waitlisted",
    "pending",
    "participants",
    "persons",
    "persons_multi_module",
    "participants_by_gender",
    "participants_by_organisation_type",
    "attendance_rate",
    "attendance_hours_mean",
    "satisfaction_mean",
    "satisfaction_responses",
    "certificates",
];

fn assert_close(value: &Value, expected: f64, key: &str) {
    let got = value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is {}", value[key]));
    assert!((got - expected).abs() < 1e-12, "{key}: {got} ≠ {expected}");
}

/// Every key, compared with what `expected` says; the floats within
/// rounding of the worked-out fractions.
fn assert_figures(got: &Value, expected: Value, floats: &[(&str, Option<f64>)]) {
    let keys: BTreeSet<&str> = got
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, KEYS.iter().copied().collect::<BTreeSet<_>>());
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&got[key], value, "{key}");
    }
    for (key, value) in floats {
        match value {
            Some(v) => assert_close(got, *v, key),
            None => assert_eq!(got[key], Value::Null, "{key}"),
        }
    }
    let checked = expected.as_object().unwrap().len() + floats.len();
    assert_eq!(checked, KEYS.len(), "every key is checked");
}

#[test]
fn every_figure_of_a_register_made_by_hand() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let got = json_report(&[&a], &[]);
    assert_figures(
        &got,
        json!({
            "modules": 4,
            "sessions": 5,
            "hours_delivered": 17.0,
            "modules_by_location": {"Cremona": 2, "Crema": 1, "Casalmaggiore": 1},
            "modules_by_axis": {"I": 1, "II": 1, "IV": 1, "V": 1},
            "applications": 12,
            "rejected": 1,
            "accepted": 9,
            "withdrawn": 2,
            "waitlisted": 1,
            "pending": 1,
            "participants": 7,
            "persons": 4,
            "persons_multi_module": 2,
            "participants_by_gender": {"F": 4, "M": 2, "X": 1},
            "participants_by_organisation_type": {"Comune": 4, "ASL": 2, "Associazione": 1},
            "satisfaction_responses": 5,
            "certificates": 4,
        }),
        &[
            ("attendance_rate", Some(101.0 / 144.0)),
            ("attendance_hours_mean", Some(25.75 / 7.0)),
            ("satisfaction_mean", Some(3.6)),
        ],
    );
}

#[test]
fn one_module_of_the_register() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    // M01: e1 480, e4 360, e5 0 of 480 minutes; e7 rejected, e8 withdrawn.
    let got = json_report(&[&a], &["--module", "m01"]);
    assert_figures(
        &got,
        json!({
            "modules": 1,
            "sessions": 2,
            "hours_delivered": 8.0,
            "modules_by_location": {"Cremona": 1},
            "modules_by_axis": {"I": 1},
            "applications": 5,
            "rejected": 1,
            "accepted": 4,
            "withdrawn": 1,
            "waitlisted": 0,
            "pending": 0,
            "participants": 3,
            "persons": 3,
            "persons_multi_module": 0,
            "participants_by_gender": {"F": 2, "M": 1, "X": 0},
            "participants_by_organisation_type": {"Comune": 2, "ASL": 1},
            "satisfaction_responses": 2,
            "certificates": 2,
        }),
        &[
            ("attendance_rate", Some(1.75 / 3.0)),
            ("attendance_hours_mean", Some(14.0 / 3.0)),
            ("satisfaction_mean", Some(3.5)),
        ],
    );

    // M04 has no sessions: one participation, nothing to average but hours.
    let got = json_report(&[&a], &["--module", "M04"]);
    assert_eq!(got["participants"], 1);
    assert_eq!(got["hours_delivered"], 0.0);
    assert_eq!(got["attendance_rate"], Value::Null);
    assert_eq!(got["attendance_hours_mean"], 0.0);
    assert_eq!(got["satisfaction_mean"], Value::Null);

    let output = registro()
        .args(["report", "--module", "M99", "--db"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("M99"));
}

#[test]
fn two_registers_add_up_with_each_person_once() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let b = handmade::province_b(dir.path());
    let got = json_report(&[&a, &b], &[]);
    assert_figures(
        &got,
        json!({
            "modules": 5,
            "sessions": 6,
            "hours_delivered": 21.0,
            "modules_by_location": {"Cremona": 2, "Crema": 1, "Casalmaggiore": 1, "Lodi": 1},
            "modules_by_axis": {"I": 1, "II": 1, "III": 1, "IV": 1, "V": 1},
            "applications": 15,
            "rejected": 2,
            "accepted": 11,
            "withdrawn": 2,
            "waitlisted": 1,
            "pending": 1,
            "participants": 9,
            "persons": 5,
            "persons_multi_module": 2,
            "participants_by_gender": {"F": 6, "M": 2, "X": 1},
            "participants_by_organisation_type": {"Comune": 6, "ASL": 2, "Associazione": 1},
            "satisfaction_responses": 6,
            "certificates": 5,
        }),
        &[
            ("attendance_rate", Some(137.0 / 192.0)),
            ("attendance_hours_mean", Some(31.75 / 9.0)),
            ("satisfaction_mean", Some(23.0 / 6.0)),
        ],
    );

    // `--db` before and after the subcommand: both registers still.
    let mut command = registro();
    command
        .arg("--db")
        .arg(&a)
        .args(["report", "--format", "json", "--db"])
        .arg(&b);
    let mixed: Value = serde_json::from_str(&stdout_of(&mut command)).unwrap();
    assert_eq!(mixed, got);

    // Registers are only read.
    let before = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    json_report(&[&a, &b], &[]);
    assert_eq!(
        (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()),
        before
    );
}

#[test]
fn an_empty_register_gives_zeros_and_nulls() {
    let dir = tempdir().unwrap();
    let empty = handmade::empty(dir.path());
    let got = json_report(&[&empty], &[]);
    assert_figures(
        &got,
        json!({
            "modules": 0,
            "sessions": 0,
            "hours_delivered": 0.0,
            "modules_by_location": {},
            "modules_by_axis": {},
            "applications": 0,
            "rejected": 0,
            "accepted": 0,
            "withdrawn": 0,
            "waitlisted": 0,
            "pending": 0,
            "participants": 0,
            "persons": 0,
            "persons_multi_module": 0,
            "participants_by_gender": {"F": 0, "M": 0, "X": 0},
            "participants_by_organisation_type": {},
            "satisfaction_responses": 0,
            "certificates": 0,
        }),
        &[
            ("attendance_rate", None),
            ("attendance_hours_mean", None),
            ("satisfaction_mean", None),
        ],
    );
    for format in ["text", "csv"] {
        registro()
            .args(["report", "--format", format, "--db"])
            .arg(&empty)
            .assert()
            .success();
    }
}

#[test]
fn the_text_report_reads_like_the_funders_one() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let text = stdout_of(registro().args(["report", "--db"]).arg(&a));
    let line = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("  {label}")))
            .unwrap_or_else(|| panic!("no {label:?} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("Accepted and taking part"),
        "Accepted and taking part 7 58.3%"
    );
    assert_eq!(line("Rejected"), "Rejected 1 8.3%");
    assert_eq!(line("Withdrawn"), "Withdrawn 2 16.7%");
    assert_eq!(line("Women"), "Women 4 57.1%");
    assert_eq!(line("Men"), "Men 2 28.6%");
    assert_eq!(line("Hours delivered"), "Hours delivered 17");
    assert_eq!(line("Cremona"), "Cremona 2 50.0%");
    assert_eq!(line("Casalmaggiore"), "Casalmaggiore 1 25.0%");
    assert_eq!(line("Axis II: Lavoro"), "Axis II: Lavoro 1 25.0%");
    assert_eq!(line("Attendance"), "Attendance 70.1%");
    assert_eq!(line("Mean hours attended"), "Mean hours attended 3.7");
    assert_eq!(line("Satisfaction"), "Satisfaction (1-5) 3.60");
    assert_eq!(line("Ratings given"), "Ratings given 5 71.4%");
    assert_eq!(line("Certificates"), "Certificates 4 57.1%");

    let italian = stdout_of(
        registro()
            .env("LANG", "it_IT.UTF-8")
            .args(["report", "--db"])
            .arg(&a),
    );
    assert!(italian.contains("Accettate e frequentanti"), "{italian}");
    assert!(italian.contains("58,3%"), "{italian}");
    assert!(italian.contains("Gradimento"), "{italian}");
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = vec![header];
    rows.extend(
        reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect()),
    );
    rows
}

#[test]
fn the_csv_has_a_row_per_module_and_per_register() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let b = handmade::province_b(dir.path());
    let text = stdout_of(
        registro()
            .args(["report", "--format", "csv", "--db"])
            .arg(&a),
    );
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 1 + 4, "{text}");
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let modules: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[column("module")].as_str())
        .collect();
    assert_eq!(modules, ["M01", "M02", "M03", "M04"]);
    // M02: e2 300 and e6 225 of 360 minutes.
    assert_eq!(rows[2][column("participants")], "2");
    let rate: f64 = rows[2][column("attendance_rate")].parse().unwrap();
    assert!(
        (rate - (300.0 / 360.0 + 0.625) / 2.0).abs() < 1e-12,
        "{rate}"
    );
    // M04: nothing to average is an empty cell.
    assert_eq!(rows[4][column("attendance_rate")], "");

    let mut command = registro();
    command
        .args(["report", "--format", "csv", "--db"])
        .arg(&a)
        .arg("--db")
        .arg(&b);
    let rows = csv_rows(&stdout_of(&mut command));
    // A's four modules and A, then B's module and B.
    assert_eq!(rows.len(), 1 + 5 + 2);
    let module = rows[0].iter().position(|h| h == "module").unwrap();
    let persons = rows[0].iter().position(|h| h == "persons").unwrap();
    assert_eq!(rows[5][module], "");
    assert_eq!(rows[5][persons], "4");
    assert_eq!(rows[6][module], "N01");
    assert_eq!(rows[7][module], "");
    assert_eq!(rows[7][persons], "2");
}

#[test]
fn certificates_list_who_reached_the_threshold() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let json: Value = serde_json::from_str(&stdout_of(
        registro()
            .args(["export", "certificates", "--format", "json", "--db"])
            .arg(&a),
    ))
    .unwrap();
    let list: Vec<(String, String, f64, f64, f64)> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["surname"].as_str().unwrap().to_string(),
                c["module"].as_str().unwrap().to_string(),
                c["hours_attended"].as_f64().unwrap(),
                c["hours_delivered"].as_f64().unwrap(),
                c["percentage"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        list,
        vec![
            ("Bianchi".into(), "M01".into(), 6.0, 8.0, 75.0),
            ("Rossi".into(), "M01".into(), 8.0, 8.0, 100.0),
            ("Rossi".into(), "M02".into(), 5.0, 6.0, 83.33),
            ("Rossi".into(), "M03".into(), 3.0, 3.0, 100.0),
        ]
    );
    assert_eq!(json["rows"][0]["tax_code"], "BNCBRN75B02D150Y");

    // One module, as CSV, to a file.
    let file = dir.path().join("attestati.csv");
    let output = registro()
        .args(["export", "certificates", "--module", "M02", "-o"])
        .arg(&file)
        .arg("--db")
        .arg(&a)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows = csv_rows(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(
        rows,
        vec![
            vec![
                "surname",
                "given_name",
                "tax_code",
                "module",
                "title",
                "hours_attended",
                "hours_delivered",
                "percentage"
            ],
            vec![
                "Rossi",
                "Anna",
                "RSSNNA80A41D150X",
                "M02",
                "Lavoro",
                "5",
                "6",
                "83.33"
            ],
        ]
    );

    // A higher threshold from the settings: fewer certificates.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "attendance_threshold = 0.9\n").unwrap();
    let json: Value = serde_json::from_str(&stdout_of(
        registro()
            .arg("--config")
            .arg(&config)
            .args(["export", "certificates", "--format", "json", "--db"])
            .arg(&a),
    ))
    .unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 2);
}

#[test]
fn exported_cells_never_run_as_formulas() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let conn = rusqlite::Connection::open(&a).unwrap();
    conn.execute_batch(
        "UPDATE person SET surname = '=HYPERLINK(\"http://x\")', given_name = '@SUM(A1)' WHERE id = 2;
         UPDATE module SET title = '+39 lavoro', location = '-Crema' WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    let text = stdout_of(registro().args(["export", "certificates", "--db"]).arg(&a));
    let rows = csv_rows(&text);
    assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(rows[1][1], "'@SUM(A1)");
    assert_eq!(rows[1][4], "'+39 lavoro");
    let text = stdout_of(
        registro()
            .args(["report", "--format", "csv", "--db"])
            .arg(&a),
    );
    let rows = csv_rows(&text);
    assert_eq!(rows[1][2], "'+39 lavoro");
    assert_eq!(rows[1][3], "'-Crema");
}

#[test]
fn the_export_never_overwrites_the_register_and_lists_only_real_kinds() {
    let dir = tempdir().unwrap();
    let a = handmade::province_a(dir.path());
    let before = std::fs::read(&a).unwrap();
    let output = registro()
        .args(["export", "certificates", "-o"])
        .arg(&a)
        .arg("--db")
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(&a).unwrap(), before);

    let help = stdout_of(registro().args(["export", "--help"]));
    assert!(help.contains("certificates"), "{help}");
    registro().args(["export", "timetable"]).assert().code(2);
    // Only the report reads several registers.
    registro()
        .args(["export", "certificates", "--db"])
        .arg(&a)
        .arg("--db")
        .arg(&a)
        .assert()
        .code(2);
}
