//! Repeating sessions: weekdays from a date, for a count or until a date,
//! with a preview of every day, the holidays skipped and the clashes.

use super::*;

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
