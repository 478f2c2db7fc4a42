//! The demo's requests: who applies to which module, and the history
//! of each request's status.

use super::*;

/// How many people take 4, 3 and 2 modules: 2×4 + 10×3 + 40×2, so that
/// 52 people take more than one, as in the real programme.
pub(super) const MULTI_MODULE: [(usize, usize); 3] = [(4, 2), (3, 10), (2, 40)];

/// Spreads the participations over people: every module gets its number
/// of participants, some people several modules, no one twice in one.
/// Returns, per module, the people taking part.
pub(super) fn assign_participants(
    rng: &mut Rng,
    modules: &[ModuleRow],
    people: &mut People,
) -> store::Result<Vec<Vec<usize>>> {
    let mut remaining: Vec<usize> = modules.iter().map(|m| m.spec.participants).collect();
    let total: usize = remaining.iter().sum();
    let mut counts: Vec<usize> = Vec::new();
    for (modules_each, people_count) in MULTI_MODULE {
        counts.extend(std::iter::repeat_n(modules_each, people_count));
    }
    let multi: usize = counts.iter().sum();
    counts.extend(std::iter::repeat_n(1, total.saturating_sub(multi)));
    let mut members = vec![Vec::new(); modules.len()];
    for count in counts {
        // The fullest-remaining modules first, ties broken at random:
        // this always leaves room for everyone.
        let mut order: Vec<(usize, u64, usize)> = remaining
            .iter()
            .enumerate()
            .map(|(m, &left)| (left, rng.next_u64(), m))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let chosen: Vec<usize> = order
            .iter()
            .filter(|(left, _, _)| *left > 0)
            .take(count)
            .map(|&(_, _, m)| m)
            .collect();
        let Some(&home) = chosen.iter().min() else {
            continue;
        };
        let person = people.add(rng, modules[home].spec.town)?;
        for m in chosen {
            remaining[m] -= 1;
            members[m].push(person);
        }
    }
    for list in &mut members {
        rng.shuffle(list);
    }
    Ok(members)
}

/// When requests for a module could arrive and be decided, in days from
/// today: from six weeks before the first session to the day before it
/// (or yesterday, for modules still to start).
#[derive(Clone, Copy)]
pub(super) struct Window {
    pub(super) opens: i64,
    pub(super) closes: i64,
}

impl Window {
    pub(super) fn of(first_day: i64) -> Window {
        Window {
            opens: first_day - 45,
            closes: (first_day - 1).min(-1),
        }
    }

    /// The last two weeks of the window: for requests that came when the
    /// module was already full, or too late.
    pub(super) fn late(self) -> Window {
        Window {
            opens: self.opens.max(self.closes - 15),
            closes: self.closes,
        }
    }
}

/// `steps` days in the window, in days from today, strictly increasing:
/// a request (any day: forms come in at weekends too) and the decisions on
/// it (on working days, as far as the window allows).
pub(super) fn history_days(
    rng: &mut Rng,
    today: Date,
    window: Window,
    steps: usize,
) -> store::Result<Vec<i64>> {
    let steps = steps.max(1) as i64;
    let mut days = Vec::with_capacity(steps as usize);
    let mut day = rng.range(window.opens, window.closes - 3 * (steps - 1) - 3);
    days.push(day);
    for k in 1..steps {
        let still_to_come = steps - 1 - k;
        let hi = (day + 12).min(window.closes - still_to_come).max(day + 1);
        day = rng.range(day + 1, hi);
        while day < hi && !is_working_day(days_after(today, day)?) {
            day += 1;
        }
        days.push(day);
    }
    Ok(days)
}

/// What happens to one request, step by step after `requested`.
pub(super) fn status_steps(
    rng: &mut Rng,
    status: Status,
    via_waitlist: bool,
    reason: Option<&str>,
) -> Vec<(Status, Option<String>)> {
    let reason = reason.map(str::to_string);
    match status {
        Status::Accepted if via_waitlist => {
            vec![(Status::Waitlisted, None), (Status::Accepted, None)]
        }
        Status::Accepted => vec![(Status::Accepted, None)],
        Status::Withdrawn => vec![(Status::Accepted, None), (Status::Withdrawn, reason)],
        Status::Rejected if reason.as_deref() == Some("posti esauriti") && rng.chance(40) => {
            vec![(Status::Waitlisted, None), (Status::Rejected, reason)]
        }
        Status::Rejected => vec![(Status::Rejected, reason)],
        Status::Waitlisted => vec![(Status::Waitlisted, None)],
        Status::Requested => Vec::new(),
    }
}

