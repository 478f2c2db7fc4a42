//! The choices a typed line offers, filtered by what is typed: the ones
//! whose words hold it (any case), each with the number that picks it.
//! A number typed shows the choice it picks; a line that matches none
//! (the user's own words) leaves every choice listed, numbered, to pick
//! from instead.

/// The choices to list under a line where `typed` is typed, each with
/// its number (from 1).
pub fn matching<'a>(choices: &'a [String], typed: &str) -> Vec<(usize, &'a str)> {
    let numbered = || {
        choices
            .iter()
            .enumerate()
            .map(|(i, choice)| (i + 1, choice.as_str()))
    };
    let typed = typed.trim();
    if typed.is_empty() {
        return numbered().collect();
    }
    if let Ok(number) = typed.parse::<usize>()
        && let Some(choice) = choices.get(number.wrapping_sub(1))
    {
        return vec![(number, choice.as_str())];
    }
    let wanted = typed.to_lowercase();
    let found: Vec<(usize, &str)> = numbered()
        .filter(|(_, choice)| choice.to_lowercase().contains(&wanted))
        .collect();
    if found.is_empty() {
        numbered().collect()
    } else {
        found
    }
}

#[cfg(test)]
mod tests {
    use super::matching;
    use proptest::prelude::*;

    fn reasons() -> Vec<String> {
        [
            "posti esauriti",
            "requisiti mancanti",
            "fuori sede",
            "duplicato",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn what_is_typed_keeps_the_choices_that_hold_it_with_their_numbers() {
        let reasons = reasons();
        assert_eq!(matching(&reasons, "MAN"), vec![(2, "requisiti mancanti")]);
        assert_eq!(
            matching(&reasons, "ti"),
            vec![(1, "posti esauriti"), (2, "requisiti mancanti")]
        );
    }

    #[test]
    fn a_number_shows_the_choice_it_picks() {
        assert_eq!(matching(&reasons(), "4"), vec![(4, "duplicato")]);
    }

    #[test]
    fn nothing_typed_or_words_of_ones_own_list_every_choice() {
        let reasons = reasons();
        assert_eq!(matching(&reasons, "").len(), 4);
        assert_eq!(matching(&reasons, "spostata in primavera").len(), 4);
        assert_eq!(matching(&reasons, "9").len(), 4);
    }

    proptest! {
        #[test]
        fn every_choice_listed_is_one_offered_under_its_own_number(typed in ".{0,12}") {
            let reasons = reasons();
            let listed = matching(&reasons, &typed);
            prop_assert!(!listed.is_empty());
            for (number, choice) in listed {
                prop_assert_eq!(reasons[number - 1].as_str(), choice);
            }
        }
    }
}
