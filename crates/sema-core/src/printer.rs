//! The two textual renderings of a value (values-and-printing.md §5): the
//! repr, which reads back, and the display form, which writes a top-level
//! string raw; plus the 80-column pretty-printer.
//!
//! Nested data is printed under the stack guard, so 100,000-deep values print
//! without overflowing the native stack (spec D6).

use std::fmt::Write;

use crate::number::format_float;
use crate::order::sorted_entries;
use crate::value::{PromiseState, Value, View};

/// Width the pretty-printer fills, in bytes.
pub const PRETTY_WIDTH: usize = 80;

/// The repr of a value.
pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, v);
    out
}

/// The display form: a string's own characters, anything else its repr.
pub fn display(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => repr(v),
    }
}

/// Appends the display form of `v` to `out`.
pub fn write_display(out: &mut String, v: &Value) {
    match v.as_str() {
        Some(s) => out.push_str(s),
        None => write_repr(out, v),
    }
}

/// Appends a string's repr: quoted and escaped so that it reads back (D5).
pub fn write_string_repr(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x};", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The repr of a character: `#\a`, `#\space`, ...
pub fn char_repr(c: char) -> String {
    match c {
        ' ' => "#\\space".into(),
        '\n' => "#\\newline".into(),
        '\t' => "#\\tab".into(),
        '\r' => "#\\return".into(),
        '\0' => "#\\nul".into(),
        c => format!("#\\{c}"),
    }
}

/// Appends the repr of `v` to `out`.
pub fn write_repr(out: &mut String, v: &Value) {
    match v.view() {
        View::Nil => out.push_str("nil"),
        View::Bool(true) => out.push_str("#t"),
        View::Bool(false) => out.push_str("#f"),
        View::Int(i) => {
            let _ = write!(out, "{i}");
        }
        View::Float(f) => out.push_str(&format_float(f)),
        View::Char(c) => out.push_str(&char_repr(c)),
        View::Symbol(s) => out.push_str(s.name()),
        View::Keyword(s) => {
            out.push(':');
            out.push_str(s.name());
        }
        View::String(s) => write_string_repr(out, s),
        View::Empty => out.push_str("()"),
        View::Cons(_) => crate::with_stack(|| {
            out.push('(');
            for (i, x) in v.list_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_repr(out, x);
            }
            out.push(')');
        }),
        View::Vector(xs) => crate::with_stack(|| {
            out.push('[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_repr(out, x);
            }
            out.push(']');
        }),
        View::Map(m) => crate::with_stack(|| {
            write_entries(out, m.entries.iter().map(|(k, v)| (&k.0, v)));
        }),
        View::HashMap(m) => crate::with_stack(|| {
            write_entries(out, sorted_entries(m).iter().map(|(k, v)| (k, *v)));
        }),
        View::Bytevector(b) => {
            out.push_str("#u8(");
            for (i, x) in b.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{x}");
            }
            out.push(')');
        }
        View::Record(r) => crate::with_stack(|| {
            out.push_str("#<record ");
            out.push_str(r.type_name.name());
            for f in r.fields.iter() {
                out.push(' ');
                write_repr(out, f);
            }
            out.push('>');
        }),
        View::Lambda(l) => match l.name {
            Some(n) => {
                let _ = write!(out, "<lambda {}>", n.name());
            }
            None => out.push_str("<lambda>"),
        },
        View::NativeFn(n) => {
            let _ = write!(out, "<native-fn {}>", n.name.name());
        }
        View::Macro(m) => {
            let _ = write!(out, "<macro {}>", m.name.name());
        }
        View::Promise(p) => match &*p.state.borrow() {
            PromiseState::Delayed(_) => out.push_str("<promise>"),
            PromiseState::Forced(_) => out.push_str("<promise (forced)>"),
        },
        View::MultiMethod(m) => {
            let _ = write!(out, "<multimethod {}>", m.name.name());
        }
        View::Cell(c) => write_repr(out, &c.value.borrow()),
        View::Undefined => out.push_str("#<undefined>"),
    }
}

fn write_entries<'a>(out: &mut String, entries: impl Iterator<Item = (&'a Value, &'a Value)>) {
    out.push('{');
    for (i, (k, x)) in entries.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_repr(out, k);
        out.push(' ');
        write_repr(out, x);
    }
    out.push('}');
}

/// The pretty repr (values-and-printing.md §5.4): the repr if it fits in 80
/// bytes, otherwise lists, vectors and maps broken one element per line.
pub fn pretty(v: &Value) -> String {
    let flat = repr(v);
    if flat.len() <= PRETTY_WIDTH {
        return flat;
    }
    let mut out = String::new();
    pp(&mut out, v, 0, Some(flat));
    out
}

fn pp(out: &mut String, v: &Value, indent: usize, flat: Option<String>) {
    let flat = flat.unwrap_or_else(|| repr(v));
    if flat.len() <= PRETTY_WIDTH.saturating_sub(indent) {
        out.push_str(&flat);
        return;
    }
    let seq: Option<(char, char, Vec<&Value>)> = match v.view() {
        View::Cons(_) => Some(('(', ')', v.list_iter().collect())),
        View::Vector(xs) => Some(('[', ']', xs.iter().collect())),
        _ => None,
    };
    if let Some((open, close, items)) = seq {
        crate::with_stack(|| {
            out.push(open);
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    push_spaces(out, indent + 1);
                }
                pp(out, item, indent + 1, None);
            }
            out.push(close);
        });
        return;
    }
    let entries: Option<Vec<(Value, &Value)>> = match v.view() {
        View::Map(m) => Some(m.entries.iter().map(|(k, x)| (k.0.clone(), x)).collect()),
        View::HashMap(m) => Some(sorted_entries(m)),
        _ => None,
    };
    match entries {
        Some(entries) => crate::with_stack(|| {
            out.push('{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    push_spaces(out, indent + 1);
                }
                let ks = repr(&k);
                out.push_str(&ks);
                let vs = repr(x);
                let room = PRETTY_WIDTH.saturating_sub(indent + 1 + ks.len() + 1);
                let breakable = matches!(
                    x.view(),
                    View::Cons(_) | View::Empty | View::Vector(_) | View::Map(_) | View::HashMap(_)
                );
                if vs.len() <= room || !breakable {
                    out.push(' ');
                    out.push_str(&vs);
                } else {
                    out.push('\n');
                    push_spaces(out, indent + 3);
                    pp(out, x, indent + 3, Some(vs));
                }
            }
            out.push('}');
        }),
        None => out.push_str(&flat),
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
