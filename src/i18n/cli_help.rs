//! The command line's help in both languages: one line per command and
//! per argument, keyed by the command's path and the argument's id
//! (`"export.output"`, `"users add"`). The doc comments on the clap
//! definitions stay as the maintainers' notes; what a user reads comes
//! from here, so that `registro --help`, `registro import --help` and
//! the manual pages speak the user's language. A test checks that every
//! command and argument has its line, and every line its command.

/// (key, English, Italian). `key` is a command's path (`""` for
/// registro itself, `"users add"`), or that path, a dot and an
/// argument's id.
pub const HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "A terminal case manager for training programmes",
        "Registro elettronico per i programmi di formazione: iscrizioni, presenze, note",
    ),
    (
        ".db",
        "The register file (else $REGISTRO_DB, else one in your data folder); `report` takes it several times",
        "Il file del registro (altrimenti $REGISTRO_DB, altrimenti uno nella cartella dei dati); `report` ne accetta più d'uno",
    ),
    (
        ".user",
        "The acting user (else your login name)",
        "L'utente che agisce (altrimenti il nome di accesso)",
    ),
    (
        ".config",
        "A settings file to use instead of the one in your config folder",
        "Un file di impostazioni da usare al posto di quello nella cartella di configurazione",
    ),
    (
        "demo",
        "Create a demo register if needed, then open it",
        "Crea un registro dimostrativo se manca, poi lo apre",
    ),
    (
        "demo.size",
        "A realistic programme, or a region's worth of data",
        "Un programma realistico, o i dati di un'intera regione",
    ),
    ("init", "Create an empty register", "Crea un registro vuoto"),
    (
        "init.programme",
        "The programme's name, at the head of the report and every export (else asked on a terminal)",
        "Il nome del programma, in testa al resoconto e a ogni esportazione (altrimenti chiesto sul terminale)",
    ),
    (
        "settings",
        "The register's own settings: the programme's name",
        "Le impostazioni del registro: il nome del programma",
    ),
    (
        "settings programme",
        "The programme's name, which heads the report and every export",
        "Il nome del programma, in testa al resoconto e a ogni esportazione",
    ),
    (
        "settings programme.name",
        "The new name (else the current one is shown)",
        "Il nuovo nome (altrimenti mostra quello attuale)",
    ),
    (
        "report",
        "The programme's figures, of one register or several together",
        "I numeri del programma, di un registro o di più registri insieme",
    ),
    (
        "report.module",
        "Only this module (its code)",
        "Solo questo modulo (il suo codice)",
    ),
    (
        "report.format",
        "How to write the figures",
        "Come scrivere i numeri",
    ),
    (
        "import",
        "Read a CSV file into the register: all of it, or nothing",
        "Legge un file CSV nel registro: tutto o niente",
    ),
    (
        "import.kind",
        "What the file holds",
        "Che cosa contiene il file",
    ),
    (
        "import.file",
        "The CSV file (`,` or `;`, UTF-8 or Windows-1252)",
        "Il file CSV (`,` o `;`, UTF-8 o Windows-1252)",
    ),
    (
        "import.dry_run",
        "Check the file and report, without writing anything",
        "Controlla il file e riferisce, senza scrivere nulla",
    ),
    (
        "import.notify",
        "Queue a message to each person whose request comes decided",
        "Mette in coda un messaggio per ogni persona la cui domanda arriva già decisa",
    ),
    (
        "export",
        "Write a list from the register to a file or stdout",
        "Scrive un elenco dal registro in un file o sullo standard output",
    ),
    ("export.kind", "What to export", "Che cosa esportare"),
    (
        "export.module",
        "Only this module (its code)",
        "Solo questo modulo (il suo codice)",
    ),
    ("export.format", "The file's format", "Il formato del file"),
    (
        "export.dialect",
        "How CSV is written (else the setting [export] dialect, else from the language: Italian writes excel-it); also the dates of xlsx",
        "Come scrivere il CSV (altrimenti l'impostazione [export] dialect, altrimenti secondo la lingua: in italiano excel-it); vale anche per le date in xlsx",
    ),
    (
        "export.output",
        "The file to write (else standard output; xlsx needs a file)",
        "Il file da scrivere (altrimenti lo standard output; xlsx richiede un file)",
    ),
    (
        "export.session",
        "With --format pdf: the signature sheet of this session only (its id)",
        "Con --format pdf: il foglio firme di questa sola lezione (il suo id)",
    ),
    (
        "export.summary",
        "With register --format pdf: the module's summary register (landscape) instead of its signature sheets",
        "Con register --format pdf: il registro riepilogativo del modulo (orizzontale) invece dei fogli firme",
    ),
    (
        "export.person",
        "With certificates: only this person's (their id)",
        "Con certificates: solo quelli di questa persona (il suo id)",
    ),
    (
        "export.from",
        "The audit log from this day on (15/01/2013 or 2013-01-15)",
        "Il registro delle modifiche da questo giorno (15/01/2013 o 2013-01-15)",
    ),
    (
        "export.to",
        "The audit log up to this day, included",
        "Il registro delle modifiche fino a questo giorno, compreso",
    ),
    (
        "users",
        "Who may open the register, and as what (coordinators: tutors only)",
        "Chi può aprire il registro, e con quale ruolo (i coordinatori: solo i tutor)",
    ),
    (
        "users add",
        "Give someone access to the register",
        "Dà a qualcuno l'accesso al registro",
    ),
    (
        "users add.name",
        "Their login name (the name `--user` or the system gives)",
        "Il suo nome di accesso (quello dato da `--user` o dal sistema)",
    ),
    ("users add.role", "Their role", "Il suo ruolo"),
    (
        "users add.modules",
        "A module they tutor (its code); repeat for several",
        "Un modulo di cui è tutor (il codice); da ripetere per più moduli",
    ),
    (
        "users add.display_name",
        "The name shown on screen (else the login name)",
        "Il nome mostrato sullo schermo (altrimenti il nome di accesso)",
    ),
    (
        "users give",
        "Give a user more modules to tutor",
        "Affida a un utente altri moduli come tutor",
    ),
    (
        "users give.name",
        "Their login name",
        "Il suo nome di accesso",
    ),
    (
        "users give.modules",
        "A module's code; repeat for several",
        "Il codice di un modulo; da ripetere per più moduli",
    ),
    (
        "users list",
        "Everyone who can open the register",
        "Chi può aprire il registro",
    ),
    (
        "users remove",
        "Take someone's access away (their past changes keep their name)",
        "Toglie l'accesso a qualcuno (le sue modifiche passate restano a suo nome)",
    ),
    (
        "users remove.name",
        "Their login name",
        "Il suo nome di accesso",
    ),
    (
        "backup",
        "A consistent copy of the register, while others keep working",
        "Una copia coerente del registro, mentre gli altri continuano a lavorare",
    ),
    (
        "backup.file",
        "The copy to make (a new file, readable by you only)",
        "La copia da fare (un file nuovo, leggibile solo da te)",
    ),
    (
        "backup.dir",
        "A folder of dated copies (REGISTER-YYYY-MM-DD-HHMMSS.db) instead",
        "In alternativa, una cartella di copie datate (REGISTRO-AAAA-MM-GG-HHMMSS.db)",
    ),
    (
        "backup.keep",
        "With --dir: how many copies to keep; older ones are removed once the new one is whole and checked",
        "Con --dir: quante copie tenere; le più vecchie sono tolte quando la nuova è intera e controllata",
    ),
    (
        "check",
        "Check the register's integrity, references and schema",
        "Controlla integrità, riferimenti e schema del registro",
    ),
    (
        "mail",
        "Letters and e-mail to applicants: the outbox",
        "Lettere ed e-mail a chi ha fatto domanda: la posta in uscita",
    ),
    (
        "mail send",
        "Deliver the pending messages (letters for people without e-mail)",
        "Invia i messaggi in attesa (lettere per chi non ha e-mail)",
    ),
    (
        "mail send.dry_run",
        "Say what would go, and send nothing",
        "Dice che cosa partirebbe, senza inviare nulla",
    ),
    (
        "mail list",
        "The messages in the outbox, newest first",
        "I messaggi della posta in uscita, dal più recente",
    ),
    (
        "mail list.status",
        "Only the messages with this status",
        "Solo i messaggi in questo stato",
    ),
    (
        "person",
        "A person's data, for data-protection requests; the language of their letters",
        "I dati di una persona, per le richieste sulla protezione dei dati; la lingua delle sue lettere",
    ),
    (
        "person export",
        "Print everything held about a person as JSON",
        "Stampa in JSON tutto ciò che il registro contiene su una persona",
    ),
    (
        "person export.id",
        "The person's id (shown in the Participants tab and in exports)",
        "Il numero della persona (nella scheda Partecipanti e nelle esportazioni)",
    ),
    (
        "person export.output",
        "The file to write (readable by you only; else standard output)",
        "Il file da scrivere (leggibile solo da te; altrimenti lo standard output)",
    ),
    (
        "person erase",
        "Replace a person's identifying data with a pseudonym, for good",
        "Sostituisce per sempre i dati identificativi di una persona con uno pseudonimo",
    ),
    (
        "person erase.id",
        "The person's id",
        "Il numero della persona",
    ),
    (
        "person language",
        "The language of a person's letters and e-mail: say it, or change it",
        "La lingua delle lettere e delle e-mail a una persona: la mostra, o la cambia",
    ),
    (
        "person language.id",
        "The person's id",
        "Il numero della persona",
    ),
    (
        "person language.language",
        "it (Italian) or en (English); else the current one is shown",
        "it (italiano) o en (inglese); altrimenti mostra quella attuale",
    ),
    (
        "man",
        "Write the manual pages (registro.1 on stdout, or every page into DIR)",
        "Scrive le pagine di manuale (registro.1 sullo standard output, o tutte le pagine in CARTELLA)",
    ),
    (
        "man.dir",
        "The folder to write registro.1 and one page per subcommand into",
        "La cartella in cui scrivere registro.1 e una pagina per sottocomando",
    ),
    (
        "man.lang",
        "The language of the pages (else the user's)",
        "La lingua delle pagine (altrimenti quella dell'utente)",
    ),
    (
        "completions",
        "Print the completion script for a shell",
        "Stampa lo script di completamento per una shell",
    ),
    (
        "completions.shell",
        "bash, zsh, fish, elvish or powershell",
        "bash, zsh, fish, elvish o powershell",
    ),
];

