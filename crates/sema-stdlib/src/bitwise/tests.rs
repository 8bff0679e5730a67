//! Unit tests for the bitwise builtins.

use sema_core::Value;

use crate::testing::call;

fn i(n: i64) -> Value {
    Value::int(n)
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
fn and_or_xor_not() {
    assert_eq!(ok("bit/and", &[i(12), i(10)]), "8");
    assert_eq!(ok("bit/or", &[i(12), i(10)]), "14");
    assert_eq!(ok("bit/xor", &[i(12), i(10)]), "6");
    assert_eq!(ok("bit/and", &[i(-1), i(255)]), "255");
    assert_eq!(ok("bit/not", &[i(0)]), "-1");
    assert_eq!(ok("bit/not", &[i(7)]), "-8");
    assert_eq!(ok("bit/not", &[i(i64::MIN)]), i64::MAX.to_string());
}

#[test]
fn shifts_take_the_count_mod_64() {
    assert_eq!(ok("bit/shift-left", &[i(1), i(4)]), "16");
    assert_eq!(ok("bit/shift-left", &[i(1), i(10)]), "1024");
    assert_eq!(ok("bit/shift-left", &[i(1), i(64)]), "1");
    assert_eq!(ok("bit/shift-left", &[i(1), i(63)]), i64::MIN.to_string());
    assert_eq!(ok("bit/shift-left", &[i(3), i(63)]), i64::MIN.to_string());
    assert_eq!(ok("bit/shift-left", &[i(1), i(-1)]), i64::MIN.to_string());
    assert_eq!(ok("bit/shift-left", &[i(1), i(i64::MIN)]), "1");
    assert_eq!(ok("bit/shift-right", &[i(1024), i(3)]), "128");
    assert_eq!(ok("bit/shift-right", &[i(-16), i(2)]), "-4");
    assert_eq!(ok("bit/shift-right", &[i(-1), i(63)]), "-1");
    assert_eq!(ok("bit/shift-right", &[i(256), i(-60)]), "16");
    assert_eq!(ok("bit/shift-right", &[i(5), i(64)]), "5");
}

#[test]
fn errors() {
    assert_eq!(
        err("bit/and", &[Value::float(1.0), i(1)]),
        ("type-error", "expected int, got float".to_string())
    );
    assert_eq!(
        err("bit/shift-left", &[i(1), Value::string("2")]),
        ("type-error", "expected int, got string".to_string())
    );
    assert_eq!(
        err("bit/or", &[i(1), i(2), i(3)]),
        ("arity", "bit/or expects 2 args, got 3".to_string())
    );
    assert_eq!(
        err("bit/not", &[]),
        ("arity", "bit/not expects 1 args, got 0".to_string())
    );
}
