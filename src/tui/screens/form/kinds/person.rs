//! A person: names, tax code, contacts, organisation; a tax code of the
//! other sex or other names is asked about first.

use super::*;
use crate::mail::PersonLanguage;

const P_SURNAME: usize = 0;
const P_GIVEN: usize = 1;
const P_GENDER: usize = 2;
const P_TAX: usize = 3;
const P_EMAIL: usize = 4;
const P_PHONE: usize = 5;
const P_ORG: usize = 6;
const P_ORG_TYPE: usize = 7;
const P_JOB: usize = 8;
const P_LANGUAGE: usize = 9;

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
        Field::choice(
            t.lbl_person_language,
            options(PersonLanguage::ALL.map(|l| (l.code().to_string(), l.name(t).to_string()))),
            draft
                .as_ref()
                .map(|d| d.language)
                .unwrap_or_default()
                .code(),
            false,
        ),
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
            language: PersonLanguage::from_code(&f.get(P_LANGUAGE)),
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
        v.language.code().to_string(),
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
        let mut errors = vec![None; 10];
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
