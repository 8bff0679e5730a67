//! Unit tests for the character builtins.

use sema_core::Value;

use crate::testing::call;

fn c(ch: char) -> Value {
    Value::char(ch)
}

fn ok(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Ok(v) => format!("{v:?}"),
        Err(e) => panic!("({name} {args:?}) failed: {}", e.message()),
    }
}

fn err(name: &str, args: &[Value]) -> (&'static str, String) {
    match call(name, args) {
        Ok(v) => panic!("({name} {args:?}) returned {v:?}"),
        Err(e) => (e.type_keyword(), e.message().to_string()),
    }
}

fn answers(name: &str, chars: &str) -> String {
    chars
        .chars()
        .map(|ch| if ok(name, &[c(ch)]) == "#t" { '1' } else { '0' })
        .collect()
}

#[test]
fn code_point_conversions() {
    assert_eq!(ok("char->integer", &[c('A')]), "65");
    assert_eq!(ok("char/to-integer", &[c('λ')]), "955");
    assert_eq!(ok("integer->char", &[Value::int(97)]), "#\\a");
    assert_eq!(ok("integer/to-char", &[Value::int(955)]), "#\\λ");
    let top = call("integer->char", &[Value::int(0x10FFFF)]).ok();
    assert_eq!(top.and_then(|v| v.as_char()), Some('\u{10FFFF}'));
    for bad in [-1, 0xD800, 0xDFFF, 0x110000, 1 << 32, i64::MIN] {
        assert_eq!(
            err("integer->char", &[Value::int(bad)]),
            ("eval", format!("integer->char: invalid codepoint {bad}"))
        );
    }
    assert_eq!(
        err("integer->char", &[Value::float(97.0)]),
        ("type-error", "expected int, got float".to_string())
    );
    assert_eq!(
        err("char->integer", &[Value::string("a")]),
        ("type-error", "expected char, got string".to_string())
    );
}

#[test]
fn string_conversions() {
    assert_eq!(ok("char->string", &[c('q')]), "\"q\"");
    assert_eq!(ok("char/to-string", &[c('é')]), "\"é\"");
    assert_eq!(ok("string->char", &[Value::string("w")]), "#\\w");
    assert_eq!(ok("string/to-char", &[Value::string("λ")]), "#\\λ");
    assert_eq!(
        err("string->char", &[Value::string("")]),
        ("eval", "string->char: empty string".to_string())
    );
    assert_eq!(
        err("string->char", &[Value::string("ab")]),
        (
            "eval",
            "string->char: string must have exactly one character".to_string()
        )
    );
    assert_eq!(
        err("string->char", &[c('a')]),
        ("type-error", "expected string, got char".to_string())
    );
}

#[test]
fn unicode_properties() {
    let sample = "a1 Z\tλ٣\n";
    assert_eq!(answers("char-alphabetic?", sample), "10010100");
    assert_eq!(answers("char/alphabetic?", sample), "10010100");
    assert_eq!(answers("char-numeric?", sample), "01000010");
    assert_eq!(answers("char/numeric?", sample), "01000010");
    assert_eq!(answers("char-whitespace?", sample), "00101001");
    assert_eq!(answers("char/whitespace?", sample), "00101001");
    assert_eq!(answers("char-upper-case?", sample), "00010000");
    assert_eq!(answers("char/upper-case?", sample), "00010000");
    assert_eq!(answers("char-lower-case?", sample), "10000100");
    assert_eq!(answers("char/lower-case?", sample), "10000100");
    assert_eq!(
        err("char-numeric?", &[Value::int(1)]),
        ("type-error", "expected char, got int".to_string())
    );
}

#[test]
fn case_mapping_takes_the_first_char() {
    assert_eq!(ok("char-upcase", &[c('a')]), "#\\A");
    assert_eq!(ok("char/upcase", &[c('1')]), "#\\1");
    assert_eq!(ok("char-upcase", &[c('ß')]), "#\\S");
    assert_eq!(ok("char-upcase", &[c('λ')]), "#\\Λ");
    assert_eq!(ok("char-downcase", &[c('A')]), "#\\a");
    assert_eq!(ok("char/downcase", &[c('İ')]), "#\\i");
    assert_eq!(
        err("char-upcase", &[Value::string("a")]),
        ("type-error", "expected char, got string".to_string())
    );
}

#[test]
fn comparisons_take_exactly_two_chars() {
    assert_eq!(ok("char=?", &[c('a'), c('a')]), "#t");
    assert_eq!(ok("char=?", &[c('a'), c('A')]), "#f");
    assert_eq!(ok("char<?", &[c('a'), c('b')]), "#t");
    assert_eq!(ok("char>?", &[c('a'), c('b')]), "#f");
    assert_eq!(ok("char<=?", &[c('a'), c('a')]), "#t");
    assert_eq!(ok("char>=?", &[c('b'), c('a')]), "#t");
    assert_eq!(ok("char<?", &[c('Z'), c('a')]), "#t");
    assert_eq!(ok("char-ci=?", &[c('a'), c('A')]), "#t");
    assert_eq!(ok("char-ci<?", &[c('a'), c('B')]), "#t");
    assert_eq!(ok("char-ci>?", &[c('Z'), c('a')]), "#t");
    assert_eq!(ok("char-ci<=?", &[c('Q'), c('q')]), "#t");
    assert_eq!(ok("char-ci>=?", &[c('a'), c('B')]), "#f");
    assert_eq!(
        err("char<?", &[c('a'), c('b'), c('c')]),
        ("arity", "char<? expects 2 args, got 3".to_string())
    );
    assert_eq!(
        err("char=?", &[c('a'), Value::string("a")]),
        ("type-error", "expected char, got string".to_string())
    );
    assert_eq!(
        err("char-ci=?", &[Value::int(97), c('a')]),
        ("type-error", "expected char, got int".to_string())
    );
}
