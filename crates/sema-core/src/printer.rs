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
///
/// Each level asks only whether its repr fits in the room left
/// ([`repr_within`] stops writing past it), so deep or long data costs time
/// linear in its size, not quadratic.
pub fn pretty(v: &Value) -> String {
    if let Some(flat) = repr_within(v, PRETTY_WIDTH) {
        return flat;
    }
    let mut out = String::new();
    pp(&mut out, v, 0);
    out
}

/// The repr of `v` if it is at most `limit` bytes long.
fn repr_within(v: &Value, limit: usize) -> Option<String> {
    let mut out = String::new();
    write_repr_within(&mut out, v, limit).then_some(out)
}

/// `open`, the repr of each of `xs` separated by spaces, `close`; false
/// once `out` is longer than `limit`.
fn items_within(
    out: &mut String,
    open: &str,
    close: char,
    xs: &mut dyn Iterator<Item = &Value>,
    limit: usize,
) -> bool {
    out.push_str(open);
    for (i, x) in xs.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if out.len() > limit || !write_repr_within(out, x, limit) {
            return false;
        }
    }
    out.push(close);
    out.len() <= limit
}

/// Writes the repr of `v` until `out` is longer than `limit`; false then.
/// Every nesting level writes a byte before descending, so the recursion is
/// at most `limit` deep.
fn write_repr_within(out: &mut String, v: &Value, limit: usize) -> bool {
    let items =
        |out: &mut String, open: &str, close: char, xs: &mut dyn Iterator<Item = &Value>| {
            items_within(out, open, close, xs, limit)
        };
    match v.view() {
        View::Cons(_) => items(out, "(", ')', &mut v.list_iter()),
        View::Vector(xs) => items(out, "[", ']', &mut xs.iter()),
        View::Map(m) => items(
            out,
            "{",
            '}',
            &mut m.entries.iter().flat_map(|(k, x)| [&k.0, x]),
        ),
        View::HashMap(m) => {
            let entries = sorted_entries(m);
            let mut xs = entries.iter().flat_map(|(k, x)| [k, *x]);
            items_within(out, "{", '}', &mut xs, limit)
        }
        View::Record(r) => {
            out.push_str("#<record ");
            out.push_str(r.type_name.name());
            for f in r.fields.iter() {
                out.push(' ');
                if out.len() > limit || !write_repr_within(out, f, limit) {
                    return false;
                }
            }
            out.push('>');
            out.len() <= limit
        }
        View::Cell(c) => write_repr_within(out, &c.value.borrow(), limit),
        _ => {
            write_repr(out, v);
            out.len() <= limit
        }
    }
}

/// Indentation past which the pretty-printer stops breaking lines and
/// writes the plain repr: beyond it the spec's layout would cost space
/// quadratic in the depth (a 1,000,000-deep map would need terabytes).
const MAX_PRETTY_INDENT: usize = 2000;

fn pp(out: &mut String, v: &Value, indent: usize) {
    if indent > MAX_PRETTY_INDENT {
        write_repr(out, v);
        return;
    }
    if let Some(flat) = repr_within(v, PRETTY_WIDTH.saturating_sub(indent)) {
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
                pp(out, item, indent + 1);
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
                let room = PRETTY_WIDTH.saturating_sub(indent + 1 + ks.len() + 1);
                let breakable = matches!(
                    x.view(),
                    View::Cons(_) | View::Empty | View::Vector(_) | View::Map(_) | View::HashMap(_)
                );
                match repr_within(x, room) {
                    Some(vs) => {
                        out.push(' ');
                        out.push_str(&vs);
                    }
                    None if !breakable => {
                        out.push(' ');
                        write_repr(out, x);
                    }
                    None => {
                        out.push('\n');
                        push_spaces(out, indent + 3);
                        pp(out, x, indent + 3);
                    }
                }
            }
            out.push('}');
        }),
        None => write_repr(out, v),
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(n: i64) -> Value {
        Value::list((0..n).map(Value::int).collect())
    }

    #[test]
    fn pretty_breaks_long_lists_one_per_line() {
        let text = pretty(&range(40));
        assert!(text.starts_with("(0\n 1\n 2\n"));
        assert!(text.ends_with("\n 39)"));
        assert_eq!(pretty(&range(3)), "(0 1 2)");
    }

    #[test]
    fn pretty_map_example() {
        let m = Value::map_from([
            (Value::kw("alpha"), range(20)),
            (
                Value::kw("beta"),
                Value::string("a long string value that is long enough"),
            ),
            (
                Value::kw("gamma"),
                Value::map_from([(Value::kw("x"), range(25))]),
            ),
        ]);
        let want = "{:alpha (0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19)\n \
                    :beta \"a long string value that is long enough\"\n \
                    :gamma {:x (0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24)}}";
        assert_eq!(pretty(&m), want);
    }

    #[test]
    fn repr_within_stops_at_the_limit() {
        assert_eq!(repr_within(&range(3), 7).as_deref(), Some("(0 1 2)"));
        assert_eq!(repr_within(&range(3), 6), None);
        assert_eq!(repr_within(&range(1_000_000), 80), None);
    }

    #[test]
    fn pretty_deep_data_is_linear_and_bounded() {
        let n = 200_000;
        let mut list = Value::EMPTY_LIST;
        let mut map = Value::map_from(Vec::<(Value, Value)>::new());
        for _ in 0..n {
            list = Value::list(vec![list]);
            map = Value::map_from([(Value::kw("a"), map)]);
        }
        let start = std::time::Instant::now();
        let text = pretty(&list);
        assert_eq!(text.len(), 2 * n + 2);
        let text = pretty(&map);
        // Lines break until the indentation cap, then the rest is flat.
        assert!(text.len() < 2_000_000 + 5 * n, "{}", text.len());
        assert!(text.contains("{:a {}}}}"));
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}
