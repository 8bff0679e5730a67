//! Generators for fuzzing Sema, driven by `arbitrary::Unstructured`: data
//! that must survive a print/read round trip ([`Datum`]) and programs that
//! exercise the expander, both back ends and the standard library
//! ([`Program`]). This file is shared: the cargo-fuzz targets use it through
//! the `sema-fuzz` crate and the proptest smoke tests include it by path.

use arbitrary::{Arbitrary, Result, Unstructured};
use sema::{Backend, Interpreter, Policy, Value};

/// Deepest nesting the generators build.
const MAX_DEPTH: usize = 5;

/// Data that `read(repr(v))` must give back (values-and-printing.md §5.6).
#[derive(Debug, Clone)]
pub enum Datum {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Char(char),
    Str(String),
    Bytes(Vec<u8>),
    Sym(String),
    Kw(String),
    List(Vec<Datum>),
    Vector(Vec<Datum>),
    Map(Vec<(Datum, Datum)>),
}

/// A name that reads back as a plain symbol.
fn plain_name(u: &mut Unstructured) -> Result<String> {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyz*!<>=?_";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-*!<>=?_/.";
    let mut s = String::new();
    s.push(*u.choose(FIRST)? as char);
    for _ in 0..u.int_in_range(0..=8)? {
        s.push(*u.choose(REST)? as char);
    }
    if matches!(s.as_str(), "nil" | "true" | "false") || s.ends_with('/') || s.ends_with('.') {
        s.push('x');
    }
    Ok(s)
}

fn gen_datum(u: &mut Unstructured, depth: usize) -> Result<Datum> {
    let leaf = depth >= MAX_DEPTH || u.is_empty();
    let choice = if leaf {
        u.int_in_range(0..=8)?
    } else {
        u.int_in_range(0..=11)?
    };
    let len = |u: &mut Unstructured| u.int_in_range(0..=5usize);
    Ok(match choice {
        0 => Datum::Nil,
        1 => Datum::Bool(u.arbitrary()?),
        2 => Datum::Int(interesting_int(u)?),
        3 => {
            let f: f64 = u.arbitrary()?;
            Datum::Float(if f.is_finite() { f } else { 0.5 })
        }
        4 => Datum::Char(u.arbitrary()?),
        5 => Datum::Str(u.arbitrary()?),
        6 => Datum::Bytes(u.arbitrary()?),
        7 => Datum::Sym(plain_name(u)?),
        8 => Datum::Kw(plain_name(u)?),
        9 => Datum::List(
            (0..len(u)?)
                .map(|_| gen_datum(u, depth + 1))
                .collect::<Result<_>>()?,
        ),
        10 => Datum::Vector(
            (0..len(u)?)
                .map(|_| gen_datum(u, depth + 1))
                .collect::<Result<_>>()?,
        ),
        _ => Datum::Map(
            (0..len(u)?)
                .map(|_| Ok((gen_datum(u, depth + 1)?, gen_datum(u, depth + 1)?)))
                .collect::<Result<_>>()?,
        ),
    })
}

impl<'a> Arbitrary<'a> for Datum {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        gen_datum(u, 0)
    }
}

impl Datum {
    /// The value this datum describes.
    pub fn to_value(&self) -> Value {
        match self {
            Datum::Nil => Value::NIL,
            Datum::Bool(b) => Value::bool(*b),
            Datum::Int(i) => Value::int(*i),
            Datum::Float(f) => Value::float(*f),
            Datum::Char(c) => Value::char(*c),
            Datum::Str(s) => Value::string(s.as_str()),
            Datum::Bytes(b) => Value::bytevector(b.clone()),
            Datum::Sym(s) => Value::sym(s),
            Datum::Kw(s) => Value::kw(s),
            Datum::List(xs) => Value::list(xs.iter().map(|x| x.to_value()).collect()),
            Datum::Vector(xs) => Value::vector(xs.iter().map(|x| x.to_value()).collect()),
            Datum::Map(kvs) => {
                Value::map_from(kvs.iter().map(|(k, v)| (k.to_value(), v.to_value())))
            }
        }
    }
}

/// Ints near the edges of i64 and small ones.
fn interesting_int(u: &mut Unstructured) -> Result<i64> {
    const EDGES: &[i64] = &[
        0,
        1,
        -1,
        2,
        255,
        256,
        -256,
        i32::MAX as i64,
        i64::MAX,
        i64::MIN,
        i64::MAX - 1,
        i64::MIN + 1,
        1 << 53,
    ];
    Ok(match u.int_in_range(0..=2)? {
        0 => *u.choose(EDGES)?,
        1 => u.int_in_range(-20..=20)?,
        _ => u.arbitrary()?,
    })
}

