//! `P` on the screen (TestBackend): a session's sheet from its roster or
//! the Sessions list, a module's summary register from the Modules list,
//! written as PDF into the print folder and said in the status line.

mod common;

use common::{press, press_key, render, roster_register};
use registro::i18n::Lang;
use registro::keys::Key;
use tempfile::tempdir;

#[test]
fn p_in_a_roster_writes_the_sessions_sheet_into_the_print_folder_and_says_where() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let folder = dir.path().join("Stampe");
    for (lang, name, said) in [
        (Lang::It, "foglio-firme-", "PDF salvato in"),
        (Lang::En, "sign-in-sheet-", "PDF written to"),
    ] {
        let mut app = common::app_with(&path, lang, |s| s.print.folder = Some(folder.clone()));
        press(&mut app, "2");
        render(&mut app, 100, 24);
        press_key(&mut app, Key::Enter);
        render(&mut app, 100, 24);
        press(&mut app, "P");
        let screen = render(&mut app, 200, 24);
        assert!(screen.contains(said), "{screen}");
        let written: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(name))
            .collect();
        assert_eq!(written.len(), 1, "{written:?}");
        assert!(written[0].ends_with(".pdf"));
        let bytes = std::fs::read(folder.join(&written[0])).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.join(&written[0]))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}

#[test]
fn p_on_the_modules_list_writes_the_summary_register() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let folder = dir.path().join("out");
    let mut app = common::app_with(&path, Lang::En, |s| s.print.folder = Some(folder.clone()));
    press(&mut app, "1");
    render(&mut app, 100, 24);
    press(&mut app, "P");
    let screen = render(&mut app, 200, 24);
    assert!(screen.contains("PDF written to"), "{screen}");
    assert!(
        folder.join("register-M01.pdf").exists()
            || std::fs::read_dir(&folder).unwrap().count() == 1
    );
}

#[test]
fn without_a_print_folder_p_says_so() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let mut app = common::app(&path, Lang::En);
    press(&mut app, "2");
    render(&mut app, 100, 24);
    press(&mut app, "P");
    let screen = render(&mut app, 200, 24);
    assert!(screen.contains("No folder to print into"), "{screen}");
}

#[test]
fn the_print_folder_is_the_setting_then_the_documents_folder_then_by_language() {
    use registro::i18n::Catalogue;
    use registro::print::documents::print_folder;
    use std::path::{Path, PathBuf};
    let home = Some(PathBuf::from("/home/anna"));
    let it = Catalogue::get(Lang::It);
    let en = Catalogue::get(Lang::En);
    assert_eq!(
        print_folder(Some(Path::new("~/Stampe")), None, home.clone(), it),
        Some(PathBuf::from("/home/anna/Stampe"))
    );
    assert_eq!(
        print_folder(
            None,
            Some(PathBuf::from("/home/anna/Docs")),
            home.clone(),
            it
        ),
        Some(PathBuf::from("/home/anna/Docs"))
    );
    assert_eq!(
        print_folder(None, None, home.clone(), it),
        Some(PathBuf::from("/home/anna/Documenti"))
    );
    assert_eq!(
        print_folder(None, None, home, en),
        Some(PathBuf::from("/home/anna/Documents"))
    );
}

#[test]
fn a_tutor_prints_sheets_and_is_told_the_rest_is_for_coordinators() {
    let dir = tempdir().unwrap();
    let (path, _session) = roster_register(dir.path());
    let folder = dir.path().join("out");
    let mut app = common::app_with(&path, Lang::It, |s| {
        s.print.folder = Some(folder.clone());
        s.role = Some(registro::domain::Role::Tutor);
    });
    press(&mut app, "1");
    render(&mut app, 100, 24);
    press(&mut app, "P");
    let screen = render(&mut app, 200, 24);
    assert!(screen.contains("non per il tuo ruolo"), "{screen}");
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().count() == 0);
}
