//! The demo register: a programme shaped like the real one (a province's
//! training programme for public offices)
//! (12 modules of 16 hours in three towns, about 440 applications, 250
//! people, attendance, ratings, tutors' notes), dated around a given day
//! so that most modules are over, two sessions are held today and the
//! rest come in the next weeks.
//!
//! Everything follows from a fixed seed through a small generator written
//! here, so the same day always gives the same register, whatever the
//! version of any crate. The whole register is planned in memory first
//! and written in one transaction.

mod large;
mod writer;

use std::collections::HashSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::context::Actor;
use crate::domain::{Gender, Mark, Status};
use crate::planning::Holidays;
use crate::store::seed::Fill;
use crate::store::{self, DEFAULT_AXES, Store, StoreError};
use crate::taxcode;

pub use large::{LARGE_SEED, Scale, populate_large};

/// The seed of the demo register. Changing it changes every demo.
pub const SEED: u64 = 0x2013_0115_C4E5_0A11;

/// What the demo wrote, counted back from the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub modules: usize,
    pub sessions: usize,
    /// All enrolment requests (applications), in any status.
    pub enrolments: usize,
    /// Accepted and not withdrawn.
    pub participations: usize,
    /// Every person in the register.
    pub persons: usize,
    /// Distinct people among the participations.
    pub participating_persons: usize,
    /// People with more than one participation.
    pub persons_multi_module: usize,
    pub attendance_rows: usize,
    pub ratings: usize,
    pub notes: usize,
}

/// Fills a register just made by `Store::create` with the demo programme,
/// dated around `today`, in one transaction. Refuses a register that
/// already holds modules or people.
pub fn populate(store: &mut Store, actor: &Actor, today: Date) -> store::Result<DemoSummary> {
    let plan = Plan::build(today)?;
    store.fill_empty(Fill::Small, |bulk| writer::write_plan(bulk, actor, &plan))?;
    summarise(store)
}

// ---------------------------------------------------------------------
// The generator.

/// SplitMix64: tiny, fast, and fixed here so that its sequence can never
/// change under us (a crate upgrade could change `rand`'s).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), without modulo bias worth
    /// speaking of.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`; `lo` when the range is empty.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// One item of a list the caller knows is not empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut roll = self.below(total);
        for (index, &weight) in weights.iter().enumerate() {
            if roll < u64::from(weight) {
                return index;
            }
            roll -= u64::from(weight);
        }
        weights.len().saturating_sub(1)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------
// The programme.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Town {
    Cremona,
    Crema,
    Casalmaggiore,
}

