//! The tax code's own checks: its parts, its check letter, its places.

use super::*;
use jiff::civil::date;

#[test]
fn the_canonical_example_checks_out() {
    assert_eq!(check_character("RSSMRA85T10A562"), Some('S'));
    let code = validate("RSSMRA85T10A562S").unwrap();
    assert_eq!(code.gender, Gender::M);
    assert_eq!(code.birth_month, 12);
    assert_eq!(code.birth_day, 10);
    assert_eq!(code.birth_year_two_digits, 85);
    assert_eq!(code.place_code, "A562");
    assert!(!code.is_omocode());
    assert!(code.birth_date_matches(date(1985, 12, 10)));
    assert!(code.birth_date_matches(date(2085, 12, 10)));
    assert!(!code.birth_date_matches(date(1985, 12, 11)));
    assert!(!code.birth_date_matches(date(1986, 12, 10)));
}

#[test]
fn compute_gives_the_canonical_example() {
    let code = compute("Rossi", "Mario", Gender::M, date(1985, 12, 10), "A562");
    assert_eq!(code, "RSSMRA85T10A562S");
}

#[test]
fn check_character_refuses_what_is_not_fifteen_letters_or_digits() {
    assert_eq!(check_character("RSSMRA85T10A56"), None);
    assert_eq!(check_character("RSSMRA85T10A5622"), None);
    assert_eq!(check_character("RSSMRA85T10A56-"), None);
    assert_eq!(check_character("rssmra85t10a562"), Some('S'));
}

// Worked by hand from the tables, to pin the algorithm on cases the
// canonical example does not reach.
#[test]
fn hand_worked_codes() {
    // Bianchi: consonants B N C H → BNC. Laura: L R + A U A → LRA.
    // 1990, July (L), day 4 + 40 = 44, Cremona D150.
    let laura = compute("Bianchi", "Laura", Gender::F, date(1990, 7, 4), "D150");
    assert_eq!(&laura[..15], "BNCLRA90L44D150");
    assert!(validate(&laura).is_ok());

    // Francesca: F R N C S C, four or more consonants → 1st, 3rd, 4th: FNC.
    let given = given_name_letters("Francesca");
    assert_eq!(given, "FNC");
    // The surname keeps its first three consonants, not 1st/3rd/4th.
    assert_eq!(surname_letters("Franceschini"), "FRN");

    // Short names pad with vowels then X.
    assert_eq!(surname_letters("Hu"), "HUX");
    assert_eq!(surname_letters("Fo"), "FOX");
    assert_eq!(given_name_letters("Wei"), "WEI");
    assert_eq!(given_name_letters("Ada"), "DAA");
    assert_eq!(surname_letters("Ai"), "AIX");
    assert_eq!(surname_letters("O"), "OXX");
}

#[test]
fn accents_spaces_and_apostrophes_are_dropped() {
    assert_eq!(surname_letters("Cantù"), "CNT");
    assert_eq!(given_name_letters("Nicolò"), "NCL");
    assert_eq!(surname_letters("D'Angelo"), "DNG");
    assert_eq!(surname_letters("De Luca"), "DLC");
    assert_eq!(surname_letters("Dell'Acqua"), "DLL");
    assert_eq!(surname_letters("El Amrani"), "LMR");
    assert_eq!(surname_letters("Pirrò"), "PRR");
    assert_eq!(given_name_letters("Èlia"), "LEI");
    assert_eq!(
        compute("Cantù", "Nicolò", Gender::M, date(1970, 1, 31), "D142"),
        compute("CANTU", "NICOLO", Gender::M, date(1970, 1, 31), "D142"),
    );
}

#[test]
fn women_have_forty_added_to_the_day() {
    let code = compute("Rossi", "Maria", Gender::F, date(1985, 12, 10), "A562");
    assert_eq!(&code[9..11], "50");
    let parsed = validate(&code).unwrap();
    assert_eq!(parsed.gender, Gender::F);
    assert_eq!(parsed.birth_day, 10);
    assert!(parsed.birth_date_matches(date(1985, 12, 10)));
}

#[test]
fn x_is_computed_as_m() {
    let x = compute("Rossi", "Mario", Gender::X, date(1985, 12, 10), "A562");
    assert_eq!(x, "RSSMRA85T10A562S");
}

#[test]
fn every_month_letter_round_trips() {
    for month in 1..=12 {
        let birth = date(1961, month, 28);
        let code = compute("Verdi", "Anna", Gender::F, birth, "Z330");
        let parsed = validate(&code).unwrap();
        assert_eq!(parsed.birth_month, month as u8);
        assert!(parsed.birth_date_matches(birth));
        assert_eq!(parsed.place_code, "Z330");
    }
}

#[test]
fn lowercase_and_spaces_around_are_accepted() {
    let code = validate(" rssmra85t10a562s ").unwrap();
    assert_eq!(code.code, "RSSMRA85T10A562S");
}

