//! Core string functions (spec/stdlib.md §9.1): lengths, indexing, slicing by
//! character index, conversion to and from characters and code points.
//!
//! Character indices are converted to byte offsets with
//! [`super::byte_offset`], so every slice lands on a character boundary.

use sema_core::{Ctx, Error, Result, Value};

use super::{byte_offset, char_count, seq_iter};
use crate::util::{int, string};

/// `(string-length s)`: the number of characters.
pub(super) fn length(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::int(char_count(s) as i64))
}

/// `(string/byte-length s)`: the number of UTF-8 bytes.
pub(super) fn byte_length(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::int(s.len() as i64))
}

/// `(string-ref s n)`: the character at index n; a negative or too large
/// index is the `:eval` error `string-ref: index N out of bounds`.
pub(super) fn string_ref(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let n = int(&args[1])?;
    // An ASCII prefix up to and including index i means byte i is char i.
    let found = usize::try_from(n)
        .ok()
        .and_then(|i| match s.as_bytes().get(..=i) {
            Some(prefix) if prefix.is_ascii() => prefix.last().map(|&b| char::from(b)),
            _ => s.chars().nth(i),
        });
    found
        .map(Value::char)
        .ok_or_else(|| Error::eval(format!("string-ref: index {n} out of bounds")))
}

/// `(substring s start [end])`: characters `[start, end)`. Any index that is
/// negative, past the end, or an end before the start is the `:eval` error
/// `substring: index out of bounds`.
pub(super) fn substring(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let start = int(&args[1])?;
    let end = match args.get(2) {
        Some(v) => Some(int(v)?),
        None => None,
    };
    let out_of_bounds = || Error::eval("substring: index out of bounds");
    let start = usize::try_from(start).map_err(|_| out_of_bounds())?;
    let start_byte = byte_offset(s, start).ok_or_else(out_of_bounds)?;
    let rest = s.get(start_byte..).ok_or_else(out_of_bounds)?;
    let piece = match end {
        None => rest,
        Some(end) => {
            let end = usize::try_from(end).map_err(|_| out_of_bounds())?;
            let len = end.checked_sub(start).ok_or_else(out_of_bounds)?;
            let len_bytes = byte_offset(rest, len).ok_or_else(out_of_bounds)?;
            rest.get(..len_bytes).ok_or_else(out_of_bounds)?
        }
    };
    if piece.len() == s.len() {
        return Ok(args[0].clone());
    }
    Ok(Value::string(piece))
}

/// `(string/take s n)`: the first n characters, or for negative n the last
/// |n| characters; never more than the whole string.
pub(super) fn take(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let n = int(&args[1])?;
    let piece = if n >= 0 {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        let end = byte_offset(s, n).unwrap_or(s.len());
        s.get(..end).unwrap_or(s)
    } else {
        let n = usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX);
        let skip = char_count(s).saturating_sub(n);
        let start = byte_offset(s, skip).unwrap_or(0);
        s.get(start..).unwrap_or(s)
    };
    if piece.len() == s.len() {
        return Ok(args[0].clone());
    }
    Ok(Value::string(piece))
}

/// `(string/chars s)` and `(string->list s)`: the list of characters.
pub(super) fn chars(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = Value::EMPTY_LIST;
    for c in s.chars().rev() {
        out = Value::cons(Value::char(c), out);
    }
    Ok(out)
}

/// `(list->string list)`: a string from a **list** of characters; vectors
/// and non-character elements are type errors.
pub(super) fn list_to_string(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let list = &args[0];
    if !list.is_list() {
        return Err(Error::type_error("list", list));
    }
    let mut out = String::new();
    for item in list.list_iter() {
        out.push(
            item.as_char()
                .ok_or_else(|| Error::type_error("char", item))?,
        );
    }
    Ok(Value::string(out))
}

/// `(string/codepoints s)`: the list of code points as ints.
pub(super) fn codepoints(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = Value::EMPTY_LIST;
    for c in s.chars().rev() {
        out = Value::cons(Value::int(i64::from(u32::from(c))), out);
    }
    Ok(out)
}