impl Town {
    fn name(self) -> &'static str {
        match self {
            Town::Cremona => "Cremona",
            Town::Crema => "Crema",
            Town::Casalmaggiore => "Casalmaggiore",
        }
    }

    /// The municipality's code in tax codes.
    fn place_code(self) -> &'static str {
        match self {
            Town::Cremona => "D150",
            Town::Crema => "D142",
            Town::Casalmaggiore => "B898",
        }
    }

    fn phone_prefix(self) -> &'static str {
        match self {
            Town::Cremona => "0372",
            Town::Crema => "0373",
            Town::Casalmaggiore => "0375",
        }
    }

    fn venues(self) -> &'static [&'static str] {
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

const COORDINATOR: (&str, &str) = ("coordinatrice", "Laura Bianchi");
const TUTORS: [(&str, &str); 2] = [
    ("tutor.rossi", "Marco Rossi"),
    ("tutor.ferri", "Giulia Ferri"),
];
/// Whether `login` is one of the demo's own users (its coordinator and
/// tutors), who must keep the demo's roles whoever makes the register.
pub fn is_demo_user(login: &str) -> bool {
    login == COORDINATOR.0 || TUTORS.iter().any(|(tutor, _)| *tutor == login)
}

const ROSSI: usize = 0;
const FERRI: usize = 1;

/// A session's start (minutes after midnight) and length (minutes).
type Slot = (i64, i64);

const FOUR_MORNINGS: &[Slot] = &[(540, 240); 4];
const FOUR_AFTERNOONS: &[Slot] = &[(840, 240); 4];
const FOUR_LATE_AFTERNOONS: &[Slot] = &[(870, 240); 4];
const MORNINGS_AND_AFTERNOONS: &[Slot] = &[(540, 240), (870, 240), (540, 240), (870, 240)];
const SHORT_THEN_LONG: &[Slot] = &[(840, 180), (840, 180), (540, 300), (540, 300)];
const THREE_LONG: &[Slot] = &[(540, 300), (540, 300), (570, 360)];

struct ModuleSpec {
    code: &'static str,
    title: &'static str,
    axis: &'static str,
    town: Town,
    capacity: i64,
    /// Accepted and not withdrawn.
    participants: usize,
    withdrawn: usize,
    rejected: usize,
    waitlisted: usize,
    pending: usize,
    /// Session dates, in working days from today (0 is today).
    days: &'static [i64],
    slots: &'static [Slot],
    tutor: usize,
}

const TITLE_L2: &str = "Insegnare l'italiano L2 agli adulti stranieri";
const TITLE_PERMIT: &str = "Permesso di soggiorno e sportelli: la normativa per gli operatori";
const TITLE_WORK: &str = "Lavoro e cittadini stranieri: norme e buone pratiche";

/// The twelve modules: 7 in Cremona, 2 in Crema, 3 in Casalmaggiore;
/// eight finished, two with a session today, two starting soon. Each
/// module's slots add up to 16 hours.
const MODULES: &[ModuleSpec] = &[
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

const TRAINERS: &[&str] = &[
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
const TOPICS: [&[&str]; 5] = [
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

// ---------------------------------------------------------------------
// People.

#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
    "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra",
    "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
    "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "Gatti", "Pellegrini",
    "Palumbo", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza",
    "Testa", "Grassi", "Carbone", "Giuliani", "Benedetti", "Barone", "Caputo", "Montanari",
    "Guerra", "Palmieri", "Bernardi", "Fiore", "Ferretti", "Bellini", "Basile", "Riva", "Donati",
    "Vitali", "Sartori", "Neri", "Milani", "Pagano", "Orlando", "Bassi", "Dell'Acqua", "Cantù",
    "Pirrò", "Zanetti", "Bertoni", "Ghisolfi", "Bodini", "Zaffanella", "Manfredini", "Cabrini",
    "Bergamaschi", "Ruggeri", "Soldi", "Tonani",
];

#[rustfmt::skip]
const WOMEN: &[&str] = &[
    "Maria", "Anna", "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Valentina", "Alessandra",
    "Silvia", "Elena", "Federica", "Paola", "Roberta", "Elisa", "Martina", "Simona", "Cristina",
    "Barbara", "Monica", "Daniela", "Manuela", "Claudia", "Stefania", "Raffaella", "Luisa",
    "Giovanna", "Antonella", "Patrizia", "Ilaria", "Emanuela", "Teresa", "Lucia", "Serena",
    "Michela", "Veronica", "Sabrina", "Nicoletta", "Marta", "Beatrice", "Irene", "Caterina",
    "Rosa", "Lorena", "Marina", "Noemi", "Debora", "Tiziana", "Gabriella", "Agnese",
];

#[rustfmt::skip]
const MEN: &[&str] = &[
    "Marco", "Andrea", "Luca", "Giuseppe", "Francesco", "Alessandro", "Davide", "Stefano",
    "Matteo", "Paolo", "Roberto", "Giovanni", "Massimo", "Fabio", "Simone", "Gianluca", "Antonio",
    "Nicolò", "Mauro", "Claudio", "Daniele", "Emanuele", "Riccardo", "Alberto", "Enrico",
    "Lorenzo", "Federico", "Pietro", "Sergio", "Franco",
];

/// Italian birthplaces other than the three towns: code and name.
const ITALIAN_PLACES: &[&str] = &[
    "F205", // Milano
    "B157", // Brescia
    "G535", // Piacenza
    "E897", // Mantova
    "E648", // Lodi
    "G388", // Pavia
    "A794", // Bergamo
    "G337", // Parma
    "H501", // Roma
    "F839", // Napoli
    "G273", // Palermo
    "A662", // Bari
    "C351", // Catania
    "L219", // Torino
];

struct Country {
    place_code: &'static str,
    surnames: &'static [&'static str],
    women: &'static [&'static str],
    men: &'static [&'static str],
}

const COUNTRIES: &[Country] = &[
    Country {
        place_code: "Z330", // Marocco
        surnames: &["El Amrani", "Bennani", "Alaoui", "Tazi", "Berrada"],
        women: &["Fatima", "Khadija", "Samira", "Nadia", "Latifa"],
        men: &["Youssef", "Rachid", "Mohamed"],
    },
    Country {
        place_code: "Z129", // Romania
        surnames: &["Popescu", "Ionescu", "Dumitru", "Constantin", "Stoica"],
        women: &["Elena", "Ioana", "Mihaela", "Andreea"],
        men: &["Andrei", "Mihai", "Florin"],
    },
    Country {
        place_code: "Z100", // Albania
        surnames: &["Hoxha", "Shehu", "Dervishi", "Gjoka"],
        women: &["Arta", "Elira", "Blerina", "Anila"],
        men: &["Arben", "Ilir", "Gentian"],
    },
    Country {
        place_code: "Z343", // Senegal
        surnames: &["Diop", "Ndiaye", "Fall", "Sow"],
        women: &["Awa", "Fatou", "Aminata"],
        men: &["Mamadou", "Ousmane", "Cheikh"],
    },
    Country {
        place_code: "Z138", // Ucraina
        surnames: &["Kovalenko", "Shevchenko", "Bondarenko"],
        women: &["Olena", "Natalia", "Oksana"],
        men: &["Taras", "Oleksandr"],
    },
    Country {
        place_code: "Z611", // Perù
        surnames: &["Quispe", "Huamán", "Flores", "Mendoza"],
        women: &["Rosa", "Maribel", "Carmen"],
        men: &["Luis", "Jorge"],
    },
    Country {
        place_code: "Z210", // Cina
        surnames: &["Hu", "Wang", "Chen", "Zhou"],
        women: &["Mei", "Xiaoli", "Ying"],
        men: &["Wei", "Jun"],
    },
    Country {
        place_code: "Z352", // Tunisia
        surnames: &["Ben Salah", "Trabelsi", "Jebali"],
        women: &["Amira", "Sonia", "Leila"],
        men: &["Karim", "Sami"],
    },
    Country {
        place_code: "Z216", // Filippine
        surnames: &["Santos", "Reyes", "Cruz"],
        women: &["Maricel", "Jocelyn", "Analyn"],
        men: &["Jomar", "Rodel"],
    },
];

