//! Sessions: created (repeated), edited, deleted or cancelled; their
//! flags, bookings, clashes and the hours they add up to.

use super::*;

/// A session as its form writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDraft {
    pub module_id: i64,
    pub date: Date,
    pub start_minute: i64,
    pub end_minute: i64,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub topic: Option<String>,
}

/// A session on a calendar day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySession {
    pub id: i64,
    pub date: String,
    pub start_minute: i64,
    pub end_minute: i64,
    pub module_code: String,
    pub module_title: String,
    pub venue: Option<String>,
    pub trainer: Option<String>,
    pub cancelled: bool,
}

pub(super) fn session_json(d: &SessionDraft) -> Value {
    json!({
        "module_id": d.module_id, "date": d.date.to_string(), "start_minute": d.start_minute,
        "end_minute": d.end_minute, "venue": d.venue, "trainer": d.trainer, "topic": d.topic,
    })
}

impl From<Session> for SessionDraft {
    fn from(s: Session) -> SessionDraft {
        SessionDraft {
            module_id: s.module_id,
            date: s.date.parse().unwrap_or_default(),
            start_minute: s.start_minute,
            end_minute: s.end_minute,
            venue: s.venue,
            trainer: s.trainer,
            topic: s.topic,
        }
    }
}

pub(super) fn read_session(conn: &Connection, id: i64) -> Result<(SessionDraft, i64)> {
    let (session, version) = conn
        .query_row(
            &format!(
                "SELECT {SESSION_COLUMNS}, s.version AS version {SESSION_FROM} WHERE s.id = ?1"
            ),
            [id],
            |row| Ok((session_from_row(row)?, row.get("version")?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("session"))?;
    Ok((SessionDraft::from(session), version))
}

pub(super) fn insert_session(tx: &Transaction, d: &SessionDraft) -> Result<i64> {
    if d.end_minute <= d.start_minute {
        return Err(refused(|t| t.refuse_session_ends_first, &[]));
    }
    tx.execute(
        "INSERT INTO session(module_id, date, start_minute, end_minute, venue, trainer, topic)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.module_id,
            d.date.to_string(),
            d.start_minute,
            d.end_minute,
            d.venue,
            d.trainer,
            d.topic
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What flagging a session's day needs of its module: the town it is
/// held in and the dates it runs between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCalendar {
    pub location: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

impl ModuleCalendar {
    /// What is odd about a session of this module on `date`.
    pub fn flags(&self, date: Date, holidays: &Holidays) -> Vec<SessionFlag> {
        session_flags(date, holidays, &self.location, self.starts_on, self.ends_on)
    }
}

/// A module's town and dates (for imports, asked once per module).
pub fn module_calendar(conn: &Connection, module_id: &i64) -> Result<Option<ModuleCalendar>> {
    Ok(conn
        .prepare_cached("SELECT location, starts_on, ends_on FROM module WHERE id = ?1")?
        .query_row([module_id], |row| {
            let day = |text: Option<String>| text.and_then(|t| t.parse::<Date>().ok());
            Ok(ModuleCalendar {
                location: row.get(0)?,
                starts_on: day(row.get(1)?),
                ends_on: day(row.get(2)?),
            })
        })
        .optional()?)
}

impl Store {
    pub fn session_draft(&self, id: i64) -> Result<(SessionDraft, i64)> {
        read_session(self.conn(), id)
    }

    /// Saves new sessions, all or none.
    /// What is odd about a session of `module_id` on `date` (a holiday of
    /// the register or of the module's town, a Sunday, a day outside the
    /// module): the session form asks before saving such a session.
    pub fn session_flags(
        &self,
        holidays: &Holidays,
        module_id: i64,
        date: Date,
    ) -> Result<Vec<SessionFlag>> {
        Ok(module_calendar(self.conn(), &module_id)?
            .map(|calendar| calendar.flags(date, holidays))
            .unwrap_or_default())
    }

    pub fn create_sessions(&self, actor: &Actor, drafts: &[SessionDraft]) -> Result<Vec<i64>> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let mut ids = Vec::with_capacity(drafts.len());
            for d in drafts {
                let id = insert_session(tx, d)?;
                audit(
                    tx,
                    actor,
                    "session",
                    Some(id),
                    "create",
                    None,
                    Some(&session_json(d)),
                )?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// Saves an edited session read at `version`; if someone changed it
    /// since, writes nothing and returns theirs.
    pub fn update_session(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &SessionDraft,
    ) -> Result<std::result::Result<(), Theirs<SessionDraft>>> {
        self.write(|tx| {
            save_if_unchanged(tx, actor, &SESSION, id, version, d, |before| {
                let marked = count(
                    tx,
                    "SELECT count(*) FROM attendance WHERE session_id = ?1",
                    id,
                )?;
                let longest: i64 = tx.query_row(
                    "SELECT coalesce(max(minutes), 0) FROM attendance WHERE session_id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                if marked > 0 && d.module_id != before.module_id {
                    return Err(refused(|t| t.refuse_session_keeps_module, &[]));
                }
                if longest > d.end_minute - d.start_minute {
                    return Err(refused(|t| t.refuse_attended_longer, &[]));
                }
                tx.execute(
                    "UPDATE session SET module_id = ?2, date = ?3, start_minute = ?4, end_minute = ?5,
                            venue = ?6, trainer = ?7, topic = ?8, version = version + 1
                     WHERE id = ?1",
                    params![
                        id,
                        d.module_id,
                        d.date.to_string(),
                        d.start_minute,
                        d.end_minute,
                        d.venue,
                        d.trainer,
                        d.topic
                    ],
                )?;
                Ok(())
            })
        })
    }

    /// What stops a session from being deleted, if anything.
    pub fn session_keeps(&self, id: i64) -> Result<Option<Keeps>> {
        first_kept(
            self.conn(),
            id,
            &[
                (
                    "SELECT count(*) FROM attendance WHERE session_id = ?1",
                    Keeps::Attendance,
                ),
                (
                    "SELECT count(DISTINCT note_id) FROM note_subject WHERE session_id = ?1",
                    Keeps::Notes,
                ),
            ],
        )
    }

    /// Deletes a session unless it has attendance or notes: then says what
    /// (cancel it instead).
    pub fn delete_session(&self, actor: &Actor, id: i64) -> Result<Option<Keeps>> {
        if let Some(keeps) = self.session_keeps(id)? {
            return Ok(Some(keeps));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (before, _) = read_session(tx, id)?;
            tx.execute("DELETE FROM roster_presence WHERE session_id = ?1", [id])?;
            tx.execute("DELETE FROM note_draft WHERE session_id = ?1", [id])?;
            tx.execute("DELETE FROM session WHERE id = ?1", [id])?;
            audit(
                tx,
                actor,
                "session",
                Some(id),
                "delete",
                Some(&session_json(&before)),
                None,
            )?;
            Ok(None)
        })
    }

    /// Cancels a session (or takes the cancellation back): it keeps its
    /// history and leaves the hours delivered.
    pub fn set_cancelled(&self, actor: &Actor, id: i64, cancelled: bool) -> Result<()> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let changed = tx.execute(
                "UPDATE session SET cancelled = ?2, version = version + 1 WHERE id = ?1",
                params![id, cancelled],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound("session"));
            }
            audit(
                tx,
                actor,
                "session",
                Some(id),
                if cancelled { "cancel" } else { "restore" },
                Some(&json!({ "cancelled": !cancelled })),
                Some(&json!({ "cancelled": cancelled })),
            )?;
            Ok(())
        })
    }

    /// Every session not cancelled, as clash detection sees them.
    pub fn bookings(&self) -> Result<Vec<Booking>> {
        let conn = self.conn();
        let mut tutors: std::collections::HashMap<i64, Vec<String>> =
            std::collections::HashMap::new();
        let rows = conn
            .prepare_cached(
                "SELECT um.module_id, u.display_name FROM user_module um
                 JOIN app_user u ON u.id = um.user_id ORDER BY u.display_name",
            )?
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (module, name) in rows {
            tutors.entry(module).or_default().push(name);
        }
        let rows = conn
            .prepare_cached(
                "SELECT s.id, s.module_id, m.code, s.date, s.start_minute, s.end_minute,
                        coalesce(s.venue, m.venue), s.trainer
                 FROM session s JOIN module m ON m.id = s.module_id
                 WHERE s.cancelled = 0 ORDER BY s.date, s.start_minute",
            )?
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, i64>(5)?,
                    row.get::<_, Option<String>>(6)?,
                    row.get::<_, Option<String>>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, module, code, date, start, end, venue, trainer)| {
                Some(Booking {
                    session_id: Some(id),
                    module_id: module,
                    module_code: code,
                    date: date.parse().ok()?,
                    start_minute: start,
                    end_minute: end,
                    venue,
                    trainer,
                    tutors: tutors.get(&module).cloned().unwrap_or_default(),
                })
            })
            .collect())
    }

    /// How new or edited sessions (with `session_ids`, `None` for new)
    /// would clash with the register.
    pub fn clashes_for(&self, drafts: &[(Option<i64>, SessionDraft)]) -> Result<Vec<Clash>> {
        let existing = self.bookings()?;
        let mut new = Vec::with_capacity(drafts.len());
        for (id, d) in drafts {
            let (module, _) = self.module_draft(d.module_id)?;
            let tutors = existing
                .iter()
                .find(|b| b.module_id == d.module_id)
                .map(|b| b.tutors.clone())
                .unwrap_or_else(|| self.tutor_names(d.module_id).unwrap_or_default());
            new.push(Booking {
                session_id: *id,
                module_id: d.module_id,
                module_code: module.code,
                date: d.date,
                start_minute: d.start_minute,
                end_minute: d.end_minute,
                venue: d.venue.clone().or(module.venue),
                trainer: d.trainer.clone(),
                tutors,
            });
        }
        Ok(clashes_with(&new, &existing))
    }

    pub(super) fn tutor_names(&self, module_id: i64) -> Result<Vec<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT u.display_name FROM user_module um JOIN app_user u ON u.id = um.user_id
                 WHERE um.module_id = ?1 ORDER BY u.display_name",
            )?
            .query_map([module_id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Every clash in the register.
    pub fn clashes(&self) -> Result<Vec<Clash>> {
        Ok(all_clashes(&self.bookings()?))
    }

    /// Modules whose sessions (not cancelled) add up to other hours than
    /// planned; `extra` minutes are added to `module`'s (a preview).
    pub fn hours_mismatches(&self, extra: Option<(i64, i64)>) -> Result<Vec<HoursMismatch>> {
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT m.id, m.code, m.planned_minutes,
                        (SELECT coalesce(sum(s.end_minute - s.start_minute), 0) FROM session s
                          WHERE s.module_id = m.id AND s.cancelled = 0)
                 FROM module m ORDER BY m.code COLLATE NOCASE",
            )?
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, code, planned, scheduled)| {
                let more = match extra {
                    Some((module, minutes)) if module == id => minutes,
                    _ => 0,
                };
                hours_mismatch(id, &code, planned, scheduled + more)
            })
            .collect())
    }

    /// The sessions between two days, both included, by day and time,
    /// that `reach` covers (a tutor's:
    /// those of their modules).
    pub fn sessions_between(
        &self,
        reach: &crate::store::reach::Reach,
        from: Date,
        to: Date,
    ) -> Result<Vec<DaySession>> {
        use crate::store::lists::Sessions;
        let scope = reach.scope::<Sessions>();
        let (reached, mut values) = if scope.sql.is_empty() {
            (String::new(), Vec::new())
        } else {
            (format!(" AND ({})", scope.sql), scope.values)
        };
        values.splice(
            0..0,
            [
                rusqlite::types::Value::Text(from.to_string()),
                rusqlite::types::Value::Text(to.to_string()),
            ],
        );
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT s.id, s.date, s.start_minute, s.end_minute, m.code, m.title,
                        coalesce(s.venue, m.venue), s.trainer, s.cancelled
                 FROM session s JOIN module m ON m.id = s.module_id
                 WHERE s.date BETWEEN ? AND ?{reached} ORDER BY s.date, s.start_minute, s.id"
            ))?
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(DaySession {
                    id: row.get(0)?,
                    date: row.get(1)?,
                    start_minute: row.get(2)?,
                    end_minute: row.get(3)?,
                    module_code: row.get(4)?,
                    module_title: row.get(5)?,
                    venue: row.get(6)?,
                    trainer: row.get(7)?,
                    cancelled: row.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
