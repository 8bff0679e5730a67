//! Unit tests for the arithmetic builtins.

use sema_core::Value;

use crate::testing::call;

const MIN: i64 = i64::MIN;
const MAX: i64 = i64::MAX;

fn i(n: i64) -> Value {
    Value::int(n)
}

fn f(x: f64) -> Value {
    Value::float(x)
}

fn s(text: &str) -> Value {
    Value::string(text)
}

/// The repr of a successful call.
fn ok(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Ok(v) => format!("{v:?}"),
        Err(e) => panic!("({name} {args:?}) failed: {}", e.message()),
    }
}

/// The `:type` name and message of a failing call.
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
fn add_sums_with_wrapping_and_float_contagion() {
    assert_eq!(ok("+", &[]), "0");
    assert_eq!(ok("+", &[i(1), i(2), i(3)]), "6");
    assert_eq!(ok("+", &[i(10)]), "10");
    assert_eq!(ok("+", &[i(1), f(2.0)]), "3.0");
    assert_eq!(ok("+", &[f(0.1), f(0.7)]), "0.7999999999999999");
    assert_eq!(ok("+", &[i(MAX), i(1)]), MIN.to_string());
    assert_eq!(ok("+", &[f(1.5)]), "1.5");
    assert_eq!(err("+", &[i(1), s("a")]), type_err("number", "string"));
    assert_eq!(err("+", &[Value::NIL]), type_err("number", "nil"));
}

#[test]
fn sub_negates_or_subtracts_left_to_right() {
    assert_eq!(ok("-", &[i(5)]), "-5");
    assert_eq!(ok("-", &[f(2.5)]), "-2.5");
    assert_eq!(ok("-", &[i(MIN)]), MIN.to_string());
    assert_eq!(ok("-", &[i(10), i(3), i(2)]), "5");
    assert_eq!(ok("-", &[i(3), f(0.5)]), "2.5");
    assert_eq!(ok("-", &[i(MIN), i(1)]), MAX.to_string());
    assert_eq!(err("-", &[]), ("arity", "- expects 1+ args, got 0".into()));
    assert_eq!(err("-", &[s("a")]), type_err("number", "string"));
    assert_eq!(err("-", &[i(1), Value::TRUE]), type_err("number", "bool"));
}

#[test]
fn mul_multiplies_with_wrapping() {
    assert_eq!(ok("*", &[]), "1");
    assert_eq!(ok("*", &[i(2), i(3), i(4)]), "24");
    assert_eq!(ok("*", &[i(2), f(1.5)]), "3.0");
    assert_eq!(ok("*", &[i(0), f(1.5)]), "0.0");
    assert_eq!(ok("*", &[i(MAX), i(2)]), "-2");
    assert_eq!(err("*", &[i(2), s("x")]), type_err("number", "string"));
}

#[test]
fn div_is_exact_while_it_divides_evenly() {
    assert_eq!(ok("/", &[i(10), i(2)]), "5");
    assert_eq!(ok("/", &[i(10), i(3)]), "3.3333333333333335");
    assert_eq!(ok("/", &[f(10.0), i(2)]), "5.0");
    assert_eq!(ok("/", &[i(1), i(2)]), "0.5");
    assert_eq!(ok("/", &[i(-7), i(2)]), "-3.5");
    assert_eq!(ok("/", &[i(9007199254740993), i(1)]), "9007199254740993");
    assert_eq!(ok("/", &[i(9007199254740993), i(2)]), "4503599627370496.0");
    assert_eq!(
        ok("/", &[i(18014398509481986), i(2), i(3)]),
        "3002399751580331"
    );
    assert_eq!(ok("/", &[i(7), i(2), i(2)]), "1.75");
    assert_eq!(ok("/", &[i(12), i(4), i(3)]), "1");
    assert_eq!(ok("/", &[i(MIN), i(1)]), MIN.to_string());
}