struct OrganisationType {
    word: &'static str,
    weight: u32,
    /// Job titles, feminine and masculine.
    jobs: &'static [(&'static str, &'static str)],
}

const ORGANISATION_TYPES: &[OrganisationType] = &[
    OrganisationType {
        word: "Comune",
        weight: 22,
        jobs: &[
            ("Assistente sociale", "Assistente sociale"),
            ("Impiegata amministrativa", "Impiegato amministrativo"),
            ("Operatrice di sportello", "Operatore di sportello"),
            ("Agente di polizia locale", "Agente di polizia locale"),
        ],
    },
    OrganisationType {
        word: "Distretto",
        weight: 10,
        jobs: &[
            ("Assistente sociale", "Assistente sociale"),
            ("Coordinatrice", "Coordinatore"),
            ("Educatrice", "Educatore"),
        ],
    },
    OrganisationType {
        word: "ASL",
        weight: 10,
        jobs: &[
            ("Infermiera", "Infermiere"),
            ("Assistente sanitaria", "Assistente sanitario"),
            ("Psicologa", "Psicologo"),
            ("Medico", "Medico"),
        ],
    },
    OrganisationType {
        word: "Azienda ospedaliera",
        weight: 8,
        jobs: &[
            ("Infermiera", "Infermiere"),
            ("Ostetrica", "Ostetrico"),
            ("Assistente sociale", "Assistente sociale"),
        ],
    },
    OrganisationType {
        word: "Questura",
        weight: 4,
        jobs: &[
            ("Ispettrice", "Ispettore"),
            ("Agente di polizia", "Agente di polizia"),
            ("Impiegata amministrativa", "Impiegato amministrativo"),
        ],
    },
    OrganisationType {
        word: "Prefettura",
        weight: 3,
        jobs: &[
            ("Funzionaria", "Funzionario"),
            ("Impiegata amministrativa", "Impiegato amministrativo"),
        ],
    },
    OrganisationType {
        word: "Scuola",
        weight: 12,
        jobs: &[
            ("Insegnante", "Insegnante"),
            ("Docente di italiano L2", "Docente di italiano L2"),
            ("Dirigente scolastica", "Dirigente scolastico"),
        ],
    },
    OrganisationType {
        word: "Cooperativa sociale",
        weight: 14,
        jobs: &[
            ("Educatrice", "Educatore"),
            ("Mediatrice culturale", "Mediatore culturale"),
            ("Operatrice sociale", "Operatore sociale"),
        ],
    },
    OrganisationType {
        word: "Associazione",
        weight: 7,
        jobs: &[
            ("Mediatrice culturale", "Mediatore culturale"),
            ("Operatrice legale", "Operatore legale"),
            ("Volontaria", "Volontario"),
        ],
    },
    OrganisationType {
        word: "Volontariato",
        weight: 5,
        jobs: &[
            ("Volontaria", "Volontario"),
            ("Coordinatrice", "Coordinatore"),
        ],
    },
    OrganisationType {
        word: "Ente religioso",
        weight: 4,
        jobs: &[
            (
                "Operatrice del centro d'ascolto",
                "Operatore del centro d'ascolto",
            ),
            ("Volontaria", "Volontario"),
        ],
    },
    OrganisationType {
        word: "Sindacato",
        weight: 3,
        jobs: &[
            ("Operatrice sindacale", "Operatore sindacale"),
            (
                "Operatrice dello sportello immigrati",
                "Operatore dello sportello immigrati",
            ),
        ],
    },
];