#[test]
fn spaces_and_hyphens_inside_are_left_out() {
    assert_eq!(
        validate("RSS MRA 85T10 A562S").unwrap().code,
        "RSSMRA85T10A562S"
    );
    let code = compute("Dell'Amico", "Mimma", Gender::F, date(1941, 8, 2), "Z526");
    let hyphened = format!("{}-{}", &code[..6], &code[6..]);
    assert_eq!(validate(&hyphened).unwrap().code, code);
}

#[test]
fn impossible_days_are_refused() {
    // 31 February, 31 April, and 29 February of 1985 (no leap year).
    for (birth_code, day, month) in [("B31", 31, 2), ("D31", 31, 4), ("B29", 29, 2)] {
        let first15 = format!("RSSMRA85{birth_code}A562");
        let code = format!("{first15}{}", check_character(&first15).unwrap());
        assert_eq!(
            validate(&code),
            Err(TaxCodeError::ImpossibleDate { day, month }),
            "{code}"
        );
    }
    // 29 February of a leap year, and of 00 (2000 was one), and a
    // woman's 29 February (69).
    for first15 in ["RSSMRA84B29A562", "RSSMRA00B29A562", "RSSMRA84B69A562"] {
        let code = format!("{first15}{}", check_character(first15).unwrap());
        assert!(validate(&code).is_ok(), "{code}");
    }
}

#[test]
fn unknown_places_are_refused() {
    let first15 = "RSSMRA85T10Q485";
    let code = format!("{first15}{}", check_character(first15).unwrap());
    assert_eq!(
        validate(&code),
        Err(TaxCodeError::UnknownPlace("Q485".into()))
    );
}

#[test]
fn birth_facts_are_read_from_the_code() {
    let today = date(2026, 12, 4);
    let code = validate("RSSMRA85T10A562S").unwrap();
    assert_eq!(code.birth_date(today), Some(date(1985, 12, 10)));
    let place = code.birth_place(today).unwrap();
    assert_eq!((place.name, place.province), ("San Giuliano Terme", "PI"));
    // 20 is 2020 today, but would be 1920 in 2019.
    let young = validate(&compute(
        "Bianchi",
        "Laura",
        Gender::F,
        date(2020, 7, 4),
        "D150",
    ))
    .unwrap();
    assert_eq!(young.birth_date(today), Some(date(2020, 7, 4)));
    assert_eq!(young.birth_date(date(2019, 1, 1)), Some(date(1920, 7, 4)));
    assert_eq!(young.birth_place(today).unwrap().name, "Cremona");
    // A birthday later this year is last century.
    let later = validate(&compute(
        "Bianchi",
        "Laura",
        Gender::F,
        date(1926, 12, 31),
        "D150",
    ))
    .unwrap();
    assert_eq!(later.birth_date(today), Some(date(1926, 12, 31)));
}

#[test]
fn birth_facts_name_the_place_as_people_write_it() {
    let today = date(2026, 12, 4);
    let facts = birth_facts("rss mra 85t10 a562s", today).unwrap();
    assert_eq!(facts.date, date(1985, 12, 10));
    assert_eq!(facts.gender, Gender::M);
    assert_eq!(facts.place_text(), "San Giuliano Terme (PI)");
    let abroad = compute("Rossi", "Maria", Gender::F, date(1990, 1, 2), "Z330");
    assert_eq!(birth_facts(&abroad, today).unwrap().place_text(), "Marocco");
    assert_eq!(birth_facts("RSSMRA85T10A562T", today), None);
}

#[test]
fn name_letters_are_compared() {
    let code = validate("RSSMRA85T10A562S").unwrap();
    assert!(code.name_letters_match("Rossi", "Mario"));
    assert!(code.name_letters_match("ROSSI", "màrio"));
    assert!(!code.name_letters_match("Verdi", "Mario"));
    assert!(!code.name_letters_match("Mario", "Rossi"));
}

#[test]
fn wrong_check_characters_are_refused() {
    for wrong in ['A', 'T', 'Z'] {
        let text = format!("RSSMRA85T10A562{wrong}");
        assert_eq!(
            validate(&text),
            Err(TaxCodeError::WrongCheckCharacter {
                expected: 'S',
                found: wrong
            })
        );
    }
    // A single typo in the body changes the check character.
    assert!(matches!(
        validate("RSSMRA85T11A562S"),
        Err(TaxCodeError::WrongCheckCharacter { .. })
    ));
    assert!(matches!(
        validate("RSSMRA58T10A562S"),
        Err(TaxCodeError::WrongCheckCharacter { .. })
    ));
}

#[test]
fn wrong_lengths_are_refused() {
    assert_eq!(validate(""), Err(TaxCodeError::WrongLength(0)));
    assert_eq!(
        validate("RSSMRA85T10A562"),
        Err(TaxCodeError::WrongLength(15))
    );
    assert_eq!(
        validate("RSSMRA85T10A562SS"),
        Err(TaxCodeError::WrongLength(17))
    );
}

