//! Sema reader: source text to `Value` data with positions (spec/reader.md).
//!
//! Reading is two passes: the lexer tokenizes the whole text (so a lexical
//! error anywhere fails any read), then the parser builds values on an
//! explicit stack (so nesting depth is bounded by memory, not by the native
//! stack). Lists record the line:column of their opening bracket. Errors are
//! `:reader` errors at the positions reader.md §7 gives.

mod fail;
mod lexer;
mod parser;
mod short_lambda;
mod syntax;
#[cfg(test)]
mod tests;

use sema_core::{Result, Sym, Value};

use parser::{read_text, Mode};

/// Reads every form of a program (spec reader.md §6, "read-many"): the whole
/// text is tokenized and parsed before anything is returned, so a syntax error
/// anywhere fails the whole read. `file` is recorded for error reports. A
/// `#!` line at 1:1 is skipped.
pub fn read_all(src: &str, file: Option<Sym>) -> Result<Vec<Value>> {
    read_text(src, 1, 1, Mode::All).map_err(|f| f.into_error(file))
}

/// Reads the first form (spec reader.md §6, "read"): the whole text is
/// tokenized, then only the first form parsed; empty input gives `nil`.
/// Anything after the first form is ignored, even unbalanced closers.
pub fn read_one(src: &str) -> Result<Value> {
    let forms = read_text(src, 1, 1, Mode::First).map_err(|f| f.into_error(None))?;
    Ok(forms.into_iter().next().unwrap_or(Value::NIL))
}

/// For the REPL: true when `src` ends inside an unclosed list, vector, map,
/// bytevector or short lambda, or inside an unterminated string, f-string or
/// regex literal, so that reading more lines could complete it. False when
/// the text reads, and when it has an error more input cannot fix (such as
/// an unexpected closing bracket or a bad escape).
pub fn needs_more_input(src: &str) -> bool {
    match read_text(src, 1, 1, Mode::All) {
        Ok(_) => false,
        Err(f) => f.incomplete,
    }
}
