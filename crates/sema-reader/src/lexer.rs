//! The lexer: source text to a vector of positioned tokens (reader.md §1-§4).
//!
//! The whole input is tokenized before any parsing, so a lexical error
//! anywhere fails a read (reader.md §6). Positions are 1-based line:column
//! with columns counted in chars. Atoms (numbers, strings, symbols, ...) are
//! turned into `Value`s here; f-strings keep the byte ranges of their
//! interpolations, which the parser reads with the single-form reader.

use sema_core::{Sym, Value};

use crate::fail::Fail;
use crate::syntax::{is_symbol_char, is_symbol_start, Bracket, QuoteKind};

/// One piece of an f-string body.
pub(crate) enum FPart {
    /// A non-empty literal segment, escapes already applied.
    Text(String),
    /// An interpolation: the trimmed text `src[start..end]` of the lexed
    /// source, which begins at `line:col`.
    Expr {
        start: usize,
        end: usize,
        line: u32,
        col: u32,
    },
}

/// What a token is.
pub(crate) enum Tok {
    Open(Bracket),
    Close(Bracket),
    /// `#(`
    ShortLambda,
    /// `#u8(`
    Bytevector,
    Quote(QuoteKind),
    /// A lone `.`.
    Dot,
    /// A complete literal: number, string, regex, char, boolean, nil,
    /// symbol or keyword.
    Atom(Value),
    FString(Vec<FPart>),
}

/// A token and the position of its first character.
pub(crate) struct Token {
    pub tok: Tok,
    pub line: u32,
    pub col: u32,
}

/// The tokens of a text and the position just past its last character.
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub end_line: u32,
    pub end_col: u32,
}

/// A position tracker over the source. `pos` is always on a char boundary.
struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    col: u32,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        let b = *self.bytes.get(self.pos)?;
        if b < 0x80 {
            Some(b as char)
        } else {
            self.src.get(self.pos..)?.chars().next()
        }
    }

    fn byte_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos.wrapping_add(offset)).copied()
    }

    /// The char starting `offset` bytes ahead (only used after ASCII chars).
    fn char_at(&self, offset: usize) -> Option<char> {
        self.src
            .get(self.pos.checked_add(offset)?..)?
            .chars()
            .next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    /// Skips `n` ASCII bytes known to be on one line.
    fn skip_ascii(&mut self, n: usize) {
        self.pos += n;
        self.col = self.col.saturating_add(n as u32);
    }

    fn fail(&self, message: impl Into<String>, line: u32, col: u32) -> Fail {
        Fail::new(message, line, col)
    }
}

/// Bracket depth seen so far, used only to decide whether an error at the
/// end of the input could be fixed by more input (`needs_more_input`).
#[derive(Default)]
struct Depth {
    open: usize,
    broken: bool,
}

impl Depth {
    fn incomplete(&self) -> bool {
        self.open > 0 && !self.broken
    }
}

/// Tokenizes `src`, whose first char is at `line:col`. A `#!` line is a
/// shebang only at 1:1.
pub(crate) fn tokenize(src: &str, line: u32, col: u32) -> Result<Lexed, Fail> {
    let mut cur = Cursor {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        line,
        col,
    };
    let mut tokens = Vec::new();
    let mut depth = Depth::default();
    if line == 1 && col == 1 && src.starts_with("#!") {
        skip_line(&mut cur);
    }
    while let Some(b) = cur.byte_at(0) {
        let (line, col) = (cur.line, cur.col);
        let tok = match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                cur.bump();
                continue;
            }
            b';' => {
                skip_line(&mut cur);
                continue;
            }
            b'(' | b'[' | b'{' => {
                cur.skip_ascii(1);
                depth.open += 1;
                Tok::Open(Bracket::from_open(b))
            }
            b')' | b']' | b'}' => {
                cur.skip_ascii(1);
                match depth.open.checked_sub(1) {
                    Some(d) => depth.open = d,
                    None => depth.broken = true,
                }
                Tok::Close(Bracket::from_close(b))
            }
            b'\'' => {
                cur.skip_ascii(1);
                Tok::Quote(QuoteKind::Quote)
            }
            b'`' => {
                cur.skip_ascii(1);
                Tok::Quote(QuoteKind::Quasiquote)
            }
            b',' => {
                if cur.byte_at(1) == Some(b'@') {
                    cur.skip_ascii(2);
                    Tok::Quote(QuoteKind::UnquoteSplicing)
                } else {
                    cur.skip_ascii(1);
                    Tok::Quote(QuoteKind::Unquote)
                }
            }
            b'"' => {
                cur.skip_ascii(1);
                Tok::Atom(Value::string(lex_string(&mut cur, line, col)?))
            }
            b'#' => lex_dispatch(&mut cur, &mut depth, line, col)?,
            b':' => lex_keyword(&mut cur, line, col)?,
            b'f' if cur.byte_at(1) == Some(b'"') => {
                cur.skip_ascii(2);
                Tok::FString(lex_fstring(&mut cur, line, col)?)
            }
            b'0'..=b'9' => lex_number(&mut cur, line, col)?,
            b'-' if cur.byte_at(1).is_some_and(|d| d.is_ascii_digit()) => {
                lex_number(&mut cur, line, col)?
            }
            _ => {
                let c = cur.peek().unwrap_or('\u{fffd}');
                if !is_symbol_start(c) {
                    return Err(cur.fail(format!("unexpected character: '{c}'"), line, col));
                }
                lex_symbol(&mut cur)
            }
        };
        tokens.push(Token { tok, line, col });
    }
    Ok(Lexed {
        tokens,
        end_line: cur.line,
        end_col: cur.col,
    })
}

