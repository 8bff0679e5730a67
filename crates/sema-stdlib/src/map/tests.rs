//! Unit tests for the map builtins: results, error kinds and messages, and
//! the in-place (copy-on-write) behaviour of the updating functions.

use sema_core::printer::repr;
use sema_core::{Arity, ErrorKind, Value};

use crate::testing::{call, TestCtx};

fn kw(s: &str) -> Value {
    Value::kw(s)
}

fn int(i: i64) -> Value {
    Value::int(i)
}

fn sorted(pairs: &[(Value, Value)]) -> Value {
    Value::map_from(pairs.iter().cloned())
}

fn hashed(pairs: &[(Value, Value)]) -> Value {
    let mut args: Vec<Value> = pairs
        .iter()
        .flat_map(|(k, v)| [k.clone(), v.clone()])
        .collect();
    super::hashmap::new(&mut TestCtx, &mut args).unwrap()
}

/// `{:a 1 :b 2}`
fn ab() -> Value {
    sorted(&[(kw("a"), int(1)), (kw("b"), int(2))])
}

fn ok(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Ok(v) => repr(&v),
        Err(e) => panic!("{name} failed: {}", e.message()),
    }
}

/// The error's `:type` keyword name and message.
fn err(name: &str, args: &[Value]) -> (String, String) {
    match call(name, args) {
        Ok(v) => panic!("{name} returned {}", repr(&v)),
        Err(e) => (e.type_keyword().to_string(), e.message().to_string()),
    }
}

fn type_err(expected: &str, got: &str) -> (String, String) {
    (
        "type-error".to_string(),
        format!("expected {expected}, got {got}"),
    )
}

fn eval_err(msg: &str) -> (String, String) {
    ("eval".to_string(), msg.to_string())
}

fn native1(name: &str, f: fn(&Value) -> Value) -> Value {
    Value::native(name, Arity::Exact(1), move |_, a| Ok(f(&a[0])))
}

fn inc() -> Value {
    native1("inc", |v| int(v.as_int().unwrap_or(0) + 1))
}

fn failing() -> Value {
    Value::native("boom", Arity::AtLeast(0), |_, _| {
        Err(sema_core::Error::eval("boom"))
    })
}

#[test]
fn error_kind_names() {
    let e = sema_core::Error::eval("x");
    assert!(matches!(e.kind(), ErrorKind::Eval));
    assert_eq!(e.type_keyword(), "eval");
}

// ----- construction -----------------------------------------------------

#[test]
fn hash_map_builds_sorted_maps() {
    assert_eq!(
        ok("hash-map", &[kw("b"), int(2), kw("a"), int(1)]),
        "{:a 1 :b 2}"
    );
    assert_eq!(ok("hash-map", &[]), "{}");
    assert_eq!(ok("map/new", &[kw("a"), int(1), kw("a"), int(9)]), "{:a 9}");
    assert_eq!(
        call("hash-map", &[kw("a"), int(1)]).unwrap().type_name(),
        "map"
    );
    assert_eq!(
        err("hash-map", &[kw("a")]),
        eval_err("hash-map: requires even number of arguments")
    );
}

#[test]
fn hashmap_new_builds_hash_maps() {
    let h = call("hashmap/new", &[kw("b"), int(2), kw("a"), int(1)]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:a 1 :b 2}");
    assert_eq!(ok("hashmap/new", &[]), "{}");
    assert_eq!(
        err("hashmap/new", &[kw("a"), int(1), kw("b")]),
        eval_err("hashmap/new: requires even number of arguments")
    );
}

// ----- get / contains? ----------------------------------------------------

#[test]
fn get_uses_default_only_when_absent() {
    assert_eq!(ok("get", &[ab(), kw("a")]), "1");
    assert_eq!(ok("get", &[ab(), kw("z")]), "nil");
    assert_eq!(ok("get", &[ab(), kw("z"), int(7)]), "7");
    let with_nil = sorted(&[(kw("a"), Value::NIL)]);
    assert_eq!(ok("get", &[with_nil, kw("a"), int(7)]), "nil");
    assert_eq!(
        ok("hash-ref", &[hashed(&[(kw("x"), int(5))]), kw("x")]),
        "5"
    );
    // 1 and 1.0 are different keys.
    let m = sorted(&[(Value::float(1.0), kw("f"))]);
    assert_eq!(ok("get", &[m, int(1)]), "nil");
}