/// Organisations: name, type word, town (`None`: the whole province).
const ORGANISATIONS: &[(&str, &str, Option<Town>)] = &[
    ("Comune di Cremona", "Comune", Some(Town::Cremona)),
    ("Comune di Soresina", "Comune", Some(Town::Cremona)),
    ("Comune di Pizzighettone", "Comune", Some(Town::Cremona)),
    ("Comune di Crema", "Comune", Some(Town::Crema)),
    ("Comune di Castelleone", "Comune", Some(Town::Crema)),
    (
        "Comune di Casalmaggiore",
        "Comune",
        Some(Town::Casalmaggiore),
    ),
    (
        "Comune di Piadena Drizzona",
        "Comune",
        Some(Town::Casalmaggiore),
    ),
    ("Distretto di Cremona", "Distretto", Some(Town::Cremona)),
    (
        "Ambito distrettuale cremasco",
        "Distretto",
        Some(Town::Crema),
    ),
    (
        "Distretto di Casalmaggiore",
        "Distretto",
        Some(Town::Casalmaggiore),
    ),
    ("ASL della Provincia di Cremona", "ASL", None),
    (
        "Azienda ospedaliera Istituti Ospitalieri di Cremona",
        "Azienda ospedaliera",
        Some(Town::Cremona),
    ),
    (
        "Azienda ospedaliera Ospedale Maggiore di Crema",
        "Azienda ospedaliera",
        Some(Town::Crema),
    ),
    (
        "Ospedale Oglio Po",
        "Azienda ospedaliera",
        Some(Town::Casalmaggiore),
    ),
    ("Questura di Cremona", "Questura", None),
    ("Prefettura di Cremona", "Prefettura", None),
    (
        "Istituto comprensivo Cremona Due",
        "Scuola",
        Some(Town::Cremona),
    ),
    (
        "Istituto di istruzione superiore Stanga",
        "Scuola",
        Some(Town::Cremona),
    ),
    (
        "Centro territoriale permanente di Crema",
        "Scuola",
        Some(Town::Crema),
    ),
    (
        "Istituto comprensivo di Casalmaggiore",
        "Scuola",
        Some(Town::Casalmaggiore),
    ),
    (
        "Cooperativa sociale Nazareth",
        "Cooperativa sociale",
        Some(Town::Cremona),
    ),
    (
        "Cooperativa sociale Il Seme",
        "Cooperativa sociale",
        Some(Town::Cremona),
    ),
    (
        "Cooperativa sociale La Zolla",
        "Cooperativa sociale",
        Some(Town::Crema),
    ),
    (
        "Cooperativa sociale Il Ponte",
        "Cooperativa sociale",
        Some(Town::Casalmaggiore),
    ),
    ("ARCI Cremona", "Associazione", Some(Town::Cremona)),
    (
        "Associazione Donne senza frontiere",
        "Associazione",
        Some(Town::Crema),
    ),
    (
        "Associazione Il Mosaico",
        "Associazione",
        Some(Town::Casalmaggiore),
    ),
    ("Auser Cremona", "Volontariato", Some(Town::Cremona)),
    ("Auser Crema", "Volontariato", Some(Town::Crema)),
    (
        "Croce Rossa, comitato di Casalmaggiore",
        "Volontariato",
        Some(Town::Casalmaggiore),
    ),
    ("Caritas Cremonese", "Ente religioso", Some(Town::Cremona)),
    (
        "Caritas diocesana di Crema",
        "Ente religioso",
        Some(Town::Crema),
    ),
    (
        "Parrocchia di Santo Stefano",
        "Ente religioso",
        Some(Town::Casalmaggiore),
    ),
    ("CGIL Cremona", "Sindacato", None),
    ("CISL Asse del Po", "Sindacato", None),
    ("UIL Cremona", "Sindacato", None),
];

const REJECTION_REASONS: &[(&str, u32)] = &[
    ("posti esauriti", 50),
    ("requisiti mancanti", 25),
    ("domanda pervenuta fuori termine", 15),
    ("duplicato", 10),
];

const WITHDRAWAL_REASONS: &[&str] = &[
    "motivi di servizio",
    "problemi di salute",
    "trasferimento ad altro ente",
    "turni di lavoro incompatibili",
    "motivi familiari",
];

/// Rating comments by score, 1 to 5.
const COMMENTS: [&[&str]; 5] = [
    &[
        "Non rispondeva alle esigenze del mio servizio.",
        "Organizzazione confusa, cambi di orario non comunicati.",
    ],
    &[
        "Troppa teoria, pochi esempi pratici.",
        "Aula fredda e affollata.",
    ],
    &[
        "Contenuti utili ma troppo teorici.",
        "Orari difficili da conciliare con i turni.",
        "Alcuni argomenti li conoscevo già.",
    ],
    &[
        "Buon corso, avrei voluto più esercitazioni.",
        "Interessante il confronto con colleghi di altri enti.",
        "Materiali chiari, aula un po' piccola.",
    ],
    &[
        "Docenti preparati e molto disponibili.",
        "Utilissimo per il lavoro allo sportello.",
        "Finalmente un corso concreto, con casi reali.",
    ],
];

// ---------------------------------------------------------------------
// The plan: the whole register, in memory.

struct ModuleRow {
    spec: &'static ModuleSpec,
    venue: &'static str,
    /// Indices into `Plan::sessions`.
    sessions: Vec<usize>,
}

struct SessionRow {
    module: usize,
    date: Date,
    /// Calendar days from today.
    day: i64,
    start: i64,
    end: i64,
    venue: &'static str,
    trainer: &'static str,
    topic: &'static str,
    closed: Option<String>,
}

