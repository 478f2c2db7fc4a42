//! The tutors' notes of the demo.

use super::*;

pub(super) fn ending(gender: Gender) -> &'static str {
    if gender == Gender::F { "a" } else { "o" }
}

/// The module with this code.
pub(super) fn module_index(plan: &Plan, code: &str) -> Option<usize> {
    plan.modules.iter().position(|m| m.spec.code == code)
}

/// A participation of a module with a mark of this kind, and the session.
pub(super) fn marked(plan: &Plan, module: usize, mark: Mark) -> Option<(usize, usize)> {
    plan.attendance
        .iter()
        .find(|a| a.mark == mark && plan.enrolments[a.enrolment].module == module)
        .map(|a| (plan.enrolments[a.enrolment].person, a.session))
}

pub(super) struct NoteDraft {
    pub(super) author: usize,
    pub(super) date: Date,
    pub(super) minute: i64,
    pub(super) body: String,
    pub(super) follow_up: Option<&'static str>,
    pub(super) subjects: Vec<Subject>,
}

pub(super) fn plan_notes(rng: &mut Rng, today: Date, plan: &Plan) -> store::Result<Vec<NoteRow>> {
    let mut drafts = Vec::new();
    let sessions_of = |code: &str| -> Vec<usize> {
        module_index(plan, code)
            .map(|m| plan.modules[m].sessions.clone())
            .unwrap_or_default()
    };
    let session_note = |s: usize, body: String, follow_up, extra: Vec<Subject>| {
        let session = &plan.sessions[s];
        let mut subjects = vec![Subject::Session(s)];
        subjects.extend(extra);
        NoteDraft {
            author: plan.module_tutor(session.module),
            date: session.date,
            minute: session.end + 20,
            body,
            follow_up,
            subjects,
        }
    };

    if let Some(&s) = sessions_of("M01").first() {
        drafts.push(session_note(
            s,
            "Proiettore non funzionante nella prima ora: abbiamo lavorato con le fotocopie delle slide.\n\
             Segnalato al custode, che lo ha fatto riparare per l'incontro successivo."
                .to_string(),
            Some("done"),
            Vec::new(),
        ));
    }
    if let Some((person, s)) = module_index(plan, "M02").and_then(|m| marked(plan, m, Mark::Late)) {
        let p = &plan.persons[person];
        drafts.push(session_note(
            s,
            format!(
                "{} è arrivat{} con un'ora di ritardo perché il turno di servizio è finito tardi. \
                 Segnato ritardo; chiede se può recuperare con i materiali sulla piattaforma.",
                plan.person_name(person),
                ending(p.gender)
            ),
            Some("open"),
            vec![Subject::Person(person)],
        ));
    }
    if let Some(m) = module_index(plan, "M03") {
        let participants = plan.participations(m);
        let foreign = participants
            .iter()
            .map(|&e| plan.enrolments[e].person)
            .find(|&p| plan.persons[p].foreign_born)
            .or_else(|| participants.first().map(|&e| plan.enrolments[e].person));
        if let (Some(person), Some(&last)) = (foreign, plan.modules[m].sessions.last()) {
            let session = &plan.sessions[last];
            drafts.push(NoteDraft {
                author: plan.module_tutor(m),
                date: session.date,
                minute: session.end + 35,
                body: format!(
                    "{}: qualche difficoltà con l'italiano scritto nel questionario finale.\n\
                     {} ho lasciato il glossario del modulo e il contatto del Centro territoriale permanente.\n\
                     Da risentire a fine mese.",
                    plan.person_name(person),
                    if plan.persons[person].gender == Gender::F {
                        "Le"
                    } else {
                        "Gli"
                    }
                ),
                follow_up: Some("open"),
                subjects: vec![Subject::Person(person)],
            });
        }
    }
    if let Some(m) = module_index(plan, "M05")
        && let Some(&s) = plan.modules[m].sessions.get(1)
    {
        drafts.push(NoteDraft {
            author: plan.module_tutor(m),
            date: plan.sessions[s].date,
            minute: plan.sessions[s].end + 50,
            body: "Gruppo molto partecipe, discussione vivace sui casi degli sportelli comunali. \
                   Buon clima anche tra operatori di enti diversi."
                .to_string(),
            follow_up: None,
            subjects: vec![Subject::Module(m)],
        });
    }
    if let Some(&s) = sessions_of("M06").get(2) {
        drafts.push(session_note(
            s,
            "Aula fredda: il riscaldamento è partito solo alle 15.\n\
             Chiesto al Comune di accenderlo un'ora prima dell'incontro."
                .to_string(),
            Some("done"),
            Vec::new(),
        ));
    }
    if let Some(m) = module_index(plan, "M07")
        && let Some((person, s)) = marked(plan, m, Mark::Excused)
    {
        let session = &plan.sessions[s];
        drafts.push(NoteDraft {
            author: plan.module_tutor(m),
            date: weekdays_after(session.date, -1)?.0,
            minute: 16 * 60 + 30,
            body: format!(
                "{} ha avvisato che non potrà essere presente il {} per un corso obbligatorio del suo ente: assenza giustificata.",
                plan.person_name(person),
                session.date.strftime("%d/%m")
            ),
            follow_up: Some("done"),
            subjects: vec![Subject::Person(person), Subject::Module(m)],
        });
    }
    if let Some(&s) = sessions_of("M08").last() {
        drafts.push(session_note(
            s,
            "Consegnati gli attestati a chi ha frequentato almeno il 75% delle ore.\n\
             Alcune persone sotto soglia non sapevano della regola: perché non era scritta nella lettera di ammissione? \
             Ricordarlo al primo incontro dei prossimi moduli."
                .to_string(),
            Some("open"),
            Vec::new(),
        ));
    }
    if let Some(m) = module_index(plan, "M04") {
        let participants = plan.participations(m);
        if let [a, b, ..] = participants.as_slice() {
            let (pa, pb) = (plan.enrolments[*a].person, plan.enrolments[*b].person);
            if let Some(&last) = plan.modules[m].sessions.last() {
                let session = &plan.sessions[last];
                drafts.push(NoteDraft {
                    author: plan.module_tutor(m),
                    date: session.date,
                    minute: session.end + 15,
                    body: format!(
                        "{} e {} chiedono se ci sarà un secondo livello del modulo, dedicato ai casi pratici.\n\
                         Girata la richiesta alla coordinatrice.",
                        plan.person_name(pa),
                        plan.person_name(pb)
                    ),
                    follow_up: Some("done"),
                    subjects: vec![
                        Subject::Person(pa),
                        Subject::Person(pb),
                        Subject::Module(m),
                    ],
                });
            }
        }
    }
    let today_morning = sessions_of("M09")
        .into_iter()
        .find(|&s| plan.sessions[s].date == today);
    if let Some(s) = today_morning {
        let session = &plan.sessions[s];
        drafts.push(NoteDraft {
            author: plan.module_tutor(session.module),
            date: today,
            minute: session.start + 40,
            body: "Stamattina la rete dell'aula non funziona: firme raccolte anche su carta, \
                   da riportare nel registro entro domani."
                .to_string(),
            follow_up: Some("open"),
            subjects: vec![Subject::Session(s)],
        });
    }
    if let Some(&s) = sessions_of("M10").get(1) {
        drafts.push(session_note(
            s,
            "Il docente chiede di spostare l'ultimo incontro di mezz'ora più tardi.\n\
             Da confermare con la coordinatrice prima di avvisare i partecipanti."
                .to_string(),
            Some("open"),
            Vec::new(),
        ));
    }
    for (code, body, follow_up) in [
        (
            "M11",
            "Persone in lista d'attesa: verificare con la coordinatrice se si liberano posti dopo i ritiri.",
            Some("open"),
        ),
        (
            "M12",
            "Sala consiliare confermata per tutti gli incontri; manca ancora il videoproiettore per il secondo.",
            None,
        ),
    ] {
        if let Some(m) = module_index(plan, code) {
            drafts.push(NoteDraft {
                author: plan.module_tutor(m),
                date: days_after(today, -rng.range(2, 5))?,
                minute: office_minute(rng, 9, 17),
                body: body.to_string(),
                follow_up,
                subjects: vec![Subject::Module(m)],
            });
        }
    }

    drafts.sort_by_key(|d| (d.date, d.minute));
    drafts
        .into_iter()
        .map(|d| {
            let created_at = local_stamp(d.date, d.minute)?;
            // A follow-up marked done was edited a few days later, never
            // after today.
            let updated_at = if d.follow_up == Some("done") {
                let later = days_after(d.date, rng.range(1, 4))?.min(today);
                local_stamp(later, office_minute(rng, 9, 12))?.max(created_at.clone())
            } else {
                created_at.clone()
            };
            Ok(NoteRow {
                author: d.author,
                created_at,
                updated_at,
                body: d.body,
                follow_up: d.follow_up,
                subjects: d.subjects,
            })
        })
        .collect()
}
