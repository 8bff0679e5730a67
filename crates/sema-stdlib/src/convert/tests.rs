//! Unit tests for the symbol, keyword and number conversions.

use sema_core::Value;

use crate::testing::call;

fn s(text: &str) -> Value {
    Value::string(text)
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

fn type_err(expected: &str, got: &str) -> (&'static str, String) {
    ("type-error", format!("expected {expected}, got {got}"))
}

#[test]
fn symbols_and_keywords() {
    assert_eq!(ok("string->symbol", &[s("abc")]), "abc");
    let spaced = call("string->symbol", &[s("with space")]).ok();
    assert_eq!(
        spaced.and_then(|v| v.as_symbol()).map(|v| v.name()),
        Some("with space")
    );
    assert_eq!(ok("symbol->string", &[Value::sym("xyz")]), "\"xyz\"");
    assert_eq!(ok("string->keyword", &[s("key")]), ":key");
    assert_eq!(ok("keyword->string", &[Value::kw("a/b")]), "\"a/b\"");
    assert_eq!(ok("string/to-symbol", &[s("s")]), "s");
    assert_eq!(ok("symbol/to-string", &[Value::sym("s")]), "\"s\"");
    assert_eq!(ok("string/to-keyword", &[s("k")]), ":k");
    assert_eq!(ok("keyword/to-string", &[Value::kw("k")]), "\"k\"");
    assert_eq!(
        err("symbol->string", &[Value::kw("a")]),
        type_err("symbol", "keyword")
    );
    assert_eq!(
        err("keyword->string", &[Value::sym("a")]),
        type_err("keyword", "symbol")
    );
    assert_eq!(
        err("string->symbol", &[Value::sym("a")]),
        type_err("string", "symbol")
    );
    assert_eq!(
        err("string->keyword", &[Value::NIL]),
        type_err("string", "nil")
    );
}

#[test]
fn number_to_string_drops_whole_float_zeros() {
    let cases = [
        (Value::int(42), "\"42\""),
        (Value::int(-3), "\"-3\""),
        (Value::float(1.0), "\"1\""),
        (Value::float(100.0), "\"100\""),
        (Value::float(2.5), "\"2.5\""),
        (Value::float(-0.0), "\"-0\""),
        (Value::float(f64::NAN), "\"NaN\""),
        (Value::float(f64::NEG_INFINITY), "\"-inf\""),
        (Value::float(1e21), "\"1000000000000000000000\""),
    ];
    for (v, want) in cases {
        assert_eq!(ok("number->string", std::slice::from_ref(&v)), want);
        assert_eq!(ok("number/to-string", &[v]), want);
    }
    assert_eq!(
        err("number->string", &[s("1")]),
        type_err("number", "string")
    );
}

#[test]
fn string_to_number_parses_int_then_float() {
    let cases = [
        ("42", "42"),
        ("-17", "-17"),
        ("+5", "5"),
        ("3.25", "3.25"),
        (".5", "0.5"),
        ("5.", "5.0"),
        ("1e3", "1000.0"),
        ("1E3", "1000.0"),
        ("inf", "inf"),
        ("-inf", "-inf"),
        ("NaN", "NaN"),
        ("9223372036854775808", "9223372036854775808.0"),
    ];
    for (text, want) in cases {
        assert_eq!(ok("string->number", &[s(text)]), want, "{text}");
    }
    assert_eq!(ok("string/to-number", &[s("0.5")]), "0.5");
    for bad in ["abc", "", " 42", "42 ", "1_000", "0x10", "1/2"] {
        assert_eq!(
            err("string->number", &[s(bad)]),
            ("eval", format!("cannot parse '{bad}' as number"))
        );
    }
    assert_eq!(
        err("string->number", &[Value::int(1)]),
        type_err("string", "int")
    );
}

#[test]
fn string_to_float_accepts_strings_and_numbers() {
    assert_eq!(ok("string->float", &[s("3.14")]), "3.14");
    assert_eq!(ok("string->float", &[s("42")]), "42.0");
    assert_eq!(ok("string->float", &[Value::int(7)]), "7.0");
    assert_eq!(ok("string->float", &[Value::float(2.5)]), "2.5");
    assert_eq!(ok("string/to-float", &[s("1e3")]), "1000.0");
    assert_eq!(
        err("string->float", &[s("x")]),
        ("eval", "cannot parse 'x' as float".to_string())
    );
    assert_eq!(
        err("string->float", &[Value::NIL]),
        type_err("string or number", "nil")
    );
}
