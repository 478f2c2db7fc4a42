//! The planning keys of a module's detail and a person's card: edit,
//! add sessions, materials and editions, delete, enrol.

use super::{DetailLine, DetailView, Subject};
use crate::keys::Action;
use crate::tui::questions::delete_module;
use crate::tui::route::Route;
use crate::tui::view::{Question, Reply, Ui};

impl DetailView {
    /// The planning actions of a module's detail and a person's card.
    pub(super) fn act(&mut self, action: Action, ui: &Ui) -> Option<Reply> {
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (self.subject, action) {
            (Subject::Module(id), Action::Edit) => Reply::Go(Route::ModuleForm(Some(id))),
            (Subject::Module(id), Action::Create) => Reply::Go(Route::SessionForm {
                id: None,
                module: Some(id),
            }),
            (Subject::Module(id), Action::Repeat) => Reply::Go(Route::RepeatForm(Some(id))),
            (Subject::Module(id), Action::NewEdition) => Reply::Go(Route::EditionForm(id)),
            (Subject::Module(id), Action::AddMaterial) => Reply::Go(Route::MaterialForm(id)),
            (Subject::Module(_), Action::RemoveMaterial) => {
                let Some(Subject::Material(material)) = self.selected_target() else {
                    return None;
                };
                let title = self.title_of(material);
                Reply::Ask(Question::new(
                    crate::i18n::fill(ui.text().confirm_remove_material, &[("title", &title)]),
                    move |ui| match ui.store.remove_material(&ui.actor(), material) {
                        Ok(()) => Reply::Say(ui.text().material_removed.to_string()),
                        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
                    },
                ))
            }
            (Subject::Module(id), Action::Delete) => {
                let code = ui.store.module(id).map(|m| m.code).unwrap_or_default();
                match delete_module(id, &code, ui) {
                    // Deleted: the detail has nothing left to show.
                    Reply::Ask(question) => {
                        Reply::Ask(question.then(move |reply, ui| match reply {
                            Reply::Say(text) if ui.store.module(id).is_err() => {
                                Reply::CloseWith(text)
                            }
                            other => other,
                        }))
                    }
                    other => other,
                }
            }
            (Subject::Person(id), Action::Edit) => Reply::Go(Route::PersonForm(Some(id))),
            (Subject::Person(id), Action::Enrol) => Reply::Go(Route::EnrolmentForm(Some(id))),
            _ => return None,
        })
    }

    fn title_of(&self, material: i64) -> String {
        self.lines
            .iter()
            .find_map(|line| match line {
                DetailLine::Item {
                    cells,
                    target: Some(Subject::Material(m)),
                    ..
                } if *m == material => cells.first().map(|c| c.0.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}
