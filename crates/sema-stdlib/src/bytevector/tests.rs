//! Unit tests for the bytevector builtins.

use sema_core::printer::repr;
use sema_core::Value;

use crate::testing::{call, TestCtx};

fn int(i: i64) -> Value {
    Value::int(i)
}

fn bv(bytes: &[u8]) -> Value {
    Value::bytevector(bytes.to_vec())
}

fn ok(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Ok(v) => repr(&v),
        Err(e) => panic!("{name} failed: {}", e.message()),
    }
}

fn err(name: &str, args: &[Value]) -> (String, String) {
    match call(name, args) {
        Ok(v) => panic!("{name} returned {}", repr(&v)),
        Err(e) => (e.type_keyword().to_string(), e.message().to_string()),
    }
}

fn eval_err(msg: &str) -> (String, String) {
    ("eval".to_string(), msg.to_string())
}

fn type_err(expected: &str, got: &str) -> (String, String) {
    (
        "type-error".to_string(),
        format!("expected {expected}, got {got}"),
    )
}

#[test]
fn construct() {
    assert_eq!(
        ok("bytevector", &[int(1), int(2), int(255)]),
        "#u8(1 2 255)"
    );
    assert_eq!(ok("bytevector", &[]), "#u8()");
    assert_eq!(
        err("bytevector", &[int(1), int(300)]),
        eval_err("bytevector: byte value 300 at index 1 out of range 0..255")
    );
    assert_eq!(
        err("bytevector", &[int(-1)]),
        eval_err("bytevector: byte value -1 at index 0 out of range 0..255")
    );
    assert_eq!(
        err("bytevector", &[Value::float(1.0)]),
        type_err("int", "float")
    );
}

#[test]
fn make_bytevector_sizes_and_fills() {
    assert_eq!(ok("make-bytevector", &[int(3)]), "#u8(0 0 0)");
    assert_eq!(ok("bytevector/new", &[int(2), int(255)]), "#u8(255 255)");
    assert_eq!(ok("make-bytevector", &[int(0), int(7)]), "#u8()");
    assert_eq!(
        err("make-bytevector", &[int(-1)]),
        eval_err("make-bytevector: size must be non-negative, got -1")
    );
    assert_eq!(
        err("make-bytevector", &[int(2), int(256)]),
        eval_err("make-bytevector: fill value 256 out of range 0..255")
    );
    assert_eq!(err("make-bytevector", &[int(i64::MAX)]).0, "eval");
    assert_eq!(
        err("make-bytevector", &[Value::string("x")]),
        type_err("int", "string")
    );
}

#[test]
fn length_and_ref() {
    assert_eq!(ok("bytevector-length", &[bv(&[1, 2, 3])]), "3");
    assert_eq!(ok("bytevector/length", &[bv(&[])]), "0");
    assert_eq!(
        err("bytevector-length", &[Value::vector(vec![])]),
        type_err("bytevector", "vector")
    );
    assert_eq!(ok("bytevector-u8-ref", &[bv(&[7, 8]), int(1)]), "8");
    assert_eq!(
        err("bytevector/ref", &[bv(&[7, 8]), int(2)]),
        eval_err("bytevector-u8-ref: index 2 out of range for bytevector of length 2")
    );
    assert_eq!(
        err("bytevector-u8-ref", &[bv(&[7, 8]), int(-1)]),
        eval_err("bytevector-u8-ref: index -1 out of range for bytevector of length 2")
    );
    assert_eq!(
        err("bytevector-u8-ref", &[bv(&[7]), Value::float(0.0)]),
        type_err("int", "float")
    );
}

#[test]
fn set_returns_a_new_bytevector() {
    let orig = bv(&[1, 2, 3]);
    assert_eq!(
        ok("bytevector-u8-set!", &[orig.clone(), int(0), int(99)]),
        "#u8(99 2 3)"
    );
    assert_eq!(repr(&orig), "#u8(1 2 3)");
    assert_eq!(
        err("bytevector/set!", &[orig.clone(), int(3), int(0)]),
        eval_err("bytevector-u8-set!: index 3 out of range for bytevector of length 3")
    );
    assert_eq!(
        err("bytevector-u8-set!", &[orig.clone(), int(0), int(256)]),
        eval_err("bytevector-u8-set!: byte value 256 out of range 0..255")
    );
    assert_eq!(
        err("bytevector-u8-set!", &[orig, int(9), Value::NIL]),
        type_err("int", "nil")
    );
}

#[test]
fn set_reuses_a_unique_bytevector() {
    let v = bv(&[1, 2, 3]);
    let id = v.identity();
    let mut args = [v, int(1), int(0)];
    let r = super::u8_set(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), id);
    assert_eq!(repr(&r), "#u8(1 0 3)");
}

