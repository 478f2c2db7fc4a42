//! Writes the register of one schema version as that release left it,
//! with a little data in it, for `tests/fixtures/registers/`: the tests
//! upgrade those frozen files, so that an edited old migration step is
//! caught (a register made by today's steps would follow the edit).
//!
//! Run once when a release adds a schema step, and commit the file:
//!
//! ```sh
//! cargo run --example freeze_register -- 13 tests/fixtures/registers/v13.db
//! ```
//! Never run it again for a version that has a file.

use std::path::PathBuf;
use std::process::ExitCode;

use registro::store::Store;

/// Data every version since the first can hold: an axis, a module, a
/// note with an accent, and a person with one request on the waiting list.
const OLD_DATA: &str = "
    INSERT INTO axis(code, title) VALUES ('I', 'Lingua');
    INSERT INTO module(code, title, axis_id, location, planned_minutes, capacity)
        VALUES ('M01', 'Accoglienza', 1, 'Cremona', 960, 30);
    INSERT INTO note(author, created_at, updated_at, body)
        VALUES ('tutor', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z', 'Aula fredda, perché?');
    INSERT INTO person(surname, given_name, gender, organisation)
        VALUES ('Niccolò', 'Bianchi', 'F', 'Comune di Crema');
    INSERT INTO enrolment(person_id, module_id, received_on, status)
        VALUES (1, 1, '2026-01-01', 'waitlisted');";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(version), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: freeze_register VERSION FILE");
        return ExitCode::from(2);
    };
    let Ok(version) = version.parse::<i64>() else {
        eprintln!("not a version: {version}");
        return ExitCode::from(2);
    };
    let out = PathBuf::from(out);
    if out.exists() {
        eprintln!(
            "{} exists: a frozen register is never made again",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let made = Store::create_at_version(&out, version)
        .map_err(|e| {
            registro::store::describe(&e, registro::i18n::Catalogue::get(registro::i18n::Lang::En))
        })
        .and_then(|()| {
            let conn = rusqlite::Connection::open(&out).map_err(|e| e.to_string())?;
            conn.execute_batch(OLD_DATA).map_err(|e| e.to_string())?;
            // One file, no WAL beside it: the fixture is the whole register.
            conn.pragma_update(None, "journal_mode", "DELETE")
                .map_err(|e| e.to_string())?;
            conn.execute_batch("VACUUM").map_err(|e| e.to_string())
        });
    match made {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("{why}");
            ExitCode::FAILURE
        }
    }
}
