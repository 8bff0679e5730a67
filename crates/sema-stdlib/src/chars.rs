//! Character builtins (spec/stdlib.md §10): code-point conversions, Unicode
//! property tests, case mapping (the first char of the full mapping, so
//! `#\ß` upcases to `#\S`) and two-argument comparisons by code point.

use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "char->integer",
        Arity::Exact(1),
        char_to_integer,
        "the code point of a char",
    ),
    builtin(
        "integer->char",
        Arity::Exact(1),
        integer_to_char,
        "the char with that code point",
    ),
    builtin(
        "char->string",
        Arity::Exact(1),
        char_to_string,
        "a one-character string",
    ),
    builtin(
        "string->char",
        Arity::Exact(1),
        string_to_char,
        "the only char of a one-character string",
    ),
    builtin(
        "char-alphabetic?",
        Arity::Exact(1),
        is_alphabetic,
        "Unicode alphabetic?",
    ),
    builtin(
        "char-numeric?",
        Arity::Exact(1),
        is_numeric,
        "Unicode numeric (any script's digits)?",
    ),
    builtin(
        "char-whitespace?",
        Arity::Exact(1),
        is_whitespace,
        "Unicode whitespace?",
    ),
    builtin(
        "char-upper-case?",
        Arity::Exact(1),
        is_upper_case,
        "Unicode upper case?",
    ),
    builtin(
        "char-lower-case?",
        Arity::Exact(1),
        is_lower_case,
        "Unicode lower case?",
    ),
    builtin(
        "char-upcase",
        Arity::Exact(1),
        upcase,
        "first char of the upper-case mapping",
    ),
    builtin(
        "char-downcase",
        Arity::Exact(1),
        downcase,
        "first char of the lower-case mapping",
    ),
    builtin("char=?", Arity::Exact(2), char_eq, "same code point?"),
    builtin("char<?", Arity::Exact(2), char_lt, "code point less?"),
    builtin("char>?", Arity::Exact(2), char_gt, "code point greater?"),
    builtin(
        "char<=?",
        Arity::Exact(2),
        char_le,
        "code point less or equal?",
    ),
    builtin(
        "char>=?",
        Arity::Exact(2),
        char_ge,
        "code point greater or equal?",
    ),
    builtin(
        "char-ci=?",
        Arity::Exact(2),
        char_ci_eq,
        "equal after lower-casing both?",
    ),
    builtin(
        "char-ci<?",
        Arity::Exact(2),
        char_ci_lt,
        "less after lower-casing both?",
    ),
    builtin(
        "char-ci>?",
        Arity::Exact(2),
        char_ci_gt,
        "greater after lower-casing both?",
    ),
    builtin(
        "char-ci<=?",
        Arity::Exact(2),
        char_ci_le,
        "less or equal after lower-casing both?",
    ),
    builtin(
        "char-ci>=?",
        Arity::Exact(2),
        char_ci_ge,
        "greater or equal after lower-casing both?",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("char/to-integer", "char->integer"),
    ("integer/to-char", "integer->char"),
    ("char/to-string", "char->string"),
    ("string/to-char", "string->char"),
    ("char/alphabetic?", "char-alphabetic?"),
    ("char/numeric?", "char-numeric?"),
    ("char/whitespace?", "char-whitespace?"),
    ("char/upper-case?", "char-upper-case?"),
    ("char/lower-case?", "char-lower-case?"),
    ("char/upcase", "char-upcase"),
    ("char/downcase", "char-downcase"),
];

fn char_to_integer(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::int(i64::from(u32::from(util::char(&args[0])?))))
}

/// Negative numbers, surrogates and values above 0x10FFFF are `:eval` errors.
fn integer_to_char(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = util::int(&args[0])?;
    u32::try_from(n)
        .ok()
        .and_then(char::from_u32)
        .map(Value::char)
        .ok_or_else(|| Error::eval(format!("integer->char: invalid codepoint {n}")))
}

fn char_to_string(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::string(util::char(&args[0])?.to_string()))
}

fn string_to_char(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut chars = util::string(&args[0])?.chars();
    let c = chars
        .next()
        .ok_or_else(|| Error::eval("string->char: empty string"))?;
    if chars.next().is_some() {
        return Err(Error::eval(
            "string->char: string must have exactly one character",
        ));
    }
    Ok(Value::char(c))
}

/// Answers a property test on the one char argument.
fn property(args: &[Value], test: fn(char) -> bool) -> Result<Value> {
    Ok(Value::bool(test(util::char(&args[0])?)))
}

fn is_alphabetic(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    property(args, char::is_alphabetic)
}

fn is_numeric(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    property(args, char::is_numeric)
}

fn is_whitespace(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    property(args, char::is_whitespace)
}

fn is_upper_case(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    property(args, char::is_uppercase)
}

fn is_lower_case(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    property(args, char::is_lowercase)
}

/// The first char of the full lower-case mapping (the char itself if none).
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The first char of the full upper-case mapping (the char itself if none).
fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

fn upcase(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::char(upper(util::char(&args[0])?)))
}

fn downcase(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::char(lower(util::char(&args[0])?)))
}

/// Compares the two char arguments, each first mapped through `key`.
fn compare(args: &[Value], key: fn(char) -> char, holds: fn(char, char) -> bool) -> Result<Value> {
    let a = util::char(&args[0])?;
    let b = util::char(&args[1])?;
    Ok(Value::bool(holds(key(a), key(b))))
}

fn same(c: char) -> char {
    c
}

fn char_eq(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, same, |a, b| a == b)
}

fn char_lt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, same, |a, b| a < b)
}

fn char_gt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, same, |a, b| a > b)
}

fn char_le(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, same, |a, b| a <= b)
}

fn char_ge(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, same, |a, b| a >= b)
}

fn char_ci_eq(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, lower, |a, b| a == b)
}

fn char_ci_lt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, lower, |a, b| a < b)
}

fn char_ci_gt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, lower, |a, b| a > b)
}

fn char_ci_le(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, lower, |a, b| a <= b)
}

fn char_ci_ge(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    compare(args, lower, |a, b| a >= b)
}

#[cfg(test)]
mod tests;
