//! Integer overflow behaviour exactly as the spec says (stdlib.md §1-2,
//! values-and-printing.md §2.2, README D3): wrapping `+ - *`, `abs` and
//! negation of i64::MIN, `(/ i64::MIN -1)` an `:eval` error, `mod` of
//! i64::MIN by -1 is 0, wrapping `math/quotient`, exact comparisons.
//!
//! Every case runs on both back ends and in three call shapes: a literal
//! call (which the VM compiles to an intrinsic opcode for `+ - * / < > <=
//! >= =`), a call with the operands in variables, and a call through
//! `apply` on the function value (the generic native path).

use sema::{Backend, Interpreter};

const MIN: &str = "-9223372036854775808";
const MAX: &str = "9223372036854775807";

/// (operator, operands, expected repr or `Err(message substring)`).
fn cases() -> Vec<(&'static str, Vec<String>, Result<String, &'static str>)> {
    let s = |x: &str| x.to_string();
    let ok = |x: &str| Ok(x.to_string());
    vec![
        ("+", vec![s(MAX), s("1")], ok(MIN)),
        ("+", vec![s(MIN), s("-1")], ok(MAX)),
        (
            "+",
            vec![s("1"), s("2"), s(MAX)],
            ok("-9223372036854775806"),
        ),
        ("-", vec![s(MIN), s("1")], ok(MAX)),
        ("-", vec![s("0"), s(MIN)], ok(MIN)),
        ("-", vec![s(MIN)], ok(MIN)),
        ("-", vec![s(MAX)], ok("-9223372036854775807")),
        ("*", vec![s(MAX), s("2")], ok("-2")),
        ("*", vec![s(MIN), s("-1")], ok(MIN)),
        ("*", vec![s("4611686018427387904"), s("2")], ok(MIN)),
        (
            "*",
            vec![s("3037000500"), s("3037000500")],
            ok("-9223372036709301616"),
        ),
        ("abs", vec![s(MIN)], ok(MIN)),
        ("abs", vec![s("-5")], ok("5")),
        ("/", vec![s(MIN), s("-1")], Err("integer overflow in /")),
        ("/", vec![s(MIN), s("1")], ok(MIN)),
        ("/", vec![s(MIN), s("2")], ok("-4611686018427387904")),
        (
            "/",
            vec![s("9007199254740993"), s("1")],
            ok("9007199254740993"),
        ),
        (
            "/",
            vec![s("9007199254740993"), s("2")],
            ok("4503599627370496.0"),
        ),
        ("/", vec![s("12"), s("4"), s("3")], ok("1")),
        ("/", vec![s("7"), s("2"), s("2")], ok("1.75")),
        ("/", vec![s("1"), s("0")], Err("division by zero")),
        ("/", vec![s(MIN), s("0")], Err("division by zero")),
        ("mod", vec![s(MIN), s("-1")], ok("0")),
        ("modulo", vec![s(MIN), s("-1")], ok("0")),
        ("math/remainder", vec![s(MIN), s("-1")], ok("0")),
        ("mod", vec![s("-7"), s("3")], ok("-1")),
        ("mod", vec![s("7"), s("-3")], ok("1")),
        ("mod", vec![s(MIN), s("0")], Err("modulo by zero")),
        ("math/quotient", vec![s(MIN), s("-1")], ok(MIN)),
        ("math/quotient", vec![s("7"), s("-2")], ok("-3")),
        (
            "math/quotient",
            vec![s("1"), s("0")],
            Err("division by zero"),
        ),
        ("pow", vec![s("2"), s("64")], ok("0")),
        ("pow", vec![s("2"), s("63")], ok(MIN)),
        ("pow", vec![s("-2"), s("63")], ok(MIN)),
        ("pow", vec![s("3"), s("40")], ok("-6289078614652622815")),
        ("list/sum", vec![format!("(list {MAX} 1)")], ok(MIN)),
        ("bit/shift-left", vec![s("1"), s("63")], ok(MIN)),
        ("bit/shift-left", vec![s("1"), s("64")], ok("1")),
        ("<", vec![s(MIN), s(MAX)], ok("#t")),
        (
            ">",
            vec![s("9007199254740993"), s("9007199254740992")],
            ok("#t"),
        ),
        (
            "<",
            vec![s("9007199254740992.0"), s("9007199254740993")],
            ok("#t"),
        ),
        (
            "<=",
            vec![s("9007199254740993"), s("9007199254740992.0")],
            ok("#f"),
        ),
        (">=", vec![s(MAX), s("9223372036854775807.0")], ok("#f")),
        ("=", vec![s(MAX), s(MAX)], ok("#t")),
        ("=", vec![s(MIN), s(MAX)], ok("#f")),
        ("=", vec![s("1"), s("1.0")], ok("#t")),
        // Around the boundary of the small-int value encoding (±2^47).
        (
            "+",
            vec![s("140737488355327"), s("1")],
            ok("140737488355328"),
        ),
        (
            "-",
            vec![s("-140737488355328"), s("1")],
            ok("-140737488355329"),
        ),
        (
            "*",
            vec![s("140737488355328"), s("2")],
            ok("281474976710656"),
        ),
        (
            "-",
            vec![s("140737488355328"), s("1")],
            ok("140737488355327"),
        ),
        ("+", vec![s("35184372088831"), s("1")], ok("35184372088832")),
        (
            "*",
            vec![s("-140737488355328"), s("-1")],
            ok("140737488355328"),
        ),
    ]
}

