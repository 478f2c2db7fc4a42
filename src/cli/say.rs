//! Everything the command line prints, through one door: text from the
//! register or a file is cleaned (`tui::text::clean_lines`) before it
//! reaches a terminal, and a reader that went away (`| head -1`) ends
//! nothing: the command finishes with its own status instead of a
//! panic. The `println!`, `print!` and `eprintln!` of the command line
//! are this module's (see `cli/mod.rs`).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::tui::text::clean_lines;

/// Set when stdout refused a write for another reason than a reader
/// gone (a full disk under `> file`): the command then fails.
static LOST: AtomicBool = AtomicBool::new(false);

/// Prints a message on stdout, cleaned: messages are never data to be
/// kept byte for byte.
pub fn out(text: &str) {
    let written = std::io::stdout()
        .lock()
        .write_all(clean_lines(text).as_bytes());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        LOST.store(true, Ordering::Relaxed);
    }
}

/// Prints a message on stderr, cleaned; a stderr that cannot be written
/// to has nobody to tell.
pub fn err(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(clean_lines(text).as_bytes());
}

/// Whether something meant for stdout could not be written.
pub fn lost_output() -> bool {
    LOST.load(Ordering::Relaxed)
}

/// A writer to a terminal that cleans what passes through it, or to a
/// file or pipe that passes it byte for byte (CSV and JSON stay exact).
/// Text cut in the middle of a character (or between `\r` and `\n`)
/// waits for the next write.
pub struct Cleaned<W: Write> {
    inner: W,
    terminal: bool,
    pending: Vec<u8>,
}

impl<W: Write + IsTerminal> Cleaned<W> {
    pub fn new(inner: W) -> Cleaned<W> {
        let terminal = inner.is_terminal();
        Cleaned::when(inner, terminal)
    }
}

impl<W: Write> Cleaned<W> {
    /// Cleans when `terminal` says so.
    pub fn when(inner: W, terminal: bool) -> Cleaned<W> {
        Cleaned {
            inner,
            terminal,
            pending: Vec::new(),
        }
    }

    /// Writes what is pending, but for an unfinished character at the
    /// end unless `at_end`.
    fn drain(&mut self, at_end: bool) -> std::io::Result<()> {
        let keep = if at_end {
            0
        } else {
            unfinished_tail(&self.pending)
        };
        let upto = self.pending.len() - keep;
        let text = String::from_utf8_lossy(&self.pending[..upto]);
        self.inner.write_all(clean_lines(&text).as_bytes())?;
        self.pending.drain(..upto);
        Ok(())
    }
}

impl<W: Write> Write for Cleaned<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.terminal {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.terminal {
            self.drain(true)?;
        }
        self.inner.flush()
    }
}

/// How many bytes at the end of `bytes` start a character (or a line
/// end) that the next write finishes.
fn unfinished_tail(bytes: &[u8]) -> usize {
    if bytes.last() == Some(&b'\r') {
        return 1;
    }
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        if byte & 0xc0 == 0x80 {
            continue;
        }
        let length = match byte {
            0xf0.. => 4,
            0xe0.. => 3,
            0xc0.. => 2,
            _ => 1,
        };
        return if length > back { back } else { 0 };
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]], terminal: bool) -> Vec<u8> {
        let mut out = Cleaned::when(Vec::new(), terminal);
        for chunk in chunks {
            out.write_all(chunk).unwrap();
        }
        out.flush().unwrap();
        out.inner
    }

    #[test]
    fn a_terminal_gets_clean_text_even_cut_anywhere() {
        let hostile = "Caf\u{e9}\u{1b}[2J\r\n\u{202e}x\u{9b}1m\n".as_bytes();
        for cut in 0..hostile.len() {
            let (a, b) = hostile.split_at(cut);
            let shown = String::from_utf8(through(&[a, b], true)).unwrap();
            assert_eq!(shown, "Caf\u{e9}?[2J\r\n?x?1m\n", "cut at {cut}");
        }
    }

    #[test]
    fn a_pipe_gets_the_bytes_as_they_are() {
        let bytes = b"a\x1b[2J\xff\r\n";
        assert_eq!(through(&[bytes], false), bytes);
    }
}
