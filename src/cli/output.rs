//! Where a command's file goes: stdout, or `-o FILE`.

use std::fs::File;
use std::io::{BufWriter, StdoutLock, Write};
use std::path::Path;

use super::{Failure, Outside};
use crate::export::StreamError;
use crate::i18n::fill;

/// Writes `bytes` to stdout. A reader that went away (`| head`) is not
/// an error.
pub fn to_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `file`, readable by its owner only when new (an
/// export holds people's data), replacing what was there; never over the
/// register itself.
pub fn to_file(
    bytes: &[u8],
    file: &Path,
    register: &Path,
    outside: &Outside,
) -> Result<(), Failure> {
    let mut handle = open_for_export(file, register, outside)?;
    let describe = |e: std::io::Error| Failure(format!("{}: {e}", file.display()));
    handle.write_all(bytes).map_err(describe)?;
    handle.sync_all().map_err(describe)?;
    Ok(())
}

/// Writes to stdout what `write` writes, as it goes; returns how many
/// rows. A reader that went away (`| head`) is not an error.
pub fn stream_to_stdout(
    write: impl FnOnce(BufWriter<StdoutLock<'static>>) -> Streamed<BufWriter<StdoutLock<'static>>>,
) -> Result<usize, Failure> {
    let out = BufWriter::with_capacity(BUFFER, std::io::stdout().lock());
    match write(out) {
        Ok((mut out, rows)) => match out.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(e.to_string())),
            _ => Ok(rows),
        },
        Err(e) if e.is_broken_pipe() => Ok(0),
        Err(e) => Err(Failure(e.to_string())),
    }
}

/// Writes to `file` (as `to_file` does) what `write` writes, as it goes;
/// returns how many rows. A file left half written, by a register that
/// failed to read or a disk that filled, is removed.
pub fn stream_to_file(
    file: &Path,
    register: &Path,
    outside: &Outside,
    write: impl FnOnce(BufWriter<File>) -> Streamed<BufWriter<File>>,
) -> Result<usize, Failure> {
    let handle = open_for_export(file, register, outside)?;
    let written = write(BufWriter::with_capacity(BUFFER, handle))
        .map_err(|e| Failure(format!("{}: {e}", file.display())))
        .and_then(|(out, rows)| {
            let handle = out
                .into_inner()
                .map_err(|e| Failure(format!("{}: {}", file.display(), e.error())))?;
            handle
                .sync_all()
                .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
            Ok(rows)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(file);
    }
    written
}

/// What an export written as it goes gives back: its output and rows.
type Streamed<W> = Result<(W, usize), StreamError>;

/// Writes leave in blocks of this size: a row at a time would be a
/// system call per row.
const BUFFER: usize = 64 * 1024;

/// Opens `file` for an export: readable by its owner only when new,
/// emptied if it was not; never the register itself.
fn open_for_export(file: &Path, register: &Path, outside: &Outside) -> Result<File, Failure> {
    let same = match (file.canonicalize(), register.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        let path = file.display().to_string();
        return Err(Failure(fill(
            outside.text.export_over_register,
            &[("path", &path)],
        )));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(file)
        .map_err(|e| Failure(format!("{}: {e}", file.display())))
}