struct PersonRow {
    surname: String,
    given_name: String,
    gender: Gender,
    tax_code: String,
    email: String,
    phone: String,
    organisation: &'static str,
    organisation_type: &'static str,
    job_title: &'static str,
    foreign_born: bool,
}

struct Change {
    from: Option<Status>,
    to: Status,
    reason: Option<String>,
    at: String,
}

struct EnrolmentRow {
    person: usize,
    module: usize,
    received_on: Date,
    status: Status,
    reason: Option<String>,
    history: Vec<Change>,
}

struct AttendanceRow {
    enrolment: usize,
    session: usize,
    minutes: i64,
    mark: Mark,
    at: String,
}

struct RatingRow {
    enrolment: usize,
    score: i64,
    comment: Option<&'static str>,
}

enum Subject {
    Person(usize),
    Session(usize),
    Module(usize),
}

struct NoteRow {
    author: usize,
    created_at: String,
    updated_at: String,
    body: String,
    follow_up: Option<&'static str>,
    subjects: Vec<Subject>,
}

struct Plan {
    modules: Vec<ModuleRow>,
    sessions: Vec<SessionRow>,
    persons: Vec<PersonRow>,
    enrolments: Vec<EnrolmentRow>,
    attendance: Vec<AttendanceRow>,
    ratings: Vec<RatingRow>,
    notes: Vec<NoteRow>,
}

impl Plan {
    fn build(today: Date) -> store::Result<Plan> {
        let mut rng = Rng::new(SEED);
        let (modules, sessions) = plan_modules(&mut rng, today)?;
        let mut people = People::default();
        let enrolments = plan_enrolments(&mut rng, today, &modules, &sessions, &mut people)?;
        let mut plan = Plan {
            modules,
            sessions,
            persons: people.rows,
            enrolments,
            attendance: Vec::new(),
            ratings: Vec::new(),
            notes: Vec::new(),
        };
        plan.attendance = plan_attendance(&mut rng, today, &plan)?;
        close_sessions(&mut rng, today, &mut plan)?;
        plan.ratings = plan_ratings(&mut rng, today, &plan);
        plan.notes = plan_notes(&mut rng, today, &plan)?;
        Ok(plan)
    }

    /// The enrolments of a module that are participations.
    fn participations(&self, module: usize) -> Vec<usize> {
        self.enrolments
            .iter()
            .enumerate()
            .filter(|(_, e)| e.module == module && e.status == Status::Accepted)
            .map(|(index, _)| index)
            .collect()
    }

    fn module_tutor(&self, module: usize) -> usize {
        self.modules[module].spec.tutor
    }

    fn person_name(&self, person: usize) -> String {
        let row = &self.persons[person];
        format!("{} {}", row.given_name, row.surname)
    }
}

// ---------------------------------------------------------------------
// Dates and times.

fn date_error(error: jiff::Error) -> StoreError {
    StoreError::Refused(format!("demo register: date out of range ({error})"))
}

fn days_after(date: Date, days: i64) -> store::Result<Date> {
    date.checked_add(days.days()).map_err(date_error)
}

/// The national public holidays of Italy as the planning rules have them
/// (Easter Monday, 4 October from 2026…), and the eves of Christmas and
/// New Year, when no course is held.
fn is_holiday(date: Date) -> bool {
    static NATIONAL: std::sync::LazyLock<Holidays> = std::sync::LazyLock::new(Holidays::italy);
    NATIONAL.contains(date) || matches!((date.month(), date.day()), (12, 24) | (12, 31))
}

/// A day the offices are open: a weekday that is not a public holiday.
fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_holiday(date)
}

/// The date `count` working days after (or before, when negative) `date`,
/// and how many calendar days away it is. Zero is `date` itself, whatever
/// day it is.
fn weekdays_after(date: Date, count: i64) -> store::Result<(Date, i64)> {
    let step = count.signum();
    let mut day = date;
    let mut calendar = 0;
    let mut left = count.abs();
    while left > 0 {
        day = days_after(day, step)?;
        calendar += step;
        if is_working_day(day) {
            left -= 1;
        }
    }
    Ok((day, calendar))
}

/// Hours that Italian local time is ahead of UTC on a day: summer time
/// runs from the last Sunday of March to the last Sunday of October.
/// Computed here so that the demo does not depend on the machine's time
/// zone database.
fn rome_offset_hours(date: Date) -> i64 {
    let last_sunday = |month: i8| {
        Date::new(date.year(), month, 1)
            .and_then(|first| first.nth_weekday_of_month(-1, Weekday::Sunday))
            .ok()
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) if date >= start && date < end => 2,
        _ => 1,
    }
}

