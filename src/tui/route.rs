//! Where a screen can send the user: plain data naming a place (a card,
//! a form, the note editor, the outbox…), never the screen that shows
//! it. A screen returns `Outcome::Go(route)`; the router
//! (`src/tui/router.rs`) is the one place that turns a route into a
//! screen, so that no screen needs to know another.

use std::path::PathBuf;

use crate::store::notes::spilled::Spilled;
use crate::store::notes::{Draft, NoteSubject};

/// What a card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Module(i64),
    Session(i64),
    Person(i64),
    Note(i64),
    /// Every clash and every module whose hours do not add up.
    Clashes,
    /// A module's material: Enter shows its reference.
    Material(i64),
}

/// A place in the app.
pub enum Route {
    /// A record's card: a module, a person, a note, the clashes. A
    /// session opens as its roster (or as its refusal, out of reach).
    Card(Subject),
    /// The note editor on a new note about `subjects`, titled `label`.
    NewNote {
        subjects: Vec<NoteSubject>,
        label: String,
    },
    /// The note editor on note `id`, titled `label`.
    EditNote { id: i64, label: String },
    /// The note editor on a draft an earlier run left.
    Draft(Box<KeptDraft>),
    /// The user's drafts; `waiting` says how many were offered at start.
    Drafts { waiting: Option<usize> },
    /// A module's form: a new one, or module `id`.
    ModuleForm(Option<i64>),
    /// A new edition of module `from`.
    EditionForm(i64),
    /// A session's form: a new one (of `module`, where known), or
    /// session `id`.
    SessionForm {
        id: Option<i64>,
        module: Option<i64>,
    },
    /// Sessions repeated week by week, of `module` where known.
    RepeatForm(Option<i64>),
    /// A material for module `module`.
    MaterialForm(i64),
    /// A person's form: a new one, or person `id`.
    PersonForm(Option<i64>),
    /// A new enrolment request, of `person` where known.
    EnrolmentForm(Option<i64>),
    /// Two records of the same person side by side, `drop` to merge into
    /// `keep`.
    Merge { keep: i64, drop: i64 },
    /// The month's sessions on a calendar.
    Calendar,
    /// The lists forms choose from (axes, towns, reasons).
    Lists,
    /// The letters and e-mails waiting to go.
    Outbox,
    /// The audit log.
    AuditLog,
}

/// A draft, wherever it is kept: in the register, or in a file of the
/// user's data folder when the register could not take it.
#[derive(Clone)]
pub enum KeptDraft {
    Register(Draft),
    File(PathBuf, Spilled),
}

impl KeptDraft {
    pub fn body(&self) -> &str {
        match self {
            KeptDraft::Register(draft) => &draft.body,
            KeptDraft::File(_, draft) => &draft.body,
        }
    }

    pub fn subjects(&self) -> Vec<NoteSubject> {
        match self {
            KeptDraft::Register(draft) => draft.subjects.clone(),
            KeptDraft::File(_, draft) => draft.subjects(),
        }
    }

    pub fn updated_at(&self) -> &str {
        match self {
            KeptDraft::Register(draft) => &draft.updated_at,
            KeptDraft::File(_, draft) => &draft.updated_at,
        }
    }
}
