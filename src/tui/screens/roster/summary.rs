//! The roster's figures: the line under the table (marked, present,
//! absent, hours) and, for each participant, the hours still needed for
//! the certificate's threshold or why they are out of reach.

use super::*;

/// `12/15 marked, 11 present, 1 absent, 44 h`.
pub(super) fn summary(roster: &Roster, ui: &Ui) -> String {
    let text = ui.text();
    let marked = roster.lines.iter().filter(|l| l.mark.is_some()).count();
    let present = roster
        .lines
        .iter()
        .filter(|l| l.minutes.is_some_and(|m| m > 0))
        .count();
    let absent = roster.lines.iter().filter(|l| l.minutes == Some(0)).count();
    let delivered: i64 = roster.lines.iter().filter_map(|l| l.minutes).sum();
    fill(
        text.roster_summary,
        &[
            ("marked", &marked.to_string()),
            ("total", &roster.lines.len().to_string()),
            ("present", &present.to_string()),
            ("absent", &absent.to_string()),
            ("hours", &ui.format().hours(delivered)),
        ],
    )
}

/// The hours a participant still needs, or why that is not enough, and
/// the warning (empty when none) that colours their row.
pub(super) fn still_needed(line: &RosterLine, roster: &Roster, ui: &Ui) -> (String, &'static str) {
    let text = ui.text();
    let standing = line.standing(ui.settings.threshold, roster.module_total_minutes);
    // The hours still needed, or, when that is not enough, why.
    let warning = if standing.cannot_reach() {
        text.cannot_reach
    } else if standing.must_attend_all() {
        text.must_attend_all
    } else {
        ""
    };
    let needed = match standing.needed_minutes {
        0 => String::new(),
        _ if !warning.is_empty() => warning.to_string(),
        minutes => ui.format().hours(minutes),
    };
    (needed, warning)
}
