//! A file of enrolment requests: who (a person, matched or added), for
//! which module, received when, and where the request stands. A final
//! status is written with the history that leads to it.

use std::collections::{HashMap, HashSet};

use super::people::{Match, People};
use super::problem::Problem;
use super::read::Record;
use super::{Job, Phase, differs, fields};
use crate::domain::{Gender, Status};
use crate::store::{self, bulk};

struct Planned {
    person: usize,
    module_id: i64,
    received_on: String,
    status: Status,
    reason: Option<String>,
}

/// The steps from a new request to `status`, as the design allows them.
pub fn path_to(status: Status) -> &'static [Status] {
    use Status::*;
    match status {
        Requested => &[Requested],
        Accepted => &[Requested, Accepted],
        Rejected => &[Requested, Rejected],
        Waitlisted => &[Requested, Waitlisted],
        Withdrawn => &[Requested, Accepted, Withdrawn],
    }
}

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let modules: HashMap<String, i64> = bulk::modules(job.tx)?
        .into_iter()
        .map(|m| (m.code.to_uppercase(), m.id))
        .collect();
    let mut people = People::load(job.tx)?;
    let existing = bulk::enrolments(job.tx)?;
    let mut seen: HashMap<(usize, i64), u64> = HashMap::new();
    let mut matched: HashSet<usize> = HashSet::new();
    let mut planned = Vec::new();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        let received = cells.parse("received_on", fields::date);
        let module = cells.required("module").and_then(|code| {
            let found = modules.get(&code.to_uppercase()).copied();
            cells.check(
                "module",
                found.ok_or(Problem::UnknownModule(code.to_string())),
            )
        });
        let surname = cells.required("surname");
        let given_name = cells.required("given_name");
        let gender = cells.parse("gender", |t| {
            Gender::parse(t).map_err(|_| Problem::UnknownGender(t.to_string()))
        });
        let tax_code = cells.parse_optional("tax_code", fields::tax_code);
        let email = cells.parse_optional("email", fields::email);
        if cells.optional("tax_code").is_none() && cells.optional("email").is_none() {
            cells.refuse("tax_code", Problem::NoPersonKey);
        }
        let organisation = cells.required("organisation");
        let organisation_type = cells.required("organisation_type");
        let status = cells
            .parse_optional("status", |t| {
                Status::parse(t).map_err(|_| Problem::UnknownStatus(t.to_string()))
            })
            .unwrap_or(Status::Requested);
        let reason = cells.optional("reason");
        if status.needs_reason() && reason.is_none() {
            cells.refuse(
                "reason",
                Problem::ReasonRequired(status.as_str().to_string()),
            );
        }
        let clean = cells.is_clean();
        let phone = cells.optional("phone");
        let job_title = cells.optional("job_title");
        job.keep_errors(cells);
        let (
            true,
            Some(received),
            Some(module),
            Some(surname),
            Some(given_name),
            Some(gender),
            Some(organisation),
            Some(organisation_type),
        ) = (
            clean,
            received,
            module,
            surname,
            given_name,
            gender,
            organisation,
            organisation_type,
        )
        else {
            continue;
        };
        if let Some(code) = &tax_code
            && gender != Gender::X
            && code.gender != gender
        {
            job.warn(
                record.line,
                "tax_code",
                Problem::TaxCodeGender {
                    code_says: code.gender.letter().to_string(),
                    row_says: gender.letter().to_string(),
                },
            );
        }
        let row = bulk::PersonRow {
            id: 0,
            surname: surname.to_string(),
            given_name: given_name.to_string(),
            gender: gender.letter().to_string(),
            tax_code: tax_code.map(|c| c.code),
            email,
            phone: phone.map(str::to_string),
            organisation: organisation.to_string(),
            organisation_type: organisation_type.to_string(),
            job_title: job_title.map(str::to_string),
        };
        let person = match people.resolve(row.clone()) {
            Match::Known(found) => {
                if people.list[found].existing {
                    matched.insert(found);
                }
                note_differences(job, record.line, &row, &people.list[found].row);
                found
            }
            Match::New { index, email_of } => {
                if let Some(other) = email_of {
                    let other = &people.list[other].row;
                    job.warn(
                        record.line,
                        "email",
                        Problem::EmailOfAnother {
                            email: row.email.clone().unwrap_or_default(),
                            name: format!("{} {}", other.surname, other.given_name),
                        },
                    );
                }
                index
            }
        };
        if let Some(&line) = seen.get(&(person, module)) {
            job.refuse(record.line, "module", Problem::Repeats { line });
            continue;
        }
        seen.insert((person, module), record.line);
        let known = &people.list[person];
        if known.existing
            && let Some(old) = existing.get(&(known.row.id, module))
        {
            job.outcome.skipped += 1;
            let received = received.to_string();
            if differs(Some(&received), Some(&old.received_on)) {
                job.note(record.line, "received_on", &received, &old.received_on);
            }
            if job.mapping.has("status") && status.as_str() != old.status {
                job.note(record.line, "status", status.as_str(), &old.status);
            }
            continue;
        }
        planned.push(Planned {
            person,
            module_id: module,
            received_on: received.to_string(),
            status,
            reason: reason.map(str::to_string),
        });
    }
    job.outcome.matched_people = matched.len();
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    // New people first, in the order of the file.
    let mut ids: Vec<i64> = people.list.iter().map(|k| k.row.id).collect();
    let fresh: Vec<usize> = (0..people.list.len())
        .filter(|&i| !people.list[i].existing)
        .collect();
    for &index in &fresh {
        ids[index] = bulk::insert_person(job.tx, &people.list[index].row)?;
    }
    job.outcome.added.people = fresh.len();
    let (stamp, user) = (job.stamp.clone(), job.actor.user.clone());
    for (index, plan) in planned.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, planned.len());
        let enrolment = bulk::insert_enrolment(
            job.tx,
            &bulk::EnrolmentRow {
                id: 0,
                person_id: ids[plan.person],
                module_id: plan.module_id,
                received_on: plan.received_on.clone(),
                status: plan.status.as_str().to_string(),
                reason: plan.reason.clone(),
            },
        )?;
        let mut from: Option<Status> = None;
        for &step in path_to(plan.status) {
            let reason = if step == plan.status {
                plan.reason.as_deref()
            } else {
                None
            };
            bulk::insert_history(
                job.tx,
                enrolment,
                from.map(Status::as_str),
                step.as_str(),
                reason,
                &stamp,
                &user,
            )?;
            from = Some(step);
        }
    }
    job.outcome.added.enrolments = planned.len();
    Ok(())
}

/// Notes each field where the row says something other than the person
/// it matched; nothing is changed.
fn note_differences(job: &mut Job, line: u64, row: &bulk::PersonRow, known: &bulk::PersonRow) {
    let pairs: [(&str, Option<&str>, Option<&str>); 9] = [
        ("surname", Some(&row.surname), Some(&known.surname)),
        ("given_name", Some(&row.given_name), Some(&known.given_name)),
        ("gender", Some(&row.gender), Some(&known.gender)),
        (
            "tax_code",
            row.tax_code.as_deref(),
            known.tax_code.as_deref(),
        ),
        ("email", row.email.as_deref(), known.email.as_deref()),
        ("phone", row.phone.as_deref(), known.phone.as_deref()),
        (
            "organisation",
            Some(&row.organisation),
            Some(&known.organisation),
        ),
        (
            "organisation_type",
            Some(&row.organisation_type),
            Some(&known.organisation_type),
        ),
        (
            "job_title",
            row.job_title.as_deref(),
            known.job_title.as_deref(),
        ),
    ];
    for (column, file, register) in pairs {
        if differs(file, register) && job.mapping.has(column) {
            job.note(line, column, file.unwrap_or(""), register.unwrap_or(""));
        }
    }
}
