//! The forms of planning and of the coordinator's desk: a module, a new
//! edition, a session, repeating sessions, a material, a person, a
//! request added by hand. Fields are checked with the importer's own
//! field parsers, so a form refuses exactly what an import would.

use jiff::civil::{Date, Weekday};

use super::form::{Field, Fields, Form, FormSpec, Saved};
use crate::domain::{Gender, Status, format_clock};
use crate::i18n::fill;
use crate::i18n::format::Format;
use crate::import::fields;
use crate::import::problem::Problem;
use crate::planning::{Clash, ClashKind, RepeatEnd, RepeatRule, describe_flag};
use crate::store::planning::{ModuleDraft, PersonDraft, SessionDraft, Theirs, Vocabulary};
use crate::taxcode;
use crate::tui::view::{Ui, View};

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

fn clash_text(clash: &Clash, ui: &Ui) -> String {
    let t = ui.text();
    let kind = match clash.kind {
        ClashKind::Trainer => t.clash_trainer,
        ClashKind::Tutor => t.clash_tutor,
        ClashKind::Venue => t.clash_venue,
    };
    let at = |b: &crate::planning::Booking| {
        format!(
            "{} {} {}-{}",
            b.module_code,
            ui.format().date(b.date),
            format_clock(b.start_minute),
            format_clock(b.end_minute)
        )
    };
    fill(
        t.clash_line,
        &[
            ("kind", kind),
            ("name", &clash.name),
            ("first", &at(&clash.first)),
            ("second", &at(&clash.second)),
        ],
    )
}

/// Why a module or a session cannot be deleted, in words.
pub fn keeps_text(keeps: crate::store::planning::Keeps, ui: &Ui) -> String {
    use crate::store::planning::Keeps;
    let t = ui.text();
    let (template, count) = match keeps {
        Keeps::Attendance(n) => (t.keeps_attendance, n),
        Keeps::Enrolments(n) => (t.keeps_enrolments, n),
        Keeps::Notes(n) => (t.keeps_notes, n),
    };
    fill(template, &[("count", &count.to_string())])
}

