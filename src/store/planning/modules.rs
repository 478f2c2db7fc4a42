//! Modules: created, edited, deleted, given new editions, with their
//! tutors.

use super::*;

/// A module as its form writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleDraft {
    pub code: String,
    pub title: String,
    pub axis_code: String,
    pub location: String,
    pub venue: Option<String>,
    pub planned_minutes: i64,
    pub capacity: i64,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    /// Logins of the tutors assigned.
    pub tutors: Vec<String>,
}

/// A user who can be assigned to modules as a tutor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tutor {
    pub login: String,
    pub name: String,
}

pub(super) fn module_json(d: &ModuleDraft) -> Value {
    json!({
        "code": d.code, "title": d.title, "axis": d.axis_code, "location": d.location,
        "venue": d.venue, "planned_minutes": d.planned_minutes, "capacity": d.capacity,
        "starts_on": d.starts_on.map(|x| x.to_string()),
        "ends_on": d.ends_on.map(|x| x.to_string()), "tutors": d.tutors,
    })
}

impl From<Module> for ModuleDraft {
    /// The module's own fields; its tutors are read apart.
    fn from(m: Module) -> ModuleDraft {
        ModuleDraft {
            code: m.code,
            title: m.title,
            axis_code: m.axis_code,
            location: m.location,
            venue: m.venue,
            planned_minutes: m.planned_minutes,
            capacity: m.capacity,
            starts_on: date_of(m.starts_on),
            ends_on: date_of(m.ends_on),
            tutors: Vec::new(),
        }
    }
}

