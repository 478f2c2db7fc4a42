//! The note editor. What is typed is written to the register as a draft
//! at most a second or two after it was typed, so a crash, a `kill -9` or
//! a dropped connection loses almost nothing; the next start offers the
//! draft back.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

use crate::tui::widgets::text_area::wrapped;

use crate::i18n::fill;
use crate::keys::Action;
use crate::store::notes::spilled::{self, Spilled};
use crate::store::notes::{Draft, NoteSubject};
use crate::tui::input::text_input;
use crate::tui::labels::subjects_label;
use crate::tui::view::{Input, Outcome, Ui, View};

/// The most typing a crash may cost, in seconds.
const DRAFT_EVERY: i64 = 1;

pub struct NoteEditor {
    subjects: Vec<NoteSubject>,
    label: String,
    editor: TextArea<'static>,
    follow_up: Option<&'static str>,
    /// The note being edited, with the version read, or `None` for new.
    editing: Option<(i64, i64)>,
    draft: Option<i64>,
    /// The file holding this text while the register cannot take it,
    /// and why the register did not.
    spill: Option<PathBuf>,
    spill_why: String,
    /// Typed since the draft was last written.
    unsaved: bool,
    last_draft: i64,
    /// Saved as a note, or discarded: nothing is left to keep.
    finished: bool,
    /// The text could be kept nowhere and the user was told: the next
    /// Esc leaves without it.
    stranded: bool,
    message: Option<String>,
}

/// Where a note's text went when the editor was left.
enum Kept {
    /// Nothing was typed that is not already in the register.
    Nothing,
    Register,
    File(PathBuf, String),
}

impl NoteEditor {
    /// A new note about `subjects`; if the user left a draft about the
    /// same subjects, it is taken up again.
    pub fn new(subjects: Vec<NoteSubject>, label: String, ui: &Ui) -> NoteEditor {
        let mut sorted = subjects.clone();
        sorted.sort_by_key(|s| format!("{s:?}"));
        let earlier = ui.store.drafts(&ui.settings.user).ok().and_then(|drafts| {
            drafts.into_iter().find(|d| {
                let mut theirs = d.subjects.clone();
                theirs.sort_by_key(|s| format!("{s:?}"));
                d.note_id.is_none() && theirs == sorted
            })
        });
        if let Some(draft) = earlier {
            let mut editor = NoteEditor::recover(draft, ui);
            editor.label = label;
            return editor;
        }
        NoteEditor::blank(subjects, label)
    }

    /// Edits an existing note.
    pub fn edit(note_id: i64, label: String, ui: &Ui) -> NoteEditor {
        let subjects = ui.store.note_subjects(note_id).unwrap_or_default();
        let mut editor = NoteEditor::blank(subjects, label);
        match ui.store.note_version(note_id) {
            Ok(current) => {
                editor.set_text(&current.body);
                editor.follow_up = follow_up_word(current.follow_up.as_deref());
                editor.editing = Some((note_id, current.version));
            }
            Err(e) => editor.message = Some(crate::store::describe(&e, ui.text())),
        }
        editor
    }

    fn blank(subjects: Vec<NoteSubject>, label: String) -> NoteEditor {
        NoteEditor {
            subjects,
            label,
            editor: wrapped(Vec::new()),
            follow_up: None,
            editing: None,
            draft: None,
            spill: None,
            spill_why: String::new(),
            unsaved: false,
            last_draft: 0,
            finished: false,
            stranded: false,
            message: None,
        }
    }

    /// The text, with the cursor after its last character: where the
    /// next key typed goes on.
    fn set_text(&mut self, body: &str) {
        self.editor = wrapped(body.lines().map(str::to_string).collect());
        self.editor.move_cursor(CursorMove::Bottom);
        self.editor.move_cursor(CursorMove::End);
    }

    /// Opens a draft left by an earlier run, titled with its subjects.
    pub fn recover(draft: Draft, ui: &Ui) -> NoteEditor {
        let label = subjects_label(&draft.subjects, ui);
        let mut editor = NoteEditor::blank(draft.subjects.clone(), label);
        editor.set_text(&draft.body);
        editor.draft = Some(draft.id);
        if let Some(note_id) = draft.note_id
            && let Ok(current) = ui.store.note_version(note_id)
        {
            editor.editing = Some((note_id, current.version));
            editor.follow_up = follow_up_word(current.follow_up.as_deref());
        }
        editor.message = Some(recovered(&draft.updated_at, ui));
        editor
    }

    /// Opens a draft that an earlier run kept in a file because the
    /// register could not take it. The file goes once the register has
    /// the text.
    pub fn recover_spilled(file: PathBuf, draft: Spilled, ui: &Ui) -> NoteEditor {
        let subjects = draft.subjects();
        let label = subjects_label(&subjects, ui);
        let mut editor = NoteEditor::blank(subjects, label);
        editor.set_text(&draft.body);
        editor.follow_up = follow_up_word(draft.follow_up.as_deref());
        editor.spill = Some(file);
        editor.draft = draft.draft;
        if let Some(note_id) = draft.note_id
            && let Ok(current) = ui.store.note_version(note_id)
        {
            editor.editing = Some((note_id, current.version));
        }
        // Not yet in the register: the first tick tries to put it there.
        editor.unsaved = true;
        editor.message = Some(recovered(&draft.updated_at, ui));
        editor
    }

