//! The PDFs of issue 24 read back: `export register --format pdf` (the
//! signature sheets and the summary register) and `export certificates
//! --format pdf`, run as a process on the demo register, their text
//! extracted with `pdftotext` (poppler-utils) and compared with the
//! register, in English and Italian; one page of each rendered with
//! `pdftoppm` and compared with a stored image.

mod common;

mod command;
use command::registro;

use std::path::{Path, PathBuf};
use std::process::Command;

use registro::store::reach::Reach;
use registro::store::{Access, Store};
use tempfile::TempDir;

/// Whether poppler's tools are here: CI installs them (.ci/run) and
/// fails without them; elsewhere a test without them says so and stops.
fn poppler() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (poppler-utils) is missing, and CI needs it"
        );
        eprintln!("pdftotext (poppler-utils) is missing: skipped");
    }
    found
}

fn demo() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_register(dir.path());
    (dir, db)
}

/// Runs `registro export ARGS -o FILE` in `lang` and returns the file.
fn print(db: &Path, lang: &str, args: &[&str], name: &str) -> PathBuf {
    let file = db.with_file_name(name);
    let output = registro()
        .env("LANG", lang)
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    file
}

/// The text of each page (pdftotext ends each with a form feed).
fn pages(file: &Path) -> Vec<String> {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    pages.pop();
    pages
}

fn store(db: &Path) -> Store {
    Store::open(db, Access::ReadOnly).unwrap()
}

fn whole(store: &Store) -> Reach {
    store.reach("coordinatrice").unwrap()
}

/// A session whose roll call is closed and one still to come, of the
/// demo's modules.
fn sessions(store: &Store) -> (i64, i64) {
    let reach = whole(store);
    let ids: Vec<i64> = (1..=9)
        .filter_map(|n| store.module_id(&format!("M0{n}")).unwrap())
        .flat_map(|module| store.sessions_to_print(&reach, module).unwrap())
        .collect();
    let closed = ids
        .iter()
        .copied()
        .find(|id| store.session(*id).unwrap().closed)
        .unwrap();
    let future = ids
        .iter()
        .copied()
        .find(|id| store.session(*id).unwrap().date > common::TODAY.to_string())
        .unwrap();
    (closed, future)
}

#[test]
fn a_closed_sessions_sheet_names_everyone_with_their_hours_and_marks_the_absent() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let store = store(&db);
    let (closed, _) = sessions(&store);
    let sheet = store.session_sheet(&whole(&store), closed).unwrap();
    let absent = sheet.lines.iter().filter(|l| l.is_absent()).count();
    assert!(absent > 0, "the demo's closed session has absences");
    for (lang, absent_word, page_word, present) in [
        ("en_US.UTF-8", "ABSENT", "page 1 of", "Present:"),
        ("it_IT.UTF-8", "ASSENTE", "pag. 1 di", "Presenti:"),
    ] {
        let file = print(
            &db,
            lang,
            &[
                "register",
                "--format",
                "pdf",
                "--session",
                &closed.to_string(),
            ],
            "sheet.pdf",
        );
        let pages = pages(&file);
        let text = pages.join("\n");
        let expected_pages = registro::print::sheets::pages_of(sheet.lines.len()).len();
        assert_eq!(pages.len(), expected_pages);
        assert!(pages[0].contains(&format!("{page_word} {expected_pages}")));
        for line in &sheet.lines {
            assert!(text.contains(&line.surname), "{} missing", line.surname);
            assert!(
                text.contains(&line.given_name),
                "{} missing",
                line.given_name
            );
        }
        assert_eq!(text.matches(absent_word).count(), absent);
        let present_count = sheet.lines.len() - absent;
        assert!(
            text.contains(&format!("{present} {present_count}")),
            "{text}"
        );
        // Hours as the language writes them, a half hour included.
        let half = sheet
            .lines
            .iter()
            .find(|l| l.minutes.is_some_and(|m| m % 60 != 0))
            .and_then(|l| l.minutes)
            .unwrap();
        let hours = registro::domain::format_hours(half);
        let hours = if lang.starts_with("it") {
            hours.replace('.', ",")
        } else {
            hours
        };
        assert!(text.contains(&hours), "{hours} missing");
        assert!(text.contains(&sheet.module.title));
    }
}