/// `(string/from-codepoints seq)`: a string from a list or vector of ints;
/// non-ints are type errors, negative, surrogate or too large code points
/// are `:eval` errors.
pub(super) fn from_codepoints(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let items = seq_iter(&args[0]).ok_or_else(|| Error::type_error("list or vector", &args[0]))?;
    let mut out = String::new();
    for item in items {
        let n = int(item)?;
        let c = u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| Error::eval(format!("string/from-codepoints: invalid codepoint {n}")))?;
        out.push(c);
    }
    Ok(Value::string(out))
}

/// `(string/empty? s)`: true for `""`.
pub(super) fn is_empty(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(string(&args[0])?.is_empty()))
}

/// `(string/number? s)`: does `s` parse as an i64 or an f64 under Rust's
/// rules? So `"+5"`, `"1e3"`, `"inf"` and `"NaN"` are numbers, while
/// surrounding spaces are not allowed.
pub(super) fn is_number(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::bool(
        s.parse::<i64>().is_ok() || s.parse::<f64>().is_ok(),
    ))
}

/// `(string/intern s)`: an equal string. Strings are immutable and shared
/// by reference already, so the argument itself is returned.
pub(super) fn intern(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    string(&args[0])?;
    Ok(std::mem::take(&mut args[0]))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, i, ok, ok_str, s};
    use sema_core::Value;

    #[test]
    fn lengths_count_characters_and_bytes() {
        assert_eq!(ok("string-length", &[s("héllo")]), "5");
        assert_eq!(ok("string/length", &[s("")]), "0");
        assert_eq!(ok("string/byte-length", &[s("héllo")]), "6");
        assert_eq!(ok("string-length", &[s("日本語")]), "3");
    }

    #[test]
    fn non_strings_are_type_errors() {
        for name in [
            "string-length",
            "string/byte-length",
            "string/chars",
            "string/empty?",
        ] {
            let (kind, msg) = err(name, &[Value::NIL]);
            assert_eq!(kind, "type-error");
            assert_eq!(msg, "expected string, got nil");
        }
        assert_eq!(err("string-length", &[i(1)]).1, "expected string, got int");
    }

    #[test]
    fn string_ref_indexes_characters() {
        assert_eq!(ok("string-ref", &[s("hello"), i(1)]), "#\\e");
        assert_eq!(ok("string/ref", &[s("λx"), i(0)]), "#\\λ");
        assert_eq!(ok("string-ref", &[s("λx"), i(1)]), "#\\x");
        assert_eq!(ok("string-ref", &[s("abé"), i(2)]), "#\\é");
        assert_eq!(ok("string-ref", &[s("éab"), i(1)]), "#\\a");
        assert_eq!(err("string-ref", &[s("ab"), i(i64::MAX)]).0, "eval");
        assert_eq!(
            err("string-ref", &[s("abc"), i(3)]),
            ("eval", "string-ref: index 3 out of bounds".into())
        );
        assert_eq!(
            err("string-ref", &[s("abc"), i(-1)]),
            ("eval", "string-ref: index -1 out of bounds".into())
        );
        assert_eq!(err("string-ref", &[s("abc"), s("1")]).0, "type-error");
    }

    #[test]
    fn substring_by_characters() {
        assert_eq!(
            ok_str("substring", &[s("hello world"), i(6), i(11)]),
            "world"
        );
        assert_eq!(ok_str("string/slice", &[s("hello"), i(1), i(3)]), "el");
        assert_eq!(ok_str("substring", &[s("hello"), i(2)]), "llo");
        assert_eq!(ok_str("substring", &[s("日本語です"), i(1), i(3)]), "本語");
        assert_eq!(ok_str("substring", &[s("héllo"), i(1)]), "éllo");
        assert_eq!(ok_str("substring", &[s("abcé"), i(1), i(4)]), "bcé");
        assert_eq!(ok_str("substring", &[s("abcéd"), i(4), i(5)]), "d");
        assert_eq!(ok_str("substring", &[s("abc"), i(3)]), "");
        assert_eq!(ok_str("substring", &[s("abc"), i(1), i(1)]), "");
    }

    #[test]
    fn substring_bounds_errors() {
        let oob = ("eval", "substring: index out of bounds".to_string());
        assert_eq!(err("substring", &[s("abc"), i(4)]), oob);
        assert_eq!(err("substring", &[s("abc"), i(0), i(4)]), oob);
        assert_eq!(err("substring", &[s("abc"), i(2), i(1)]), oob);
        assert_eq!(err("substring", &[s("abc"), i(-1)]), oob);
        assert_eq!(err("substring", &[s("abc"), i(0), i(-1)]), oob);
        assert_eq!(err("substring", &[s("héllo"), i(0), i(6)]), oob);
        assert_eq!(err("substring", &[s("abc")]).0, "arity");
        assert_eq!(
            err("substring", &[s("abc")]).1,
            "substring expects 2-3 args, got 1"
        );
    }

    #[test]
    fn take_front_and_back() {
        assert_eq!(ok_str("string/take", &[s("hello"), i(2)]), "he");
        assert_eq!(ok_str("string/take", &[s("hello"), i(-2)]), "lo");
        assert_eq!(ok_str("string/take", &[s("abc"), i(-1)]), "c");
        assert_eq!(ok_str("string/take", &[s("abc"), i(10)]), "abc");
        assert_eq!(ok_str("string/take", &[s("abc"), i(-10)]), "abc");
        assert_eq!(ok_str("string/take", &[s("abc"), i(i64::MIN)]), "abc");
        assert_eq!(ok_str("string/take", &[s("abc"), i(0)]), "");
        assert_eq!(ok_str("string/take", &[s("héllo"), i(2)]), "hé");
        assert_eq!(ok_str("string/take", &[s("héllo"), i(-4)]), "éllo");
    }

    #[test]
    fn chars_and_back() {
        assert_eq!(ok("string/chars", &[s("abc")]), "(#\\a #\\b #\\c)");
        assert_eq!(ok("string->list", &[s("hi")]), "(#\\h #\\i)");
        assert_eq!(ok("string/to-list", &[s("")]), "()");
        let list = Value::list(vec![Value::char('o'), Value::char('k')]);
        assert_eq!(ok_str("list->string", &[list]), "ok");
        assert_eq!(ok_str("list->string", &[Value::EMPTY_LIST]), "");
        let vector = Value::vector(vec![Value::char('o')]);
        assert_eq!(
            err("list->string", &[vector]).1,
            "expected list, got vector"
        );
        let bad = Value::list(vec![Value::char('o'), i(1)]);
        assert_eq!(err("list->string", &[bad]).1, "expected char, got int");
    }

    #[test]
    fn codepoints_round_trip() {
        assert_eq!(ok("string/codepoints", &[s("Aé")]), "(65 233)");
        let list = Value::list(vec![i(72), i(105)]);
        assert_eq!(ok_str("string/from-codepoints", &[list]), "Hi");
        let vector = Value::vector(vec![i(955)]);
        assert_eq!(ok_str("string/from-codepoints", &[vector]), "λ");
        for bad in [-1, 0xD800, 0x110000, 1 << 32 | 65] {
            let (kind, msg) = err("string/from-codepoints", &[Value::list(vec![i(bad)])]);
            assert_eq!(kind, "eval");
            assert_eq!(
                msg,
                format!("string/from-codepoints: invalid codepoint {bad}")
            );
        }
        let floats = Value::list(vec![Value::float(65.0)]);
        assert_eq!(
            err("string/from-codepoints", &[floats]).1,
            "expected int, got float"
        );
        assert_eq!(
            err("string/from-codepoints", &[s("x")]).1,
            "expected list or vector, got string"
        );
    }

    #[test]
    fn predicates() {
        assert_eq!(ok("string/empty?", &[s("")]), "#t");
        assert_eq!(ok("string/empty?", &[s(" ")]), "#f");
        for yes in ["-3.5", "+5", "1e3", "inf", "NaN", "42", "-0", ".5", "5."] {
            assert_eq!(ok("string/number?", &[s(yes)]), "#t", "{yes}");
        }
        for no in ["", " 1", "1 ", "abc", "1_000", "0x10", "1/2"] {
            assert_eq!(ok("string/number?", &[s(no)]), "#f", "{no}");
        }
    }

    #[test]
    fn intern_returns_equal_string() {
        assert_eq!(ok("string/intern", &[s("abc")]), "\"abc\"");
        assert_eq!(err("string/intern", &[Value::kw("a")]).0, "type-error");
    }
}
