//! The user's drafts: notes begun and not saved, in the register or, when
//! the register could not take them, in files of the user's data folder.
//! Each can be opened, saved as it is, or discarded. At start the drafts
//! are offered: one opens in the editor, several open this list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::fill;
use crate::keys::Action;
use crate::store::notes::spilled;
use crate::tui::labels::subjects_label;
use crate::tui::route::{KeptDraft, Route};
use crate::tui::text::fit;
use crate::tui::view::{Input, Outcome, Question, Reply, Ui, View};

/// Moves the drafts kept in files into the register where it takes them
/// now, discards empty ones, and returns every draft left, newest first.
fn gather(ui: &Ui) -> Vec<KeptDraft> {
    let user = &ui.settings.user;
    let actor = ui.actor();
    let mut files = Vec::new();
    if let Some(folder) = &ui.settings.data_folder {
        for (file, draft) in spilled::found(folder, ui.store.path(), user) {
            let moved = ui.store.save_draft(
                &actor,
                draft.draft,
                draft.note_id,
                &draft.subjects(),
                &draft.body,
            );
            match moved {
                Ok(_) => spilled::forget(&file),
                Err(_) => files.push(KeptDraft::File(file, draft)),
            }
        }
    }
    let mut kept: Vec<KeptDraft> = Vec::new();
    for draft in ui.store.drafts(user).unwrap_or_default() {
        if draft.body.trim().is_empty() {
            let _ = ui.store.discard_draft(draft.id);
        } else {
            kept.push(KeptDraft::Register(draft));
        }
    }
    files.retain(|draft| !draft.body().trim().is_empty());
    files.reverse();
    kept.extend(files);
    kept.sort_by(|a, b| b.updated_at().cmp(a.updated_at()));
    kept
}

/// Where the app opens at start for the drafts an earlier run left: the
/// editor on the one draft, the list when there are several.
pub fn offered(ui: &Ui) -> Option<Route> {
    let mut drafts = gather(ui);
    match drafts.len() {
        0 => None,
        1 => drafts.pop().map(|draft| Route::Draft(Box::new(draft))),
        count => Some(Route::Drafts {
            waiting: Some(count),
        }),
    }
}

pub struct DraftsView {
    drafts: Vec<KeptDraft>,
    labels: Vec<String>,
    selected: usize,
    message: Option<String>,
}

impl DraftsView {
    /// The list; `waiting` says how many drafts were offered at start.
    pub fn new(waiting: Option<usize>, ui: &Ui) -> DraftsView {
        let mut view = DraftsView {
            drafts: Vec::new(),
            labels: Vec::new(),
            selected: 0,
            message: None,
        };
        view.read(ui);
        view.message = waiting.map(|count| {
            fill(
                ui.text().drafts_waiting,
                &[
                    ("count", &count.to_string()),
                    ("key", &ui.settings.keys.describe(Action::Open, ui.text())),
                ],
            )
        });
        view
    }

    fn read(&mut self, ui: &Ui) {
        self.drafts = gather(ui);
        self.labels = self
            .drafts
            .iter()
            .map(|draft| subjects_label(&draft.subjects(), ui))
            .collect();
        self.selected = self.selected.min(self.drafts.len().saturating_sub(1));
    }

    fn discard(&mut self, ui: &Ui) -> Reply {
        let Some(draft) = self.drafts.get(self.selected) else {
            return Reply::Done;
        };
        let question = match draft {
            KeptDraft::Register(draft) => {
                let id = draft.id;
                Question::new(
                    ui.text().draft_discard_confirm.to_string(),
                    move |ui| match ui.store.discard_draft(id) {
                        Ok(()) => Reply::Say(ui.text().draft_gone.to_string()),
                        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
                    },
                )
            }
            KeptDraft::File(file, _) => {
                let file = file.clone();
                Question::new(ui.text().draft_discard_confirm.to_string(), move |ui| {
                    spilled::forget(&file);
                    Reply::Say(ui.text().draft_gone.to_string())
                })
            }
        };
        Reply::Ask(question)
    }

