//! Criterion micro-benchmarks of the VM's hot paths, each a small Sema
//! program run through `Vm::eval_str`: the dispatch loop (a counting loop),
//! calls (`fib 20`), closure creation, hash-map insert / lookup through
//! `assoc` / `get`, and `string/split` on a 1,000-field line.
//!
//! Run with `cargo bench -p sema-vm --bench vm` (add `-- NAME` to filter).
//! The definitions are compiled once per benchmark; each iteration evaluates
//! one short call form, so reading and compiling that form is a negligible
//! part of the time.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sema_core::Value;
use sema_vm::Vm;

/// A VM with `defs` evaluated.
fn vm_with(defs: &str) -> Vm {
    let mut vm = Vm::new();
    if let Err(e) = vm.eval_str(defs, None) {
        panic!("benchmark definitions failed: {e}");
    }
    vm
}

/// Evaluates `src` and returns its printed value (for the sanity checks).
fn eval_to_string(vm: &mut Vm, src: &str) -> String {
    match vm.eval_str(src, None) {
        Ok(v) => v.to_string(),
        Err(e) => panic!("benchmark form {src} failed: {e}"),
    }
}

/// Registers a benchmark that evaluates `call` in a VM prepared with `defs`,
/// after checking once that it prints `expect`.
fn bench_program(c: &mut Criterion, name: &str, defs: &str, call: &str, expect: &str) {
    let mut vm = vm_with(defs);
    assert_eq!(
        eval_to_string(&mut vm, call),
        expect,
        "{name}: wrong result"
    );
    c.bench_function(name, |b| {
        b.iter(|| -> Value {
            match vm.eval_str(black_box(call), None) {
                Ok(v) => v,
                Err(e) => panic!("{name}: {e}"),
            }
        })
    });
}

/// The dispatch loop: a named-let counting loop of 100,000 iterations
/// (compare, two additions and a tail call per iteration).
fn dispatch(c: &mut Criterion) {
    bench_program(
        c,
        "dispatch/count_loop_100k",
        "(define (count-loop n)
           (let loop ((i 0) (acc 0))
             (if (= i n) acc (loop (+ i 1) (+ acc i)))))",
        "(count-loop 100000)",
        "4999950000",
    );
}

/// Non-tail calls: naive `(fib 20)`, 21,891 calls.
fn calls(c: &mut Criterion) {
    bench_program(
        c,
        "calls/fib_20",
        "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))",
        "(fib 20)",
        "6765",
    );
}

/// Closure creation: 10,000 closures capturing the loop variable, each
/// called once.
fn closures(c: &mut Criterion) {
    bench_program(
        c,
        "closures/make_and_call_10k",
        "(define (make-adder k) (lambda (x) (+ x k)))
         (define (closure-loop n)
           (let loop ((i 0) (acc 0))
             (if (= i n) acc (loop (+ i 1) ((make-adder i) acc)))))",
        "(closure-loop 10000)",
        "49995000",
    );
    bench_program(
        c,
        "closures/map_lambda_10k",
        "(define xs10k (range 10000))
         (define (adders-sum xs)
           (foldl (lambda (acc f) (f acc)) 0 (map (lambda (i) (lambda (x) (+ x i))) xs)))",
        "(adders-sum xs10k)",
        "49995000",
    );
}

/// Hash maps: 10,000 inserts with `assoc` into a `hashmap/new`, and 10,000
/// lookups with `get` (half of them miss: 5,000 hits) in a prebuilt 10,000-entry map.
fn hashmap(c: &mut Criterion) {
    let defs = "(define (fill m i n)
                  (if (= i n) m (fill (assoc m (mod (* i 7919) 10007) i) (+ i 1) n)))
                (define (probe m j n acc)
                  (if (= j n)
                      acc
                      (let ((v (get m (* j 2))))
                        (probe m (+ j 1) n (if (nil? v) acc (+ acc 1))))))
                (define table10k (fill (hashmap/new) 0 10000))";
    bench_program(
        c,
        "hashmap/assoc_insert_10k",
        defs,
        "(count (fill (hashmap/new) 0 10000))",
        "10000",
    );
    bench_program(
        c,
        "hashmap/get_lookup_10k",
        defs,
        "(probe table10k 0 10000 0)",
        "5000",
    );
}

/// `string/split` of a 1,000-field comma-separated line (about 3.9 KB).
fn split(c: &mut Criterion) {
    bench_program(
        c,
        "strings/split_1000_fields",
        "(define line1000 (string/join (map number/to-string (range 1000)) \",\"))",
        "(length (string/split line1000 \",\"))",
        "1000",
    );
}

criterion_group!(benches, dispatch, calls, closures, hashmap, split);
criterion_main!(benches);
