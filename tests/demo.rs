//! The demo register: shaped like the real programme, consistent, and the
//! same every time for the same day.

use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use registro::context::{Actor, Clock};
use registro::demo::{self, DemoSummary};
use registro::domain::{Gender, Mark, Status};
use registro::store::{DEFAULT_AXES, Store};
use registro::taxcode;
use rusqlite::Connection;

const TODAY: Date = date(2026, 11, 26);

fn make(today: Date) -> (tempfile::TempDir, PathBuf, DemoSummary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.registro");
    let actor = Actor::new("admin", Clock::at_noon(today));
    let mut store = Store::create(&path, &actor, DEFAULT_AXES).unwrap();
    let summary = demo::populate(&mut store, &actor, today).unwrap();
    drop(store);
    (dir, path, summary)
}

fn open(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn float(conn: &Connection, sql: &str) -> f64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

#[test]
fn counts_look_like_the_real_programme() {
    let (_dir, path, summary) = make(TODAY);
    println!("{summary:#?}");
    assert_eq!(summary.modules, 12);
    assert!((40..=50).contains(&summary.sessions), "{summary:?}");
    assert!((420..=460).contains(&summary.enrolments), "{summary:?}");
    assert!((290..=330).contains(&summary.participations), "{summary:?}");
    assert!(
        (230..=260).contains(&summary.participating_persons),
        "{summary:?}"
    );
    assert!(
        (45..=60).contains(&summary.persons_multi_module),
        "{summary:?}"
    );
    assert!(summary.persons >= summary.participating_persons);
    assert!((8..=15).contains(&summary.notes), "{summary:?}");
    assert!(summary.attendance_rows > 800, "{summary:?}");

    let conn = open(&path);
    for status in Status::ALL {
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM enrolment WHERE status = ?1",
                [status.as_str()],
                |row| row.get(0),
            )
            .unwrap();
        println!("{status}: {n}");
        assert!(n > 0, "no enrolment is {status}");
    }
    let rejected = count(
        &conn,
        "SELECT COUNT(*) FROM enrolment WHERE status = 'rejected'",
    );
    let withdrawn = count(
        &conn,
        "SELECT COUNT(*) FROM enrolment WHERE status = 'withdrawn'",
    );
    assert!((70..=100).contains(&rejected), "{rejected}");
    assert!((30..=50).contains(&withdrawn), "{withdrawn}");

    // Rejections and withdrawals carry a reason; nothing else does.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM enrolment WHERE (status IN ('rejected', 'withdrawn')) <> (reason IS NOT NULL)"
        ),
        0
    );

    // 86% women among the participations.
    let women = float(
        &conn,
        "SELECT AVG(p.gender = 'F') FROM enrolment e JOIN person p ON p.id = e.person_id
         WHERE e.status = 'accepted'",
    );
    println!("women: {women:.3}");
    assert!((0.80..=0.92).contains(&women), "{women}");
}

#[test]
fn modules_are_in_three_towns_and_five_axes() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let towns: Vec<(String, i64)> = conn
        .prepare("SELECT location, COUNT(*) FROM module GROUP BY location ORDER BY location")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        towns,
        vec![
            ("Casalmaggiore".to_string(), 3),
            ("Crema".to_string(), 2),
            ("Cremona".to_string(), 7)
        ]
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(DISTINCT axis_id) FROM module"),
        5
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM module WHERE planned_minutes = 960"
        ),
        12
    );
    // Every module's sessions add up to its 16 hours, 3 or 4 of them.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM (SELECT module_id, SUM(end_minute - start_minute) AS m, COUNT(*) AS n
             FROM session GROUP BY module_id) WHERE m = 960 AND n BETWEEN 3 AND 4"
        ),
        12
    );
    // Some titles run as several editions.
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM (SELECT title FROM module GROUP BY title HAVING COUNT(*) > 1)"
        ) >= 2
    );
    // Capacity is between 25 and 35 and never exceeded by participations.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM module m WHERE capacity NOT BETWEEN 25 AND 35
             OR (SELECT COUNT(*) FROM enrolment e WHERE e.module_id = m.id AND e.status = 'accepted') > capacity"
        ),
        0
    );
    // Module dates are those of its sessions.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM module m WHERE starts_on <> (SELECT MIN(date) FROM session s WHERE s.module_id = m.id)
             OR ends_on <> (SELECT MAX(date) FROM session s WHERE s.module_id = m.id)"
        ),
        0
    );
}

