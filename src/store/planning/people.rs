//! People added and edited by hand, their tax codes kept unique.

use super::*;

/// A person as their form writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub surname: String,
    pub given_name: String,
    pub gender: Gender,
    pub tax_code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organisation: String,
    pub organisation_type: String,
    pub job_title: Option<String>,
    /// The language of their letters (issue 25).
    pub language: crate::mail::PersonLanguage,
}

pub(super) fn person_json(d: &PersonDraft) -> Value {
    json!({
        "surname": d.surname, "given_name": d.given_name, "gender": d.gender.letter(),
        "tax_code": d.tax_code, "email": d.email, "phone": d.phone,
        "organisation": d.organisation, "organisation_type": d.organisation_type,
        "job_title": d.job_title, "language": d.language.code(),
    })
}

impl From<Person> for PersonDraft {
    fn from(p: Person) -> PersonDraft {
        PersonDraft {
            surname: p.surname,
            given_name: p.given_name,
            gender: Gender::parse(&p.gender).unwrap_or(Gender::X),
            tax_code: p.tax_code,
            email: p.email,
            phone: p.phone,
            organisation: p.organisation,
            organisation_type: p.organisation_type,
            job_title: p.job_title,
            language: crate::mail::PersonLanguage::default(),
        }
    }
}

pub(super) fn read_person(conn: &Connection, id: i64) -> Result<(PersonDraft, i64)> {
    let (person, (version, language)): (_, (i64, String)) = conn
        .query_row(
            &format!("SELECT {PERSON_COLUMNS}, version, language FROM person WHERE id = ?1"),
            [id],
            |row| {
                Ok((
                    person_from_row(row)?,
                    (row.get("version")?, row.get::<_, String>("language")?),
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))?;
    let draft = PersonDraft {
        language: crate::mail::PersonLanguage::from_code(&language),
        ..PersonDraft::from(person)
    };
    Ok((draft, version))
}

/// What the store refuses in an edited person whoever the caller. The tax
/// code is the form's to check, as when a person is created: the store
/// writes the code it is given.
pub(super) fn check_person(d: &PersonDraft) -> Result<()> {
    refuse_blank(&d.surname, |t| t.lbl_surname)?;
    refuse_blank(&d.given_name, |t| t.lbl_given_name)
}

/// An erased person keeps only a pseudonym: editing them would bring
/// personal data back, so they are as good as gone.
pub(super) fn refuse_erased(tx: &Transaction, id: i64) -> Result<()> {
    let erased: Option<bool> = tx
        .query_row("SELECT erased FROM person WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?;
    match erased {
        Some(false) => Ok(()),
        _ => Err(StoreError::NotFound("person")),
    }
}

pub(super) fn tax_code_free(tx: &Transaction, code: Option<&str>, other_than: i64) -> Result<()> {
    let Some(code) = code else { return Ok(()) };
    let other: Option<String> = tx
        .query_row(
            "SELECT surname || ' ' || given_name FROM person WHERE tax_code = ?1 AND id <> ?2",
            params![code, other_than],
            |row| row.get(0),
        )
        .optional()?;
    match other {
        Some(name) => Err(refused(
            |t| t.refuse_tax_code_taken,
            &[("code", code), ("name", &name)],
        )),
        None => Ok(()),
    }
}

impl Store {
    pub fn person_draft(&self, id: i64) -> Result<(PersonDraft, i64)> {
        read_person(self.conn(), id)
    }

    pub fn create_person(&self, actor: &Actor, d: &PersonDraft) -> Result<i64> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            tax_code_free(tx, d.tax_code.as_deref(), 0)?;
            crate::store::people::email_free(tx, d.email.as_deref(), 0)?;
            tx.execute(
                "INSERT INTO person(surname, given_name, gender, tax_code, email, phone, organisation,
                                    organisation_type, job_title, language)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    d.surname,
                    d.given_name,
                    d.gender.letter(),
                    d.tax_code,
                    d.email,
                    d.phone,
                    d.organisation,
                    d.organisation_type,
                    d.job_title,
                    d.language.code()
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit(tx, actor, "person", Some(id), "create", None, Some(&person_json(d)))?;
            Ok(id)
        })
    }

    /// Saves an edited person read at `version`; if someone changed them
    /// since, writes nothing and returns theirs.
    pub fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &PersonDraft,
    ) -> Result<std::result::Result<(), Theirs<PersonDraft>>> {
        check_person(d)?;
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            refuse_erased(tx, id)?;
            save_if_unchanged(tx, actor, &PERSON, id, version, d, |_| {
                tax_code_free(tx, d.tax_code.as_deref(), id)?;
                crate::store::people::email_free(tx, d.email.as_deref(), id)?;
                tx.execute(
                    "UPDATE person SET surname = ?2, given_name = ?3, gender = ?4, tax_code = ?5,
                            email = ?6, phone = ?7, organisation = ?8, organisation_type = ?9,
                            job_title = ?10, language = ?11, version = version + 1
                     WHERE id = ?1",
                    params![
                        id,
                        d.surname,
                        d.given_name,
                        d.gender.letter(),
                        d.tax_code,
                        d.email,
                        d.phone,
                        d.organisation,
                        d.organisation_type,
                        d.job_title,
                        d.language.code()
                    ],
                )?;
                Ok(())
            })
        })
    }

    /// Every person as `(id, "Surname Given name")`, by name.
    pub fn person_choices(&self) -> Result<Vec<(i64, String)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, surname || ' ' || given_name FROM person WHERE erased = 0
                 ORDER BY surname COLLATE NOCASE, given_name COLLATE NOCASE, id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Who else than `other_than` has this tax code, by name.
    pub fn tax_code_holder(&self, code: &str, other_than: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT surname || ' ' || given_name FROM person WHERE tax_code = ?1 COLLATE NOCASE AND id <> ?2",
                params![code, other_than],
                |row| row.get(0),
            )
            .optional()?)
    }
}
