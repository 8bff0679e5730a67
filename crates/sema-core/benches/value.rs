//! Criterion micro-benchmarks of value boxing: `Value::int` / `Value::float`
//! round trips (small ints, boxed big ints, floats), generic arithmetic through
//! `number::add`, and cloning / dropping a heap value.
//!
//! Run with `cargo bench -p sema-core --bench value`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sema_core::{number, Value};

/// Values per iteration: each benchmark works on a batch so that the timing
/// loop's own overhead is amortised.
const N: i64 = 1000;

/// `Value::int` then `as_int` for ints inside the immediate range, boxed big
/// ints, and `Value::float` then `as_float`.
fn boxing(c: &mut Criterion) {
    let mut g = c.benchmark_group("boxing");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("int_small_round_trip", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for i in 0..N {
                let v = Value::int(black_box(i));
                acc = acc.wrapping_add(v.as_int().unwrap_or(0));
            }
            acc
        })
    });
    g.bench_function("int_big_round_trip", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for i in 0..N {
                let v = Value::int(black_box(i64::MAX - i));
                acc = acc.wrapping_add(v.as_int().unwrap_or(0));
            }
            acc
        })
    });
    g.bench_function("float_round_trip", |b| {
        b.iter(|| {
            let mut acc = 0.0f64;
            for i in 0..N {
                let v = Value::float(black_box(i as f64 * 0.5));
                acc += v.as_float().unwrap_or(0.0);
            }
            acc
        })
    });
    g.bench_function("as_number_mixed", |b| {
        let vals: Vec<Value> = (0..N)
            .map(|i| {
                if i % 2 == 0 {
                    Value::int(i)
                } else {
                    Value::float(i as f64)
                }
            })
            .collect();
        b.iter(|| {
            let mut ints = 0usize;
            for v in black_box(&vals) {
                if matches!(v.as_number(), Some(sema_core::Num::Int(_))) {
                    ints += 1;
                }
            }
            ints
        })
    });
    g.finish();
}

/// Generic `number::add` on two small ints and on two floats.
fn arithmetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("number_add");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("int_int", |b| {
        b.iter(|| {
            let mut acc = Value::int(0);
            let one = Value::int(1);
            for _ in 0..N {
                acc = number::add(black_box(&acc), &one).unwrap_or(Value::NIL);
            }
            acc
        })
    });
    g.bench_function("float_float", |b| {
        b.iter(|| {
            let mut acc = Value::float(0.0);
            let half = Value::float(0.5);
            for _ in 0..N {
                acc = number::add(black_box(&acc), &half).unwrap_or(Value::NIL);
            }
            acc
        })
    });
    g.finish();
}

/// Cloning and dropping a reference-counted heap value (a string).
fn heap_clone(c: &mut Criterion) {
    let mut g = c.benchmark_group("heap");
    g.throughput(Throughput::Elements(N as u64));
    let s = Value::string("a heap-allocated string");
    g.bench_function("string_clone_drop", |b| {
        b.iter(|| {
            for _ in 0..N {
                drop(black_box(s.clone()));
            }
        })
    });
    g.bench_function("string_alloc_drop", |b| {
        b.iter(|| {
            for _ in 0..N {
                drop(black_box(Value::string("fresh")));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, boxing, arithmetic, heap_clone);
criterion_main!(benches);