#[test]
fn sessions_are_on_weekdays_around_today() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let dates: Vec<String> = conn
        .prepare("SELECT date FROM session")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let today = TODAY.to_string();
    for text in &dates {
        let day: Date = text.parse().unwrap();
        assert!(
            !matches!(
                day.weekday(),
                jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
            ),
            "{text}"
        );
    }
    // No course on a public holiday.
    for holiday in [
        "-12-08", "-12-24", "-12-25", "-12-26", "-12-31", "-01-01", "-01-06",
    ] {
        assert!(!dates.iter().any(|d| d.ends_with(holiday)), "{holiday}");
    }
    let on_today = dates.iter().filter(|d| **d == today).count();
    let future = dates.iter().filter(|d| **d > today).count();
    let past = dates.iter().filter(|d| **d < today).count();
    println!("past {past}, today {on_today}, future {future}");
    assert_eq!(on_today, 2);
    assert!(future >= 6);
    assert!(past > future);
    // Most modules are finished.
    let finished = count(
        &conn,
        &format!("SELECT COUNT(*) FROM module WHERE ends_on < '{today}'"),
    );
    assert!(finished >= 7, "{finished}");
    // Past sessions are closed, all but a couple.
    let open_past = count(
        &conn,
        &format!("SELECT COUNT(*) FROM session WHERE date < '{today}' AND closed_at IS NULL"),
    );
    assert!((1..=3).contains(&open_past), "{open_past}");
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM session WHERE date >= '{today}' AND closed_at IS NOT NULL"
            )
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM session WHERE (closed_at IS NULL) <> (closed_by IS NULL)"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM session WHERE trainer IS NULL OR topic IS NULL OR venue IS NULL"
        ),
        0
    );
}

#[test]
fn tax_codes_validate_and_agree_with_the_person() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let rows: Vec<(String, String, String)> = conn
        .prepare("SELECT tax_code, gender, email FROM person")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut foreign = 0;
    for (code, gender, email) in &rows {
        let parsed = taxcode::validate(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(parsed.gender, Gender::parse(gender).unwrap(), "{code}");
        assert!((55..=95).contains(&parsed.birth_year_two_digits), "{code}");
        if parsed.place_code.starts_with('Z') {
            foreign += 1;
        }
        assert!(
            email.ends_with("@example.it") && email.is_ascii(),
            "{email}"
        );
    }
    assert!(foreign > 10, "{foreign}");
    assert_eq!(
        count(&conn, "SELECT COUNT(DISTINCT tax_code) FROM person"),
        rows.len() as i64
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(DISTINCT email) FROM person"),
        rows.len() as i64
    );
    // Every kind of organisation is there.
    assert!(
        count(
            &conn,
            "SELECT COUNT(DISTINCT organisation_type) FROM person"
        ) >= 12
    );
}

/// One row of an enrolment's history: from, to, reason, at, by.
type Step = (Option<String>, String, Option<String>, String, String);