#[test]
fn a_sheet_printed_before_the_session_has_blank_times_and_no_absent() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let store = store(&db);
    let (_, future) = sessions(&store);
    let file = print(
        &db,
        "it_IT.UTF-8",
        &[
            "register",
            "--format",
            "pdf",
            "--session",
            &future.to_string(),
        ],
        "blank.pdf",
    );
    let text = pages(&file).join("\n");
    assert!(!text.contains("ASSENTE"));
    assert!(text.contains("Presenti: ____"));
    assert!(text.contains("Firma del docente"));
}

#[test]
fn a_modules_sheets_are_one_per_session_held_or_to_come() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let store = store(&db);
    let module = store.module_id("M01").unwrap().unwrap();
    let reach = whole(&store);
    let expected: usize = store
        .sessions_to_print(&reach, module)
        .unwrap()
        .iter()
        .map(|id| {
            let sheet = store.session_sheet(&reach, *id).unwrap();
            registro::print::sheets::pages_of(sheet.lines.len()).len()
        })
        .sum();
    let file = print(
        &db,
        "en_US.UTF-8",
        &["register", "--module", "M01", "--format", "pdf"],
        "module.pdf",
    );
    assert_eq!(pages(&file).len(), expected);
}

#[test]
fn the_summary_register_has_the_totals_of_the_csv_register() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let csv = registro()
        .arg("--db")
        .arg(&db)
        .args(["export", "register", "--module", "M01"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(&csv.stdout[..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(!rows.is_empty());
    let file = print(
        &db,
        "it_IT.UTF-8",
        &[
            "register",
            "--module",
            "M01",
            "--format",
            "pdf",
            "--summary",
        ],
        "summary.pdf",
    );
    let text = pages(&file).join("\n");
    for row in &rows {
        let name = format!("{} {}", row[0], row[1]);
        let line = text
            .lines()
            .find(|l| l.contains(&name))
            .unwrap_or_else(|| panic!("{name} missing"));
        let total = row[row.len() - 2].replace('.', ",");
        let share = row[row.len() - 1].replace('.', ",");
        assert!(
            line.trim_end().ends_with(&format!("{total}  {share}"))
                || (line.contains(&format!(" {total} ")) && line.trim_end().ends_with(&share)),
            "{line} has not {total} {share}"
        );
    }
    assert!(text.contains("Registro presenze: riepilogo"));
}

#[test]
fn certificates_name_each_person_born_where_the_tax_code_says_and_keep_their_numbers() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let listed = registro()
        .arg("--db")
        .arg(&db)
        .args(["export", "certificates", "--module", "M01"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(&listed.stdout[..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(!rows.is_empty());
    let args = ["certificates", "--module", "M01", "--format", "pdf"];
    let first = pages(&print(&db, "it_IT.UTF-8", &args, "first.pdf"));
    assert_eq!(first.len(), rows.len(), "one page per certificate");
    for (page, row) in first.iter().zip(&rows) {
        assert!(page.contains(&format!("{} {}", row[1], row[0])), "{page}");
        assert!(page.contains("ATTESTATO DI FREQUENZA"));
        if let Some(facts) = registro::taxcode::birth_facts(&row[2], common::TODAY) {
            assert!(page.contains(&facts.place_text()), "{page}");
            assert!(page.contains(&facts.date.strftime("%d/%m/%Y").to_string()));
        }
        let attended = row[5].replace('.', ",");
        assert!(page.contains(&attended), "{attended} in {page}");
    }
    let numbers = |pages: &[String]| -> Vec<String> {
        pages
            .iter()
            .map(|p| {
                let at = p.find("N. ").unwrap();
                p[at..].split_whitespace().nth(1).unwrap().to_string()
            })
            .collect()
    };
    let again = pages(&print(&db, "en_US.UTF-8", &args, "again.pdf"));
    let (before, after) = (
        numbers(&first),
        numbers(
            &again
                .iter()
                .map(|p| p.replace("No.", "N."))
                .collect::<Vec<_>>(),
        ),
    );
    assert_eq!(before, after, "a reprint shows the same numbers");
    let mut unique = before.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "numbers are unique");
    let store = store(&db);
    assert_eq!(
        store.audit_count("certificate").unwrap(),
        2 * rows.len() as i64,
        "each issue and reprint is in the audit log"
    );
}

#[test]
fn one_persons_certificate_alone() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let store = store(&db);
    let module = store.module_id("M01").unwrap().unwrap();
    let person = store
        .certificates(&whole(&store), Some(module), common::TODAY, 0.75)
        .unwrap()
        .first()
        .map(|p| (p.person_id, p.surname.clone()))
        .unwrap();
    let file = print(
        &db,
        "en_US.UTF-8",
        &[
            "certificates",
            "--format",
            "pdf",
            "--person",
            &person.0.to_string(),
        ],
        "one.pdf",
    );
    let pages = pages(&file);
    assert!(!pages.is_empty());
    assert!(pages.iter().all(|p| p.contains(&person.1)));
}

/// Many certificates are drawn page by page as they come: the count of
/// pages drawn equals the participations, none held.
#[test]
fn many_certificates_are_drawn_one_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::crowded_register(&dir.path().join("crowded.db"), 4, 300);
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    let actor = common::actor();
    let expected = store
        .certificates(&store.reach(&actor.user).unwrap(), None, common::TODAY, 0.0)
        .unwrap()
        .len();
    let printed = registro::print::documents::certificates(
        &store,
        &actor,
        Default::default(),
        &Default::default(),
        0.0,
        registro::i18n::Catalogue::get(registro::i18n::Lang::En),
    )
    .unwrap();
    assert_eq!(printed.pages, expected);
    assert!(printed.bytes.starts_with(b"%PDF"));
}

/// Page 1 of each print rendered at 50 dpi and compared with the image
/// in tests/print/: at most 1% of the pixels may differ by more than a
/// quarter of the grey scale, since another poppler draws text edges a
/// little differently. Missing images are written (outside CI) to be
/// looked at and committed.
#[test]
fn page_one_of_each_print_looks_as_it_did() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let store = store(&db);
    let (closed, _) = sessions(&store);
    let closed = closed.to_string();
    let prints: [(&str, Vec<&str>); 3] = [
        (
            "sheet",
            vec!["register", "--format", "pdf", "--session", &closed],
        ),
        (
            "summary",
            vec![
                "register",
                "--module",
                "M01",
                "--format",
                "pdf",
                "--summary",
            ],
        ),
        (
            "certificate",
            vec!["certificates", "--module", "M01", "--format", "pdf"],
        ),
    ];
    for (name, args) in prints {
        let file = print(&db, "it_IT.UTF-8", &args, &format!("{name}.pdf"));
        let stem = file.with_extension("");
        let rendered = Command::new("pdftoppm")
            .args([
                "-r",
                "50",
                "-png",
                "-gray",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
            ])
            .arg(&file)
            .arg(&stem)
            .status()
            .unwrap();
        assert!(rendered.success());
        let image = stem.with_extension("png");
        let stored = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/print")
            .join(format!("{name}.png"));
        if !stored.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} is missing",
                stored.display()
            );
            std::fs::create_dir_all(stored.parent().unwrap()).unwrap();
            std::fs::copy(&image, &stored).unwrap();
            continue;
        }
        let (a, b) = (grey(&image), grey(&stored));
        assert_eq!((a.0, a.1), (b.0, b.1), "{name}: the page's size changed");
        let differing =
            a.2.iter()
                .zip(&b.2)
                .filter(|(x, y)| x.abs_diff(**y) > 64)
                .count();
        assert!(
            differing * 100 <= a.2.len(),
            "{name}: {differing} of {} pixels differ from {}",
            a.2.len(),
            stored.display()
        );
    }
}

