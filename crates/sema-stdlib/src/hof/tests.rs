//! Unit tests of the higher-order builtins, with native callbacks (the test
//! context can call natives only).

use std::cell::RefCell;
use std::rc::Rc;

use sema_core::Arity::{AtLeast, Exact};
use sema_core::{Error, Value};

use crate::list::tests::{fail_values, run_values, v};
use crate::testing::call;

/// A native callback of one argument.
fn f1(f: impl Fn(&Value) -> Value + 'static) -> Value {
    Value::native("f1", Exact(1), move |_, a| Ok(f(&a[0])))
}

/// A native callback of two arguments.
fn f2(f: impl Fn(&Value, &Value) -> Value + 'static) -> Value {
    Value::native("f2", Exact(2), move |_, a| Ok(f(&a[0], &a[1])))
}

fn int(x: &Value) -> i64 {
    x.as_int().unwrap_or(0)
}

fn even() -> Value {
    f1(|x| Value::bool(int(x) % 2 == 0))
}

/// `+` over any number of ints.
fn plus() -> Value {
    Value::native("plus", AtLeast(0), |_, a| {
        Ok(Value::int(a.iter().map(int).sum()))
    })
}

/// `(list a b)`, to show the argument order of folds.
fn pair() -> Value {
    f2(|a, b| Value::list(vec![a.clone(), b.clone()]))
}

/// A callback that records every argument it sees and returns `result`.
fn recorder(result: Value) -> (Value, Rc<RefCell<Vec<Value>>>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    let f = Value::native("rec", Exact(1), move |_, a| {
        log.borrow_mut().push(a[0].clone());
        Ok(result.clone())
    });
    (f, seen)
}

fn boom() -> Value {
    Value::native("boom", AtLeast(0), |_, _| Err(Error::eval("boom")))
}

#[test]
fn map_one_and_several_sequences() {
    let sq = f1(|x| Value::int(int(x) * int(x)));
    assert_eq!(run_values("map", &[sq.clone(), v("(1 2 3)")]), "(1 4 9)");
    assert_eq!(run_values("map", &[sq.clone(), v("[1 2]")]), "(1 4)");
    assert_eq!(run_values("map", &[sq, v("()")]), "()");
    assert_eq!(
        run_values("map", &[plus(), v("[1 2]"), v("(10 20 30)")]),
        "(11 22)"
    );
    assert_eq!(
        run_values("map", &[plus(), v("(1 2 3)"), v("(10 20 30)"), v("(100)")]),
        "(111)"
    );
    assert_eq!(run_values("mapcar", &[plus(), v("(1)")]), "(1)");
    assert_eq!(fail_values("map", &[plus()]).0, "arity");
    assert_eq!(
        fail_values("map", &[plus(), v("5")]).1,
        "expected list or vector, got int in map"
    );
    assert_eq!(
        fail_values("map", &[plus(), v("(1)"), v("\"ab\"")]).0,
        "type-error"
    );
}

#[test]
fn callbacks_run_left_to_right_once_each() {
    let (f, seen) = recorder(Value::TRUE);
    call("map", &[f.clone(), v("(1 2 3)")]).unwrap();
    assert_eq!(
        format!("{:?}", Value::list(seen.borrow().clone())),
        "(1 2 3)"
    );
    seen.borrow_mut().clear();
    call("for-each", &[f.clone(), v("[4 5]")]).unwrap();
    assert_eq!(format!("{:?}", Value::list(seen.borrow().clone())), "(4 5)");
}

#[test]
fn callback_errors_propagate() {
    for name in [
        "map",
        "for-each",
        "filter",
        "list/reject",
        "flat-map",
        "any",
        "every",
    ] {
        let e = call(name, &[boom(), v("(1 2)")]).unwrap_err();
        assert_eq!(e.message(), "boom", "{name}");
    }
    let e = call("foldl", &[boom(), Value::int(0), v("(1)")]).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = call("sort", &[v("(2 1)"), boom()]).unwrap_err();
    assert_eq!(e.message(), "boom");
    let e = call("sort-by", &[boom(), v("(2 1)")]).unwrap_err();
    assert_eq!(e.message(), "boom");
}