#[test]
fn enrolment_history_tells_how_each_status_came_about() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let enrolments: Vec<(i64, String, String, String)> = conn
        .prepare(
            "SELECT e.id, e.status, e.received_on, m.starts_on FROM enrolment e
             JOIN module m ON m.id = e.module_id",
        )
        .unwrap()
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut history = conn
        .prepare(
            "SELECT from_status, to_status, reason, at, by_user FROM enrolment_history
             WHERE enrolment_id = ?1 ORDER BY at, id",
        )
        .unwrap();
    let today = TODAY.to_string();
    for (id, status, received_on, starts_on) in enrolments {
        let steps: Vec<Step> = history
            .query_map([id], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let (first_from, first_to, _, first_at, _) = &steps[0];
        assert_eq!(first_from, &None, "{id}");
        assert_eq!(first_to, "requested", "{id}");
        assert!(first_at.starts_with(&received_on), "{id}");
        for pair in steps.windows(2) {
            let from = Status::parse(pair[1].0.as_deref().unwrap()).unwrap();
            let to = Status::parse(&pair[1].1).unwrap();
            assert_eq!(pair[0].1, from.as_str(), "{id}");
            assert!(from.can_become(to), "{id}: {from} -> {to}");
            assert!(pair[0].3 < pair[1].3, "{id}: times go forward");
            assert_eq!(to.needs_reason(), pair[1].2.is_some(), "{id}");
        }
        assert_eq!(steps.last().unwrap().1, status, "{id}");
        for (_, _, _, at, by) in &steps {
            assert_eq!(by, "coordinatrice");
            // Decided before the module starts, and never in the future.
            assert!(at[..10] < *starts_on, "{id}: {at} vs {starts_on}");
            assert!(at[..10] <= *today, "{id}: {at}");
        }
    }
    // Pending and waitlisted requests are for modules still to start.
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM enrolment e JOIN module m ON m.id = e.module_id
                 WHERE e.status IN ('requested', 'waitlisted') AND m.starts_on <= '{today}'"
            )
        ),
        0
    );
}

#[test]
fn attendance_is_in_quarter_hours_and_consistent_with_marks() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let rows: Vec<(i64, String, i64, String)> = conn
        .prepare(
            "SELECT a.minutes, a.mark, s.end_minute - s.start_minute, e.status
             FROM attendance a JOIN session s ON s.id = a.session_id
             JOIN enrolment e ON e.id = a.enrolment_id",
        )
        .unwrap()
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut marks = std::collections::BTreeMap::new();
    for (minutes, mark, length, status) in &rows {
        assert_eq!(status, "accepted");
        assert_eq!(minutes % 15, 0);
        assert!((0..=*length).contains(minutes));
        let mark = Mark::parse(mark).unwrap();
        *marks.entry(mark.as_str()).or_insert(0) += 1;
        match mark {
            Mark::Present => assert_eq!(minutes, length),
            Mark::Absent | Mark::Excused => assert_eq!(*minutes, 0),
            Mark::Late | Mark::LeftEarly => assert!(*minutes > 0 && minutes < length),
        }
    }
    println!("marks: {marks:?}");
    assert_eq!(marks.len(), 5, "every mark is used");

    let today = TODAY.to_string();
    // Every participation has a row for every past session of its module.
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM enrolment e JOIN session s ON s.module_id = e.module_id
                 WHERE e.status = 'accepted' AND s.date < '{today}'
                 AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.enrolment_id = e.id AND a.session_id = s.id)"
            )
        ),
        0
    );
    // Nothing in the future; today's morning session partly marked.
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.session_id WHERE s.date > '{today}'"
            )
        ),
        0
    );
    let today_marked = count(
        &conn,
        &format!(
            "SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.session_id WHERE s.date = '{today}'"
        ),
    );
    let today_roster = count(
        &conn,
        &format!(
            "SELECT COUNT(*) FROM enrolment e JOIN session s ON s.module_id = e.module_id
             WHERE e.status = 'accepted' AND s.date = '{today}'"
        ),
    );
    println!("today: {today_marked} of {today_roster} marked");
    assert!(today_marked > 0 && today_marked < today_roster);
    // The tutor of the module keeps its attendance.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.session_id
             WHERE NOT EXISTS (SELECT 1 FROM user_module um JOIN app_user u ON u.id = um.user_id
                               WHERE um.module_id = s.module_id AND u.login = a.updated_by)"
        ),
        0
    );

    // About three quarters of the hours held, over participations.
    let mean = float(
        &conn,
        &format!(
            "SELECT AVG(ratio) FROM (
               SELECT CAST(SUM(a.minutes) AS REAL) / SUM(s.end_minute - s.start_minute) AS ratio
               FROM enrolment e JOIN session s ON s.module_id = e.module_id AND s.date < '{today}'
               JOIN attendance a ON a.enrolment_id = e.id AND a.session_id = s.id
               WHERE e.status = 'accepted' GROUP BY e.id)"
        ),
    );
    println!("mean attendance ratio: {mean:.3}");
    assert!((0.65..=0.85).contains(&mean), "{mean}");
}

