//! The language of each person's letters, as an enrolments file's
//! `lingua`/`language` column gives it (issue 25). A person the file adds
//! takes it (Italian where the column is missing or blank); for a person
//! the register knows, a row that says another language changes nothing
//! and is noted, as any other difference is (`registro person language`
//! changes it).

use std::collections::HashMap;

use super::Job;
use super::people::Known;
use crate::mail::PersonLanguage;
use crate::store;

#[derive(Default)]
pub(super) struct Languages {
    /// The language each person the file adds was first given, by their
    /// place in `People::list`.
    added: HashMap<usize, PersonLanguage>,
}

impl Languages {
    /// Row `line` gives `language` to the person at `index`.
    pub fn row(
        &mut self,
        job: &mut Job,
        line: u64,
        index: usize,
        known: &Known,
        language: Option<PersonLanguage>,
    ) -> store::Result<()> {
        let Some(language) = language else {
            return Ok(());
        };
        let before = if known.existing {
            Some(job.bulk.person_language(known.row.id)?)
        } else {
            self.added.get(&index).copied()
        };
        match before {
            None => {
                self.added.insert(index, language);
            }
            Some(before) if before != language => {
                job.note(line, "language", language.code(), before.code());
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// Writes the languages given to the people the file added, once
    /// they have their ids (`ids`, by place in `People::list`).
    pub fn write(&self, job: &Job, ids: &[i64]) -> store::Result<()> {
        let given: Vec<(i64, PersonLanguage)> = self
            .added
            .iter()
            .filter(|(_, language)| **language != PersonLanguage::default())
            .filter_map(|(&index, &language)| ids.get(index).map(|&id| (id, language)))
            .collect();
        job.bulk.set_person_languages(&given)
    }
}
