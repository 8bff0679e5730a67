//! The reader's internal error: message, position, optional hint, and
//! whether the error came from running out of input inside an open form
//! (which `needs_more_input` reports). Converted to `sema_core::Error` at
//! the public API.

use sema_core::{Error, Span, Sym};

/// A syntax error before it becomes an `Error`.
#[derive(Debug)]
pub(crate) struct Fail {
    pub message: String,
    pub line: u32,
    pub col: u32,
    pub hint: Option<&'static str>,
    /// More input could make this text read (the REPL keeps reading).
    pub incomplete: bool,
}

impl Fail {
    pub(crate) fn new(message: impl Into<String>, line: u32, col: u32) -> Fail {
        Fail {
            message: message.into(),
            line,
            col,
            hint: None,
            incomplete: false,
        }
    }

    pub(crate) fn with_hint(mut self, hint: &'static str) -> Fail {
        self.hint = Some(hint);
        self
    }

    pub(crate) fn incomplete(self) -> Fail {
        self.incomplete_if(true)
    }

    pub(crate) fn incomplete_if(mut self, incomplete: bool) -> Fail {
        self.incomplete = incomplete;
        self
    }

    /// The `:reader` error, with a span naming `file`.
    pub(crate) fn into_error(self, file: Option<Sym>) -> Error {
        let mut e = Error::reader(self.message, self.line, self.col)
            .with_span(Span::new(file, self.line, self.col));
        if let Some(h) = self.hint {
            e = e.with_hint(h);
        }
        e
    }
}
