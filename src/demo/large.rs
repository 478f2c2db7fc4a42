//! The large register: a region's worth of data (100,000 people, 2,000
//! modules, 20,000 sessions, 300,000 enrolments, 1,000,000 attendance
//! marks, 50,000 notes), for benchmarks and for trying the screen on
//! lists far longer than any screen.
//!
//! Like the demo, it follows from a fixed seed through the demo's own
//! generator and its names, organisations and reasons; unlike it, it is
//! not planned to tell a story: rows are written as they are drawn,
//! straight through cached statements in one transaction, so that the
//! whole register is made in seconds.

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::json;

use super::{
    COMMENTS, DemoSummary, MEN, ORGANISATION_TYPES, ORGANISATIONS, REJECTION_REASONS, Rng,
    SURNAMES, TRAINERS, WITHDRAWAL_REASONS, WOMEN, date_error, summarise,
};
use crate::context::Actor;
use crate::domain::{Gender, Role};
use crate::store::bulk::{BulkWrite, ModuleInserts, ModuleRow, PersonRow, RatingInserts};
use crate::store::request_writer::{MarkRow, Request, Step};
use crate::store::seed::{About, Fill, SeedNote, SeedSession};
use crate::store::{self, Store, StoreError};
use crate::taxcode;

/// The seed of the large register.
pub const LARGE_SEED: u64 = 0x2013_0115_1A26_E000;

/// How much a large register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub persons: usize,
    pub modules: usize,
    pub sessions_per_module: usize,
    pub enrolments: usize,
    pub attendance: usize,
    pub notes: usize,
}

impl Scale {
    /// The size of the "huge" register.
    pub const LARGE: Scale = Scale {
        persons: 100_000,
        modules: 2_000,
        sessions_per_module: 10,
        enrolments: 300_000,
        attendance: 1_000_000,
        notes: 50_000,
    };

    /// The same shape, `by` times smaller (for tests).
    pub fn divided(self, by: usize) -> Scale {
        let by = by.max(1);
        Scale {
            persons: (self.persons / by).max(1),
            modules: (self.modules / by).max(1),
            sessions_per_module: self.sessions_per_module,
            enrolments: self.enrolments / by,
            attendance: self.attendance / by,
            notes: self.notes / by,
        }
    }
}

/// How many tutors share the modules.
const TUTORS: usize = 40;
const COORDINATOR: &str = "coordinatrice";
const TOWNS: &[&str] = &[
    "Milano",
    "Bergamo",
    "Brescia",
    "Como",
    "Cremona",
    "Crema",
    "Casalmaggiore",
    "Lecco",
    "Lodi",
    "Mantova",
    "Monza",
    "Pavia",
    "Sondrio",
    "Varese",
];
const TITLES: &[&str] = &[
    "Insegnare l'italiano L2 agli adulti stranieri",
    "Permesso di soggiorno e sportelli: la normativa per gli operatori",
    "Lavoro e cittadini stranieri: norme e buone pratiche",
    "La casa: accesso all'abitazione e mediazione dei conflitti",
    "Servizi sanitari e utenti stranieri",
    "Minori stranieri non accompagnati",
    "Scuola e seconde generazioni",
    "Comunicazione interculturale allo sportello",
];
const NOTE_OPENINGS: &[&str] = &[
    "Partecipante in difficoltà con la lingua",
    "Aula troppo piccola per il gruppo",
    "Richiesta di materiali aggiuntivi",
    "Discussione vivace sui casi degli sportelli comunali",
    "Proiettore non funzionante, firme raccolte su carta",
    "Chiede di recuperare l'incontro perso",
    "Ottimo lavoro di gruppo sui casi pratici",
    "Segnala turni di lavoro incompatibili",
];
const NOTE_FOLLOW_UPS: &[&str] = &[
    "da richiamare la settimana prossima.",
    "avvisata la coordinatrice.",
    "nessun seguito necessario.",
    "da verificare con l'ente di appartenenza.",
    "inviati i materiali sulla piattaforma.",
];

/// Fills a register just made by `Store::create` with a large programme
/// dated around `today`, in one transaction. Refuses a register that
/// already holds modules or people.
pub fn populate_large(
    store: &mut Store,
    actor: &Actor,
    today: Date,
    scale: Scale,
) -> store::Result<DemoSummary> {
    store.fill_empty(Fill::Large, |bulk| write_large(bulk, actor, today, scale))?;
    summarise(store)
}

/// A module as drawn: what later rows need to know of it.
struct Module {
    id: i64,
    /// Its sessions' ids and whether each was held (dated today or
    /// earlier, not cancelled), with their length and date.
    sessions: Vec<(i64, bool, i64, String)>,
    starts: Date,
    /// Whether its last session is over.
    over: bool,
    future: bool,
}

