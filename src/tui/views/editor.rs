//! The note editor. What is typed is written to the register as a draft
//! at most a second or two after it was typed, so a crash, a `kill -9` or
//! a dropped connection loses almost nothing; the next start offers the
//! draft back.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{Input as TextInput, Key as TextKey, TextArea};

use crate::i18n::fill;
use crate::keys::{Action, Chord, Key};
use crate::store::notes::{Draft, NoteSubject};
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
    /// Typed since the draft was last written.
    unsaved: bool,
    last_draft: i64,
    message: Option<String>,
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
            return NoteEditor::recover(draft, label, ui);
        }
        NoteEditor::blank(subjects, label)
    }

    /// Edits an existing note.
    pub fn edit(note_id: i64, label: String, ui: &Ui) -> NoteEditor {
        let subjects = ui.store.note_subjects(note_id).unwrap_or_default();
        let mut editor = NoteEditor::blank(subjects, label);
        match ui.store.note_version(note_id) {
            Ok(current) => {
                editor.editor = TextArea::new(current.body.lines().map(str::to_string).collect());
                editor.follow_up = follow_up_word(current.follow_up.as_deref());
                editor.editing = Some((note_id, current.version));
            }
            Err(e) => editor.message = Some(e.to_string()),
        }
        editor
    }

    fn blank(subjects: Vec<NoteSubject>, label: String) -> NoteEditor {
        NoteEditor {
            subjects,
            label,
            editor: TextArea::default(),
            follow_up: None,
            editing: None,
            draft: None,
            unsaved: false,
            last_draft: 0,
            message: None,
        }
    }

    /// Opens a draft left by an earlier run.
    pub fn recover(draft: Draft, label: String, ui: &Ui) -> NoteEditor {
        let mut editor = NoteEditor::blank(draft.subjects.clone(), label);
        editor.editor = TextArea::new(draft.body.lines().map(str::to_string).collect());
        editor.draft = Some(draft.id);
        if let Some(note_id) = draft.note_id
            && let Ok(current) = ui.store.note_version(note_id)
        {
            editor.editing = Some((note_id, current.version));
            editor.follow_up = follow_up_word(current.follow_up.as_deref());
        }
        editor.message = Some(fill(
            ui.text().draft_recovered,
            &[(
                "when",
                &super::tabs::short_time(&draft.updated_at, &ui.settings.zone),
            )],
        ));
        editor
    }

    fn body(&self) -> String {
        self.editor.lines().join("\n")
    }

    fn save_draft(&mut self, ui: &Ui) {
        if !self.unsaved {
            return;
        }
        let actor = ui.actor();
        let note_id = self.editing.map(|(id, _)| id);
        match ui
            .store
            .save_draft(&actor, self.draft, note_id, &self.subjects, &self.body())
        {
            Ok(id) => {
                self.draft = Some(id);
                self.unsaved = false;
                self.last_draft = actor.clock.now().as_second();
            }
            Err(e) => self.message = Some(e.to_string()),
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
            Ok(Ok(())) => Outcome::CloseWith(text.note_saved.to_string()),
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
                            &super::tabs::short_time(&theirs.updated_at, &ui.settings.zone),
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
                self.message = Some(e.to_string());
                Outcome::Done
            }
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

/// A key as the text area takes it.
pub(crate) fn text_input(chord: Chord) -> TextInput {
    let key = match chord.key {
        Key::Char(c) => TextKey::Char(c),
        Key::Enter => TextKey::Enter,
        Key::Esc => TextKey::Esc,
        Key::Tab => TextKey::Tab,
        Key::BackTab => TextKey::Tab,
        Key::Backspace => TextKey::Backspace,
        Key::Delete => TextKey::Delete,
        Key::Up => TextKey::Up,
        Key::Down => TextKey::Down,
        Key::Left => TextKey::Left,
        Key::Right => TextKey::Right,
        Key::Home => TextKey::Home,
        Key::End => TextKey::End,
        Key::PageUp => TextKey::PageUp,
        Key::PageDown => TextKey::PageDown,
        Key::F(n) => TextKey::F(n),
    };
    TextInput {
        key,
        ctrl: chord.ctrl,
        alt: chord.alt,
        shift: false,
    }
}

impl View for NoteEditor {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        let chord = match input {
            Input::Text(chord) => chord,
            Input::Action(_) => return Outcome::NotMine,
        };
        self.message = None;
        let keys = &ui.settings.keys;
        match keys.action_for(chord, &[Action::Save, Action::Back, Action::FollowUp]) {
            Some(Action::Save) => return self.save(ui),
            Some(Action::Back) => {
                self.save_draft(ui);
                if self.draft.is_some() {
                    return Outcome::CloseWith(ui.text().draft_kept.to_string());
                }
                return Outcome::Close;
            }
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
                self.save_draft(ui);
            }
        }
        Outcome::Done
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui) {
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
        self.editor.set_block(
            Block::new()
                .borders(Borders::ALL)
                .border_set(theme.border()),
        );
        self.editor
            .set_cursor_line_style(ratatui::style::Style::new());
        frame.render_widget(&self.editor, editor_area);
        let keys = &ui.settings.keys;
        let help = match &self.message {
            Some(message) => message.clone(),
            None => fill(
                text.editor_help,
                &[
                    ("save", &keys.describe(Action::Save)),
                    ("back", &keys.describe(Action::Back)),
                    ("follow", &keys.describe(Action::FollowUp)),
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
            self.save_draft(ui);
        }
        false
    }

    fn leave(&mut self, ui: &Ui) {
        self.save_draft(ui);
    }
}
