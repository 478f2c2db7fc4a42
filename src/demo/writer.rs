//! Writing the demo's plan through the store's bulk writer: the same
//! writers of requests, history and marks every other path uses.

use serde_json::json;

use super::{COORDINATOR, Plan, SEED, Subject, TUTORS};
use crate::context::Actor;
use crate::domain::{Role, Status};
use crate::store::bulk::{BulkWrite, ModuleInserts, ModuleRow, PersonRow, RatingInserts};
use crate::store::request_writer::{MarkRow, Request, Step};
use crate::store::seed::{About, SeedNote, SeedSession};
use crate::store::{self, DEFAULT_AXES};

pub(super) fn write_plan(bulk: &BulkWrite, actor: &Actor, plan: &Plan) -> store::Result<()> {
    let users = write_users(bulk)?;
    let modules = write_modules(bulk, plan, &users)?;
    let sessions = write_sessions(bulk, plan, &modules)?;
    let persons = write_persons(bulk, plan)?;
    let enrolments = write_enrolments(bulk, plan, &persons, &modules)?;
    write_attendance(bulk, plan, &enrolments, &sessions)?;
    write_ratings(bulk, plan, &enrolments)?;
    write_notes(bulk, plan, &persons, &sessions, &modules)?;
    let after = json!({
        "seed": SEED,
        "modules": plan.modules.len(),
        "sessions": plan.sessions.len(),
        "persons": plan.persons.len(),
        "enrolments": plan.enrolments.len(),
        "attendance": plan.attendance.len(),
        "ratings": plan.ratings.len(),
        "notes": plan.notes.len(),
    });
    bulk.audit(actor, "register", "demo", &after)
}

/// The tutors' ids, by index into `TUTORS`.
struct Users {
    tutors: [i64; 2],
}

fn write_users(bulk: &BulkWrite) -> store::Result<Users> {
    // The acting user stays as they are, even if they share a login with
    // one of the demo's users.
    bulk.add_user_if_new(COORDINATOR.0, COORDINATOR.1, Role::Coordinator)?;
    let mut tutors = [0; 2];
    for (slot, (login, name)) in tutors.iter_mut().zip(TUTORS) {
        *slot = bulk.add_user_if_new(login, name, Role::Tutor)?;
    }
    Ok(Users { tutors })
}

fn write_modules(bulk: &BulkWrite, plan: &Plan, users: &Users) -> store::Result<Vec<i64>> {
    let mut inserts = ModuleInserts::new(bulk)?;
    let mut programme = bulk.programme()?;
    let mut ids = Vec::with_capacity(plan.modules.len());
    for module in &plan.modules {
        let spec = module.spec;
        let title = DEFAULT_AXES
            .iter()
            .find(|(c, _)| *c == spec.axis)
            .map_or(spec.axis, |(_, title)| *title);
        let axis_id = bulk.axis_id_or_add(spec.axis, title)?;
        let span = super::module_span(module, &plan.sessions);
        let id = inserts.insert(&ModuleRow {
            id: 0,
            code: spec.code.to_string(),
            title: spec.title.to_string(),
            axis_id,
            location: spec.town.name().to_string(),
            venue: Some(module.venue.to_string()),
            planned_minutes: spec.slots.iter().map(|(_, length)| length).sum(),
            capacity: spec.capacity,
            starts_on: span.map(|(first, _)| first.to_string()),
            ends_on: span.map(|(_, last)| last.to_string()),
        })?;
        programme.tutor(users.tutors[spec.tutor], id)?;
        ids.push(id);
    }
    Ok(ids)
}

fn write_sessions(bulk: &BulkWrite, plan: &Plan, modules: &[i64]) -> store::Result<Vec<i64>> {
    let mut programme = bulk.programme()?;
    let mut ids = Vec::with_capacity(plan.sessions.len());
    for session in &plan.sessions {
        let tutor = TUTORS[plan.module_tutor(session.module)].0;
        let date = session.date.to_string();
        ids.push(programme.session(&SeedSession {
            module_id: modules[session.module],
            date: &date,
            start_minute: session.start,
            end_minute: session.end,
            venue: Some(session.venue),
            trainer: Some(session.trainer),
            topic: Some(session.topic),
            cancelled: false,
            closed: session.closed.as_deref().map(|at| (at, tutor)),
        })?);
    }
    Ok(ids)
}