pub fn clash_line(clash: &Clash, ui: &Ui) -> String {
    clash_text(clash, ui)
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

// ---------------------------------------------------------------- module

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
            && let Some(question) = super::queue::capacity_lowered_question(id, &draft, ui)
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

// ----------------------------------------------------------- new edition

struct EditionSpec {
    from: i64,
    code: String,
}

/// A new edition of module `from`: new code, town and dates.
pub fn edition_form(from: i64, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let code = ui.store.module(from).map(|m| m.code).unwrap_or_default();
    let fields = vec![
        Field::text(t.lbl_code, ""),
        Field::choice(t.lbl_town, words(Vocabulary::Town, ui), "", true),
        Field::text(t.lbl_starts, ""),
        Field::text(t.lbl_ends, ""),
    ];
    Box::new(Form::new(Box::new(EditionSpec { from, code }), fields, ui))
}

impl FormSpec for EditionSpec {
    fn title(&self, ui: &Ui) -> String {
        fill(ui.text().form_new_edition, &[("code", &self.code)])
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let code = f.get(0);
        let code_error = required(&code, ui).or_else(|| {
            ui.store
                .module_code_taken(&code, 0)
                .unwrap_or(false)
                .then(|| fill(ui.text().form_code_taken, &[("code", &code)]))
        });
        let (starts, starts_error) = parsed(&f.get(2), true, fields::date, ui);
        let (ends, mut ends_error) = parsed(&f.get(3), true, fields::date, ui);
        if let (Some(s), Some(e)) = (starts, ends)
            && e < s
        {
            ends_error = Some(describe(Problem::EndsBeforeStart, ui));
        }
        vec![
            code_error,
            required(&f.get(1), ui),
            starts_error,
            ends_error,
        ]
    }

    fn save(&mut self, f: &Fields, _confirmed: bool, ui: &Ui) -> Saved {
        let edition = ui.store.new_edition(
            &ui.actor(),
            self.from,
            &f.get(0),
            &f.get(1),
            fields::date(&f.get(2)).ok(),
            fields::date(&f.get(3)).ok(),
        );
        saved(edition, ui)
    }
}

// --------------------------------------------------------------- session

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

// ---------------------------------------------------- repeating sessions

const R_MODULE: usize = 0;
const R_DAYS: usize = 1;
const R_FROM: usize = 2;
const R_COUNT: usize = 3;
const R_UNTIL: usize = 4;
const R_START: usize = 5;
const R_END: usize = 6;
const R_VENUE: usize = 7;
const R_TRAINER: usize = 8;
const R_TOPIC: usize = 9;

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

struct RepeatSpec;

/// "Every Tuesday and Thursday 09:00-13:00 from 4 March, 4 sessions."
pub fn repeat_form(module: Option<i64>, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let days: Vec<(String, String)> = t
        .weekday_names
        .split(',')
        .enumerate()
        .map(|(i, name)| (i.to_string(), name.to_string()))
        .collect();
    let fields = vec![
        Field::choice(
            t.lbl_module,
            module_options(ui),
            &module.map(|m| m.to_string()).unwrap_or_default(),
            false,
        ),
        Field::ticks(t.lbl_weekdays, days, &[]),
        Field::text(t.lbl_from, ""),
        Field::text(t.lbl_count, ""),
        Field::text(t.lbl_until, ""),
        Field::text(t.lbl_start, ""),
        Field::text(t.lbl_end, ""),
        Field::text(t.lbl_venue, ""),
        Field::text(t.lbl_trainer, ""),
        Field::text(t.lbl_topic, ""),
    ];
    Box::new(Form::new(Box::new(RepeatSpec), fields, ui))
}

impl RepeatSpec {
    fn rule(f: &Fields) -> Option<RepeatRule> {
        let weekdays: Vec<Weekday> = f
            .list(R_DAYS)
            .iter()
            .filter_map(|i| i.parse::<usize>().ok())
            .filter_map(|i| WEEK.get(i).copied())
            .collect();
        let end = match (
            fields::count(&f.get(R_COUNT)),
            fields::date(&f.get(R_UNTIL)),
        ) {
            (Ok(n), _) => RepeatEnd::Count(n as usize),
            (_, Ok(d)) => RepeatEnd::Until(d),
            _ => return None,
        };
        Some(RepeatRule {
            weekdays,
            from: fields::date(&f.get(R_FROM)).ok()?,
            end,
        })
    }

    fn drafts(f: &Fields, dates: &[Date]) -> Option<Vec<SessionDraft>> {
        let module_id = f.get(R_MODULE).parse().ok()?;
        let start = fields::time(&f.get(R_START)).ok()?;
        let end = fields::end_time(&f.get(R_END)).ok()?;
        Some(
            dates
                .iter()
                .map(|d| SessionDraft {
                    module_id,
                    date: *d,
                    start_minute: start,
                    end_minute: end,
                    venue: f.optional(R_VENUE),
                    trainer: f.optional(R_TRAINER),
                    topic: f.optional(R_TOPIC),
                })
                .collect(),
        )
    }
}

/// `Tue 10/03`.
fn short_day(date: Date, ui: &Ui) -> String {
    ui.format().weekday_day(date)
}

impl FormSpec for RepeatSpec {
    fn title(&self, ui: &Ui) -> String {
        ui.text().form_repeat.to_string()
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let t = ui.text();
        let mut errors = vec![None; 10];
        errors[R_MODULE] = required(&f.get(R_MODULE), ui);
        if f.list(R_DAYS).is_empty() {
            errors[R_DAYS] = Some(t.form_pick_weekday.to_string());
        }
        errors[R_FROM] = parsed(&f.get(R_FROM), true, fields::date, ui).1;
        let count = f.get(R_COUNT);
        let until = f.get(R_UNTIL);
        errors[R_COUNT] = parsed(&count, false, fields::count, ui).1;
        errors[R_UNTIL] = parsed(&until, false, fields::date, ui).1;
        if count.is_empty() && until.is_empty() {
            errors[R_COUNT] = Some(t.form_count_or_until.to_string());
        }
        times(f, R_START, R_END, ui, &mut errors);
        errors
    }

    fn save(&mut self, f: &Fields, confirmed: bool, ui: &Ui) -> Saved {
        let t = ui.text();
        let Some(rule) = RepeatSpec::rule(f) else {
            return Saved::Failed(t.form_fix_first.to_string());
        };
        // The register's holidays and those of the module's town.
        let town = ui
            .store
            .module_draft(f.get(R_MODULE).parse().unwrap_or_default())
            .map(|(d, _)| d.location)
            .unwrap_or_default();
        let repetition = rule.dates(&ui.settings.holidays.for_town(&town));
        let Some(drafts) = RepeatSpec::drafts(f, &repetition.dates) else {
            return Saved::Failed(t.form_fix_first.to_string());
        };
        if drafts.is_empty() {
            return Saved::Failed(t.form_no_dates.to_string());
        }
        if !confirmed {
            // The preview: every day, the holidays skipped, the clashes.
            let dates: Vec<String> = repetition.dates.iter().map(|d| short_day(*d, ui)).collect();
            let skipped: Vec<String> = repetition
                .skipped
                .iter()
                .map(|d| short_day(*d, ui))
                .collect();
            let mut text = fill(
                t.repeat_preview,
                &[
                    ("count", &drafts.len().to_string()),
                    ("dates", &dates.join(", ")),
                    (
                        "skipped",
                        &if skipped.is_empty() {
                            t.none.to_string()
                        } else {
                            skipped.join(", ")
                        },
                    ),
                ],
            );
            let with_ids: Vec<(Option<i64>, SessionDraft)> =
                drafts.iter().cloned().map(|d| (None, d)).collect();
            let clashes: Vec<String> = ui
                .store
                .clashes_for(&with_ids)
                .unwrap_or_default()
                .iter()
                .map(|c| clash_text(c, ui))
                .collect();
            // Clashing sessions are named as such; hours over or under
            // the plan are told apart, in their own words.
            let mut warnings = Vec::new();
            if !clashes.is_empty() {
                warnings.push(format!("{}: {}", t.clashes_title, clashes.join("; ")));
            }
            let minutes: i64 = drafts.iter().map(|d| d.end_minute - d.start_minute).sum();
            if let Some(first) = drafts.first() {
                warnings.extend(hours_warning(first.module_id, minutes, false, ui));
            }
            if !warnings.is_empty() {
                text = format!("{}. {text}", warnings.join(". "));
            }
            return Saved::Ask(text);
        }
        match ui.store.create_sessions(&ui.actor(), &drafts) {
            Ok(ids) => Saved::Done(fill(t.repeat_saved, &[("count", &ids.len().to_string())])),
            Err(e) => Saved::Failed(crate::store::describe(&e, ui.text())),
        }
    }
}

// -------------------------------------------------------------- material

struct MaterialSpec {
    module: i64,
    code: String,
}

pub fn material_form(module: i64, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let code = ui.store.module(module).map(|m| m.code).unwrap_or_default();
    let fields = vec![
        Field::text(t.lbl_title, ""),
        Field::text(t.lbl_reference, ""),
    ];
    Box::new(Form::new(
        Box::new(MaterialSpec { module, code }),
        fields,
        ui,
    ))
}

impl FormSpec for MaterialSpec {
    fn title(&self, ui: &Ui) -> String {
        fill(ui.text().form_new_material, &[("code", &self.code)])
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        vec![required(&f.get(0), ui), required(&f.get(1), ui)]
    }

    fn save(&mut self, f: &Fields, _confirmed: bool, ui: &Ui) -> Saved {
        let added = ui
            .store
            .add_material(&ui.actor(), self.module, &f.get(0), &f.get(1));
        saved(added, ui)
    }
}

// ---------------------------------------------------------------- person

const P_SURNAME: usize = 0;
const P_GIVEN: usize = 1;
const P_GENDER: usize = 2;
const P_TAX: usize = 3;
const P_EMAIL: usize = 4;
const P_PHONE: usize = 5;
const P_ORG: usize = 6;
const P_ORG_TYPE: usize = 7;
const P_JOB: usize = 8;

struct PersonSpec {
    editing: Option<(i64, i64)>,
}

/// The form for a new person, or to edit person `id`.
pub fn person_form(id: Option<i64>, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let found = id.and_then(|id| ui.store.person_draft(id).ok().map(|d| (id, d)));
    let (draft, editing) = match found {
        Some((id, (draft, version))) => (Some(draft), Some((id, version))),
        None => (None, None),
    };
    let get = |pick: fn(&PersonDraft) -> String| draft.as_ref().map(pick).unwrap_or_default();
    let genders = options(
        Gender::ALL
            .iter()
            .map(|g| (g.letter().to_string(), g.letter().to_string())),
    );
    let fields = vec![
        Field::text(t.lbl_surname, &get(|d| d.surname.clone())),
        Field::text(t.lbl_given_name, &get(|d| d.given_name.clone())),
        Field::choice(
            t.lbl_gender,
            genders,
            &get(|d| d.gender.letter().to_string()),
            false,
        ),
        Field::text(t.lbl_tax_code, &get(|d| opt(&d.tax_code).to_string())),
        Field::text(t.lbl_email, &get(|d| opt(&d.email).to_string())),
        Field::text(t.lbl_phone, &get(|d| opt(&d.phone).to_string())),
        Field::text(t.lbl_organisation, &get(|d| d.organisation.clone())),
        Field::choice(
            t.lbl_org_type,
            words(Vocabulary::OrganisationType, ui),
            &get(|d| d.organisation_type.clone()),
            true,
        ),
        Field::text(t.lbl_job, &get(|d| opt(&d.job_title).to_string())),
    ];
    Box::new(Form::new(Box::new(PersonSpec { editing }), fields, ui))
}

impl PersonSpec {
    fn draft(f: &Fields) -> Option<PersonDraft> {
        let tax_code = match f.optional(P_TAX) {
            Some(code) => Some(fields::tax_code(&code).ok()?.code),
            None => None,
        };
        let email = match f.optional(P_EMAIL) {
            Some(email) => Some(fields::email(&email).ok()?),
            None => None,
        };
        Some(PersonDraft {
            surname: f.get(P_SURNAME),
            given_name: f.get(P_GIVEN),
            gender: Gender::parse(&f.get(P_GENDER)).ok()?,
            tax_code,
            email,
            phone: f.optional(P_PHONE),
            organisation: f.get(P_ORG),
            organisation_type: f.get(P_ORG_TYPE),
            job_title: f.optional(P_JOB),
        })
    }
}

/// A saved person as the form's fields hold them, in their order.
fn person_fields(v: &PersonDraft) -> Vec<String> {
    vec![
        v.surname.clone(),
        v.given_name.clone(),
        v.gender.letter().to_string(),
        opt(&v.tax_code).to_string(),
        opt(&v.email).to_string(),
        opt(&v.phone).to_string(),
        v.organisation.clone(),
        v.organisation_type.clone(),
        opt(&v.job_title).to_string(),
    ]
}

impl FormSpec for PersonSpec {
    fn title(&self, ui: &Ui) -> String {
        match self.editing.and_then(|(id, _)| ui.store.person(id).ok()) {
            Some(p) => fill(
                ui.text().form_edit_person,
                &[("name", &format!("{} {}", p.surname, p.given_name))],
            ),
            None => ui.text().form_new_person.to_string(),
        }
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let mut errors = vec![None; 9];
        errors[P_SURNAME] = required(&f.get(P_SURNAME), ui);
        errors[P_GIVEN] = required(&f.get(P_GIVEN), ui);
        errors[P_GENDER] = required(&f.get(P_GENDER), ui);
        let (code, e) = parsed(&f.get(P_TAX), false, fields::tax_code, ui);
        errors[P_TAX] = e;
        if let Some(code) = code {
            let own = self.editing.map_or(0, |(id, _)| id);
            if let Ok(Some(name)) = ui.store.tax_code_holder(&code.code, own) {
                errors[P_TAX] = Some(fill(ui.text().form_tax_code_taken, &[("name", &name)]));
            }
        }
        errors[P_EMAIL] = parsed(&f.get(P_EMAIL), false, fields::email, ui).1;
        if f.get(P_TAX).is_empty() && f.get(P_EMAIL).is_empty() {
            errors[P_TAX] = Some(describe(Problem::NoPersonKey, ui));
        }
        errors[P_ORG] = required(&f.get(P_ORG), ui);
        errors[P_ORG_TYPE] = required(&f.get(P_ORG_TYPE), ui);
        errors
    }

    fn save(&mut self, f: &Fields, confirmed: bool, ui: &Ui) -> Saved {
        let t = ui.text();
        let Some(draft) = PersonSpec::draft(f) else {
            return Saved::Failed(t.form_fix_first.to_string());
        };
        // As the import warns: a tax code of the other sex is asked about.
        if !confirmed
            && draft.gender != Gender::X
            && let Ok(code) = fields::tax_code(&f.get(P_TAX))
            && code.gender != draft.gender
        {
            return Saved::Ask(fill(
                t.form_tax_code_gender,
                &[
                    ("code", code.gender.letter()),
                    ("form", draft.gender.letter()),
                ],
            ));
        }
        // And, as the import warns, a code whose first six letters are not
        // those of the surname and name.
        if !confirmed
            && let Ok(code) = fields::tax_code(&f.get(P_TAX))
            && !code.name_letters_match(&draft.surname, &draft.given_name)
        {
            return Saved::Ask(fill(
                t.form_tax_code_names,
                &[
                    ("code", code.code.get(..6).unwrap_or_default()),
                    (
                        "names",
                        &taxcode::name_letters(&draft.surname, &draft.given_name),
                    ),
                ],
            ));
        }
        let actor = ui.actor();
        save_or_update(
            &mut self.editing,
            || ui.store.create_person(&actor, &draft),
            |id, version| ui.store.update_person(&actor, id, version, &draft),
            person_fields,
            ui,
        )
    }
}

// ------------------------------------------------------------- enrolment

const E_PERSON: usize = 0;
const E_MODULE: usize = 1;
const E_RECEIVED: usize = 2;
const E_STATUS: usize = 3;
const E_REASON: usize = 4;

struct EnrolmentSpec;

/// A request added by hand, for `person` if given.
pub fn enrolment_form(person: Option<i64>, ui: &Ui) -> Box<dyn View> {
    let t = ui.text();
    let people = ui
        .store
        .person_choices()
        .unwrap_or_default()
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let statuses = Status::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), t.status(s.as_str()).to_string()))
        .collect();
    let fields = vec![
        Field::choice(
            t.lbl_person,
            people,
            &person.map(|p| p.to_string()).unwrap_or_default(),
            false,
        ),
        Field::choice(t.lbl_module, module_options(ui), "", false),
        Field::text(t.lbl_received, &ui.settings.today.to_string()),
        Field::choice(t.lbl_status, statuses, Status::Requested.as_str(), false),
        Field::text(t.lbl_reason, ""),
    ];
    Box::new(Form::new(Box::new(EnrolmentSpec), fields, ui))
}

