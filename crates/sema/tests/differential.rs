//! Differential testing: random programs (arithmetic, let, closures, set! on
//! captured variables, tail calls, try/catch, macros) must give the same
//! result, or the same error, on the tree-walker and on the VM. A failure
//! prints the seed and the program; rerun one seed with
//! `SEMA_DIFF_SEED=<seed> cargo test -p sema --test differential`.

use sema::{Backend, Interpreter};

/// A small deterministic generator (xorshift64*), so a seed reproduces a program.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

struct Gen {
    rng: Rng,
    fresh: u32,
}

impl Gen {
    fn var(&mut self) -> String {
        self.fresh += 1;
        format!("v{}", self.fresh)
    }

    fn int(&mut self) -> String {
        match self.rng.below(6) {
            0 => "0".into(),
            1 => format!("-{}", self.rng.below(100)),
            2 => "9223372036854775807".into(),
            3 => format!("{}.5", self.rng.below(10)),
            _ => format!("{}", self.rng.below(50)),
        }
    }

    /// An expression using only `vars` (and `cvars`, variables that may be set!).
    fn expr(&mut self, depth: u32, vars: &[String], cvars: &[String]) -> String {
        if depth == 0 || self.rng.below(10) < 2 {
            return self.leaf(vars);
        }
        let d = depth - 1;
        match self.rng.below(17) {
            0 | 1 => {
                let op = self.rng.pick(&["+", "-", "*", "max", "min"]);
                format!(
                    "({op} {} {})",
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars)
                )
            }
            2 => {
                let op = self.rng.pick(&["<", ">", "<=", ">=", "="]);
                format!(
                    "(if ({op} {} {}) {} {})",
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars)
                )
            }
            3 => {
                let v = self.var();
                let init = self.expr(d, vars, cvars);
                let mut inner = vars.to_vec();
                inner.push(v.clone());
                format!("(let (({v} {init})) {})", self.expr(d, &inner, cvars))
            }
            4 => {
                let v = self.var();
                let mut inner = vars.to_vec();
                inner.push(v.clone());
                format!(
                    "((fn ({v}) {}) {})",
                    self.expr(d, &inner, cvars),
                    self.expr(d, vars, cvars)
                )
            }
            5 if !cvars.is_empty() => {
                let i = self.rng.below(cvars.len() as u64) as usize;
                let c = &cvars[i];
                format!(
                    "(begin (set! {c} {}) {})",
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars)
                )
            }
            6 => {
                // A counter closure: set! on a captured variable.
                let c = self.var();
                let f = self.var();
                let mut inner = vars.to_vec();
                inner.push(c.clone());
                let mut cinner = cvars.to_vec();
                cinner.push(c.clone());
                format!(
                    "(let (({c} {})) (let (({f} (fn () (set! {c} (+ {c} 1)) {c}))) ({f}) ({f}) (+ {c} {})))",
                    self.expr(d, vars, cvars),
                    self.expr(d, &inner, &cinner)
                )
            }
            7 => format!("(try {} (catch e (:type e)))", self.expr(d, vars, cvars)),
            8 => format!(
                "(/ {} {})",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
            9 => {
                // A tail-recursive loop.
                let i = self.var();
                let acc = self.var();
                let mut inner = vars.to_vec();
                inner.push(acc.clone());
                format!(
                    "(let lp (({i} {}) ({acc} {})) (if (<= {i} 0) {acc} (lp (- {i} 1) {})))",
                    self.rng.below(200),
                    self.expr(d, vars, cvars),
                    self.expr(d, &inner, cvars)
                )
            }
            10 => format!(
                "(car (cdr (list {} {} {})))",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
            11 => format!(
                "(cond ((> {} 10) {}) ((< {} 0) {}) (else {}))",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
            12 => format!(
                "(and {} {})",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
            13 => format!(
                "(or (> {} 5) {})",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
            14 => {
                let v = self.var();
                let mut inner = vars.to_vec();
                inner.push(v.clone());
                format!(
                    "(let (({v} (vector {} {}))) (+ (nth {v} 0) {}))",
                    self.expr(d, vars, cvars),
                    self.expr(d, vars, cvars),
                    self.expr(d, &inner, cvars)
                )
            }
            15 => format!("(twice {})", self.expr(d, vars, cvars)),
            _ => format!(
                "(foldl (fn (a x) (+ a x)) {} (list {} {}))",
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars),
                self.expr(d, vars, cvars)
            ),
        }
    }

    fn leaf(&mut self, vars: &[String]) -> String {
        if !vars.is_empty() && self.rng.below(3) > 0 {
            let i = self.rng.below(vars.len() as u64) as usize;
            return vars[i].clone();
        }
        match self.rng.below(12) {
            0 => "nil".into(),
            1 => "\"s\"".into(),
            2 => "undefined-name".into(),
            _ => self.int(),
        }
    }

    fn program(&mut self) -> String {
        let top = self.var();
        let body = self.expr(5, std::slice::from_ref(&top), std::slice::from_ref(&top));
        format!(
            "(defmacro twice (e) `(+ ,e ,e))\n(define {top} {})\n(define (main) {body})\n(main)",
            self.int()
        )
    }
}

fn outcome(backend: Backend, src: &str) -> String {
    let mut interp = Interpreter::with_backend(backend);
    match interp.eval_str(src) {
        Ok(v) => format!("ok {}", sema::printer::repr(&v)),
        Err(e) => format!("err {} {}", e.type_keyword(), e.message()),
    }
}

fn check(seed: u64) {
    let mut g = Gen {
        rng: Rng(seed | 1),
        fresh: 0,
    };
    let src = g.program();
    let tree = outcome(Backend::TreeWalker, &src);
    let vm = outcome(Backend::Vm, &src);
    assert_eq!(
        tree, vm,
        "backends disagree for seed {seed}\nprogram:\n{src}\n"
    );
}

/// One pass over many seeds (outside proptest, for `SEMA_DIFF_*` runs).
#[test]
fn backends_agree_on_chosen_seeds() {
    if let Ok(seed) = std::env::var("SEMA_DIFF_SEED") {
        check(seed.parse().expect("SEMA_DIFF_SEED is a number"));
        return;
    }
    let start: u64 = std::env::var("SEMA_DIFF_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let count: u64 = std::env::var("SEMA_DIFF_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    for seed in start..start + count {
        check(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Random programs agree on both back ends; a failure prints the seed.
    #[test]
    fn backends_agree_on_random_programs(seed in proptest::prelude::any::<u64>()) {
        check(seed);
    }
}
