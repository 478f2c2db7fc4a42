//! A request added by hand.

use super::*;

impl Store {
    /// A request added by hand, with the history that leads to its
    /// status (as an import writes it).
    pub fn add_enrolment(
        &self,
        actor: &Actor,
        person_id: i64,
        module_id: i64,
        received_on: Date,
        status: Status,
        reason: Option<&str>,
    ) -> Result<i64> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if status.needs_reason() && reason.is_none() {
            return Err(crate::store::refused_with(
                |t| t.refuse_status_needs_reason,
                vec![(
                    "status",
                    crate::store::Filling::Status(status.as_str().to_string()),
                )],
            ));
        }
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM enrolment WHERE person_id = ?1 AND module_id = ?2",
                params![person_id, module_id],
                |row| row.get(0),
            )?;
            if exists {
                return Err(refused(|t| t.refuse_request_exists, &[]));
            }
            let id = crate::store::request_writer::RequestWriter::on(tx)?.entered(
                &crate::store::request_writer::Entry {
                    person_id,
                    module_id,
                    received_on: &received_on.to_string(),
                    status,
                    reason,
                },
                &actor.clock.stamp(),
                &actor.user,
            )?;
            audit(
                tx,
                actor,
                "enrolment",
                Some(id),
                "add",
                None,
                Some(&json!({ "person_id": person_id, "module_id": module_id,
                              "received_on": received_on.to_string(), "status": status.as_str(),
                              "reason": reason })),
            )?;
            Ok(id)
        })
    }
}
