//! Who a row is about: people matched by tax code, else by email (case
//! not counting), the register's and the file's own together, so that two
//! rows about one person make one person.

use std::borrow::Cow;
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
        let code = tax_code.map(upper);
        if let Some(found) = code.as_ref().and_then(|c| self.by_tax.get(c.as_ref())) {
            return Some(*found);
        }
        let found = *self.by_email.get(lower(email?).as_ref())?;
        match (&code, &self.list[found].row.tax_code) {
            (Some(_), Some(_)) => None,
            _ => Some(found),
        }
    }

    /// Whoever first gave this email, tax code or not.
    pub fn email_owner(&self, email: Option<&str>) -> Option<usize> {
        self.by_email.get(lower(email?).as_ref()).copied()
    }

    /// A person from the file whom `find` did not find.
    pub fn add_new(&mut self, row: PersonRow) -> usize {
        self.add(Known {
            row,
            existing: false,
        })
    }
}

/// A key in upper case, copied only when it is not already: tax codes
/// come from `taxcode::validate` in upper case, and this runs for every
/// row of a file.
pub(super) fn upper(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .any(|b| b.is_ascii_lowercase() || !b.is_ascii())
    {
        Cow::Owned(text.to_uppercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// A key in lower case, copied only when it is not already.
fn lower(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(tax_code: Option<&str>, email: Option<&str>) -> PersonRow {
        PersonRow {
            tax_code: tax_code.map(str::to_string),
            email: email.map(str::to_string),
            ..PersonRow::default()
        }
    }

    // Keys are folded only when they need it (`upper`, `lower`): the
    // folding must still match whatever case either side is written in.
    #[test]
    fn keys_match_in_any_case() {
        let mut people = People::default();
        let anna = people.add_new(person(
            Some("RSSMRA85T50D150H"),
            Some("Anna.Verdi@ASL.cr.it"),
        ));
        let elena = people.add_new(person(None, Some("élena@example.it")));
        assert_eq!(people.find(Some("rssmra85t50d150h"), None), Some(anna));
        assert_eq!(people.find(None, Some("anna.verdi@asl.cr.it")), Some(anna));
        assert_eq!(people.find(None, Some("ANNA.VERDI@ASL.CR.IT")), Some(anna));
        assert_eq!(people.find(None, Some("ÉLENA@EXAMPLE.IT")), Some(elena));
        assert_eq!(people.email_owner(Some("Élena@example.it")), Some(elena));
        // An email does not point to someone with another tax code.
        assert_eq!(
            people.find(Some("BNCLRA90L44D150X"), Some("anna.verdi@asl.cr.it")),
            None
        );
    }
}
