//! A module: its code, title, axis, town, hours, places, dates and
//! tutors.

use super::*;

const M_CODE: usize = 0;
const M_TITLE: usize = 1;
const M_AXIS: usize = 2;
const M_TOWN: usize = 3;
const M_VENUE: usize = 4;
const M_HOURS: usize = 5;
const M_CAPACITY: usize = 6;
const M_STARTS: usize = 7;
const M_ENDS: usize = 8;
const M_TUTORS: usize = 9;

struct ModuleSpec {
    /// The module edited and the version read; `None` for a new one.
    editing: Option<(i64, i64)>,
}

/// The form for a new module, or to edit module `id`.
pub fn module_form(id: Option<i64>, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let (draft, editing) = match id.map(|id| (id, ui.store.module_draft(id))) {
        Some((id, Ok((draft, version)))) => (draft, Some((id, version))),
        _ => (ModuleDraft::default(), None),
    };
    let axes = ui.store.axes().unwrap_or_default();
    let tutors = ui.store.tutors().unwrap_or_default();
    let fields = vec![
        Field::text(t.lbl_code, &draft.code),
        Field::text(t.lbl_title, &draft.title),
        Field::choice(
            t.lbl_axis,
            options(
                axes.into_iter()
                    .map(|(c, title)| (c.clone(), format!("{c} {title}"))),
            ),
            &draft.axis_code,
            false,
        ),
        Field::choice(
            t.lbl_town,
            words(Vocabulary::Town, ui),
            &draft.location,
            true,
        ),
        Field::text(t.lbl_venue, opt(&draft.venue)),
        Field::text(
            t.lbl_hours,
            &if editing.is_some() {
                ui.format().hours(draft.planned_minutes)
            } else {
                String::new()
            },
        ),
        Field::text(
            t.lbl_capacity,
            &if editing.is_some() {
                draft.capacity.to_string()
            } else {
                String::new()
            },
        ),
        Field::text(t.lbl_starts, &date_text(draft.starts_on, ui.format())),
        Field::text(t.lbl_ends, &date_text(draft.ends_on, ui.format())),
        Field::ticks(
            t.lbl_tutors,
            tutors.into_iter().map(|u| (u.login, u.name)).collect(),
            &draft.tutors,
        ),
    ];
    Box::new(Form::new(Box::new(ModuleSpec { editing }), fields, ui))
}

impl ModuleSpec {
    fn draft(f: &Fields) -> Option<ModuleDraft> {
        Some(ModuleDraft {
            code: f.get(M_CODE),
            title: f.get(M_TITLE),
            axis_code: f.get(M_AXIS),
            location: f.get(M_TOWN),
            venue: f.optional(M_VENUE),
            planned_minutes: fields::hours(&f.get(M_HOURS)).ok()?,
            capacity: fields::count(&f.get(M_CAPACITY)).ok()?,
            starts_on: fields::date(&f.get(M_STARTS)).ok(),
            ends_on: fields::date(&f.get(M_ENDS)).ok(),
            tutors: f.list(M_TUTORS),
        })
    }
}

/// A saved module as the form's fields hold it, in their order.
fn module_fields(d: &ModuleDraft, format: &Format) -> Vec<String> {
    vec![
        d.code.clone(),
        d.title.clone(),
        d.axis_code.clone(),
        d.location.clone(),
        opt(&d.venue).to_string(),
        format.hours(d.planned_minutes),
        d.capacity.to_string(),
        date_text(d.starts_on, format),
        date_text(d.ends_on, format),
        d.tutors.join("\n"),
    ]
}

impl FormSpec for ModuleSpec {
    fn title(&self, ui: &Ui) -> String {
        match self.editing.and_then(|(id, _)| ui.store.module(id).ok()) {
            Some(m) => fill(ui.text().form_edit_module, &[("code", &m.code)]),
            None => ui.text().form_new_module.to_string(),
        }
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let mut errors = vec![None; 10];
        let code = f.get(M_CODE);
        errors[M_CODE] = required(&code, ui).or_else(|| {
            let own = self.editing.map_or(0, |(id, _)| id);
            ui.store
                .module_code_taken(&code, own)
                .unwrap_or(false)
                .then(|| fill(ui.text().form_code_taken, &[("code", &code)]))
        });
        errors[M_TITLE] = required(&f.get(M_TITLE), ui);
        errors[M_AXIS] = required(&f.get(M_AXIS), ui);
        errors[M_TOWN] = required(&f.get(M_TOWN), ui);
        errors[M_HOURS] = parsed(&f.get(M_HOURS), true, fields::hours, ui).1;
        errors[M_CAPACITY] = parsed(&f.get(M_CAPACITY), true, fields::count, ui).1;
        let (starts, e) = parsed(&f.get(M_STARTS), true, fields::date, ui);
        errors[M_STARTS] = e;
        let (ends, e) = parsed(&f.get(M_ENDS), true, fields::date, ui);
        errors[M_ENDS] = e;
        if let (Some(s), Some(e)) = (starts, ends)
            && e < s
        {
            errors[M_ENDS] = Some(describe(Problem::EndsBeforeStart, ui));
        }
        errors
    }

    fn save(&mut self, f: &Fields, confirmed: bool, ui: &Ui) -> Saved {
        let Some(draft) = ModuleSpec::draft(f) else {
            return Saved::Failed(ui.text().form_fix_first.to_string());
        };
        if let (false, Some((id, _))) = (confirmed, self.editing)
            && let Some(question) = crate::tui::labels::capacity_lowered_question(id, &draft, ui)
        {
            return Saved::Ask(question);
        }
        let actor = ui.actor();
        save_or_update(
            &mut self.editing,
            || ui.store.create_module(&actor, &draft),
            |id, version| ui.store.update_module(&actor, id, version, &draft),
            |d| module_fields(d, ui.format()),
            ui,
        )
    }
}
