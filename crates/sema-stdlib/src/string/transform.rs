//! Functions that build a changed copy of a string (spec/stdlib.md §9.3,
//! case mapping aside): trimming, reversing, repeating, padding,
//! replacing, mapping, Unicode normalization and splitting.
//!
//! Results whose size follows from a user number (`string/repeat`, padding)
//! or from repeated insertion (`string/replace`, `string/map`) are checked
//! against [`super::MAX_RESULT_BYTES`] before they are built.

use sema_core::{Ctx, Error, Result, Value};
use unicode_normalization::UnicodeNormalization;

use super::{char_count, check_size};
use crate::util::{count, string};

/// `piece` (a part of the string in `args[0]`) as a value, sharing the
/// argument when nothing was cut off.
fn part(args: &[Value], whole: &str, piece: &str) -> Value {
    if piece.len() == whole.len() {
        args[0].clone()
    } else {
        Value::string(piece)
    }
}

/// `(string/trim s)`: remove Unicode whitespace at both ends.
pub(super) fn trim(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(part(args, s, s.trim()))
}

/// `(string/trim-left s)`: remove Unicode whitespace at the start.
pub(super) fn trim_left(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(part(args, s, s.trim_start()))
}

/// `(string/trim-right s)`: remove Unicode whitespace at the end.
pub(super) fn trim_right(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(part(args, s, s.trim_end()))
}

/// `(string/reverse s)`: the characters in reverse order.
pub(super) fn reverse(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::string(s.chars().rev().collect::<String>()))
}

/// `(string/repeat s n)` and `make-string`: `s` repeated n times. A negative
/// n is an `:eval` error [FIX], and so is a result over the size cap.
pub(super) fn repeat(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let n = count(&args[1], "string/repeat")?;
    check_size("string/repeat", s.len().checked_mul(n))?;
    Ok(Value::string(s.repeat(n)))
}

/// Pads `s` to `width` characters with the first character of the optional
/// pad string (a space by default or when the pad string is empty).
fn pad(args: &[Value], fname: &str, left: bool) -> Result<Value> {
    let s = string(&args[0])?;
    let width = count(&args[1], fname)?;
    let fill = match args.get(2) {
        Some(v) => string(v)?.chars().next().unwrap_or(' '),
        None => ' ',
    };
    let len = char_count(s);
    if len >= width {
        return Ok(args[0].clone());
    }
    let missing = width - len;
    let bytes = missing
        .checked_mul(fill.len_utf8())
        .and_then(|b| b.checked_add(s.len()));
    let mut out = String::with_capacity(check_size(fname, bytes)?);
    if !left {
        out.push_str(s);
    }
    out.extend(std::iter::repeat_n(fill, missing));
    if left {
        out.push_str(s);
    }
    Ok(Value::string(out))
}

/// `(string/pad-left s width [pad])`: pad on the left (`"5" 3 "xy"` ⇒ `"xx5"`).
pub(super) fn pad_left(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    pad(args, "string/pad-left", true)
}

/// `(string/pad-right s width [pad])`: pad on the right.
pub(super) fn pad_right(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    pad(args, "string/pad-right", false)
}

/// The three string arguments of the replace family.
fn three(args: &[Value]) -> Result<(&str, &str, &str)> {
    Ok((string(&args[0])?, string(&args[1])?, string(&args[2])?))
}

/// Replaces every occurrence of `from` in `args[0]` by `to`; an empty
/// `from` inserts `to` between all characters and at both ends.
fn replace_all(args: &[Value], s: &str, from: &str, to: &str, fname: &str) -> Result<Value> {
    if from.is_empty() {
        let slots = char_count(s).checked_add(1);
        let bytes = slots
            .and_then(|n| n.checked_mul(to.len()))
            .and_then(|b| b.checked_add(s.len()));
        check_size(fname, bytes)?;
    } else {
        if !s.contains(from) {
            return Ok(args[0].clone());
        }
        if to.len() > from.len() {
            let growth = (to.len() - from.len()).checked_mul(s.matches(from).count());
            check_size(fname, growth.and_then(|g| g.checked_add(s.len())))?;
        }
    }
    Ok(Value::string(s.replace(from, to)))
}

