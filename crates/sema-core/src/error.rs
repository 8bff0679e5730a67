//! The one error type of the interpreter.
//!
//! An [`Error`] has a kind (the spec's error keywords), a message, the span of
//! the form that failed, a stack trace, and an optional hint and note. A value
//! raised by `throw` is the `User` kind carrying that value. `exit` travels as
//! the `Exit` kind, which `try` never catches.

use std::fmt;

use crate::symbol::{sym, Sym};
use crate::value::{Type, Value};

/// Where something is in the source: file (if any), 1-based line and column.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: Option<Sym>,
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub fn new(file: Option<Sym>, line: u32, col: u32) -> Span {
        Span { file, line, col }
    }
}

/// One frame of a stack trace: the called function and where it was called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceFrame {
    pub name: String,
    pub span: Option<Span>,
}

/// The kinds of error the spec names (errors.md §1), plus `Exit`.
#[derive(Clone, Debug)]
pub enum ErrorKind {
    /// A syntax error at a 1-based line and column.
    Reader {
        line: u32,
        col: u32,
    },
    Eval,
    /// `value` is the repr shown after the message by keyword calls.
    Type {
        expected: String,
        got: String,
        value: Option<String>,
    },
    Arity,
    Unbound {
        name: String,
    },
    Io,
    PermissionDenied {
        function: String,
        capability: Option<String>,
        path: Option<String>,
    },
    /// A value raised by `throw`.
    User(Value),
    /// `(exit N)`: ends the process; not catchable.
    Exit(i32),
    /// The evaluation was cancelled (Ctrl-C, a cancel handle); not catchable.
    Interrupted,
}

pub struct ErrorData {
    pub kind: ErrorKind,
    pub message: String,
    pub span: Option<Span>,
    pub trace: Vec<TraceFrame>,
    /// Set once a backend has recorded the call stack in `trace`.
    pub trace_captured: bool,
    /// Frames dropped from the middle of `trace` (which then holds the
    /// innermost and outermost [`TRACE_KEEP`] frames).
    pub trace_omitted: usize,
    pub hint: Option<String>,
    pub note: Option<String>,
}