    fn body(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Writes what was typed since the last draft to the register; an
    /// emptied text removes the draft instead. Returns why it could not.
    fn save_draft(&mut self, ui: &Ui) -> Result<(), String> {
        if !self.unsaved {
            return Ok(());
        }
        let actor = ui.actor();
        let body = self.body();
        if body.trim().is_empty() {
            if let Some(id) = self.draft {
                ui.store
                    .discard_draft(id)
                    .map_err(|e| crate::store::describe(&e, ui.text()))?;
            }
            self.draft = None;
        } else {
            let note_id = self.editing.map(|(id, _)| id);
            let id = ui
                .store
                .save_draft(&actor, self.draft, note_id, &self.subjects, &body)
                .map_err(|e| crate::store::describe(&e, ui.text()))?;
            self.draft = Some(id);
        }
        self.unsaved = false;
        self.last_draft = actor.clock.now().as_second();
        if let Some(file) = self.spill.take() {
            spilled::forget(&file);
        }
        Ok(())
    }

    /// Keeps the text typed: in the register, else in a file of the
    /// user's data folder. Returns where, or why neither could take it.
    fn keep(&mut self, ui: &Ui) -> Result<Kept, String> {
        if !self.unsaved {
            return Ok(match (self.draft, &self.spill) {
                (Some(_), _) => Kept::Register,
                (None, Some(file)) => Kept::File(file.clone(), self.spill_why.clone()),
                (None, None) => Kept::Nothing,
            });
        }
        let why = match self.save_draft(ui) {
            Ok(()) if self.draft.is_some() => return Ok(Kept::Register),
            Ok(()) => return Ok(Kept::Nothing),
            Err(why) => why,
        };
        let Some(folder) = &ui.settings.data_folder else {
            return Err(why);
        };
        let mut draft = Spilled::new(
            ui.store.path(),
            &ui.settings.user,
            self.editing.map(|(id, _)| id),
            &self.subjects,
            &self.body(),
            ui.settings.clock.stamp(),
        );
        draft.follow_up = self.follow_up.map(str::to_string);
        draft.draft = self.draft;
        match spilled::keep(folder, self.spill.as_deref(), &draft) {
            Ok(file) => {
                self.spill = Some(file.clone());
                self.spill_why = why.clone();
                self.unsaved = false;
                Ok(Kept::File(file, why))
            }
            Err(e) => Err(format!("{why}; {}: {e}", folder.display())),
        }
    }

    /// Esc: an empty note is discarded, anything else kept as a draft.
    fn leave_with_message(&mut self, ui: &Ui) -> Outcome {
        let text = ui.text();
        if self.body().trim().is_empty() {
            let had_draft = self.draft.is_some() || self.spill.is_some();
            self.unsaved = true;
            return match self.save_draft(ui) {
                Ok(()) => {
                    self.finished = true;
                    if had_draft {
                        Outcome::CloseWith(text.draft_discarded.to_string())
                    } else {
                        Outcome::Close
                    }
                }
                Err(why) => {
                    self.message = Some(why);
                    Outcome::Done
                }
            };
        }
        match self.keep(ui) {
            Ok(kept) => {
                self.finished = true;
                match kept {
                    Kept::Nothing => Outcome::Close,
                    Kept::Register => Outcome::CloseWith(text.draft_kept.to_string()),
                    Kept::File(file, why) => Outcome::CloseWith(fill(
                        text.draft_spilled,
                        &[("why", &why), ("path", &file.display().to_string())],
                    )),
                }
            }
            Err(_) if self.stranded => {
                self.finished = true;
                Outcome::Close
            }
            Err(why) => {
                self.stranded = true;
                self.message = Some(fill(text.draft_stranded, &[("why", &why)]));
                Outcome::Done
            }
        }
    }

    fn save(&mut self, ui: &Ui) -> Outcome {
        let text = ui.text();
        let body = self.body();
        if body.trim().is_empty() {
            self.message = Some(text.note_empty.to_string());
            return Outcome::Done;
        }
        let actor = ui.actor();
        let saved = match self.editing {
            None => ui
                .store
                .add_note(&actor, &self.subjects, &body, self.follow_up, self.draft)
                .map(|_| Ok(())),
            Some((id, version)) => {
                ui.store
                    .update_note(&actor, id, version, &body, self.follow_up, self.draft)
            }
        };
        match saved {
            Ok(Ok(())) => {
                // The note holds the text now: leaving writes no draft.
                self.finished = true;
                self.unsaved = false;
                self.draft = None;
                if let Some(file) = self.spill.take() {
                    spilled::forget(&file);
                }
                Outcome::CloseWith(text.note_saved.to_string())
            }
            Ok(Err(theirs)) => {
                // Someone changed it meanwhile: show theirs under ours and
                // let the next Ctrl-S decide.
                self.editing = self.editing.map(|(id, _)| (id, theirs.version));
                self.message = Some(fill(
                    text.note_conflict,
                    &[
                        ("who", &theirs.author),
                        (
                            "when",
                            &ui.format().stamp(&theirs.updated_at, &ui.settings.zone),
                        ),
                    ],
                ));
                self.editor.insert_newline();
                self.editor
                    .insert_str(format!("--- {}\n{}", theirs.author, theirs.body));
                self.unsaved = true;
                Outcome::Done
            }
            Err(e) => {
                // The text stays here; Esc keeps it as a draft.
                self.message = Some(fill(
                    text.note_not_saved,
                    &[("why", &crate::store::describe(&e, ui.text()))],
                ));
                Outcome::Done
            }
        }
    }
}

fn recovered(updated_at: &str, ui: &Ui) -> String {
    fill(
        ui.text().draft_recovered,
        &[("when", &ui.format().stamp(updated_at, &ui.settings.zone))],
    )
}

impl NoteEditor {
    /// The draft written while typing: a register that cannot take it
    /// (a full disk) has the text kept in a file meanwhile, so that a
    /// crash loses no more than it would otherwise. Returns whether the
    /// message changed.
    fn write_in_time(&mut self, ui: &Ui) -> bool {
        match self.keep(ui) {
            Ok(Kept::File(_, why)) | Err(why) => {
                let message = Some(fill(ui.text().note_not_saved, &[("why", &why)]));
                let changed = self.message != message;
                self.message = message;
                self.last_draft = ui.settings.clock.now().as_second();
                changed
            }
            Ok(_) => false,
        }
    }
}

fn follow_up_word(word: Option<&str>) -> Option<&'static str> {
    match word {
        Some("open") => Some("open"),
        Some("done") => Some("done"),
        _ => None,
    }
}

