//! Importing the files offices send (docs/files.md): read
//! and decode, map the header, check every row, and write the whole file
//! in one transaction, or nothing at all when any row is wrong.
//!
//! Nothing here draws on a terminal: progress is reported through a
//! callback and findings are returned as values.

mod attendance;
pub mod columns;
mod enrolments;
pub mod fields;
mod languages;
mod modules;
mod people;
pub mod problem;
mod ratings;
pub mod read;
mod sessions;
mod who;

use serde_json::json;

use crate::context::Actor;
use crate::planning::Holidays;
use crate::store::bulk::BulkWrite;
use crate::store::lookup::{ImportReading, Lookup};
use crate::store::{self, Store};
use columns::Mapping;
use problem::{Finding, Problem};

/// The kinds of file the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Modules,
    Sessions,
    Enrolments,
    Attendance,
    Ratings,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Modules => "modules",
            Kind::Sessions => "sessions",
            Kind::Enrolments => "enrolments",
            Kind::Attendance => "attendance",
            Kind::Ratings => "ratings",
        }
    }
}

/// Where an import is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Checking,
    Writing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

/// How often progress is reported, in rows.
const PROGRESS_EVERY: usize = 2048;

/// What was added to the register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Added {
    pub modules: usize,
    pub sessions: usize,
    pub people: usize,
    pub enrolments: usize,
    pub attendance: usize,
    pub ratings: usize,
}

impl Added {
    pub fn total(&self) -> usize {
        self.modules
            + self.sessions
            + self.people
            + self.enrolments
            + self.attendance
            + self.ratings
    }
}

/// The result of reading a file against the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Data rows read (blank rows left out).
    pub rows: usize,
    /// Rows refused: with any of them, nothing was written.
    pub errors: Vec<Finding>,
    /// Rows imported, with something worth a look.
    pub warnings: Vec<Finding>,
    /// Differences between a row and what the register already has,
    /// which the import did not apply.
    pub notes: Vec<Finding>,
    pub added: Added,
    /// Distinct people already in the register that rows matched.
    pub matched_people: usize,
    /// Rows that were already in the register, left as they were.
    pub skipped: usize,
    /// Whether the register was changed (false on errors or a dry run).
    pub written: bool,
    /// Messages queued to the people whose requests came decided
    /// (`--notify`, issue 25).
    pub queued: usize,
}

/// Reads `bytes` as a file of `kind` and, unless it has errors or this is
/// a dry run, writes it to the register in one transaction, with one
/// audit entry. `name` is how the file is called in the audit log.
pub fn import(
    store: &mut Store,
    actor: &Actor,
    kind: Kind,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    progress: &mut dyn FnMut(Progress),
) -> store::Result<Outcome> {
    let holidays = Holidays::italy();
    import_with(
        store, actor, kind, name, bytes, dry_run, &holidays, progress,
    )
}

/// `import`, with the holidays of the settings: a session imported on one
/// (the register's or its module's town's), on a Sunday or outside its
/// module's dates is warned about with its line.
#[allow(clippy::too_many_arguments)]
pub fn import_with(
    store: &mut Store,
    actor: &Actor,
    kind: Kind,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    holidays: &Holidays,
    progress: &mut dyn FnMut(Progress),
) -> store::Result<Outcome> {
    import_notifying(
        store, actor, kind, name, bytes, dry_run, holidays, progress, false,
    )
}