/// `(string/replace s from to)`: replace all occurrences.
pub(super) fn replace(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, from, to) = three(args)?;
    replace_all(args, s, from, to, "string/replace")
}

/// `s` with the `from.len()` bytes at byte offset `at` replaced by `to`.
fn splice(s: &str, at: usize, from: &str, to: &str) -> Value {
    let (head, tail) = (s.get(..at), s.get(at + from.len()..));
    match (head, tail) {
        (Some(head), Some(tail)) => Value::string([head, to, tail].concat()),
        _ => Value::string(s),
    }
}

/// `(string/replace-first s from to)`: replace the first occurrence only.
pub(super) fn replace_first(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, from, to) = three(args)?;
    Ok(match s.find(from) {
        Some(at) => splice(s, at, from, to),
        None => args[0].clone(),
    })
}

/// `(string/replace-last s from to)`: replace the last occurrence only.
pub(super) fn replace_last(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, from, to) = three(args)?;
    Ok(match s.rfind(from) {
        Some(at) => splice(s, at, from, to),
        None => args[0].clone(),
    })
}

/// `(string/remove s sub)`: remove all occurrences of `sub`.
pub(super) fn remove(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let sub = string(&args[1])?;
    replace_all(args, s, sub, "", "string/remove")
}

/// `(string/map f s)`: each character through `f`, which may return a char
/// or a string; any other result is the type error `expected char or string`.
pub(super) fn map(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[1])?;
    let f = &args[0];
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r = ctx.call(f, &mut [Value::char(c)])?;
        if let Some(c) = r.as_char() {
            out.push(c);
        } else if let Some(t) = r.as_str() {
            check_size("string/map", out.len().checked_add(t.len()))?;
            out.push_str(t);
        } else {
            return Err(Error::type_error("char or string", &r));
        }
    }
    Ok(Value::string(out))
}

/// `(string/normalize s form)`: Unicode normalization; `form` is a string
/// or keyword naming `nfc`, `nfd`, `nfkc` or `nfkd` in any case.
pub(super) fn normalize(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let form = match (args[1].as_str(), args[1].as_keyword()) {
        (Some(name), _) => name.to_lowercase(),
        (None, Some(k)) => k.name().to_lowercase(),
        _ => return Err(Error::type_error("string or keyword", &args[1])),
    };
    if !matches!(form.as_str(), "nfc" | "nfd" | "nfkc" | "nfkd") {
        let shown = args[1].as_str().unwrap_or(&form);
        return Err(Error::eval(format!(
            "string/normalize: unknown form {shown:?}"
        )));
    }
    if s.is_ascii() {
        // Every normalization form leaves ASCII text as it is.
        return Ok(args[0].clone());
    }
    let out: String = match form.as_str() {
        "nfc" => s.nfc().collect(),
        "nfd" => s.nfd().collect(),
        "nfkc" => s.nfkc().collect(),
        _ => s.nfkd().collect(),
    };
    Ok(Value::string(out))
}

