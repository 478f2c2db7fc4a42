//! The register's schema, as an ordered list of steps. Step N takes a
//! register from `PRAGMA user_version = N-1` to `N`, in one transaction.
//! Steps are never edited once released: a change is a new step.

use rusqlite::Transaction;

use super::{Result, StoreError};

/// Why step 6 gave up, as the database error it stands for (the
/// register is left untouched, at its earlier version).
fn step_failed(why: String) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(format!("schema step 6: {why}")),
    ))
}

/// One step of the schema.
pub enum Step {
    /// Statements run as one batch.
    Sql(&'static str),
    /// A change SQL alone cannot make (it needs to read before it
    /// writes), run inside the step's transaction like the others.
    Code(fn(&Transaction) -> Result<()>),
}

impl Step {
    pub(crate) fn apply(&self, tx: &Transaction) -> Result<()> {
        match self {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(change) => change(tx)?,
        }
        Ok(())
    }
}

pub const MIGRATIONS: &[Step] = &[
    // 1: the whole domain model (README.md, docs/files.md).
    Step::Sql(
        r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE axis (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL
);

CREATE TABLE module (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    title           TEXT NOT NULL,
    axis_id         INTEGER NOT NULL REFERENCES axis(id),
    location        TEXT NOT NULL,
    venue           TEXT,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes >= 0),
    capacity        INTEGER NOT NULL CHECK (capacity >= 0),
    starts_on       TEXT,
    ends_on         TEXT,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX module_axis ON module(axis_id);

CREATE TABLE session (
    id           INTEGER PRIMARY KEY,
    module_id    INTEGER NOT NULL REFERENCES module(id),
    date         TEXT NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
    venue        TEXT,
    trainer      TEXT,
    topic        TEXT,
    cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    closed_at    TEXT,
    closed_by    TEXT,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX session_module ON session(module_id, date, start_minute);
CREATE INDEX session_date ON session(date, start_minute);

CREATE TABLE person (
    id                INTEGER PRIMARY KEY,
    surname           TEXT NOT NULL,
    given_name        TEXT NOT NULL,
    gender            TEXT NOT NULL CHECK (gender IN ('F', 'M', 'X')),
    tax_code          TEXT UNIQUE,
    email             TEXT COLLATE NOCASE,
    phone             TEXT,
    organisation      TEXT NOT NULL DEFAULT '',
    organisation_type TEXT NOT NULL DEFAULT '',
    job_title         TEXT,
    erased            INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_name ON person(surname COLLATE NOCASE, given_name COLLATE NOCASE, id);
CREATE INDEX person_email ON person(email);

CREATE TABLE enrolment (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    module_id   INTEGER NOT NULL REFERENCES module(id),
    received_on TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested', 'accepted', 'rejected', 'waitlisted', 'withdrawn')),
    reason      TEXT,
    UNIQUE (person_id, module_id)
);
CREATE INDEX enrolment_module ON enrolment(module_id, status);
-- The triage queue: pending requests first, then by arrival.
CREATE INDEX enrolment_queue ON enrolment((status <> 'requested'), received_on, id);

CREATE TABLE enrolment_history (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason       TEXT,
    at           TEXT NOT NULL,
    by_user      TEXT NOT NULL
);
CREATE INDEX enrolment_history_enrolment ON enrolment_history(enrolment_id, id);

CREATE TABLE attendance (
    enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
    session_id   INTEGER NOT NULL REFERENCES session(id),
    minutes      INTEGER NOT NULL CHECK (minutes >= 0 AND minutes % 15 = 0),
    mark         TEXT NOT NULL
                 CHECK (mark IN ('present', 'absent', 'late', 'left-early', 'excused')),
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (enrolment_id, session_id)
) WITHOUT ROWID;
CREATE INDEX attendance_session ON attendance(session_id);

CREATE TABLE rating (
    enrolment_id INTEGER PRIMARY KEY REFERENCES enrolment(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      TEXT
);

CREATE TABLE note (
    id         INTEGER PRIMARY KEY,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL,
    follow_up  TEXT CHECK (follow_up IN ('open', 'done')),
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX note_created ON note(created_at, id);

-- What a note is about: one row per subject, exactly one of the three set.
CREATE TABLE note_subject (
    note_id    INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
    person_id  INTEGER REFERENCES person(id),
    session_id INTEGER REFERENCES session(id),
    module_id  INTEGER REFERENCES module(id),
    CHECK ((person_id IS NOT NULL) + (session_id IS NOT NULL) + (module_id IS NOT NULL) = 1)
);
CREATE INDEX note_subject_note ON note_subject(note_id);
CREATE INDEX note_subject_person ON note_subject(person_id);
CREATE INDEX note_subject_session ON note_subject(session_id);
CREATE INDEX note_subject_module ON note_subject(module_id);

CREATE TABLE app_user (
    id           INTEGER PRIMARY KEY,
    login        TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'tutor')),
    active       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_module (
    user_id   INTEGER NOT NULL REFERENCES app_user(id),
    module_id INTEGER NOT NULL REFERENCES module(id),
    PRIMARY KEY (user_id, module_id)
) WITHOUT ROWID;

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_entity ON audit(entity, entity_id);
"#,
    ),
    // 2: word search in notes (accents folded, so `perche` finds
    // `perché`) and drafts that survive a dropped connection.
    Step::Sql(
        r#"
CREATE VIRTUAL TABLE note_text USING fts5(
    body,
    content = 'note',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER note_text_insert AFTER INSERT ON note BEGIN
    INSERT INTO note_text(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER note_text_delete AFTER DELETE ON note BEGIN
    INSERT INTO note_text(note_text, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER note_text_update AFTER UPDATE OF body ON note BEGIN
    INSERT INTO note_text(note_text, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO note_text(rowid, body) VALUES (new.id, new.body);
END;
INSERT INTO note_text(note_text) VALUES ('rebuild');

CREATE TABLE note_draft (
    id         INTEGER PRIMARY KEY,
    author     TEXT NOT NULL,
    note_id    INTEGER REFERENCES note(id),
    person_id  INTEGER REFERENCES person(id),
    session_id INTEGER REFERENCES session(id),
    module_id  INTEGER REFERENCES module(id),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX note_draft_author ON note_draft(author);
"#,
    ),
    // 3: who has a roster open, so that two tutors on one session see
    // each other. A row is refreshed while its screen is open and counts
    // as gone once it is older than a few seconds.
    Step::Sql(
        r#"
CREATE TABLE roster_presence (
    token      TEXT PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id),
    user       TEXT NOT NULL,
    seen_at    INTEGER NOT NULL
);
CREATE INDEX roster_presence_session ON roster_presence(session_id);
"#,
    ),
    // 4: planning inside the app (issue 8): a module's materials, and the
    // lists people choose from in forms (towns, organisation types,
    // reject reasons), editable in the register. Towns and organisation
    // types already in use start the lists; the settings' lists are added
    // when the app first opens the register.
    Step::Sql(
        r#"
CREATE TABLE material (
    id        INTEGER PRIMARY KEY,
    module_id INTEGER NOT NULL REFERENCES module(id),
    title     TEXT NOT NULL,
    reference TEXT NOT NULL
);
CREATE INDEX material_module ON material(module_id, id);

CREATE TABLE vocabulary (
    kind  TEXT NOT NULL CHECK (kind IN ('town', 'organisation_type', 'reject_reason')),
    value TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
INSERT OR IGNORE INTO vocabulary(kind, value)
    SELECT DISTINCT 'town', location FROM module WHERE trim(location) <> '';
INSERT OR IGNORE INTO vocabulary(kind, value)
    SELECT DISTINCT 'organisation_type', organisation_type FROM person WHERE trim(organisation_type) <> '';
"#,
    ),
    // 5: finding a person by any three letters of a name (either order),
    // organisation, tax code or email, accents folded, through an index:
    // a LIKE over 100,000 people walked all of them on every key typed
    // in the `/` filter. Contentless (the text is the person table's);
    // the triggers give back the old text to take out.
    Step::Sql(
        r#"
CREATE VIRTUAL TABLE person_text USING fts5(
    name, organisation, tax_code, email,
    content = '',
    tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER person_text_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_text(rowid, name, organisation, tax_code, email)
    VALUES (new.id, new.surname || ' ' || new.given_name || char(10) || new.given_name || ' ' || new.surname,
            new.organisation, coalesce(new.tax_code, ''), coalesce(new.email, ''));
END;
CREATE TRIGGER person_text_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_text(person_text, rowid, name, organisation, tax_code, email)
    VALUES ('delete', old.id, old.surname || ' ' || old.given_name || char(10) || old.given_name || ' ' || old.surname,
            old.organisation, coalesce(old.tax_code, ''), coalesce(old.email, ''));
END;
CREATE TRIGGER person_text_update
AFTER UPDATE OF surname, given_name, organisation, tax_code, email ON person BEGIN
    INSERT INTO person_text(person_text, rowid, name, organisation, tax_code, email)
    VALUES ('delete', old.id, old.surname || ' ' || old.given_name || char(10) || old.given_name || ' ' || old.surname,
            old.organisation, coalesce(old.tax_code, ''), coalesce(old.email, ''));
    INSERT INTO person_text(rowid, name, organisation, tax_code, email)
    VALUES (new.id, new.surname || ' ' || new.given_name || char(10) || new.given_name || ' ' || new.surname,
            new.organisation, coalesce(new.tax_code, ''), coalesce(new.email, ''));
END;
INSERT INTO person_text(rowid, name, organisation, tax_code, email)
    SELECT id, surname || ' ' || given_name || char(10) || given_name || ' ' || surname,
           organisation, coalesce(tax_code, ''), coalesce(email, '')
    FROM person;
"#,
    ),
    // 6: the import's inserts checked a status, gender or mark against
    // its list at a fifth of their cost: SQLite evaluates `x IN ('a',
    // 'b', 'c')` by building a throwaway table of the list each time a
    // row is written. The same check spelt `x = 'a' OR x = 'b' ...`
    // allows exactly the same values and costs nothing measurable.
    Step::Code(check_lists_as_comparisons),
    // 7: the people's text index keeps what a statement adds in memory
    // and writes it out as a segment when it holds more than this many
    // bytes (1 MiB by default). An import adds its new people in one
    // statement (`bulk::EnrolmentInserts::people`); at 1 MiB, 50,000 of
    // them became dozens of segments merged again and again, a sixth of
    // the import's instructions. 32 MiB holds that many people in one
    // segment, and only an import ever gathers so much.
    Step::Sql("INSERT INTO person_text(person_text, rank) VALUES ('hashsize', 33554432);"),
    // 8: the people's text index made lighter, for imports: a name
    // once ("surname given"; the filter now matches each word typed on
    // its own, in any order) and the organisation. Tax codes and emails
    // are typed from their start, and their own B-tree indexes find
    // them by prefix (lists.rs). No per-row sizes (`columnsize=0`):
    // they serve only ranking, which the filter does not do. Each new
    // person now adds some 30 trigrams instead of 85; an import of
    // 50,000 new people spent half its time here.
    Step::Sql(
        r#"
DROP TRIGGER person_text_insert;
DROP TRIGGER person_text_delete;
DROP TRIGGER person_text_update;
DROP TABLE person_text;
CREATE VIRTUAL TABLE person_text USING fts5(
    name, organisation,
    content = '',
    columnsize = 0,
    tokenize = 'trigram remove_diacritics 1'
);
INSERT INTO person_text(person_text, rank) VALUES ('hashsize', 33554432);
CREATE TRIGGER person_text_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_text(rowid, name, organisation)
    VALUES (new.id, new.surname || ' ' || new.given_name, new.organisation);
END;
CREATE TRIGGER person_text_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_text(person_text, rowid, name, organisation)
    VALUES ('delete', old.id, old.surname || ' ' || old.given_name, old.organisation);
END;
CREATE TRIGGER person_text_update AFTER UPDATE OF surname, given_name, organisation ON person BEGIN
    INSERT INTO person_text(person_text, rowid, name, organisation)
    VALUES ('delete', old.id, old.surname || ' ' || old.given_name, old.organisation);
    INSERT INTO person_text(rowid, name, organisation)
    VALUES (new.id, new.surname || ' ' || new.given_name, new.organisation);
END;
INSERT INTO person_text(rowid, name, organisation)
    SELECT id, surname || ' ' || given_name, organisation FROM person;
"#,
    ),
    // 9: a roster finds its participants through this index, and each
    // needed one more page, the request's own row, for the person's id.
    // On a region's register a roster of 120 read some 750 pages where
    // the screen's page cache holds 500 (SQLite's 2 MB): opening the
    // same roster again read them all again from the file. With the
    // person's id in the index, the roster reads about 380 pages, and
    // opening it again reads none.
    Step::Sql(
        "DROP INDEX enrolment_module;
         CREATE INDEX enrolment_module ON enrolment(module_id, status, person_id);",
    ),
    // 10: each row of the Participants list shows the modules the
    // person takes part in, found through the index on (person, module)
    // and then each request's own row for its status: some five pages
    // read per row shown, 240 for a page of 50 on a region's register,
    // for every letter typed in the `/` filter and every page turned
    // (4.8 ms cold). With the status in an index of their own, two
    // (3.1 ms); an import writes one index more.
    Step::Sql("CREATE INDEX enrolment_person ON enrolment(person_id, status, module_id);"),
    // 11: a person's id is never given again. Without AUTOINCREMENT the
    // id of the last person, merged away, went to the next new one, and
    // the audit log named two people with one id.
    Step::Code(person_ids_never_reused),
    // 12: the times a tutor writes for a late arrival or an early
    // leaving (minutes after midnight, within the session; NULL when
    // the whole session or typed hours), printed on the signature
    // sheets; and the register's own identity, made once, from which
    // a timetable's calendar events take UIDs that stay the same from
    // one export to the next.
    Step::Sql(
        "ALTER TABLE attendance ADD COLUMN arrived_minute INTEGER
             CHECK (arrived_minute BETWEEN 0 AND 1440);
         ALTER TABLE attendance ADD COLUMN left_minute INTEGER
             CHECK (left_minute BETWEEN 0 AND 1440);
         INSERT OR IGNORE INTO meta(key, value)
             VALUES ('register_id', lower(hex(randomblob(16))));",
    ),
    // 13: the outbox (issue 25): one message per decision, to the person
    // in their own language (Italian unless told otherwise), kept with
    // what happened to it: pending, held, sent, failed (retried later),
    // printed (a letter, for a person without an email), discarded.
    Step::Sql(
        r#"
ALTER TABLE person ADD COLUMN language TEXT NOT NULL DEFAULT 'it' CHECK (language = 'it' OR language = 'en');
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id),
    enrolment_id    INTEGER REFERENCES enrolment(id),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('accepted', 'waitlisted', 'rejected', 'offered', 'withdrawn', 'certificate')),
    reason          TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'held', 'sent', 'failed', 'printed', 'discarded')),
    subject         TEXT,
    body            TEXT,
    edited_by       TEXT,
    attachment      TEXT,
    recipient       TEXT,
    message_id      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    batch           TEXT,
    queued_at       TEXT NOT NULL,
    queued_by       TEXT NOT NULL,
    done_at         TEXT
);
CREATE INDEX outbox_status ON outbox(status, next_attempt_at, id);
CREATE INDEX outbox_person ON outbox(person_id);
CREATE INDEX outbox_enrolment ON outbox(enrolment_id);
"#,
    ),
    // 14: the certificates of attendance issued, one number per
    // participation, kept so that a reprint shows the same number.
    Step::Sql(
        "CREATE TABLE certificate (
             id           INTEGER PRIMARY KEY AUTOINCREMENT,
             enrolment_id INTEGER NOT NULL UNIQUE REFERENCES enrolment(id),
             number       TEXT NOT NULL,
             issued_at    TEXT NOT NULL,
             issued_by    TEXT NOT NULL
         );",
    ),
    // 15: the outbox keeps what a later decision made wrong apart from
    // what a coordinator threw away ('superseded': never sent, still
    // shown), keeps a certificate's PDF itself with its message (so it
    // leaves with the person, and no file outside the register has to
    // outlive the send), and holds one certificate message per
    // participation at most, so a reprint never queues another. A
    // CHECK constraint cannot be altered: the table is rebuilt.
    Step::Sql(
        r#"
CREATE TABLE outbox_next (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id),
    enrolment_id    INTEGER REFERENCES enrolment(id),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('accepted', 'waitlisted', 'rejected', 'offered', 'withdrawn', 'certificate')),
    reason          TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'held', 'sent', 'failed', 'printed', 'discarded', 'superseded')),
    subject         TEXT,
    body            TEXT,
    edited_by       TEXT,
    attachment      TEXT,
    attachment_data BLOB,
    recipient       TEXT,
    message_id      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    batch           TEXT,
    queued_at       TEXT NOT NULL,
    queued_by       TEXT NOT NULL,
    done_at         TEXT
);
INSERT INTO outbox_next(id, person_id, enrolment_id, kind, reason, status, subject, body,
        edited_by, attachment, recipient, message_id, attempts, next_attempt_at, last_error,
        batch, queued_at, queued_by, done_at)
    SELECT id, person_id, enrolment_id, kind, reason,
        CASE WHEN status = 'discarded' AND id IN
                 (SELECT entity_id FROM audit WHERE entity = 'outbox' AND action = 'supersede')
             THEN 'superseded' ELSE status END,
        subject, body, edited_by, attachment, recipient, message_id, attempts,
        next_attempt_at, last_error, batch, queued_at, queued_by, done_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_status ON outbox(status, next_attempt_at, id);
CREATE INDEX outbox_person ON outbox(person_id);
CREATE INDEX outbox_enrolment ON outbox(enrolment_id);
CREATE UNIQUE INDEX outbox_one_certificate ON outbox(enrolment_id) WHERE kind = 'certificate';
"#,
    ),
];