#[test]
fn get_rejects_non_maps() {
    for (v, t) in [
        (Value::NIL, "nil"),
        (Value::vector(vec![int(1)]), "vector"),
        (Value::list(vec![int(1)]), "list"),
        (Value::string("s"), "string"),
    ] {
        assert_eq!(err("get", &[v, int(0)]), type_err("map or hashmap", t));
    }
    let e = call("get", &[Value::vector(vec![]), int(0)]).unwrap_err();
    assert!(e.hint().unwrap_or("").contains("nth"));
}

#[test]
fn contains_checks_keys() {
    assert_eq!(ok("contains?", &[ab(), kw("a")]), "#t");
    assert_eq!(ok("contains?", &[ab(), kw("z")]), "#f");
    let with_nil = sorted(&[(kw("k"), Value::NIL)]);
    assert_eq!(ok("contains?", &[with_nil, kw("k")]), "#t");
    assert_eq!(
        ok("contains?", &[hashed(&[(int(1), int(2))]), int(1)]),
        "#t"
    );
    assert_eq!(
        err("contains?", &[Value::vector(vec![int(0)]), int(0)]),
        type_err("map or hashmap", "vector")
    );
    assert_eq!(
        err("contains?", &[Value::string("abc"), Value::string("a")]),
        type_err("map or hashmap", "string")
    );
}

// ----- assoc / dissoc -----------------------------------------------------

#[test]
fn assoc_adds_and_replaces() {
    assert_eq!(ok("assoc", &[ab(), kw("c"), int(3)]), "{:a 1 :b 2 :c 3}");
    assert_eq!(ok("assoc", &[ab(), kw("a"), int(100)]), "{:a 100 :b 2}");
    assert_eq!(
        ok(
            "assoc",
            &[sorted(&[]), int(10), int(1), Value::float(2.5), int(2)]
        ),
        "{2.5 2 10 1}"
    );
    let h = call("assoc", &[hashed(&[]), kw("z"), int(30)]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:z 30}");
}

#[test]
fn assoc_alist_form() {
    let alist = Value::list(vec![
        Value::list(vec![kw("a"), int(1)]),
        Value::vector(vec![kw("b"), int(0)]),
        Value::EMPTY_LIST,
        Value::list(vec![kw("b"), int(2)]),
    ]);
    assert_eq!(ok("assoc", &[kw("a"), alist.clone()]), "(:a 1)");
    assert_eq!(ok("assoc", &[kw("b"), alist.clone()]), "(:b 2)");
    assert_eq!(ok("assoc", &[kw("z"), alist]), "#f");
    assert_eq!(ok("assoc", &[kw("z"), Value::EMPTY_LIST]), "#f");
    let nested = Value::list(vec![Value::list(vec![
        Value::list(vec![int(1)]),
        kw("one"),
    ])]);
    assert_eq!(
        ok("assoc", &[Value::list(vec![int(1)]), nested]),
        "((1) :one)"
    );
}

#[test]
fn assoc_errors() {
    let msg = "assoc: requires (key alist) or (map key val ...)";
    assert_eq!(err("assoc", &[]), eval_err(msg));
    assert_eq!(err("assoc", &[ab()]), eval_err(msg));
    assert_eq!(err("assoc", &[ab(), kw("a")]), eval_err(msg));
    assert_eq!(
        err("assoc", &[ab(), kw("a"), int(1), kw("b")]),
        eval_err(msg)
    );
    assert_eq!(
        err("assoc", &[kw("a"), Value::vector(vec![])]),
        eval_err(msg)
    );
    assert_eq!(
        err("assoc", &[Value::NIL, kw("a"), int(1)]),
        type_err("map or hashmap", "nil")
    );
    assert_eq!(
        err("assoc", &[Value::vector(vec![]), int(0), int(1)]),
        type_err("map or hashmap", "vector")
    );
}

#[test]
fn dissoc_removes_keys() {
    assert_eq!(ok("dissoc", &[ab(), kw("a")]), "{:b 2}");
    assert_eq!(ok("dissoc", &[ab(), kw("nope")]), "{:a 1 :b 2}");
    assert_eq!(ok("dissoc", &[ab(), kw("a"), kw("b"), kw("c")]), "{}");
    let h = call(
        "dissoc",
        &[hashed(&[(kw("x"), int(1)), (kw("y"), int(2))]), kw("x")],
    )
    .unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:y 2}");
    assert_eq!(
        err("dissoc", &[ab()]),
        (
            "arity".to_string(),
            "dissoc expects 2+ args, got 1".to_string()
        )
    );
    assert_eq!(
        err("dissoc", &[Value::NIL, kw("a")]),
        type_err("map or hashmap", "nil")
    );
}

