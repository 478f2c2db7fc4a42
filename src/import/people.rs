//! Who a row is about: people matched by tax code, else by email (case
//! not counting), the register's and the file's own together, so that two
//! rows about one person make one person.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::store::{self, bulk::PersonRow};

/// A person the import knows of: in the register already, or added by an
/// earlier row of the file.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub row: PersonRow,
    /// In the register before this import.
    pub existing: bool,
}

#[derive(Debug, Default)]
pub(super) struct People {
    pub list: Vec<Known>,
    by_tax: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
}

/// How a row found its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Match {
    /// Someone already known (the register's or an earlier row's).
    Known(usize),
    /// A new person; `email_of` names someone else with the same email
    /// but another tax code (an office's shared address, or a mistake).
    New {
        index: usize,
        email_of: Option<usize>,
    },
}

impl People {
    pub fn load(conn: &Connection) -> store::Result<People> {
        let mut people = People::default();
        for row in store::bulk::people(conn)? {
            people.add(Known {
                row,
                existing: true,
            });
        }
        Ok(people)
    }

    fn add(&mut self, known: Known) -> usize {
        let index = self.list.len();
        if let Some(code) = &known.row.tax_code {
            self.by_tax.entry(code.to_uppercase()).or_insert(index);
        }
        if let Some(email) = &known.row.email {
            self.by_email.entry(email.to_lowercase()).or_insert(index);
        }
        self.list.push(known);
        index
    }

    /// The person a tax code or, failing it, an email points to. An email
    /// does not point to someone whose tax code is another.
    pub fn find(&self, tax_code: Option<&str>, email: Option<&str>) -> Option<usize> {
        let code = tax_code.map(str::to_uppercase);
        if let Some(found) = code.as_ref().and_then(|c| self.by_tax.get(c)) {
            return Some(*found);
        }
        let found = *self.by_email.get(&email?.to_lowercase())?;
        match (&code, &self.list[found].row.tax_code) {
            (Some(_), Some(_)) => None,
            _ => Some(found),
        }
    }

    /// The person of an enrolment row: someone known, or a new person.
    pub fn resolve(&mut self, row: PersonRow) -> Match {
        if let Some(found) = self.find(row.tax_code.as_deref(), row.email.as_deref()) {
            return Match::Known(found);
        }
        let email_of = row
            .email
            .as_ref()
            .and_then(|e| self.by_email.get(&e.to_lowercase()).copied());
        let index = self.add(Known {
            row,
            existing: false,
        });
        Match::New { index, email_of }
    }
}
