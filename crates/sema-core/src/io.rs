//! Process-wide buffered standard output.
//!
//! Program output goes through one buffer so that `println` in a loop costs a
//! memory copy, not a system call. The buffer is flushed before anything is
//! written to stderr (so interleaving on a terminal stays in order), before
//! reading stdin, and when the process exits.

use std::cell::RefCell;
use std::io::{self, Write};

thread_local! {
    static STDOUT: RefCell<io::BufWriter<io::Stdout>> =
        RefCell::new(io::BufWriter::with_capacity(64 * 1024, io::stdout()));
}

/// Writes text to the program's standard output buffer.
pub fn write_stdout(text: &str) {
    STDOUT.with(|out| {
        // A closed stdout (e.g. `| head`) must not crash the interpreter.
        let _ = out.borrow_mut().write_all(text.as_bytes());
    });
}

/// Writes raw bytes to the program's standard output buffer.
pub fn write_stdout_bytes(bytes: &[u8]) {
    STDOUT.with(|out| {
        let _ = out.borrow_mut().write_all(bytes);
    });
}

/// Flushes the standard output buffer.
pub fn flush_stdout() {
    STDOUT.with(|out| {
        let _ = out.borrow_mut().flush();
    });
}

/// Writes text to stderr after flushing stdout, so output stays in order.
pub fn write_stderr(text: &str) {
    flush_stdout();
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}
