//! Reads of one entity with what hangs from it: a module with its
//! sessions and participants, a session's roster, a person's card.
//! These lists are bounded by one module or one person, so they are read
//! whole.

use std::collections::HashMap;

use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::reach::Reach;
use super::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub axis_code: String,
    pub axis_title: String,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub capacity: i64,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionLine {
    pub id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub trainer: Option<String>,
    pub topic: Option<String>,
    pub cancelled: bool,
    pub marked: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantLine {
    pub person_id: i64,
    pub name: String,
    pub organisation: String,
    pub attended_minutes: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModuleDetail {
    pub module: Module,
    pub sessions: Vec<SessionLine>,
    pub participants: Vec<ParticipantLine>,
    /// Minutes of the sessions held so far (not cancelled, up to today).
    pub delivered_minutes: i64,
    pub requests: i64,
    pub tutors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: i64,
    pub module_id: i64,
    pub module_code: String,
    pub module_title: String,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub topic: Option<String>,
    pub cancelled: bool,
    pub closed: bool,
}

impl Session {
    pub fn length_minutes(&self) -> i64 {
        self.end_minute - self.start_minute
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RosterLine {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub name: String,
    pub organisation: String,
    /// Hours attended in this session; `None` while not marked.
    pub minutes: Option<i64>,
    pub mark: Option<String>,
    /// The arrival and leaving times written with the mark, if any.
    pub times: crate::store::attendance::Times,
    /// Hours attended in the whole module so far.
    pub module_minutes: i64,
    /// The most they can still have attended by the end: what they have,
    /// plus the open sessions not yet marked for them.
    pub reachable_minutes: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub session: Session,
    pub lines: Vec<RosterLine>,
    /// The module's hours, cancelled sessions left out.
    pub module_total_minutes: i64,
}

/// The roster's lines as the register has them, before their hours
/// are added (`?1` the session, `?2` its module), narrowed by `also` (a
/// condition starting with AND, empty for all of them).
fn roster_lines(also: &str) -> String {
    format!(
        "SELECT e.id, p.id, p.surname || ' ' || p.given_name, p.organisation, t.minutes, t.mark,
                t.arrived_minute, t.left_minute
         FROM enrolment e
         JOIN person p ON p.id = e.person_id
         LEFT JOIN attendance t ON t.enrolment_id = e.id AND t.session_id = ?1
         WHERE e.module_id = ?2 AND e.status = 'accepted' {also}
         ORDER BY p.surname COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id"
    )
}

/// Every mark of the roster's participants (`?1` the module), narrowed
/// by `also` as in `roster_lines` (with `?2`).
fn roster_marks(also: &str) -> String {
    format!(
        "SELECT a.enrolment_id, a.session_id, a.minutes
         FROM enrolment e JOIN attendance a ON a.enrolment_id = e.id
         WHERE e.module_id = ?1 AND e.status = 'accepted' {also}"
    )
}

impl RosterLine {
    /// Whether they can still reach `threshold` (a fraction) of the
    /// module's `total` minutes.
    pub fn can_reach(&self, threshold: f64, total: i64) -> bool {
        total == 0 || self.reachable_minutes as f64 >= threshold * total as f64 - 1e-9
    }

    /// Where they stand against `threshold` of the module's `total`
    /// minutes: the hours still needed and the hours left to attend.
    pub fn standing(&self, threshold: f64, total: i64) -> Standing {
        Standing::of(
            self.module_minutes,
            self.reachable_minutes - self.module_minutes,
            threshold,
            total,
        )
    }
}

/// A participant against the certificate's threshold: the minutes still
/// needed to reach it by the module's end, and the minutes of sessions
/// left to attend (open, not yet marked for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub needed_minutes: i64,
    pub remaining_minutes: i64,
}

impl Standing {
    /// Rounded as the report rounds (`Participation::short_minutes`): a
    /// hair below, so that 75% of 16 hours is exactly 12 hours.
    pub fn of(attended: i64, remaining: i64, threshold: f64, total: i64) -> Standing {
        let threshold_minutes = (threshold * total as f64 - 1e-9).ceil() as i64;
        Standing {
            needed_minutes: (threshold_minutes - attended).max(0),
            remaining_minutes: remaining.max(0),
        }
    }

    /// Still short, and every hour left is needed to reach it: missing
    /// even a quarter hour (attendance's unit) would leave them short.
    pub fn must_attend_all(self) -> bool {
        self.needed_minutes > 0
            && !self.cannot_reach()
            && self.needed_minutes > self.remaining_minutes - crate::domain::QUARTER_HOUR
    }

    /// Still short by more than the hours left.
    pub fn cannot_reach(self) -> bool {
        self.needed_minutes > self.remaining_minutes
    }
}

/// A person as the register holds them: the same row the importer and
/// the merge read, so that one mapper reads it everywhere.
pub type Person = super::bulk::PersonRow;

#[derive(Debug, Clone, PartialEq)]
pub struct EnrolmentLine {
    pub id: i64,
    pub module_id: i64,
    pub module_code: String,
    pub module_title: String,
    pub received_on: String,
    pub status: String,
    pub reason: Option<String>,
    pub attended_minutes: i64,
    pub delivered_minutes: i64,
    pub rating: Option<i64>,
    /// Where they stand against the certificate: the module's hours
    /// (cancelled sessions left out) and those still open to them (not
    /// closed, not yet marked for them), as the roster counts them.
    pub total_minutes: i64,
    pub remaining_minutes: i64,
}

impl EnrolmentLine {
    /// The hours still needed to reach `threshold` by the module's end.
    pub fn standing(&self, threshold: f64) -> Standing {
        Standing::of(
            self.attended_minutes,
            self.remaining_minutes,
            threshold,
            self.total_minutes,
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteLine {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub body: String,
    pub follow_up: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonCard {
    pub person: Person,
    pub enrolments: Vec<EnrolmentLine>,
    pub notes: Vec<NoteLine>,
}

/// The columns `module_from_row` reads, from column 0 on, and where from.
pub(crate) const MODULE_COLUMNS: &str = "m.id, m.code, m.title, a.code, a.title, m.location, \
     m.venue, m.planned_minutes, m.capacity, m.starts_on, m.ends_on";
pub(crate) const MODULE_FROM: &str = "FROM module m JOIN axis a ON a.id = m.axis_id";

pub(crate) fn module_from_row(row: &rusqlite::Row) -> rusqlite::Result<Module> {
    Ok(Module {
        id: row.get(0)?,
        code: row.get(1)?,
        title: row.get(2)?,
        axis_code: row.get(3)?,
        axis_title: row.get(4)?,
        location: row.get(5)?,
        venue: row.get(6)?,
        planned_minutes: row.get(7)?,
        capacity: row.get(8)?,
        starts_on: row.get(9)?,
        ends_on: row.get(10)?,
    })
}

/// The columns `session_from_row` reads, from column 0 on, and where from.
pub(crate) const SESSION_COLUMNS: &str = "s.id, s.module_id, m.code, m.title, s.date, \
     s.start_minute, s.end_minute, s.venue, s.trainer, s.topic, s.cancelled, \
     s.closed_at IS NOT NULL";
pub(crate) const SESSION_FROM: &str = "FROM session s JOIN module m ON m.id = s.module_id";

pub(crate) fn session_from_row(row: &rusqlite::Row) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.get(0)?,
        module_id: row.get(1)?,
        module_code: row.get(2)?,
        module_title: row.get(3)?,
        date: row.get(4)?,
        start_minute: row.get(5)?,
        end_minute: row.get(6)?,
        venue: row.get(7)?,
        trainer: row.get(8)?,
        topic: row.get(9)?,
        cancelled: row.get(10)?,
        closed: row.get(11)?,
    })
}

/// The columns `person_from_row` reads, from column 0 on.
pub(crate) const PERSON_COLUMNS: &str = "id, surname, given_name, gender, tax_code, email, phone, \
     organisation, organisation_type, job_title";

pub(crate) fn person_from_row(row: &rusqlite::Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        surname: row.get(1)?,
        given_name: row.get(2)?,
        gender: row.get(3)?,
        tax_code: row.get(4)?,
        email: row.get(5)?,
        phone: row.get(6)?,
        organisation: row.get(7)?,
        organisation_type: row.get(8)?,
        job_title: row.get(9)?,
    })
}

/// Reads `NoteLine`s from `id, created_at, author, body, follow_up`.
fn note_line_from_row(row: &rusqlite::Row) -> rusqlite::Result<NoteLine> {
    Ok(NoteLine {
        id: row.get(0)?,
        created_at: row.get(1)?,
        author: row.get(2)?,
        body: row.get(3)?,
        follow_up: row.get(4)?,
    })
}

/// The SQL for the minutes a module has delivered up to a day.
const DELIVERED: &str = "SELECT coalesce(sum(end_minute - start_minute), 0) FROM session \
     WHERE module_id = ?1 AND cancelled = 0 AND date <= ?2";

impl Store {
    /// The row `sql` reads for `id` (`?1`), or `what` not found. The
    /// statement is kept prepared: opening a roster or a card reads its
    /// session or person on the key, and parsing the query again each
    /// time cost more than reading the row.
    fn one_by_id<T>(
        &self,
        sql: &str,
        id: i64,
        read: impl FnOnce(&rusqlite::Row) -> rusqlite::Result<T>,
        what: &'static str,
    ) -> Result<T> {
        self.conn()
            .prepare_cached(sql)?
            .query_row([id], read)
            .optional()?
            .ok_or(StoreError::NotFound(what))
    }

    pub fn module(&self, id: i64) -> Result<Module> {
        self.one_by_id(
            &format!("SELECT {MODULE_COLUMNS} {MODULE_FROM} WHERE m.id = ?1"),
            id,
            module_from_row,
            "module",
        )
    }

    /// A module with its sessions and participants; refused outside the
    /// user's reach.
    pub fn module_detail(&self, reach: &Reach, id: i64, today: Date) -> Result<ModuleDetail> {
        let module = self.module(id)?;
        self.check_module(reach, id)?;
        let today = today.to_string();
        let conn = self.conn();
        let sessions = conn
            .prepare_cached(
                "SELECT s.id, s.date, s.start_minute, s.end_minute, s.trainer, s.topic, s.cancelled,
                        (SELECT count(*) FROM attendance t WHERE t.session_id = s.id)
                 FROM session s WHERE s.module_id = ?1 ORDER BY s.date, s.start_minute, s.id",
            )?
            .query_map([id], |row| {
                Ok(SessionLine {
                    id: row.get(0)?,
                    date: row.get(1)?,
                    start_minute: row.get(2)?,
                    end_minute: row.get(3)?,
                    trainer: row.get(4)?,
                    topic: row.get(5)?,
                    cancelled: row.get(6)?,
                    marked: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let participants = conn
            .prepare_cached(
                "SELECT p.id, p.surname || ' ' || p.given_name, p.organisation,
                        (SELECT coalesce(sum(t.minutes), 0) FROM attendance t WHERE t.enrolment_id = e.id)
                 FROM enrolment e JOIN person p ON p.id = e.person_id
                 WHERE e.module_id = ?1 AND e.status = 'accepted'
                 ORDER BY p.surname COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
            )?
            .query_map([id], |row| {
                Ok(ParticipantLine {
                    person_id: row.get(0)?,
                    name: row.get(1)?,
                    organisation: row.get(2)?,
                    attended_minutes: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let delivered_minutes = conn.query_row(DELIVERED, params![id, today], |row| row.get(0))?;
        let requests = conn.query_row(
            "SELECT count(*) FROM enrolment WHERE module_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        let tutors = conn
            .prepare_cached(
                "SELECT u.display_name FROM user_module um JOIN app_user u ON u.id = um.user_id
                 WHERE um.module_id = ?1 ORDER BY u.display_name",
            )?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ModuleDetail {
            module,
            sessions,
            participants,
            delivered_minutes,
            requests,
            tutors,
        })
    }

    pub fn session(&self, id: i64) -> Result<Session> {
        self.one_by_id(
            &format!("SELECT {SESSION_COLUMNS} {SESSION_FROM} WHERE s.id = ?1"),
            id,
            session_from_row,
            "session",
        )
    }

    /// One row per participation of the session's module, with this
    /// session's mark and the hours so far in the module.
    pub fn roster(&self, session_id: i64) -> Result<Roster> {
        let session = self.session(session_id)?;
        let lines = self.roster_lines_of(&session, None)?;
        let module_total_minutes = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(end_minute - start_minute), 0) FROM session
             WHERE module_id = ?1 AND cancelled = 0",
            )?
            .query_row([session.module_id], |row| row.get(0))?;
        Ok(Roster {
            session,
            lines,
            module_total_minutes,
        })
    }

    /// One line of a roster as `roster` reads it, after a mark: reading
    /// the whole roster again took most of a mark's time on a large
    /// module. `None` when the participation has left the roster.
    pub fn roster_line(&self, session: &Session, enrolment_id: i64) -> Result<Option<RosterLine>> {
        Ok(self
            .roster_lines_of(session, Some(enrolment_id))?
            .into_iter()
            .next())
    }

    /// The lines of a roster, or the one of `only`, with their hours.
    ///
    /// The hours so far and the hours still reachable are added up here
    /// from the module's open sessions and the participants' marks, each
    /// read once: in SQL, a subquery per line and per open session (is
    /// there a mark?) took most of the time of opening a roster on a
    /// region's register.
    fn roster_lines_of(&self, session: &Session, only: Option<i64>) -> Result<Vec<RosterLine>> {
        let conn = self.conn();
        let open: HashMap<i64, i64> = conn
            .prepare_cached(
                "SELECT id, end_minute - start_minute FROM session
                 WHERE module_id = ?1 AND cancelled = 0 AND closed_at IS NULL",
            )?
            .query_map([session.module_id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let open_minutes: i64 = open.values().sum();
        // Per participation: (minutes attended, minutes of open sessions
        // already marked).
        let mut hours: HashMap<i64, (i64, i64)> = HashMap::new();
        let also = if only.is_some() { "AND e.id = ?2" } else { "" };
        let mut marks = conn.prepare_cached(&roster_marks(also))?;
        let mut rows = match only {
            Some(id) => marks.query(params![session.module_id, id])?,
            None => marks.query([session.module_id])?,
        };
        while let Some(row) = rows.next()? {
            let (enrolment, marked_session, minutes): (i64, i64, i64) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let entry = hours.entry(enrolment).or_default();
            entry.0 += minutes;
            entry.1 += open.get(&marked_session).copied().unwrap_or(0);
        }
        let also = if only.is_some() { "AND e.id = ?3" } else { "" };
        let mut lines = conn.prepare_cached(&roster_lines(also))?;
        let read = |row: &rusqlite::Row| -> rusqlite::Result<RosterLine> {
            let enrolment_id: i64 = row.get(0)?;
            let (attended, open_marked) = hours.get(&enrolment_id).copied().unwrap_or_default();
            Ok(RosterLine {
                enrolment_id,
                person_id: row.get(1)?,
                name: row.get(2)?,
                organisation: row.get(3)?,
                minutes: row.get(4)?,
                mark: row.get(5)?,
                times: crate::store::attendance::Times {
                    arrived: row.get(6)?,
                    left: row.get(7)?,
                },
                module_minutes: attended,
                reachable_minutes: attended + open_minutes - open_marked,
            })
        };
        let lines = match only {
            Some(id) => lines.query_map(params![session.id, session.module_id, id], read)?,
            None => lines.query_map(params![session.id, session.module_id], read)?,
        };
        Ok(lines.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        self.one_by_id(
            &format!("SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"),
            id,
            person_from_row,
            "person",
        )
    }

    /// A person with their requests and the notes about them; refused
    /// outside the user's reach. A tutor sees only the requests to their
    /// own modules.
    pub fn person_card(&self, reach: &Reach, id: i64, today: Date) -> Result<PersonCard> {
        let person = self.person(id)?;
        self.check_person(reach, id)?;
        let today = today.to_string();
        let conn = self.conn();
        let enrolments = conn
            .prepare_cached(
                "SELECT e.id, m.id, m.code, m.title, e.received_on, e.status, e.reason,
                        (SELECT coalesce(sum(t.minutes), 0) FROM attendance t WHERE t.enrolment_id = e.id),
                        (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                          WHERE s.module_id = m.id AND s.cancelled = 0 AND s.date <= ?2),
                        (SELECT r.score FROM rating r WHERE r.enrolment_id = e.id),
                        (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                          WHERE s.module_id = m.id AND s.cancelled = 0),
                        (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                          WHERE s.module_id = m.id AND s.cancelled = 0 AND s.closed_at IS NULL
                            AND NOT EXISTS (SELECT 1 FROM attendance t
                                            WHERE t.session_id = s.id AND t.enrolment_id = e.id))
                 FROM enrolment e JOIN module m ON m.id = e.module_id
                 WHERE e.person_id = ?1 ORDER BY e.received_on, e.id",
            )?
            .query_map(params![id, today], |row| {
                Ok(EnrolmentLine {
                    id: row.get(0)?,
                    module_id: row.get(1)?,
                    module_code: row.get(2)?,
                    module_title: row.get(3)?,
                    received_on: row.get(4)?,
                    status: row.get(5)?,
                    reason: row.get(6)?,
                    attended_minutes: row.get(7)?,
                    delivered_minutes: row.get(8)?,
                    rating: row.get(9)?,
                    total_minutes: row.get(10)?,
                    remaining_minutes: row.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let own_modules = self.user_modules(reach.login())?;
        let enrolments = enrolments
            .into_iter()
            .filter(|e| reach.everything() || own_modules.contains(&e.module_id))
            .collect();
        let notes = conn
            .prepare_cached(
                "SELECT DISTINCT n.id, n.created_at, n.author, n.body, n.follow_up
                 FROM note n JOIN note_subject ns ON ns.note_id = n.id
                 WHERE ns.person_id = ?1 ORDER BY n.created_at DESC, n.id DESC",
            )?
            .query_map([id], note_line_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(PersonCard {
            person,
            enrolments,
            notes,
        })
    }

    /// One note; refused outside the user's reach.
    pub fn note(&self, reach: &Reach, id: i64) -> Result<NoteLine> {
        self.check_note(reach, id)?;
        self.conn()
            .query_row(
                "SELECT id, created_at, author, body, follow_up FROM note WHERE id = ?1",
                [id],
                note_line_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound("note"))
    }

    /// The modules a user is assigned to (a tutor's).
    pub fn user_modules(&self, login: &str) -> Result<Vec<i64>> {
        let mut statement = self.conn().prepare_cached(
            "SELECT um.module_id FROM user_module um JOIN app_user u ON u.id = um.user_id
             WHERE u.login = ?1 ORDER BY um.module_id",
        )?;
        let modules = statement
            .query_map([login], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(modules)
    }

    /// The display name and role of a user of the register, if they are one.
    pub fn user(&self, login: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT display_name, role FROM app_user WHERE login = ?1 AND active = 1",
                [login],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Actor, Clock};
    use crate::store::DEFAULT_AXES;

    /// How SQLite reads `sql`, one line per step of its plan.
    fn plan(store: &Store, sql: &str) -> Vec<String> {
        let mut statement = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        // The plan is made before values are bound; nulls satisfy the count.
        let nulls = vec![rusqlite::types::Null; statement.parameter_count()];
        let steps = statement
            .query_map(rusqlite::params_from_iter(nulls), |row| row.get(3))
            .unwrap();
        steps.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// A roster's participants come from the index alone: reading each
    /// request's row too made a large roster outgrow the page cache
    /// (migration 9).
    #[test]
    fn a_roster_finds_its_participants_in_the_index_alone() {
        let folder = tempfile::tempdir().unwrap();
        let actor = Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 11, 26)));
        let store = Store::create(&folder.path().join("r.db"), &actor, DEFAULT_AXES).unwrap();
        for sql in [roster_lines(""), roster_marks("")] {
            let steps = plan(&store, &sql);
            assert!(
                steps
                    .iter()
                    .any(|s| s.contains("COVERING INDEX enrolment_module")),
                "{sql}\n{steps:#?}"
            );
        }
    }
}
