//! Robustness: every stdlib builtin, called with every accepted argument
//! count and pseudo-random combinations of awkward values (extreme ints,
//! NaN, empty and non-ASCII strings, nil, every collection kind, functions),
//! must return a value or raise a catchable error, never panic
//! (spec/errors.md §4.1, common rules: no panics on user input).
//!
//! Builtins with effects outside the interpreter (writing files, sleeping,
//! reading stdin, exiting, printing, running commands) are skipped; their
//! error cases are in `stdlib_errors.rs`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use sema::{Arity, Interpreter};

/// Names not called here (effects on the machine, the terminal or time).
const SKIP: &[&str] = &[
    "exit",
    "sleep",
    "retry",
    "time",
    "shell",
    "read-line",
    "io/read-line",
    "read-stdin",
    "io/read-stdin",
    "file/write",
    "file/write-bytes",
    "file/append",
    "file/write-lines",
    "file/delete",
    "file/rename",
    "file/copy",
    "file/mkdir",
    "sys/set-env",
    "println",
    "display",
    "print",
    "newline",
    "pprint",
    "print-error",
    "io/print-error",
    "println-error",
    "io/println-error",
    "log/info",
    "log/warn",
    "log/error",
    "log/debug",
    "spy",
    // reads whatever file name it is given
    "load",
    "file/for-each-line",
    "file/fold-lines",
    "file/read",
    "file/read-bytes",
    "file/read-lines",
];

/// Argument expressions: awkward values of every type.
const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "3",
    "9223372036854775807",
    "-9223372036854775808",
    "1.5",
    "-0.0",
    "math/nan",
    "math/infinity",
    "1e300",
    "\"\"",
    "\"a\"",
    "\"héllo wörld ß\"",
    "\"a,b;c\\nd\"",
    "\"(1 2\"",
    "\"%Y\"",
    "nil",
    "#t",
    "#f",
    ":k",
    "'sym",
    "#\\a",
    "'()",
    "'(1 2 3)",
    "'((1 2) (3 4))",
    "'(\"a\" 1 :k)",
    "[]",
    "[1 2 3]",
    "[[1 2] [3]]",
    "{}",
    "{:a 1 :b {:c 2}}",
    "(hashmap/new)",
    "(hashmap/new :a 1 \"b\" 2)",
    "(bytevector)",
    "(bytevector 1 255)",
    "car",
    "+",
    "(fn (x) x)",
    "(fn (a b) a)",
    "(fn () 1)",
    "(fn (. args) args)",
    "(delay 1)",
    ":nfd",
];

/// A small deterministic pseudo-random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

/// The argument counts to try for an arity: every accepted count up to
/// three more than the minimum.
fn counts(arity: Arity) -> Vec<usize> {
    let (lo, hi) = match arity {
        Arity::Exact(n) => (n, n),
        Arity::AtLeast(n) => (n, n + 3),
        Arity::Range(lo, hi) => (lo, hi.min(lo + 3)),
    };
    (usize::from(lo)..=usize::from(hi)).collect()
}

#[test]
fn no_builtin_panics_on_awkward_arguments() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut interp = Interpreter::new();
    let mut calls = 0usize;
    let mut panics = Vec::new();
    for name in sema_stdlib::list_builtins() {
        if SKIP.contains(&name) {
            continue;
        }
        let Some(b) = sema_stdlib::find(name) else {
            continue;
        };
        for n in counts(b.arity) {
            // Every combination for one or two arguments, random ones for more.
            let mut combos: Vec<Vec<&str>> = Vec::new();
            if n == 1 {
                combos.extend(VALUES.iter().map(|v| vec![*v]));
            } else if n == 2 {
                for a in VALUES {
                    combos.extend(VALUES.iter().map(|b| vec![*a, *b]));
                }
            } else if n > 2 {
                for _ in 0..400 {
                    combos.push((0..n).map(|_| VALUES[rng.below(VALUES.len())]).collect());
                }
            } else {
                combos.push(Vec::new());
            }
            for args in combos {
                let src = format!("(try ({name} {}) (catch e nil))", args.join(" "));
                calls += 1;
                let r = catch_unwind(AssertUnwindSafe(|| interp.eval_str(&src)));
                match r {
                    Err(_) => {
                        panics.push(src);
                        // The interpreter may be in a bad state after a panic.
                        interp = Interpreter::new();
                    }
                    Ok(Err(e)) if !e.is_exit() => {
                        // `try` catches everything but exit; reaching here
                        // means the error escaped `try`.
                        panics.push(format!("{src} escaped try: {}", e.message()));
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    println!("{calls} calls");
    assert!(panics.is_empty(), "panicked:\n{}", panics.join("\n"));
}