// ----- copy-on-write --------------------------------------------------------

#[test]
fn assoc_updates_a_unique_map_in_place() {
    let m = ab();
    let id = m.identity();
    let mut args = [m, kw("c"), int(3)];
    let r = super::basic::assoc(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), id, "unique map must be reused");
    assert_eq!(repr(&r), "{:a 1 :b 2 :c 3}");
}

#[test]
fn assoc_copies_a_shared_map() {
    let m = ab();
    let keep = m.clone();
    let mut args = [m, kw("a"), int(100)];
    let r = super::basic::assoc(&mut TestCtx, &mut args).unwrap();
    assert_ne!(r.identity(), keep.identity());
    assert_eq!(repr(&r), "{:a 100 :b 2}");
    assert_eq!(repr(&keep), "{:a 1 :b 2}");
}

#[test]
fn hash_assoc_updates_in_place_and_copies_when_shared() {
    let h = hashed(&[(kw("a"), int(1))]);
    let id = h.identity();
    let mut args = [h, kw("b"), int(2)];
    let r = super::hashmap::assoc(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), id);
    let keep = r.clone();
    let mut args = [r, kw("c"), int(3)];
    let r2 = super::basic::assoc(&mut TestCtx, &mut args).unwrap();
    assert_ne!(r2.identity(), keep.identity());
    assert_eq!(repr(&keep), "{:a 1 :b 2}");
    assert_eq!(repr(&r2), "{:a 1 :b 2 :c 3}");
}

#[test]
fn dissoc_in_place_and_shared() {
    let m = ab();
    let id = m.identity();
    let mut args = [m, kw("a")];
    let r = super::basic::dissoc(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), id);
    let keep = r.clone();
    let mut args = [r, kw("b")];
    let r2 = super::basic::dissoc(&mut TestCtx, &mut args).unwrap();
    assert_eq!(repr(&keep), "{:b 2}");
    assert_eq!(repr(&r2), "{}");
    // A shared map without the key is returned as it is.
    let mut args = [keep.clone(), kw("zz")];
    let r3 = super::basic::dissoc(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r3.identity(), keep.identity());
}

#[test]
fn update_and_merge_in_place() {
    let m = ab();
    let id = m.identity();
    let mut args = [m, kw("a"), inc()];
    let r = super::transform::update(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), id);
    assert_eq!(repr(&r), "{:a 2 :b 2}");

    let mut args = [r, sorted(&[(kw("c"), int(3))])];
    let r2 = super::basic::merge(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r2.identity(), id);
    assert_eq!(repr(&r2), "{:a 2 :b 2 :c 3}");

    let keep = r2.clone();
    let mut args = [r2, sorted(&[(kw("a"), int(0))])];
    let r3 = super::basic::merge(&mut TestCtx, &mut args).unwrap();
    assert_eq!(repr(&keep), "{:a 2 :b 2 :c 3}");
    assert_eq!(repr(&r3), "{:a 0 :b 2 :c 3}");
}

#[test]
fn assoc_in_updates_unique_levels_in_place() {
    let inner = sorted(&[(kw("port"), int(1))]);
    let inner_id = inner.identity();
    let outer = sorted(&[(kw("db"), inner)]);
    let outer_id = outer.identity();
    let path = Value::vector(vec![kw("db"), kw("port")]);
    let mut args = [outer, path, int(2)];
    let r = super::nested::assoc_in(&mut TestCtx, &mut args).unwrap();
    assert_eq!(r.identity(), outer_id);
    assert_eq!(
        call("get", &[r.clone(), kw("db")]).unwrap().identity(),
        inner_id
    );
    assert_eq!(repr(&r), "{:db {:port 2}}");
}

#[test]
fn assoc_in_leaves_shared_levels_unchanged() {
    let inner = sorted(&[(kw("port"), int(1))]);
    let outer = sorted(&[(kw("db"), inner.clone())]);
    let keep = outer.clone();
    let path = Value::vector(vec![kw("db"), kw("port")]);
    let r = call("assoc-in", &[outer, path, int(2)]).unwrap();
    assert_eq!(repr(&r), "{:db {:port 2}}");
    assert_eq!(repr(&keep), "{:db {:port 1}}");
    assert_eq!(repr(&inner), "{:port 1}");
}

