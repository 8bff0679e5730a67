//! Building strings from arbitrary values (spec/stdlib.md §9.1 `str`, §9.3
//! `string/join`, §9.6 `format`).
//!
//! All of them write the *display form* of a value (a string's raw text,
//! anything else its repr, so chars keep `#\` and strings nested in
//! collections are quoted and escaped, D5); `format`'s `~s` writes the repr.

use std::rc::Rc;

use sema_core::printer::{write_display, write_repr};
use sema_core::value::CompactString;
use sema_core::{Ctx, Error, Result, Value};

use super::{check_size, seq_iter};
use crate::util::string;

/// `(str v ...)` and `(string-append v ...)`: the display forms of the
/// arguments, concatenated; never a type error.
///
/// A uniquely owned string in first position is extended in place, so
/// nested concatenations such as `(str (str a b) c)` copy once.
pub(super) fn concat(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if let [only] = args {
        if only.is_string() {
            return Ok(std::mem::take(only));
        }
    }
    let Some((first, rest)) = args.split_first_mut() else {
        return Ok(Value::string(String::new()));
    };
    let extra: usize = rest
        .iter()
        .map(|v| v.as_str().map_or(8, str::len))
        .fold(0, usize::saturating_add);
    let mut out = take_display(first);
    out.reserve(extra.min(super::MAX_RESULT_BYTES));
    for v in rest.iter() {
        push_display(&mut out, v, "str")?;
    }
    Ok(Value::string(out))
}

/// The display form of `v` as an owned string, reusing the buffer of a
/// uniquely owned string instead of copying it.
fn take_display(v: &mut Value) -> String {
    if v.is_string() && v.is_unique() {
        if let Ok(rc) = std::mem::take(v).into_rc::<CompactString>() {
            return Rc::try_unwrap(rc).map_or_else(|rc| rc.to_string(), CompactString::into_string);
        }
    }
    let mut out = String::new();
    write_display(&mut out, v);
    out
}

/// Appends the display form of `v`, refusing to grow `out` past the cap.
fn push_display(out: &mut String, v: &Value, fname: &str) -> Result<()> {
    match v.as_str() {
        Some(s) => {
            check_size(fname, out.len().checked_add(s.len()))?;
            out.push_str(s);
        }
        None => {
            write_display(out, v);
            check_size(fname, Some(out.len()))?;
        }
    }
    Ok(())
}

/// `(string/join seq sep)`: the display forms of the elements of a list or
/// vector, separated by `sep`. Note the order: sequence first.
pub(super) fn join(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let items = seq_iter(&args[0]).ok_or_else(|| Error::type_error("list or vector", &args[0]))?;
    let sep = string(&args[1])?;
    let mut out = String::new();
    for (n, item) in items.enumerate() {
        if n > 0 {
            check_size("string/join", out.len().checked_add(sep.len()))?;
            out.push_str(sep);
        }
        push_display(&mut out, item, "string/join")?;
    }
    Ok(Value::string(out))
}

