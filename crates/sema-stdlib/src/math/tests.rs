//! Unit tests for the `math/` builtins.

use sema_core::Value;

use crate::testing::call;

fn i(n: i64) -> Value {
    Value::int(n)
}

fn f(x: f64) -> Value {
    Value::float(x)
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
fn quotient_and_remainder_truncate() {
    assert_eq!(ok("math/quotient", &[i(7), i(-2)]), "-3");
    assert_eq!(ok("math/quotient", &[i(-17), i(5)]), "-3");
    assert_eq!(
        ok("math/quotient", &[i(i64::MIN), i(-1)]),
        i64::MIN.to_string()
    );
    assert_eq!(ok("math/remainder", &[i(-7), i(2)]), "-1");
    assert_eq!(ok("math/remainder", &[i(17), i(-5)]), "2");
    assert_eq!(ok("math/remainder", &[i(i64::MIN), i(-1)]), "0");
    assert_eq!(
        err("math/quotient", &[i(1), i(0)]),
        ("eval", "math/quotient: division by zero".to_string())
    );
    assert_eq!(
        err("math/remainder", &[i(1), i(0)]),
        ("eval", "math/remainder: division by zero".to_string())
    );
    assert_eq!(
        err("math/quotient", &[f(7.0), i(2)]),
        type_err("int", "float")
    );
    assert_eq!(
        err("math/remainder", &[i(7), f(2.0)]),
        type_err("int", "float")
    );
}

#[test]
fn gcd_and_lcm() {
    assert_eq!(ok("math/gcd", &[i(12), i(-18)]), "6");
    assert_eq!(ok("math/gcd", &[i(0), i(5)]), "5");
    assert_eq!(ok("math/gcd", &[i(0), i(0)]), "0");
    assert_eq!(ok("math/gcd", &[i(i64::MIN), i(6)]), "2");
    assert_eq!(ok("math/lcm", &[i(4), i(6)]), "12");
    assert_eq!(ok("math/lcm", &[i(-3), i(7)]), "21");
    assert_eq!(ok("math/lcm", &[i(0), i(0)]), "0");
    assert_eq!(ok("math/lcm", &[i(0), i(5)]), "0");
    assert_eq!(
        ok("math/lcm", &[i(i64::MIN), i(i64::MIN)]),
        i64::MIN.to_string()
    );
    assert_eq!(err("math/gcd", &[i(1), Value::NIL]), type_err("int", "nil"));
}

#[test]
fn float_functions() {
    assert_eq!(ok("math/tan", &[i(0)]), "0.0");
    assert_eq!(ok("math/asin", &[i(0)]), "0.0");
    assert_eq!(ok("math/acos", &[i(1)]), "0.0");
    assert_eq!(ok("math/atan", &[i(0)]), "0.0");
    assert_eq!(ok("math/atan2", &[i(0), i(1)]), "0.0");
    assert_eq!(ok("math/atan2", &[i(1), i(0)]), "1.5707963267948966");
    assert_eq!(ok("math/exp", &[i(0)]), "1.0");
    assert_eq!(ok("math/exp", &[i(1000)]), "inf");
    assert_eq!(ok("math/log10", &[i(1000)]), "3.0");
    assert_eq!(ok("math/log2", &[i(8)]), "3.0");
    assert_eq!(ok("math/sinh", &[i(0)]), "0.0");
    assert_eq!(ok("math/cosh", &[i(0)]), "1.0");
    assert_eq!(ok("math/tanh", &[i(0)]), "0.0");
    assert_eq!(ok("math/degrees->radians", &[i(180)]), "3.141592653589793");
    assert_eq!(
        ok("math/radians->degrees", &[f(std::f64::consts::PI)]),
        "180.0"
    );
    assert_eq!(
        err("math/exp", &[Value::string("1")]),
        type_err("number", "string")
    );
    assert_eq!(
        err("math/atan2", &[i(1), Value::NIL]),
        type_err("number", "nil")
    );
}

#[test]
fn random_stays_in_range() {
    for _ in 0..200 {
        let x = call("math/random", &[]).ok().and_then(|v| v.as_float());
        assert!(x.is_some_and(|x| (0.0..1.0).contains(&x)));
        let n = call("math/random-int", &[i(-2), i(2)])
            .ok()
            .and_then(|v| v.as_int());
        assert!(n.is_some_and(|n| (-2..=2).contains(&n)));
    }
    assert_eq!(ok("math/random-int", &[i(5), i(5)]), "5");
    assert!(call("math/random-int", &[i(i64::MIN), i(i64::MAX)]).is_ok());
    assert_eq!(err("math/random-int", &[i(3), i(1)]).0, "eval");
    assert_eq!(
        err("math/random-int", &[f(1.0), i(2)]),
        type_err("int", "float")
    );
    assert_eq!(
        err("math/random", &[i(1)]),
        ("arity", "math/random expects 0 args, got 1".to_string())
    );
}

#[test]
fn clamp_keeps_ints_or_goes_float() {
    assert_eq!(ok("math/clamp", &[i(15), i(0), i(10)]), "10");
    assert_eq!(ok("math/clamp", &[i(-3), i(0), i(10)]), "0");
    assert_eq!(ok("math/clamp", &[i(5), i(0), i(10)]), "5");
    assert_eq!(ok("math/clamp", &[i(5), f(1.0), i(3)]), "3.0");
    assert_eq!(ok("math/clamp", &[f(0.5), i(0), i(1)]), "0.5");
    assert_eq!(ok("math/clamp", &[i(2), i(0), f(10.0)]), "2.0");
    assert_eq!(ok("math/clamp", &[f(f64::NAN), i(0), f(1.0)]), "0.0");
    assert_eq!(
        err("math/clamp", &[i(1), Value::string("a"), i(2)]),
        type_err("number", "string")
    );
}

#[test]
fn sign_of_numbers() {
    assert_eq!(ok("math/sign", &[i(-4)]), "-1");
    assert_eq!(ok("math/sign", &[i(0)]), "0");
    assert_eq!(ok("math/sign", &[i(i64::MIN)]), "-1");
    assert_eq!(ok("math/sign", &[f(2.5)]), "1");
    assert_eq!(ok("math/sign", &[f(-0.5)]), "-1");
    assert_eq!(ok("math/sign", &[f(-0.0)]), "0");
    assert_eq!(ok("math/sign", &[f(f64::NAN)]), "0");
    assert_eq!(ok("math/sign", &[f(f64::NEG_INFINITY)]), "-1");
    assert_eq!(err("math/sign", &[Value::NIL]), type_err("number", "nil"));
}

#[test]
fn lerp_and_map_range_are_float() {
    assert_eq!(ok("math/lerp", &[i(0), i(10), f(0.5)]), "5.0");
    assert_eq!(ok("math/lerp", &[i(0), i(10), i(1)]), "10.0");
    assert_eq!(
        ok("math/map-range", &[i(5), i(0), i(10), i(0), i(100)]),
        "50.0"
    );
    assert_eq!(ok("math/map-range", &[i(1), i(1), i(1), i(0), i(1)]), "NaN");
    assert_eq!(
        err("math/lerp", &[i(0), i(1), Value::NIL]),
        type_err("number", "nil")
    );
}

#[test]
fn nan_and_infinite_tests_never_raise() {
    assert_eq!(ok("math/nan?", &[f(f64::NAN)]), "#t");
    assert_eq!(ok("math/nan?", &[f(1.0)]), "#f");
    assert_eq!(ok("math/nan?", &[Value::string("NaN")]), "#f");
    assert_eq!(ok("math/infinite?", &[f(f64::NEG_INFINITY)]), "#t");
    assert_eq!(ok("math/infinite?", &[f(1e300)]), "#f");
    assert_eq!(ok("math/infinite?", &[i(i64::MAX)]), "#f");
    assert_eq!(ok("math/infinite?", &[Value::NIL]), "#f");
}
