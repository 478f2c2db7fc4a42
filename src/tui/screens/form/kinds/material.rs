//! A module's material: a title and where it is.

use super::*;

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