/// `import_with`; with `notify`, each request imported already decided
/// queues its message in the outbox, as a decision taken in registro
/// does (`registro import --notify`).
#[allow(clippy::too_many_arguments)]
pub fn import_notifying(
    store: &mut Store,
    actor: &Actor,
    kind: Kind,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    holidays: &Holidays,
    progress: &mut dyn FnMut(Progress),
    notify: bool,
) -> store::Result<Outcome> {
    let table = read::read(bytes);
    let mut outcome = Outcome {
        rows: table.records.len(),
        ..Outcome::default()
    };
    if !table.findings.is_empty() {
        outcome.rows = 0;
        outcome.errors = table.findings;
        return Ok(outcome);
    }
    for &line in &table.broken {
        outcome
            .errors
            .push(Finding::new(line, ROW, Problem::UnreadableRecord));
    }
    let Some(header) = &table.header else {
        outcome
            .errors
            .push(Finding::new(1, ROW, Problem::EmptyFile));
        return Ok(outcome);
    };
    let mapping = match Mapping::new(kind, &header.fields, header.line) {
        Ok(mapping) => mapping,
        Err(problems) => {
            outcome.errors.extend(problems);
            return Ok(outcome);
        }
    };
    let unnamed = Mapping::unnamed(&header.fields);
    for record in &table.records {
        if record.fields.len() != header.fields.len() {
            outcome.errors.push(Finding::new(
                record.line,
                ROW,
                Problem::FieldCount {
                    found: record.fields.len(),
                    expected: header.fields.len(),
                },
            ));
        }
        if unnamed
            .iter()
            .any(|&i| record.fields.get(i).is_some_and(|f| !f.is_empty()))
        {
            outcome
                .errors
                .push(Finding::new(record.line, ROW, Problem::ValueWithoutColumn));
        }
    }
    // Never add to a damaged file: a large import, or one into a small
    // register, reads every page first; a small one into a large register
    // stops at the first damaged page it reads (store::ImportCheck).
    store.check_before_import(table.records.len())?;
    store.use_large_cache()?;
    let reading = store.import_reading();
    store.write_in_bulk(|bulk| {
        let mut job = Job {
            bulk,
            reading,
            actor,
            stamp: actor.clock.stamp(),
            mapping: &mapping,
            outcome: &mut outcome,
            holidays,
            progress,
            notify,
        };
        match kind {
            Kind::Modules => modules::run(&mut job, &table.records)?,
            Kind::Sessions => sessions::run(&mut job, &table.records)?,
            Kind::Enrolments => enrolments::run(&mut job, &table.records)?,
            Kind::Attendance => attendance::run(&mut job, &table.records)?,
            Kind::Ratings => ratings::run(&mut job, &table.records)?,
        }
        // A file that adds nothing (imported before) leaves the register
        // exactly as it was, audit log included.
        let commit = job.outcome.errors.is_empty() && !dry_run && job.outcome.added.total() > 0;
        if commit {
            let after = json!({
                "file": name,
                "kind": kind.as_str(),
                "rows": job.outcome.rows,
                "added": job.outcome.added,
                "matched_people": job.outcome.matched_people,
                "skipped": job.outcome.skipped,
            });
            bulk.audit(actor, "import", kind.as_str(), &after)?;
        }
        job.outcome.written = commit;
        Ok(((), commit))
    })?;
    outcome.errors.sort_by_key(|f| f.line);
    Ok(outcome)
}

/// The column word for a problem with a whole row.
pub const ROW: &str = "-";

/// One import in progress: the transaction and what has been found.
pub(crate) struct Job<'a> {
    bulk: &'a BulkWrite<'a>,
    /// How the register's people are read (store::lookup).
    reading: ImportReading,
    actor: &'a Actor,
    stamp: String,
    mapping: &'a Mapping,
    outcome: &'a mut Outcome,
    /// The days a session is flagged on.
    holidays: &'a Holidays,
    progress: &'a mut dyn FnMut(Progress),
    /// Queue a message for each request that comes decided.
    notify: bool,
}

impl<'a> Job<'a> {
    fn tick(&mut self, phase: Phase, done: usize, total: usize) {
        if done.is_multiple_of(PROGRESS_EVERY) || done == total {
            (self.progress)(Progress {
                phase,
                done: done as u64,
                total: total as u64,
            });
        }
    }

