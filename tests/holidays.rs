//! The national holidays, day by day from 2013 to 2035, against a list
//! written from the law (tests/holidays/write_list.py), and each town's
//! patron day stopping only that town's modules.

use std::collections::BTreeSet;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use registro::config::Config;
use registro::planning::{Holidays, SessionFlag, session_flags};

const LIST: &str = include_str!("holidays/italy-2013-2035.txt");

fn every_day(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from), move |d| {
        d.checked_add(1.day()).ok().filter(|next| *next <= to)
    })
}

#[test]
fn every_day_from_2013_to_2035_is_a_holiday_exactly_when_the_law_says() {
    let law: BTreeSet<Date> = LIST.lines().map(|l| l.parse().unwrap()).collect();
    assert!(law.contains(&date(2026, 10, 4)));
    assert!(!law.contains(&date(2025, 10, 4)));
    for holidays in [Holidays::italy(), Config::defaults().holidays] {
        let ours: BTreeSet<Date> = every_day(date(2013, 1, 1), date(2035, 12, 31))
            .filter(|d| holidays.contains(*d))
            .collect();
        let missing: Vec<_> = law.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&law).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing {missing:?}, extra {extra:?}"
        );
    }
}

fn with_towns() -> Holidays {
    let mut config = Config::defaults();
    config
        .overlay_text(
            "[holidays.towns]\nCremona = \"13/11\"\n",
            Path::new("towns.toml"),
        )
        .unwrap();
    config.holidays
}

#[test]
fn a_patron_day_stops_only_the_modules_of_its_town() {
    let holidays = with_towns();
    // Friday 13 November 2026: Sant'Omobono in Cremona, a day like any
    // other in Crema.
    let day = date(2026, 11, 13);
    assert!(holidays.contains_in(day, "Cremona"));
    assert!(holidays.contains_in(day, " CREMONA "));
    assert!(!holidays.contains_in(day, "Crema"));
    assert!(!holidays.contains(day));
    assert_eq!(
        session_flags(day, &holidays, "Cremona", None, None),
        vec![SessionFlag::Holiday]
    );
    assert!(session_flags(day, &holidays, "Crema", None, None).is_empty());
    // Repeating sessions in Cremona steps over it; in Crema it does not.
    assert!(holidays.for_town("Cremona").contains(day));
    assert!(!holidays.for_town("Crema").contains(day));
}

#[test]
fn sundays_and_days_outside_the_module_are_flagged() {
    let holidays = Holidays::italy();
    let (starts, ends) = (Some(date(2026, 3, 2)), Some(date(2026, 5, 29)));
    // Tuesday 2 June 2026: Festa della Repubblica, after the module ends.
    assert_eq!(
        session_flags(date(2026, 6, 2), &holidays, "Crema", starts, ends),
        vec![
            SessionFlag::Holiday,
            SessionFlag::AfterModule(date(2026, 5, 29))
        ]
    );
    assert_eq!(
        session_flags(date(2026, 3, 1), &holidays, "Crema", starts, ends),
        vec![
            SessionFlag::Sunday,
            SessionFlag::BeforeModule(date(2026, 3, 2))
        ]
    );
    assert!(session_flags(date(2026, 3, 3), &holidays, "Crema", starts, ends).is_empty());
    // San Francesco: a holiday again from 2026, not in 2025.
    assert_eq!(
        session_flags(date(2027, 10, 4), &holidays, "Crema", None, None),
        vec![SessionFlag::Holiday]
    );
    assert!(
        session_flags(date(2025, 10, 4), &holidays, "Crema", None, None)
            .iter()
            .all(|f| *f != SessionFlag::Holiday)
    );
}