/// Builtins a generated program never calls: they block (stdin, sleep) or
/// only add noise on stderr.
const SKIP: &[&str] = &[
    "sleep",
    "retry",
    "read-line",
    "io/read-line",
    "read-stdin",
    "io/read-stdin",
    "print-error",
    "io/print-error",
    "println-error",
    "io/println-error",
    "log/info",
    "log/warn",
    "log/error",
    "log/debug",
    "spy",
    "time",
];

/// Heads of special forms and prelude macros, for malformed uses.
const SPECIAL: &[&str] = &[
    "quote",
    "if",
    "define",
    "def",
    "defun",
    "defn",
    "set!",
    "lambda",
    "fn",
    "cond",
    "case",
    "when",
    "unless",
    "match",
    "and",
    "or",
    "let",
    "let*",
    "letrec",
    "begin",
    "progn",
    "do",
    "while",
    "quasiquote",
    "unquote",
    "unquote-splicing",
    "defmacro",
    "macroexpand",
    "eval",
    "delay",
    "force",
    "define-record-type",
    "defmulti",
    "defmethod",
    "try",
    "catch",
    "throw",
    "module",
    "import",
    "load",
    "export",
    "->",
    "->>",
    "as->",
    "some->",
    "cond->",
    "doto",
];

/// Local variable names programs bind and use.
const VARS: &[&str] = &["x", "y", "z", "f", "acc", "n", "xs"];

/// A generated program, kept as source text.
#[derive(Debug, Clone)]
pub struct Program(pub String);

impl<'a> Arbitrary<'a> for Program {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let names: Vec<&'static str> = sema_stdlib::names()
            .into_iter()
            .filter(|n| !SKIP.contains(n))
            .collect();
        // Bind the variables the generator uses, so programs get past lookups.
        let mut g = Gen {
            names,
            out: String::from(
                "(define x 1) (define y \"s\") (define z [1 2]) (define f (fn (a) a))\n\
                 (define acc '()) (define n 3) (define xs '(1 2 3))\n",
            ),
        };
        let forms = u.int_in_range(1..=4)?;
        for _ in 0..forms {
            g.expr(u, 0)?;
            g.out.push('\n');
        }
        Ok(Program(g.out))
    }
}

impl Program {
    /// The program text.
    pub fn to_source(&self) -> String {
        self.0.clone()
    }
}

struct Gen {
    names: Vec<&'static str>,
    out: String,
}