/// An interpreter error. Boxed so that `Result<Value, Error>` stays small.
pub struct Error(Box<ErrorData>);

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Frames kept at each end of a long stack trace.
pub const TRACE_KEEP: usize = 50;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorData {
            kind,
            message: message.into(),
            span: None,
            trace: Vec::new(),
            trace_captured: false,
            trace_omitted: 0,
            hint: None,
            note: None,
        }))
    }

    /// An `:eval` error.
    pub fn eval(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Eval, message)
    }

    /// A `:type-error`: `expected EXPECTED, got TYPE-OF-GOT`.
    pub fn type_error(expected: impl Into<String>, got: &Value) -> Error {
        Error::type_error_names(expected, got.type_name())
    }

    /// A `:type-error` with an explicit got-text (e.g. `"string in frequencies"`).
    pub fn type_error_names(expected: impl Into<String>, got: impl Into<String>) -> Error {
        let expected = expected.into();
        let got = got.into();
        let message = format!("expected {expected}, got {got}");
        Error::new(
            ErrorKind::Type {
                expected,
                got,
                value: None,
            },
            message,
        )
    }

    /// An `:arity` error: `NAME expects EXPECTED args, got N`.
    pub fn arity(name: &str, expected: impl fmt::Display, got: usize) -> Error {
        Error::new(
            ErrorKind::Arity,
            format!("{name} expects {expected} args, got {got}"),
        )
    }

    /// An `:unbound` error for a variable.
    pub fn unbound(name: &str) -> Error {
        Error::new(
            ErrorKind::Unbound {
                name: name.to_string(),
            },
            format!("Unbound variable: {name}"),
        )
    }

    pub fn io(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Io, message)
    }

    /// A `:reader` error at a position.
    pub fn reader(message: impl Into<String>, line: u32, col: u32) -> Error {
        Error::new(ErrorKind::Reader { line, col }, message)
    }

    /// A `:user` error carrying a thrown value; its message is the value's repr.
    pub fn user(value: Value) -> Error {
        let message = crate::printer::repr(&value);
        Error::new(ErrorKind::User(value), message)
    }

    pub fn exit(code: i32) -> Error {
        Error::new(ErrorKind::Exit(code), "exit")
    }

    pub fn permission_denied(function: &str, capability: &str) -> Error {
        Error::new(
            ErrorKind::PermissionDenied {
                function: function.to_string(),
                capability: Some(capability.to_string()),
                path: None,
            },
            format!("{function} requires '{capability}' capability"),
        )
    }

    pub fn path_denied(function: &str, path: &str) -> Error {
        Error::new(
            ErrorKind::PermissionDenied {
                function: function.to_string(),
                capability: None,
                path: Some(path.to_string()),
            },
            format!("{function} \u{2014} path '{path}' is outside allowed directories"),
        )
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.0.hint = Some(hint.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Error {
        self.0.note = Some(note.into());
        self
    }

    /// Records the span of the failing form unless one is already known.
    pub fn with_span(mut self, span: Span) -> Error {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn data(&self) -> &ErrorData {
        &self.0
    }

    pub fn data_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }

    pub fn span(&self) -> Option<Span> {
        self.0.span
    }

    pub fn hint(&self) -> Option<&str> {
        self.0.hint.as_deref()
    }

    pub fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    pub fn trace(&self) -> &[TraceFrame] {
        &self.0.trace
    }

    /// Records the call stack once: `len` frames, `frame(0)` the innermost.
    /// Keeps the innermost and outermost [`TRACE_KEEP`] frames and counts the
    /// ones omitted between them. Later calls do nothing.
    pub fn capture_trace(&mut self, len: usize, frame: impl Fn(usize) -> TraceFrame) {
        if self.0.trace_captured {
            return;
        }
        self.0.trace_captured = true;
        let frames: Vec<TraceFrame> = if len > 2 * TRACE_KEEP {
            self.0.trace_omitted = len - 2 * TRACE_KEEP;
            (0..TRACE_KEEP)
                .chain(len - TRACE_KEEP..len)
                .map(&frame)
                .collect()
        } else {
            (0..len).map(&frame).collect()
        };
        if self.0.span.is_none() {
            self.0.span = frames.first().and_then(|f| f.span);
        }
        self.0.trace = frames;
    }

    /// True for `exit`, which must pass through `try`.
    pub fn is_exit(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Exit(_))
    }

    /// True for what `try` never catches: `exit` and interruption.
    pub fn is_uncatchable(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Exit(_) | ErrorKind::Interrupted)
    }

    /// The `:type` keyword name of the kind.
    pub fn type_keyword(&self) -> &'static str {
        match self.0.kind {
            ErrorKind::Reader { .. } => "reader",
            ErrorKind::Eval => "eval",
            ErrorKind::Type { .. } => "type-error",
            ErrorKind::Arity => "arity",
            ErrorKind::Unbound { .. } => "unbound",
            ErrorKind::Io => "io",
            ErrorKind::PermissionDenied { .. } => "permission-denied",
            ErrorKind::User(_) => "user",
            ErrorKind::Exit(_) => "exit",
            ErrorKind::Interrupted => "interrupted",
        }
    }

    /// The first line the CLI prints after `Error: `.
    pub fn headline(&self) -> String {
        let m = &self.0.message;
        match &self.0.kind {
            ErrorKind::Reader { line, col } => format!("Reader error at {line}:{col}: {m}"),
            ErrorKind::Eval => format!("Eval error: {m}"),
            ErrorKind::Type { value, .. } => match value {
                Some(v) => format!("Type error: {m} ({v})"),
                None => format!("Type error: {m}"),
            },
            ErrorKind::Arity => format!("Arity error: {m}"),
            ErrorKind::Unbound { .. } => m.clone(),
            ErrorKind::Io => format!("IO error: {m}"),
            ErrorKind::PermissionDenied { .. } => format!("Permission denied: {m}"),
            ErrorKind::User(_) => format!("User exception: {m}"),
            ErrorKind::Exit(code) => format!("exit {code}"),
            ErrorKind::Interrupted if m == "interrupted" => "Interrupted".to_string(),
            ErrorKind::Interrupted => format!("Interrupted: {m}"),
        }
    }

    /// The stack trace with the middle folded: the innermost and outermost
    /// [`TRACE_KEEP`] frames and the number omitted between them.
    pub fn folded_trace(&self) -> (Vec<&TraceFrame>, usize, Vec<&TraceFrame>) {
        let t = &self.0.trace;
        if self.0.trace_omitted > 0 {
            let keep = TRACE_KEEP.min(t.len());
            return (
                t[..keep].iter().collect(),
                self.0.trace_omitted,
                t[keep..].iter().collect(),
            );
        }
        if t.len() <= 2 * TRACE_KEEP {
            (t.iter().collect(), 0, Vec::new())
        } else {
            (
                t[..TRACE_KEEP].iter().collect(),
                t.len() - 2 * TRACE_KEEP,
                t[t.len() - TRACE_KEEP..].iter().collect(),
            )
        }
    }

    /// The error map a `catch` handler receives (errors.md §2).
    pub fn to_value(&self) -> Value {
        let kw = |s: Sym| Value::keyword(s);
        let mut pairs: Vec<(Value, Value)> = vec![(
            kw(sym::TYPE),
            Value::keyword(Sym::intern(self.type_keyword())),
        )];
        let message = match &self.0.kind {
            ErrorKind::Reader { line, col } => format!("{} at {line}:{col}", self.0.message),
            _ => self.0.message.clone(),
        };
        pairs.push((kw(sym::MESSAGE), Value::string(message)));
        match &self.0.kind {
            ErrorKind::Type { expected, got, .. } => {
                pairs.push((kw(sym::EXPECTED), Value::string(expected.as_str())));
                pairs.push((kw(sym::GOT), Value::string(got.as_str())));
            }
            ErrorKind::Unbound { name } => {
                pairs.push((kw(sym::NAME), Value::string(name.as_str())));
            }
            ErrorKind::User(v) => pairs.push((kw(sym::VALUE), v.clone())),
            ErrorKind::PermissionDenied {
                function,
                capability,
                path,
            } => {
                pairs.push((kw(sym::FUNCTION), Value::string(function.as_str())));
                if let Some(c) = capability {
                    pairs.push((kw(sym::CAPABILITY), Value::string(c.as_str())));
                }
                if let Some(p) = path {
                    pairs.push((kw(sym::PATH), Value::string(p.as_str())));
                }
            }
            _ => {}
        }
        if !self.0.trace.is_empty() {
            let (head, omitted, tail) = self.folded_trace();
            let mut frames: Vec<Value> = head.into_iter().map(frame_value).collect();
            if omitted > 0 {
                frames.push(Value::map_from([(
                    kw(sym::OMITTED),
                    Value::int(omitted as i64),
                )]));
                frames.extend(tail.into_iter().map(frame_value));
            }
            pairs.push((kw(sym::STACK_TRACE), Value::list(frames)));
        }
        Value::map_from(pairs)
    }
}

