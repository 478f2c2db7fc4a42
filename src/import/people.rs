//! Who a row is about: people matched by tax code, else by email (case
//! not counting), the register's and the file's own together, so that two
//! rows about one person make one person.
//!
//! The register's people are read whole for a file large beside them,
//! else asked for by each key the file names (store::lookup); both ways
//! find the same people.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::store::bulk::{BulkWrite, PersonRow};
use crate::store::{self, lookup::ImportReading};

/// A person the import knows of: in the register already, or added by an
/// earlier row of the file.
#[derive(Debug, Clone)]
pub(super) struct Known {
    pub row: PersonRow,
    /// In the register before this import.
    pub existing: bool,
}

pub(super) struct People<'c> {
    pub list: Vec<Known>,
    by_tax: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    /// Where to ask for keys not asked yet; none once read whole.
    register: Option<Asked<'c>>,
    /// Register people given a value they lacked by a row of the file:
    /// to write back.
    pub filled: HashSet<usize>,
}

/// The keys asked of the register so far, and the people it answered.
struct Asked<'c> {
    writer: &'c BulkWrite<'c>,
    tax_codes: HashSet<String>,
    emails: HashSet<String>,
    /// Each register person in `list`, by id.
    listed: HashMap<i64, usize>,
}

impl<'c> People<'c> {
    /// The register's people for a file of `rows` rows: read whole, or
    /// asked for as the file names them (`reading`).
    pub fn open(
        writer: &'c BulkWrite<'c>,
        rows: usize,
        reading: ImportReading,
    ) -> store::Result<People<'c>> {
        let mut people = People {
            list: Vec::new(),
            by_tax: HashMap::new(),
            by_email: HashMap::new(),
            register: None,
            filled: HashSet::new(),
        };
        if reading.reads_whole(rows, writer.people_bound()?) {
            for row in writer.people()? {
                people.add(Known {
                    row,
                    existing: true,
                });
            }
        } else {
            people.register = Some(Asked {
                writer,
                tax_codes: HashSet::new(),
                emails: HashSet::new(),
                listed: HashMap::new(),
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

    /// Asks the register, once each, for whoever has this tax code and
    /// whoever has this email, so that the maps answer as if the whole
    /// register had been read (oldest first) before the file's people.
    fn ask(&mut self, tax_code: Option<&str>, email: Option<&str>) -> store::Result<()> {
        let Some(asked) = &mut self.register else {
            return Ok(());
        };
        let writer = asked.writer;
        let mut answered = Vec::new();
        if let Some(code) = tax_code
            && asked.tax_codes.insert(code.to_string())
        {
            answered.extend(writer.people_with_tax_code(code)?);
        }
        let email = email
            .map(lower)
            .filter(|e| asked.emails.insert(e.to_string()));
        if let Some(email) = &email {
            answered.extend(writer.people_with_email(email)?);
        }
        answered.sort_by_key(|row| row.id);
        for row in answered {
            let Some(asked) = &mut self.register else {
                break;
            };
            let index = match asked.listed.get(&row.id) {
                Some(&index) => index,
                None => {
                    let index = self.list.len();
                    asked.listed.insert(row.id, index);
                    if let Some(code) = &row.tax_code {
                        self.by_tax.entry(code.to_uppercase()).or_insert(index);
                    }
                    self.list.push(Known {
                        row,
                        existing: true,
                    });
                    index
                }
            };
            // The email's owner is its oldest holder (they come by id),
            // not whoever of them a tax code listed first; so only the
            // email's own answer names its owner. No person of the file
            // can have taken it: the file's rows ask before they add.
            if let (Some(wanted), Some(theirs)) = (&email, &self.list[index].row.email) {
                let key = theirs.to_lowercase();
                if key == *wanted {
                    self.by_email.entry(key).or_insert(index);
                }
            }
        }
        Ok(())
    }

    /// The person a tax code or, failing it, an email points to. An email
    /// does not point to someone whose tax code is another.
    pub fn find(
        &mut self,
        tax_code: Option<&str>,
        email: Option<&str>,
    ) -> store::Result<Option<usize>> {
        let code = tax_code.map(upper);
        self.ask(code.as_deref(), email)?;
        if let Some(found) = code.as_ref().and_then(|c| self.by_tax.get(c.as_ref())) {
            return Ok(Some(*found));
        }
        let Some(&found) = email.and_then(|e| self.by_email.get(lower(e).as_ref())) else {
            return Ok(None);
        };
        Ok(match (&code, &self.list[found].row.tax_code) {
            (Some(_), Some(_)) => None,
            _ => Some(found),
        })
    }

    /// Whoever first gave this email, tax code or not.
    pub fn email_owner(&mut self, email: Option<&str>) -> store::Result<Option<usize>> {
        self.ask(None, email)?;
        Ok(email.and_then(|e| self.by_email.get(lower(e).as_ref()).copied()))
    }

    /// Gives the person at `index` the tax code, email and phone of a
    /// row where they have none: a file without a column must not leave
    /// a person without it for ever. A key someone else holds is left
    /// alone and returned, for the caller to warn about. Returns the
    /// email not taken, if so.
    pub fn fill_in(
        &mut self,
        index: usize,
        tax_code: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> store::Result<Option<usize>> {
        let mut refused = None;
        let mut changed = false;
        if let Some(code) = tax_code
            && blank(self.list[index].row.tax_code.as_deref())
            && self
                .find(Some(code), None)?
                .is_none_or(|other| other == index)
        {
            self.list[index].row.tax_code = Some(code.to_string());
            self.by_tax.entry(code.to_uppercase()).or_insert(index);
            changed = true;
        }
        if let Some(email) = email
            && blank(self.list[index].row.email.as_deref())
        {
            match self.email_owner(Some(email))? {
                Some(other) if other != index => refused = Some(other),
                _ => {
                    self.list[index].row.email = Some(email.to_string());
                    self.by_email.entry(email.to_lowercase()).or_insert(index);
                    changed = true;
                }
            }
        }
        if let Some(phone) = phone
            && blank(self.list[index].row.phone.as_deref())
        {
            self.list[index].row.phone = Some(phone.to_string());
            changed = true;
        }
        if changed && self.list[index].existing {
            self.filled.insert(index);
        }
        Ok(refused)
    }

    /// A person from the file whom `find` did not find.
    pub fn add_new(&mut self, row: PersonRow) -> usize {
        self.add(Known {
            row,
            existing: false,
        })
    }
}

fn blank(value: Option<&str>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
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
    use crate::context::{Actor, Clock};
    use crate::store::{DEFAULT_AXES, Store};

    fn person(tax_code: Option<&str>, email: Option<&str>) -> PersonRow {
        PersonRow {
            tax_code: tax_code.map(str::to_string),
            email: email.map(str::to_string),
            ..PersonRow::default()
        }
    }

    // Keys are folded only when they need it (`upper`, `lower`): the
    // folding must still match whatever case either side is written in.
    fn nobody() -> People<'static> {
        People {
            list: Vec::new(),
            by_tax: HashMap::new(),
            by_email: HashMap::new(),
            register: None,
            filled: HashSet::new(),
        }
    }

    #[test]
    fn keys_match_in_any_case() {
        let mut people = nobody();
        let anna = people.add_new(person(
            Some("RSSMRA85T50D150H"),
            Some("Anna.Verdi@ASL.cr.it"),
        ));
        let elena = people.add_new(person(None, Some("élena@example.it")));
        assert_eq!(
            people.find(Some("rssmra85t50d150h"), None).unwrap(),
            Some(anna)
        );
        assert_eq!(
            people.find(None, Some("anna.verdi@asl.cr.it")).unwrap(),
            Some(anna)
        );
        assert_eq!(
            people.find(None, Some("ANNA.VERDI@ASL.CR.IT")).unwrap(),
            Some(anna)
        );
        assert_eq!(
            people.find(None, Some("ÉLENA@EXAMPLE.IT")).unwrap(),
            Some(elena)
        );
        assert_eq!(
            people.email_owner(Some("Élena@example.it")).unwrap(),
            Some(elena)
        );
        // An email does not point to someone with another tax code.
        assert_eq!(
            people
                .find(Some("BNCLRA90L44D150X"), Some("anna.verdi@asl.cr.it"))
                .unwrap(),
            None
        );
    }

    /// A register of people asked key by key answers as one read whole:
    /// an email's owner is its oldest holder even when a younger one
    /// was found first by tax code, and emails match in any case, ASCII
    /// or not.
    #[test]
    fn asked_key_by_key_as_if_read_whole() {
        let folder = tempfile::tempdir().unwrap();
        let actor = Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 11, 27)));
        let store = Store::create(&folder.path().join("r.db"), &actor, DEFAULT_AXES).unwrap();
        store
            .write(|tx| {
                tx.execute_batch(
                    "INSERT INTO person(id, surname, given_name, gender, tax_code, email, erased) VALUES
                         (1, 'Verdi', 'Anna', 'F', 'RSSMRA85T50D150H', 'Anna@ASL.it', 0),
                         (2, 'Verdi', 'Bruna', 'F', 'BNCLRA90L44D150X', 'anna@asl.it', 0),
                         (3, 'Gialli', 'Elena', 'F', NULL, 'Élena@Example.it', 0),
                         (4, 'Neri', 'Ugo', 'M', NULL, 'ugo@example.it', 1);",
                )?;
                Ok(())
            })
            .unwrap();
        for reading in [ImportReading::ByKey, ImportReading::Whole] {
            store
                .write_in_bulk(|bulk| {
                    let mut people = People::open(bulk, 1, reading).unwrap();
                    let bruna = people
                        .find(Some("bnclra90l44d150x"), None)
                        .unwrap()
                        .unwrap();
                    assert_eq!(people.list[bruna].row.id, 2);
                    let owner = people.email_owner(Some("ANNA@asl.it")).unwrap().unwrap();
                    assert_eq!(people.list[owner].row.id, 1, "{reading:?}");
                    // Anna's email, Anna's tax code elsewhere: not Bruna.
                    let anna = people.find(None, Some("anna@asl.it")).unwrap().unwrap();
                    assert_eq!(people.list[anna].row.id, 1);
                    let elena = people
                        .find(None, Some("élena@example.IT"))
                        .unwrap()
                        .unwrap();
                    assert_eq!(people.list[elena].row.id, 3);
                    assert_eq!(people.find(None, Some("ugo@example.it")).unwrap(), None);
                    assert!(people.list.iter().all(|k| k.existing));
                    Ok(((), false))
                })
                .unwrap();
        }
    }
}
