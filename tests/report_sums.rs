//! Property: in `report --format csv`, the rows of the modules add up to
//! the register's figures, for every count that adds up (and the means,
//! weighted by what they are means of). And one module's participations
//! (its certificates), read by a plan of their own, are the register's
//! of that module.

mod handmade;

use jiff::civil::date;
use proptest::prelude::*;
use registro::report::{Report, csv::to_csv};
use registro::store::{Access, DEFAULT_AXES, Store};
use tempfile::tempdir;

const STATUSES: &[&str] = &[
    "requested",
    "accepted",
    "rejected",
    "waitlisted",
    "withdrawn",
];
const GENDERS: &[&str] = &["F", "M", "X"];
const TOWNS: &[&str] = &["Cremona", "Crema", "Casalmaggiore"];

/// A session: held (else planned), cancelled, length in quarter hours.
type SessionShape = (bool, bool, i64);

#[derive(Debug, Clone)]
struct Shape {
    /// Per module: its axis (0..5), town, and sessions (held?, quarter hours).
    modules: Vec<(usize, usize, Vec<SessionShape>)>,
    /// Per person: gender, whether a tax code.
    persons: Vec<(usize, bool)>,
    /// Per enrolment: person, module, status, share of each session
    /// attended (0..=4 quarters of it), rating.
    enrolments: Vec<(usize, usize, usize, usize, Option<i64>)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec(
            (
                0usize..5,
                0usize..3,
                prop::collection::vec((any::<bool>(), prop::bool::weighted(0.1), 1i64..17), 0..4),
            ),
            1..5,
        ),
        prop::collection::vec((0usize..3, any::<bool>()), 1..8),
        prop::collection::vec(
            (
                0usize..8,
                0usize..5,
                0usize..5,
                0usize..5,
                prop::option::of(1i64..6),
            ),
            0..25,
        ),
    )
        .prop_map(|(modules, persons, enrolments)| Shape {
            modules,
            persons,
            enrolments,
        })
}

