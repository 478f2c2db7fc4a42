//! The code's structure, held by tests: SQLite named only inside
//! src/store, the store wording nothing itself (errors are worded at the
//! edge, in the user's language), and no screen reaching into another
//! screen's module or the router.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The screen module a file in src/tui/screens belongs to: its file
/// name, or its folder's.
fn screen_of(file: &Path) -> String {
    let relative = file.strip_prefix("src/tui/screens").unwrap();
    let first = relative.components().next().unwrap();
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// The other screens `file` names, through `super::NAME` or
/// `screens::NAME`.
fn screens_named(file: &Path, screens: &BTreeSet<String>) -> BTreeSet<String> {
    let text = fs::read_to_string(file).unwrap();
    let own = screen_of(file);
    let mut named = BTreeSet::new();
    for prefix in ["super::", "screens::"] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `super::` inside a screen's own folder is the screen itself.
            let nested = file.parent() != Some(Path::new("src/tui/screens"));
            if prefix == "super::" && nested {
                continue;
            }
            if name != own && screens.contains(&name) {
                named.insert(name);
            }
        }
    }
    named
}

/// Screens that still name another screen: a screen added or changed
/// must not add to this.
const STILL_NAMED: &[(&str, &str)] = &[];

#[test]
fn no_screen_names_another_beyond_those_still_listed() {
    let root = Path::new("src/tui/screens");
    let files = rust_files(root);
    let screens: BTreeSet<String> = files.iter().map(|f| screen_of(f)).collect();
    let allowed: BTreeSet<(String, String)> = STILL_NAMED
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let mut found = BTreeSet::new();
    for file in files
        .iter()
        .filter(|f| f.file_name() != Some("mod.rs".as_ref()))
    {
        for other in screens_named(file, &screens) {
            found.insert((screen_of(file), other));
        }
    }
    let new: Vec<_> = found.difference(&allowed).collect();
    assert!(
        new.is_empty(),
        "screens that now name another screen (go through an outcome, a widget or a text helper instead): {new:?}"
    );
    let gone: Vec<_> = allowed.difference(&found).collect();
    assert!(
        gone.is_empty(),
        "these no longer name each other: take them off STILL_NAMED: {gone:?}"
    );
}

/// Screens go somewhere by returning a route: only the app and the
/// router turn routes into screens, so a screen naming the router would
/// open another screen itself.
#[test]
fn no_screen_names_the_router() {
    for file in rust_files(Path::new("src/tui/screens")) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("router"),
            "{} names the router: return Outcome::Go(route) instead",
            file.display()
        );
    }
}

/// Screens are named by the app (its six tabs) and the router (every
/// other screen), nowhere else in the screen's code.
#[test]
fn only_the_app_and_the_router_name_screens() {
    let screens = Path::new("src/tui/screens");
    let namers = [Path::new("src/tui/app.rs"), Path::new("src/tui/router.rs")];
    for file in rust_files(Path::new("src/tui")) {
        if file.starts_with(screens) || namers.contains(&file.as_path()) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("screens::"),
            "{} names a screen: go through a route (src/tui/route.rs)",
            file.display()
        );
    }
}

#[test]
fn only_the_store_names_sqlite() {
    let store = Path::new("src/store");
    let outside: Vec<PathBuf> = rust_files(Path::new("src"))
        .into_iter()
        .filter(|file| !file.starts_with(store))
        .collect();
    assert!(outside.len() > 50, "src/ read wrong: {outside:?}");
    let naming: Vec<String> = outside
        .iter()
        .filter(|file| fs::read_to_string(file).unwrap().contains("rusqlite"))
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        naming.is_empty(),
        "rusqlite named outside src/store (SQL belongs in the store): {naming:?}"
    );
}

#[test]
fn the_store_words_nothing_with_a_global_catalogue() {
    let global: Vec<String> = rust_files(Path::new("src/store"))
        .iter()
        .filter(|file| {
            let text = fs::read_to_string(file).unwrap();
            text.contains("i18n::current") || text.contains("i18n::{current")
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        global.is_empty(),
        "the store words errors through the global catalogue \
         (describe them at the edge with the user's): {global:?}"
    );
}
