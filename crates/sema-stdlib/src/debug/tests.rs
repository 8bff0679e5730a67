//! Unit tests of the reader, error and debugging helpers.

use std::cell::Cell;

use sema_core::printer::repr;
use sema_core::{Arity, Error, ErrorKind, Value};

use crate::testing::call;

fn s(text: &str) -> Value {
    Value::string(text)
}

#[test]
fn error_uses_the_display_form_of_the_first_argument() {
    let e = call("error", &[s("boom"), Value::int(1)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Eval));
    assert_eq!(e.message(), "boom");
    let e = call("error", &[Value::list(vec![s("a"), Value::kw("k")])]).unwrap_err();
    assert_eq!(e.message(), "(\"a\" :k)");
    let e = call("error", &[]).unwrap_err();
    assert_eq!(e.message(), "error called with no message");
}

#[test]
fn gensym_makes_fresh_prefixed_symbols() {
    let a = call("gensym", &[]).unwrap();
    let b = call("gensym", &[]).unwrap();
    let name_a = a.as_symbol().unwrap().name();
    let name_b = b.as_symbol().unwrap().name();
    assert!(name_a.starts_with("g__"), "{name_a}");
    assert_ne!(name_a, name_b);
    let t = call("gensym", &[s("tmp")]).unwrap();
    assert!(t.as_symbol().unwrap().name().starts_with("tmp__"));
    let e = call("gensym", &[Value::sym("tmp")]).unwrap_err();
    assert_eq!(e.message(), "expected string, got symbol");
    let e = call("gensym", &[s("a"), s("b")]).unwrap_err();
    assert_eq!(e.message(), "gensym expects 0-1 args, got 2");
}

#[test]
fn assert_and_assert_equal() {
    assert_eq!(repr(&call("assert", &[Value::int(0)]).unwrap()), "#t");
    let e = call("assert", &[Value::FALSE]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Eval));
    assert_eq!(e.message(), "assertion failed");
    let e = call("assert", &[Value::NIL, s("must hold")]).unwrap_err();
    assert_eq!(e.message(), "must hold");
    let e = call("assert", &[Value::NIL, Value::int(5)]).unwrap_err();
    assert_eq!(e.message(), "5");
    let e = call("assert", &[]).unwrap_err();
    assert_eq!(e.message(), "assert expects 1-2 args, got 0");

    let l = || Value::list(vec![Value::int(1), s("x")]);
    assert_eq!(repr(&call("assert=", &[l(), l()]).unwrap()), "#t");
    let e = call("assert=", &[l(), s("x")]).unwrap_err();
    assert_eq!(
        e.message(),
        "assertion failed: expected (1 \"x\"), got \"x\""
    );
}

#[test]
fn spy_returns_its_value_and_checks_the_label() {
    let v = call("spy", &[s("lbl"), Value::int(3)]).unwrap();
    assert_eq!(repr(&v), "3");
    let e = call("spy", &[Value::kw("lbl"), Value::int(3)]).unwrap_err();
    assert_eq!(e.message(), "expected string, got keyword");
}

#[test]
fn time_returns_the_thunk_value() {
    let thunk = Value::native("t", Arity::Exact(0), |_, _| Ok(Value::int(42)));
    assert_eq!(repr(&call("time", &[thunk]).unwrap()), "42");
    let failing = Value::native("t", Arity::Exact(0), |_, _| Err(Error::eval("no")));
    assert_eq!(call("time", &[failing]).unwrap_err().message(), "no");
}

thread_local! {
    static ATTEMPTS: Cell<u32> = const { Cell::new(0) };
}

/// A thunk that fails until its third call.
fn flaky() -> Value {
    Value::native("flaky", Arity::Exact(0), |_, _| {
        let n = ATTEMPTS.with(|a| {
            a.set(a.get() + 1);
            a.get()
        });
        if n < 3 {
            Err(Error::eval(format!("attempt {n}")))
        } else {
            Ok(Value::int(n as i64))
        }
    })
}