fn build(path: &std::path::Path, shape: &Shape, tax_prefix: &str) {
    let store = Store::create(path, &handmade::actor(), DEFAULT_AXES).unwrap();
    store
        .write(|tx| {
            for (m, (axis, town, sessions)) in shape.modules.iter().enumerate() {
                tx.execute(
                    "INSERT INTO module(id, code, title, axis_id, location, planned_minutes, capacity)
                     VALUES (?1, ?2, 'T', ?3, ?4, 960, 30)",
                    rusqlite::params![m as i64 + 1, format!("M{m:02}"), *axis as i64 + 1, TOWNS[*town]],
                )?;
                for (s, (held, cancelled, quarters)) in sessions.iter().enumerate() {
                    let day = if *held { "2013-03-01" } else { "2099-03-01" };
                    tx.execute(
                        "INSERT INTO session(id, module_id, date, start_minute, end_minute, cancelled)
                         VALUES (?1, ?2, ?3, 540, ?4, ?5)",
                        rusqlite::params![
                            (m * 10 + s) as i64 + 1,
                            m as i64 + 1,
                            day,
                            540 + quarters * 15,
                            *cancelled as i64
                        ],
                    )?;
                }
            }
            for (p, (gender, tax)) in shape.persons.iter().enumerate() {
                let code = tax.then(|| format!("{tax_prefix}{p:04}"));
                tx.execute(
                    "INSERT INTO person(id, surname, given_name, gender, tax_code, organisation_type)
                     VALUES (?1, 'S', 'N', ?2, ?3, 'Comune')",
                    rusqlite::params![p as i64 + 1, GENDERS[*gender], code],
                )?;
            }
            let mut seen = std::collections::BTreeSet::new();
            for (e, (person, module, status, quarters, rating)) in shape.enrolments.iter().enumerate() {
                let person = person % shape.persons.len();
                let module = module % shape.modules.len();
                if !seen.insert((person, module)) {
                    continue;
                }
                let id = e as i64 + 1;
                tx.execute(
                    "INSERT INTO enrolment(id, person_id, module_id, received_on, status)
                     VALUES (?1, ?2, ?3, '2013-01-01', ?4)",
                    rusqlite::params![id, person as i64 + 1, module as i64 + 1, STATUSES[*status]],
                )?;
                for (s, (_, _, length)) in shape.modules[module].2.iter().enumerate() {
                    // Attended: a share of the session, in quarter hours.
                    let minutes = length * (*quarters as i64).min(4) / 4 * 15;
                    tx.execute(
                        "INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, 'present', '2013-03-01T12:00:00Z', 't')",
                        rusqlite::params![id, (module * 10 + s) as i64 + 1, minutes],
                    )?;
                }
                if let Some(score) = rating {
                    tx.execute(
                        "INSERT INTO rating(enrolment_id, score) VALUES (?1, ?2)",
                        rusqlite::params![id, score],
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
}

const ADDITIVE: &[&str] = &[
    "modules",
    "sessions",
    "hours_delivered",
    "applications",
    "rejected",
    "accepted",
    "withdrawn",
    "waitlisted",
    "pending",
    "participants",
    "participants_f",
    "participants_m",
    "participants_x",
    "satisfaction_responses",
    "certificates",
];

type Row = std::collections::BTreeMap<String, String>;

fn rows(report: &Report) -> Vec<Row> {
    let bytes = to_csv(report).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn number(row: &Row, key: &str) -> f64 {
    let cell = &row[key];
    if cell.is_empty() {
        0.0
    } else {
        cell.parse().unwrap()
    }
}

/// Checks that `parts` add up to `whole`.
fn adds_up(parts: &[&Row], whole: &Row) -> Result<(), TestCaseError> {
    for key in ADDITIVE {
        let sum: f64 = parts.iter().map(|r| number(r, key)).sum();
        prop_assert!(
            (sum - number(whole, key)).abs() < 1e-9,
            "{key}: {sum} vs {}",
            whole[*key]
        );
    }
    // Means, weighted by what they average.
    let weighted = |mean: &str, weight: &str| -> f64 {
        parts
            .iter()
            .map(|r| number(r, mean) * number(r, weight))
            .sum()
    };
    let hours = weighted("attendance_hours_mean", "participants");
    prop_assert!(
        (hours - number(whole, "attendance_hours_mean") * number(whole, "participants")).abs()
            < 1e-9
    );
    let scores = weighted("satisfaction_mean", "satisfaction_responses");
    prop_assert!(
        (scores - number(whole, "satisfaction_mean") * number(whole, "satisfaction_responses"))
            .abs()
            < 1e-9
    );
    // People: no more than the modules' own, no fewer than the largest.
    let persons: Vec<f64> = parts.iter().map(|r| number(r, "persons")).collect();
    prop_assert!(number(whole, "persons") <= persons.iter().sum::<f64>());
    prop_assert!(number(whole, "persons") >= persons.iter().cloned().fold(0.0, f64::max));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn module_rows_add_up_to_the_registers(a in shape(), b in shape()) {
        let dir = tempdir().unwrap();
        let (path_a, path_b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        build(&path_a, &a, "A");
        // B shares half its tax codes with A: those people are counted once.
        build(&path_b, &b, if b.persons.len() % 2 == 0 { "A" } else { "B" });
        let today = date(2026, 11, 26);

        // One register: its module rows against its JSON figures.
        let one = Report::gather(std::slice::from_ref(&path_a), "admin", today, 0.75).unwrap();
        let figures = serde_json::to_value(one.total().figures()).unwrap();
        let mut whole = Row::new();
        for key in ADDITIVE.iter().chain(&["persons", "attendance_hours_mean", "satisfaction_mean"]) {
            let value = match *key {
                "participants_f" => figures["participants_by_gender"]["F"].to_string(),
                "participants_m" => figures["participants_by_gender"]["M"].to_string(),
                "participants_x" => figures["participants_by_gender"]["X"].to_string(),
                key if figures[key].is_null() => String::new(),
                key => figures[key].to_string(),
            };
            whole.insert(key.to_string(), value);
        }
        let module_rows = rows(&one);
        prop_assert_eq!(module_rows.len(), a.modules.len());
        adds_up(&module_rows.iter().collect::<Vec<_>>(), &whole)?;

        // Two registers: each register's row is the sum of its modules'.
        let both = Report::gather(&[path_a, path_b], "admin", today, 0.75).unwrap();
        let all = rows(&both);
        prop_assert_eq!(all.len(), a.modules.len() + b.modules.len() + 2);
        let (rows_a, rows_b) = all.split_at(a.modules.len() + 1);
        let parts_a: Vec<&Row> = rows_a[..rows_a.len() - 1].iter().collect();
        adds_up(&parts_a, &rows_a[rows_a.len() - 1])?;
        let parts_b: Vec<&Row> = rows_b[..rows_b.len() - 1].iter().collect();
        adds_up(&parts_b, &rows_b[rows_b.len() - 1])?;
        // And the registers' rows add up to the figures of both together.
        let total = both.total().figures();
        let participants = number(&rows_a[rows_a.len() - 1], "participants")
            + number(&rows_b[rows_b.len() - 1], "participants");
        prop_assert_eq!(participants as i64, total.participants);
        let persons = number(&rows_a[rows_a.len() - 1], "persons")
            + number(&rows_b[rows_b.len() - 1], "persons");
        prop_assert!(total.persons as f64 <= persons);
    }

    #[test]
    fn one_modules_participations_are_the_registers_of_that_module(a in shape()) {
        let dir = tempdir().unwrap();
        let path = dir.path().join("a.db");
        build(&path, &a, "A");
        let store = Store::open(&path, Access::ReadOnly).unwrap();
        let today = date(2026, 11, 26);
        let reach = store.reach("admin").unwrap();
        let all = store.participations(&reach, None, today).unwrap();
        for module in 1..=a.modules.len() as i64 {
            let expected: Vec<_> = all.iter().filter(|p| p.module_id == module).cloned().collect();
            prop_assert_eq!(store.participations(&reach, Some(module), today).unwrap(), expected);
        }
    }
}