pub(super) fn plan_enrolments(
    rng: &mut Rng,
    today: Date,
    modules: &[ModuleRow],
    sessions: &[SessionRow],
    people: &mut People,
) -> store::Result<Vec<EnrolmentRow>> {
    let members = assign_participants(rng, modules, people)?;
    let participants_count = people.rows.len();
    let mut enrolled: Vec<HashSet<usize>> = members
        .iter()
        .map(|list| list.iter().copied().collect())
        .collect();
    let mut rows = Vec::new();
    for (m, module) in modules.iter().enumerate() {
        let spec = module.spec;
        let first_day = first_session_day(module, sessions)?;
        let window = Window::of(first_day);
        // Those who got a place freed by a withdrawal came late, were
        // waitlisted, then accepted.
        let through_waitlist = spec.withdrawn.min(2);
        for (n, &person) in members[m].iter().enumerate() {
            let late = n < through_waitlist;
            let steps = status_steps(rng, Status::Accepted, late, None);
            let window = if late { window.late() } else { window };
            rows.push(enrolment(rng, today, window, person, m, &steps)?);
        }
        // A module was full when it had accepted as many as its places.
        let was_full = (spec.participants + spec.withdrawn) as i64 >= spec.capacity;
        let mut others: Vec<Status> = Vec::new();
        others.extend(std::iter::repeat_n(Status::Withdrawn, spec.withdrawn));
        others.extend(std::iter::repeat_n(Status::Rejected, spec.rejected));
        others.extend(std::iter::repeat_n(Status::Waitlisted, spec.waitlisted));
        others.extend(std::iter::repeat_n(Status::Requested, spec.pending));
        for status in others {
            let mut reason = match status {
                Status::Rejected => Some(
                    REJECTION_REASONS
                        [rng.weighted(&REJECTION_REASONS.iter().map(|r| r.1).collect::<Vec<_>>())]
                    .0,
                ),
                Status::Withdrawn => Some(rng.pick(WITHDRAWAL_REASONS)),
                _ => None,
            };
            if reason == Some("posti esauriti") && !was_full {
                reason = Some("requisiti mancanti");
            }
            let person = if reason == Some("duplicato") {
                match sibling_participant(rng, modules, &members, &enrolled, m) {
                    Some(person) => person,
                    None => {
                        reason = Some("posti esauriti");
                        someone_else(
                            rng,
                            status,
                            participants_count,
                            &enrolled[m],
                            people,
                            spec.town,
                        )?
                    }
                }
            } else {
                someone_else(
                    rng,
                    status,
                    participants_count,
                    &enrolled[m],
                    people,
                    spec.town,
                )?
            };
            enrolled[m].insert(person);
            let steps = status_steps(rng, status, false, reason);
            let late = status == Status::Waitlisted
                || matches!(
                    reason,
                    Some("posti esauriti" | "domanda pervenuta fuori termine")
                );
            let window = if late { window.late() } else { window };
            let row = if status == Status::Requested {
                pending_request(rng, window, today, person, m)?
            } else {
                enrolment(rng, today, window, person, m, &steps)?
            };
            rows.push(row);
        }
    }
    // In the register, requests are numbered as they arrived.
    rows.sort_by(|a, b| {
        let key = |e: &EnrolmentRow| e.history.first().map(|c| c.at.clone());
        key(a)
            .cmp(&key(b))
            .then(a.module.cmp(&b.module))
            .then(a.person.cmp(&b.person))
    });
    Ok(rows)
}

pub(super) fn first_session_day(module: &ModuleRow, sessions: &[SessionRow]) -> store::Result<i64> {
    module
        .sessions
        .iter()
        .map(|&s| sessions[s].day)
        .min()
        .ok_or(StoreError::NotFound("demo session"))
}

/// A person for a request that is not a participation: now and then one
/// who takes part in another module, otherwise someone new.
pub(super) fn someone_else(
    rng: &mut Rng,
    status: Status,
    participants_count: usize,
    enrolled: &HashSet<usize>,
    people: &mut People,
    town: Town,
) -> store::Result<usize> {
    let reuse = match status {
        Status::Withdrawn => 20,
        Status::Rejected => 25,
        _ => 30,
    };
    if participants_count > 0 && rng.chance(reuse) {
        for _ in 0..10 {
            let person = rng.index(participants_count);
            if !enrolled.contains(&person) {
                return Ok(person);
            }
        }
    }
    people.add(rng, town)
}

/// Someone who takes part in another edition of the same title: the
/// request here is a duplicate.
pub(super) fn sibling_participant(
    rng: &mut Rng,
    modules: &[ModuleRow],
    members: &[Vec<usize>],
    enrolled: &[HashSet<usize>],
    module: usize,
) -> Option<usize> {
    let title = modules[module].spec.title;
    let candidates: Vec<usize> = modules
        .iter()
        .enumerate()
        .filter(|(m, other)| *m != module && other.spec.title == title)
        .flat_map(|(m, _)| members[m].iter().copied())
        .filter(|person| !enrolled[module].contains(person))
        .collect();
    (!candidates.is_empty()).then(|| rng.pick(&candidates))
}

pub(super) fn enrolment(
    rng: &mut Rng,
    today: Date,
    window: Window,
    person: usize,
    module: usize,
    steps: &[(Status, Option<String>)],
) -> store::Result<EnrolmentRow> {
    let days = history_days(rng, today, window, steps.len() + 1)?;
    let received_on = days_after(today, days[0])?;
    let mut history = vec![Change {
        from: None,
        to: Status::Requested,
        reason: None,
        at: local_stamp(received_on, office_minute(rng, 8, 20))?,
    }];
    let mut from = Status::Requested;
    for ((to, reason), &day) in steps.iter().zip(&days[1..]) {
        let date = days_after(today, day)?;
        history.push(Change {
            from: Some(from),
            to: *to,
            reason: reason.clone(),
            at: local_stamp(date, office_minute(rng, 9, 18))?,
        });
        from = *to;
    }
    let final_reason = steps.last().and_then(|(_, reason)| reason.clone());
    Ok(EnrolmentRow {
        person,
        module,
        received_on,
        status: from,
        reason: final_reason,
        history,
    })
}

/// A request that arrived in the last days and waits to be decided.
pub(super) fn pending_request(
    rng: &mut Rng,
    window: Window,
    today: Date,
    person: usize,
    module: usize,
) -> store::Result<EnrolmentRow> {
    let day = rng.range((-6).max(window.opens), window.closes.max(window.opens));
    let received_on = days_after(today, day)?;
    Ok(EnrolmentRow {
        person,
        module,
        received_on,
        status: Status::Requested,
        reason: None,
        history: vec![Change {
            from: None,
            to: Status::Requested,
            reason: None,
            at: local_stamp(received_on, office_minute(rng, 8, 20))?,
        }],
    })
}