impl View for NoteEditor {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let chord = match input {
            Input::Text(chord) => chord,
            Input::Action(_) => return Outcome::NotMine,
        };
        let keys = &ui.settings.keys;
        if keys.action_for(chord, &[Action::Back]).is_none() {
            self.stranded = false;
            self.message = None;
        }
        match keys.action_for(chord, &[Action::Save, Action::Back, Action::FollowUp]) {
            Some(Action::Save) => return self.save(ui),
            Some(Action::Back) => return self.leave_with_message(ui),
            Some(Action::FollowUp) => {
                self.follow_up = match self.follow_up {
                    None => Some("open"),
                    Some("open") => Some("done"),
                    _ => None,
                };
                return Outcome::Done;
            }
            _ => {}
        }
        if self.editor.input(text_input(chord)) {
            self.unsaved = true;
            if ui.settings.clock.now().as_second() - self.last_draft >= DRAFT_EVERY {
                self.write_in_time(ui);
            }
        }
        Outcome::Done
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let [title_area, editor_area, help_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let title = match self.editing {
            None => text.editor_new,
            Some(_) => text.editor_edit,
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(title, theme.accent),
                Span::raw(" "),
                Span::raw(theme.shown(&self.label)),
            ])),
            title_area,
        );
        let frame_block = Block::new()
            .borders(Borders::ALL)
            .border_set(theme.border());
        frame.render_widget(&frame_block, editor_area);
        frame.render_widget(&self.editor, frame_block.inner(editor_area));
        let keys = &ui.settings.keys;
        let help = match &self.message {
            Some(message) => message.clone(),
            None => fill(
                text.editor_help,
                &[
                    ("save", &keys.describe(Action::Save, text)),
                    ("back", &keys.describe(Action::Back, text)),
                    ("follow", &keys.describe(Action::FollowUp, text)),
                    (
                        "state",
                        match self.follow_up {
                            None => text.follow_up_none,
                            word => text.follow_up(word),
                        },
                    ),
                ],
            ),
        };
        let style = if self.message.is_some() {
            theme.warning
        } else {
            theme.muted
        };
        frame.render_widget(Paragraph::new(theme.shown(&help)).style(style), help_area);
    }

    fn actions(&self) -> Vec<Action> {
        vec![Action::Save, Action::Back, Action::FollowUp]
    }

    fn taking_text(&self) -> bool {
        true
    }

    fn tick(&mut self, ui: &Ui) -> bool {
        if self.unsaved {
            return self.write_in_time(ui);
        }
        false
    }

    /// Quitting or a dropped connection: whatever was typed is kept, in
    /// the register or in a file, unless it was saved or discarded.
    fn leave(&mut self, ui: &Ui) {
        if self.finished {
            return;
        }
        if self.body().trim().is_empty() {
            self.unsaved = true;
            let _ = self.save_draft(ui);
        } else {
            let _ = self.keep(ui);
        }
    }
}
