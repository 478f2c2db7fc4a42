//! Finding the participation a row of attendance or ratings is about:
//! the module, then the person by tax code or email, then their
//! enrolment, which must be accepted and not withdrawn.

use super::fields;
use super::people::People;
use super::problem::Problem;
use super::{Cells, Job, Modules};
use crate::domain::Status;
use crate::store::bulk::{BulkWrite, EnrolmentRow};
use crate::store::lookup::Lookup;
use crate::store::{self, bulk};

pub(super) struct Participations<'c> {
    pub modules: Modules<'c>,
    pub people: People<'c>,
    pub enrolments: Lookup<'c, (i64, i64), EnrolmentRow>,
}

impl<'c> Participations<'c> {
    /// The register's modules, people and requests, as the file's rows
    /// ask for them.
    pub fn open(job: &Job<'c>, rows: usize) -> store::Result<Self> {
        let writer: &'c BulkWrite = job.bulk;
        Ok(Participations {
            modules: Modules::open(writer),
            people: People::open(writer, rows, job.reading)?,
            enrolments: Lookup::by_key(writer, bulk::enrolment_of),
        })
    }

    /// The module of the row, checked.
    pub fn module(&mut self, cells: &mut Cells) -> store::Result<Option<(i64, String)>> {
        Ok(self
            .modules
            .of_row(cells)?
            .map(|(id, code)| (id, code.to_string())))
    }

    /// The enrolment of the row's person in `module`, which must be a
    /// participation.
    pub fn enrolment(
        &mut self,
        cells: &mut Cells,
        module: Option<(i64, String)>,
    ) -> store::Result<Option<i64>> {
        let tax_text = cells.optional("tax_code");
        let email_text = cells.optional("email");
        let tax_code = cells.parse_optional("tax_code", fields::tax_code);
        let email = cells.parse_optional("email", fields::email);
        if tax_text.is_none() && email_text.is_none() {
            cells.refuse("tax_code", Problem::NoPersonKey);
            return Ok(None);
        }
        if (tax_text.is_some() && tax_code.is_none()) || (email_text.is_some() && email.is_none()) {
            return Ok(None);
        }
        let code = tax_code.map(|c| c.code);
        let Some(person) = self.people.find(code.as_deref(), email.as_deref())? else {
            let (column, value) = match (&code, &email) {
                (Some(code), _) => ("tax_code", code.clone()),
                (None, Some(email)) => ("email", email.clone()),
                (None, None) => ("tax_code", String::new()),
            };
            cells.refuse(column, Problem::PersonNotFound(value));
            return Ok(None);
        };
        let column = if code.is_some() { "tax_code" } else { "email" };
        let Some((module, module_code)) = module else {
            return Ok(None);
        };
        let person_id = self.people.list[person].row.id;
        let Some(enrolment) = self.enrolments.get(&(person_id, module))? else {
            cells.refuse(
                column,
                Problem::NotEnrolled {
                    module: module_code,
                },
            );
            return Ok(None);
        };
        if enrolment.status != Status::Accepted.as_str() {
            cells.refuse(
                column,
                Problem::NotParticipating {
                    status: enrolment.status.clone(),
                },
            );
            return Ok(None);
        }
        Ok(Some(enrolment.id))
    }
}