#[test]
fn ratings_notes_and_users() {
    let (_dir, path, summary) = make(TODAY);
    let conn = open(&path);
    let today = TODAY.to_string();
    let mean = float(&conn, "SELECT AVG(score) FROM rating");
    println!("ratings: {} mean {mean:.2}", summary.ratings);
    assert!((3.0..=4.0).contains(&mean), "{mean}");
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM rating WHERE comment IS NOT NULL"
        ) > 10
    );
    // Ratings only for participations of finished modules, most of them.
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM rating r JOIN enrolment e ON e.id = r.enrolment_id
                 JOIN module m ON m.id = e.module_id
                 WHERE e.status <> 'accepted' OR m.ends_on >= '{today}'"
            )
        ),
        0
    );
    let finished_participations = count(
        &conn,
        &format!(
            "SELECT COUNT(*) FROM enrolment e JOIN module m ON m.id = e.module_id
             WHERE e.status = 'accepted' AND m.ends_on < '{today}'"
        ),
    );
    assert!(summary.ratings as i64 * 10 > finished_participations * 7);

    let users: Vec<(String, String, String)> = conn
        .prepare("SELECT login, display_name, role FROM app_user ORDER BY id")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expect = |login: &str, name: &str, role: &str| {
        (login.to_string(), name.to_string(), role.to_string())
    };
    assert_eq!(
        users,
        vec![
            expect("admin", "admin", "admin"),
            expect("coordinatrice", "Laura Bianchi", "coordinator"),
            expect("tutor.rossi", "Marco Rossi", "tutor"),
            expect("tutor.ferri", "Giulia Ferri", "tutor"),
        ]
    );
    for tutor in ["tutor.rossi", "tutor.ferri"] {
        let modules: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM user_module um JOIN app_user u ON u.id = um.user_id WHERE u.login = ?1",
                [tutor],
                |row| row.get(0),
            )
            .unwrap();
        assert!((5..=7).contains(&modules), "{tutor}: {modules}");
    }

    // Notes by the tutors, about people, sessions and modules.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note WHERE author NOT IN ('tutor.rossi', 'tutor.ferri')"
        ),
        0
    );
    for column in ["person_id", "session_id", "module_id"] {
        assert!(
            count(
                &conn,
                &format!("SELECT COUNT(*) FROM note_subject WHERE {column} IS NOT NULL")
            ) > 0,
            "{column}"
        );
    }
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note n WHERE NOT EXISTS (SELECT 1 FROM note_subject s WHERE s.note_id = n.id)"
        ),
        0
    );
    for follow_up in ["= 'open'", "= 'done'", "IS NULL"] {
        assert!(
            count(
                &conn,
                &format!("SELECT COUNT(*) FROM note WHERE follow_up {follow_up}")
            ) > 0,
            "{follow_up}"
        );
    }
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note WHERE body LIKE '%' || char(10) || '%'"
        ) > 0
    );
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note WHERE body LIKE '%perché%'"
        ) > 0
    );
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note WHERE body LIKE '%difficoltà%'"
        ) > 0
    );
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM note WHERE created_at > '{today}T23:59:59Z' OR updated_at < created_at"
            )
        ),
        0
    );
    // Accent-folded word search finds them.
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM note_text WHERE note_text MATCH 'perche'"
        ) > 0
    );

    // One audit row for the demo.
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM audit WHERE action = 'demo'"),
        1
    );
}

