//! Our tax-code checker against the reference library's verdicts on a
//! corpus it generated: valid codes, omocodia variants, impossible days,
//! unknown places, codes typed with spaces or hyphens. How the corpus was
//! made: tests/taxcode/generate_corpus.py (its docstring).

use std::collections::BTreeMap;

use registro::taxcode;

const CORPUS: &str = include_str!("taxcode/corpus.csv");

#[test]
fn every_code_of_the_reference_corpus_gets_the_reference_verdict() {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for line in CORPUS.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let [kind, code, verdict] = fields[..] else {
            panic!("a corpus line has three fields: {line}");
        };
        *kinds.entry(kind).or_default() += 1;
        let ours = taxcode::validate(code);
        if ours.is_ok() != (verdict == "1") {
            disagreements.push(format!("{kind} {code}: reference {verdict}, ours {ours:?}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    for kind in [
        "valid",
        "omocodia",
        "impossible-date",
        "unknown-place",
        "spaced",
        "hyphenated",
    ] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) >= 100,
            "{kind}: {kinds:?}"
        );
    }
}

#[test]
fn refusals_of_the_corpus_say_why() {
    for line in CORPUS.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        match (fields[0], taxcode::validate(fields[1])) {
            ("impossible-date", Err(e)) => assert!(
                matches!(e, taxcode::TaxCodeError::ImpossibleDate { .. }),
                "{line}: {e:?}"
            ),
            ("unknown-place", Err(e)) => assert!(
                matches!(e, taxcode::TaxCodeError::UnknownPlace(_)),
                "{line}: {e:?}"
            ),
            _ => {}
        }
    }
}

#[test]
fn valid_codes_tell_their_birth_facts() {
    let today = jiff::civil::date(2026, 12, 4);
    for line in CORPUS.lines().skip(1).filter(|l| l.starts_with("valid,")) {
        let code = taxcode::validate(&line[6..22]).unwrap();
        let born = code.birth_date(today).unwrap();
        assert!(born <= today, "{line}");
        assert!(code.birth_place(today).is_some(), "{line}");
    }
}

mod command;

#[test]
fn an_import_warns_with_the_line_when_the_names_are_not_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    command::registro()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success();
    let modules = dir.path().join("modules.csv");
    std::fs::write(
        &modules,
        "codice;titolo;asse;sede;ore;posti;data_inizio;data_fine\n\
         M01;Accoglienza;II;Cremona;16;30;02/11/2026;30/11/2026\n",
    )
    .unwrap();
    command::registro()
        .args(["--db"])
        .arg(&db)
        .args(["import", "modules"])
        .arg(&modules)
        .assert()
        .success();
    // The check character of VRDMRA85T10A562: computed, not guessed.
    let verdi = format!(
        "VRDMRA85T10-A562{}",
        taxcode::check_character("VRDMRA85T10A562").unwrap()
    );
    let rossi_as_bianchi = "RSSMRA85T10A562S";
    std::fs::write(
        dir.path().join("enrolments.csv"),
        format!(
            "data_domanda;modulo;cognome;nome;sesso;codice_fiscale;ente;tipo_ente;stato\n\
             01/10/2026;M01;Rossi;Mario;M;RSS MRA 85T10 A562S;Comune di Crema;Comune;ricevuta\n\
             01/10/2026;M01;Verdi;Mario;M;{verdi};Comune di Crema;Comune;ricevuta\n\
             01/10/2026;M01;Bianchi;Maria;F;{rossi_as_bianchi};Comune di Crema;Comune;ricevuta\n"
        ),
    )
    .unwrap();
    let output = command::registro()
        .args(["--db"])
        .arg(&db)
        .args(["import", "enrolments", "--dry-run"])
        .arg(dir.path().join("enrolments.csv"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr).to_string();
    // Lines 2 and 3: spaced and hyphenated codes of these names, no word.
    // Line 4: Rossi Mario's code on Bianchi Maria: names and sex warned.
    assert!(!said.contains(":2:") && !said.contains(":3:"), "{said}");
    assert!(
        said.contains("begins RSSMRA") && said.contains("BNCMRA"),
        "{said}"
    );
    assert!(
        said.contains("the tax code says M, the row says F"),
        "{said}"
    );
}