/// The CHECK constraints step 6 respells: table, column, allowed values,
/// as step 1 wrote them. Only the tables a bulk import writes row after
/// row; two-value lists (`cancelled`, `follow_up`) SQLite already
/// evaluates as comparisons, and users and vocabularies are written a
/// handful of times.
const CHECK_LISTS: &[(&str, &str, &[&str])] = &[
    ("person", "gender", &["F", "M", "X"]),
    (
        "enrolment",
        "status",
        &[
            "requested",
            "accepted",
            "rejected",
            "waitlisted",
            "withdrawn",
        ],
    ),
    (
        "attendance",
        "mark",
        &["present", "absent", "late", "left-early", "excused"],
    ),
];

/// `CHECK (column IN ('a', 'b'))`, as step 1 spelt it.
fn check_as_list(column: &str, values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    format!("CHECK ({column} IN ({}))", quoted.join(", "))
}

/// `CHECK (column = 'a' OR column = 'b')`: the same values allowed.
fn check_as_comparisons(column: &str, values: &[&str]) -> String {
    let compared: Vec<String> = values.iter().map(|v| format!("{column} = '{v}'")).collect();
    format!("CHECK ({})", compared.join(" OR "))
}

/// Step 6. A CHECK constraint lives only in the table's text in
/// `sqlite_schema`, not in its rows, so it is changed by editing that
/// text as SQLite documents for such changes (lang_altertable.html,
/// "Making Other Kinds Of Table Schema Changes"), without copying the
/// tables: edit the text under `writable_schema`, bump `schema_version`
/// so every connection reads the schema again, then check the tables
/// against it. All inside the step's transaction: if anything fails,
/// the register is left as it was.
fn check_lists_as_comparisons(tx: &Transaction) -> Result<()> {
    let before: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let edited = respell_checks(tx);
    let bumped = edited.and_then(|()| {
        tx.pragma_update(None, "schema_version", before + 1)?;
        Ok(())
    });
    // Off again whatever happened: left on, a later mistake could write
    // the schema, and a malformed schema would go unreported.
    let off = tx.pragma_update(None, "writable_schema", false);
    bumped?;
    off?;
    // In defensive mode SQLite ignores a new schema_version without
    // saying so, and other connections would keep the old text.
    let after: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    if after != before + 1 {
        return Err(step_failed(format!(
            "schema_version stayed at {after} instead of {}",
            before + 1
        )));
    }
    for (table, _, _) in CHECK_LISTS {
        // The new text is read back here; each row is checked against
        // it. Limited to the tables edited: an unrelated fault elsewhere
        // is `registro check`'s to report, not a reason to refuse to open.
        let mut statement = tx.prepare(&format!("PRAGMA integrity_check({table})"))?;
        let found: Vec<String> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if found != ["ok"] {
            return Err(step_failed(format!(
                "{table} after respelling its checks: {}",
                found.join("; ")
            )));
        }
    }
    Ok(())
}