impl FormSpec for EnrolmentSpec {
    fn title(&self, ui: &Ui) -> String {
        ui.text().form_new_enrolment.to_string()
    }

    fn check(&self, f: &Fields, ui: &Ui) -> Errors {
        let mut errors = vec![None; 5];
        errors[E_PERSON] = required(&f.get(E_PERSON), ui);
        errors[E_MODULE] = required(&f.get(E_MODULE), ui);
        errors[E_RECEIVED] = parsed(&f.get(E_RECEIVED), true, fields::date, ui).1;
        let status = Status::parse(&f.get(E_STATUS)).unwrap_or(Status::Requested);
        if status.needs_reason() && f.get(E_REASON).is_empty() {
            errors[E_REASON] = Some(describe(
                Problem::ReasonRequired(status.as_str().to_string()),
                ui,
            ));
        }
        errors
    }

    fn save(&mut self, f: &Fields, confirmed: bool, ui: &Ui) -> Saved {
        let t = ui.text();
        let (Ok(person), Ok(module), Ok(received), Ok(status)) = (
            f.get(E_PERSON).parse::<i64>(),
            f.get(E_MODULE).parse::<i64>(),
            fields::date(&f.get(E_RECEIVED)),
            Status::parse(&f.get(E_STATUS)),
        ) else {
            return Saved::Failed(t.form_fix_first.to_string());
        };
        if status == Status::Accepted
            && !confirmed
            && let Ok(Some(crowding)) = ui.store.crowding_for_new_participant(module)
        {
            return Saved::Ask(super::queue::capacity_question(&crowding, ui));
        }
        let reason = f.optional(E_REASON);
        let added = ui.store.add_enrolment(
            &ui.actor(),
            person,
            module,
            received,
            status,
            reason.as_deref(),
        );
        saved(added, ui)
    }
}