    /// Saves the selected draft as a note, as it is.
    fn save(&mut self, ui: &Ui) -> Outcome {
        let Some(draft) = self.drafts.get(self.selected) else {
            return Outcome::Done;
        };
        let actor = ui.actor();
        let (draft_id, note_id, follow_up) = match draft {
            KeptDraft::Register(d) => (Some(d.id), d.note_id, None),
            KeptDraft::File(_, d) => (d.draft, d.note_id, d.follow_up.clone()),
        };
        let saved = match note_id.map(|id| (id, ui.store.note_version(id))) {
            Some((id, Ok(current))) => ui
                .store
                .update_note(
                    &actor,
                    id,
                    current.version,
                    draft.body(),
                    follow_up.as_deref().or(current.follow_up.as_deref()),
                    draft_id,
                )
                .map(|_| ()),
            _ => ui
                .store
                .add_note(
                    &actor,
                    &draft.subjects(),
                    draft.body(),
                    follow_up.as_deref(),
                    draft_id,
                )
                .map(|_| ()),
        };
        match saved {
            Ok(()) => {
                if let KeptDraft::File(file, _) = draft {
                    spilled::forget(file);
                }
                self.read(ui);
                Outcome::Message(ui.text().note_saved.to_string())
            }
            Err(e) => Outcome::Message(fill(
                ui.text().note_not_saved,
                &[("why", &crate::store::describe(&e, ui.text()))],
            )),
        }
    }
}

impl View for DraftsView {
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        self.message = None;
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        match action {
            Action::Down => {
                self.selected = (self.selected + 1).min(self.drafts.len().saturating_sub(1));
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = self.drafts.len().saturating_sub(1),
            Action::Open => {
                if let Some(draft) = self.drafts.get(self.selected) {
                    return Outcome::Go(Route::Draft(Box::new(draft.clone())));
                }
            }
            Action::Save => return self.save(ui),
            Action::Delete => return self.discard(ui).outcome(),
            _ => return Outcome::NotMine,
        }
        Outcome::Done
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let [title_area, list_area, message_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Span::styled(theme.shown(text.drafts_title), theme.heading)),
            title_area,
        );
        let width = list_area.width as usize;
        let mut lines = Vec::new();
        if self.drafts.is_empty() {
            lines.push(Line::styled(theme.shown(text.drafts_none), theme.muted));
        }
        let first = self
            .selected
            .saturating_sub((list_area.height as usize).saturating_sub(1));
        for (index, draft) in self.drafts.iter().enumerate().skip(first) {
            let selected = index == self.selected;
            let pointer = if selected { theme.pointer() } else { "  " };
            let when = ui.format().stamp(draft.updated_at(), &ui.settings.zone);
            let place = match draft {
                KeptDraft::Register(_) => String::new(),
                KeptDraft::File(..) => format!(" {}", text.drafts_outside),
            };
            let excerpt = draft
                .body()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let row = format!(
                "{pointer}{when}  {}{place}: {excerpt}",
                self.labels.get(index).map_or("", String::as_str)
            );
            let style = if selected {
                theme.selected
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::styled(
                fit(&theme.shown(&row), width, theme.ascii),
                style,
            ));
        }
        frame.render_widget(Paragraph::new(lines), list_area);
        if let Some(message) = &self.message {
            frame.render_widget(
                Paragraph::new(theme.shown(message)).style(theme.warning),
                message_area,
            );
        }
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = vec![Action::Down, Action::Up, Action::Top, Action::Bottom];
        if !self.drafts.is_empty() {
            actions.extend([Action::Open, Action::Save, Action::Delete]);
        }
        actions
    }

    fn refresh(&mut self, ui: &Ui) {
        self.read(ui);
    }
}