#[test]
fn for_each_returns_nil() {
    assert_eq!(run_values("for-each", &[even(), v("(1 2)")]), "nil");
    assert_eq!(
        fail_values("for-each", &[even(), v("(1)"), v("(2)")]).0,
        "arity"
    );
}

#[test]
fn filter_and_reject() {
    assert_eq!(run_values("filter", &[even(), v("(1 2 3 4)")]), "(2 4)");
    assert_eq!(run_values("filter", &[even(), v("[1 3]")]), "()");
    assert_eq!(
        run_values("list/reject", &[even(), v("(1 2 3 4)")]),
        "(1 3)"
    );
    let nil_pred = f1(|_| Value::NIL);
    assert_eq!(run_values("filter", &[nil_pred, v("(1)")]), "()");
}

#[test]
fn folds_and_reduce() {
    assert_eq!(
        run_values("foldl", &[pair(), Value::int(0), v("(1 2 3)")]),
        "(((0 1) 2) 3)"
    );
    assert_eq!(
        run_values("fold", &[plus(), Value::int(0), v("[1 2 3]")]),
        "6"
    );
    assert_eq!(
        run_values("foldr", &[pair(), Value::int(0), v("(1 2 3)")]),
        "(1 (2 (3 0)))"
    );
    let cons = crate::native_value(crate::find("cons").unwrap());
    assert_eq!(
        run_values("foldr", &[cons, Value::EMPTY_LIST, v("(1 2 3)")]),
        "(1 2 3)"
    );
    assert_eq!(run_values("foldl", &[pair(), Value::int(0), v("()")]), "0");
    assert_eq!(run_values("reduce", &[pair(), v("(1 2 3)")]), "((1 2) 3)");
    assert_eq!(run_values("reduce", &[pair(), v("[7]")]), "7");
    let (kind, msg) = fail_values("reduce", &[pair(), v("()")]);
    assert_eq!(
        (kind.as_str(), msg.as_str()),
        ("eval", "reduce: empty list")
    );
}

#[test]
fn apply_spreads_the_last_argument() {
    assert_eq!(run_values("apply", &[plus(), v("(1 2 3)")]), "6");
    assert_eq!(
        run_values("apply", &[plus(), Value::int(1), Value::int(2), v("[3 4]")]),
        "10"
    );
    let list = crate::native_value(crate::find("list").unwrap());
    assert_eq!(run_values("apply", &[list.clone(), v("()")]), "()");
    let map = crate::native_value(crate::find("map").unwrap());
    assert_eq!(
        run_values("apply", &[map, list, v("((1 2) (3 4))")]),
        "((1 3) (2 4))"
    );
    assert_eq!(fail_values("apply", &[plus()]).0, "arity");
    assert_eq!(
        fail_values("apply", &[plus(), Value::int(1)]).1,
        "expected list or vector, got int in apply"
    );
}

#[test]
fn flat_map_splices_sequences_only() {
    let both = f1(|x| Value::list(vec![x.clone(), Value::int(-int(x))]));
    assert_eq!(run_values("flat-map", &[both, v("(1 2)")]), "(1 -1 2 -2)");
    let mixed = f1(|x| if int(x) == 1 { v("[a b]") } else { x.clone() });
    assert_eq!(run_values("flat-map", &[mixed, v("(1 2)")]), "(a b 2)");
}

#[test]
fn any_and_every_stop_early() {
    assert_eq!(run_values("any", &[even(), v("(1 3 4)")]), "#t");
    assert_eq!(run_values("some?", &[even(), v("(1 3)")]), "#f");
    assert_eq!(run_values("any?", &[even(), v("()")]), "#f");
    assert_eq!(run_values("every", &[even(), v("(2 4)")]), "#t");
    assert_eq!(run_values("every?", &[even(), v("(2 3)")]), "#f");
    assert_eq!(run_values("every", &[even(), v("()")]), "#t");
    let (f, seen) = recorder(Value::TRUE);
    call("any", &[f, v("(1 2 3)")]).unwrap();
    assert_eq!(seen.borrow().len(), 1);
    let (f, seen) = recorder(Value::FALSE);
    call("every", &[f, v("(1 2 3)")]).unwrap();
    assert_eq!(seen.borrow().len(), 1);
}