/// A local time in Italy on `date`, as the register stores instants.
fn local_stamp(date: Date, minute_of_day: i64) -> store::Result<String> {
    let minute = minute_of_day.clamp(0, 24 * 60 - 1);
    let local = date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    let utc = local
        .checked_sub(rome_offset_hours(date).hours())
        .map_err(date_error)?;
    Ok(utc.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A time in office hours, in five-minute steps.
fn office_minute(rng: &mut Rng, from_hour: i64, to_hour: i64) -> i64 {
    rng.range(from_hour * 12, to_hour * 12 - 1) * 5
}

// ---------------------------------------------------------------------
// Modules and sessions.

fn plan_modules(rng: &mut Rng, today: Date) -> store::Result<(Vec<ModuleRow>, Vec<SessionRow>)> {
    let mut modules = Vec::with_capacity(MODULES.len());
    let mut sessions = Vec::new();
    for (index, spec) in MODULES.iter().enumerate() {
        let venue = rng.pick(spec.town.venues());
        let first_trainer = rng.index(TRAINERS.len());
        let second_trainer = (first_trainer + 1 + rng.index(TRAINERS.len() - 1)) % TRAINERS.len();
        let topics = axis_topics(spec.axis);
        let topic_offset = rng.index(topics.len());
        let mut own = Vec::with_capacity(spec.slots.len());
        for (number, (&day, &(start, length))) in spec.days.iter().zip(spec.slots).enumerate() {
            let (date, calendar) = weekdays_after(today, day)?;
            // Now and then a session moves to another room in town.
            let venue = if rng.chance(10) {
                rng.pick(spec.town.venues())
            } else {
                venue
            };
            let trainer = if number % 2 == 0 {
                TRAINERS[first_trainer]
            } else {
                TRAINERS[second_trainer]
            };
            own.push(sessions.len());
            sessions.push(SessionRow {
                module: index,
                date,
                day: calendar,
                start,
                end: start + length,
                venue,
                trainer,
                topic: topics[(number + topic_offset) % topics.len()],
                closed: None,
            });
        }
        modules.push(ModuleRow {
            spec,
            venue,
            sessions: own,
        });
    }
    Ok((modules, sessions))
}

fn axis_topics(axis: &str) -> &'static [&'static str] {
    let index = DEFAULT_AXES
        .iter()
        .position(|(code, _)| *code == axis)
        .unwrap_or(0);
    TOPICS[index.min(TOPICS.len() - 1)]
}

/// The first and last session dates of a module.
fn module_span(module: &ModuleRow, sessions: &[SessionRow]) -> Option<(Date, Date)> {
    let dates = module.sessions.iter().map(|&s| sessions[s].date);
    Some((dates.clone().min()?, dates.max()?))
}

// ---------------------------------------------------------------------
// People.

#[derive(Default)]
struct People {
    rows: Vec<PersonRow>,
    tax_codes: HashSet<String>,
    emails: HashSet<String>,
}

impl People {
    /// A new person working near `town`: 86% women, some born abroad,
    /// with a tax code that no one else in the register has.
    fn add(&mut self, rng: &mut Rng, town: Town) -> store::Result<usize> {
        let gender = if rng.chance(86) { Gender::F } else { Gender::M };
        let foreign_born = rng.chance(12);
        let (surname, given_name, place) = if foreign_born {
            let country = &COUNTRIES[rng.index(COUNTRIES.len())];
            let names = if gender == Gender::F {
                country.women
            } else {
                country.men
            };
            (
                rng.pick(country.surnames),
                rng.pick(names),
                country.place_code,
            )
        } else {
            let names = if gender == Gender::F { WOMEN } else { MEN };
            let place = if rng.chance(60) {
                town.place_code()
            } else {
                rng.pick(ITALIAN_PLACES)
            };
            (rng.pick(SURNAMES), rng.pick(names), place)
        };
        let year = rng.range(1955, 1995) as i16;
        let month = rng.range(1, 12) as i8;
        let first = Date::new(year, month, 1).map_err(date_error)?;
        let day = rng.range(1, i64::from(first.days_in_month())) as i8;
        let birth = Date::new(year, month, day).map_err(date_error)?;
        let tax_code =
            self.unique_tax_code(taxcode::compute(surname, given_name, gender, birth, place))?;
        let email = self.unique_email(given_name, surname);
        let phone = phone_number(rng, town);
        let kind = &ORGANISATION_TYPES[rng.weighted(
            &ORGANISATION_TYPES
                .iter()
                .map(|t| t.weight)
                .collect::<Vec<_>>(),
        )];
        let organisation = pick_organisation(rng, kind.word, town);
        let (feminine, masculine) = rng.pick(kind.jobs);
        let job_title = if gender == Gender::F {
            feminine
        } else {
            masculine
        };
        self.rows.push(PersonRow {
            surname: surname.to_string(),
            given_name: given_name.to_string(),
            gender,
            tax_code,
            email,
            phone,
            organisation,
            organisation_type: kind.word,
            job_title,
            foreign_born,
        });
        Ok(self.rows.len() - 1)
    }

    /// Two people whose data give the same code are told apart by
    /// omocodia, as the tax office does.
    fn unique_tax_code(&mut self, code: String) -> store::Result<String> {
        let mut candidate = code.clone();
        let mut level = 0;
        while self.tax_codes.contains(&candidate) {
            level += 1;
            candidate = taxcode::omocode(&code, level).ok_or_else(|| {
                StoreError::Refused(format!("demo register: no free tax code for {code}"))
            })?;
        }
        self.tax_codes.insert(candidate.clone());
        Ok(candidate)
    }

    fn unique_email(&mut self, given_name: &str, surname: &str) -> String {
        let stem = format!("{}.{}", ascii_word(given_name), ascii_word(surname));
        let mut email = format!("{stem}@example.it");
        let mut number = 2;
        while self.emails.contains(&email) {
            email = format!("{stem}{number}@example.it");
            number += 1;
        }
        self.emails.insert(email.clone());
        email
    }
}

/// A name as it goes in an email address: lower case, accents dropped,
/// spaces and apostrophes left out.
fn ascii_word(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'á' => Some('a'),
            'è' | 'é' => Some('e'),
            'ì' | 'í' => Some('i'),
            'ò' | 'ó' => Some('o'),
            'ù' | 'ú' => Some('u'),
            c if c.is_ascii_lowercase() => Some(c),
            _ => None,
        })
        .collect()
}

