//! Slicing around delimiters (spec/stdlib.md §9.4).
//!
//! A missing delimiter leaves the string unchanged (except `string/between`,
//! which gives `""` when `left` is missing); an unchanged result is the
//! argument value itself, not a copy.

use sema_core::{Ctx, Result, Value};

use super::string_pair;
use crate::util::string;

/// `piece` (a part of the string in `args[0]`) as a value, sharing the
/// argument when the piece is the whole string.
fn part(args: &[Value], whole: &str, piece: &str) -> Value {
    if piece.len() == whole.len() {
        args[0].clone()
    } else {
        Value::string(piece)
    }
}

/// `(string/after s needle)`: the text after the first occurrence.
pub(super) fn after(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, needle) = string_pair(args)?;
    let piece = s.find(needle).and_then(|b| s.get(b + needle.len()..));
    Ok(part(args, s, piece.unwrap_or(s)))
}

/// `(string/after-last s needle)`: the text after the last occurrence.
pub(super) fn after_last(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, needle) = string_pair(args)?;
    let piece = s.rfind(needle).and_then(|b| s.get(b + needle.len()..));
    Ok(part(args, s, piece.unwrap_or(s)))
}

/// `(string/before s needle)`: the text before the first occurrence.
pub(super) fn before(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, needle) = string_pair(args)?;
    let piece = s.find(needle).and_then(|b| s.get(..b));
    Ok(part(args, s, piece.unwrap_or(s)))
}

/// `(string/before-last s needle)`: the text before the last occurrence.
pub(super) fn before_last(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, needle) = string_pair(args)?;
    let piece = s.rfind(needle).and_then(|b| s.get(..b));
    Ok(part(args, s, piece.unwrap_or(s)))
}

/// `(string/between s left right)`: the text between the first `left` and
/// the next `right` after it; everything after `left` if `right` does not
/// follow; `""` if `left` is missing.
pub(super) fn between(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, left) = string_pair(args)?;
    let right = string(&args[2])?;
    let Some(tail) = s.find(left).and_then(|b| s.get(b + left.len()..)) else {
        return Ok(Value::string(String::new()));
    };
    let piece = tail.find(right).and_then(|b| tail.get(..b)).unwrap_or(tail);
    Ok(part(args, s, piece))
}

/// `(string/chop-start s prefix)`: remove the prefix if present.
pub(super) fn chop_start(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, prefix) = string_pair(args)?;
    Ok(part(args, s, s.strip_prefix(prefix).unwrap_or(s)))
}

/// `(string/chop-end s suffix)`: remove the suffix if present.
pub(super) fn chop_end(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, suffix) = string_pair(args)?;
    Ok(part(args, s, s.strip_suffix(suffix).unwrap_or(s)))
}

/// `(string/ensure-start s prefix)`: add the prefix unless already there.
pub(super) fn ensure_start(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, prefix) = string_pair(args)?;
    if s.starts_with(prefix) {
        return Ok(args[0].clone());
    }
    Ok(Value::string([prefix, s].concat()))
}

/// `(string/ensure-end s suffix)`: add the suffix unless already there.
pub(super) fn ensure_end(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, suffix) = string_pair(args)?;
    if s.ends_with(suffix) {
        return Ok(args[0].clone());
    }
    Ok(Value::string([s, suffix].concat()))
}

/// The `left` and `right` delimiters of wrap/unwrap (right defaults to left).
fn delimiters(args: &[Value]) -> Result<(&str, &str, &str)> {
    let (s, left) = string_pair(args)?;
    let right = match args.get(2) {
        Some(v) => string(v)?,
        None => left,
    };
    Ok((s, left, right))
}

/// `(string/wrap s left [right])`: `left + s + right`.
pub(super) fn wrap(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, left, right) = delimiters(args)?;
    Ok(Value::string([left, s, right].concat()))
}

