//! The demo's people as tables: names, places of birth, organisations,
//! and the words of reasons and comments (data tables).

use super::*;

#[rustfmt::skip]
pub(super) const SURNAMES: &[&str] = &[
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
pub(super) const WOMEN: &[&str] = &[
    "Maria", "Anna", "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Valentina", "Alessandra",
    "Silvia", "Elena", "Federica", "Paola", "Roberta", "Elisa", "Martina", "Simona", "Cristina",
    "Barbara", "Monica", "Daniela", "Manuela", "Claudia", "Stefania", "Raffaella", "Luisa",
    "Giovanna", "Antonella", "Patrizia", "Ilaria", "Emanuela", "Teresa", "Lucia", "Serena",
    "Michela", "Veronica", "Sabrina", "Nicoletta", "Marta", "Beatrice", "Irene", "Caterina",
    "Rosa", "Lorena", "Marina", "Noemi", "Debora", "Tiziana", "Gabriella", "Agnese",
];

#[rustfmt::skip]
pub(super) const MEN: &[&str] = &[
    "Marco", "Andrea", "Luca", "Giuseppe", "Francesco", "Alessandro", "Davide", "Stefano",
    "Matteo", "Paolo", "Roberto", "Giovanni", "Massimo", "Fabio", "Simone", "Gianluca", "Antonio",
    "Nicolò", "Mauro", "Claudio", "Daniele", "Emanuele", "Riccardo", "Alberto", "Enrico",
    "Lorenzo", "Federico", "Pietro", "Sergio", "Franco",
];

/// Italian birthplaces other than the three towns: code and name.
pub(super) const ITALIAN_PLACES: &[&str] = &[
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

pub(super) struct Country {
    pub(super) place_code: &'static str,
    pub(super) surnames: &'static [&'static str],
    pub(super) women: &'static [&'static str],
    pub(super) men: &'static [&'static str],
}

pub(super) const COUNTRIES: &[Country] = &[
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

pub(super) struct OrganisationType {
    pub(super) word: &'static str,
    pub(super) weight: u32,
    /// Job titles, feminine and masculine.
    pub(super) jobs: &'static [(&'static str, &'static str)],
}

pub(super) const ORGANISATION_TYPES: &[OrganisationType] = &[
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
pub(super) const ORGANISATIONS: &[(&str, &str, Option<Town>)] = &[
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

pub(super) const REJECTION_REASONS: &[(&str, u32)] = &[
    ("posti esauriti", 50),
    ("requisiti mancanti", 25),
    ("domanda pervenuta fuori termine", 15),
    ("duplicato", 10),
];

pub(super) const WITHDRAWAL_REASONS: &[&str] = &[
    "motivi di servizio",
    "problemi di salute",
    "trasferimento ad altro ente",
    "turni di lavoro incompatibili",
    "motivi familiari",
];

/// Rating comments by score, 1 to 5.
pub(super) const COMMENTS: [&[&str]; 5] = [
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
