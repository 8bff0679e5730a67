//! Unit tests for the type predicates and `type`.

use sema_core::value::{HashMapObj, PromiseState};
use sema_core::{Arity, Sym, Value};

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

/// `(map NAME values)` as the list of printed booleans.
fn answers(name: &str, values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|v| ok(name, std::slice::from_ref(v)))
        .collect()
}

fn native() -> Value {
    Value::native("f", Arity::Exact(0), |_, _| Ok(Value::NIL))
}

fn hashmap() -> Value {
    Value::hashmap(HashMapObj::default())
}

fn map() -> Value {
    Value::map_from([(Value::kw("a"), i(1))])
}

fn record() -> Value {
    Value::record(Sym::intern("point"), vec![i(1), i(2)])
}

#[test]
fn numeric_sign_predicates() {
    let nums = [i(0), f(0.0), f(-0.0), i(1), f(-0.5)];
    assert_eq!(answers("zero?", &nums), ["#t", "#t", "#t", "#f", "#f"]);
    assert_eq!(answers("positive?", &nums), ["#f", "#f", "#f", "#t", "#f"]);
    assert_eq!(answers("negative?", &nums), ["#f", "#f", "#f", "#f", "#t"]);
    assert_eq!(ok("zero?", &[f(f64::NAN)]), "#f");
    for name in ["zero?", "positive?", "negative?"] {
        assert_eq!(
            err(name, &[Value::string("0")]),
            ("type-error", "expected number, got string".to_string())
        );
    }
}

#[test]
fn parity_needs_ints() {
    let ints = [i(0), i(1), i(2), i(-2), i(-3), i(i64::MIN)];
    assert_eq!(
        answers("even?", &ints),
        ["#t", "#f", "#t", "#t", "#f", "#t"]
    );
    assert_eq!(answers("odd?", &ints), ["#f", "#t", "#f", "#f", "#t", "#f"]);
    assert_eq!(
        err("even?", &[f(2.0)]),
        ("type-error", "expected int, got float".to_string())
    );
    assert_eq!(
        err("odd?", &[Value::NIL]),
        ("type-error", "expected int, got nil".to_string())
    );
}

#[test]
fn list_predicates() {
    let values = [
        Value::NIL,
        Value::EMPTY_LIST,
        Value::list(vec![i(1)]),
        Value::vector(vec![]),
        Value::vector(vec![i(1)]),
    ];
    assert_eq!(answers("null?", &values), ["#t", "#t", "#f", "#f", "#f"]);
    assert_eq!(answers("nil?", &values), ["#t", "#f", "#f", "#f", "#f"]);
    assert_eq!(answers("list?", &values), ["#f", "#t", "#t", "#f", "#f"]);
    assert_eq!(answers("pair?", &values), ["#f", "#f", "#t", "#f", "#f"]);
    assert_eq!(answers("vector?", &values), ["#f", "#f", "#f", "#t", "#t"]);
}

#[test]
fn scalar_type_predicates() {
    let values = [
        i(1),
        f(1.0),
        f(f64::NAN),
        Value::string("1"),
        Value::sym("a"),
        Value::kw("a"),
        Value::char('a'),
        Value::TRUE,
        Value::NIL,
    ];
    let t = |bits: &str| -> Vec<String> {
        bits.chars()
            .map(|c| if c == '1' { "#t" } else { "#f" }.to_string())
            .collect()
    };
    assert_eq!(answers("number?", &values), t("111000000"));
    assert_eq!(answers("integer?", &values), t("100000000"));
    assert_eq!(answers("float?", &values), t("011000000"));
    assert_eq!(answers("string?", &values), t("000100000"));
    assert_eq!(answers("symbol?", &values), t("000010000"));
    assert_eq!(answers("keyword?", &values), t("000001000"));
    assert_eq!(answers("char?", &values), t("000000100"));
    assert_eq!(answers("bool?", &values), t("000000010"));
    assert_eq!(answers("boolean?", &values), t("000000010"));
    assert_eq!(ok("bool?", &[Value::FALSE]), "#t");
}

#[test]
fn map_predicates_are_true_only_for_sorted_maps() {
    assert_eq!(ok("map?", &[map()]), "#t");
    assert_eq!(ok("map?", &[hashmap()]), "#f");
    assert_eq!(ok("hash-map?", &[map()]), "#t");
    assert_eq!(ok("hash-map?", &[hashmap()]), "#f");
    assert_eq!(ok("map?", &[Value::NIL]), "#f");
}

#[test]
fn function_predicates() {
    assert_eq!(ok("fn?", &[native()]), "#t");
    assert_eq!(ok("procedure?", &[native()]), "#t");
    let lambda = Value::lambda(None, Box::new(()));
    assert_eq!(ok("fn?", &[lambda]), "#t");
    assert_eq!(ok("fn?", &[Value::kw("a")]), "#f");
    let mac = Value::macro_value(Sym::intern("m"), native());
    assert_eq!(ok("fn?", &[mac]), "#f");
    let multi = Value::multimethod(Sym::intern("mm"), native());
    assert_eq!(ok("procedure?", &[multi]), "#f");
}

#[test]
fn object_predicates() {
    let bv = Value::bytevector(vec![1, 2]);
    assert_eq!(ok("bytevector?", std::slice::from_ref(&bv)), "#t");
    assert_eq!(ok("bytevector?", &[Value::vector(vec![])]), "#f");
    assert_eq!(ok("record?", &[record()]), "#t");
    assert_eq!(ok("record?", &[map()]), "#f");
    let p = Value::promise(native());
    assert_eq!(ok("promise?", std::slice::from_ref(&p)), "#t");
    assert_eq!(ok("promise?", &[native()]), "#f");
    assert_eq!(ok("promise-forced?", std::slice::from_ref(&p)), "#f");
    if let Some(promise) = p.as_promise() {
        *promise.state.borrow_mut() = PromiseState::Forced(i(1));
    }
    assert_eq!(ok("promise-forced?", &[p]), "#t");
    assert_eq!(
        err("promise-forced?", &[i(1)]),
        ("type-error", "expected promise, got int".to_string())
    );
}

#[test]
fn type_returns_keywords() {
    let cases = [
        (Value::NIL, ":nil"),
        (Value::TRUE, ":bool"),
        (i(1), ":int"),
        (i(i64::MIN), ":int"),
        (f(1.0), ":float"),
        (Value::string("s"), ":string"),
        (Value::char('c'), ":char"),
        (Value::sym("s"), ":symbol"),
        (Value::kw("k"), ":keyword"),
        (Value::EMPTY_LIST, ":list"),
        (Value::list(vec![i(1)]), ":list"),
        (Value::vector(vec![]), ":vector"),
        (map(), ":map"),
        (hashmap(), ":hashmap"),
        (Value::bytevector(vec![]), ":bytevector"),
        (Value::lambda(None, Box::new(())), ":lambda"),
        (native(), ":native-fn"),
        (Value::macro_value(Sym::intern("m"), native()), ":macro"),
        (Value::promise(native()), ":promise"),
        (record(), ":point"),
        (
            Value::multimethod(Sym::intern("mm"), native()),
            ":multimethod",
        ),
    ];
    for (v, want) in cases {
        assert_eq!(ok("type", std::slice::from_ref(&v)), want);
        assert_eq!(ok("type-of", &[v]), want);
    }
    assert_eq!(
        err("type", &[]),
        ("arity", "type expects 1 args, got 0".to_string())
    );
}
