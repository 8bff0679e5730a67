//! Unit tests of the tree-walker's evaluation rules that are easy to get wrong.

use sema_core::printer::repr;

use crate::TreeWalker;

/// Runs `src` in a fresh interpreter; the repr of the last value or the error text.
fn run(src: &str) -> String {
    let mut tw = TreeWalker::new();
    match tw.eval_str(src, None) {
        Ok(v) => repr(&v),
        Err(e) => format!("error: {}", e.message()),
    }
}

#[test]
fn nested_syntax_errors_are_raised_when_evaluated() {
    assert_eq!(run("(define (f) (if 1 2 3 4)) :defined"), ":defined");
    assert_eq!(
        run("(define (f) (if 1 2 3 4)) (try (f) (catch e (:message e)))"),
        "\"if expects 2 or 3 args, got 4\""
    );
    assert_eq!(run("(if #f (let ((x)) x) :fine)"), ":fine");
}

#[test]
fn root_syntax_error_is_reported() {
    assert_eq!(run("(if 1 2 3 4)"), "error: if expects 2 or 3 args, got 4");
}

#[test]
fn macro_body_runs_in_callers_environment() {
    let src = "(define secret :global)
               (defmacro peek () `(quote ,secret))
               (define (f) (let ((secret :local)) (peek)))
               (list (peek) (f))";
    assert_eq!(run(src), "(:global :local)");
}

#[test]
fn macros_expand_once_per_evaluation() {
    let src = "(define n 0)
               (defmacro counted (x) (set! n (+ n 1)) x)
               (define (use) (counted 5))
               (use) (use) (use)
               n";
    assert_eq!(run(src), "3");
}

#[test]
fn case_makes_no_frame() {
    assert_eq!(run("(case 1 ((1) (define z 5))) z"), "5");
}

#[test]
fn builtin_in_tail_position_keeps_caller_frame() {
    let src = "(define (c x) (car x))
               (try (c 1) (catch e (map (fn (f) (:name f)) (:stack-trace e))))";
    assert_eq!(run(src), "(\"car\" \"c\")");
}

#[test]
fn runaway_recursion_is_a_catchable_eval_error() {
    let mut tw = TreeWalker::new();
    tw.set_max_depth(20_000);
    let v = tw
        .eval_str(
            "(define (r n) (+ 1 (r n))) (try (r 1) (catch e (list (:type e) (:message e))))",
            None,
        )
        .map(|v| repr(&v))
        .unwrap_or_default();
    assert!(v.starts_with("(:eval \"maximum eval depth exceeded (recursion limit 20000)"));
    assert_eq!(
        tw.eval_str("(+ 1 2)", None).map(|v| repr(&v)).ok(),
        Some("3".into())
    );
}

#[test]
fn macroexpand_sees_local_macros() {
    let src = "(define (f) (defmacro m (x) `(+ ,x 1)) (macroexpand '(m 2))) (f)";
    assert_eq!(run(src), "(+ 2 1)");
}

#[test]
fn defmethod_on_unbound_name() {
    assert_eq!(
        run("(try (defmethod nope :a car) (catch e (:message e)))"),
        "\"defmethod: 'nope' is not defined\""
    );
}

#[test]
fn dropping_the_interpreter_frees_top_level_closures() {
    let mut tw = TreeWalker::new();
    tw.eval_str("(define (g) g) (define h (fn () (g)))", None)
        .unwrap();
    let g = tw.lookup(sema_core::Sym::intern("g")).unwrap();
    assert!(!g.is_unique());
    drop(tw);
    // The environment no longer holds `g`, so nothing but `g` itself does.
    assert!(g.is_unique());
}
