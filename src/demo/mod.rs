//! The demo register: a programme shaped like the real one (a province's
//! training programme for public offices)
//! (12 modules of 16 hours in three towns, about 440 applications, 250
//! people, attendance, ratings, tutors' notes), dated around a given day
//! so that most modules are over, two sessions are held today and the
//! rest come in the next weeks.
//!
//! Everything follows from a fixed seed through a small generator written
//! here, so the same day always gives the same register, whatever the
//! version of any crate. The whole register is planned in memory first
//! and written in one transaction.

mod attendance;
mod enrolments;
mod large;
mod names;
mod notes;
mod people;
mod plan;
mod programme;
mod writer;

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::context::Actor;
use crate::domain::{Gender, Mark, Status};
use crate::planning::Holidays;
use crate::store::seed::Fill;
use crate::store::{self, DEFAULT_AXES, Store, StoreError};
use crate::taxcode;

pub use large::{LARGE_SEED, Scale, populate_large};
pub use programme::is_demo_user;

use attendance::*;
use enrolments::*;
use names::*;
use notes::*;
use people::*;
use plan::*;
use programme::*;

/// The seed of the demo register. Changing it changes every demo.
pub const SEED: u64 = 0x2013_0115_C4E5_0A11;

/// What the demo wrote, counted back from the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub modules: usize,
    pub sessions: usize,
    /// All enrolment requests (applications), in any status.
    pub enrolments: usize,
    /// Accepted and not withdrawn.
    pub participations: usize,
    /// Every person in the register.
    pub persons: usize,
    /// Distinct people among the participations.
    pub participating_persons: usize,
    /// People with more than one participation.
    pub persons_multi_module: usize,
    pub attendance_rows: usize,
    pub ratings: usize,
    pub notes: usize,
}

/// Fills a register just made by `Store::create` with the demo programme,
/// dated around `today`, in one transaction. Refuses a register that
/// already holds modules or people.
pub fn populate(store: &mut Store, actor: &Actor, today: Date) -> store::Result<DemoSummary> {
    let plan = Plan::build(today)?;
    store.fill_empty(Fill::Small, |bulk| writer::write_plan(bulk, actor, &plan))?;
    summarise(store)
}

// ---------------------------------------------------------------------
// The generator.

/// SplitMix64: tiny, fast, and fixed here so that its sequence can never
/// change under us (a crate upgrade could change `rand`'s).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), without modulo bias worth
    /// speaking of.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`; `lo` when the range is empty.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// One item of a list the caller knows is not empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut roll = self.below(total);
        for (index, &weight) in weights.iter().enumerate() {
            if roll < u64::from(weight) {
                return index;
            }
            roll -= u64::from(weight);
        }
        weights.len().saturating_sub(1)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------
// Counting back.

fn summarise(store: &Store) -> store::Result<DemoSummary> {
    let counts = store.counts()?;
    Ok(DemoSummary {
        modules: counts.modules,
        sessions: counts.sessions,
        enrolments: counts.enrolments,
        participations: counts.participations,
        persons: counts.persons,
        participating_persons: counts.participating_persons,
        persons_multi_module: counts.persons_multi_module,
        attendance_rows: counts.attendance_rows,
        ratings: counts.ratings,
        notes: counts.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_never_changes() {
        // SplitMix64's published sequence from a zero seed.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut rng = Rng::new(SEED);
        for _ in 0..1000 {
            let n = rng.range(-3, 4);
            assert!((-3..=4).contains(&n));
            assert!(rng.below(7) < 7);
            assert!(rng.weighted(&[0, 5, 0, 1]) % 2 == 1);
        }
        assert_eq!(rng.range(5, 5), 5);
        assert_eq!(rng.range(5, 2), 5);
    }

    #[test]
    fn every_module_is_sixteen_hours() {
        for spec in MODULES {
            let minutes: i64 = spec.slots.iter().map(|(_, length)| length).sum();
            assert_eq!(minutes, 960, "{}", spec.code);
            assert_eq!(spec.slots.len(), spec.days.len(), "{}", spec.code);
            assert!(spec.participants as i64 <= spec.capacity, "{}", spec.code);
        }
    }

    #[test]
    fn easter_and_holidays() {
        use jiff::civil::date;
        assert!(is_holiday(date(2026, 4, 6)));
        assert!(!is_holiday(date(2026, 4, 7)));
        assert!(is_holiday(date(2026, 12, 8)));
        // San Francesco, the core's rule: from 2026 only.
        assert!(is_holiday(date(2027, 10, 4)));
        assert!(!is_holiday(date(2025, 10, 4)));
        assert!(is_holiday(date(2026, 12, 24)));
        assert!(!is_working_day(date(2026, 12, 25)));
        assert!(!is_working_day(date(2026, 11, 28)));
        assert!(is_working_day(date(2026, 11, 26)));
        // Tuesday 8 December is skipped.
        assert_eq!(
            weekdays_after(date(2026, 12, 7), 1).unwrap().0,
            date(2026, 12, 9)
        );
    }

    #[test]
    fn weekdays_skip_weekends() {
        // 2026-11-26 is a Thursday.
        let thursday = jiff::civil::date(2026, 11, 26);
        assert_eq!(weekdays_after(thursday, 0).unwrap().0, thursday);
        assert_eq!(
            weekdays_after(thursday, 2).unwrap(),
            (jiff::civil::date(2026, 11, 30), 4)
        );
        assert_eq!(
            weekdays_after(thursday, -4).unwrap(),
            (jiff::civil::date(2026, 11, 20), -6)
        );
    }

    #[test]
    fn stamps_are_italian_local_time_in_utc() {
        let winter = jiff::civil::date(2026, 11, 26);
        let summer = jiff::civil::date(2026, 7, 1);
        assert_eq!(local_stamp(winter, 9 * 60).unwrap(), "2026-11-26T08:00:00Z");
        assert_eq!(local_stamp(summer, 9 * 60).unwrap(), "2026-07-01T07:00:00Z");
        // Summer time starts on the last Sunday of March.
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 3, 28)), 1);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 3, 29)), 2);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 10, 24)), 2);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 10, 25)), 1);
    }

    #[test]
    fn email_addresses_are_plain_ascii() {
        assert_eq!(ascii_word("Dell'Acqua"), "dellacqua");
        assert_eq!(ascii_word("Nicolò"), "nicolo");
        assert_eq!(ascii_word("El Amrani"), "elamrani");
    }
}