#[test]
fn bad_structure_names_the_position() {
    let cases = [
        ("1SSMRA85T10A562S", 1),
        ("RSSMR485T10A562S", 6),
        ("RSSMRAA5T10A562S", 7),
        ("RSSMRA8ZT10A562S", 8),
        ("RSSMRA85F10A562S", 9),
        ("RSSMRA85T00A562S", 10),
        ("RSSMRA85T32A562S", 10),
        ("RSSMRA85T72A562S", 10),
        ("RSSMRA85T1AA562S", 11),
        ("RSSMRA85T105562S", 12),
        ("RSSMRA85T10AK62S", 13),
        ("RSSMRA85T10A562*", 16),
        ("RSSMRA85T10A56ÈS", 15),
    ];
    for (text, position) in cases {
        assert_eq!(
            validate(text),
            Err(TaxCodeError::BadStructure { position }),
            "{text}"
        );
    }
}

#[test]
fn omocodia_variants_validate() {
    let base = "RSSMRA85T10A562S";
    for level in 1..=7 {
        let variant = omocode(base, level).unwrap();
        let parsed = validate(&variant).unwrap_or_else(|e| panic!("{variant}: {e}"));
        assert!(parsed.is_omocode());
        assert_eq!(parsed.birth_day, 10);
        assert_eq!(parsed.birth_month, 12);
        assert_eq!(parsed.birth_year_two_digits, 85);
        assert_eq!(parsed.place_code, "A562");
        assert_eq!(parsed.gender, Gender::M);
    }
    // Level 1: the last digit 2 becomes N; level 7: every digit.
    assert_eq!(&omocode(base, 1).unwrap()[..15], "RSSMRA85T10A56N");
    assert_eq!(&omocode(base, 7).unwrap()[..15], "RSSMRAURTMLARSN");
    assert_eq!(omocode(base, 0), None);
    assert_eq!(omocode(base, 8), None);
    assert_eq!(omocode("RSSMRA85T10A562T", 1), None);
}

#[test]
fn omocodia_by_hand() {
    // Positions 14-15 "62" → "SN": the check character is recomputed.
    let first15 = "RSSMRA85T10A5SN";
    let check = check_character(first15).unwrap();
    let code = format!("{first15}{check}");
    assert_eq!(validate(&code).unwrap().place_code, "A562");
    // Keeping the old check character is a wrong check character.
    assert!(matches!(
        validate(&format!("{first15}S")),
        Err(TaxCodeError::WrongCheckCharacter { .. })
    ));
    // An omocodia letter for the woman's day: 5 → R, so "R0" is 50.
    let woman = compute("Rossi", "Maria", Gender::F, date(1985, 12, 10), "A562");
    let mut bytes = woman.into_bytes();
    bytes[9] = b'R';
    bytes[10] = b'L';
    let first15 = String::from_utf8(bytes[..15].to_vec()).unwrap();
    let check = check_character(&first15).unwrap();
    let parsed = validate(&format!("{first15}{check}")).unwrap();
    assert_eq!(parsed.gender, Gender::F);
    assert_eq!(parsed.birth_day, 10);
}

#[test]
fn letters_that_are_not_omocodia_are_refused_in_digit_places() {
    // W is not one of L M N P Q R S T U V.
    let first15 = "RSSMRA85T10A56W";
    let code = format!("{first15}A");
    assert_eq!(
        validate(&code),
        Err(TaxCodeError::BadStructure { position: 15 })
    );
}

/// Copied literally from the office sample
/// (shared/samples/italian-excel/enrolments.csv, column codice_fiscale).
#[test]
fn codes_from_the_office_sample_validate() {
    let sample = [
        ("BSLFRC74B51D142X", Gender::F),
        ("CTTTRS87P60Z210V", Gender::F),
        ("BRBMNL58A64Z338V", Gender::F),
        ("PLLDVD62C28A794I", Gender::M),
        ("CPTLRI69C48Z338L", Gender::F),
        ("CNTLCU65T64Z338P", Gender::F),
        ("MRTGLC72B25Z330B", Gender::M),
        ("CRBMGR66M53Z129J", Gender::F),
        ("CSTNDR68T13Z338R", Gender::M),
        ("PGNLRA71M64F205S", Gender::F),
        ("RLNLRA76M44Z338K", Gender::F),
        ("GRCMGR55A69D142J", Gender::F),
        ("RZZNIO68P46Z338T", Gender::F),
        ("MLNPLA84P42D150I", Gender::F),
    ];
    for (text, gender) in sample {
        let code = validate(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(code.gender, gender, "{text}");
    }
}

#[test]
fn errors_read_as_plain_english() {
    let text = validate("RSSMRA85T10A562A").unwrap_err().to_string();
    assert!(text.contains("should be S, not A"), "{text}");
    let text = validate("RSSMRA85F10A562S").unwrap_err().to_string();
    assert!(text.contains("character 9"), "{text}");
    assert!(text.contains("month"), "{text}");
    let text = validate("ABC").unwrap_err().to_string();
    assert!(text.contains("16 characters"), "{text}");
}