    fn cells<'r>(&self, record: &'r read::Record) -> Cells<'r, 'a> {
        Cells {
            line: record.line,
            fields: &record.fields,
            mapping: self.mapping,
            errors: Vec::new(),
        }
    }

    fn note(&mut self, line: u64, column: &str, file: &str, register: &str) {
        let column = self.mapping.label(column);
        self.outcome.notes.push(Finding::new(
            line,
            &column,
            Problem::Differs {
                file: file.to_string(),
                register: register.to_string(),
            },
        ));
    }

    /// Notes every column whose value in the file differs from the
    /// register's: (column, file, register) for a row that matched.
    fn note_differences(&mut self, line: u64, pairs: &[(&str, Option<String>, Option<String>)]) {
        for (column, file, register) in pairs {
            if differs(file.as_deref(), register.as_deref()) {
                self.note(
                    line,
                    column,
                    file.as_deref().unwrap_or(""),
                    register.as_deref().unwrap_or(""),
                );
            }
        }
    }

    fn warn(&mut self, line: u64, column: &str, problem: Problem) {
        let column = self.mapping.label(column);
        self.outcome
            .warnings
            .push(Finding::new(line, &column, problem));
    }

    fn refuse(&mut self, line: u64, column: &str, problem: Problem) {
        let column = self.mapping.label(column);
        self.outcome
            .errors
            .push(Finding::new(line, &column, problem));
    }

    fn keep_errors(&mut self, cells: Cells) {
        self.outcome.errors.extend(cells.errors);
    }
}

/// The register's modules, asked for by the codes a file's rows give
/// (any case), each code once.
pub(crate) struct Modules<'c>(Lookup<'c, String, i64>);

impl<'c> Modules<'c> {
    pub fn open(bulk: &'c BulkWrite) -> Self {
        Modules(Lookup::by_key(bulk, store::bulk::module_id))
    }

    /// The row's module, with its code as the row writes it; a row
    /// without one, or with one the register lacks, is refused.
    pub fn of_row<'r>(
        &mut self,
        cells: &mut Cells<'r, '_>,
    ) -> store::Result<Option<(i64, &'r str)>> {
        let Some(code) = cells.required("module") else {
            return Ok(None);
        };
        let found = self.0.get(&people::upper(code).into_owned())?.copied();
        Ok(cells
            .check(
                "module",
                found.ok_or_else(|| Problem::UnknownModule(code.to_string())),
            )
            .map(|id| (id, code)))
    }
}

/// One row's fields by column name, collecting what is wrong with them.
pub(crate) struct Cells<'r, 'm> {
    line: u64,
    fields: &'r csv::StringRecord,
    mapping: &'m Mapping,
    errors: Vec<Finding>,
}

impl<'r> Cells<'r, '_> {
    /// The field, possibly empty.
    fn text(&self, column: &str) -> &'r str {
        self.mapping.get(self.fields, column)
    }

    /// The field, or `None` when empty.
    fn optional(&self, column: &str) -> Option<&'r str> {
        Some(self.text(column)).filter(|t| !t.is_empty())
    }

    /// The field, which must not be empty.
    fn required(&mut self, column: &str) -> Option<&'r str> {
        let text = self.optional(column);
        if text.is_none() {
            self.refuse(column, Problem::Required);
        }
        text
    }

    /// A required field read by `parse`.
    fn parse<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        let text = self.required(column)?;
        self.check(column, parse(text))
    }

    /// An optional field read by `parse` when present.
    fn parse_optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, Problem>,
    ) -> Option<T> {
        let text = self.optional(column)?;
        self.check(column, parse(text))
    }

    fn check<T>(&mut self, column: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.refuse(column, problem);
                None
            }
        }
    }

    fn refuse(&mut self, column: &str, problem: Problem) {
        let column = self.mapping.label(column);
        self.errors.push(Finding::new(self.line, &column, problem));
    }

    fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Compares a row's value with the register's; a note when the file says
/// something else (an empty field in the file says nothing).
fn differs(file: Option<&str>, register: Option<&str>) -> bool {
    let register = register.unwrap_or("").trim();
    match file {
        None => false,
        // The same text is the common case (a second request, a file
        // imported again) and needs no case folding.
        Some(value) if value == register => false,
        Some(value) => !value
            .chars()
            .flat_map(char::to_lowercase)
            .eq(register.chars().flat_map(char::to_lowercase)),
    }
}
