//! A file of enrolment requests: who (a person, matched or added), for
//! which module, received when, and where the request stands. A final
//! status is written with the history that leads to it.

use std::collections::{HashMap, HashSet};

use super::languages::Languages;
use super::people::People;
use super::problem::Problem;
use super::read::Record;
use super::{Job, Modules, Phase, differs, fields};
use crate::domain::{Gender, Status};
use crate::mail::PersonLanguage;
use crate::store::lookup::Lookup;
use crate::store::request_writer::Entry;
use crate::store::{self, bulk};
use crate::taxcode;

struct Planned {
    line: u64,
    person: usize,
    module_id: i64,
    received_on: String,
    status: Status,
    reason: Option<String>,
}

pub(super) fn run(job: &mut Job, records: &[Record]) -> store::Result<()> {
    let writer = job.bulk;
    let mut modules = Modules::open(writer);
    let mut people = People::open(writer, records.len(), job.reading)?;
    let mut existing = Lookup::by_key(writer, bulk::enrolment_of);
    let mut seen: HashMap<(usize, i64), u64> = HashMap::new();
    let mut matched: HashSet<usize> = HashSet::new();
    let mut planned = Vec::new();
    let mut languages = Languages::default();
    for (index, record) in records.iter().enumerate() {
        job.tick(Phase::Checking, index + 1, records.len());
        let mut cells = job.cells(record);
        let received = cells.parse("received_on", fields::date);
        let module = modules.of_row(&mut cells)?.map(|(id, _)| id);
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
        let language = cells.parse_optional("language", |t| {
            PersonLanguage::parse(t).ok_or_else(|| Problem::UnknownLanguage(t.to_string()))
        });
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
        if let Some(code) = &tax_code
            && !code.name_letters_match(surname, given_name)
        {
            job.warn(
                record.line,
                "tax_code",
                Problem::TaxCodeNames {
                    code_says: code.code.get(..6).unwrap_or_default().to_string(),
                    row_says: taxcode::name_letters(surname, given_name),
                },
            );
        }
        let row = RowPerson {
            surname,
            given_name,
            gender: gender.letter(),
            tax_code: tax_code.map(|c| c.code),
            email,
            phone,
            organisation,
            organisation_type,
            job_title,
        };
        let person = match people.find(row.tax_code.as_deref(), row.email.as_deref())? {
            Some(found) => {
                if people.list[found].existing {
                    matched.insert(found);
                }
                let email_of_another = people.fill_in(
                    found,
                    row.tax_code.as_deref(),
                    row.email.as_deref(),
                    row.phone,
                )?;
                if let Some(other) = email_of_another {
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
                note_differences(job, record.line, &row, &people.list[found].row);
                found
            }
            None => {
                if let Some(other) = people.email_owner(row.email.as_deref())? {
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
                people.add_new(row.into_row())
            }
        };
        languages.row(job, record.line, person, &people.list[person], language)?;
        if let Some(&line) = seen.get(&(person, module)) {
            job.refuse(record.line, super::ROW, Problem::Repeats { line });
            continue;
        }
        seen.insert((person, module), record.line);
        let known = &people.list[person];
        if known.existing
            && let Some(old) = existing.get(&(known.row.id, module))?
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
            line: record.line,
            person,
            module_id: module,
            received_on: received.to_string(),
            status,
            reason: reason.map(str::to_string),
        });
    }
    job.outcome.matched_people = matched.len();
    warn_over_capacity(job, &planned)?;
    if !job.outcome.errors.is_empty() {
        return Ok(());
    }
    // New people first, in the order of the file.
    let mut ids: Vec<i64> = people.list.iter().map(|k| k.row.id).collect();
    let fresh: Vec<usize> = (0..people.list.len())
        .filter(|&index| !people.list[index].existing)
        .collect();
    let rows: Vec<&bulk::PersonRow> = fresh.iter().map(|&index| &people.list[index].row).collect();
    for (&index, id) in fresh.iter().zip(job.bulk.insert_people(&rows)?) {
        ids[index] = id;
    }
    job.outcome.added.people = fresh.len();
    languages.write(job, &ids)?;
    // What the file told of people the register knew without it.
    for &index in &people.filled {
        job.bulk.fill_in_person(&people.list[index].row)?;
    }
    let (stamp, user) = (job.stamp.clone(), job.actor.user.clone());
    let mut requests = job.bulk.requests()?;
    for (index, plan) in planned.iter().enumerate() {
        job.tick(Phase::Writing, index + 1, planned.len());
        let enrolment = requests.entered(
            &Entry {
                person_id: ids[plan.person],
                module_id: plan.module_id,
                received_on: &plan.received_on,
                status: plan.status,
                reason: plan.reason.as_deref(),
            },
            &stamp,
            &user,
        )?;
        if job.notify {
            let queued = job.bulk.queue_decision_letter(
                job.actor,
                enrolment,
                plan.status,
                plan.reason.as_deref(),
            )?;
            job.outcome.queued += usize::from(queued);
        }
    }
    job.outcome.added.enrolments = planned.len();
    Ok(())
}