fn frame_value(f: &TraceFrame) -> Value {
    let mut pairs = vec![(Value::keyword(sym::NAME), Value::string(f.name.as_str()))];
    if let Some(span) = f.span {
        if let Some(file) = span.file {
            pairs.push((Value::keyword(sym::FILE), Value::string(file.name())));
        }
        pairs.push((Value::keyword(sym::LINE), Value::int(span.line as i64)));
        pairs.push((Value::keyword(sym::COL), Value::int(span.col as i64)));
    }
    Value::map_from(pairs)
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

impl std::error::Error for Error {}

/// Type-check helpers natives use for their arguments.
pub mod check {
    use super::{Error, Result};
    use crate::symbol::Sym;
    use crate::value::{Num, Value};

    pub fn int(v: &Value) -> Result<i64> {
        v.as_int().ok_or_else(|| Error::type_error("int", v))
    }

    pub fn number(v: &Value) -> Result<Num> {
        v.as_number().ok_or_else(|| Error::type_error("number", v))
    }

    pub fn string(v: &Value) -> Result<&str> {
        v.as_str().ok_or_else(|| Error::type_error("string", v))
    }

    pub fn char(v: &Value) -> Result<char> {
        v.as_char().ok_or_else(|| Error::type_error("char", v))
    }

    pub fn symbol(v: &Value) -> Result<Sym> {
        v.as_symbol().ok_or_else(|| Error::type_error("symbol", v))
    }

    pub fn keyword(v: &Value) -> Result<Sym> {
        v.as_keyword()
            .ok_or_else(|| Error::type_error("keyword", v))
    }

    /// The elements of a list or vector.
    pub fn seq(v: &Value) -> Result<Vec<Value>> {
        v.seq_to_vec()
            .ok_or_else(|| Error::type_error("list or vector", v))
    }
}

impl From<Type> for &'static str {
    fn from(t: Type) -> &'static str {
        t.name()
    }
}