#[test]
fn div_errors() {
    let by_zero = ("eval", "division by zero".to_string());
    assert_eq!(err("/", &[i(1), i(0)]), by_zero);
    assert_eq!(err("/", &[f(1.0), i(0)]), by_zero);
    assert_eq!(err("/", &[i(-1), f(0.0)]), by_zero);
    assert_eq!(err("/", &[f(0.0), f(0.0)]), by_zero);
    assert_eq!(err("/", &[i(6), i(2), i(0)]), by_zero);
    assert_eq!(
        err("/", &[i(MIN), i(-1)]),
        ("eval", "integer overflow in /".to_string())
    );
    assert_eq!(
        err("/", &[i(5)]),
        ("arity", "/ expects 2+ args, got 1".into())
    );
    assert_eq!(err("/", &[]), ("arity", "/ expects 2+ args, got 0".into()));
    assert_eq!(err("/", &[s("a"), i(1)]), type_err("number", "string"));
    assert_eq!(err("/", &[i(1), Value::NIL]), type_err("number", "nil"));
}

#[test]
fn mod_truncates_toward_zero() {
    assert_eq!(ok("mod", &[i(-7), i(3)]), "-1");
    assert_eq!(ok("mod", &[i(7), i(-3)]), "1");
    assert_eq!(ok("mod", &[i(-17), i(-5)]), "-2");
    assert_eq!(ok("modulo", &[i(17), i(5)]), "2");
    assert_eq!(ok("mod", &[f(7.5), i(2)]), "1.5");
    assert_eq!(ok("mod", &[i(7), f(2.0)]), "1.0");
    assert_eq!(ok("mod", &[f(7.5), f(0.0)]), "NaN");
    assert_eq!(ok("mod", &[i(7), f(0.0)]), "NaN");
    assert_eq!(ok("mod", &[i(MIN), i(-1)]), "0");
}

#[test]
fn mod_errors_name_the_first_argument() {
    assert_eq!(
        err("mod", &[i(5), i(0)]),
        ("eval", "modulo by zero".to_string())
    );
    assert_eq!(err("mod", &[i(1), s("a")]), type_err("number", "int"));
    assert_eq!(err("mod", &[s("a"), i(1)]), type_err("number", "string"));
    assert_eq!(
        err("mod", &[i(1)]),
        ("arity", "mod expects 2 args, got 1".into())
    );
}

#[test]
fn abs_wraps_at_the_minimum() {
    assert_eq!(ok("abs", &[i(-5)]), "5");
    assert_eq!(ok("abs", &[i(0)]), "0");
    assert_eq!(ok("abs", &[f(-2.5)]), "2.5");
    assert_eq!(ok("abs", &[f(-0.0)]), "0.0");
    assert_eq!(ok("abs", &[i(MIN)]), MIN.to_string());
    assert_eq!(err("abs", &[s("1")]), type_err("number", "string"));
}

#[test]
fn min_max_keep_the_winner_and_later_ties() {
    assert_eq!(ok("min", &[i(3), i(1), i(2)]), "1");
    assert_eq!(ok("max", &[i(3), i(1), i(2)]), "3");
    assert_eq!(ok("min", &[i(1), f(2.0)]), "1");
    assert_eq!(ok("max", &[i(1), f(2.0)]), "2.0");
    assert_eq!(ok("min", &[i(1), f(1.0)]), "1.0");
    assert_eq!(ok("min", &[f(1.0), i(1)]), "1");
    assert_eq!(ok("max", &[i(1), f(2.0), i(2)]), "2");
    assert_eq!(ok("max", &[i(5)]), "5");
    assert_eq!(ok("min", &[s("a")]), "\"a\"");
    // Exact comparison (D2): the int above 2^53 is larger than the float.
    assert_eq!(
        ok("max", &[i(9007199254740993), f(9007199254740992.0)]),
        "9007199254740993"
    );
    assert_eq!(
        err("min", &[]),
        ("arity", "min expects 1+ args, got 0".into())
    );
    assert_eq!(err("min", &[i(1), s("a")]), type_err("number", "string"));
    assert_eq!(err("max", &[s("a"), i(1)]), type_err("number", "string"));
}

#[test]
fn rounding_gives_ints() {
    assert_eq!(ok("floor", &[f(3.7)]), "3");
    assert_eq!(ok("floor", &[f(-3.5)]), "-4");
    assert_eq!(ok("floor", &[i(5)]), "5");
    assert_eq!(ok("ceil", &[f(3.2)]), "4");
    assert_eq!(ok("ceiling", &[f(-3.7)]), "-3");
    assert_eq!(ok("round", &[f(2.5)]), "3");
    assert_eq!(ok("round", &[f(-2.5)]), "-3");
    assert_eq!(ok("round", &[f(0.5)]), "1");
    assert_eq!(ok("round", &[f(2.4)]), "2");
    assert_eq!(ok("truncate", &[f(-3.7)]), "-3");
    assert_eq!(ok("truncate", &[f(3.9)]), "3");
}

