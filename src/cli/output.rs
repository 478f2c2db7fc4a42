//! Where a command's file goes: stdout, or `-o FILE`.

use std::fs::File;
use std::io::{BufWriter, StdoutLock, Write};
use std::path::Path;

use super::say::Cleaned;
use super::{Failure, Outside};
use crate::export::StreamError;
use crate::i18n::fill;

/// Writes `bytes` to stdout, cleaned on a terminal and as they are to a
/// file or pipe. A reader that went away (`| head`) is not an error.
pub fn to_stdout(bytes: &[u8]) -> Result<(), Failure> {
    stream_to_stdout(|mut out| {
        out.write_all(bytes).map_err(StreamError::from)?;
        Ok((out, 0))
    })
    .map(|_| ())
}

/// Writes `bytes` to `file` as `stream_to_file` does: readable by its
/// owner only (an export holds people's data), in place of what was
/// there once whole; never over the register itself.
pub fn to_file(
    bytes: &[u8],
    file: &Path,
    register: &Path,
    outside: &Outside,
) -> Result<(), Failure> {
    stream_to_file(file, register, outside, |mut out| {
        out.write_all(bytes).map_err(StreamError::from)?;
        Ok((out, 0))
    })
    .map(|_| ())
}

/// What goes to stdout: cleaned on a terminal, byte for byte elsewhere.
type Stdout = BufWriter<Cleaned<StdoutLock<'static>>>;

/// Writes to stdout what `write` writes, as it goes; returns how many
/// rows. On a terminal the text is cleaned of anything it would run; to
/// a file or pipe it leaves byte for byte. A reader that went away
/// (`| head`) is not an error.
pub fn stream_to_stdout(write: impl FnOnce(Stdout) -> Streamed<Stdout>) -> Result<usize, Failure> {
    let out = BufWriter::with_capacity(BUFFER, Cleaned::new(std::io::stdout().lock()));
    match write(out) {
        Ok((mut out, rows)) => match out.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(
                crate::i18n::system::io_error(Path::new("-"), &e, crate::i18n::current()),
            )),
            _ => Ok(rows),
        },
        Err(e) if e.is_broken_pipe() => Ok(0),
        Err(e) => Err(Failure(e.to_string())),
    }
}

/// Writes to `file` what `write` writes, as it goes; returns how many
/// rows. The rows go to a file beside it, readable by its owner only,
/// which takes the file's place once whole: an export that fails half
/// way (a register that cannot be read, a disk that fills) leaves the
/// file as it was, an earlier export included. A target that is not a
/// plain file (`/dev/stdout`, a pipe) is written directly.
pub fn stream_to_file(
    file: &Path,
    register: &Path,
    outside: &Outside,
    write: impl FnOnce(BufWriter<File>) -> Streamed<BufWriter<File>>,
) -> Result<usize, Failure> {
    let t = outside.text;
    let describe_io = |e: &std::io::Error| Failure(crate::i18n::system::io_error(file, e, t));
    let describe = |e: &StreamError| match e {
        StreamError::Write(e) => match e.kind() {
            csv::ErrorKind::Io(io) => describe_io(io),
            _ => Failure(format!("{}: {e}", file.display())),
        },
        other => Failure(format!("{}: {other}", file.display())),
    };
    let plain = std::fs::metadata(file).map_or(true, |m| m.is_file());
    let part = file.with_file_name(format!(
        ".{}.part",
        file.file_name()
            .map_or_else(Default::default, |n| n.to_string_lossy())
    ));
    refuse_the_register(file, register, outside)?;
    if plain {
        let _ = std::fs::remove_file(&part);
    }
    let handle = open_for_export(if plain { &part } else { file })?;
    let written = write(BufWriter::with_capacity(BUFFER, handle))
        .map_err(|e| describe(&e))
        .and_then(|(out, rows)| {
            let handle = out.into_inner().map_err(|e| describe_io(e.error()))?;
            handle.sync_all().map_err(|e| describe_io(&e))?;
            if plain {
                std::fs::rename(&part, file).map_err(|e| describe_io(&e))?;
            }
            Ok(rows)
        });
    if written.is_err() && plain {
        let _ = std::fs::remove_file(&part);
    }
    written
}

/// An export never goes over the register itself.
fn refuse_the_register(file: &Path, register: &Path, outside: &Outside) -> Result<(), Failure> {
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
    Ok(())
}

/// What an export written as it goes gives back: its output and rows.
type Streamed<W> = Result<(W, usize), StreamError>;

/// Writes leave in blocks of this size: a row at a time would be a
/// system call per row.
const BUFFER: usize = 64 * 1024;

/// Opens `file` for an export: readable by its owner only when new,
/// emptied if it was not.
fn open_for_export(file: &Path) -> Result<File, Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file).map_err(|e| {
        Failure(crate::i18n::system::io_error(
            file,
            &e,
            crate::i18n::current(),
        ))
    })
}