#[test]
fn many_unique_assocs_stay_linear() {
    // 200,000 inserts would take minutes if each assoc copied the map.
    let mut m = Value::hashmap(Default::default());
    let mut s = sorted(&[]);
    for i in 0..200_000 {
        let mut args = [m, int(i), int(i)];
        m = super::basic::assoc(&mut TestCtx, &mut args).unwrap();
        let mut args = [s, int(i), int(i)];
        s = super::basic::assoc(&mut TestCtx, &mut args).unwrap();
    }
    assert_eq!(ok("count", &[m]), "200000");
    assert_eq!(ok("count", &[s]), "200000");
}

#[test]
fn failing_callback_propagates() {
    let e = call("map/update", &[ab(), kw("a"), failing()]).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = call("map/map-vals", &[failing(), ab()]).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = call("map/filter", &[failing(), ab()]).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = call(
        "update-in",
        &[ab(), Value::vector(vec![kw("a")]), failing()],
    )
    .unwrap_err();
    assert_eq!(e.message(), "boom");
}

// ----- keys / vals / merge / count / empty? -------------------------------

#[test]
fn keys_and_vals_in_key_order() {
    let m = sorted(&[(kw("z"), int(3)), (kw("x"), int(1)), (kw("y"), int(2))]);
    assert_eq!(ok("keys", std::slice::from_ref(&m)), "(:x :y :z)");
    assert_eq!(ok("vals", &[m]), "(1 2 3)");
    assert_eq!(ok("keys", &[sorted(&[])]), "()");
    let h = hashed(&[(kw("a"), int(1))]);
    assert_eq!(ok("keys", std::slice::from_ref(&h)), "(:a)");
    assert_eq!(ok("vals", &[h]), "(1)");
    assert_eq!(
        err("keys", &[Value::NIL]),
        type_err("map or hashmap", "nil")
    );
    assert_eq!(
        err("vals", &[Value::EMPTY_LIST]),
        type_err("map or hashmap", "list")
    );
}

#[test]
fn merge_left_to_right() {
    assert_eq!(ok("merge", &[]), "{}");
    assert_eq!(ok("merge", &[ab()]), "{:a 1 :b 2}");
    assert_eq!(
        ok(
            "merge",
            &[
                ab(),
                sorted(&[(kw("b"), int(3)), (kw("c"), int(3))]),
                sorted(&[(kw("c"), int(4))])
            ]
        ),
        "{:a 1 :b 3 :c 4}"
    );
    let h = call("merge", &[hashed(&[(kw("x"), int(1))]), ab()]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:a 1 :b 2 :x 1}");
    let s = call("merge", &[sorted(&[]), hashed(&[(kw("x"), int(1))])]).unwrap();
    assert_eq!(s.type_name(), "map");
    assert_eq!(
        err("merge", &[Value::NIL]),
        type_err("map or hashmap", "nil")
    );
    assert_eq!(
        err("merge", &[ab(), Value::NIL]),
        type_err("map or hashmap", "nil")
    );
}

#[test]
fn count_and_empty() {
    assert_eq!(ok("count", &[ab()]), "2");
    assert_eq!(ok("count", &[hashed(&[(int(1), int(1))])]), "1");
    assert_eq!(
        ok("count", &[Value::list(vec![int(1), int(2), int(3)])]),
        "3"
    );
    assert_eq!(ok("count", &[Value::EMPTY_LIST]), "0");
    assert_eq!(ok("count", &[Value::vector(vec![int(1)])]), "1");
    assert_eq!(ok("count", &[Value::string("日本")]), "2");
    assert_eq!(ok("count", &[Value::NIL]), "0");
    assert_eq!(
        err("count", &[Value::bytevector(vec![1])]),
        type_err("collection", "bytevector")
    );
    assert_eq!(err("count", &[int(5)]), type_err("collection", "int"));
    assert_eq!(ok("empty?", &[sorted(&[])]), "#t");
    assert_eq!(ok("empty?", &[ab()]), "#f");
    assert_eq!(ok("empty?", &[Value::NIL]), "#t");
    assert_eq!(ok("empty?", &[Value::EMPTY_LIST]), "#t");
    assert_eq!(ok("empty?", &[Value::list(vec![int(1)])]), "#f");
    assert_eq!(ok("empty?", &[Value::vector(vec![])]), "#t");
    assert_eq!(ok("empty?", &[Value::string("")]), "#t");
    assert_eq!(ok("empty?", &[Value::string("x")]), "#f");
    assert_eq!(ok("empty?", &[hashed(&[])]), "#t");
    assert_eq!(
        err("empty?", &[Value::TRUE]),
        type_err("collection", "bool")
    );
}

