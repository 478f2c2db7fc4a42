//! Where a command's file goes: stdout, or `-o FILE`.

use std::io::Write;
use std::path::Path;

use super::{Failure, Outside};
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
    let describe = |e: std::io::Error| Failure(format!("{}: {e}", file.display()));
    let mut handle = options.open(file).map_err(describe)?;
    handle.write_all(bytes).map_err(describe)?;
    handle.sync_all().map_err(describe)?;
    Ok(())
}
