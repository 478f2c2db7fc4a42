//! Actions and the keys bound to them. No terminal code: the screen
//! turns its key events into `Chord`s and asks the map what they mean.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::i18n::Catalogue;

/// A key as the config file writes it: `j`, `G`, `ctrl-r`, `shift-tab`,
/// `space`, `enter`, `esc`, `pgdn`, `down`, `f1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

impl Chord {
    pub const fn plain(key: Key) -> Chord {
        Chord {
            key,
            ctrl: false,
            alt: false,
        }
    }

    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text;
        // `-` alone is a key; `ctrl--` is ctrl and `-`.
        while rest.len() > 1 {
            let lower = rest.to_ascii_lowercase();
            if let Some(tail) = lower.strip_prefix("ctrl-") {
                ctrl = true;
                rest = &rest[rest.len() - tail.len()..];
            } else if let Some(tail) = lower.strip_prefix("alt-") {
                alt = true;
                rest = &rest[rest.len() - tail.len()..];
            } else if let Some(tail) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - tail.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => Key::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => Key::Char(' '),
                "enter" | "return" => Key::Enter,
                "esc" | "escape" => Key::Esc,
                "tab" if shift => Key::BackTab,
                "tab" => Key::Tab,
                "backtab" => Key::BackTab,
                "backspace" => Key::Backspace,
                "delete" | "del" => Key::Delete,
                "up" => Key::Up,
                "down" => Key::Down,
                "left" => Key::Left,
                "right" => Key::Right,
                "home" => Key::Home,
                "end" => Key::End,
                "pgup" | "pageup" => Key::PageUp,
                "pgdn" | "pagedown" => Key::PageDown,
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=12).contains(&n) => Key::F(n),
                    _ => return Err(format!("unknown key {text:?}")),
                },
            },
        };
        Ok(Chord { key, ctrl, alt })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Enter => f.write_str("Enter"),
            Key::Esc => f.write_str("Esc"),
            Key::Tab => f.write_str("Tab"),
            Key::BackTab => f.write_str("Shift-Tab"),
            Key::Backspace => f.write_str("Backspace"),
            Key::Delete => f.write_str("Del"),
            Key::Up => f.write_str("Up"),
            Key::Down => f.write_str("Down"),
            Key::Left => f.write_str("Left"),
            Key::Right => f.write_str("Right"),
            Key::Home => f.write_str("Home"),
            Key::End => f.write_str("End"),
            Key::PageUp => f.write_str("PgUp"),
            Key::PageDown => f.write_str("PgDn"),
            Key::F(n) => write!(f, "F{n}"),
        }
    }
}

impl Chord {
    /// The chord as the help and the hint bar name it, in `t`'s words
    /// (`Invio`, `PagGiù`, `↑` in Italian; `Enter`, `PgDn`, `Up` in
    /// English). `Display` is the settings file's own spelling.
    pub fn named(&self, t: &Catalogue) -> String {
        let mut name = String::new();
        if self.ctrl {
            name.push_str(t.key_ctrl);
        }
        if self.alt {
            name.push_str(t.key_alt);
        }
        let key = match self.key {
            Key::Char(' ') => t.key_space,
            Key::Char(c) => {
                name.push(c);
                return name;
            }
            Key::F(n) => {
                name.push_str(&format!("F{n}"));
                return name;
            }
            Key::Enter => t.key_enter,
            Key::Esc => t.key_esc,
            Key::Tab => t.key_tab,
            Key::BackTab => t.key_back_tab,
            Key::Backspace => t.key_backspace,
            Key::Delete => t.key_delete,
            Key::Up => t.key_up,
            Key::Down => t.key_down,
            Key::Left => t.key_left,
            Key::Right => t.key_right,
            Key::Home => t.key_home,
            Key::End => t.key_end,
            Key::PageUp => t.key_page_up,
            Key::PageDown => t.key_page_down,
        };
        name.push_str(key);
        name
    }
}

impl<'de> Deserialize<'de> for Chord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Chord::parse(&text).map_err(serde::de::Error::custom)
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Everything a key can do. The config names them in snake case.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum Action { $(#[serde(rename = $name)] $variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }
        }
    };
}

actions! {
    Tab1 => "tab_1", Tab2 => "tab_2", Tab3 => "tab_3", Tab4 => "tab_4", Tab5 => "tab_5", Tab6 => "tab_6",
    NextTab => "next_tab",
    PrevTab => "prev_tab",
    Down => "down",
    Up => "up",
    Top => "top",
    Bottom => "bottom",
    PageDown => "page_down",
    PageUp => "page_up",
    Filter => "filter",
    Open => "open",
    Back => "back",
    Help => "help",
    Quit => "quit",
    MarkAll => "mark_all",
    TogglePresent => "toggle_present",
    SetHours => "set_hours",
    MarkLate => "mark_late",
    MarkExcused => "mark_excused",
    Undo => "undo",
    Redo => "redo",
    Note => "note",
    Accept => "accept",
    Reject => "reject",
    Waitlist => "waitlist",
    Withdraw => "withdraw",
    AuditLog => "audit_log",
    CloseRollCall => "close_roll_call",
    Save => "save",
    FollowUp => "follow_up",
    Scope => "scope",
    Rate => "rate",
    Merge => "merge",
    Confirm => "confirm",
    Deny => "deny",
    Create => "create",
    Edit => "edit",
    Delete => "delete",
    CancelSession => "cancel_session",
    NewEdition => "new_edition",
    Repeat => "repeat",
    Calendar => "calendar",
    Clashes => "clashes",
    Today => "today",
    DayBefore => "day_before",
    DayAfter => "day_after",
    NextInDay => "next_in_day",
    AddMaterial => "add_material",
    RemoveMaterial => "remove_material",
    Enrol => "enrol",
    Lists => "lists",
    Drafts => "drafts",
    MarkLeftEarly => "mark_left_early",
    Outbox => "outbox",
    Hold => "hold",
    Print => "print",
}