#[test]
fn rounding_saturates() {
    assert_eq!(ok("floor", &[f(f64::NAN)]), "0");
    assert_eq!(ok("round", &[f(f64::INFINITY)]), MAX.to_string());
    assert_eq!(ok("ceil", &[f(f64::NEG_INFINITY)]), MIN.to_string());
    assert_eq!(ok("truncate", &[f(1e30)]), MAX.to_string());
    assert_eq!(err("floor", &[s("1.5")]), type_err("number", "string"));
}

#[test]
fn float_functions() {
    assert_eq!(ok("sqrt", &[i(16)]), "4.0");
    assert_eq!(ok("sqrt", &[i(2)]), "1.4142135623730951");
    assert_eq!(ok("sqrt", &[i(-1)]), "NaN");
    assert_eq!(ok("log", &[i(1)]), "0.0");
    assert_eq!(ok("log", &[i(0)]), "-inf");
    assert_eq!(ok("sin", &[i(0)]), "0.0");
    assert_eq!(ok("cos", &[i(0)]), "1.0");
    assert_eq!(err("sqrt", &[Value::NIL]), type_err("number", "nil"));
    assert_eq!(err("sin", &[s("0")]), type_err("number", "string"));
}

#[test]
fn pow_int_and_float() {
    assert_eq!(ok("pow", &[i(2), i(10)]), "1024");
    assert_eq!(ok("expt", &[i(3), i(3)]), "27");
    assert_eq!(ok("math/pow", &[i(0), i(0)]), "1");
    assert_eq!(ok("pow", &[i(2), i(64)]), "0");
    assert_eq!(ok("pow", &[i(3), i(40)]), 3i64.wrapping_pow(40).to_string());
    assert_eq!(ok("pow", &[i(2), i(-1)]), "0.5");
    assert_eq!(ok("pow", &[f(2.0), i(3)]), "8.0");
    assert_eq!(ok("pow", &[i(4), f(0.5)]), "2.0");
    // The exponent keeps only its low 32 bits: 2^32 + 3 acts as 3.
    assert_eq!(ok("pow", &[i(2), i((1 << 32) + 3)]), "8");
    assert_eq!(err("pow", &[s("a"), i(2)]), type_err("number", "string"));
    assert_eq!(err("pow", &[i(2), s("a")]), type_err("number", "string"));
}

#[test]
fn int_converts_numbers_and_strings() {
    assert_eq!(ok("int", &[i(7)]), "7");
    assert_eq!(ok("int", &[f(-3.99)]), "-3");
    assert_eq!(ok("int", &[f(f64::NAN)]), "0");
    assert_eq!(ok("int", &[s("12")]), "12");
    assert_eq!(ok("int", &[s("-12")]), "-12");
    assert_eq!(ok("int", &[s("+12")]), "12");
    for bad in ["1.5", " 12", "", "abc", "99999999999999999999"] {
        assert_eq!(
            err("int", &[s(bad)]),
            ("eval", format!("cannot convert '{bad}' to int"))
        );
    }
    assert_eq!(
        err("int", &[Value::NIL]),
        type_err("number or string", "nil")
    );
}

#[test]
fn float_converts_numbers_and_strings() {
    assert_eq!(ok("float", &[i(3)]), "3.0");
    assert_eq!(ok("float", &[f(2.5)]), "2.5");
    assert_eq!(ok("float", &[s("1e3")]), "1000.0");
    assert_eq!(ok("float", &[s("inf")]), "inf");
    assert_eq!(ok("float", &[s("NaN")]), "NaN");
    assert_eq!(ok("float", &[s(".5")]), "0.5");
    assert_eq!(
        err("float", &[s("x")]),
        ("eval", "cannot convert 'x' to float".to_string())
    );
    assert_eq!(
        err("float", &[Value::kw("a")]),
        type_err("number or string", "keyword")
    );
}
