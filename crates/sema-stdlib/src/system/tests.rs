//! Unit tests of the system and environment functions.

use sema_core::printer::repr;
use sema_core::value::OrdKey;
use sema_core::{ErrorKind, Value};

use crate::testing::call;

fn s(text: &str) -> Value {
    Value::string(text)
}

fn field(m: &Value, key: &str) -> Value {
    m.as_map()
        .and_then(|m| m.entries.get(&OrdKey(Value::kw(key))).cloned())
        .unwrap_or_default()
}

#[test]
fn env_set_env_and_env_all() {
    let name = "SEMA_STDLIB_UNIT_TEST_VAR";
    assert!(call("env", &[s(name)]).unwrap().is_nil());
    call("sys/set-env", &[s(name), s("v 1")]).unwrap();
    assert_eq!(repr(&call("env", &[s(name)]).unwrap()), "\"v 1\"");
    let all = call("sys/env-all", &[]).unwrap();
    assert_eq!(repr(&field(&all, name)), "\"v 1\"");
    let e = call("sys/set-env", &[s(name), Value::int(1)]).unwrap_err();
    assert_eq!(e.message(), "expected string, got int");
    let e = call("env", &[Value::kw("HOME")]).unwrap_err();
    assert_eq!(e.message(), "expected string, got keyword");
}

#[test]
fn set_env_rejects_names_the_os_cannot_store() {
    for bad in ["", "A=B", "A\0B"] {
        let e = call("sys/set-env", &[s(bad), s("x")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Eval), "{bad:?}");
    }
    let e = call("sys/set-env", &[s("SEMA_OK_NAME"), s("a\0b")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Eval));
}

#[test]
fn exit_returns_the_exit_error() {
    use sema_core::ErrorKind::Exit;
    let code = |args: &[Value]| match call("exit", args).unwrap_err().kind() {
        Exit(c) => *c,
        _ => panic!("not an exit"),
    };
    assert_eq!(code(&[]), 0);
    assert_eq!(code(&[Value::int(3)]), 3);
    assert_eq!(code(&[s("x")]), 0);
    assert_eq!(code(&[Value::float(2.0)]), 0);
}

#[test]
fn shell_runs_through_sh_or_directly() {
    let r = call("shell", &[s("echo hi; echo err >&2; exit 3")]).unwrap();
    assert_eq!(
        repr(&r),
        "{:exit-code 3 :stderr \"err\\n\" :stdout \"hi\\n\"}"
    );
    let r = call("shell", &[s("printf"), s("%s-%s"), s("a b"), s("c")]).unwrap();
    assert_eq!(repr(&field(&r, "stdout")), "\"a b-c\"");
    assert_eq!(repr(&field(&r, "exit-code")), "0");
    let r = call("shell", &[s("kill -9 $$")]).unwrap();
    assert_eq!(repr(&field(&r, "exit-code")), "-1");
    let r = call("shell", &[s("printf '\\377ok'")]).unwrap();
    assert_eq!(repr(&field(&r, "stdout")), "\"\u{fffd}ok\"");
}

#[test]
fn shell_errors() {
    let e = call("shell", &[s("/nonexistent-sema-program"), s("x")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io));
    assert!(e.message().starts_with("shell: "));
    let e = call("shell", &[s("echo"), Value::int(1)]).unwrap_err();
    assert_eq!(e.message(), "expected string, got int");
    let e = call("shell", &[]).unwrap_err();
    assert_eq!(e.message(), "shell expects 1+ args, got 0");
}

#[test]
fn sleep_checks_its_argument() {
    assert!(call("sleep", &[Value::int(1)]).unwrap().is_nil());
    let e = call("sleep", &[Value::int(-5)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Eval));
    let e = call("sleep", &[Value::float(1.0)]).unwrap_err();
    assert_eq!(e.message(), "expected int, got float");
}

#[test]
fn clocks() {
    let ms = call("time-ms", &[]).unwrap().as_int().unwrap();
    assert!(ms > 1_600_000_000_000);
    let a = call("sys/elapsed", &[]).unwrap().as_int().unwrap();
    let b = call("sys/elapsed", &[]).unwrap().as_int().unwrap();
    assert!(a >= 0 && b >= a);
}

#[test]
fn host_facts_have_the_right_types() {
    for name in [
        "sys/cwd",
        "sys/temp-dir",
        "sys/sema-home",
        "sys/os",
        "sys/arch",
        "sys/platform",
    ] {
        assert!(call(name, &[]).unwrap().as_str().is_some(), "{name}");
    }
    for name in ["sys/home-dir", "sys/user", "sys/hostname", "sys/tty"] {
        let v = call(name, &[]).unwrap();
        assert!(v.is_nil() || v.as_str().is_some(), "{name}");
    }
    assert_eq!(
        call("sys/pid", &[]).unwrap().as_int(),
        Some(i64::from(std::process::id()))
    );
    assert!(call("sys/interactive?", &[]).unwrap().as_bool().is_some());
    if cfg!(target_os = "linux") {
        assert_eq!(repr(&call("sys/platform", &[]).unwrap()), "\"linux\"");
    }
    let stats = call("sys/interner-stats", &[]).unwrap();
    assert!(field(&stats, "count").as_int().unwrap_or(0) > 0);
    assert!(field(&stats, "bytes").as_int().unwrap_or(0) > 0);
}

#[test]
fn which_finds_programs_on_path() {
    let sh = call("sys/which", &[s("sh")]).unwrap();
    assert!(sh.as_str().is_some_and(|p| p.ends_with("/sh")), "{sh:?}");
    assert!(call("sys/which", &[s("no-such-program-sema")])
        .unwrap()
        .is_nil());
    assert!(call("sys/which", &[s("")]).unwrap().is_nil());
}

#[test]
fn args_are_a_list_of_strings() {
    let v = call("sys/args", &[]).unwrap();
    assert!(v.is_list());
    assert!(v.list_iter().all(|a| a.as_str().is_some()));
}

#[test]
fn arity_errors() {
    let e = call("exit", &[Value::int(1), Value::int(2)]).unwrap_err();
    assert_eq!(e.message(), "exit expects 0-1 args, got 2");
    let e = call("sys/cwd", &[Value::int(1)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Arity));
}