#[test]
fn partition_and_prefix_functions() {
    assert_eq!(
        run_values("partition", &[even(), v("(1 2 3 4 5)")]),
        "((2 4) (1 3 5))"
    );
    assert_eq!(run_values("partition", &[even(), v("()")]), "(() ())");
    assert_eq!(run_values("take-while", &[even(), v("(2 4 5 6)")]), "(2 4)");
    assert_eq!(run_values("list/take-while", &[even(), v("[1 2]")]), "()");
    assert_eq!(run_values("drop-while", &[even(), v("(2 4 5 6)")]), "(5 6)");
    assert_eq!(run_values("list/drop-while", &[even(), v("[2 4]")]), "()");
    assert_eq!(run_values("drop-while", &[even(), v("[2 3 4]")]), "(3 4)");
    let l = v("(2 3 4)");
    let r = call("drop-while", &[even(), l.clone()]).unwrap();
    assert_eq!(r.identity(), l.cdr().unwrap().identity());
}

#[test]
fn find_and_sole() {
    assert_eq!(run_values("list/find", &[even(), v("(1 4 6)")]), "4");
    assert_eq!(run_values("list/find", &[even(), v("(1 3)")]), "nil");
    assert_eq!(run_values("list/sole", &[even(), v("(1 4 5)")]), "4");
    assert_eq!(
        fail_values("list/sole", &[even(), v("(1 3)")]),
        ("eval".into(), "list/sole: no matching item".into())
    );
    assert_eq!(
        fail_values("list/sole", &[even(), v("(2 4)")]),
        (
            "eval".into(),
            "list/sole: more than one matching item".into()
        )
    );
}

#[test]
fn group_by_and_key_by_build_sorted_maps() {
    assert_eq!(
        run_values("list/group-by", &[even(), v("(1 2 3)")]),
        "{#f (1 3) #t (2)}"
    );
    let len = crate::native_value(crate::find("length").unwrap());
    assert_eq!(
        run_values(
            "list/group-by",
            &[len.clone(), v("(\"a\" \"bb\" \"c\" \"dd\" \"eee\")")]
        ),
        "{1 (\"a\" \"c\") 2 (\"bb\" \"dd\") 3 (\"eee\")}"
    );
    let car = crate::native_value(crate::find("car").unwrap());
    assert_eq!(
        run_values("list/key-by", &[car, v("((a 1) (b 2) (a 3))")]),
        "{a (a 3) b (b 2)}"
    );
    assert_eq!(run_values("list/group-by", &[len, v("()")]), "{}");
}

#[test]
fn tap_returns_its_value() {
    let (f, seen) = recorder(Value::int(99));
    assert_eq!(run_values("tap", &[v("(1 2)"), f]), "(1 2)");
    assert_eq!(seen.borrow().len(), 1);
}

fn lt() -> Value {
    f2(|a, b| Value::bool(int(a) < int(b)))
}

#[test]
fn sort_without_comparator_uses_the_value_order() {
    assert_eq!(run_values("sort", &[v("(3 1 2)")]), "(1 2 3)");
    assert_eq!(run_values("sort", &[v("(3 1.5 2)")]), "(1.5 2 3)");
    assert_eq!(
        run_values("sort", &[v("(-1.0 2.0 -3.0 0.5)")]),
        "(-3.0 -1.0 0.5 2.0)"
    );
    assert_eq!(run_values("sort", &[v("(2 1.0 1)")]), "(1 1.0 2)");
    assert_eq!(
        run_values("sort", &[v("(\"banana\" \"apple\" \"cherry\")")]),
        "(\"apple\" \"banana\" \"cherry\")"
    );
    assert_eq!(run_values("sort", &[v("[4 2 3]")]), "(2 3 4)");
    assert_eq!(run_values("sort", &[v("()")]), "()");
    assert_eq!(
        fail_values("sort", &[v("5")]).1,
        "expected list or vector, got int in sort"
    );
}

