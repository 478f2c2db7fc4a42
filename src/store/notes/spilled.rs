//! Drafts the register could not take (a full disk, a read-only file):
//! each is kept in a file of its own, readable by its owner only, in the
//! user's data folder, and offered back at the next start. The folder
//! comes from the edge (`Settings::data_folder`), so tests pin it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::NoteSubject;

/// The folder, inside the data folder, that holds spilled drafts.
const FOLDER: &str = "unsaved-notes";

/// A draft kept outside the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spilled {
    /// The register the note belongs to, as its canonical path.
    pub register: PathBuf,
    pub user: String,
    /// The draft in the register this text is newer than, if any.
    #[serde(default)]
    pub draft: Option<i64>,
    pub note_id: Option<i64>,
    pub persons: Vec<i64>,
    pub sessions: Vec<i64>,
    pub modules: Vec<i64>,
    pub body: String,
    pub follow_up: Option<String>,
    pub updated_at: String,
}

impl Spilled {
    pub fn new(
        register: &Path,
        user: &str,
        note_id: Option<i64>,
        subjects: &[NoteSubject],
        body: &str,
        updated_at: String,
    ) -> Spilled {
        let mut spilled = Spilled {
            register: canonical(register),
            user: user.to_string(),
            draft: None,
            note_id,
            persons: Vec::new(),
            sessions: Vec::new(),
            modules: Vec::new(),
            body: body.to_string(),
            follow_up: None,
            updated_at,
        };
        for subject in subjects {
            match *subject {
                NoteSubject::Person(id) => spilled.persons.push(id),
                NoteSubject::Session(id) => spilled.sessions.push(id),
                NoteSubject::Module(id) => spilled.modules.push(id),
            }
        }
        spilled
    }

    pub fn subjects(&self) -> Vec<NoteSubject> {
        let persons = self.persons.iter().map(|id| NoteSubject::Person(*id));
        let sessions = self.sessions.iter().map(|id| NoteSubject::Session(*id));
        let modules = self.modules.iter().map(|id| NoteSubject::Module(*id));
        persons.chain(sessions).chain(modules).collect()
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Writes `draft` to `file` (a new one in `data_folder` when `None`): to
/// a file beside it, readable by its owner only, synced, then renamed
/// into place whole. Returns the file.
pub fn keep(data_folder: &Path, file: Option<&Path>, draft: &Spilled) -> std::io::Result<PathBuf> {
    let folder = data_folder.join(FOLDER);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&folder)?;
    let target = match file {
        Some(file) => file.to_path_buf(),
        None => {
            let stamp = jiff::Timestamp::now().as_nanosecond();
            folder.join(format!("note-{stamp}-{}.json", std::process::id()))
        }
    };
    let part = target.with_extension("json.part");
    let bytes = serde_json::to_vec_pretty(draft).map_err(std::io::Error::other)?;
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut handle = options.open(&part)?;
        handle.write_all(&bytes)?;
        handle.sync_all()?;
        std::fs::rename(&part, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    Ok(target)
}

/// The drafts kept in `data_folder` for this register and user, oldest
/// first, each with its file.
pub fn found(data_folder: &Path, register: &Path, user: &str) -> Vec<(PathBuf, Spilled)> {
    let register = canonical(register);
    let Ok(entries) = std::fs::read_dir(data_folder.join(FOLDER)) else {
        return Vec::new();
    };
    let mut drafts: Vec<(PathBuf, Spilled)> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let draft: Spilled = serde_json::from_slice(&bytes).ok()?;
            (draft.register == register && draft.user == user).then_some((path, draft))
        })
        .collect();
    drafts.sort_by(|a, b| (&a.1.updated_at, &a.0).cmp(&(&b.1.updated_at, &b.0)));
    drafts
}

/// Removes a spilled draft once the register holds its text.
pub fn forget(file: &Path) {
    let _ = std::fs::remove_file(file);
}
