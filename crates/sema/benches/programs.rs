//! Criterion program-level benchmarks through the embedding API
//! (`sema::Interpreter`), on both back ends: interpreter construction (the
//! start-up cost), `tak`, 8 queens and symbolic differentiation — smaller
//! versions of the workloads of `bench/run.sh`.
//!
//! Run with `cargo bench -p sema --bench programs` (add `-- vm/` or
//! `-- tree/` to select a back end).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sema::{Backend, Interpreter, Value};

/// The definitions every benchmark program uses.
const DEFS: &str = r#"
(define (tak x y z)
  (if (< y x)
      (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))
      z))

(define (interval lo hi)
  (if (> lo hi) '() (cons lo (interval (+ lo 1) hi))))
(define (safe? row dist placed)
  (cond ((null? placed) #t)
        ((= (car placed) (+ row dist)) #f)
        ((= (car placed) (- row dist)) #f)
        (else (safe? row (+ dist 1) (cdr placed)))))
(define (place cands rejected placed)
  (if (null? cands)
      (if (null? rejected) 1 0)
      (+ (if (safe? (car cands) 1 placed)
             (place (append (cdr cands) rejected) '() (cons (car cands) placed))
             0)
         (place (cdr cands) (cons (car cands) rejected) placed))))
(define (queens n) (place (interval 1 n) '() '()))

(define (d-expr e)
  (cond ((not (pair? e)) (if (eq? e 'x) 1 0))
        ((eq? (car e) '+) (cons '+ (map d-expr (cdr e))))
        ((eq? (car e) '-) (cons '- (map d-expr (cdr e))))
        ((eq? (car e) '*)
         (list '* e (cons '+ (map (lambda (f) (list '/ (d-expr f) f)) (cdr e)))))
        ((eq? (car e) '/)
         (let ((u (cadr e)) (v (caddr e)))
           (list '- (list '/ (d-expr u) v)
                    (list '/ u (list '* v v (d-expr v))))))
        (else 'error)))
(define poly '(+ (* 3 x x) (* a x x) (* b x) 5))
(define (deriv-times n acc)
  (if (= n 0) acc (deriv-times (- n 1) (+ acc (length (d-expr poly))))))
"#;

/// (benchmark name, call form, expected printed result)
const PROGRAMS: &[(&str, &str, &str)] = &[
    ("tak_18_12_6", "(tak 18 12 6)", "7"),
    ("nqueens_8", "(queens 8)", "92"),
    ("deriv_1000", "(deriv-times 1000 0)", "5000"),
];

/// The label used in benchmark names for a back end.
fn label(backend: Backend) -> &'static str {
    match backend {
        Backend::Vm => "vm",
        Backend::TreeWalker => "tree",
    }
}

/// Creating an interpreter (standard library included) and evaluating one
/// trivial form: the in-process part of the `startup` workload.
fn startup(c: &mut Criterion) {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        c.bench_function(
            &format!("{}/startup_new_interpreter", label(backend)),
            |b| {
                b.iter(|| {
                    let mut interp = Interpreter::with_backend(backend);
                    interp.eval_str(black_box("(+ 1 2)")).unwrap_or(Value::NIL)
                })
            },
        );
    }
}

/// The programs of `PROGRAMS` on both back ends.
fn programs(c: &mut Criterion) {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_backend(backend);
        if let Err(e) = interp.eval_str(DEFS) {
            panic!("benchmark definitions failed on {}: {e}", label(backend));
        }
        for &(name, call, expect) in PROGRAMS {
            match interp.eval_str(call) {
                Ok(v) => assert_eq!(v.to_string(), expect, "{name} on {}", label(backend)),
                Err(e) => panic!("{name} on {}: {e}", label(backend)),
            }
            c.bench_function(&format!("{}/{name}", label(backend)), |b| {
                b.iter(|| match interp.eval_str(black_box(call)) {
                    Ok(v) => v,
                    Err(e) => panic!("{name}: {e}"),
                })
            });
        }
    }
}

criterion_group!(benches, startup, programs);
criterion_main!(benches);
