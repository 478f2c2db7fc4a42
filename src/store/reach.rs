//! What each user reaches in the register: the store's one rule for
//! reading. Coordinators and admins reach everything; a tutor reaches
//! their modules, those modules' sessions and participations (accepted,
//! and those accepted then withdrawn, for the attendance history), the
//! people in them and the notes about those, or written by the tutor.
//! Every list and every read by id goes through here, whoever calls it.

use rusqlite::types::Value;

use super::lists::{ListSpec, Scope};
use super::{Result, Store, StoreError};
use crate::access::{Permission, allows};
use crate::domain::Role;

/// The modules of an active user, bound to one `?` (their login).
const OWN_MODULES: &str = "SELECT um.module_id FROM user_module um \
     JOIN app_user u ON u.id = um.user_id WHERE u.login = ? AND u.active = 1";

/// A participation, as a condition on enrolment `e`: accepted now, or
/// accepted once and withdrawn since (its attendance is history to keep).
const PARTICIPATION: &str = "(e.status = 'accepted' OR (e.status = 'withdrawn' AND EXISTS \
     (SELECT 1 FROM enrolment_history h WHERE h.enrolment_id = e.id AND h.to_status = 'accepted')))";

/// What a list holds, for the rule: each list names the column that ties
/// a row to a module, a person or a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaches {
    /// Rows of a module: the column holds the module's id.
    Module(&'static str),
    /// Rows of a person: the column holds the person's id.
    Person(&'static str),
    /// Requests, as enrolment `e`: a tutor reaches the participations in
    /// their modules.
    Participation,
    /// Notes, as `n`.
    Note,
    /// Rows only coordinators and admins read (the audit log, the queue).
    Nothing,
}

/// Who is reading, as the store has found them: only `Store::reach`
/// makes one, so a screen cannot widen it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    login: String,
    everything: bool,
    /// The codes of the user's own modules.
    own_codes: Vec<String>,
}

impl Reach {
    /// A name the register does not know reaches nothing at all.
    pub fn nobody(login: &str) -> Reach {
        Reach {
            login: login.to_string(),
            everything: false,
            own_codes: Vec::new(),
        }
    }

    pub fn login(&self) -> &str {
        &self.login
    }

    /// Whether this user reaches the whole register.
    pub fn everything(&self) -> bool {
        self.everything
    }

    /// The condition that keeps list `S` to what this user reaches.
    pub fn scope<S: ListSpec>(&self) -> Scope {
        if self.everything {
            Scope::default()
        } else {
            self.own::<S>()
        }
    }

    /// The rows of list `S` in this user's own modules, whatever their
    /// role: "mine" in the Sessions tab of a coordinator who also tutors.
    pub fn own<S: ListSpec>(&self) -> Scope {
        let (sql, binds) = match S::REACH {
            Reaches::Module(column) => (format!("{column} IN ({OWN_MODULES})"), 1),
            Reaches::Person(column) => (format!("{column} IN ({})", own_people()), 1),
            Reaches::Participation => (
                format!("e.module_id IN ({OWN_MODULES}) AND {PARTICIPATION}"),
                1,
            ),
            Reaches::Note => (own_notes(), 4),
            Reaches::Nothing => ("0".to_string(), 0),
        };
        Scope {
            sql,
            values: vec![Value::Text(self.login.clone()); binds],
            shown_modules: Some(self.own_codes.clone()),
        }
    }

    /// The refusal of something outside this user's reach.
    pub fn refusal(&self, what: &'static str) -> StoreError {
        StoreError::OutOfReach {
            user: self.login.clone(),
            what,
        }
    }
}

/// The people in a tutor's participations, bound to one `?`.
fn own_people() -> String {
    format!(
        "SELECT e.person_id FROM enrolment e WHERE e.module_id IN ({OWN_MODULES}) AND {PARTICIPATION}"
    )
}

/// The notes a tutor reaches, as a condition on note `n`, bound to four
/// `?`: their own, and those about their modules, their sessions or the
/// people in them.
fn own_notes() -> String {
    format!(
        "(n.author = ? OR EXISTS (SELECT 1 FROM note_subject ns \
           LEFT JOIN session s ON s.id = ns.session_id \
           WHERE ns.note_id = n.id AND (ns.module_id IN ({OWN_MODULES}) \
             OR s.module_id IN ({OWN_MODULES}) \
             OR ns.person_id IN ({}))))",
        own_people()
    )
}

impl Store {
    /// What `login` reaches; an unknown or removed user reaches nothing
    /// and is refused.
    pub fn reach(&self, login: &str) -> Result<Reach> {
        let role = self
            .user(login)?
            .and_then(|(_, role)| Role::parse(&role).ok())
            .ok_or_else(|| StoreError::UnknownUser {
                user: login.to_string(),
                path: self.path().to_path_buf(),
            })?;
        let own_codes = self
            .conn()
            .prepare_cached(&format!(
                "SELECT m.code FROM module m WHERE m.id IN ({OWN_MODULES}) ORDER BY m.code"
            ))?
            .query_map([login], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Reach {
            login: login.to_string(),
            everything: allows(role, Permission::SeeEverything),
            own_codes,
        })
    }

    fn reached(&self, reach: &Reach, sql: &str, id: i64) -> Result<bool> {
        if reach.everything {
            return Ok(true);
        }
        let mut values = vec![Value::Integer(id)];
        values.extend(std::iter::repeat_n(
            Value::Text(reach.login.clone()),
            sql.matches('?').count().saturating_sub(1),
        ));
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_row(rusqlite::params_from_iter(values), |row| row.get(0))?)
    }

    /// The ids of the modules `reach` covers; `None` for every module.
    /// The report keeps to these: a tutor's figures and the names below
    /// the threshold are those of their own modules.
    pub fn reached_modules(&self, reach: &Reach) -> Result<Option<Vec<i64>>> {
        if reach.everything {
            return Ok(None);
        }
        let sql = format!("SELECT module_id FROM ({OWN_MODULES}) ORDER BY module_id");
        let ids = self
            .conn()
            .prepare_cached(&sql)?
            .query_map([&reach.login], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(Some(ids))
    }

    /// Refuses a module outside the user's reach.
    pub fn check_module(&self, reach: &Reach, id: i64) -> Result<()> {
        let sql = format!("SELECT ?1 IN ({OWN_MODULES})");
        if self.reached(reach, &sql, id)? {
            Ok(())
        } else {
            Err(reach.refusal("module"))
        }
    }

    /// Refuses a session outside the user's reach.
    pub fn check_session(&self, reach: &Reach, id: i64) -> Result<()> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM session s WHERE s.id = ?1 AND s.module_id IN ({OWN_MODULES}))"
        );
        if self.reached(reach, &sql, id)? {
            Ok(())
        } else {
            Err(reach.refusal("session"))
        }
    }

    /// Refuses a person outside the user's reach.
    pub fn check_person(&self, reach: &Reach, id: i64) -> Result<()> {
        let sql = format!("SELECT ?1 IN ({})", own_people());
        if self.reached(reach, &sql, id)? {
            Ok(())
        } else {
            Err(reach.refusal("person"))
        }
    }

    /// Refuses a note outside the user's reach.
    pub fn check_note(&self, reach: &Reach, id: i64) -> Result<()> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM note n WHERE n.id = ?1 AND {})",
            own_notes()
        );
        if self.reached(reach, &sql, id)? {
            Ok(())
        } else {
            Err(reach.refusal("note"))
        }
    }
}