#[test]
fn copy_ranges() {
    let v = bv(&[1, 2, 3, 4, 5]);
    assert_eq!(
        ok("bytevector-copy", std::slice::from_ref(&v)),
        "#u8(1 2 3 4 5)"
    );
    assert_eq!(ok("bytevector-copy", &[v.clone(), int(3)]), "#u8(4 5)");
    assert_eq!(
        ok("bytevector/copy", &[v.clone(), int(1), int(4)]),
        "#u8(2 3 4)"
    );
    assert_eq!(ok("bytevector-copy", &[v.clone(), int(5)]), "#u8()");
    assert_eq!(ok("bytevector-copy", &[v.clone(), int(2), int(2)]), "#u8()");
    assert_eq!(
        err("bytevector-copy", &[v.clone(), int(3), int(2)]),
        eval_err("bytevector-copy: range 3..2 out of bounds for bytevector of length 5")
    );
    assert_eq!(
        err("bytevector-copy", &[v.clone(), int(0), int(6)]),
        eval_err("bytevector-copy: range 0..6 out of bounds for bytevector of length 5")
    );
    assert_eq!(
        err("bytevector-copy", &[v, int(-1)]),
        eval_err(
            "bytevector-copy: range 18446744073709551615..5 out of bounds for bytevector of length 5"
        )
    );
}

#[test]
fn append_and_lists() {
    assert_eq!(
        ok("bytevector-append", &[bv(&[1]), bv(&[]), bv(&[2, 3])]),
        "#u8(1 2 3)"
    );
    assert_eq!(ok("bytevector/append", &[]), "#u8()");
    assert_eq!(
        err("bytevector-append", &[bv(&[1]), Value::list(vec![int(2)])]),
        type_err("bytevector", "list")
    );
    assert_eq!(ok("bytevector->list", &[bv(&[7, 8])]), "(7 8)");
    assert_eq!(ok("bytevector/to-list", &[bv(&[])]), "()");
    assert_eq!(
        ok("list->bytevector", &[Value::list(vec![int(65), int(66)])]),
        "#u8(65 66)"
    );
    assert_eq!(ok("list/to-bytevector", &[Value::EMPTY_LIST]), "#u8()");
    assert_eq!(
        err("list->bytevector", &[Value::vector(vec![int(1)])]),
        type_err("list", "vector")
    );
    assert_eq!(
        err("list->bytevector", &[Value::list(vec![Value::string("a")])]),
        type_err("int", "string")
    );
    assert_eq!(
        err("list->bytevector", &[Value::list(vec![int(256)])]),
        eval_err("list->bytevector: byte value 256 out of range 0..255")
    );
}

#[test]
fn utf8_round_trip() {
    assert_eq!(ok("string->utf8", &[Value::string("hi")]), "#u8(104 105)");
    assert_eq!(ok("string/to-utf8", &[Value::string("é")]), "#u8(195 169)");
    assert_eq!(ok("utf8->string", &[bv(&[104, 105])]), "\"hi\"");
    assert_eq!(ok("utf8/to-string", &[bv(&[])]), "\"\"");
    assert_eq!(
        err("utf8->string", &[bv(&[255])]),
        eval_err("utf8->string: invalid UTF-8: invalid utf-8 sequence of 1 bytes from index 0")
    );
    assert_eq!(err("string->utf8", &[int(1)]), type_err("string", "int"));
    assert_eq!(
        err("utf8->string", &[Value::string("x")]),
        type_err("bytevector", "string")
    );
}

#[test]
fn binds_the_21_names_of_section_12() {
    let names = [
        "bytevector",
        "make-bytevector",
        "bytevector-length",
        "bytevector-u8-ref",
        "bytevector-u8-set!",
        "bytevector-copy",
        "bytevector-append",
        "bytevector->list",
        "list->bytevector",
        "string->utf8",
        "utf8->string",
        "bytevector/new",
        "bytevector/length",
        "bytevector/ref",
        "bytevector/set!",
        "bytevector/copy",
        "bytevector/append",
        "bytevector/to-list",
        "list/to-bytevector",
        "string/to-utf8",
        "utf8/to-string",
    ];
    let mine: Vec<&str> = super::BUILTINS
        .iter()
        .map(|b| b.name)
        .chain(super::ALIASES.iter().map(|(a, _)| *a))
        .collect();
    assert_eq!(mine.len(), 21);
    for n in names {
        assert!(mine.contains(&n), "{n} is not bound");
    }
    for (alias, target) in super::ALIASES {
        assert!(crate::find(alias).is_some_and(|b| b.name == *target));
    }
}