/// The three call shapes of `(op args...)`.
fn shapes(op: &str, args: &[String]) -> Vec<String> {
    let names: Vec<String> = (0..args.len()).map(|i| format!("a{i}")).collect();
    let binds: String = names
        .iter()
        .zip(args)
        .map(|(n, a)| format!("({n} {a})"))
        .collect();
    vec![
        format!("({op} {})", args.join(" ")),
        format!("(let ({binds}) ({op} {}))", names.join(" ")),
        format!("(let ((f {op})) (apply f (list {})))", args.join(" ")),
    ]
}

fn eval(interp: &mut Interpreter, src: &str) -> Result<String, String> {
    interp
        .eval_str(src)
        .map(|v| sema::printer::repr(&v))
        .map_err(|e| format!("{} {}", e.type_keyword(), e.message()))
}

#[test]
fn overflow_rules_on_both_back_ends_and_every_call_shape() {
    let mut problems = Vec::new();
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_backend(backend);
        for (op, args, want) in cases() {
            for src in shapes(op, &args) {
                let got = eval(&mut interp, &src);
                let good = match (&want, &got) {
                    (Ok(w), Ok(g)) => w == g,
                    (Err(w), Err(g)) => g.starts_with("eval ") && g.contains(w),
                    _ => false,
                };
                if !good {
                    problems.push(format!("{backend:?} {src}: want {want:?}, got {got:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn overflow_errors_are_catchable() {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_backend(backend);
        let v = eval(
            &mut interp,
            &format!("(try (/ {MIN} -1) (catch e (list (:type e) (:message e))))"),
        );
        assert_eq!(
            v,
            Ok("(:eval \"integer overflow in /\")".into()),
            "{backend:?}"
        );
    }
}

#[test]
fn overflow_rules_through_the_binary() {
    for mode in ["--vm", "--tree-walker"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([
                mode,
                "-p",
                &format!(
                    "(list (+ {MAX} 1) (- {MIN}) (abs {MIN}) (mod {MIN} -1) (math/quotient {MIN} -1))"
                ),
            ])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("({MIN} {MIN} {MIN} 0 {MIN})\n"),
            "{mode}"
        );
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([mode, "-e", &format!("(/ {MIN} -1)")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr)
            .starts_with("Error: Eval error: integer overflow in /"));
    }
}
