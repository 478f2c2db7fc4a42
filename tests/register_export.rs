//! The paper register (`registro export register`) counts as the report
//! and the certificates do: sessions held only (no future, no cancelled
//! ones), each mark capped at its session's length, the same totals and
//! percentages.

mod command;
use command::registro;

use std::path::{Path, PathBuf};

use registro::context::{Actor, Clock};
use registro::store::{Access, DEFAULT_AXES, Store};

fn today() -> jiff::civil::Date {
    Clock::System.today()
}

/// One module: two sessions held (4 h, and one shortened to 2 h), one
/// cancelled, one in the future. Anna attended everything, her 4 hours
/// of the shortened session typed as they were planned; Bruno the first
/// session, and is marked for the future one; Carla nothing.
fn register(folder: &Path) -> PathBuf {
    let path = folder.join("r.db");
    let actor = Actor::new("admin", Clock::at_noon(today()));
    let store = Store::create(&path, &actor, DEFAULT_AXES).unwrap();
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
                     VALUES ('M01', 'Accoglienza', 1, 'Cremona', 960, 30);
                 INSERT INTO session(module_id, date, start_minute, end_minute, cancelled) VALUES
                     (1, '2020-03-02', 540, 780, 0),
                     (1, '2020-03-09', 540, 660, 0),
                     (1, '2020-03-16', 540, 780, 1),
                     (1, '2099-03-23', 540, 780, 0);
                 INSERT INTO person(surname, given_name, gender, tax_code) VALUES
                     ('Rossi', 'Anna', 'F', NULL), ('Verdi', 'Bruno', 'M', NULL), ('Bianchi', 'Carla', 'F', NULL);
                 INSERT INTO enrolment(person_id, module_id, received_on, status) VALUES
                     (1, 1, '2020-01-01', 'accepted'), (2, 1, '2020-01-01', 'accepted'),
                     (3, 1, '2020-01-01', 'accepted');
                 INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by) VALUES
                     (1, 1, 240, 'present', '2020-03-02T13:00:00Z', 'admin'),
                     (1, 2, 240, 'present', '2020-03-09T13:00:00Z', 'admin'),
                     (1, 3, 240, 'present', '2020-03-16T13:00:00Z', 'admin'),
                     (2, 1, 240, 'present', '2020-03-02T13:00:00Z', 'admin'),
                     (2, 4, 240, 'present', '2020-03-02T13:00:00Z', 'admin');",
            )?;
            Ok(())
        })
        .unwrap();
    path
}

fn csv_of(db: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let output = registro()
        .args(["--user", "admin", "--db"])
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&output.stdout[..]);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn the_paper_register_equals_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = register(dir.path());
    let sheet = csv_of(&db, &["register", "--module", "M01", "--format", "csv"]);
    let header = &sheet[0];
    // The sessions held only: not the cancelled one, not the future one.
    assert_eq!(
        header,
        &[
            "surname",
            "given_name",
            "tax_code",
            "2020-03-02 09:00",
            "2020-03-09 09:00",
            "total_hours",
            "percentage"
        ]
    );
    let store = Store::open(&db, Access::ReadOnly).unwrap();
    let participations = store
        .participations(&store.reach("admin").unwrap(), Some(1), today())
        .unwrap();
    assert_eq!(participations.len(), 3);
    for row in &sheet[1..] {
        let p = participations
            .iter()
            .find(|p| p.surname == row[0])
            .unwrap_or_else(|| panic!("{row:?} is not in the report"));
        let total = &row[row.len() - 2];
        let percentage: f64 = row[row.len() - 1].parse().unwrap();
        assert_eq!(
            total,
            &registro::domain::format_hours(p.attended_minutes),
            "{row:?}"
        );
        let expected = 100.0 * p.rate().unwrap();
        assert!(
            (percentage - expected).abs() < 0.05,
            "{row:?}: report {expected}"
        );
    }
    // Anna: 4 h + 2 h (her 4 typed for a 2-hour session), 100%, not 133.3%.
    let anna = sheet.iter().find(|r| r[0] == "Rossi").unwrap();
    assert_eq!(anna[3..], ["4", "2", "6", "100"]);
    let bruno = sheet.iter().find(|r| r[0] == "Verdi").unwrap();
    assert_eq!(bruno[3..], ["4", "", "4", "66.7"]);
    let carla = sheet.iter().find(|r| r[0] == "Bianchi").unwrap();
    assert_eq!(carla[3..], ["", "", "0", "0"]);
}

#[test]
fn the_certificates_agree_with_the_paper_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = register(dir.path());
    let sheet = csv_of(&db, &["register", "--module", "M01", "--format", "csv"]);
    let certificates = csv_of(&db, &["certificates", "--module", "M01", "--format", "csv"]);
    // Only Anna reaches 75%; her hours and percentage are the paper's.
    assert_eq!(certificates.len(), 2, "{certificates:?}");
    let anna = &certificates[1];
    assert_eq!(anna[0], "Rossi");
    assert_eq!(anna[5], "6");
    assert_eq!(anna[6], "6");
    assert_eq!(anna[7], "100");
    let paper = sheet.iter().find(|r| r[0] == "Rossi").unwrap();
    assert_eq!(paper[paper.len() - 2], anna[5]);
}