/// `(format fmt arg ...)`: `~a`/`~A` writes the next argument's display
/// form, `~s`/`~S` its repr, `~%` a newline and `~~` a tilde. Any other
/// `~X` and a trailing lone `~` are copied as they are; a directive with no
/// argument left writes nothing, and extra arguments are ignored.
pub(super) fn format(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let fmt = string(&args[0])?;
    let mut out = String::with_capacity(fmt.len());
    let mut next = 1;
    let mut rest = fmt;
    while let Some(pos) = rest.find('~') {
        out.push_str(&rest[..pos]);
        let mut after = rest[pos + 1..].chars();
        match after.next() {
            Some('a' | 'A') => {
                if let Some(v) = args.get(next) {
                    push_display(&mut out, v, "format")?;
                    next += 1;
                }
            }
            Some('s' | 'S') => {
                if let Some(v) = args.get(next) {
                    write_repr(&mut out, v);
                    check_size("format", Some(out.len()))?;
                    next += 1;
                }
            }
            Some('%') => out.push('\n'),
            Some('~') => out.push('~'),
            Some(other) => {
                out.push('~');
                out.push(other);
            }
            None => out.push('~'),
        }
        rest = after.as_str();
    }
    out.push_str(rest);
    Ok(Value::string(out))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, i, ok, ok_str, s};
    use sema_core::Value;

    #[test]
    fn str_concatenates_display_forms() {
        let args = [s("a"), i(1), Value::kw("b"), Value::char('c'), Value::NIL];
        assert_eq!(ok_str("str", &args), "a1:b#\\cnil");
        assert_eq!(ok_str("str", &[]), "");
        assert_eq!(
            ok_str("str", &[Value::list(vec![s("a\"b")])]),
            "(\"a\\\"b\")"
        );
        assert_eq!(ok_str("str", &[Value::float(2.5), Value::TRUE]), "2.5#t");
        assert_eq!(
            ok_str("string-append", &[s("foo"), s("bar"), s("baz")]),
            "foobarbaz"
        );
        assert_eq!(ok_str("string/append", &[]), "");
        assert_eq!(ok_str("string-append", &[i(1), s("x")]), "1x");
        assert_eq!(ok_str("str", &[s("only")]), "only");
        assert_eq!(ok_str("str", &[i(7)]), "7");
    }

    #[test]
    fn str_does_not_disturb_a_shared_first_string() {
        let shared = s("ab");
        let keep = shared.clone();
        assert_eq!(ok_str("str", &[shared, s("c")]), "abc");
        assert_eq!(keep.as_str(), Some("ab"));
    }

    #[test]
    fn join_uses_display_forms() {
        let items = Value::list(vec![s("a"), i(1), Value::kw("b"), Value::char('c')]);
        assert_eq!(ok_str("string/join", &[items, s("-")]), "a-1-:b-#\\c");
        let v = Value::vector(vec![s("a"), s("b"), s("c")]);
        assert_eq!(ok_str("string-join", &[v, s(", ")]), "a, b, c");
        assert_eq!(ok_str("string/join", &[Value::EMPTY_LIST, s("-")]), "");
        assert_eq!(
            ok_str("string/join", &[Value::list(vec![s("solo")]), s("-")]),
            "solo"
        );
        let nested = Value::list(vec![Value::list(vec![s("x")])]);
        assert_eq!(ok_str("string/join", &[nested, s("")]), "(\"x\")");
    }

    #[test]
    fn join_type_errors() {
        assert_eq!(
            err("string/join", &[s("abc"), s(",")]).1,
            "expected list or vector, got string"
        );
        assert_eq!(
            err("string/join", &[Value::EMPTY_LIST, Value::NIL]).1,
            "expected string, got nil"
        );
    }

    #[test]
    fn format_directives() {
        assert_eq!(
            ok_str("format", &[s("~a*~a=~a"), i(6), i(7), i(42)]),
            "6*7=42"
        );
        assert_eq!(
            ok_str("format", &[s("~s vs ~a"), s("q"), s("q")]),
            "\"q\" vs q"
        );
        assert_eq!(ok_str("format", &[s("100~~ ~%next")]), "100~ \nnext");
        assert_eq!(ok_str("format", &[s("~A|~S"), s("x"), s("y")]), "x|\"y\"");
        assert_eq!(ok_str("format", &[s("~x ~d")]), "~x ~d");
        assert_eq!(ok_str("format", &[s("end~")]), "end~");
        assert_eq!(ok_str("format", &[s("~a ~a"), i(1)]), "1 ");
        assert_eq!(ok_str("format", &[s("~a"), i(1), i(2)]), "1");
        assert_eq!(ok_str("format", &[s("~é~a"), Value::char('z')]), "~é#\\z");
        assert_eq!(ok_str("format", &[s("~s"), s("a\nb")]), "\"a\\nb\"");
        assert_eq!(
            ok_str("format", &[s("héllo ~a"), s("wörld")]),
            "héllo wörld"
        );
    }

    #[test]
    fn format_errors() {
        assert_eq!(err("format", &[i(1)]).1, "expected string, got int");
        assert_eq!(err("format", &[]).1, "format expects 1+ args, got 0");
        assert_eq!(ok("format", &[s("")]), "\"\"");
    }
}