/// Skips to the next newline (which is left for the main loop) or the end.
fn skip_line(cur: &mut Cursor) {
    let rest = cur.bytes.get(cur.pos..).unwrap_or_default();
    let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let chars = cur
        .src
        .get(cur.pos..cur.pos + len)
        .map_or(0, |s| s.chars().count());
    cur.pos += len;
    cur.col = cur.col.saturating_add(chars as u32);
}

/// `#` dispatch (reader.md §4.9); the cursor is on the `#`.
fn lex_dispatch(cur: &mut Cursor, depth: &mut Depth, line: u32, col: u32) -> Result<Tok, Fail> {
    let Some(next) = cur.char_at(1) else {
        return Err(cur.fail("unexpected end of input after `#`", line, col));
    };
    match next {
        't' | 'f' => {
            cur.skip_ascii(2);
            Ok(Tok::Atom(Value::bool(next == 't')))
        }
        '\\' => {
            cur.skip_ascii(2);
            lex_char(cur, depth, line, col)
        }
        'u' if cur.byte_at(2) == Some(b'8') && cur.byte_at(3) == Some(b'(') => {
            cur.skip_ascii(4);
            depth.open += 1;
            Ok(Tok::Bytevector)
        }
        '(' => {
            cur.skip_ascii(2);
            depth.open += 1;
            Ok(Tok::ShortLambda)
        }
        '"' => {
            cur.skip_ascii(2);
            Ok(Tok::Atom(Value::string(lex_regex(cur, line, col)?)))
        }
        c => Err(cur.fail(format!("unexpected character after #: '{c}'"), line, col)),
    }
}

/// A character literal after `#\` (reader.md §4.6).
fn lex_char(cur: &mut Cursor, depth: &Depth, line: u32, col: u32) -> Result<Tok, Fail> {
    let Some(first) = cur.peek() else {
        let f = cur.fail("unexpected end of input after #\\", line, col);
        return Err(f.incomplete_if(depth.incomplete()));
    };
    if !first.is_alphabetic() {
        cur.bump();
        return Ok(Tok::Atom(Value::char(first)));
    }
    let start = cur.pos;
    while cur.peek().is_some_and(is_symbol_char) {
        cur.bump();
    }
    let name = cur.src.get(start..cur.pos).unwrap_or_default();
    let c = match name {
        "space" => ' ',
        "newline" => '\n',
        "tab" => '\t',
        "return" => '\r',
        "nul" => '\0',
        _ => {
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(cur.fail(format!("unknown character name: {name}"), line, col));
                }
            }
        }
    };
    Ok(Tok::Atom(Value::char(c)))
}

/// `:name` (reader.md §4.8); the cursor is on the `:`.
fn lex_keyword(cur: &mut Cursor, line: u32, col: u32) -> Result<Tok, Fail> {
    cur.skip_ascii(1);
    let start = cur.pos;
    while cur.peek().is_some_and(is_symbol_char) {
        cur.bump();
    }
    match cur.src.get(start..cur.pos) {
        Some(name) if !name.is_empty() => Ok(Tok::Atom(Value::keyword(Sym::intern(name)))),
        _ => Err(cur.fail("expected keyword name after ':'", line, col)),
    }
}

