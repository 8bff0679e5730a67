//! Substring search and comparison predicates (spec/stdlib.md §9.2).
//!
//! `string/index-of` and `string/last-index-of` return **byte** offsets, as
//! the reference does [QUIRK]; every other index in §9 counts characters.

use sema_core::{Ctx, Result, Value};

use super::string_pair;

/// `(string/contains? s sub)`: substring test; `""` is always contained.
pub(super) fn contains(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, sub) = string_pair(args)?;
    Ok(Value::bool(s.contains(sub)))
}

/// `(string/starts-with? s prefix)`.
pub(super) fn starts_with(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, prefix) = string_pair(args)?;
    Ok(Value::bool(s.starts_with(prefix)))
}

/// `(string/ends-with? s suffix)`.
pub(super) fn ends_with(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, suffix) = string_pair(args)?;
    Ok(Value::bool(s.ends_with(suffix)))
}

/// The byte offset as a value, or nil.
fn offset_value(found: Option<usize>) -> Value {
    found.map_or(Value::NIL, |b| Value::int(b as i64))
}

/// `(string/index-of s sub)`: byte offset of the first occurrence, or nil
/// (`(string/index-of "héllo" "l")` ⇒ 3) [QUIRK].
pub(super) fn index_of(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, sub) = string_pair(args)?;
    Ok(offset_value(s.find(sub)))
}

/// `(string/last-index-of s sub)`: byte offset of the last occurrence, or
/// nil; an empty `sub` is found at the end.
pub(super) fn last_index_of(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (s, sub) = string_pair(args)?;
    Ok(offset_value(s.rfind(sub)))
}

/// `(string-ci=? a b)`: equality after lower-casing both (full Unicode
/// lower-casing, with an allocation-free path for ASCII).
pub(super) fn ci_equal(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (a, b) = string_pair(args)?;
    let equal = if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    };
    Ok(Value::bool(equal))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, i, ok, s};

    #[test]
    fn containment_and_affixes() {
        assert_eq!(ok("string/contains?", &[s("hello"), s("ell")]), "#t");
        assert_eq!(ok("string/contains?", &[s("hello"), s("")]), "#t");
        assert_eq!(ok("string/contains?", &[s("hello"), s("xyz")]), "#f");
        assert_eq!(ok("string/starts-with?", &[s("hello"), s("he")]), "#t");
        assert_eq!(ok("string/starts-with?", &[s("hello"), s("lo")]), "#f");
        assert_eq!(ok("string/ends-with?", &[s("hello"), s("lo")]), "#t");
        assert_eq!(ok("string/ends-with?", &[s("hello"), s("")]), "#t");
    }

    #[test]
    fn index_of_gives_byte_offsets() {
        assert_eq!(ok("string/index-of", &[s("hello"), s("l")]), "2");
        assert_eq!(ok("string/index-of", &[s("héllo"), s("l")]), "3");
        assert_eq!(ok("string/index-of", &[s("hello"), s("z")]), "nil");
        assert_eq!(ok("string/index-of", &[s("hello"), s("")]), "0");
        assert_eq!(ok("string/last-index-of", &[s("hello"), s("l")]), "3");
        assert_eq!(ok("string/last-index-of", &[s("héllo"), s("l")]), "4");
        assert_eq!(ok("string/last-index-of", &[s("hello"), s("z")]), "nil");
        assert_eq!(ok("string/last-index-of", &[s("abc"), s("")]), "3");
    }

    #[test]
    fn case_insensitive_equality() {
        assert_eq!(ok("string-ci=?", &[s("HeLLo"), s("hello")]), "#t");
        assert_eq!(ok("string-ci=?", &[s("hello"), s("help")]), "#f");
        assert_eq!(ok("string-ci=?", &[s("ÉCOLE"), s("école")]), "#t");
        assert_eq!(ok("string-ci=?", &[s("a"), s("ab")]), "#f");
    }

    #[test]
    fn errors() {
        assert_eq!(
            err("string/contains?", &[i(1), s("a")]).1,
            "expected string, got int"
        );
        assert_eq!(
            err("string/contains?", &[s("a"), sema_core::Value::char('a')]).1,
            "expected string, got char"
        );
        assert_eq!(
            err("string-ci=?", &[s("a")]).1,
            "string-ci=? expects 2 args, got 1"
        );
        assert_eq!(err("string-ci=?", &[s("a"), s("a"), s("a")]).0, "arity");
    }
}
