//! Fuzz target: generated programs on both back ends under a sandbox that
//! denies every capability, with a step budget and a timeout. Evaluation
//! must end in a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sema_fuzz::{run_sandboxed, Program};

fuzz_target!(|p: Program| {
    let src = p.to_source();
    run_sandboxed(&src);
});
