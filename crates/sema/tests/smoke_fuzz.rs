//! Short proptest versions of the cargo-fuzz targets in fuzz/ (which CI does
//! not build): the reader on arbitrary bytes, the printer round trip on
//! generated data, and sandboxed evaluation of generated programs on both
//! back ends. They share fuzz/src/gen.rs with the fuzz targets; proptest
//! supplies the random bytes that `arbitrary` turns into structures.

#[path = "../../../fuzz/src/gen.rs"]
#[allow(dead_code)]
mod gen;

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;

/// A fixed seed keeps CI deterministic; `SEMA_SMOKE_SEED=N` picks another
/// and `SEMA_SMOKE_SEED=random` a fresh one per run.
fn config(cases: u32) -> ProptestConfig {
    let rng_seed = match std::env::var("SEMA_SMOKE_SEED") {
        Ok(s) if s == "random" => proptest::test_runner::RngSeed::Random,
        Ok(s) => proptest::test_runner::RngSeed::Fixed(s.parse().unwrap_or(6)),
        Err(_) => proptest::test_runner::RngSeed::Fixed(6),
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed,
        ..ProptestConfig::default()
    }
}

/// Text from a Lisp-ish alphabet: brackets, quotes, escapes, numbers.
fn lispish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "(", ")", "[", "]", "{", "}", "'", "`", ",", ",@", "#", "#\\", "\"", "\\", ";", " ", "\n",
        ":", ".", "-", "+", "1", "2.5", "1e999", "#u8(", "#(", "%1", "f\"", "{", "\\x", "a", "λ",
        "😀", "#t", "nil", "#|", "|#", "#;", "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn read_no_panic(text: &str) {
    match sema_reader::read_all(text, None) {
        Ok(forms) => {
            for f in &forms {
                let _ = sema_core::printer::repr(f);
            }
        }
        Err(e) => assert_eq!(e.type_keyword(), "reader", "{text:?}: {e}"),
    }
    let _ = sema_reader::needs_more_input(text);
}

proptest! {
    #![proptest_config(config(20_000))]

    #[test]
    fn reader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        read_no_panic(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn reader_survives_lispish_text(text in lispish()) {
        read_no_panic(&text);
    }
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn printer_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut u = Unstructured::new(&bytes);
        let Ok(d) = gen::Datum::arbitrary(&mut u) else { return Ok(()) };
        let v = d.to_value();
        let text = sema_core::printer::repr(&v);
        let back = sema_reader::read_one(&text);
        prop_assert!(back.is_ok(), "repr {:?} does not read back: {:?}", text, back.err());
        let back = back.unwrap();
        prop_assert!(
            sema_core::equality::equal(&v, &back),
            "round trip changed {:?} into {:?}",
            text,
            sema_core::printer::repr(&back)
        );
        let _ = sema_core::printer::pretty(&v);
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    #[test]
    fn sandboxed_eval_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut u = Unstructured::new(&bytes);
        let Ok(p) = gen::Program::arbitrary(&mut u) else { return Ok(()) };
        let _ = gen::run_sandboxed(&p.to_source());
    }
}

#[test]
#[ignore]
fn show_samples() {
    let mut seed = 1u64;
    for _ in 0..8 {
        let bytes: Vec<u8> = (0..600)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 33) as u8
            })
            .collect();
        let mut u = Unstructured::new(&bytes);
        let p = gen::Program::arbitrary(&mut u).unwrap();
        println!("{}\n=> {:?}\n", p.0, gen::run_sandboxed(&p.0));
        let mut u = Unstructured::new(&bytes);
        let d = gen::Datum::arbitrary(&mut u).unwrap();
        println!("datum {}\n", sema_core::printer::repr(&d.to_value()));
    }
}
