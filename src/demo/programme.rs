//! The demo's programme: its towns, users and the twelve modules with
//! their sessions' times, trainers and topics (data tables).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Town {
    Cremona,
    Crema,
    Casalmaggiore,
}

impl Town {
    pub(super) fn name(self) -> &'static str {
        match self {
            Town::Cremona => "Cremona",
            Town::Crema => "Crema",
            Town::Casalmaggiore => "Casalmaggiore",
        }
    }

    /// The municipality's code in tax codes.
    pub(super) fn place_code(self) -> &'static str {
        match self {
            Town::Cremona => "D150",
            Town::Crema => "D142",
            Town::Casalmaggiore => "B898",
        }
    }

    pub(super) fn phone_prefix(self) -> &'static str {
        match self {
            Town::Cremona => "0372",
            Town::Crema => "0373",
            Town::Casalmaggiore => "0375",
        }
    }

    pub(super) fn venues(self) -> &'static [&'static str] {
        match self {
            Town::Cremona => &[
                "Palazzo della Provincia, Sala Quadri",
                "Centro di formazione professionale, aula 3",
                "Spazio Comune, sala riunioni",
            ],
            Town::Crema => &[
                "Centro culturale Sant'Agostino, sala A",
                "Sala polifunzionale dell'Ambito distrettuale",
            ],
            Town::Casalmaggiore => &[
                "Sala consiliare del Comune",
                "Biblioteca civica, sala conferenze",
            ],
        }
    }
}

pub(super) const COORDINATOR: (&str, &str) = ("coordinatrice", "Laura Bianchi");
pub(super) const TUTORS: [(&str, &str); 2] = [
    ("tutor.rossi", "Marco Rossi"),
    ("tutor.ferri", "Giulia Ferri"),
];
/// Whether `login` is one of the demo's own users (its coordinator and
/// tutors), who must keep the demo's roles whoever makes the register.
pub fn is_demo_user(login: &str) -> bool {
    login == COORDINATOR.0 || TUTORS.iter().any(|(tutor, _)| *tutor == login)
}

pub(super) const ROSSI: usize = 0;
pub(super) const FERRI: usize = 1;

/// A session's start (minutes after midnight) and length (minutes).
pub(super) type Slot = (i64, i64);

pub(super) const FOUR_MORNINGS: &[Slot] = &[(540, 240); 4];
pub(super) const FOUR_AFTERNOONS: &[Slot] = &[(840, 240); 4];
pub(super) const FOUR_LATE_AFTERNOONS: &[Slot] = &[(870, 240); 4];
pub(super) const MORNINGS_AND_AFTERNOONS: &[Slot] =
    &[(540, 240), (870, 240), (540, 240), (870, 240)];
pub(super) const SHORT_THEN_LONG: &[Slot] = &[(840, 180), (840, 180), (540, 300), (540, 300)];
pub(super) const THREE_LONG: &[Slot] = &[(540, 300), (540, 300), (570, 360)];

pub(super) struct ModuleSpec {
    pub(super) code: &'static str,
    pub(super) title: &'static str,
    pub(super) axis: &'static str,
    pub(super) town: Town,
    pub(super) capacity: i64,
    /// Accepted and not withdrawn.
    pub(super) participants: usize,
    pub(super) withdrawn: usize,
    pub(super) rejected: usize,
    pub(super) waitlisted: usize,
    pub(super) pending: usize,
    /// Session dates, in working days from today (0 is today).
    pub(super) days: &'static [i64],
    pub(super) slots: &'static [Slot],
    pub(super) tutor: usize,
}

pub(super) const TITLE_L2: &str = "Insegnare l'italiano L2 agli adulti stranieri";
pub(super) const TITLE_PERMIT: &str =
    "Permesso di soggiorno e sportelli: la normativa per gli operatori";
pub(super) const TITLE_WORK: &str = "Lavoro e cittadini stranieri: norme e buone pratiche";

