//! The parser: tokens to values (reader.md §5-§7).
//!
//! Nesting is kept on an explicit stack of open forms, never on the native
//! stack, so input nested a million levels deep reads fine (D6). Every list
//! is built with the position of its opening bracket (or of the prefix or
//! `f` that it desugars). An error raised while a quote prefix is open is
//! reported as that prefix's error (QUIRK, §5.5): the outermost open prefix
//! wins, so `'(a . b c)` reports the quote.

use sema_core::{sym, Pos, Value};

use crate::fail::Fail;
use crate::lexer::{tokenize, FPart, Lexed, Tok, Token};
use crate::short_lambda;
use crate::syntax::{Bracket, QuoteKind};

/// How many top-level forms to read.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Stop after the first form (`read`).
    First,
    /// Read to the end (`read-many`).
    All,
}

/// Where a list stands with respect to a dotted tail.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Dot {
    None,
    /// A `.` was read; exactly one more form must follow.
    AwaitTail,
    /// The tail was read; only `)` may follow.
    HaveTail,
}

/// An open form waiting for its elements.
enum Frame {
    List {
        pos: Pos,
        items: Vec<Value>,
        dot: Dot,
    },
    Vector {
        pos: Pos,
        items: Vec<Value>,
    },
    Map {
        pos: Pos,
        items: Vec<Value>,
    },
    ShortLambda {
        pos: Pos,
        items: Vec<Value>,
    },
    Quote {
        kind: QuoteKind,
        pos: Pos,
    },
}

struct Parser<'a> {
    /// The text the tokens came from (f-string interpolations index it).
    src: &'a str,
    stack: Vec<Frame>,
    end: Pos,
}

/// Tokenizes and parses `src` (whose first char is at `line:col`).
pub(crate) fn read_text(src: &str, line: u32, col: u32, mode: Mode) -> Result<Vec<Value>, Fail> {
    let lexed = tokenize(src, line, col)?;
    parse(src, lexed, mode)
}

/// Parses tokens lexed from `src`.
fn parse(src: &str, lexed: Lexed, mode: Mode) -> Result<Vec<Value>, Fail> {
    let mut parser = Parser {
        src,
        stack: Vec::new(),
        end: Pos::new(lexed.end_line, lexed.end_col),
    };
    let mut out = Vec::new();
    match parser.run(lexed.tokens, mode, &mut out) {
        Ok(()) => Ok(out),
        Err(f) => Err(parser.quote_quirk(f)),
    }
}

/// A list of `items` whose every cell records `pos`.
pub(crate) fn list_at(items: Vec<Value>, pos: Pos) -> Value {
    let mut out = Value::EMPTY_LIST;
    for item in items.into_iter().rev() {
        out = Value::cons_at(item, out, pos);
    }
    out
}

fn closing_error(b: Bracket, token: &Token) -> Fail {
    Fail::new(
        format!("unexpected closing `{}`", b.close_char()),
        token.line,
        token.col,
    )
}

fn mismatched(open: Bracket, found: Bracket, token: &Token) -> Fail {
    Fail::new(
        format!(
            "mismatched bracket: expected `{}` to close `{}`, found `{}`",
            open.close_char(),
            open.open_char(),
            found.close_char()
        ),
        token.line,
        token.col,
    )
}