/// The possible values of the arguments that have them, in Italian:
/// (argument key, value, Italian). English keeps the definitions' own.
pub const VALUES_IT: &[(&str, &str, &str)] = &[
    (
        "demo.size",
        "realistic",
        "un programma realistico: 12 moduli, circa 250 persone",
    ),
    (
        "demo.size",
        "large",
        "una regione: 100.000 persone, 2.000 moduli, 1.000.000 di presenze",
    ),
    ("report.format", "text", "il rapporto da leggere"),
    (
        "report.format",
        "json",
        "un oggetto con ogni numero, senza arrotondamenti",
    ),
    (
        "report.format",
        "csv",
        "una riga per modulo (e per registro, se più d'uno)",
    ),
    (
        "export.dialect",
        "excel-it",
        "come Excel in italiano: `;`, virgola decimale, gg/mm/aaaa, intestazioni e parole italiane",
    ),
    (
        "export.dialect",
        "plain",
        "per i programmi: `,`, punto decimale, date ISO, intestazioni e parole inglesi",
    ),
    ("import.kind", "modules", "moduli"),
    ("import.kind", "sessions", "incontri"),
    ("import.kind", "enrolments", "domande di iscrizione"),
    ("import.kind", "attendance", "presenze"),
    ("import.kind", "ratings", "valutazioni"),
    (
        "export.kind",
        "enrolments",
        "ogni domanda, con stato e motivo",
    ),
    (
        "export.kind",
        "participants",
        "i partecipanti accettati, con i recapiti",
    ),
    (
        "export.kind",
        "certificates",
        "le partecipazioni che raggiungono la soglia di frequenza, con le ore",
    ),
    (
        "export.kind",
        "attendance",
        "una riga per partecipante e incontro: ore e presenza",
    ),
    (
        "export.kind",
        "register",
        "il registro cartaceo di un modulo: persone, incontri, totali (serve --module)",
    ),
    (
        "export.kind",
        "audit",
        "ogni modifica al registro: chi, quando, che cosa, prima e dopo",
    ),
    (
        "export.kind",
        "sessions",
        "ogni incontro: modulo, data, orari, sede, docente, tutor, argomento, annullato (anche ics)",
    ),
    (
        "export.kind",
        "modules",
        "ogni modulo: date, ore, incontri, tutor",
    ),
    (
        "users add.role",
        "admin",
        "amministratore: tutto, utenti compresi",
    ),
    (
        "users add.role",
        "coordinator",
        "coordinatore: domande, programma, esportazioni",
    ),
    (
        "users add.role",
        "tutor",
        "tutor: presenze e note dei propri moduli",
    ),
];

/// Placeholders of values, in Italian (English: the definitions' own).
pub const VALUE_NAMES_IT: &[(&str, &str)] = &[
    ("PATH", "PERCORSO"),
    ("NAME", "NOME"),
    ("FILE", "FILE"),
    ("CODE", "CODICE"),
    ("DATE", "DATA"),
    ("DIALECT", "STILE"),
    ("DIR", "CARTELLA"),
    ("N", "N"),
    ("DISPLAY NAME", "NOME VISIBILE"),
    ("KIND", "TIPO"),
    ("ID", "NUMERO"),
    ("SHELL", "SHELL"),
    ("ROLE", "RUOLO"),
    ("FORMAT", "FORMATO"),
    ("SIZE", "DIMENSIONE"),
    ("LANG", "LINGUA"),
];
