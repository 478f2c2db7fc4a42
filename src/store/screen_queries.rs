//! What the screen's lists ask the store beyond the lists themselves:
//! where a list opens, which scopes a user switches between, and the
//! queue's own list. Written here so that no SQL, and no SQLite type,
//! lives in the screen, and so that what a user's scopes are is the
//! store's rule, read from their `Reach`.

use jiff::civil::Date;
use rusqlite::types::Value;

use super::lists::{EnrolmentRow, Enrolments, Filter, ListSpec, Scope, Sessions};
use super::reach::Reach;
use super::{Result, Store};

/// The sort key of a row of a list, as the keyset pager walks it: opaque
/// to the screen, which only keeps and compares it.
pub type RowKey = Vec<Value>;

/// Where the Sessions list opens: the first session of `today` or after.
pub fn sessions_from(today: Date) -> RowKey {
    vec![
        Value::Text(today.to_string()),
        Value::Integer(0),
        Value::Integer(0),
    ]
}

/// The scopes of the Sessions list, each with whose they are: a tutor
/// sees their own modules' sessions; a coordinator or admin who also
/// tutors switches between all and theirs; one who does not has the one
/// list, every session.
pub enum SessionScopes {
    Everything,
    Mine(Scope),
    AllAndMine { all: Scope, mine: Scope },
}

impl Store {
    pub fn session_scopes(&self, reach: &Reach) -> Result<SessionScopes> {
        let mine = reach.own::<Sessions>();
        if !reach.everything() {
            return Ok(SessionScopes::Mine(mine));
        }
        let tutors = !self.user_modules(reach.login())?.is_empty();
        Ok(if tutors {
            SessionScopes::AllAndMine {
                all: reach.scope::<Sessions>(),
                mine,
            }
        } else {
            SessionScopes::Everything
        })
    }
}

/// The requests as the triage queue lists them beside the request in
/// full: the same rows as the Enrolments list, in fewer columns.
pub struct Queue;

impl ListSpec for Queue {
    type Row = EnrolmentRow;
    const COLUMNS: &'static str = Enrolments::COLUMNS;
    const FROM: &'static str = Enrolments::FROM;
    const COUNT_FROM: Option<&'static str> = Enrolments::COUNT_FROM;
    const KEY: &'static [&'static str] = Enrolments::KEY;
    fn read(row: &rusqlite::Row) -> rusqlite::Result<EnrolmentRow> {
        Enrolments::read(row)
    }
    fn filter(text: &str) -> Option<Filter> {
        Enrolments::filter(text)
    }
}