/// A PNG as width, height and one grey byte per pixel.
fn grey(file: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(file).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    let grey = buffer.chunks(channels).map(|pixel| pixel[0]).collect();
    (info.width, info.height, grey)
}

/// `[certificate]` settings print on every certificate: the issuer, the
/// signatory, the place with the day of issue; a logo that is no image
/// is left out rather than failing the print.
#[test]
fn certificates_carry_the_issuer_the_signatory_and_the_place_of_the_settings() {
    if !poppler() {
        return;
    }
    let (dir, db) = demo();
    let settings = dir.path().join("settings.toml");
    std::fs::write(
        &settings,
        "[certificate]\nissuer = \"Regione Lombardia · Direzione Welfare\"\n\
         signatory = \"Dott.ssa Maria Bianchi\"\nplace = \"Cremona\"\nlogo = \"/nonexistent.png\"\n",
    )
    .unwrap();
    let file = db.with_file_name("settings.pdf");
    let output = registro()
        .env("LANG", "it_IT.UTF-8")
        .arg("--config")
        .arg(&settings)
        .arg("--db")
        .arg(&db)
        .args([
            "export",
            "certificates",
            "--module",
            "M01",
            "--format",
            "pdf",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pages = pages(&file);
    assert!(!pages.is_empty());
    for page in &pages {
        assert!(page.contains("Regione Lombardia · Direzione Welfare"));
        assert!(page.contains("Dott.ssa Maria Bianchi"));
        assert!(page.contains("Cremona, 26/11/2026"), "{page}");
    }
}

/// The arguments that go with a print only, refused elsewhere as usage
/// errors (exit status 2) in the catalogue's words.
#[test]
fn print_arguments_out_of_place_are_usage_errors() {
    let (_dir, db) = demo();
    for (args, said) in [
        (
            vec!["register", "--session", "1", "--format", "csv"],
            "needs --format pdf",
        ),
        (
            vec!["enrolments", "--format", "pdf"],
            "this export has no PDF",
        ),
        (
            vec![
                "register", "--format", "pdf", "--person", "1", "--module", "M01",
            ],
            "--person is for certificates only",
        ),
        (vec!["register", "--format", "pdf"], ""),
    ] {
        let output = registro()
            .arg("--db")
            .arg(&db)
            .arg("export")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(said),
            "{args:?}"
        );
    }
    let output = registro()
        .arg("--db")
        .arg(&db)
        .args([
            "export",
            "register",
            "--session",
            "99999",
            "--format",
            "pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no session 99999"));
}

/// The times the roster kept for a late arrival and an early leaving
/// (`l`, `e`) are the times on paper.
#[test]
fn the_times_a_tutor_wrote_are_the_times_on_the_sheet() {
    if !poppler() {
        return;
    }
    let (_dir, db) = demo();
    let (closed, enrolment, surname) = {
        let store = store(&db);
        let (closed, _) = sessions(&store);
        let sheet = store.session_sheet(&whole(&store), closed).unwrap();
        let line = sheet
            .lines
            .iter()
            .find(|l| l.minutes.is_some_and(|m| m > 0))
            .unwrap();
        (closed, line.enrolment_id, line.surname.clone())
    };
    // 10:20 to 12:45, as `l 10.20` and `e 12:45` keep them.
    let changed = rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE attendance SET arrived_minute = 620, left_minute = 765
             WHERE session_id = ?1 AND enrolment_id = ?2",
            [closed, enrolment],
        )
        .unwrap();
    assert_eq!(changed, 1);
    let file = print(
        &db,
        "it_IT.UTF-8",
        &[
            "register",
            "--format",
            "pdf",
            "--session",
            &closed.to_string(),
        ],
        "times.pdf",
    );
    let text = pages(&file).join("\n");
    let row = text
        .lines()
        .find(|l| l.contains(&surname))
        .unwrap_or_else(|| panic!("{surname} missing: {text}"));
    assert!(row.contains("10:20") && row.contains("12:45"), "{row}");
}