fn write_large(bulk: &BulkWrite, actor: &Actor, today: Date, scale: Scale) -> store::Result<()> {
    let mut rng = Rng::new(LARGE_SEED);
    let tutors = write_tutors(bulk)?;
    let modules = write_modules(bulk, &mut rng, today, scale, &tutors)?;
    let persons = write_persons(bulk, &mut rng, scale)?;
    let enrolments = write_enrolments(bulk, &mut rng, scale, &modules, &persons)?;
    write_attendance(bulk, &mut rng, scale, &modules, &enrolments)?;
    write_notes(bulk, &mut rng, today, scale, &modules, &persons)?;
    let after = json!({
        "seed": LARGE_SEED,
        "modules": scale.modules,
        "sessions": scale.modules * scale.sessions_per_module,
        "persons": scale.persons,
        "enrolments": scale.enrolments,
        "attendance": scale.attendance,
        "notes": scale.notes,
    });
    bulk.audit(actor, "register", "demo", &after)
}

fn write_tutors(bulk: &BulkWrite) -> store::Result<Vec<(i64, String)>> {
    bulk.add_user_if_new(COORDINATOR, "Laura Bianchi", Role::Coordinator)?;
    let mut tutors = Vec::with_capacity(TUTORS);
    for n in 1..=TUTORS {
        let login = format!("tutor{n:02}");
        let id = bulk.add_user_if_new(&login, &format!("Tutor {n}"), Role::Tutor)?;
        tutors.push((id, login));
    }
    Ok(tutors)
}

fn days_from(date: Date, days: i64) -> store::Result<Date> {
    date.checked_add(days.days()).map_err(date_error)
}

fn write_modules(
    bulk: &BulkWrite,
    rng: &mut Rng,
    today: Date,
    scale: Scale,
    tutors: &[(i64, String)],
) -> store::Result<Vec<Module>> {
    // The register's own axes (the config may name others than I…V).
    let axes = bulk.axis_ids()?;
    if axes.is_empty() {
        return Err(StoreError::NotFound("axis"));
    }
    let mut inserts = ModuleInserts::new(bulk)?;
    let mut programme = bulk.programme()?;
    // Six years of programme up to today, and a few months ahead.
    let span = 2_190_i64;
    let ahead = 120_i64;
    let per = scale.sessions_per_module as i64;
    let mut modules = Vec::with_capacity(scale.modules);
    for index in 0..scale.modules {
        let offset = -span + (index as i64 * (span + ahead)) / scale.modules.max(1) as i64;
        let starts = days_from(today, offset)?;
        let ends = days_from(starts, 7 * (per - 1))?;
        let town = rng.pick(TOWNS);
        let venue = format!("Aula {}", 1 + rng.below(12));
        let morning = rng.chance(50);
        let (start, length) = if morning { (540, 240) } else { (840, 180) };
        let (tutor_id, tutor) = &tutors[index % tutors.len()];
        let id = inserts.insert(&ModuleRow {
            id: 0,
            code: format!("M{:04}", index + 1),
            title: rng.pick(TITLES).to_string(),
            axis_id: rng.pick(&axes),
            location: town.to_string(),
            venue: Some(venue.clone()),
            planned_minutes: length * per,
            capacity: rng.range(120, 160),
            starts_on: Some(starts.to_string()),
            ends_on: Some(ends.to_string()),
        })?;
        programme.tutor(*tutor_id, id)?;
        let mut sessions = Vec::with_capacity(scale.sessions_per_module);
        for week in 0..per {
            let date = days_from(starts, 7 * week)?;
            let cancelled = rng.chance(2);
            let past = date <= today;
            let day = date.to_string();
            let closed = (past && !cancelled && date < today).then(|| format!("{day}T18:00:00Z"));
            let session = programme.session(&SeedSession {
                module_id: id,
                date: &day,
                start_minute: start,
                end_minute: start + length,
                venue: Some(&venue),
                trainer: Some(rng.pick(TRAINERS)),
                topic: Some(&format!("Incontro {}", week + 1)),
                cancelled,
                closed: closed.as_deref().map(|at| (at, tutor.as_str())),
            })?;
            sessions.push((session, past && !cancelled, length, day));
        }
        modules.push(Module {
            id,
            sessions,
            starts,
            over: ends < today,
            future: starts > today,
        });
    }
    Ok(modules)
}