impl Gen {
    fn w(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn var(&mut self, u: &mut Unstructured) -> Result<()> {
        let v = *u.choose(VARS)?;
        self.w(v);
        Ok(())
    }

    fn atom(&mut self, u: &mut Unstructured) -> Result<()> {
        match u.int_in_range(0..=9)? {
            0 | 1 => {
                let i = interesting_int(u)?;
                self.w(&i.to_string());
            }
            2 => {
                let f: f64 = u.arbitrary()?;
                let text = if f.is_finite() {
                    format!("{f:?}")
                } else {
                    "1.5".into()
                };
                self.w(&text);
            }
            3 => {
                let s: String = u.arbitrary()?;
                let text = sema_core::printer::repr(&Value::string(s));
                self.w(&text);
            }
            4 => {
                let c = *u.choose(&["#\\a", "#\\space", "#\\newline", "#\\λ", "#\\nul"])?;
                self.w(c);
            }
            5 => {
                let k = *u.choose(&[":a", ":b", ":type", ":message", ":keys"])?;
                self.w(k);
            }
            6 => {
                let b = *u.choose(&["#t", "#f", "nil", "'()", "[]", "{}"])?;
                self.w(b);
            }
            7 => self.var(u)?,
            _ => {
                let n = *u.choose(&self.names)?;
                self.w(n);
            }
        }
        Ok(())
    }

    fn exprs(&mut self, u: &mut Unstructured, depth: usize, max: usize) -> Result<()> {
        for _ in 0..u.int_in_range(0..=max)? {
            self.w(" ");
            self.expr(u, depth + 1)?;
        }
        Ok(())
    }

    fn expr(&mut self, u: &mut Unstructured, depth: usize) -> Result<()> {
        if depth >= MAX_DEPTH || u.is_empty() {
            return self.atom(u);
        }
        let d = depth + 1;
        match u.int_in_range(0..=30)? {
            0..=4 => self.atom(u)?,
            5..=10 => {
                // A builtin call.
                let n = *u.choose(&self.names)?;
                self.w("(");
                self.w(n);
                self.exprs(u, depth, 4)?;
                self.w(")");
            }
            11 => {
                self.w("(if ");
                self.expr(u, d)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(")");
            }
            12 => {
                self.w("(let ((");
                self.var(u)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(") (");
                self.var(u)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(")) ");
                self.expr(u, d)?;
                self.w(")");
            }
            13 => {
                self.w("(fn (");
                self.var(u)?;
                self.w(" . ");
                self.var(u)?;
                self.w(") ");
                self.expr(u, d)?;
                self.w(")");
            }
            14 => {
                self.w("(define (f ");
                self.var(u)?;
                self.w(") ");
                self.expr(u, d)?;
                self.w(")");
            }
            15 => {
                self.w("(try");
                self.exprs(u, depth, 2)?;
                self.w(" (catch e ");
                self.expr(u, d)?;
                self.w("))");
            }
            16 => {
                self.w("(let loop ((n ");
                self.expr(u, d)?;
                self.w(") (acc '())) (if (and (int? n) (> n 0)) (loop (- n 1) (cons ");
                self.expr(u, d)?;
                self.w(" acc)) acc))");
            }
            17 => {
                self.w("(map (fn (x) ");
                self.expr(u, d)?;
                self.w(") ");
                self.expr(u, d)?;
                self.w(")");
            }
            18 => {
                self.w("(match ");
                self.expr(u, d)?;
                self.w(" ([x y & xs] ");
                self.expr(u, d)?;
                self.w(") ({:keys [a b]} ");
                self.expr(u, d)?;
                self.w(") (_ ");
                self.expr(u, d)?;
                self.w("))");
            }
            19 => {
                self.w("`(a ,");
                self.expr(u, d)?;
                self.w(" ,@");
                self.expr(u, d)?;
                self.w(")");
            }
            20 => {
                self.w("(define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!))");
            }
            21 => {
                self.w("(defmacro m (a . rest) ");
                self.expr(u, d)?;
                self.w(")");
            }
            22 => {
                self.w("(do ((i 0 (+ i 1))) ((>= i ");
                self.expr(u, d)?;
                self.w(") ");
                self.expr(u, d)?;
                self.w(")");
                self.exprs(u, depth, 2)?;
                self.w(")");
            }
            23 => {
                self.w("(set! ");
                self.var(u)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(")");
            }
            24 => {
                self.w("(cond (");
                self.expr(u, d)?;
                self.w(" ");
                self.expr(u, d)?;
                self.w(") (else ");
                self.expr(u, d)?;
                self.w("))");
            }
            25 => {
                self.w("[");
                self.exprs(u, depth, 4)?;
                self.w("]");
            }
            26 => {
                self.w("{");
                for _ in 0..u.int_in_range(0..=3)? {
                    self.expr(u, d)?;
                    self.w(" ");
                    self.expr(u, d)?;
                    self.w(" ");
                }
                self.w("}");
            }
            27 => {
                self.w("'");
                let datum = gen_datum(u, depth + 2)?;
                let text = sema_core::printer::repr(&datum.to_value());
                self.w(&text);
            }
            28 => {
                // A special form with arbitrary (often malformed) arguments.
                let s = *u.choose(SPECIAL)?;
                self.w("(");
                self.w(s);
                self.exprs(u, depth, 4)?;
                self.w(")");
            }
            29 => {
                // Call whatever an expression yields.
                self.w("(");
                self.expr(u, d)?;
                self.exprs(u, depth, 3)?;
                self.w(")");
            }
            _ => {
                self.w("(apply ");
                let n = *u.choose(&self.names)?;
                self.w(n);
                self.w(" ");
                self.expr(u, d)?;
                self.w(")");
            }
        }
        Ok(())
    }
}

/// The uncatchable end of a program that caught the step limit or the
/// timeout and ran on past the grace period (README, "Sandbox and resource
/// limits"): an `:interrupted` error, by design.
fn is_limit_end(e: &sema_core::Error) -> bool {
    e.type_keyword() == "interrupted"
        && e.message()
            .contains("the program went on after catching it")
}

/// Runs `src` on both back ends with every capability denied, a step
/// budget and a timeout. Returns the printed outcome on each back end.
pub fn run_sandboxed(src: &str) -> [String; 2] {
    let policy = Policy::from_mode("all").expect("valid mode");
    [Backend::Vm, Backend::TreeWalker].map(|backend| {
        let mut interp = Interpreter::with_policy(backend, &policy);
        interp.set_max_steps(Some(20_000));
        interp.set_timeout(Some(std::time::Duration::from_secs(2)));
        interp.set_max_depth(10_000);
        match interp.eval_str(src) {
            Ok(v) => sema_core::printer::repr(&v),
            Err(e) => {
                // Errors must carry one of the spec's kinds.
                assert!(
                    matches!(
                        e.type_keyword(),
                        "reader"
                            | "eval"
                            | "type-error"
                            | "arity"
                            | "unbound"
                            | "io"
                            | "permission-denied"
                            | "user"
                    ) || is_limit_end(&e),
                    "unexpected error kind {} from {src}",
                    e.type_keyword()
                );
                format!("Error: {}", e.headline())
            }
        }
    })
}