/// Warns, with the line, about each accepted request that takes its
/// module beyond its places, counting the register's participants and
/// the file's accepted rows before it: the queue's rule, told rather
/// than asked, since a file goes in whole.
fn warn_over_capacity(job: &mut Job, planned: &[Planned]) -> store::Result<()> {
    let mut places: HashMap<i64, (String, i64, i64)> = HashMap::new();
    for plan in planned.iter().filter(|p| p.status == Status::Accepted) {
        let module = match places.entry(plan.module_id) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(job.bulk.module_places(plan.module_id)?)
            }
        };
        module.2 += 1;
        if module.2 > module.1 {
            let problem = Problem::OverCapacity {
                module: module.0.clone(),
                taken: module.2,
                places: module.1,
            };
            job.warn(plan.line, "status", problem);
        }
    }
    Ok(())
}

/// A row's person as the file gives it, borrowed from the row where it
/// can be: most rows of a file name someone already known (a second
/// request, a file imported again), and those are only compared.
struct RowPerson<'r> {
    surname: &'r str,
    given_name: &'r str,
    gender: &'static str,
    tax_code: Option<String>,
    email: Option<String>,
    phone: Option<&'r str>,
    organisation: &'r str,
    organisation_type: &'r str,
    job_title: Option<&'r str>,
}

impl RowPerson<'_> {
    /// The person to add, id still unknown.
    fn into_row(self) -> bulk::PersonRow {
        bulk::PersonRow {
            id: 0,
            surname: self.surname.to_string(),
            given_name: self.given_name.to_string(),
            gender: self.gender.to_string(),
            tax_code: self.tax_code,
            email: self.email,
            phone: self.phone.map(str::to_string),
            organisation: self.organisation.to_string(),
            organisation_type: self.organisation_type.to_string(),
            job_title: self.job_title.map(str::to_string),
        }
    }
}

/// Notes each field where the row says something other than the person
/// it matched; nothing is changed.
fn note_differences(job: &mut Job, line: u64, row: &RowPerson, known: &bulk::PersonRow) {
    let pairs: [(&str, Option<&str>, Option<&str>); 9] = [
        ("surname", Some(row.surname), Some(&known.surname)),
        ("given_name", Some(row.given_name), Some(&known.given_name)),
        ("gender", Some(row.gender), Some(&known.gender)),
        (
            "tax_code",
            row.tax_code.as_deref(),
            known.tax_code.as_deref(),
        ),
        ("email", row.email.as_deref(), known.email.as_deref()),
        ("phone", row.phone, known.phone.as_deref()),
        (
            "organisation",
            Some(row.organisation),
            Some(&known.organisation),
        ),
        (
            "organisation_type",
            Some(row.organisation_type),
            Some(&known.organisation_type),
        ),
        ("job_title", row.job_title, known.job_title.as_deref()),
    ];
    // Only where both have a value: a blank of the register is filled
    // in (`People::fill_in`), not a difference.
    for (column, file, register) in pairs {
        let known = register.is_some_and(|value| !value.trim().is_empty());
        if known && differs(file, register) && job.mapping.has(column) {
            job.note(line, column, file.unwrap_or(""), register.unwrap_or(""));
        }
    }
}