// ----- transformations ------------------------------------------------------

#[test]
fn entries_are_sorted_for_both_kinds() {
    assert_eq!(ok("map/entries", &[ab()]), "((:a 1) (:b 2))");
    let h = hashed(&[(kw("c"), int(3)), (kw("a"), int(1)), (kw("b"), int(2))]);
    assert_eq!(ok("map/entries", &[h]), "((:a 1) (:b 2) (:c 3))");
    assert_eq!(ok("map/entries", &[sorted(&[])]), "()");
    assert_eq!(
        err("map/entries", &[Value::NIL]),
        type_err("map or hashmap", "nil")
    );
}

#[test]
fn from_entries_accepts_lists_and_vectors() {
    let entries = Value::list(vec![
        Value::list(vec![kw("x"), int(1)]),
        Value::vector(vec![kw("y"), int(2)]),
    ]);
    assert_eq!(ok("map/from-entries", &[entries]), "{:x 1 :y 2}");
    let v = Value::vector(vec![Value::vector(vec![int(1), int(2)])]);
    assert_eq!(ok("map/from-entries", &[v]), "{1 2}");
    assert_eq!(ok("map/from-entries", &[Value::EMPTY_LIST]), "{}");
    assert_eq!(
        err("map/from-entries", &[Value::list(vec![int(1)])]),
        type_err("list or vector", "int")
    );
    assert_eq!(
        err(
            "map/from-entries",
            &[Value::list(vec![Value::list(vec![int(1)])])]
        ),
        eval_err("map/from-entries: each entry must be a pair (key value)")
    );
    assert_eq!(
        err("map/from-entries", &[ab()]),
        type_err("list or vector", "map")
    );
}

