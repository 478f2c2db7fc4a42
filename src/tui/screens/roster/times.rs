//! Late arrivals and early leavings: the time typed at `l` or `e`, and
//! the times as the roster shows them.

use super::*;

impl RosterView {
    /// Enter on the time prompt: an arrival (`l`) or a leaving (`e`,
    /// `leaving`) time, against the cell as it was shown when the key was
    /// pressed; the other time written before is kept, and the hours
    /// follow from both within the session.
    pub(super) fn save_time(
        &mut self,
        typed: &str,
        enrolment_id: i64,
        before: Option<Attendance>,
        leaving: bool,
        ui: &Ui,
    ) {
        let text = ui.text();
        let Some(minute) = crate::domain::parse_time_of_day(typed) else {
            self.message = Some(fill(text.time_not_a_time, &[("input", typed)]));
            return;
        };
        let (start, end) = self.span();
        let kept = before.map(|a| a.times).unwrap_or_default();
        let (times, mark) = if leaving {
            (
                Times {
                    left: Some(minute),
                    ..kept
                },
                Mark::LeftEarly,
            )
        } else {
            (
                Times {
                    arrived: Some(minute),
                    ..kept
                },
                Mark::Late,
            )
        };
        let Some(minutes) = times.minutes_within(start, end) else {
            let refusal = MarkRefusal::TimesOutsideSession {
                start_minute: start,
                end_minute: end,
            };
            self.message = Some(refusal.text(text));
            return;
        };
        let change = MarkChange {
            enrolment_id,
            before,
            after: Some(Attendance {
                minutes,
                mark,
                times,
            }),
        };
        self.commit(vec![change], true, ui);
    }
}

/// The times written for a cell, as the roster shows them: `10:30-`
/// for an arrival, `-12:15` for a leaving, both when both.
pub(super) fn times_shown(times: Times) -> String {
    if times.is_empty() {
        return String::new();
    }
    format!(
        "{}-{}",
        times.arrived.map(format_clock).unwrap_or_default(),
        times.left.map(format_clock).unwrap_or_default()
    )
}
