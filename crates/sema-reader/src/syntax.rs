//! Character classes and small token vocabularies shared by the lexer and
//! the parser (reader.md §3, §5).

use sema_core::{sym, Sym};

/// A symbol may start with a Unicode alphabetic char or one of
/// `+ - * / ! ? < > = _ & % ^ ~ .` (reader.md §3).
pub(crate) fn is_symbol_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                '+' | '-'
                    | '*'
                    | '/'
                    | '!'
                    | '?'
                    | '<'
                    | '>'
                    | '='
                    | '_'
                    | '&'
                    | '%'
                    | '^'
                    | '~'
                    | '.'
            )
    } else {
        c.is_alphabetic()
    }
}

/// A symbol continues with any start char, an ASCII digit or `#`.
pub(crate) fn is_symbol_char(c: char) -> bool {
    is_symbol_start(c) || c.is_ascii_digit() || c == '#'
}

/// The three bracket pairs.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum Bracket {
    Paren,
    Square,
    Curly,
}

impl Bracket {
    /// The bracket opened by `(`, `[` or `{`.
    pub(crate) fn from_open(b: u8) -> Bracket {
        match b {
            b'[' => Bracket::Square,
            b'{' => Bracket::Curly,
            _ => Bracket::Paren,
        }
    }

    /// The bracket closed by `)`, `]` or `}`.
    pub(crate) fn from_close(b: u8) -> Bracket {
        match b {
            b']' => Bracket::Square,
            b'}' => Bracket::Curly,
            _ => Bracket::Paren,
        }
    }

    pub(crate) fn open_char(self) -> char {
        match self {
            Bracket::Paren => '(',
            Bracket::Square => '[',
            Bracket::Curly => '{',
        }
    }

    pub(crate) fn close_char(self) -> char {
        match self {
            Bracket::Paren => ')',
            Bracket::Square => ']',
            Bracket::Curly => '}',
        }
    }
}

/// The four quote prefixes (reader.md §5.5).
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum QuoteKind {
    Quote,
    Quasiquote,
    Unquote,
    UnquoteSplicing,
}

impl QuoteKind {
    /// The symbol the prefix wraps its form in.
    pub(crate) fn symbol(self) -> Sym {
        match self {
            QuoteKind::Quote => sym::QUOTE,
            QuoteKind::Quasiquote => sym::QUASIQUOTE,
            QuoteKind::Unquote => sym::UNQUOTE,
            QuoteKind::UnquoteSplicing => sym::UNQUOTE_SPLICING,
        }
    }

    /// The error for a prefix with no form after it, which (QUIRK) also
    /// replaces any error inside the quoted form.
    pub(crate) fn message(self) -> &'static str {
        match self {
            QuoteKind::Quote => "quote (') requires an expression after it",
            QuoteKind::Quasiquote => "quasiquote (`) requires an expression after it",
            QuoteKind::Unquote => "unquote (,) requires an expression after it",
            QuoteKind::UnquoteSplicing => "unquote-splicing (,@) requires an expression after it",
        }
    }
}