/// A symbol, or one of the reader-special words `true` `false` `nil` `.`.
fn lex_symbol(cur: &mut Cursor) -> Tok {
    let start = cur.pos;
    while cur.peek().is_some_and(is_symbol_char) {
        cur.bump();
    }
    match cur.src.get(start..cur.pos).unwrap_or_default() {
        "true" => Tok::Atom(Value::TRUE),
        "false" => Tok::Atom(Value::FALSE),
        "nil" => Tok::Atom(Value::NIL),
        "." => Tok::Dot,
        name => Tok::Atom(Value::symbol(Sym::intern(name))),
    }
}

/// An integer or float (reader.md §4.1, §4.2 with the D4 exponent rule). The
/// cursor is on a digit or on a `-` followed by a digit.
fn lex_number(cur: &mut Cursor, line: u32, col: u32) -> Result<Tok, Fail> {
    let bytes = cur.bytes;
    let digit_at = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
    let start = cur.pos;
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    while digit_at(i) {
        i += 1;
    }
    let mut is_float = false;
    if bytes.get(i) == Some(&b'.') && digit_at(i + 1) {
        i += 1;
        while digit_at(i) {
            i += 1;
        }
        is_float = true;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digit_at(j) {
            while digit_at(j) {
                j += 1;
            }
            // D4: the exponent counts only when nothing that could continue
            // a symbol follows it; otherwise `1e5x` is `1` then `e5x`.
            let after = cur.src.get(j..).and_then(|s| s.chars().next());
            if !after.is_some_and(is_symbol_char) {
                i = j;
                is_float = true;
            }
        }
    }
    let text = cur.src.get(start..i).unwrap_or_default();
    cur.skip_ascii(i - start);
    if is_float {
        match text.parse::<f64>() {
            Ok(f) => Ok(Tok::Atom(Value::float(f))),
            Err(_) => Err(cur.fail(format!("invalid float: {text}"), line, col)),
        }
    } else {
        match text.parse::<i64>() {
            Ok(n) => Ok(Tok::Atom(Value::int(n))),
            Err(_) => Err(cur.fail(format!("invalid integer: {text}"), line, col)),
        }
    }
}

/// The body of a string after its opening `"` (reader.md §4.3). Errors are
/// reported at the opening quote, `line:col`.
fn lex_string(cur: &mut Cursor, line: u32, col: u32) -> Result<String, Fail> {
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => return Err(cur.fail("unterminated string", line, col).incomplete()),
            Some('"') => return Ok(out),
            Some('\\') => {
                if cur.peek().is_none() {
                    return Err(cur.fail("unterminated string", line, col).incomplete());
                }
                lex_escape(cur, &mut out, line, col)?;
            }
            Some(c) => out.push(c),
        }
    }
}

/// One escape after a `\` in a string or f-string; the cursor is on the
/// char after the backslash, which exists.
fn lex_escape(cur: &mut Cursor, out: &mut String, line: u32, col: u32) -> Result<(), Fail> {
    let Some(c) = cur.bump() else {
        return Err(cur.fail("unterminated string", line, col).incomplete());
    };
    match c {
        'n' => out.push('\n'),
        't' => out.push('\t'),
        'r' => out.push('\r'),
        '\\' => out.push('\\'),
        '"' => out.push('"'),
        '0' => out.push('\0'),
        '$' => out.push('$'),
        'x' => {
            let start = cur.pos;
            while cur.peek().is_some_and(|h| h.is_ascii_hexdigit()) {
                cur.bump();
            }
            let hex = cur.src.get(start..cur.pos).unwrap_or_default();
            let at_end = cur.peek().is_none();
            if hex.is_empty() {
                let f = cur.fail("empty hex escape \\x;", line, col);
                return Err(f.incomplete_if(at_end));
            }
            if cur.peek() != Some(';') {
                let f = cur.fail("hex escape \\x missing terminating semicolon", line, col);
                return Err(f.incomplete_if(at_end));
            }
            cur.bump();
            out.push(scalar(hex).ok_or_else(|| {
                cur.fail(format!("invalid unicode scalar value \\x{hex};"), line, col)
            })?);
        }
        'u' | 'U' => {
            let want = if c == 'u' { 4 } else { 8 };
            let start = cur.pos;
            for _ in 0..want {
                match cur.peek() {
                    Some(h) if h.is_ascii_hexdigit() => {
                        cur.bump();
                    }
                    next => {
                        let f = cur.fail(
                            format!("\\{c} escape requires exactly {want} hex digits"),
                            line,
                            col,
                        );
                        return Err(f.incomplete_if(next.is_none()));
                    }
                }
            }
            let hex = cur.src.get(start..cur.pos).unwrap_or_default();
            out.push(scalar(hex).ok_or_else(|| {
                cur.fail(
                    format!("invalid unicode scalar value \\{c}{hex}"),
                    line,
                    col,
                )
            })?);
        }
        other => {
            out.push('\\');
            out.push(other);
        }
    }
    Ok(())
}