/// `(string/split s sep)`: split on every occurrence of the literal
/// separator (`"a,,b"` ⇒ `("a" "" "b")`, `""` ⇒ `("")`; an empty separator
/// gives `("" "a" "b" "c" "")` for `"abc"`).
///
/// PERF: 1BRC splits every line on `";"`; a one-character separator is
/// split from the end with a char pattern (memrchr) and consed straight
/// into the list, with no intermediate vector.
pub(super) fn split(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let sep = string(&args[1])?;
    let mut sep_chars = sep.chars();
    if let (Some(c), None) = (sep_chars.next(), sep_chars.next()) {
        let mut out = Value::EMPTY_LIST;
        for piece in s.rsplit(c) {
            out = Value::cons(Value::string(piece), out);
        }
        return Ok(out);
    }
    Ok(Value::list(s.split(sep).map(Value::string).collect()))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, i, ok, ok_str, s};
    use sema_core::{Arity, Value};

    #[test]
    fn trims() {
        assert_eq!(ok_str("string/trim", &[s("  hi  ")]), "hi");
        assert_eq!(ok_str("string-trim", &[s("\t\n x \n")]), "x");
        assert_eq!(ok_str("string/trim-left", &[s("  hi  ")]), "hi  ");
        assert_eq!(ok_str("string/trim-right", &[s("  hi  ")]), "  hi");
        assert_eq!(ok_str("string/trim", &[s("\u{3000}x\u{a0}")]), "x");
        assert_eq!(ok_str("string/trim", &[s("")]), "");
    }

    #[test]
    fn reverse_by_characters() {
        assert_eq!(ok_str("string/reverse", &[s("stressed")]), "desserts");
        assert_eq!(ok_str("string/reverse", &[s("añb")]), "bña");
        assert_eq!(ok_str("string/reverse", &[s("")]), "");
    }

    #[test]
    fn repeat_counts() {
        assert_eq!(ok_str("string/repeat", &[s("ab"), i(3)]), "ababab");
        assert_eq!(ok_str("make-string", &[s("x"), i(0)]), "");
        assert_eq!(ok_str("string/repeat", &[s(""), i(1 << 60)]), "");
        let (kind, msg) = err("string/repeat", &[s("x"), i(-1)]);
        assert_eq!(kind, "eval");
        assert!(msg.starts_with("string/repeat"), "{msg}");
        assert_eq!(err("string/repeat", &[s("ab"), i(i64::MAX)]).0, "eval");
        assert_eq!(err("string/repeat", &[s("x"), i(1 << 40)]).0, "eval");
        assert_eq!(
            err("string/repeat", &[s("x"), Value::float(2.0)]).1,
            "expected int, got float"
        );
    }

    #[test]
    fn padding() {
        assert_eq!(ok_str("string/pad-left", &[s("42"), i(5), s("0")]), "00042");
        assert_eq!(ok_str("string/pad-left", &[s("42"), i(5)]), "   42");
        assert_eq!(ok_str("string/pad-right", &[s("ab"), i(4), s(".")]), "ab..");
        assert_eq!(ok_str("string/pad-left", &[s("toolong"), i(3)]), "toolong");
        assert_eq!(ok_str("string/pad-left", &[s("5"), i(3), s("xy")]), "xx5");
        assert_eq!(ok_str("string/pad-right", &[s("5"), i(3), s("")]), "5  ");
        assert_eq!(ok_str("string/pad-left", &[s("é"), i(3), s("λ")]), "λλé");
        assert_eq!(err("string/pad-left", &[s("a"), i(-1)]).0, "eval");
        assert_eq!(err("string/pad-right", &[s("a"), i(-1)]).0, "eval");
        assert_eq!(err("string/pad-left", &[s("a"), i(1 << 40)]).0, "eval");
        assert_eq!(
            err("string/pad-left", &[s("a"), i(3), Value::char('x')]).0,
            "type-error"
        );
    }

    #[test]
    fn replacing() {
        assert_eq!(
            ok_str("string/replace", &[s("hello"), s("l"), s("L")]),
            "heLLo"
        );
        assert_eq!(
            ok_str("string/replace", &[s("aaa"), s("a"), s("bb")]),
            "bbbbbb"
        );
        assert_eq!(ok_str("string/replace", &[s("abc"), s("x"), s("y")]), "abc");
        assert_eq!(
            ok_str("string/replace", &[s("abc"), s(""), s("-")]),
            "-a-b-c-"
        );
        assert_eq!(ok_str("string/replace", &[s(""), s(""), s("-")]), "-");
        assert_eq!(
            ok_str("string/replace-first", &[s("a-b-c"), s("-"), s("+")]),
            "a+b-c"
        );
        assert_eq!(
            ok_str("string/replace-last", &[s("a-b-c"), s("-"), s("+")]),
            "a-b+c"
        );
        assert_eq!(
            ok_str("string/replace-first", &[s("abc"), s("x"), s("+")]),
            "abc"
        );
        assert_eq!(
            ok_str("string/replace-last", &[s("abc"), s("x"), s("+")]),
            "abc"
        );
        assert_eq!(
            ok_str("string/replace-first", &[s("héé"), s("é"), s("e")]),
            "heé"
        );
        assert_eq!(ok_str("string/remove", &[s("banana"), s("a")]), "bnn");
        assert_eq!(ok_str("string/remove", &[s("banana"), s("")]), "banana");
        assert_eq!(
            err("string/replace", &[s("a"), s("a"), Value::NIL]).1,
            "expected string, got nil"
        );
    }

    #[test]
    fn replace_refuses_huge_results() {
        let big = "x".repeat(1 << 16);
        let (kind, _) = err("string/replace", &[s(&big), s(""), s(&big)]);
        assert_eq!(kind, "eval");
    }

    fn upcase_native() -> Value {
        Value::native("up", Arity::Exact(1), |_, args| {
            let c = args[0].as_char().unwrap_or(' ');
            Ok(Value::char(c.to_ascii_uppercase()))
        })
    }

    #[test]
    fn map_chars_and_strings() {
        assert_eq!(
            ok_str("string/map", &[upcase_native(), s("shout")]),
            "SHOUT"
        );
        let doubler = Value::native("dbl", Arity::Exact(1), |_, args| {
            let c = args[0].as_char().unwrap_or(' ');
            Ok(Value::string(format!("{c}{c}")))
        });
        assert_eq!(ok_str("string/map", &[doubler, s("ab")]), "aabb");
        let bad = Value::native("bad", Arity::Exact(1), |_, _| Ok(Value::int(1)));
        assert_eq!(
            err("string/map", &[bad, s("ab")]).1,
            "expected char or string, got int"
        );
        assert_eq!(
            err("string/map", &[upcase_native(), i(1)]).1,
            "expected string, got int"
        );
    }

    #[test]
    fn normalization_forms() {
        let decomposed = "e\u{301}";
        assert_eq!(ok_str("string/normalize", &[s(decomposed), s("nfc")]), "é");
        assert_eq!(
            ok_str("string/normalize", &[s("é"), Value::kw("NFD")]),
            decomposed
        );
        assert_eq!(ok_str("string/normalize", &[s("ﬁ"), s("NFKC")]), "fi");
        assert_eq!(ok_str("string/normalize", &[s("ﬁ"), s("nfkd")]), "fi");
        assert_eq!(ok_str("string/normalize", &[s("abc"), s("nfc")]), "abc");
        assert_eq!(
            err("string/normalize", &[s("a"), s("nfx")]),
            ("eval", "string/normalize: unknown form \"nfx\"".into())
        );
        assert_eq!(
            err("string/normalize", &[s("a"), i(1)]).1,
            "expected string or keyword, got int"
        );
    }

    #[test]
    fn splitting() {
        assert_eq!(
            ok("string/split", &[s("a,b,c"), s(",")]),
            "(\"a\" \"b\" \"c\")"
        );
        assert_eq!(
            ok("string/split", &[s("a,,b"), s(",")]),
            "(\"a\" \"\" \"b\")"
        );
        assert_eq!(
            ok("string/split", &[s("abc"), s("")]),
            "(\"\" \"a\" \"b\" \"c\" \"\")"
        );
        assert_eq!(ok("string/split", &[s("no-sep"), s(",")]), "(\"no-sep\")");
        assert_eq!(ok("string/split", &[s(""), s(",")]), "(\"\")");
        assert_eq!(ok("string-split", &[s(",a,"), s(",")]), "(\"\" \"a\" \"\")");
        assert_eq!(
            ok("string/split", &[s("a::b::c"), s("::")]),
            "(\"a\" \"b\" \"c\")"
        );
        assert_eq!(
            ok("string/split", &[s("aλbλ"), s("λ")]),
            "(\"a\" \"b\" \"\")"
        );
        assert_eq!(
            ok("string/split", &[s("Hamburg;12.0"), s(";")]),
            "(\"Hamburg\" \"12.0\")"
        );
        assert_eq!(
            err("string/split", &[s("a"), Value::char(',')]).1,
            "expected string, got char"
        );
    }
}