#[test]
fn foreign_keys_hold() {
    let (_dir, path, _) = make(TODAY);
    let conn = open(&path);
    let problems = count(&conn, "SELECT COUNT(*) FROM pragma_foreign_key_check");
    assert_eq!(problems, 0);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

/// Every row of every table, as text, in a fixed order.
fn dump(path: &Path) -> Vec<String> {
    let conn = open(path);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'note_text%'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 14, "{tables:?}");
    let mut lines = Vec::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            lines.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    // Each register's own identity (the calendar's UIDs) is random by
    // design: two registers never share it, whatever their data.
    lines.retain(|line| !line.starts_with("meta: Text(\"register_id\")"));
    lines
}

#[test]
fn the_same_day_gives_the_same_register() {
    let (_a, first, _) = make(TODAY);
    let (_b, second, _) = make(TODAY);
    let one = dump(&first);
    let two = dump(&second);
    assert!(one.len() > 2500, "{}", one.len());
    assert_eq!(one, two);
    // Another day moves the dates but keeps the shape.
    let (_c, other, summary) = make(date(2027, 3, 15));
    assert_ne!(dump(&other), one);
    assert_eq!(summary.modules, 12);
}

#[test]
fn a_weekend_today_still_has_sessions_today() {
    // 2026-11-28 is a Saturday: the two sessions of today stay on it, the
    // others fall on weekdays.
    let saturday = date(2026, 11, 28);
    let (_dir, path, summary) = make(saturday);
    let conn = open(&path);
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM session WHERE date = '{saturday}'")
        ),
        2
    );
    assert!((40..=50).contains(&summary.sessions));
}

#[test]
fn the_demo_fills_only_an_empty_register() {
    let (_dir, path, _) = make(TODAY);
    let actor = Actor::new("admin", Clock::at_noon(TODAY));
    let mut store = Store::open(&path, registro::store::Access::ReadWrite).unwrap();
    let error = demo::populate(&mut store, &actor, TODAY).unwrap_err();
    assert!(
        registro::store::describe(
            &error,
            registro::i18n::Catalogue::get(registro::i18n::Lang::En)
        )
        .contains("empty register"),
        "{error:?}"
    );
    drop(store);
    assert_eq!(count(&open(&path), "SELECT COUNT(*) FROM module"), 12);
}

#[test]
fn an_acting_user_with_a_demo_login_keeps_their_role() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.registro");
    let actor = Actor::new("coordinatrice", Clock::at_noon(TODAY));
    let mut store = Store::create(&path, &actor, DEFAULT_AXES).unwrap();
    demo::populate(&mut store, &actor, TODAY).unwrap();
    drop(store);
    let role: String = open(&path)
        .query_row(
            "SELECT role FROM app_user WHERE login = 'coordinatrice'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(role, "admin");
}

#[test]
fn a_demo_made_as_one_of_its_tutors_keeps_them_a_tutor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    for (user, role) in [("tutor.rossi", "tutor"), ("someone.new", "admin")] {
        let _ = std::fs::remove_file(&path);
        // Pinned as every process test (tests/common): the user is the
        // one this test names with --user.
        let output = assert_cmd::Command::cargo_bin("registro")
            .unwrap()
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .env("LC_MESSAGES", "en_US.UTF-8")
            .env("TZ", "Europe/Rome")
            .env("TERM", "xterm-256color")
            .env("USER", "admin")
            .env_remove("REGISTRO_DB")
            .env("XDG_CONFIG_HOME", "/nonexistent-config")
            .env("REGISTRO_NOW", "2026-11-26T12:00:00+01:00")
            .args(["demo", "--user", user, "--db"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let store = registro::store::Store::open(&path, registro::store::Access::ReadOnly).unwrap();
        let found = store.users().unwrap();
        let line = found.iter().find(|u| u.login == user).unwrap();
        assert_eq!(line.role, role, "{user}");
        // The demo's own people are there with their roles either way.
        let coordinator = found.iter().find(|u| u.login == "coordinatrice").unwrap();
        assert_eq!(coordinator.role, "coordinator");
    }
}
