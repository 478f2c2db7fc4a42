//! A request added by hand: who, for which module, when, with which
//! status.

use super::*;

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
            return Saved::Ask(crate::tui::labels::capacity_question(&crowding, ui));
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
