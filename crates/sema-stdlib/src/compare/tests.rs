//! Unit tests for comparison, equality and `not`.

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

#[test]
fn ordering_chains() {
    assert_eq!(ok("<", &[i(1), i(2), i(3)]), "#t");
    assert_eq!(ok("<", &[i(1), i(3), i(2)]), "#f");
    assert_eq!(ok("<=", &[i(1), i(1), i(2)]), "#t");
    assert_eq!(ok(">", &[i(3), i(2), i(1)]), "#t");
    assert_eq!(ok(">=", &[i(3), i(3), i(3)]), "#t");
    assert_eq!(ok(">", &[i(1), i(1)]), "#f");
    assert_eq!(ok("<", &[i(1), f(1.5), i(2), f(2.5)]), "#t");
    assert_eq!(ok(">", &[f(2.5), i(2)]), "#t");
    assert_eq!(ok("<", &[i(-1), i(0)]), "#t");
}

#[test]
fn ordering_is_exact_above_2_pow_53() {
    let big = 9007199254740993;
    assert_eq!(ok(">", &[i(big), i(big - 1)]), "#t");
    assert_eq!(ok("<", &[f(9007199254740992.0), i(big)]), "#t");
    assert_eq!(ok("<=", &[i(big), f(9007199254740992.0)]), "#f");
    assert_eq!(ok(">=", &[i(i64::MAX), f(9223372036854775808.0)]), "#f");
    assert_eq!(ok("<", &[i(i64::MAX), f(9223372036854775808.0)]), "#t");
    assert_eq!(ok("<", &[i(i64::MIN), f(f64::NEG_INFINITY)]), "#f");
}

#[test]
fn nan_makes_orderings_false() {
    let nan = f(f64::NAN);
    for op in ["<", ">", "<=", ">="] {
        assert_eq!(ok(op, &[nan.clone(), i(1)]), "#f");
        assert_eq!(ok(op, &[i(1), nan.clone()]), "#f");
    }
}

#[test]
fn ordering_errors() {
    assert_eq!(
        err("<", &[i(1), Value::string("a")]),
        ("type-error", "expected number, got string".to_string())
    );
    assert_eq!(
        err(">=", &[Value::NIL, i(1)]),
        ("type-error", "expected number, got nil".to_string())
    );
    assert_eq!(
        err("<", &[i(1)]),
        ("arity", "< expects 2+ args, got 1".to_string())
    );
    // The chain stops at the first false pair.
    assert_eq!(ok("<", &[i(2), i(1), Value::string("a")]), "#f");
}

#[test]
fn numeric_equality() {
    assert_eq!(ok("=", &[i(1), i(1), i(1)]), "#t");
    assert_eq!(ok("=", &[i(1), f(1.0)]), "#t");
    assert_eq!(ok("=", &[i(0), f(-0.0)]), "#t");
    assert_eq!(ok("=", &[f(0.0), f(-0.0)]), "#t");
    assert_eq!(ok("=", &[f(0.1), f(0.1)]), "#t");
    assert_eq!(ok("=", &[i(9007199254740993), f(9007199254740992.0)]), "#f");
    assert_eq!(ok("=", &[i(9007199254740992), f(9007199254740992.0)]), "#t");
    assert_eq!(ok("=", &[f(f64::NAN), f(f64::NAN)]), "#f");
    assert_eq!(ok("=", &[Value::string("a"), Value::string("a")]), "#t");
    assert_eq!(ok("=", &[i(1), Value::string("1")]), "#f");
    assert_eq!(ok("=", &[Value::sym("a"), Value::sym("a")]), "#t");
    let v = |x: Value| Value::vector(vec![i(1), x]);
    assert_eq!(ok("=", &[v(i(2)), v(i(2))]), "#t");
    assert_eq!(
        ok("=", &[Value::list(vec![i(1)]), Value::list(vec![f(1.0)])]),
        "#f"
    );
    assert_eq!(ok("=", &[Value::EMPTY_LIST, Value::NIL]), "#f");
    assert_eq!(
        err("=", &[i(1)]),
        ("arity", "= expects 2+ args, got 1".to_string())
    );
}

#[test]
fn structural_equality() {
    for op in ["eq?", "equal?"] {
        assert_eq!(ok(op, &[i(1), f(1.0)]), "#f");
        assert_eq!(ok(op, &[f(0.0), f(-0.0)]), "#f");
        assert_eq!(ok(op, &[f(f64::NAN), f(f64::NAN)]), "#f");
        assert_eq!(ok(op, &[Value::string("a"), Value::string("a")]), "#t");
        assert_eq!(
            ok(
                op,
                &[Value::list(vec![i(1), i(2)]), Value::list(vec![i(1), i(2)])]
            ),
            "#t"
        );
        assert_eq!(
            ok(op, &[Value::list(vec![i(1)]), Value::vector(vec![i(1)])]),
            "#f"
        );
        assert_eq!(ok(op, &[Value::EMPTY_LIST, Value::NIL]), "#f");
        assert_eq!(
            err(op, &[i(1), i(1), i(1)]),
            ("arity", format!("{op} expects 2 args, got 3"))
        );
    }
    let row = crate::find("not").expect("not is bound");
    let f = crate::native_value(row);
    assert_eq!(ok("equal?", &[f.clone(), f]), "#t");
    let (g, h) = (crate::native_value(row), crate::native_value(row));
    assert_eq!(ok("eq?", &[g, h]), "#f");
}

#[test]
fn not_is_true_only_for_nil_and_false() {
    assert_eq!(ok("not", &[Value::NIL]), "#t");
    assert_eq!(ok("not", &[Value::FALSE]), "#t");
    assert_eq!(ok("not", &[Value::TRUE]), "#f");
    assert_eq!(ok("not", &[i(0)]), "#f");
    assert_eq!(ok("not", &[Value::EMPTY_LIST]), "#f");
    assert_eq!(ok("not", &[Value::string("")]), "#f");
    assert_eq!(
        err("not", &[]),
        ("arity", "not expects 1 args, got 0".to_string())
    );
}