impl Parser<'_> {
    fn run(&mut self, tokens: Vec<Token>, mode: Mode, out: &mut Vec<Value>) -> Result<(), Fail> {
        let mut tokens = tokens.into_iter();
        loop {
            let Some(token) = tokens.next() else {
                return match self.stack.is_empty() {
                    true => Ok(()),
                    false => Err(self.end_error()),
                };
            };
            let pos = Pos::new(token.line, token.col);
            if let Some(Frame::List {
                dot: Dot::HaveTail, ..
            }) = self.stack.last()
            {
                if !matches!(token.tok, Tok::Close(Bracket::Paren)) {
                    return Err(Fail::new("expected `)`", token.line, token.col));
                }
            }
            let value = match token.tok {
                Tok::Atom(v) => v,
                Tok::Open(b) => {
                    let items = Vec::new();
                    self.stack.push(match b {
                        Bracket::Paren => Frame::List {
                            pos,
                            items,
                            dot: Dot::None,
                        },
                        Bracket::Square => Frame::Vector { pos, items },
                        Bracket::Curly => Frame::Map { pos, items },
                    });
                    continue;
                }
                Tok::ShortLambda => {
                    self.stack.push(Frame::ShortLambda {
                        pos,
                        items: Vec::new(),
                    });
                    continue;
                }
                Tok::Quote(kind) => {
                    self.stack.push(Frame::Quote { kind, pos });
                    continue;
                }
                Tok::Dot => match self.stack.last_mut() {
                    Some(Frame::List { dot, .. }) if *dot == Dot::None => {
                        *dot = Dot::AwaitTail;
                        continue;
                    }
                    _ => {
                        return Err(Fail::new("unexpected `.`", token.line, token.col)
                            .with_hint("dots are used in pair notation, e.g. (a . b)"));
                    }
                },
                Tok::Close(b) => self.close(b, &token)?,
                Tok::Bytevector => read_bytevector(&mut tokens, pos)?,
                Tok::FString(parts) => self.fstring(parts, pos)?,
            };
            if self.deliver(value, out) && mode == Mode::First {
                return Ok(());
            }
        }
    }

    /// Hands a finished form to the innermost open form, wrapping it in the
    /// pending quote prefixes first. True when it reached the top level.
    fn deliver(&mut self, mut value: Value, out: &mut Vec<Value>) -> bool {
        loop {
            match self.stack.last_mut() {
                None => {
                    out.push(value);
                    return true;
                }
                Some(Frame::Quote { kind, pos }) => {
                    let (kind, pos) = (*kind, *pos);
                    self.stack.pop();
                    value = list_at(vec![Value::symbol(kind.symbol()), value], pos);
                }
                Some(Frame::List { items, dot, .. }) => {
                    if *dot == Dot::AwaitTail {
                        items.push(Value::symbol(sym::DOT));
                        *dot = Dot::HaveTail;
                    }
                    items.push(value);
                    return false;
                }
                Some(
                    Frame::Vector { items, .. }
                    | Frame::Map { items, .. }
                    | Frame::ShortLambda { items, .. },
                ) => {
                    items.push(value);
                    return false;
                }
            }
        }
    }

    /// A closing bracket: finishes the innermost open form or fails.
    fn close(&mut self, b: Bracket, token: &Token) -> Result<Value, Fail> {
        let frame = match self.stack.last() {
            None | Some(Frame::Quote { .. }) => return Err(closing_error(b, token)),
            Some(Frame::List { dot, .. }) => {
                if b != Bracket::Paren {
                    return Err(mismatched(Bracket::Paren, b, token));
                }
                if *dot == Dot::AwaitTail {
                    return Err(closing_error(b, token));
                }
                self.stack.pop()
            }
            Some(Frame::Vector { .. }) => {
                if b != Bracket::Square {
                    return Err(mismatched(Bracket::Square, b, token));
                }
                self.stack.pop()
            }
            Some(Frame::Map { items, .. }) => {
                if b != Bracket::Curly {
                    return Err(mismatched(Bracket::Curly, b, token));
                }
                if items.len() % 2 != 0 {
                    return Err(odd_map(token.line, token.col));
                }
                self.stack.pop()
            }
            Some(Frame::ShortLambda { .. }) => {
                if b != Bracket::Paren {
                    return Err(closing_error(b, token));
                }
                self.stack.pop()
            }
        };
        Ok(match frame {
            Some(Frame::List { pos, items, .. }) => list_at(items, pos),
            Some(Frame::Vector { items, .. }) => Value::vector(items),
            // An error here still sees the enclosing quote frames (QUIRK).
            Some(Frame::ShortLambda { pos, items }) => {
                short_lambda::build(list_at(items, pos), pos)?
            }
            Some(Frame::Map { items, .. }) => {
                let mut pairs = Vec::with_capacity(items.len() / 2);
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                Value::map_from(pairs)
            }
            _ => Value::NIL,
        })
    }

    /// The error for input that ends while forms are open.
    fn end_error(&self) -> Fail {
        let incomplete = self.stack.iter().any(|f| !matches!(f, Frame::Quote { .. }));
        let fail = match self.stack.last() {
            Some(Frame::Quote { kind, pos }) => Fail::new(kind.message(), pos.line, pos.col),
            Some(Frame::List { pos, .. }) => {
                Fail::new("unterminated list", pos.line, pos.col).with_hint("add a closing `)`")
            }
            Some(Frame::Vector { pos, .. }) => {
                Fail::new("unterminated vector", pos.line, pos.col).with_hint("add a closing `]`")
            }
            Some(Frame::Map { pos, items }) => {
                if items.len() % 2 != 0 {
                    odd_map(self.end.line, self.end.col)
                } else {
                    Fail::new("unterminated map", pos.line, pos.col).with_hint("add a closing `}`")
                }
            }
            Some(Frame::ShortLambda { pos, .. }) => {
                Fail::new("unterminated short lambda #(...)", pos.line, pos.col)
                    .with_hint("add a closing `)`")
            }
            None => Fail::new("unexpected end of input", self.end.line, self.end.col),
        };
        fail.incomplete_if(incomplete)
    }

    /// QUIRK (reader.md §5.5): an error inside a quoted form is reported as
    /// the outermost open quote prefix's error, at that prefix.
    fn quote_quirk(&self, fail: Fail) -> Fail {
        let outer = self.stack.iter().find_map(|f| match f {
            Frame::Quote { kind, pos } => Some((*kind, *pos)),
            _ => None,
        });
        match outer {
            Some((kind, pos)) => {
                Fail::new(kind.message(), pos.line, pos.col).incomplete_if(fail.incomplete)
            }
            None => fail,
        }
    }

    /// `f"..."` as `(str part ...)`; each interpolation is read with the
    /// single-form reader at its real position in the source.
    fn fstring(&self, parts: Vec<FPart>, pos: Pos) -> Result<Value, Fail> {
        let mut items = Vec::with_capacity(parts.len() + 1);
        items.push(Value::symbol(sym::STR));
        for part in parts {
            match part {
                FPart::Text(s) => items.push(Value::string(s)),
                FPart::Expr {
                    start,
                    end,
                    line,
                    col,
                } => {
                    let text = self.src.get(start..end).unwrap_or_default();
                    // Nested f-strings recurse here, so grow the stack as needed.
                    let forms = sema_core::with_stack(|| read_text(text, line, col, Mode::First))
                        .map_err(|f| f.incomplete_if(false))?;
                    items.push(forms.into_iter().next().unwrap_or(Value::NIL));
                }
            }
        }
        Ok(list_at(items, pos))
    }
}

fn odd_map(line: u32, col: u32) -> Fail {
    Fail::new("map literal must have even number of forms", line, col)
}

/// The elements of `#u8(...)` up to its `)` (reader.md §5.6).
fn read_bytevector(tokens: &mut impl Iterator<Item = Token>, open: Pos) -> Result<Value, Fail> {
    let mut bytes = Vec::new();
    loop {
        let Some(token) = tokens.next() else {
            return Err(Fail::new("unterminated bytevector", open.line, open.col)
                .with_hint("add a closing `)`")
                .incomplete());
        };
        match &token.tok {
            Tok::Close(Bracket::Paren) => return Ok(Value::bytevector(bytes)),
            Tok::Atom(v) if v.is_int() => {
                let n = v.as_int().unwrap_or(-1);
                match u8::try_from(n) {
                    Ok(b) => bytes.push(b),
                    Err(_) => {
                        return Err(Fail::new(
                            format!("#u8(...): byte value {n} out of range 0..255"),
                            token.line,
                            token.col,
                        ));
                    }
                }
            }
            _ => {
                return Err(Fail::new(
                    "#u8(...): expected integer byte value",
                    token.line,
                    token.col,
                ));
            }
        }
    }
}
