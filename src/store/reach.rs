//! What each user reaches: the store's one rule for reads. A connection
//! opened for a user (`Store::read_as`) shows a tutor only their own
//! modules, those modules' sessions and participations (accepted,
//! including later withdrawn, for the attendance history), the people in
//! them and the notes about those; coordinators and admins everything.
//! The screen's lists take their scopes from here, and every detail
//! (a module, a session's roster, a person's card, a note, the calendar)
//! refuses what lies outside, so no path of keys reaches it.

use rusqlite::types::Value;

use super::lists::Scope;
use super::{Result, Store, StoreError};
use crate::access::{Permission, User};

/// The modules a login is assigned to, as a subquery with one `?`.
const OWN_MODULES: &str = "SELECT um.module_id FROM user_module um \
     JOIN app_user u ON u.id = um.user_id WHERE u.login = ?";

/// A request that makes someone a tutor's participant: accepted, or
/// accepted and later withdrawn. A rejected or waiting request does not.
const PARTICIPATION: &str = "e.status IN ('accepted', 'withdrawn')";

/// What a detail is about, to be checked against the reader's reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Module(i64),
    Session(i64),
    Person(i64),
    Note(i64),
}

/// The scopes of the screen's lists for one user: everything for those
/// who see everything, their own otherwise.
#[derive(Debug, Clone)]
pub struct Scopes {
    pub sees_everything: bool,
    pub modules: Scope,
    pub people: Scope,
    pub notes: Scope,
    /// The sessions of the user's own modules (a choice for everyone).
    pub own_sessions: Scope,
    /// Whether the user has modules of their own.
    pub has_own_modules: bool,
}

impl Store {
    /// Reads from now on as `user`: details outside their reach are
    /// refused. The screen and the command line set it once, for the
    /// acting user; a connection never set reads everything (the
    /// library's own callers: demo, tests, benchmarks).
    pub fn read_as(&self, user: &User) {
        *self.reader.borrow_mut() = Some(user.clone());
    }

    /// The lists' scopes for `login`.
    pub fn scopes(&self, login: &str) -> Result<Scopes> {
        let user = self.acting_user(login)?;
        let own = |sql: String, holes: usize| Scope {
            sql,
            values: vec![Value::Text(login.to_string()); holes],
        };
        let own_sessions = own(format!("s.module_id IN ({OWN_MODULES})"), 1);
        let has_own_modules = !user.modules.is_empty();
        if user.may(Permission::SeeEverything) {
            return Ok(Scopes {
                sees_everything: true,
                modules: Scope::default(),
                people: Scope::default(),
                notes: Scope::default(),
                own_sessions,
                has_own_modules,
            });
        }
        Ok(Scopes {
            sees_everything: false,
            modules: own(format!("m.id IN ({OWN_MODULES})"), 1),
            people: own(
                format!(
                    "p.id IN (SELECT e.person_id FROM enrolment e \
                     WHERE {PARTICIPATION} AND e.module_id IN ({OWN_MODULES}))"
                ),
                1,
            ),
            notes: own(notes_reached("n.id"), 4),
            own_sessions,
            has_own_modules,
        })
    }

    /// Refuses `target` when the reader (`read_as`) may not see it.
    pub(crate) fn check_reach(&self, target: Target) -> Result<()> {
        let reader = self.reader.borrow();
        let Some(user) = reader.as_ref() else {
            return Ok(());
        };
        if user.may(Permission::SeeEverything) {
            return Ok(());
        }
        // Written with `?` for the login, as the lists' scopes are, and
        // `{id}` for the target; then bound by name.
        let (sql, id) = match target {
            Target::Module(id) => (format!("SELECT {{id}} IN ({OWN_MODULES})"), id),
            Target::Session(id) => (
                format!(
                    "SELECT (SELECT module_id FROM session WHERE id = {{id}}) IN ({OWN_MODULES})"
                ),
                id,
            ),
            Target::Person(id) => (
                format!(
                    "SELECT EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = {{id}} \
                     AND {PARTICIPATION} AND e.module_id IN ({OWN_MODULES}))"
                ),
                id,
            ),
            Target::Note(id) => (format!("SELECT {}", notes_reached("{id}")), id),
        };
        let sql = sql.replace('?', ":login").replace("{id}", ":id");
        let reached: bool = self.conn().query_row(
            &sql,
            rusqlite::named_params! {":login": user.login, ":id": id},
            |row| row.get(0),
        )?;
        if reached {
            Ok(())
        } else {
            Err(StoreError::OutOfReach {
                user: user.login.clone(),
            })
        }
    }

    /// The modules the reader may see among `ids`: all of them for those
    /// who see everything (or a connection read by nobody in particular).
    pub(crate) fn reader_modules(&self) -> Option<Vec<i64>> {
        let reader = self.reader.borrow();
        let user = reader.as_ref()?;
        if user.may(Permission::SeeEverything) {
            None
        } else {
            Some(user.modules.clone())
        }
    }
}

/// Whether a note (its id as `note`) is the reader's to see: their own,
/// or about one of their modules, a session of one, or a participant of
/// one. Four holes for the login: the author, then three for the modules.
fn notes_reached(note: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM note n2 WHERE n2.id = {note} AND n2.author = ?) \
         OR EXISTS (SELECT 1 FROM note_subject ns LEFT JOIN session s ON s.id = ns.session_id \
           WHERE ns.note_id = {note} AND (ns.module_id IN ({OWN_MODULES}) \
             OR s.module_id IN ({OWN_MODULES}) \
             OR ns.person_id IN (SELECT e.person_id FROM enrolment e \
                 WHERE {PARTICIPATION} AND e.module_id IN ({OWN_MODULES})))))"
    )
}
