//! Unit tests of the context store. Each test runs on its own thread, so each
//! starts with an empty store.

use sema_core::printer::repr;
use sema_core::{Arity, Error, ErrorKind, Value};

use crate::testing::call;

fn kw(name: &str) -> Value {
    Value::kw(name)
}

fn show(v: Value) -> String {
    repr(&v)
}

#[test]
fn set_get_has_remove() {
    assert!(call("context/get", &[kw("a")]).unwrap().is_nil());
    assert_eq!(show(call("context/has?", &[kw("a")]).unwrap()), "#f");
    call("context/set", &[kw("a"), Value::int(1)]).unwrap();
    assert_eq!(show(call("context/get", &[kw("a")]).unwrap()), "1");
    assert_eq!(show(call("context/has?", &[kw("a")]).unwrap()), "#t");
    assert_eq!(show(call("context/remove", &[kw("a")]).unwrap()), "1");
    assert!(call("context/remove", &[kw("a")]).unwrap().is_nil());
    call("context/set", &[kw("b"), Value::int(2)]).unwrap();
    assert_eq!(show(call("context/pull", &[kw("b")]).unwrap()), "2");
    assert_eq!(show(call("context/all", &[]).unwrap()), "{}");
}

#[test]
fn all_merge_and_clear() {
    call("context/set", &[kw("b"), Value::int(2)]).unwrap();
    let m = Value::map_from([(kw("a"), Value::int(1)), (Value::string("s"), Value::NIL)]);
    call("context/merge", &[m]).unwrap();
    assert_eq!(
        show(call("context/all", &[]).unwrap()),
        "{\"s\" nil :a 1 :b 2}"
    );
    call("context/clear", &[]).unwrap();
    assert_eq!(show(call("context/all", &[]).unwrap()), "{}");
    let e = call("context/merge", &[Value::int(1)]).unwrap_err();
    assert_eq!(e.message(), "expected map, got int");
}

fn thunk_reading_a() -> Value {
    Value::native("reader", Arity::Exact(0), |_, _| {
        let inner = call("context/get", &[Value::kw("a")])?;
        let all = call("context/all", &[])?;
        Ok(Value::list(vec![inner, all]))
    })
}

#[test]
fn with_pushes_a_frame_and_pops_it() {
    call("context/set", &[kw("a"), Value::int(1)]).unwrap();
    call("context/set", &[kw("b"), Value::int(2)]).unwrap();
    let frame = Value::map_from([(kw("a"), Value::int(10))]);
    let got = call("context/with", &[frame, thunk_reading_a()]).unwrap();
    assert_eq!(show(got), "(10 {:a 10 :b 2})");
    assert_eq!(show(call("context/get", &[kw("a")]).unwrap()), "1");
}

#[test]
fn with_pops_its_frame_on_error() {
    let failing = Value::native("boom", Arity::Exact(0), |_, _| {
        call("context/set", &[Value::kw("inner"), Value::TRUE])?;
        Err(Error::eval("boom"))
    });
    let frame = Value::map_from([(kw("x"), Value::int(1))]);
    let e = call("context/with", &[frame, failing]).unwrap_err();
    assert_eq!(e.message(), "boom");
    assert_eq!(show(call("context/all", &[]).unwrap()), "{}");
}

#[test]
fn with_survives_a_clear_inside_the_thunk() {
    call("context/set", &[kw("a"), Value::int(1)]).unwrap();
    let clearing = Value::native("clearing", Arity::Exact(0), |_, _| {
        call("context/clear", &[])?;
        call("context/set", &[Value::kw("z"), Value::int(9)])
    });
    call("context/with", &[Value::map_from([]), clearing]).unwrap();
    assert_eq!(show(call("context/all", &[]).unwrap()), "{:z 9}");
}

#[test]
fn with_type_errors() {
    let e = call("context/with", &[Value::int(1), thunk_reading_a()]).unwrap_err();
    assert_eq!(e.message(), "expected map, got int");
    let e = call("context/with", &[Value::map_from([]), Value::int(1)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Type { .. }));
    assert_eq!(e.message(), "expected function, got int");
}

#[test]
fn remove_clears_the_key_from_every_frame() {
    call("context/set", &[kw("a"), Value::int(1)]).unwrap();
    let remover = Value::native("remover", Arity::Exact(0), |_, _| {
        let removed = call("context/remove", &[Value::kw("a")])?;
        let after = call("context/get", &[Value::kw("a")])?;
        Ok(Value::list(vec![removed, after]))
    });
    let frame = Value::map_from([(kw("a"), Value::int(2))]);
    let got = call("context/with", &[frame, remover]).unwrap();
    assert_eq!(show(got), "(2 nil)");
    assert!(call("context/get", &[kw("a")]).unwrap().is_nil());
}

#[test]
fn named_stacks() {
    assert_eq!(show(call("context/stack", &[kw("s")]).unwrap()), "()");
    assert!(call("context/pop", &[kw("s")]).unwrap().is_nil());
    call("context/push", &[kw("s"), Value::int(1)]).unwrap();
    call("context/push", &[kw("s"), Value::int(2)]).unwrap();
    assert_eq!(show(call("context/stack", &[kw("s")]).unwrap()), "(1 2)");
    assert_eq!(show(call("context/pop", &[kw("s")]).unwrap()), "2");
    assert_eq!(show(call("context/pop", &[kw("s")]).unwrap()), "1");
    assert!(call("context/pop", &[kw("s")]).unwrap().is_nil());
    // Stacks are not part of the visible entries.
    assert_eq!(show(call("context/all", &[]).unwrap()), "{}");
}

#[test]
fn hidden_store_is_separate() {
    call("context/set-hidden", &[kw("k"), Value::string("v")]).unwrap();
    assert_eq!(
        show(call("context/get-hidden", &[kw("k")]).unwrap()),
        "\"v\""
    );
    assert_eq!(show(call("context/has-hidden?", &[kw("k")]).unwrap()), "#t");
    assert_eq!(show(call("context/has-hidden?", &[kw("q")]).unwrap()), "#f");
    assert!(call("context/get", &[kw("k")]).unwrap().is_nil());
    assert_eq!(show(call("context/all", &[]).unwrap()), "{}");
    assert!(crate::context::visible_map().is_none());
    call("context/clear", &[]).unwrap();
    assert_eq!(
        show(call("context/get-hidden", &[kw("k")]).unwrap()),
        "\"v\""
    );
}

#[test]
fn arity_errors() {
    let e = call("context/set", &[kw("a")]).unwrap_err();
    assert_eq!(e.message(), "context/set expects 2 args, got 1");
    let e = call("context/all", &[kw("a")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Arity));
}