/// Which keys do what. Built from the defaults in `config/default.toml`
/// with the user's file laid over them, one action at a time.
#[derive(Debug, Clone, Default)]
pub struct KeyMap {
    bindings: BTreeMap<Action, Vec<Chord>>,
}

impl KeyMap {
    pub fn from_bindings(bindings: BTreeMap<Action, Vec<Chord>>) -> KeyMap {
        KeyMap { bindings }
    }

    /// The user's bindings replace the defaults of the actions they name.
    pub fn overlay(&mut self, user: BTreeMap<Action, Vec<Chord>>) {
        self.bindings.extend(user);
    }

    pub fn keys(&self, action: Action) -> &[Chord] {
        self.bindings.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first of `candidates` (the actions that work where the user
    /// is, in priority order) that `chord` is bound to.
    pub fn action_for(&self, chord: Chord, candidates: &[Action]) -> Option<Action> {
        candidates
            .iter()
            .copied()
            .find(|action| self.keys(*action).contains(&chord))
    }

    /// How the help and the hint bar write an action's keys, in `t`'s
    /// words: `j/Down`, `j/↓`.
    pub fn describe(&self, action: Action, t: &Catalogue) -> String {
        self.keys(action)
            .iter()
            .map(|chord| chord.named(t))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The key the hint bar shows for an action: its first, except that a
    /// yes is shown by the language's own letter where it is bound (`s`
    /// in Italian, `y` in English), as the questions' "(s/n)" say it.
    pub fn hint_key(&self, action: Action, yes: char) -> Option<Chord> {
        let keys = self.keys(action);
        let own = Chord {
            key: Key::Char(yes),
            ctrl: false,
            alt: false,
        };
        if action == Action::Confirm && keys.contains(&own) {
            return Some(own);
        }
        keys.first().copied()
    }
}

impl Action {
    /// The permission an action needs, where it needs one: the screen
    /// offers (in help, in the hints) and obeys only the keys of the
    /// user's role. The store refuses the change itself whatever the
    /// screen does; this keeps a key from being shown that would only
    /// answer "not for your role".
    pub fn needs(self) -> Option<crate::access::Permission> {
        use crate::access::Permission;
        match self {
            Action::Create
            | Action::Edit
            | Action::Delete
            | Action::CancelSession
            | Action::NewEdition
            | Action::Repeat
            | Action::AddMaterial
            | Action::RemoveMaterial
            | Action::Enrol
            | Action::Lists
            | Action::Merge => Some(Permission::EditRecords),
            Action::Accept | Action::Reject | Action::Waitlist | Action::Withdraw => {
                Some(Permission::DecideEnrolments)
            }
            Action::AuditLog => Some(Permission::SeeAudit),
            // Clashes read every module's trainers, tutors and venues.
            Action::Clashes => Some(Permission::SeeEverything),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chord_is_named_in_the_users_language() {
        use crate::i18n::Lang;
        let it = Catalogue::get(Lang::It);
        let en = Catalogue::get(Lang::En);
        let named = |text: &str, t: &Catalogue| Chord::parse(text).unwrap().named(t);
        assert_eq!(named("enter", it), "Invio");
        assert_eq!(named("space", it), "Spazio");
        assert_eq!(named("pgdn", it), "PagGiù");
        assert_eq!(named("pgup", it), "PagSu");
        assert_eq!(named("del", it), "Canc");
        assert_eq!(named("down", it), "↓");
        assert_eq!(named("ctrl-s", it), "Ctrl-s");
        assert_eq!(named("esc", it), "Esc");
        assert_eq!(named("f1", it), "F1");
        // English as the settings file writes it.
        for text in ["enter", "space", "pgdn", "down", "ctrl-r", "shift-tab", "G"] {
            let chord = Chord::parse(text).unwrap();
            assert_eq!(chord.named(en), chord.to_string());
        }
    }

    #[test]
    fn chords_parse_as_the_config_writes_them() {
        assert_eq!(Chord::parse("j"), Ok(Chord::plain(Key::Char('j'))));
        assert_eq!(Chord::parse("G"), Ok(Chord::plain(Key::Char('G'))));
        assert_eq!(
            Chord::parse("ctrl-r"),
            Ok(Chord {
                key: Key::Char('r'),
                ctrl: true,
                alt: false
            })
        );
        assert_eq!(Chord::parse("shift-tab"), Ok(Chord::plain(Key::BackTab)));
        assert_eq!(Chord::parse("space"), Ok(Chord::plain(Key::Char(' '))));
        assert_eq!(Chord::parse("-"), Ok(Chord::plain(Key::Char('-'))));
        assert!(Chord::parse("hyper-x").is_err());
        assert!(Chord::parse("f13").is_err());
    }

    #[test]
    fn a_key_means_the_first_action_that_works_here() {
        let mut map = KeyMap::default();
        map.overlay(BTreeMap::from([
            (Action::MarkAll, vec![Chord::plain(Key::Char('a'))]),
            (Action::Accept, vec![Chord::plain(Key::Char('A'))]),
        ]));
        let a = Chord::plain(Key::Char('a'));
        assert_eq!(
            map.action_for(a, &[Action::Accept, Action::MarkAll]),
            Some(Action::MarkAll)
        );
        assert_eq!(map.action_for(a, &[Action::Accept]), None);
    }
}