fn write_persons(bulk: &BulkWrite, plan: &Plan) -> store::Result<Vec<i64>> {
    let rows: Vec<PersonRow> = plan
        .persons
        .iter()
        .map(|person| PersonRow {
            id: 0,
            surname: person.surname.clone(),
            given_name: person.given_name.clone(),
            gender: person.gender.letter().to_string(),
            tax_code: Some(person.tax_code.clone()),
            email: Some(person.email.clone()),
            phone: Some(person.phone.clone()),
            organisation: person.organisation.to_string(),
            organisation_type: person.organisation_type.to_string(),
            job_title: Some(person.job_title.to_string()),
        })
        .collect();
    bulk.insert_people(&rows.iter().collect::<Vec<_>>())
}

fn write_enrolments(
    bulk: &BulkWrite,
    plan: &Plan,
    persons: &[i64],
    modules: &[i64],
) -> store::Result<Vec<i64>> {
    let mut requests = bulk.requests()?;
    let mut ids = Vec::with_capacity(plan.enrolments.len());
    for enrolment in &plan.enrolments {
        ids.push(requests.request(&Request {
            person_id: persons[enrolment.person],
            module_id: modules[enrolment.module],
            received_on: &enrolment.received_on.to_string(),
            status: enrolment.status.as_str(),
            reason: enrolment.reason.as_deref(),
        })?);
    }
    // The history, in the order things happened.
    let mut changes: Vec<(&str, i64, &super::Change)> = plan
        .enrolments
        .iter()
        .zip(&ids)
        .flat_map(|(e, &id)| e.history.iter().map(move |c| (c.at.as_str(), id, c)))
        .collect();
    changes.sort_by_key(|&(at, id, change)| (at, id, change.to));
    for (at, id, change) in changes {
        requests.step(
            id,
            &Step {
                from: change.from.map(Status::as_str),
                to: change.to.as_str(),
                reason: change.reason.as_deref(),
                at,
                by: COORDINATOR.0,
            },
        )?;
    }
    Ok(ids)
}

fn write_attendance(
    bulk: &BulkWrite,
    plan: &Plan,
    enrolments: &[i64],
    sessions: &[i64],
) -> store::Result<()> {
    let mut marks = bulk.marks()?;
    for row in &plan.attendance {
        let tutor = TUTORS[plan.module_tutor(plan.sessions[row.session].module)].0;
        marks.write(&MarkRow {
            enrolment_id: enrolments[row.enrolment],
            session_id: sessions[row.session],
            minutes: row.minutes,
            mark: row.mark.as_str(),
            at: &row.at,
            by: tutor,
            arrived: None,
            left: None,
        })?;
    }
    Ok(())
}

fn write_ratings(bulk: &BulkWrite, plan: &Plan, enrolments: &[i64]) -> store::Result<()> {
    let mut inserts = RatingInserts::new(bulk)?;
    for row in &plan.ratings {
        inserts.insert(enrolments[row.enrolment], row.score, row.comment)?;
    }
    Ok(())
}

fn write_notes(
    bulk: &BulkWrite,
    plan: &Plan,
    persons: &[i64],
    sessions: &[i64],
    modules: &[i64],
) -> store::Result<()> {
    let mut programme = bulk.programme()?;
    for note in &plan.notes {
        let about: Vec<About> = note
            .subjects
            .iter()
            .map(|subject| match *subject {
                Subject::Person(p) => About::Person(persons[p]),
                Subject::Session(s) => About::Session(sessions[s]),
                Subject::Module(m) => About::Module(modules[m]),
            })
            .collect();
        programme.note(
            &SeedNote {
                author: TUTORS[note.author].0,
                created_at: &note.created_at,
                updated_at: &note.updated_at,
                body: &note.body,
                follow_up: note.follow_up,
            },
            &about,
        )?;
    }
    Ok(())
}