/// The people, drawn first and then written together as the importer
/// writes them (`bulk::insert_people`): one at a time, the people's text
/// index spent most of the generator's time merging its segments.
fn write_persons(bulk: &BulkWrite, rng: &mut Rng, scale: Scale) -> store::Result<Vec<i64>> {
    let weights: Vec<u32> = ORGANISATION_TYPES.iter().map(|t| t.weight).collect();
    let by_kind: Vec<Vec<&str>> = ORGANISATION_TYPES
        .iter()
        .map(|kind| {
            ORGANISATIONS
                .iter()
                .filter(|(_, k, _)| *k == kind.word)
                .map(|(name, _, _)| *name)
                .collect()
        })
        .collect();
    let mut codes = HashSet::with_capacity(scale.persons);
    let mut rows = Vec::with_capacity(scale.persons);
    for n in 0..scale.persons {
        let gender = if rng.chance(86) { Gender::F } else { Gender::M };
        let surname = rng.pick(SURNAMES);
        let given = rng.pick(if gender == Gender::F { WOMEN } else { MEN });
        let birth = Date::new(
            rng.range(1955, 1995) as i16,
            rng.range(1, 12) as i8,
            rng.range(1, 28) as i8,
        )
        .map_err(date_error)?;
        // A real municipality, as the tax-code check asks: the drawn
        // number, or the next one that names a place.
        let drawn = rng.below(1000);
        let place = (0..1000)
            .map(|step| format!("F{:03}", (drawn + step) % 1000))
            .find(|code| taxcode::is_known_place(code))
            .unwrap_or_else(|| "F205".to_string());
        let code = taxcode::compute(surname, given, gender, birth, &place);
        // Two people drawn alike would share a code: the second has none,
        // as people without a tax code do.
        let tax_code = codes.insert(code.clone()).then_some(code);
        let kind_index = rng.weighted(&weights);
        let kind = &ORGANISATION_TYPES[kind_index];
        let same_kind = &by_kind[kind_index];
        let organisation = if same_kind.is_empty() {
            kind.word.to_string()
        } else {
            rng.pick(same_kind).to_string()
        };
        let (feminine, masculine) = rng.pick(kind.jobs);
        let job = if gender == Gender::F {
            feminine
        } else {
            masculine
        };
        let email = format!("{}.{}{}@example.org", ascii(given), ascii(surname), n + 1);
        let phone = format!("3{:09}", rng.below(1_000_000_000));
        rows.push(PersonRow {
            id: 0,
            surname: surname.to_string(),
            given_name: given.to_string(),
            gender: gender.letter().to_string(),
            tax_code,
            email: Some(email),
            phone: Some(phone),
            organisation,
            organisation_type: kind.word.to_string(),
            job_title: Some(job.to_string()),
        });
    }
    bulk.insert_people(&rows.iter().collect::<Vec<_>>())
}