/// The char with the code point given by ASCII hex digits, if it is a
/// Unicode scalar value (no surrogates, at most U+10FFFF).
fn scalar(hex: &str) -> Option<char> {
    let mut code: u32 = 0;
    for d in hex.chars() {
        code = code.checked_mul(16)?.checked_add(d.to_digit(16)?)?;
    }
    char::from_u32(code)
}

/// A regex literal after `#"` (reader.md §4.5): a raw string where `\"` is a
/// quote and any other backslash pair is kept as written.
fn lex_regex(cur: &mut Cursor, line: u32, col: u32) -> Result<String, Fail> {
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => {
                return Err(cur
                    .fail("unterminated regex literal", line, col)
                    .incomplete())
            }
            Some('"') => return Ok(out),
            Some('\\') => match cur.bump() {
                None => {
                    return Err(cur
                        .fail("unterminated regex literal", line, col)
                        .incomplete());
                }
                Some('"') => out.push('"'),
                Some(c) => {
                    out.push('\\');
                    out.push(c);
                }
            },
            Some(c) => out.push(c),
        }
    }
}

/// An f-string body after `f"` (reader.md §4.4). Errors are reported at the
/// `f`, `line:col`.
fn lex_fstring(cur: &mut Cursor, line: u32, col: u32) -> Result<Vec<FPart>, Fail> {
    let mut parts = Vec::new();
    let mut text = String::new();
    loop {
        match cur.peek() {
            None => return Err(cur.fail("unterminated f-string", line, col).incomplete()),
            Some('"') => {
                cur.bump();
                break;
            }
            Some('\\') => {
                cur.bump();
                if cur.peek().is_none() {
                    return Err(cur.fail("unterminated f-string", line, col).incomplete());
                }
                lex_escape(cur, &mut text, line, col)?;
            }
            Some('$') if cur.byte_at(1) == Some(b'{') => {
                if !text.is_empty() {
                    parts.push(FPart::Text(std::mem::take(&mut text)));
                }
                cur.skip_ascii(2);
                parts.push(lex_interpolation(cur, line, col)?);
            }
            Some(c) => {
                cur.bump();
                text.push(c);
            }
        }
    }
    if !text.is_empty() {
        parts.push(FPart::Text(text));
    }
    Ok(parts)
}

/// The text of `${...}` up to the matching `}` (braces counted, strings not
/// understood); the cursor is just after `${` and ends after the `}`.
fn lex_interpolation(cur: &mut Cursor, line: u32, col: u32) -> Result<FPart, Fail> {
    let start = cur.pos;
    let (mut text_line, mut text_col) = (cur.line, cur.col);
    let mut braces = 1usize;
    loop {
        match cur.peek() {
            None => {
                let f = cur.fail("unterminated interpolation in f-string", line, col);
                return Err(f.incomplete());
            }
            Some('{') => braces += 1,
            Some('}') => {
                braces -= 1;
                if braces == 0 {
                    break;
                }
            }
            Some(_) => {}
        }
        cur.bump();
    }
    let raw = cur.src.get(start..cur.pos).unwrap_or_default();
    cur.bump();
    let trimmed_start = raw.trim_start();
    let lead = raw.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end();
    if trimmed.is_empty() {
        return Err(cur.fail("empty interpolation in f-string", line, col));
    }
    for c in raw.get(..lead).unwrap_or_default().chars() {
        if c == '\n' {
            text_line = text_line.saturating_add(1);
            text_col = 1;
        } else {
            text_col = text_col.saturating_add(1);
        }
    }
    Ok(FPart::Expr {
        start: start + lead,
        end: start + lead + trimmed.len(),
        line: text_line,
        col: text_col,
    })
}
