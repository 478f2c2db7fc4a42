//! Crossterm's key events as the key map's chords.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use ratatui_textarea::{Input as TextInput, Key as TextKey};

use crate::keys::{Chord, Key};

pub fn chord(event: KeyEvent) -> Option<Chord> {
    let key = match event.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(Chord {
        key,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// A chord as ratatui-textarea takes it, for every typed line and note.
pub fn text_input(chord: Chord) -> TextInput {
    let key = match chord.key {
        Key::Char(c) => TextKey::Char(c),
        Key::Enter => TextKey::Enter,
        Key::Esc => TextKey::Esc,
        Key::Tab => TextKey::Tab,
        Key::BackTab => TextKey::Tab,
        Key::Backspace => TextKey::Backspace,
        Key::Delete => TextKey::Delete,
        Key::Up => TextKey::Up,
        Key::Down => TextKey::Down,
        Key::Left => TextKey::Left,
        Key::Right => TextKey::Right,
        Key::Home => TextKey::Home,
        Key::End => TextKey::End,
        Key::PageUp => TextKey::PageUp,
        Key::PageDown => TextKey::PageDown,
        Key::F(n) => TextKey::F(n),
    };
    TextInput {
        key,
        ctrl: chord.ctrl,
        alt: chord.alt,
        shift: false,
    }
}
