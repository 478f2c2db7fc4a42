//! Reads and writes for what the office prints (src/print): the lines of
//! a session's signature sheet, and the numbers of the certificates of
//! attendance, issued once and kept.

use std::collections::HashMap;

use jiff::civil::Time;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::queries::{Module, Session};
use super::reach::Reach;
use super::{Result, Store};
use crate::context::Actor;

/// One participant on a signature sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLine {
    pub enrolment_id: i64,
    pub surname: String,
    pub given_name: String,
    pub organisation: String,
    /// Hours attended; `None` while not marked.
    pub minutes: Option<i64>,
    pub mark: Option<String>,
    pub arrival: Option<Time>,
    pub leaving: Option<Time>,
}

impl SheetLine {
    /// Marked absent (or excused): no hour attended.
    pub fn is_absent(&self) -> bool {
        matches!(self.mark.as_deref(), Some("absent" | "excused"))
            || (self.mark.is_some() && self.minutes == Some(0))
    }
}

/// What one session's signature sheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSheet {
    pub session: Session,
    pub module: Module,
    /// The tutors given the module.
    pub tutors: Vec<String>,
    pub lines: Vec<SheetLine>,
}

impl Store {
    /// The signature sheet of one session: its module, tutors and
    /// participants (accepted), with their marks where there are some.
    /// Refused outside the user's reach.
    pub fn session_sheet(&self, reach: &Reach, session_id: i64) -> Result<SessionSheet> {
        let session = self.session(session_id)?;
        self.check_module(reach, session.module_id)?;
        let module = self.module(session.module_id)?;
        let conn = self.conn();
        let tutors = conn
            .prepare_cached(
                "SELECT u.display_name FROM user_module um JOIN app_user u ON u.id = um.user_id
                 WHERE um.module_id = ?1 AND u.role = 'tutor' ORDER BY u.display_name",
            )?
            .query_map([module.id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        // The times are those the roster's `l` and `e` keep (minutes after
        // midnight; none for a whole session or hours typed).
        let lines = conn
            .prepare_cached(
                "SELECT e.id, p.surname, p.given_name, p.organisation, t.minutes, t.mark,
                        t.arrived_minute, t.left_minute
                 FROM enrolment e
                 JOIN person p ON p.id = e.person_id
                 LEFT JOIN attendance t ON t.enrolment_id = e.id AND t.session_id = ?1
                 WHERE e.module_id = ?2 AND e.status = 'accepted'
                 ORDER BY p.surname COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
            )?
            .query_map(params![session.id, module.id], |row| {
                Ok(SheetLine {
                    enrolment_id: row.get(0)?,
                    surname: row.get(1)?,
                    given_name: row.get(2)?,
                    organisation: row.get(3)?,
                    minutes: row.get(4)?,
                    mark: row.get(5)?,
                    arrival: row.get::<_, Option<i64>>(6)?.map(time_of_minute),
                    leaving: row.get::<_, Option<i64>>(7)?.map(time_of_minute),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SessionSheet {
            session,
            module,
            tutors,
            lines,
        })
    }

    /// The sessions of a module that are printed, not cancelled, by date.
    pub fn sessions_to_print(&self, reach: &Reach, module_id: i64) -> Result<Vec<i64>> {
        self.check_module(reach, module_id)?;
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id FROM session WHERE module_id = ?1 AND cancelled = 0
                 ORDER BY date, start_minute, id",
            )?
            .query_map([module_id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The programme's name, at the head of every print: the register's
    /// setting (`registro settings programme`), else the file's name.
    pub fn programme_title(&self) -> String {
        match self.programme_name() {
            Ok(Some(name)) if !name.trim().is_empty() => name,
            _ => self
                .path()
                .file_stem()
                .map(|name| name.to_string_lossy().to_string())
                .unwrap_or_default(),
        }
    }

    /// The numbers of the certificates of these participations: one
    /// given the first time, in the register's order of issue, and the
    /// same one at every reprint. Each issue, first or reprint, is in
    /// the audit log; all of them are one change.
    pub fn issue_certificates(
        &self,
        actor: &Actor,
        enrolment_ids: &[i64],
    ) -> Result<HashMap<i64, String>> {
        let reach = self.reach(&actor.user)?;
        if !reach.everything() {
            return Err(reach.refusal("certificate"));
        }
        let year = actor.clock.today().year();
        self.write(|tx| {
            let mut numbers = HashMap::new();
            for &enrolment in enrolment_ids {
                let kept: Option<String> = tx
                    .query_row(
                        "SELECT number FROM certificate WHERE enrolment_id = ?1",
                        [enrolment],
                        |row| row.get(0),
                    )
                    .optional()?;
                let (number, action) = match kept {
                    Some(number) => (number, "reprint"),
                    None => {
                        tx.execute(
                            "INSERT INTO certificate(enrolment_id, number, issued_at, issued_by)
                             VALUES (?1, '', ?2, ?3)",
                            params![enrolment, actor.clock.stamp(), actor.user],
                        )?;
                        let id = tx.last_insert_rowid();
                        let number = format!("{year}/{id:05}");
                        tx.execute(
                            "UPDATE certificate SET number = ?1 WHERE id = ?2",
                            params![number, id],
                        )?;
                        (number, "issue")
                    }
                };
                super::writes::audit(
                    tx,
                    actor,
                    "certificate",
                    Some(enrolment),
                    action,
                    None,
                    Some(&json!({ "number": number })),
                )?;
                numbers.insert(enrolment, number);
            }
            Ok(numbers)
        })
    }
}

/// A minute after midnight as a time of day; the day's last minute
/// (1440, a session ending at midnight) reads as 23:59.
fn time_of_minute(minute: i64) -> Time {
    let minute = minute.clamp(0, 24 * 60 - 1);
    Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap_or(Time::midnight())
}
