//! Random keys at random sizes: the app never panics.

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use registro::i18n::Lang;
use registro::keys::{Chord, Key};
use tempfile::TempDir;

fn register() -> &'static (TempDir, std::path::PathBuf) {
    static REGISTER: OnceLock<(TempDir, std::path::PathBuf)> = OnceLock::new();
    REGISTER.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = common::demo_register(dir.path());
        (dir, path)
    })
}

fn key() -> impl Strategy<Value = Chord> {
    let named = prop_oneof![
        Just(Key::Enter),
        Just(Key::Esc),
        Just(Key::Tab),
        Just(Key::BackTab),
        Just(Key::Backspace),
        Just(Key::Up),
        Just(Key::Down),
        Just(Key::PageUp),
        Just(Key::PageDown),
        Just(Key::Home),
        Just(Key::End),
        Just(Key::F(1)),
    ];
    let typed = prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', '/', '?', '1', '2', '3', '4', '5', '6', 'a', 'n', ' ', 'h', 'u'
        ]),
        any::<char>(),
    ]
    .prop_map(Key::Char);
    (prop_oneof![3 => named, 5 => typed], any::<bool>()).prop_map(|(key, ctrl)| Chord {
        key,
        // Ctrl-C quits; the rest of the sequence would then be lost.
        ctrl: ctrl && key != Key::Char('c') && key != Key::Char('r'),
        alt: false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        keys in prop::collection::vec(key(), 1..60),
        sizes in prop::collection::vec((1u16..=250, 1u16..=80), 1..4),
        italian in any::<bool>(),
    ) {
        let (_dir, path) = register();
        let mut app = common::app(path, if italian { Lang::It } else { Lang::En });
        for (index, chord) in keys.iter().enumerate() {
            if chord.key == Key::Char('q') && !chord.ctrl {
                continue;
            }
            app.handle_key(*chord);
            let (width, height) = sizes[index % sizes.len()];
            common::render(&mut app, width, height);
        }
    }
}
