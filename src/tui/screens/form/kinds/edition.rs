//! A new edition of a module: a new code, town and dates.

use super::*;

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