#[rustfmt::skip]
const MOBILE_PREFIXES: &[&str] = &[
    "320", "328", "329", "333", "334", "335", "338", "339", "340", "342", "345", "346", "347",
    "348", "349", "366", "380", "388", "392", "393",
];

fn phone_number(rng: &mut Rng, town: Town) -> String {
    if rng.chance(50) {
        format!("{} {:06}", town.phone_prefix(), rng.range(200_000, 999_999))
    } else {
        format!(
            "{} {:07}",
            rng.pick(MOBILE_PREFIXES),
            rng.range(1_000_000, 9_999_999)
        )
    }
}

/// An organisation of a kind, in the person's town or province-wide.
fn pick_organisation(rng: &mut Rng, kind: &str, town: Town) -> &'static str {
    let near: Vec<&'static str> = ORGANISATIONS
        .iter()
        .filter(|(_, word, place)| *word == kind && place.is_none_or(|p| p == town))
        .map(|(name, _, _)| *name)
        .collect();
    if near.is_empty() {
        "Comune di Cremona"
    } else {
        rng.pick(&near)
    }
}

// ---------------------------------------------------------------------
// Enrolments.

/// How many people take 4, 3 and 2 modules: 2×4 + 10×3 + 40×2, so that
/// 52 people take more than one, as in the real programme.
const MULTI_MODULE: [(usize, usize); 3] = [(4, 2), (3, 10), (2, 40)];

