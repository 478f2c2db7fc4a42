//! The real binary on a pseudo-terminal: a note saved and quit at once,
//! many times, is never offered back as a draft; a note written while the
//! register's disk is full stays in the editor with the reason, is kept
//! in a private file of the data folder, and is offered back once space
//! is freed.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use registro::store::{Access, Store};
use tempfile::tempdir;

fn start(db: &Path, data: &Path) -> common::Pty {
    let binary = env!("CARGO_BIN_EXE_registro");
    let pty = common::Pty::run(&format!(
        "env XDG_DATA_HOME='{}' {binary} --db '{}' --user admin",
        data.display(),
        db.display()
    ));
    pty.wait_for(&["Modules"], Duration::from_secs(60));
    pty
}

fn wait_exit(pty: &mut common::Pty) {
    let start = Instant::now();
    while pty.script.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(60), "still running");
        thread::sleep(Duration::from_millis(10));
    }
}

fn notes_and_drafts(path: &Path) -> (Vec<String>, usize) {
    let store = Store::open(path, Access::ReadWrite).unwrap();
    let notes = store
        .write(|tx| {
            let mut statement = tx.prepare("SELECT body FROM note ORDER BY id")?;
            let rows = statement
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        })
        .unwrap();
    (notes, store.drafts("admin").unwrap().len())
}

/// Opens the note editor on the first participant.
fn open_note(pty: &mut common::Pty) {
    pty.write(b"3");
    pty.wait_for(&["Arena"], Duration::from_secs(60));
    pty.write(b"n");
    pty.wait_for(&["note:"], Duration::from_secs(60));
}

#[test]
fn a_note_saved_and_quit_at_once_is_never_offered_again() {
    let dir = tempdir().unwrap();
    let data = dir.path().join("data");
    let (path, _) = common::roster_register(dir.path());
    for round in 0..6 {
        let mut pty = start(&path, &data);
        if round > 0 {
            // No draft was offered: the start is on the Modules tab.
            assert!(!pty.output().contains("Recovered"), "{}", pty.output());
        }
        open_note(&mut pty);
        // Text, Ctrl-S and q in one write: as fast as a user can.
        pty.write(format!("giro {round}\x13q").as_bytes());
        wait_exit(&mut pty);
    }
    let (notes, drafts) = notes_and_drafts(&path);
    let expected: Vec<String> = (0..6).map(|n| format!("giro {n}")).collect();
    assert_eq!(notes, expected);
    assert_eq!(drafts, 0);
}

/// A tmpfs of `size` mounted at `folder` for the test's life.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount_small_disk(folder: &Path) -> Result<Mounted, String> {
    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(folder)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("mount -t tmpfs failed ({status}): not root?"));
    }
    Ok(Mounted(folder.to_path_buf()))
}

/// Fills the disk holding `folder` to the last byte.
fn fill(folder: &Path) -> PathBuf {
    let filler = folder.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    filler
}

#[test]
fn a_note_written_on_a_full_disk_is_kept_and_offered_back() {
    let dir = tempdir().unwrap();
    let disk = dir.path().join("disk");
    let mounted = match mount_small_disk(&disk) {
        Ok(mounted) => mounted,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("a full disk cannot be made here, and CI must test it: {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED a_note_written_on_a_full_disk_is_kept_and_offered_back: {why}");
            return;
        }
    };
    let data = dir.path().join("data");
    let (made, _) = common::roster_register(dir.path());
    let path = disk.join("roster.db");
    std::fs::copy(&made, &path).unwrap();
    let mut pty = start(&path, &data);
    open_note(&mut pty);
    let filler = fill(&disk);
    pty.write(b"Scritta a disco pieno");
    pty.write(b"\x13");
    pty.wait_for(&["Not saved"], Duration::from_secs(60));
    pty.write(b"\x1b");
    pty.wait_for(&["Kept in"], Duration::from_secs(60));
    pty.write(b"q");
    wait_exit(&mut pty);
    let kept: Vec<PathBuf> = std::fs::read_dir(data.join("registro/unsaved-notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");

    // Space is freed: the note is offered back and saved once.
    std::fs::remove_file(&filler).unwrap();
    // (The screen writes words apart, with the cursor moved between them.)
    let mut pty = start(&path, &data);
    pty.wait_for(&["Recovered", "pieno", "Arena"], Duration::from_secs(60));
    pty.write(b"\x13");
    pty.wait_for(&["saved."], Duration::from_secs(60));
    pty.write(b"q");
    wait_exit(&mut pty);
    let (notes, drafts) = notes_and_drafts(&path);
    assert_eq!(notes, vec!["Scritta a disco pieno".to_string()]);
    assert_eq!(drafts, 0);
    assert_eq!(
        std::fs::read_dir(data.join("registro/unsaved-notes"))
            .unwrap()
            .count(),
        0
    );
    let check = common::registro("admin")
        .args(["--user", "admin", "--db"])
        .arg(&path)
        .arg("check")
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    drop(mounted);
}
