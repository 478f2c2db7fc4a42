//! A session: its module, day, times, venue, trainer and topic; a clash,
//! a holiday or hours over the plan are asked about first.

use super::*;

const S_MODULE: usize = 0;
const S_DATE: usize = 1;
const S_START: usize = 2;
const S_END: usize = 3;
const S_VENUE: usize = 4;
const S_TRAINER: usize = 5;
const S_TOPIC: usize = 6;

struct SessionSpec {
    editing: Option<(i64, i64)>,
}

/// The form for a new session (of `module`, if given), or to edit
/// session `id`.
pub fn session_form(id: Option<i64>, module: Option<i64>, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let found = id.and_then(|id| ui.store.session_draft(id).ok().map(|d| (id, d)));
    let (draft, editing) = match found {
        Some((id, (draft, version))) => (Some(draft), Some((id, version))),
        None => (None, None),
    };
    let module = draft.as_ref().map(|d| d.module_id).or(module);
    let clock = |m: i64| format_clock(m);
    let fields = vec![
        Field::choice(
            t.lbl_module,
            module_options(ui),
            &module.map(|m| m.to_string()).unwrap_or_default(),
            false,
        ),
        Field::text(
            t.lbl_date,
            &draft
                .as_ref()
                .map(|d| ui.format().date(d.date))
                .unwrap_or_default(),
        ),
        Field::text(
            t.lbl_start,
            &draft
                .as_ref()
                .map(|d| clock(d.start_minute))
                .unwrap_or_default(),
        ),
        Field::text(
            t.lbl_end,
            &draft
                .as_ref()
                .map(|d| clock(d.end_minute))
                .unwrap_or_default(),
        ),
        Field::text(t.lbl_venue, draft.as_ref().map_or("", |d| opt(&d.venue))),
        Field::text(
            t.lbl_trainer,
            draft.as_ref().map_or("", |d| opt(&d.trainer)),
        ),
        Field::text(t.lbl_topic, draft.as_ref().map_or("", |d| opt(&d.topic))),
    ];
    Box::new(Form::new(Box::new(SessionSpec { editing }), fields, ui))
}

impl SessionSpec {
    fn draft(f: &Fields) -> Option<SessionDraft> {
        Some(SessionDraft {
            module_id: f.get(S_MODULE).parse().ok()?,
            date: fields::date(&f.get(S_DATE)).ok()?,
            start_minute: fields::time(&f.get(S_START)).ok()?,
            end_minute: fields::end_time(&f.get(S_END)).ok()?,
            venue: f.optional(S_VENUE),
            trainer: f.optional(S_TRAINER),
            topic: f.optional(S_TOPIC),
        })
    }
}

/// A saved session as the form's fields hold it, in their order.
fn session_fields(v: &SessionDraft, format: &Format) -> Vec<String> {
    vec![
        v.module_id.to_string(),
        format.date(v.date),
        format_clock(v.start_minute),
        format_clock(v.end_minute),
        opt(&v.venue).to_string(),
        opt(&v.trainer).to_string(),
        opt(&v.topic).to_string(),
    ]
}

impl FormSpec for SessionSpec {
    fn title(&self, ui: &Ui) -> String {
        match self.editing.and_then(|(id, _)| ui.store.session(id).ok()) {
            Some(s) => fill(
                ui.text().form_edit_session,
                &[
                    ("module", &s.module_code),
                    ("date", &ui.format().date_text(&s.date)),
                ],
            ),
            None => ui.text().form_new_session.to_string(),
        }
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let mut errors = vec![None; 7];
        errors[S_MODULE] = required(&f.get(S_MODULE), ui);
        errors[S_DATE] = parsed(&f.get(S_DATE), true, fields::date, ui).1;
        times(f, S_START, S_END, ui, &mut errors);
        errors
    }

    fn save(&mut self, f: &Fields, confirmed: bool, ui: &Ui) -> Saved {
        let t = ui.text();
        let Some(draft) = SessionSpec::draft(f) else {
            return Saved::Failed(t.form_fix_first.to_string());
        };
        if !confirmed {
            let id = self.editing.map(|(id, _)| id);
            let mut warnings: Vec<String> = ui
                .store
                .clashes_for(&[(id, draft.clone())])
                .unwrap_or_default()
                .iter()
                .map(|c| clash_text(c, ui))
                .collect();
            let before = match id.and_then(|id| ui.store.session(id).ok()) {
                Some(s) if s.module_id == draft.module_id && !s.cancelled => s.length_minutes(),
                _ => 0,
            };
            let extra = draft.end_minute - draft.start_minute - before;
            warnings.extend(hours_warning(draft.module_id, extra, true, ui));
            // A holiday, a Sunday, a day outside the module: asked about.
            let flags = ui
                .store
                .session_flags(&ui.settings.holidays, draft.module_id, draft.date)
                .unwrap_or_default();
            let why: Vec<String> = flags.iter().map(|f| describe_flag(*f, t)).collect();
            let date = ui.format().date(draft.date);
            if warnings.is_empty() && !why.is_empty() {
                let why = why.join(", ");
                return Saved::Ask(fill(
                    t.form_session_flagged,
                    &[("date", &date), ("why", &why)],
                ));
            }
            if !why.is_empty() {
                let why = why.join(", ");
                warnings.push(fill(
                    t.imp_session_flagged,
                    &[("date", &date), ("why", &why)],
                ));
            }
            if !warnings.is_empty() {
                return Saved::Ask(fill(t.form_clashes, &[("list", &warnings.join("; "))]));
            }
        }
        let actor = ui.actor();
        save_or_update(
            &mut self.editing,
            || {
                ui.store
                    .create_sessions(&actor, std::slice::from_ref(&draft))
            },
            |id, version| ui.store.update_session(&actor, id, version, &draft),
            |v| session_fields(v, ui.format()),
            ui,
        )
    }
}
