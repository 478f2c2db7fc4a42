//! The timetable as it leaves the register: every session with its
//! module, times, venue, trainer, tutors and topic, and every module with
//! its dates and hours, for the calendar and the spreadsheet. Only what
//! the user reaches: a tutor, their own modules.

use rusqlite::params;

use super::reach::Reach;
use super::{Result, Store, StoreError};

/// One session of the timetable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimetableSession {
    pub id: i64,
    pub module_code: String,
    pub module_title: String,
    /// `2026-11-26`.
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    /// The session's own venue, else its module's.
    pub venue: Option<String>,
    /// The module's town.
    pub location: String,
    pub trainer: Option<String>,
    /// The module's tutors, by name (else login).
    pub tutors: Vec<String>,
    pub topic: Option<String>,
    pub cancelled: bool,
    /// How many times the session was written (1 when made): a calendar
    /// takes a higher one as the newer event.
    pub version: i64,
    /// When the session was last changed (the audit log's time), if the
    /// log says.
    pub last_modified: Option<String>,
}

/// One module of the timetable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimetableModule {
    pub code: String,
    pub title: String,
    pub axis_code: String,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// Sessions not cancelled, and their minutes.
    pub sessions: i64,
    pub scheduled_minutes: i64,
    pub tutors: Vec<String>,
}

/// The tutors of every module, by module id.
const TUTORS: &str = "SELECT um.module_id, coalesce(nullif(u.display_name, ''), u.login)
     FROM user_module um JOIN app_user u ON u.id = um.user_id
     WHERE u.active = 1 AND u.role = 'tutor'
     ORDER BY um.module_id, coalesce(nullif(u.display_name, ''), u.login) COLLATE NOCASE";

impl Store {
    /// The register's own identity, made once by the schema: what a
    /// calendar event's UID is made of, with the session's id.
    pub fn register_id(&self) -> Result<String> {
        self.conn()
            .query_row(
                "SELECT value FROM meta WHERE key = 'register_id'",
                [],
                |row| row.get(0),
            )
            .map_err(StoreError::from)
    }

    fn tutors_by_module(&self) -> Result<std::collections::HashMap<i64, Vec<String>>> {
        let mut tutors: std::collections::HashMap<i64, Vec<String>> = Default::default();
        let mut statement = self.conn().prepare_cached(TUTORS)?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get(1)?)))?;
        for row in rows {
            let (module, name) = row?;
            tutors.entry(module).or_default().push(name);
        }
        Ok(tutors)
    }

    /// Every session the user reaches, of one module or all, by date and
    /// time; cancelled ones too (a calendar must learn of them).
    pub fn timetable(&self, reach: &Reach, module: Option<i64>) -> Result<Vec<TimetableSession>> {
        if let Some(id) = module {
            self.check_module(reach, id)?;
        }
        let reached = self.reached_modules(reach)?;
        let tutors = self.tutors_by_module()?;
        let mut statement = self.conn().prepare_cached(
            "SELECT s.id, s.module_id, m.code, m.title, s.date, s.start_minute, s.end_minute,
                    coalesce(s.venue, m.venue), m.location, s.trainer, s.topic, s.cancelled,
                    s.version,
                    (SELECT max(a.at) FROM audit a WHERE a.entity = 'session' AND a.entity_id = s.id)
             FROM session s JOIN module m ON m.id = s.module_id
             WHERE (?1 IS NULL OR s.module_id = ?1)
             ORDER BY s.date, s.start_minute, m.code, s.id",
        )?;
        let rows = statement.query_map(params![module], |row| {
            let module_id: i64 = row.get(1)?;
            Ok((
                module_id,
                TimetableSession {
                    id: row.get(0)?,
                    module_code: row.get(2)?,
                    module_title: row.get(3)?,
                    date: row.get(4)?,
                    start_minute: row.get(5)?,
                    end_minute: row.get(6)?,
                    venue: row.get(7)?,
                    location: row.get(8)?,
                    trainer: row.get(9)?,
                    topic: row.get(10)?,
                    cancelled: row.get(11)?,
                    version: row.get(12)?,
                    last_modified: row.get(13)?,
                    tutors: tutors.get(&module_id).cloned().unwrap_or_default(),
                },
            ))
        })?;
        let mut sessions = Vec::new();
        for row in rows {
            let (module_id, session) = row?;
            if reached.as_ref().is_none_or(|ids| ids.contains(&module_id)) {
                sessions.push(session);
            }
        }
        Ok(sessions)
    }

    /// Every module the user reaches, by code, with its sessions' count
    /// and hours.
    pub fn timetable_modules(&self, reach: &Reach) -> Result<Vec<TimetableModule>> {
        let reached = self.reached_modules(reach)?;
        let tutors = self.tutors_by_module()?;
        let mut statement = self.conn().prepare_cached(
            "SELECT m.id, m.code, m.title, a.code, m.location, m.venue, m.planned_minutes,
                    m.starts_on, m.ends_on,
                    (SELECT count(*) FROM session s WHERE s.module_id = m.id AND s.cancelled = 0),
                    (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                      WHERE s.module_id = m.id AND s.cancelled = 0)
             FROM module m JOIN axis a ON a.id = m.axis_id
             ORDER BY m.code",
        )?;
        let rows = statement.query_map([], |row| {
            let id: i64 = row.get(0)?;
            Ok((
                id,
                TimetableModule {
                    code: row.get(1)?,
                    title: row.get(2)?,
                    axis_code: row.get(3)?,
                    location: row.get(4)?,
                    venue: row.get(5)?,
                    planned_minutes: row.get(6)?,
                    starts_on: row.get(7)?,
                    ends_on: row.get(8)?,
                    sessions: row.get(9)?,
                    scheduled_minutes: row.get(10)?,
                    tutors: tutors.get(&id).cloned().unwrap_or_default(),
                },
            ))
        })?;
        let mut modules = Vec::new();
        for row in rows {
            let (id, module) = row?;
            if reached.as_ref().is_none_or(|ids| ids.contains(&id)) {
                modules.push(module);
            }
        }
        Ok(modules)
    }
}