/// Spreads the participations over people: every module gets its number
/// of participants, some people several modules, no one twice in one.
/// Returns, per module, the people taking part.
fn assign_participants(
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
struct Window {
    opens: i64,
    closes: i64,
}

impl Window {
    fn of(first_day: i64) -> Window {
        Window {
            opens: first_day - 45,
            closes: (first_day - 1).min(-1),
        }
    }

    /// The last two weeks of the window: for requests that came when the
    /// module was already full, or too late.
    fn late(self) -> Window {
        Window {
            opens: self.opens.max(self.closes - 15),
            closes: self.closes,
        }
    }
}

/// `steps` days in the window, in days from today, strictly increasing:
/// a request (any day: forms come in at weekends too) and the decisions on
/// it (on working days, as far as the window allows).
fn history_days(
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
fn status_steps(
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

fn plan_enrolments(
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

fn first_session_day(module: &ModuleRow, sessions: &[SessionRow]) -> store::Result<i64> {
    module
        .sessions
        .iter()
        .map(|&s| sessions[s].day)
        .min()
        .ok_or(StoreError::NotFound("demo session"))
}

/// A person for a request that is not a participation: now and then one
/// who takes part in another module, otherwise someone new.
fn someone_else(
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
fn sibling_participant(
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

fn enrolment(
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
fn pending_request(
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

// ---------------------------------------------------------------------
// Attendance, closing and ratings.

/// How a participant tends to attend: weights of present, late,
/// left-early, absent, excused.
const STEADY: [u32; 5] = [74, 8, 7, 7, 4];
const UNSTEADY: [u32; 5] = [45, 12, 13, 22, 8];
const MARKS: [Mark; 5] = [
    Mark::Present,
    Mark::Late,
    Mark::LeftEarly,
    Mark::Absent,
    Mark::Excused,
];

#[derive(Clone, Copy)]
enum Habit {
    Steady,
    Unsteady,
    /// Came to the first session, then stopped coming.
    DropsOut,
}

fn draw_mark(rng: &mut Rng, habit: Habit, number: usize, length: i64) -> (i64, Mark) {
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

fn plan_attendance(rng: &mut Rng, today: Date, plan: &Plan) -> store::Result<Vec<AttendanceRow>> {
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
fn close_sessions(rng: &mut Rng, today: Date, plan: &mut Plan) -> store::Result<()> {
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
fn plan_ratings(rng: &mut Rng, today: Date, plan: &Plan) -> Vec<RatingRow> {
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

// ---------------------------------------------------------------------
// Notes.

fn ending(gender: Gender) -> &'static str {
    if gender == Gender::F { "a" } else { "o" }
}

/// The module with this code.
fn module_index(plan: &Plan, code: &str) -> Option<usize> {
    plan.modules.iter().position(|m| m.spec.code == code)
}

/// A participation of a module with a mark of this kind, and the session.
fn marked(plan: &Plan, module: usize, mark: Mark) -> Option<(usize, usize)> {
    plan.attendance
        .iter()
        .find(|a| a.mark == mark && plan.enrolments[a.enrolment].module == module)
        .map(|a| (plan.enrolments[a.enrolment].person, a.session))
}

struct NoteDraft {
    author: usize,
    date: Date,
    minute: i64,
    body: String,
    follow_up: Option<&'static str>,
    subjects: Vec<Subject>,
}

fn plan_notes(rng: &mut Rng, today: Date, plan: &Plan) -> store::Result<Vec<NoteRow>> {
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

// ---------------------------------------------------------------------
// Writing.

fn summarise(store: &Store) -> store::Result<DemoSummary> {
    let counts = store.counts()?;
    Ok(DemoSummary {
        modules: counts.modules,
        sessions: counts.sessions,
        enrolments: counts.enrolments,
        participations: counts.participations,
        persons: counts.persons,
        participating_persons: counts.participating_persons,
        persons_multi_module: counts.persons_multi_module,
        attendance_rows: counts.attendance_rows,
        ratings: counts.ratings,
        notes: counts.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_never_changes() {
        // SplitMix64's published sequence from a zero seed.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut rng = Rng::new(SEED);
        for _ in 0..1000 {
            let n = rng.range(-3, 4);
            assert!((-3..=4).contains(&n));
            assert!(rng.below(7) < 7);
            assert!(rng.weighted(&[0, 5, 0, 1]) % 2 == 1);
        }
        assert_eq!(rng.range(5, 5), 5);
        assert_eq!(rng.range(5, 2), 5);
    }

    #[test]
    fn every_module_is_sixteen_hours() {
        for spec in MODULES {
            let minutes: i64 = spec.slots.iter().map(|(_, length)| length).sum();
            assert_eq!(minutes, 960, "{}", spec.code);
            assert_eq!(spec.slots.len(), spec.days.len(), "{}", spec.code);
            assert!(spec.participants as i64 <= spec.capacity, "{}", spec.code);
        }
    }

    #[test]
    fn easter_and_holidays() {
        use jiff::civil::date;
        assert!(is_holiday(date(2026, 4, 6)));
        assert!(!is_holiday(date(2026, 4, 7)));
        assert!(is_holiday(date(2026, 12, 8)));
        // San Francesco, the core's rule: from 2026 only.
        assert!(is_holiday(date(2027, 10, 4)));
        assert!(!is_holiday(date(2025, 10, 4)));
        assert!(is_holiday(date(2026, 12, 24)));
        assert!(!is_working_day(date(2026, 12, 25)));
        assert!(!is_working_day(date(2026, 11, 28)));
        assert!(is_working_day(date(2026, 11, 26)));
        // Tuesday 8 December is skipped.
        assert_eq!(
            weekdays_after(date(2026, 12, 7), 1).unwrap().0,
            date(2026, 12, 9)
        );
    }

    #[test]
    fn weekdays_skip_weekends() {
        // 2026-11-26 is a Thursday.
        let thursday = jiff::civil::date(2026, 11, 26);
        assert_eq!(weekdays_after(thursday, 0).unwrap().0, thursday);
        assert_eq!(
            weekdays_after(thursday, 2).unwrap(),
            (jiff::civil::date(2026, 11, 30), 4)
        );
        assert_eq!(
            weekdays_after(thursday, -4).unwrap(),
            (jiff::civil::date(2026, 11, 20), -6)
        );
    }

    #[test]
    fn stamps_are_italian_local_time_in_utc() {
        let winter = jiff::civil::date(2026, 11, 26);
        let summer = jiff::civil::date(2026, 7, 1);
        assert_eq!(local_stamp(winter, 9 * 60).unwrap(), "2026-11-26T08:00:00Z");
        assert_eq!(local_stamp(summer, 9 * 60).unwrap(), "2026-07-01T07:00:00Z");
        // Summer time starts on the last Sunday of March.
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 3, 28)), 1);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 3, 29)), 2);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 10, 24)), 2);
        assert_eq!(rome_offset_hours(jiff::civil::date(2026, 10, 25)), 1);
    }

    #[test]
    fn email_addresses_are_plain_ascii() {
        assert_eq!(ascii_word("Dell'Acqua"), "dellacqua");
        assert_eq!(ascii_word("Nicolò"), "nicolo");
        assert_eq!(ascii_word("El Amrani"), "elamrani");
    }
}