#[test]
fn map_vals_and_keys_preserve_kind() {
    assert_eq!(ok("map/map-vals", &[inc(), ab()]), "{:a 2 :b 3}");
    let h = call("map/map-vals", &[inc(), hashed(&[(kw("x"), int(1))])]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:x 2}");
    let m = sorted(&[(int(1), kw("a")), (int(2), kw("b"))]);
    assert_eq!(ok("map/map-keys", &[inc(), m]), "{2 :a 3 :b}");
    let to_zero = native1("zero", |_| int(0));
    let m = sorted(&[(int(1), kw("a")), (int(2), kw("b"))]);
    // Colliding keys: the last in iteration (key) order wins.
    assert_eq!(ok("map/map-keys", &[to_zero, m]), "{0 :b}");
    let h = call("map/map-keys", &[inc(), hashed(&[(int(1), int(1))])]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(
        err("map/map-vals", &[inc(), Value::NIL]),
        type_err("map or hashmap", "nil")
    );
    assert_eq!(
        err("map/map-keys", &[inc(), Value::vector(vec![])]),
        type_err("map or hashmap", "vector")
    );
}

#[test]
fn filter_passes_key_and_value() {
    let pred = Value::native("gt1", Arity::Exact(2), |_, a| {
        Ok(Value::bool(
            a[0].as_keyword().is_some() && a[1].as_int() > Some(1),
        ))
    });
    let m = sorted(&[(kw("a"), int(1)), (kw("b"), int(2)), (kw("c"), int(3))]);
    assert_eq!(ok("map/filter", &[pred.clone(), m]), "{:b 2 :c 3}");
    let h = call("map/filter", &[pred.clone(), hashed(&[(kw("a"), int(5))])]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:a 5}");
    assert_eq!(
        err("map/filter", &[pred, Value::NIL]),
        type_err("map or hashmap", "nil")
    );
}

#[test]
fn select_keys_and_except() {
    let m = sorted(&[(kw("a"), int(1)), (kw("b"), int(2)), (kw("c"), int(3))]);
    let ks = Value::list(vec![kw("a"), kw("c"), kw("zz")]);
    assert_eq!(
        ok("map/select-keys", &[m.clone(), ks.clone()]),
        "{:a 1 :c 3}"
    );
    assert_eq!(
        ok(
            "map/select-keys",
            &[m.clone(), Value::vector(vec![kw("b")])]
        ),
        "{:b 2}"
    );
    let h = call(
        "map/select-keys",
        &[hashed(&[(kw("a"), int(1))]), ks.clone()],
    )
    .unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(
        err("map/select-keys", &[m.clone(), kw("a")]),
        type_err("list", "keyword")
    );
    assert_eq!(
        err("map/select-keys", &[Value::NIL, ks.clone()]),
        type_err("map or hashmap", "nil")
    );
    assert_eq!(
        ok("map/except", &[m.clone(), Value::list(vec![kw("b")])]),
        "{:a 1 :c 3}"
    );
    assert_eq!(
        ok("map/except", &[m.clone(), Value::vector(vec![])]),
        "{:a 1 :b 2 :c 3}"
    );
    let h = call("map/except", &[hashed(&[(kw("a"), int(1))]), ks]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{}");
    assert_eq!(
        err("map/except", &[m, int(1)]),
        type_err("list or vector", "int")
    );
}

#[test]
fn update_with_absent_key_gets_nil() {
    let show = native1("show", |v| Value::string(repr(v)));
    assert_eq!(
        ok("map/update", &[ab(), kw("z"), show]),
        "{:a 1 :b 2 :z \"nil\"}"
    );
    let h = call(
        "map/update",
        &[hashed(&[(kw("n"), int(1))]), kw("n"), inc()],
    )
    .unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(repr(&h), "{:n 2}");
    assert_eq!(
        err("map/update", &[Value::NIL, kw("a"), inc()]),
        type_err("map or hashmap", "nil")
    );
}

#[test]
fn sort_keys_and_zip() {
    let h = hashed(&[(kw("b"), int(2)), (kw("a"), int(1))]);
    let s = call("map/sort-keys", std::slice::from_ref(&h)).unwrap();
    assert_eq!(s.type_name(), "map");
    assert_eq!(repr(&s), "{:a 1 :b 2}");
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(ok("map/sort-keys", &[ab()]), "{:a 1 :b 2}");
    assert_eq!(
        err("map/sort-keys", &[Value::NIL]),
        type_err("map or hashmap", "nil")
    );
    let ks = Value::list(vec![kw("k1"), kw("k2"), kw("k3")]);
    let vs = Value::vector(vec![int(1), int(2)]);
    assert_eq!(ok("map/zip", &[ks.clone(), vs]), "{:k1 1 :k2 2}");
    assert_eq!(
        err("map/zip", &[ks, Value::string("x")]),
        type_err("list or vector", "string")
    );
}

// ----- nested ---------------------------------------------------------------

fn cfg() -> Value {
    sorted(&[
        (
            kw("db"),
            sorted(&[(kw("host"), Value::string("h")), (kw("port"), int(5432))]),
        ),
        (kw("debug"), Value::FALSE),
    ])
}

fn path(keys: &[&str]) -> Value {
    Value::vector(keys.iter().map(|k| kw(k)).collect())
}

#[test]
fn get_in_follows_maps_only() {
    assert_eq!(ok("get-in", &[cfg(), path(&["db", "port"])]), "5432");
    assert_eq!(ok("get-in", &[cfg(), path(&["db", "user"])]), "nil");
    assert_eq!(
        ok(
            "get-in",
            &[cfg(), path(&["db", "user"]), Value::string("root")]
        ),
        "\"root\""
    );
    assert_eq!(ok("get-in", &[cfg(), path(&[])]), repr(&cfg()));
    assert_eq!(
        ok("map/get-in", &[cfg(), Value::list(vec![kw("debug")])]),
        "#f"
    );
    // A key present with nil and a default: the default.
    let m = sorted(&[(kw("a"), Value::NIL)]);
    assert_eq!(ok("get-in", &[m, path(&["a"]), int(9)]), "9");
    // Vectors are not indexed.
    let m = sorted(&[(kw("a"), Value::vector(vec![int(1), int(2)]))]);
    let p = Value::vector(vec![kw("a"), int(0)]);
    assert_eq!(ok("get-in", &[m.clone(), p.clone()]), "nil");
    assert_eq!(ok("get-in", &[m, p, kw("d")]), ":d");
    // Through a hash map level.
    let m = sorted(&[(kw("h"), hashed(&[(kw("x"), int(1))]))]);
    assert_eq!(ok("get-in", &[m, path(&["h", "x"])]), "1");
    assert_eq!(ok("get-in", &[int(5), path(&["a"])]), "nil");
    assert_eq!(ok("get-in", &[Value::NIL, path(&[]), int(3)]), "3");
    assert_eq!(
        err("get-in", &[cfg(), kw("db")]),
        type_err("list or vector", "keyword")
    );
}

#[test]
fn assoc_in_creates_sorted_levels() {
    assert_eq!(
        ok("assoc-in", &[cfg(), path(&["db", "port"]), int(6000)]),
        "{:db {:host \"h\" :port 6000} :debug #f}"
    );
    assert_eq!(
        ok(
            "map/assoc-in",
            &[sorted(&[]), path(&["a", "b", "c"]), int(1)]
        ),
        "{:a {:b {:c 1}}}"
    );
    assert_eq!(ok("assoc-in", &[ab(), path(&[]), int(7)]), "7");
    // A non-map intermediate value is replaced by a sorted map.
    let m = sorted(&[(kw("a"), int(5))]);
    assert_eq!(
        ok("assoc-in", &[m, path(&["a", "b"]), int(1)]),
        "{:a {:b 1}}"
    );
    assert_eq!(
        ok("assoc-in", &[Value::NIL, path(&["a"]), int(1)]),
        "{:a 1}"
    );
    // Existing hash-map levels stay hash maps; new levels are sorted maps.
    let m = sorted(&[(kw("h"), hashed(&[]))]);
    let r = call("assoc-in", &[m, path(&["h", "x", "y"]), int(1)]).unwrap();
    let h = call("get", &[r.clone(), kw("h")]).unwrap();
    assert_eq!(h.type_name(), "hashmap");
    assert_eq!(call("get", &[h, kw("x")]).unwrap().type_name(), "map");
    let top = call("assoc-in", &[hashed(&[]), path(&["a"]), int(1)]).unwrap();
    assert_eq!(top.type_name(), "hashmap");
    assert_eq!(
        err("assoc-in", &[ab(), int(1), int(2)]),
        type_err("list or vector", "int")
    );
}

#[test]
fn update_in_calls_f_with_old_or_nil() {
    assert_eq!(
        ok("update-in", &[cfg(), path(&["db", "port"]), inc()]),
        "{:db {:host \"h\" :port 5433} :debug #f}"
    );
    let show = native1("show", |v| Value::string(repr(v)));
    assert_eq!(
        ok(
            "map/update-in",
            &[sorted(&[]), path(&["a", "b"]), show.clone()]
        ),
        "{:a {:b \"nil\"}}"
    );
    assert_eq!(ok("update-in", &[ab(), path(&[]), show]), "\"{:a 1 :b 2}\"");
}

#[test]
fn deep_merge_rules() {
    let a = sorted(&[(kw("a"), sorted(&[(kw("b"), int(1)), (kw("c"), int(2))]))]);
    let b = sorted(&[(kw("a"), sorted(&[(kw("b"), int(9))]))]);
    assert_eq!(
        ok("deep-merge", &[a.clone(), b.clone()]),
        "{:a {:b 9 :c 2}}"
    );
    assert_eq!(
        ok("map/deep-merge", std::slice::from_ref(&a)),
        "{:a {:b 1 :c 2}}"
    );
    assert_eq!(ok("deep-merge", &[]), "{}");
    // Non-map on the right replaces; a non-map on the left is replaced.
    let c = sorted(&[(kw("a"), int(1))]);
    assert_eq!(ok("deep-merge", &[a.clone(), c.clone()]), "{:a 1}");
    assert_eq!(ok("deep-merge", &[c, b]), "{:a {:b 9}}");
    assert_eq!(ok("deep-merge", &[int(1), ab()]), "{:a 1 :b 2}");
    assert_eq!(ok("deep-merge", &[ab(), Value::NIL]), "nil");
    // Merged levels become sorted maps; one argument is returned as is.
    let h1 = hashed(&[(kw("x"), int(1))]);
    let h2 = hashed(&[(kw("y"), int(2))]);
    assert_eq!(
        call("deep-merge", std::slice::from_ref(&h1))
            .unwrap()
            .type_name(),
        "hashmap"
    );
    let r = call("deep-merge", &[h1, h2]).unwrap();
    assert_eq!(r.type_name(), "map");
    assert_eq!(repr(&r), "{:x 1 :y 2}");
    // Three arguments, left to right.
    assert_eq!(
        ok(
            "deep-merge",
            &[
                a,
                sorted(&[(kw("z"), int(0))]),
                sorted(&[(kw("z"), int(1))])
            ]
        ),
        "{:a {:b 1 :c 2} :z 1}"
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let mut a = int(0);
    let mut b = int(1);
    for _ in 0..depth {
        a = sorted(&[(kw("k"), a)]);
        b = sorted(&[(kw("k"), b)]);
    }
    let merged = call("deep-merge", &[a, b]).unwrap();
    let keys: Vec<Value> = (0..depth).map(|_| kw("k")).collect();
    let p = Value::list(keys);
    assert_eq!(ok("get-in", &[merged.clone(), p.clone()]), "1");
    let updated = call("update-in", &[merged, p.clone(), inc()]).unwrap();
    assert_eq!(ok("get-in", &[updated, p]), "2");
}

// ----- hashmap/... ---------------------------------------------------------

#[test]
fn hashmap_functions() {
    let h = hashed(&[(kw("a"), int(1)), (kw("b"), int(2))]);
    assert_eq!(ok("hashmap/get", &[h.clone(), kw("a")]), "1");
    assert_eq!(ok("hashmap/get", &[h.clone(), kw("z")]), "nil");
    assert_eq!(ok("hashmap/get", &[h.clone(), kw("z"), int(0)]), "0");
    assert_eq!(ok("hashmap/get", &[ab(), kw("b")]), "2");
    assert_eq!(
        err("hashmap/get", &[Value::NIL, kw("a")]),
        type_err("hashmap", "nil")
    );
    assert_eq!(ok("hashmap/contains?", &[h.clone(), kw("a")]), "#t");
    assert_eq!(ok("hashmap/contains?", &[h.clone(), kw("q")]), "#f");
    assert_eq!(
        err("hashmap/contains?", &[ab(), kw("a")]),
        type_err("hashmap", "map")
    );
    let ks = call("hashmap/keys", std::slice::from_ref(&h)).unwrap();
    assert_eq!(ks.list_len(), 2);
    assert_eq!(err("hashmap/keys", &[ab()]), type_err("hashmap", "map"));
    let s = call("hashmap/to-map", std::slice::from_ref(&h)).unwrap();
    assert_eq!(s.type_name(), "map");
    assert_eq!(repr(&s), "{:a 1 :b 2}");
    assert_eq!(err("hashmap/to-map", &[ab()]), type_err("hashmap", "map"));
    let h2 = call(
        "hashmap/assoc",
        &[h.clone(), kw("c"), int(3), kw("a"), int(0)],
    )
    .unwrap();
    assert_eq!(h2.type_name(), "hashmap");
    assert_eq!(repr(&h2), "{:a 0 :b 2 :c 3}");
    assert_eq!(repr(&h), "{:a 1 :b 2}");
    assert_eq!(
        err("hashmap/assoc", &[ab(), kw("c"), int(3)]),
        type_err("hashmap", "map")
    );
    assert_eq!(err("hashmap/assoc", &[h, kw("c")]).0, "eval".to_string());
}

#[test]
fn hash_keys_are_structural() {
    let k = Value::vector(vec![int(1), int(2)]);
    let h = hashed(&[(k, kw("v"))]);
    let probe = Value::vector(vec![int(1), int(2)]);
    assert_eq!(ok("get", &[h.clone(), probe]), ":v");
    assert_eq!(ok("get", &[h, Value::list(vec![int(1), int(2)])]), "nil");
}

#[test]
fn binds_the_36_names_of_section_8() {
    let names = [
        "hash-map",
        "map/new",
        "get",
        "hash-ref",
        "assoc",
        "dissoc",
        "keys",
        "vals",
        "merge",
        "contains?",
        "count",
        "empty?",
        "map/entries",
        "map/from-entries",
        "map/map-vals",
        "map/map-keys",
        "map/filter",
        "map/select-keys",
        "map/except",
        "map/update",
        "map/sort-keys",
        "map/zip",
        "get-in",
        "assoc-in",
        "update-in",
        "deep-merge",
        "map/deep-merge",
        "map/get-in",
        "map/assoc-in",
        "map/update-in",
        "hashmap/new",
        "hashmap/get",
        "hashmap/assoc",
        "hashmap/keys",
        "hashmap/contains?",
        "hashmap/to-map",
    ];
    let mine: Vec<&str> = super::BUILTINS
        .iter()
        .map(|b| b.name)
        .chain(super::ALIASES.iter().map(|(a, _)| *a))
        .collect();
    assert_eq!(mine.len(), 36);
    for n in names {
        assert!(mine.contains(&n), "{n} is not bound");
    }
    for (alias, target) in super::ALIASES {
        assert!(crate::find(alias).is_some_and(|b| b.name == *target));
    }
}
