//! Fuzz target: for data built from nil, booleans, ints, finite floats,
//! chars, strings, bytevectors, plain symbols and keywords in any nesting of
//! lists, vectors and sorted maps, `read(repr(v))` equals `v`
//! (spec values-and-printing.md §5.6).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sema_fuzz::Datum;

fuzz_target!(|d: Datum| {
    let v = d.to_value();
    let text = sema_core::printer::repr(&v);
    let back = sema_reader::read_one(&text)
        .unwrap_or_else(|e| panic!("repr {text:?} does not read back: {e}"));
    assert!(
        sema_core::equality::equal(&v, &back),
        "round trip changed {text:?} into {:?}",
        sema_core::printer::repr(&back)
    );
    // Pretty printing must not panic either.
    let _ = sema_core::printer::pretty(&v);
});
