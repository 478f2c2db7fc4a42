//! The outside world, read once at the edge and passed down: today's
//! date, the clock, the acting user, the language. Tests pin all of them.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

/// Where the time comes from.
#[derive(Debug, Clone)]
pub enum Clock {
    /// The machine's clock in its local time zone.
    System,
    /// A fixed instant, for tests and benchmarks.
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(at) => *at,
        }
    }

    pub fn today(&self) -> Date {
        self.now().to_zoned_datetime(TimeZone::system()).date()
    }

    /// The current time as stored in the register (RFC 3339, UTC, seconds).
    pub fn stamp(&self) -> String {
        self.now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// A fixed clock at local noon of the given day, for tests.
    pub fn at_noon(date: Date) -> Clock {
        let instant = date
            .at(12, 0, 0, 0)
            .to_zoned_datetime(TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        Clock::Fixed(instant)
    }
}

/// Who is making a change, and when: every write records both.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: String,
    pub clock: Clock,
}

impl Actor {
    pub fn new(user: impl Into<String>, clock: Clock) -> Actor {
        Actor {
            user: user.into(),
            clock,
        }
    }
}

/// The acting user: `--user` when given, else the login name of the
/// process (`USER`, else `LOGNAME`, else `USERNAME`). `None` when neither
/// names anyone: there is no default user, since a change must be
/// recorded under the name of whoever made it.
pub fn acting_login(flag: Option<&str>) -> Option<String> {
    let from_environment = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok());
    flag.map(str::to_string)
        .into_iter()
        .chain(from_environment)
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
}
