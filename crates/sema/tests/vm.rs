//! VM-specific guarantees through the embedding API: natives call closures on
//! the same VM (a million callbacks, deep recursion through `map`), tail
//! calls run in constant space, and errors keep their kinds.

use sema::{Backend, Interpreter};

fn vm() -> Interpreter {
    Interpreter::with_backend(Backend::Vm)
}

#[test]
fn map_calls_a_closure_a_million_times_on_the_same_vm() {
    let mut i = vm();
    let v = i
        .eval_str("(define k 3) (length (map (fn (x) (+ x k)) (range 1000000)))")
        .unwrap();
    assert_eq!(v.as_int(), Some(1_000_000));
    let sum = i
        .eval_str("(foldl + 0 (map (fn (x) (* x 2)) (range 1000000)))")
        .unwrap();
    assert_eq!(sum.as_int(), Some(999_999_000_000));
}

#[test]
fn recursion_through_map_goes_ten_thousand_deep() {
    let mut i = vm();
    let v = i
        .eval_str(
            "(define (depth n) (if (= n 0) 0 (+ 1 (car (map depth (list (- n 1)))))))
             (depth 10000)",
        )
        .unwrap();
    assert_eq!(v.as_int(), Some(10_000));
}

#[test]
fn a_million_tail_calls_run_in_constant_space() {
    let mut i = vm();
    let v = i
        .eval_str(
            "(define (even2? n) (if (= n 0) #t (odd2? (- n 1))))
             (define (odd2? n) (if (= n 0) #f (even2? (- n 1))))
             (list (even2? 1000000) (let loop ((i 0)) (if (= i 1000000) i (loop (+ i 1)))))",
        )
        .unwrap();
    assert_eq!(v.to_string(), "(#t 1000000)");
}

#[test]
fn runaway_recursion_is_a_catchable_error() {
    let mut i = vm();
    i.set_max_depth(50_000);
    let v = i
        .eval_str(
            "(define (f n) (+ 1 (f n)))
             (try (f 1) (catch e (string/contains? (:message e) \"recursion limit\")))",
        )
        .unwrap();
    assert_eq!(v.to_string(), "#t");
    // The VM is still usable afterwards.
    assert_eq!(i.eval_str("(+ 1 2)").unwrap().as_int(), Some(3));
}

#[test]
fn natives_with_callbacks_propagate_errors_with_their_kind() {
    let mut i = vm();
    let v = i
        .eval_str("(try (map (fn (x) (car x)) '(1)) (catch e (:type e)))")
        .unwrap();
    assert_eq!(v.to_string(), ":type-error");
}

#[test]
fn disassembly_names_functions_and_positions() {
    let mut i = vm();
    let text = i.disassemble("(define (sq x) (* x x))").unwrap();
    assert!(text.contains("sq"), "{text}");
    assert!(text.contains("Mul"), "{text}");
    assert!(text.contains("; 1:"), "{text}");
}