/// Replaces each list check by its comparisons in the table's text. A
/// table whose text lacks the list form (edited by hand) keeps its text:
/// it allows the same values, only more slowly.
fn respell_checks(tx: &Transaction) -> Result<()> {
    for (table, column, values) in CHECK_LISTS {
        let sql: String = tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |row| row.get(0),
        )?;
        let list = check_as_list(column, values);
        if !sql.contains(&list) {
            continue;
        }
        let respelt = sql.replace(&list, &check_as_comparisons(column, values));
        tx.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
            rusqlite::params![respelt, table],
        )?;
    }
    Ok(())
}

/// The step that makes person ids never reused (see MIGRATIONS) gave up.
fn person_ids_step_failed(why: String) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(format!("schema step (person ids never reused): {why}")),
    ))
}

/// Gives the person table's id AUTOINCREMENT. Copying the table is not
/// possible inside the step's transaction: with foreign keys on, dropping
/// the old table counts every request, note and draft of every person as
/// a broken reference until commit, and the copy renamed in its place
/// does not take the count back. AUTOINCREMENT changes nothing in the
/// rows, only how SQLite chooses the next id, so the table's text is
/// edited as step 6 edits its checks (writable_schema, schema_version
/// bumped), and the sequence starts above every id a person ever had,
/// those only the audit log still names included.
fn person_ids_never_reused(tx: &Transaction) -> Result<()> {
    // `sqlite_sequence` exists once a table with AUTOINCREMENT has.
    tx.execute_batch(
        "CREATE TABLE autoincrement_seed(id INTEGER PRIMARY KEY AUTOINCREMENT);
         DROP TABLE autoincrement_seed;",
    )?;
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'person'",
        [],
        |row| row.get(0),
    )?;
    const PLAIN: &str = "id                INTEGER PRIMARY KEY,";
    if !sql.contains(PLAIN) {
        return Err(person_ids_step_failed(format!(
            "the person table is not as step 1 made it: {sql}"
        )));
    }
    let before: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let edited = tx
        .execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'person'",
            [sql.replacen(
                PLAIN,
                "id                INTEGER PRIMARY KEY AUTOINCREMENT,",
                1,
            )],
        )
        .map_err(StoreError::from)
        .and_then(|_| {
            tx.pragma_update(None, "schema_version", before + 1)?;
            Ok(())
        });
    let off = tx.pragma_update(None, "writable_schema", false);
    edited?;
    off?;
    let after: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    if after != before + 1 {
        return Err(person_ids_step_failed(format!(
            "schema_version stayed at {after} instead of {}",
            before + 1
        )));
    }
    tx.execute(
        "INSERT INTO sqlite_sequence(name, seq) SELECT 'person', max(
             coalesce((SELECT max(id) FROM person), 0),
             coalesce((SELECT max(entity_id) FROM audit WHERE entity = 'person'), 0))",
        [],
    )?;
    let found: Vec<String> = tx
        .prepare("PRAGMA integrity_check(person)")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if found != ["ok"] {
        return Err(person_ids_step_failed(found.join("; ")));
    }
    Ok(())
}

/// The schema version this build writes and understands.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