#[test]
fn sort_with_comparators() {
    let gt = f2(|a, b| Value::bool(int(a) > int(b)));
    assert_eq!(run_values("sort", &[v("(3 1 2)"), gt]), "(3 2 1)");
    assert_eq!(run_values("sort", &[v("(5 3 9)"), lt()]), "(3 5 9)");
    let minus = f2(|a, b| Value::int(int(a) - int(b)));
    assert_eq!(run_values("sort", &[v("(5 3 9 1)"), minus]), "(1 3 5 9)");
    let nil = f2(|_, _| Value::NIL);
    assert_eq!(run_values("sort", &[v("(3 1 2)"), nil]), "(3 1 2)");
}

#[test]
fn sort_is_stable() {
    let data = v("((1 a) (0 b) (1 c) (0 d) (1 e))");
    let by_car = f2(|x, y| {
        let (a, b) = (int(x.car().unwrap()), int(y.car().unwrap()));
        Value::bool(a < b)
    });
    let expected = "((0 b) (0 d) (1 a) (1 c) (1 e))";
    assert_eq!(run_values("sort", &[data.clone(), by_car]), expected);
    let car = crate::native_value(crate::find("car").unwrap());
    assert_eq!(run_values("sort-by", &[car, data]), expected);
}

#[test]
fn sort_survives_inconsistent_comparators() {
    let input = Value::list((0..200).map(|i| Value::int((i * 37) % 101)).collect());
    let always_false = f2(|_, _| Value::FALSE);
    assert_eq!(
        run_values("sort", &[input.clone(), always_false]),
        format!("{input:?}")
    );
    let always_true = f2(|_, _| Value::TRUE);
    let out = call("sort", &[input.clone(), always_true]).unwrap();
    assert_eq!(out.list_len(), 200);
    let counter = Rc::new(RefCell::new(0u64));
    let c = counter.clone();
    let chaotic = Value::native("chaos", Exact(2), move |_, _| {
        let mut n = c.borrow_mut();
        *n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        Ok(Value::int((*n >> 33) as i64 % 3 - 1))
    });
    let out = call("sort", &[input.clone(), chaotic]).unwrap();
    let sorted = call("sort", &[out]).unwrap();
    assert_eq!(
        format!("{sorted:?}"),
        format!("{:?}", call("sort", &[input]).unwrap())
    );
}

#[test]
fn sort_by_computes_each_key_once() {
    let calls = Rc::new(RefCell::new(0));
    let c = calls.clone();
    let neg = Value::native("neg", Exact(1), move |_, a| {
        *c.borrow_mut() += 1;
        Ok(Value::int(-int(&a[0])))
    });
    assert_eq!(run_values("sort-by", &[neg, v("(1 3 2)")]), "(3 2 1)");
    assert_eq!(*calls.borrow(), 3);
}

#[test]
fn million_element_pipelines() {
    let big = Value::list((0..1_000_000).map(Value::int).collect());
    let inc = f1(|x| Value::int(int(x) + 1));
    let mapped = call("map", &[inc, big.clone()]).unwrap();
    assert_eq!(mapped.list_len(), 1_000_000);
    let evens = call("filter", &[even(), mapped]).unwrap();
    assert_eq!(evens.list_len(), 500_000);
    let total = call("foldl", &[plus(), Value::int(0), big]).unwrap();
    assert_eq!(total.as_int(), Some(499_999_500_000));
}

#[test]
fn section_six_and_seven_name_counts_match_the_spec() {
    let primaries = crate::list::BUILTINS.len() + crate::hof::BUILTINS.len();
    assert_eq!(primaries, 84);
    assert_eq!(crate::hof::ALIASES.len() + crate::list::ALIASES.len(), 5);
    assert_eq!(crate::vector::BUILTINS.len(), 3);
    for (alias, target) in crate::hof::ALIASES {
        assert!(crate::find(alias).is_some_and(|b| b.name == *target));
    }
}
