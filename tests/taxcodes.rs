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