pub(super) fn read_module(conn: &Connection, id: i64) -> Result<(ModuleDraft, i64)> {
    let (module, version) = conn
        .query_row(
            &format!("SELECT {MODULE_COLUMNS}, m.version AS version {MODULE_FROM} WHERE m.id = ?1"),
            [id],
            |row| Ok((module_from_row(row)?, row.get("version")?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("module"))?;
    let mut draft = ModuleDraft::from(module);
    draft.tutors = conn
        .prepare_cached(
            "SELECT u.login FROM user_module um JOIN app_user u ON u.id = um.user_id
             WHERE um.module_id = ?1 ORDER BY u.login",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok((draft, version))
}

pub(super) fn axis_id(tx: &Transaction, code: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM axis WHERE code = ?1 COLLATE NOCASE",
        [code],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| refused(|t| t.refuse_no_axis, &[("code", code)]))
}

pub(super) fn code_taken(tx: &Transaction, code: &str, other_than: i64) -> Result<()> {
    let taken: bool = tx.query_row(
        "SELECT count(*) > 0 FROM module WHERE code = ?1 COLLATE NOCASE AND id <> ?2",
        params![code, other_than],
        |row| row.get(0),
    )?;
    if taken {
        return Err(refused(|t| t.refuse_module_code_taken, &[("code", code)]));
    }
    Ok(())
}

pub(super) fn set_tutors(tx: &Transaction, module_id: i64, logins: &[String]) -> Result<()> {
    tx.execute("DELETE FROM user_module WHERE module_id = ?1", [module_id])?;
    for login in logins {
        let changed = tx.execute(
            "INSERT OR IGNORE INTO user_module(user_id, module_id)
             SELECT id, ?2 FROM app_user WHERE login = ?1",
            params![login, module_id],
        )?;
        if changed == 0 {
            return Err(refused(|t| t.refuse_no_user, &[("login", login)]));
        }
    }
    Ok(())
}

pub(super) fn write_module(tx: &Transaction, id: i64, d: &ModuleDraft) -> Result<()> {
    let axis = axis_id(tx, &d.axis_code)?;
    tx.execute(
        "UPDATE module SET code = ?2, title = ?3, axis_id = ?4, location = ?5, venue = ?6,
                planned_minutes = ?7, capacity = ?8, starts_on = ?9, ends_on = ?10,
                version = version + 1
         WHERE id = ?1",
        params![
            id,
            d.code,
            d.title,
            axis,
            d.location,
            d.venue,
            d.planned_minutes,
            d.capacity,
            d.starts_on.map(|x| x.to_string()),
            d.ends_on.map(|x| x.to_string()),
        ],
    )?;
    set_tutors(tx, id, &d.tutors)
}

/// What the store refuses in an edited module whoever the caller: the form
/// checks the same, but the library has other callers.
pub(super) fn check_module(d: &ModuleDraft) -> Result<()> {
    refuse_blank(&d.code, |t| t.lbl_code)?;
    refuse_blank(&d.title, |t| t.lbl_title)?;
    if d.planned_minutes < 0 || d.capacity < 0 {
        return Err(refused(|t| t.refuse_negative, &[]));
    }
    Ok(())
}

impl Store {
    /// Active users with the tutor role.
    pub fn tutors(&self) -> Result<Vec<Tutor>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT login, display_name FROM app_user WHERE role = 'tutor' AND active = 1
                 ORDER BY display_name, login",
            )?
            .query_map([], |row| {
                Ok(Tutor {
                    login: row.get(0)?,
                    name: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every module as `(id, code, title)`, by code.
    pub fn module_choices(&self) -> Result<Vec<(i64, String, String)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, code, title FROM module ORDER BY code COLLATE NOCASE")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A module as its form shows it, with the version read.
    pub fn module_draft(&self, id: i64) -> Result<(ModuleDraft, i64)> {
        read_module(self.conn(), id)
    }

    pub fn create_module(&self, actor: &Actor, d: &ModuleDraft) -> Result<i64> {
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            code_taken(tx, &d.code, 0)?;
            let axis = axis_id(tx, &d.axis_code)?;
            tx.execute(
                "INSERT INTO module(code, title, axis_id, location, venue, planned_minutes, capacity,
                                    starts_on, ends_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    d.code,
                    d.title,
                    axis,
                    d.location,
                    d.venue,
                    d.planned_minutes,
                    d.capacity,
                    d.starts_on.map(|x| x.to_string()),
                    d.ends_on.map(|x| x.to_string()),
                ],
            )?;
            let id = tx.last_insert_rowid();
            set_tutors(tx, id, &d.tutors)?;
            add_word_in(tx, Vocabulary::Town, &d.location)?;
            audit(tx, actor, "module", Some(id), "create", None, Some(&module_json(d)))?;
            Ok(id)
        })
    }

    /// Saves an edited module read at `version`; if someone changed it
    /// since, writes nothing and returns theirs.
    pub fn update_module(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        d: &ModuleDraft,
    ) -> Result<std::result::Result<(), Theirs<ModuleDraft>>> {
        check_module(d)?;
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            save_if_unchanged(tx, actor, &MODULE, id, version, d, |_| {
                code_taken(tx, &d.code, id)?;
                write_module(tx, id, d)?;
                add_word_in(tx, Vocabulary::Town, &d.location)
            })
        })
    }

    /// What stops a module from being deleted, if anything.
    pub fn module_keeps(&self, id: i64) -> Result<Option<Keeps>> {
        first_kept(
            self.conn(),
            id,
            &[
                (
                    "SELECT count(*) FROM attendance t JOIN session s ON s.id = t.session_id WHERE s.module_id = ?1",
                    Keeps::Attendance,
                ),
                (
                    "SELECT count(*) FROM enrolment WHERE module_id = ?1",
                    Keeps::Enrolments,
                ),
                (
                    "SELECT count(DISTINCT ns.note_id) FROM note_subject ns
                     LEFT JOIN session s ON s.id = ns.session_id
                     WHERE ns.module_id = ?1 OR s.module_id = ?1",
                    Keeps::Notes,
                ),
            ],
        )
    }

    /// Deletes a module with its sessions, tutors and materials, unless it
    /// has a history (requests, attendance, notes): then says what.
    pub fn delete_module(&self, actor: &Actor, id: i64) -> Result<Option<Keeps>> {
        if let Some(keeps) = self.module_keeps(id)? {
            return Ok(Some(keeps));
        }
        self.write(|tx| {
            require(tx, actor, Permission::EditRecords)?;
            let (before, _) = read_module(tx, id)?;
            tx.execute(
                "DELETE FROM roster_presence WHERE session_id IN (SELECT id FROM session WHERE module_id = ?1)",
                [id],
            )?;
            tx.execute(
                "DELETE FROM note_draft WHERE module_id = ?1
                 OR session_id IN (SELECT id FROM session WHERE module_id = ?1)",
                [id],
            )?;
            tx.execute("DELETE FROM session WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM user_module WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM material WHERE module_id = ?1", [id])?;
            tx.execute("DELETE FROM module WHERE id = ?1", [id])?;
            audit(tx, actor, "module", Some(id), "delete", Some(&module_json(&before)), None)?;
            Ok(None)
        })
    }

    /// A new edition of a module: same title, axis, hours, capacity and
    /// tutors; a new code, town and dates. No sessions.
    pub fn new_edition(
        &self,
        actor: &Actor,
        from: i64,
        code: &str,
        location: &str,
        starts_on: Option<Date>,
        ends_on: Option<Date>,
    ) -> Result<i64> {
        let (mut draft, _) = self.module_draft(from)?;
        draft.code = code.to_string();
        draft.location = location.to_string();
        draft.venue = None;
        draft.starts_on = starts_on;
        draft.ends_on = ends_on;
        self.create_module(actor, &draft)
    }

    /// Whether another module than `other_than` has this code.
    pub fn module_code_taken(&self, code: &str, other_than: i64) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT count(*) > 0 FROM module WHERE code = ?1 COLLATE NOCASE AND id <> ?2",
            params![code.trim(), other_than],
            |row| row.get(0),
        )?)
    }
}