/// `(string/unwrap s left [right])`: strip both delimiters when `s` starts
/// with `left`, ends with `right` and is at least as long as both together
/// (so `(string/unwrap "aa" "aa")` is `"aa"`); otherwise `s` unchanged.
pub(super) fn unwrap(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, left, right) = delimiters(args)?;
    let inner = if s.starts_with(left) && s.ends_with(right) {
        left.len()
            .checked_add(right.len())
            .filter(|&n| n <= s.len())
            .and_then(|_| s.get(left.len()..s.len() - right.len()))
    } else {
        None
    };
    Ok(part(args, s, inner.unwrap_or(s)))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, i, ok_str, s};

    #[test]
    fn after_and_before() {
        assert_eq!(
            ok_str("string/after", &[s("user@host.com"), s("@")]),
            "host.com"
        );
        assert_eq!(ok_str("string/after", &[s("abc"), s("x")]), "abc");
        assert_eq!(ok_str("string/after", &[s("a.b.c"), s(".")]), "b.c");
        assert_eq!(ok_str("string/after-last", &[s("a.b.c"), s(".")]), "c");
        assert_eq!(ok_str("string/after-last", &[s("abc"), s("x")]), "abc");
        assert_eq!(
            ok_str("string/before", &[s("user@host.com"), s("@")]),
            "user"
        );
        assert_eq!(ok_str("string/before", &[s("abc"), s("x")]), "abc");
        assert_eq!(ok_str("string/before-last", &[s("a.b.c"), s(".")]), "a.b");
        assert_eq!(ok_str("string/before-last", &[s("abc"), s("x")]), "abc");
        assert_eq!(ok_str("string/after", &[s("héllo"), s("é")]), "llo");
    }

    #[test]
    fn between_cases() {
        assert_eq!(ok_str("string/between", &[s("[x]"), s("["), s("]")]), "x");
        assert_eq!(
            ok_str("string/between", &[s("a[x]b[y]"), s("["), s("]")]),
            "x"
        );
        assert_eq!(ok_str("string/between", &[s("a[xy"), s("["), s("]")]), "xy");
        assert_eq!(ok_str("string/between", &[s("]a[b"), s("["), s("]")]), "b");
        assert_eq!(ok_str("string/between", &[s("abc"), s("["), s("]")]), "");
        assert_eq!(
            ok_str("string/between", &[s("<<a>>"), s("<<"), s(">>")]),
            "a"
        );
    }

    #[test]
    fn chop_and_ensure() {
        assert_eq!(
            ok_str("string/chop-start", &[s("prefix-body"), s("prefix-")]),
            "body"
        );
        assert_eq!(ok_str("string/chop-start", &[s("body"), s("x")]), "body");
        assert_eq!(
            ok_str("string/chop-end", &[s("file.txt"), s(".txt")]),
            "file"
        );
        assert_eq!(ok_str("string/chop-end", &[s("file"), s(".txt")]), "file");
        assert_eq!(ok_str("string/ensure-start", &[s("path"), s("/")]), "/path");
        assert_eq!(
            ok_str("string/ensure-start", &[s("/path"), s("/")]),
            "/path"
        );
        assert_eq!(ok_str("string/ensure-end", &[s("path/"), s("/")]), "path/");
        assert_eq!(ok_str("string/ensure-end", &[s("path"), s("/")]), "path/");
    }

    #[test]
    fn wrap_and_unwrap() {
        assert_eq!(ok_str("string/wrap", &[s("x"), s("[")]), "[x[");
        assert_eq!(ok_str("string/wrap", &[s("x"), s("["), s("]")]), "[x]");
        assert_eq!(ok_str("string/unwrap", &[s("[x]"), s("["), s("]")]), "x");
        assert_eq!(ok_str("string/unwrap", &[s("'x'"), s("'")]), "x");
        assert_eq!(ok_str("string/unwrap", &[s("aa"), s("aa")]), "aa");
        assert_eq!(ok_str("string/unwrap", &[s("aaaa"), s("aa")]), "");
        assert_eq!(ok_str("string/unwrap", &[s("[x"), s("["), s("]")]), "[x");
        assert_eq!(ok_str("string/unwrap", &[s("[]"), s("["), s("]")]), "");
    }

    #[test]
    fn errors() {
        assert_eq!(
            err("string/after", &[s("a"), i(1)]).1,
            "expected string, got int"
        );
        assert_eq!(
            err("string/between", &[s("a"), s("b"), i(1)]).1,
            "expected string, got int"
        );
        assert_eq!(
            err("string/wrap", &[s("a")]).1,
            "string/wrap expects 2-3 args, got 1"
        );
        assert_eq!(
            err("string/unwrap", &[s("a"), s("b"), i(1)]).0,
            "type-error"
        );
    }
}