fn ascii(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// An enrolment as drawn: the attendance and ratings need its module and
/// whether it is a participation.
struct Enrolment {
    id: i64,
    module: usize,
    participates: bool,
}

fn write_enrolments(
    bulk: &BulkWrite,
    rng: &mut Rng,
    scale: Scale,
    modules: &[Module],
    persons: &[i64],
) -> store::Result<Vec<Enrolment>> {
    let mut requests = bulk.requests()?;
    let reason_weights: Vec<u32> = REJECTION_REASONS.iter().map(|(_, w)| *w).collect();
    // No one applies twice to a module; the register would refuse it.
    let possible = persons.len().saturating_mul(modules.len());
    let wanted = scale.enrolments.min(possible);
    let mut taken: HashSet<(usize, usize)> = HashSet::with_capacity(wanted);
    let mut enrolments = Vec::with_capacity(wanted);
    while enrolments.len() < wanted {
        let person = rng.index(persons.len());
        let module_index = rng.index(modules.len());
        if !taken.insert((person, module_index)) {
            continue;
        }
        let module = &modules[module_index];
        let received = days_from(module.starts, -rng.range(5, 60))?;
        let decided = days_from(received, rng.range(1, 4))?.to_string();
        let roll = rng.below(100);
        // Requests for modules still to come may be pending; older ones
        // were all decided.
        let (status, reason): (&str, Option<&str>) = if module.future {
            match roll {
                0..50 => ("requested", None),
                50..80 => ("accepted", None),
                80..90 => ("waitlisted", None),
                _ => (
                    "rejected",
                    Some(REJECTION_REASONS[rng.weighted(&reason_weights)].0),
                ),
            }
        } else {
            match roll {
                0..78 => ("accepted", None),
                78..88 => (
                    "rejected",
                    Some(REJECTION_REASONS[rng.weighted(&reason_weights)].0),
                ),
                88..95 => ("withdrawn", Some(rng.pick(WITHDRAWAL_REASONS))),
                _ => ("waitlisted", None),
            }
        };
        let id = requests.request(&Request {
            person_id: persons[person],
            module_id: module.id,
            received_on: &received.to_string(),
            status,
            reason,
        })?;
        if status != "requested" {
            let first = if status == "withdrawn" {
                "accepted"
            } else {
                status
            };
            let first_reason = (first == "rejected").then_some(reason).flatten();
            requests.step(
                id,
                &Step {
                    from: Some("requested"),
                    to: first,
                    reason: first_reason,
                    at: &format!("{decided}T09:00:00Z"),
                    by: COORDINATOR,
                },
            )?;
            if status == "withdrawn" {
                requests.step(
                    id,
                    &Step {
                        from: Some("accepted"),
                        to: "withdrawn",
                        reason,
                        at: &format!("{}T09:00:00Z", module.starts),
                        by: COORDINATOR,
                    },
                )?;
            }
        }
        enrolments.push(Enrolment {
            id,
            module: module_index,
            participates: status == "accepted",
        });
    }
    Ok(enrolments)
}

/// Marks exactly `scale.attendance` of the (participation, held session)
/// pairs, or all of them if there are fewer, chosen evenly with
/// selection sampling (Knuth's algorithm S), and written in the
/// attendance table's key order. Participations in finished modules are
/// rated half the time.
fn write_attendance(
    bulk: &BulkWrite,
    rng: &mut Rng,
    scale: Scale,
    modules: &[Module],
    enrolments: &[Enrolment],
) -> store::Result<()> {
    let mut marks = bulk.marks()?;
    let mut rate = RatingInserts::new(bulk)?;
    let held = |m: usize| modules[m].sessions.iter().filter(|s| s.1).count();
    let mut left: usize = enrolments
        .iter()
        .filter(|e| e.participates)
        .map(|e| held(e.module))
        .sum();
    let mut needed = scale.attendance.min(left);
    let mut ordered: Vec<&Enrolment> = enrolments.iter().filter(|e| e.participates).collect();
    ordered.sort_by_key(|e| e.id);
    for enrolment in ordered {
        let module = &modules[enrolment.module];
        for (session, was_held, length, day) in &module.sessions {
            if !was_held {
                continue;
            }
            let take = (rng.below(left as u64) as usize) < needed;
            left -= 1;
            if !take {
                continue;
            }
            needed -= 1;
            let (minutes, mark) = match rng.below(100) {
                0..75 => (*length, "present"),
                75..85 => (0, "absent"),
                85..90 => (*length - 15, "late"),
                90..97 => ((*length / 2) / 15 * 15, "left-early"),
                _ => (0, "excused"),
            };
            marks.write(&MarkRow {
                enrolment_id: enrolment.id,
                session_id: *session,
                minutes,
                mark,
                at: &format!("{day}T18:00:00Z"),
                by: COORDINATOR,
                arrived: None,
                left: None,
            })?;
        }
        if module.over && rng.chance(50) {
            let score = rng.range(2, 5);
            let comments = COMMENTS[(score - 1) as usize];
            let comment = rng.chance(30).then(|| rng.pick(comments));
            rate.insert(enrolment.id, score, comment)?;
        }
    }
    Ok(())
}

fn write_notes(
    bulk: &BulkWrite,
    rng: &mut Rng,
    today: Date,
    scale: Scale,
    modules: &[Module],
    persons: &[i64],
) -> store::Result<()> {
    let mut programme = bulk.programme()?;
    for _ in 0..scale.notes {
        let module_index = rng.index(modules.len());
        let module = &modules[module_index];
        let author = format!("tutor{:02}", module_index % TUTORS + 1);
        let day = days_from(today, -rng.range(0, 2_190))?;
        let at = format!(
            "{day}T{:02}:{:02}:{:02}Z",
            rng.range(7, 18),
            rng.below(60),
            rng.below(60)
        );
        let body = format!("{}: {}", rng.pick(NOTE_OPENINGS), rng.pick(NOTE_FOLLOW_UPS));
        let follow_up = match rng.below(10) {
            0..2 => Some("open"),
            2 => Some("done"),
            _ => None,
        };
        let about = match rng.below(10) {
            0..5 => About::Person(persons[rng.index(persons.len())]),
            5..8 if !module.sessions.is_empty() => {
                About::Session(module.sessions[rng.index(module.sessions.len())].0)
            }
            _ => About::Module(module.id),
        };
        programme.note(
            &SeedNote {
                author: &author,
                created_at: &at,
                updated_at: &at,
                body: &body,
                follow_up,
            },
            &[about],
        )?;
    }
    Ok(())
}
