//! The demo's attendance, closed roll calls and ratings.

use super::*;

/// How a participant tends to attend: weights of present, late,
/// left-early, absent, excused.
pub(super) const STEADY: [u32; 5] = [74, 8, 7, 7, 4];
pub(super) const UNSTEADY: [u32; 5] = [45, 12, 13, 22, 8];
pub(super) const MARKS: [Mark; 5] = [
    Mark::Present,
    Mark::Late,
    Mark::LeftEarly,
    Mark::Absent,
    Mark::Excused,
];

#[derive(Clone, Copy)]
pub(super) enum Habit {
    Steady,
    Unsteady,
    /// Came to the first session, then stopped coming.
    DropsOut,
}

pub(super) fn draw_mark(rng: &mut Rng, habit: Habit, number: usize, length: i64) -> (i64, Mark) {
    let mark = match habit {
        Habit::Steady => MARKS[rng.weighted(&STEADY)],
        Habit::Unsteady => MARKS[rng.weighted(&UNSTEADY)],
        Habit::DropsOut if number == 0 => MARKS[rng.weighted(&STEADY)],
        Habit::DropsOut if rng.chance(25) => Mark::Excused,
        Habit::DropsOut => Mark::Absent,
    };
    let quarters = length / 15;
    let minutes = match mark {
        Mark::Present => length,
        Mark::Absent | Mark::Excused => 0,
        // Came in 15 minutes to an hour late.
        Mark::Late => length - 15 * rng.range(1, 4.min(quarters - 1)),
        // Left after a half to three quarters of the session.
        Mark::LeftEarly => 15 * rng.range(quarters / 2, (quarters * 3 / 4).max(quarters / 2)),
    };
    (minutes.clamp(0, length), mark)
}

pub(super) fn plan_attendance(
    rng: &mut Rng,
    today: Date,
    plan: &Plan,
) -> store::Result<Vec<AttendanceRow>> {
    let mut rows = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        let mut roster = plan.participations(m);
        roster.sort_by(|&a, &b| {
            let (pa, pb) = (
                &plan.persons[plan.enrolments[a].person],
                &plan.persons[plan.enrolments[b].person],
            );
            (&pa.surname, &pa.given_name, a).cmp(&(&pb.surname, &pb.given_name, b))
        });
        let habits: Vec<Habit> = roster
            .iter()
            .map(|_| match rng.weighted(&[70, 22, 8]) {
                0 => Habit::Steady,
                1 => Habit::Unsteady,
                _ => Habit::DropsOut,
            })
            .collect();
        for (number, &s) in module.sessions.iter().enumerate() {
            let session = &plan.sessions[s];
            let length = session.end - session.start;
            let marked = if session.date < today {
                roster.len()
            } else if session.date == today && session.start < 12 * 60 {
                // The morning's roster, being filled in as people arrive.
                roster.len() * 3 / 5
            } else {
                0
            };
            for (&enrolment, &habit) in roster.iter().zip(&habits).take(marked) {
                let (minutes, mark) = draw_mark(rng, habit, number, length);
                let at = if session.date < today {
                    local_stamp(session.date, session.end + rng.range(1, 12) * 5)?
                } else {
                    local_stamp(session.date, session.start + rng.range(2, 8) * 5)?
                };
                rows.push(AttendanceRow {
                    enrolment,
                    session: s,
                    minutes,
                    mark,
                    at,
                });
            }
        }
    }
    Ok(rows)
}

/// Past sessions are closed by their tutor, except the latest one of each
/// module still running (the tutor has not got round to it yet).
pub(super) fn close_sessions(rng: &mut Rng, today: Date, plan: &mut Plan) -> store::Result<()> {
    for module in &plan.modules {
        let running = module
            .sessions
            .iter()
            .any(|&s| plan.sessions[s].date >= today);
        let past: Vec<usize> = module
            .sessions
            .iter()
            .copied()
            .filter(|&s| plan.sessions[s].date < today)
            .collect();
        let left_open = if running { past.last().copied() } else { None };
        for s in past {
            if Some(s) == left_open {
                continue;
            }
            let session = &mut plan.sessions[s];
            session.closed = Some(local_stamp(
                session.date,
                session.end + rng.range(4, 18) * 5,
            )?);
        }
    }
    Ok(())
}

/// Most participants of finished modules rate them; those who stopped
/// coming rarely do.
pub(super) fn plan_ratings(rng: &mut Rng, today: Date, plan: &Plan) -> Vec<RatingRow> {
    let mut rows = Vec::new();
    for (m, module) in plan.modules.iter().enumerate() {
        let finished = module_span(module, &plan.sessions).is_some_and(|(_, last)| last < today);
        if !finished {
            continue;
        }
        for enrolment in plan.participations(m) {
            let attended: i64 = plan
                .attendance
                .iter()
                .filter(|a| a.enrolment == enrolment)
                .map(|a| a.minutes)
                .sum();
            let answers = if attended * 2 >= i64::from(16 * 60) {
                88
            } else {
                30
            };
            if !rng.chance(answers) {
                continue;
            }
            let score = rng.weighted(&[4, 8, 22, 40, 26]) + 1;
            let comment = rng.chance(25).then(|| rng.pick(COMMENTS[score - 1]));
            rows.push(RatingRow {
                enrolment,
                score: score as i64,
                comment,
            });
        }
    }
    rows
}