fn opts(max: i64) -> Value {
    Value::map_from([
        (Value::kw("max-attempts"), Value::int(max)),
        (Value::kw("base-delay-ms"), Value::int(1)),
    ])
}

#[test]
fn retry_returns_the_first_success() {
    ATTEMPTS.with(|a| a.set(0));
    assert_eq!(repr(&call("retry", &[flaky(), opts(5)]).unwrap()), "3");
    ATTEMPTS.with(|a| assert_eq!(a.get(), 3));
}

#[test]
fn retry_raises_the_last_error() {
    ATTEMPTS.with(|a| a.set(0));
    let e = call("retry", &[flaky(), opts(2)]).unwrap_err();
    assert_eq!(e.message(), "attempt 2");
    ATTEMPTS.with(|a| a.set(0));
    let e = call("retry", &[flaky(), opts(-4)]).unwrap_err();
    assert_eq!(e.message(), "attempt 1");
}

#[test]
fn retry_does_not_retry_exit() {
    ATTEMPTS.with(|a| a.set(0));
    let exiting = Value::native("exiting", Arity::Exact(0), |_, _| {
        ATTEMPTS.with(|a| a.set(a.get() + 1));
        Err(Error::exit(3))
    });
    assert!(call("retry", &[exiting, opts(5)]).unwrap_err().is_exit());
    ATTEMPTS.with(|a| assert_eq!(a.get(), 1));
}

#[test]
fn retry_requires_a_function() {
    let e = call("retry", &[Value::int(1)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Type { .. }));
    assert_eq!(e.message(), "expected function, got int");
}

#[test]
fn retry_delay_grows_by_the_backoff_factor() {
    let o = super::RetryOptions::from_value(Some(&Value::map_from([
        (Value::kw("base-delay-ms"), Value::int(10)),
        (Value::kw("backoff"), Value::int(3)),
    ])));
    assert_eq!(o.max_attempts, 3);
    assert_eq!(o.delay(0).as_millis(), 10);
    assert_eq!(o.delay(2).as_millis(), 90);
    let d = super::RetryOptions::from_value(None);
    assert_eq!((d.max_attempts, d.base_delay_ms, d.backoff), (3, 100, 2.0));
}

#[test]
fn read_type_errors_and_missing_load_file() {
    let e = call("read", &[Value::int(1)]).unwrap_err();
    assert_eq!(e.message(), "expected string, got int");
    let e = call("io/read-many", &[Value::NIL]).unwrap_err();
    assert_eq!(e.message(), "expected string, got nil");
    let e = call("load", &[s("/nonexistent.sema")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io));
    assert_eq!(
        e.message(),
        "load /nonexistent.sema: No such file or directory (os error 2)"
    );
}

#[test]
fn read_of_empty_input_is_nil() {
    assert!(call("read", &[s("")]).unwrap().is_nil());
    assert_eq!(repr(&call("read-many", &[s("")]).unwrap()), "()");
}

#[test]
#[ignore = "needs the real reader (sema-reader is still a stub on this branch)"]
fn read_parses_forms() {
    assert_eq!(
        repr(&call("read", &[s("(1 \"a\") 2")]).unwrap()),
        "(1 \"a\")"
    );
    assert_eq!(
        repr(&call("read-many", &[s("1 :k [2]")]).unwrap()),
        "(1 :k [2])"
    );
    let e = call("read", &[s("(1 2")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Reader { .. }));
}

#[test]
#[ignore = "needs the real reader (sema-reader is still a stub on this branch)"]
fn load_returns_the_forms_of_a_file() {
    let p = std::env::temp_dir().join(format!("sema-stdlib-unit-load-{}.sema", std::process::id()));
    std::fs::write(&p, "(define x 1)\n(println x)\n").unwrap();
    let got = call("load", &[s(&p.to_string_lossy())]);
    let _ = std::fs::remove_file(&p);
    assert_eq!(repr(&got.unwrap()), "((define x 1) (println x))");
}
