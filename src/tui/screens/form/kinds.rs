//! The forms of planning and of the coordinator's desk: a module, a new
//! edition, a session, repeating sessions, a material, a person, a
//! request added by hand. Fields are checked with the importer's own
//! field parsers, so a form refuses exactly what an import would.

use jiff::civil::{Date, Weekday};

use super::{Field, Fields, Form, FormSpec, Saved};
use crate::domain::{Gender, Status, format_clock};
use crate::i18n::fill;
use crate::i18n::format::Format;
use crate::import::fields;
use crate::import::problem::Problem;
use crate::planning::{RepeatEnd, RepeatRule, describe_flag};
use crate::store::planning::{ModuleDraft, PersonDraft, SessionDraft, Theirs, Vocabulary};
use crate::taxcode;
use crate::tui::labels::clash_line as clash_text;
use crate::tui::view::{Ui, View};

mod edition;
mod enrolment;
mod material;
mod module;
mod person;
mod repeat;
mod session;

pub use edition::edition_form;
pub use enrolment::enrolment_form;
pub use material::material_form;
pub use module::module_form;
pub use person::person_form;
pub use repeat::repeat_form;
pub use session::session_form;

type Errors = Vec<Option<String>>;

fn describe(problem: Problem, ui: &Ui) -> String {
    problem.describe(ui.text())
}

fn required(value: &str, ui: &Ui) -> Option<String> {
    value.is_empty().then(|| ui.text().imp_required.to_string())
}

/// Checks a field with a parser; an empty field is wrong only if
/// `needed`.
fn parsed<T>(
    value: &str,
    needed: bool,
    parse: impl Fn(&str) -> Result<T, Problem>,
    ui: &Ui,
) -> (Option<T>, Option<String>) {
    if value.is_empty() {
        return (None, if needed { required(value, ui) } else { None });
    }
    match parse(value) {
        Ok(v) => (Some(v), None),
        Err(p) => (None, Some(describe(p, ui))),
    }
}

fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    pairs.into_iter().collect()
}

/// A list to choose from: the register's, with the values already in use.
fn words(kind: Vocabulary, ui: &Ui) -> Vec<(String, String)> {
    let mut list = ui.store.words(kind).unwrap_or_default();
    for word in &ui.store.values_in_use(kind).unwrap_or_default() {
        if !list.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            list.push(word.clone());
        }
    }
    list.sort_by_key(|w| w.to_lowercase());
    list.into_iter().map(|w| (w.clone(), w)).collect()
}

fn module_options(ui: &Ui) -> Vec<(String, String)> {
    ui.store
        .module_choices()
        .unwrap_or_default()
        .into_iter()
        .map(|(id, code, title)| (id.to_string(), format!("{code} {title}")))
        .collect()
}

/// `M01: sessions add up to 20 h, 16 h planned`, when a module's new
/// total is not its plan.
fn hours_warning(module_id: i64, extra: i64, only_more: bool, ui: &Ui) -> Option<String> {
    let list = ui.store.hours_mismatches(Some((module_id, extra))).ok()?;
    let m = list.into_iter().find(|m| m.module_id == module_id)?;
    if only_more && m.scheduled_minutes <= m.planned_minutes {
        return None;
    }
    Some(fill(
        ui.text().hours_line,
        &[
            ("code", &m.module_code),
            ("scheduled", &ui.format().hours(m.scheduled_minutes)),
            ("planned", &ui.format().hours(m.planned_minutes)),
        ],
    ))
}

/// A save's outcome as the form shows it.
fn saved<T>(result: crate::store::Result<T>, ui: &Ui) -> Saved {
    match result {
        Ok(_) => Saved::Done(ui.text().form_saved.to_string()),
        Err(e) => Saved::Failed(crate::store::describe(&e, ui.text())),
    }
}

/// Saves what a form holds: a new record, or an edit of the version
/// `editing` read. When someone else saved first, `editing` moves to
/// their version and their values go back to the form (as `fields`
/// gives them, one per field), which keeps only this user's own changes
/// over theirs and asks about fields both changed.
fn save_or_update<T, New>(
    editing: &mut Option<(i64, i64)>,
    create: impl FnOnce() -> crate::store::Result<New>,
    update: impl FnOnce(i64, i64) -> crate::store::Result<Result<(), Theirs<T>>>,
    fields: impl FnOnce(&T) -> Vec<String>,
    ui: &Ui,
) -> Saved {
    let Some((id, version)) = *editing else {
        return saved(create(), ui);
    };
    match update(id, version) {
        Ok(Ok(())) => Saved::Done(ui.text().form_saved.to_string()),
        Ok(Err(theirs)) => {
            *editing = Some((id, theirs.version));
            Saved::Theirs {
                values: fields(&theirs.values),
                by: theirs.changed_by,
                at: theirs.changed_at,
            }
        }
        Err(e) => Saved::Failed(crate::store::describe(&e, ui.text())),
    }
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

fn date_text(date: Option<Date>, format: &Format) -> String {
    date.map(|d| format.date(d)).unwrap_or_default()
}

/// Start and end checked together: a time each, the end after the start.
fn times(f: &Fields, start: usize, end: usize, ui: &Ui, errors: &mut Errors) {
    let (s, e1) = parsed(&f.get(start), true, fields::time, ui);
    let (e, e2) = parsed(&f.get(end), true, fields::end_time, ui);
    errors[start] = e1;
    errors[end] = e2;
    if let (Some(s), Some(e)) = (s, e)
        && e <= s
    {
        errors[end] = Some(describe(Problem::EndNotAfterStart, ui));
    }
}