/// The twelve modules: 7 in Cremona, 2 in Crema, 3 in Casalmaggiore;
/// eight finished, two with a session today, two starting soon. Each
/// module's slots add up to 16 hours.
pub(super) const MODULES: &[ModuleSpec] = &[
    ModuleSpec {
        code: "M01",
        title: TITLE_L2,
        axis: "I",
        town: Town::Cremona,
        capacity: 30,
        participants: 28,
        withdrawn: 4,
        rejected: 9,
        waitlisted: 0,
        pending: 0,
        days: &[-58, -55, -51, -47],
        slots: FOUR_MORNINGS,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M02",
        title: TITLE_PERMIT,
        axis: "IV",
        town: Town::Cremona,
        capacity: 30,
        participants: 28,
        withdrawn: 3,
        rejected: 7,
        waitlisted: 0,
        pending: 0,
        days: &[-55, -51, -47, -43],
        slots: FOUR_AFTERNOONS,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M03",
        title: TITLE_PERMIT,
        axis: "IV",
        town: Town::Crema,
        capacity: 25,
        participants: 24,
        withdrawn: 3,
        rejected: 10,
        waitlisted: 0,
        pending: 0,
        days: &[-52, -48, -44],
        slots: THREE_LONG,
        tutor: FERRI,
    },
    ModuleSpec {
        code: "M04",
        title: TITLE_WORK,
        axis: "II",
        town: Town::Cremona,
        capacity: 35,
        participants: 29,
        withdrawn: 4,
        rejected: 5,
        waitlisted: 0,
        pending: 0,
        days: &[-47, -44, -40, -36],
        slots: SHORT_THEN_LONG,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M05",
        title: TITLE_WORK,
        axis: "II",
        town: Town::Casalmaggiore,
        capacity: 30,
        participants: 27,
        withdrawn: 3,
        rejected: 6,
        waitlisted: 0,
        pending: 0,
        days: &[-42, -38, -34],
        slots: THREE_LONG,
        tutor: FERRI,
    },
    ModuleSpec {
        code: "M06",
        title: "Seconde generazioni a scuola",
        axis: "V",
        town: Town::Cremona,
        capacity: 25,
        participants: 24,
        withdrawn: 4,
        rejected: 9,
        waitlisted: 0,
        pending: 0,
        days: &[-38, -35, -31, -27],
        slots: FOUR_LATE_AFTERNOONS,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M07",
        title: "Diritto all'abitare e mediazione abitativa",
        axis: "III",
        town: Town::Cremona,
        capacity: 30,
        participants: 26,
        withdrawn: 3,
        rejected: 7,
        waitlisted: 0,
        pending: 0,
        days: &[-33, -29, -25, -21],
        slots: FOUR_MORNINGS,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M08",
        title: "Accesso ai servizi sanitari per cittadini stranieri",
        axis: "IV",
        town: Town::Casalmaggiore,
        capacity: 30,
        participants: 26,
        withdrawn: 4,
        rejected: 6,
        waitlisted: 0,
        pending: 0,
        days: &[-27, -23, -19],
        slots: THREE_LONG,
        tutor: FERRI,
    },
    ModuleSpec {
        code: "M09",
        title: "Mediazione linguistico-culturale nei servizi",
        axis: "IV",
        town: Town::Cremona,
        capacity: 28,
        participants: 26,
        withdrawn: 3,
        rejected: 9,
        waitlisted: 0,
        pending: 0,
        days: &[-12, -6, 0, 5],
        slots: FOUR_MORNINGS,
        tutor: ROSSI,
    },
    ModuleSpec {
        code: "M10",
        title: "Minori stranieri non accompagnati",
        axis: "V",
        town: Town::Crema,
        capacity: 30,
        participants: 25,
        withdrawn: 3,
        rejected: 6,
        waitlisted: 0,
        pending: 0,
        days: &[-9, -5, 0, 4],
        slots: FOUR_LATE_AFTERNOONS,
        tutor: FERRI,
    },
    ModuleSpec {
        code: "M11",
        title: "Educazione interculturale e valori della Costituzione",
        axis: "I",
        town: Town::Cremona,
        capacity: 25,
        participants: 25,
        withdrawn: 2,
        rejected: 5,
        waitlisted: 2,
        pending: 3,
        days: &[6, 10, 14, 18],
        slots: MORNINGS_AND_AFTERNOONS,
        tutor: FERRI,
    },
    ModuleSpec {
        code: "M12",
        title: TITLE_L2,
        axis: "I",
        town: Town::Casalmaggiore,
        capacity: 25,
        participants: 25,
        withdrawn: 1,
        rejected: 5,
        waitlisted: 3,
        pending: 3,
        days: &[9, 13, 16, 19],
        slots: SHORT_THEN_LONG,
        tutor: FERRI,
    },
];

pub(super) const TRAINERS: &[&str] = &[
    "Dott.ssa Ferri",
    "Avv. Conte",
    "Dott. Sala",
    "Prof.ssa Galli",
    "Dott. Marchetti",
    "Avv. Ruggiero",
    "Dott.ssa Amato",
    "Prof. Bellini",
    "Dott.ssa Sartori",
    "Dott. Greco",
];

/// Session topics by axis, I to V.
pub(super) const TOPICS: [&[&str]; 5] = [
    &[
        "Il quadro europeo delle lingue e i livelli A1-B1",
        "Didattica dell'italiano L2 con adulti poco scolarizzati",
        "Valutare le competenze: test e certificazioni",
        "Cittadinanza, Costituzione e accordo di integrazione",
        "Laboratorio: materiali per la classe plurilingue",
    ],
    &[
        "Ingresso per lavoro e decreto flussi",
        "Contratti, tutele e lavoro irregolare",
        "Riconoscimento dei titoli di studio esteri",
        "Servizi per l'impiego e orientamento",
    ],
    &[
        "Il mercato della casa e le discriminazioni",
        "Edilizia residenziale pubblica: requisiti e graduatorie",
        "Mediazione dei conflitti di vicinato",
        "Residenza anagrafica e idoneità alloggiativa",
    ],
    &[
        "Permesso di soggiorno: tipologie, rinnovi e tempi",
        "Iscrizione al Servizio sanitario e codice STP",
        "Comunicare con l'utenza straniera allo sportello",
        "Casi pratici dagli sportelli del territorio",
    ],
    &[
        "Minori stranieri non accompagnati: accoglienza e tutela",
        "Inserimento scolastico e ricongiungimento familiare",
        "Identità e appartenenze delle seconde generazioni",
        "Il lavoro di rete tra scuola e servizi",
    ],
];
