//! 1,000,000-deep nesting, through the binary on both back ends: in source
//! text, in data built at run time, and in printing, equality, hashing and
//! ordering of such data. Each case must give its result or a clean error
//! (exit status 1, `Error:`), never a native stack overflow or a panic
//! (spec special-forms.md §1.6, errors.md §4.1). Cases run one at a time
//! because a few need a gigabyte or two of memory.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

const N: usize = 1_000_000;
const LIMIT: Duration = Duration::from_secs(90);

/// Helpers every runtime case starts with.
const BUILD: &str = "
(define (deep-list n) (let loop ((i 0) (acc '())) (if (< i n) (loop (+ i 1) (list acc)) acc)))
(define (deep-vec n) (let loop ((i 0) (acc [])) (if (< i n) (loop (+ i 1) (vector acc)) acc)))
(define (deep-map n) (let loop ((i 0) (acc {})) (if (< i n) (loop (+ i 1) {:a acc}) acc)))
(define (deep-hmap n)
  (let loop ((i 0) (acc (hash-map))) (if (< i n) (loop (+ i 1) (hash-map :a acc)) acc)))
(define N 1000000)
";

/// What a case must produce: exactly this stdout, or either a result or a
/// clean error.
enum Want {
    Out(String),
    ResultOrError,
}

fn run(dir: &Path, name: &str, mode: &str, src: &str, want: &Want) {
    let file = dir.join(format!("{name}.sema"));
    std::fs::write(&file, src).unwrap();
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sema"))
        .arg(mode)
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let status = match child.wait_timeout(LIMIT).unwrap() {
        Some(s) => s,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name} {mode}: no answer within {LIMIT:?}");
        }
    };
    let out = std::fs::read_to_string(&out_path).unwrap_or_default();
    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let head: String = err.chars().take(300).collect();
    let took = start.elapsed();
    assert!(
        !err.contains("panicked") && !err.contains("overflow") || err.starts_with("Error:"),
        "{name} {mode}: {head}"
    );
    match status.code() {
        Some(0) => {
            if let Want::Out(expected) = want {
                let shown: String = out.chars().take(200).collect();
                assert!(out == *expected, "{name} {mode}: printed {shown:?}");
            }
        }
        Some(1) => {
            assert!(
                matches!(want, Want::ResultOrError),
                "{name} {mode}: error instead of a result: {head}"
            );
            assert!(err.starts_with("Error:"), "{name} {mode}: {head}");
        }
        other => panic!("{name} {mode}: exit {other:?} (signal?) after {took:?}: {head}"),
    }
    eprintln!("{name} {mode}: exit {:?} in {took:?}", status.code());
}

/// One case at a time across the whole file (memory), both modes at once.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn both_in(dir: &Path, name: &str, src: &str, want: &Want) {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|s| {
        for mode in ["--vm", "--tree-walker"] {
            let sub = dir.join(mode.trim_start_matches('-'));
            std::fs::create_dir_all(&sub).unwrap();
            s.spawn(move || run(&sub, name, mode, src, want));
        }
    });
}

fn both(name: &str, src: &str, want: Want) {
    let dir = tempfile::tempdir().unwrap();
    both_in(dir.path(), name, src, &want);
}

fn out(s: impl Into<String>) -> Want {
    Want::Out(s.into())
}

#[test]
fn deep_source_text() {
    let open = |s: &str| s.repeat(N);
    both(
        "quoted-list",
        &format!(
            "(define x '{}{})\n(println (string-length (str x)))\n",
            open("("),
            open(")")
        ),
        out("2000000\n"),
    );
    both(
        "vector-literal",
        &format!(
            "(println (string-length (str {}{})))\n",
            open("["),
            open("]")
        ),
        out("2000000\n"),
    );
    both(
        "quoted-map",
        &format!(
            "(define x (quote {}1{}))\n(println (string-length (str x)))\n",
            open("{:a "),
            open("}")
        ),
        out("5000001\n"),
    );
    both(
        "nested-calls",
        &format!("(println {}0{})\n", open("(+ 1 "), open(")")),
        Want::ResultOrError,
    );
    both(
        "nested-ifs",
        &format!("(println {}7{})\n", open("(if #t "), open(" 0)")),
        Want::ResultOrError,
    );
    both("unclosed", &open("("), Want::ResultOrError);
}

#[test]
fn deep_data_printing_equality_hashing_ordering() {
    let cases: Vec<(&str, &str, Want)> = vec![
        (
            "str-list",
            "(println (string-length (str (deep-list N))))",
            out("2000002\n"),
        ),
        (
            "str-map",
            "(println (string-length (str (deep-map N))))",
            out("5000002\n"),
        ),
        (
            "print-vec",
            "(define v (deep-vec N)) (print v) (newline)",
            out(format!("{}{}\n", "[".repeat(N + 1), "]".repeat(N + 1))),
        ),
        (
            "pprint-list",
            "(pprint (deep-list N))",
            out(format!("{}{}\n", "(".repeat(N + 1), ")".repeat(N + 1))),
        ),
        // Megabytes of output: only the outcome matters.
        ("pprint-map", "(pprint (deep-map N))", Want::ResultOrError),
        (
            "equal-lists",
            "(println (equal? (deep-list N) (deep-list N)))",
            out("#t\n"),
        ),
        (
            "equal-vecs",
            "(println (equal? (deep-vec N) (deep-vec N)) (= (deep-vec N) (deep-vec N)))",
            out("#t #t\n"),
        ),
        (
            "equal-maps",
            "(println (equal? (deep-map N) (deep-map N)))",
            out("#t\n"),
        ),
        (
            "equal-hmaps",
            "(println (equal? (deep-hmap N) (deep-hmap N)))",
            out("#t\n"),
        ),
        (
            "unequal",
            "(println (equal? (deep-list N) (deep-list (- N 1))))",
            out("#f\n"),
        ),
        (
            "hash-key",
            "(define h (hash-map (deep-list N) 1)) (println (get h (deep-list N)))",
            out("1\n"),
        ),
        (
            "hash-key-map",
            "(define h (hash-map (deep-map N) 1)) (println (get h (deep-map N)))",
            out("1\n"),
        ),
        (
            "set-dedupe",
            "(println (length (list/unique (list (deep-vec N) (deep-vec N)))))",
            out("1\n"),
        ),
        (
            "sort",
            "(println (length (sort (list (deep-vec N) (deep-vec (- N 1))))))",
            out("2\n"),
        ),
        (
            "sorted-map-key",
            "(println (count {(deep-list N) 1 (deep-list (- N 1)) 2}))",
            out("2\n"),
        ),
        (
            "json",
            "(println (string-length (json/encode (deep-list N))))",
            Want::ResultOrError,
        ),
        (
            "toml",
            "(println (try (toml/encode (deep-map N)) (catch e (:type e))))",
            out(":eval\n"),
        ),
        (
            "json-decode",
            "(println (try (json/decode (string-append (string/repeat \"[\" N) (string/repeat \"]\" N))) (catch e (:type e))))",
            Want::ResultOrError,
        ),
        (
            "drop",
            "(define a (deep-list N)) (set! a 1) (println a)",
            out("1\n"),
        ),
        (
            "recursion",
            "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (println (f N))",
            Want::ResultOrError,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, body, want) in &cases {
        both_in(dir.path(), name, &format!("{BUILD}\n{body}\n"), want);
    }
}

#[test]
fn deep_result_of_dash_e_is_pretty_printed() {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    for mode in ["--vm", "--tree-walker"] {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([mode, "-e", &format!("{BUILD} (deep-list N)")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{mode}");
        assert_eq!(out.stdout.len(), 2 * N + 3, "{mode}");
        assert!(start.elapsed() < LIMIT, "{mode}");
    }
}

/// Known problem (reported, not fixed here: sema-vm belongs to the lead):
/// the VM's compiler analyses every nested scope's whole body again at each
/// enclosing lambda/let (compile/analyze.rs `boxed`, compile/liveness.rs
/// `free_in_lambda`), so N nested `let`s or `fn`s take O(N²) time: 10,000
/// take seconds, 1,000,000 would take hours. The tree-walker handles them.
/// Run with `cargo test -p sema --test deep -- --ignored`.
#[test]
#[ignore]
fn deep_nested_scopes_in_source() {
    let open = |s: &str| s.repeat(N);
    both(
        "nested-lets",
        &format!("(println {}x{})\n", open("(let ((x 1)) "), open(")")),
        out("1\n"),
    );
    both(
        "nested-lambdas",
        &format!("(println {}1{})\n", open("(fn () "), open(")")),
        out("<lambda>\n"),
    );
}

/// A macro that expands into a use of itself ends in a clean error (the VM
/// expands macros when it compiles: the macro expansion depth limit; the
/// tree-walker expands them as it runs: the recursion limit), and a deep
/// but finite macro recursion still works on both.
#[test]
fn self_expanding_macros_end_in_an_error() {
    both(
        "endless-macro",
        "(defmacro m () '(m))\n(println (try (m) (catch e (:type e))))\n",
        out(":eval\n"),
    );
    both(
        "endless-late-macro",
        "(define (f) (m))\n(defmacro m () '(m))\n(f)\n",
        Want::ResultOrError,
    );
    both(
        "deep-finite-macro",
        "(defmacro m (n) (if (> n 0) `(m ,(- n 1)) :done))\n(println (m 50000))\n",
        out(":done\n"),
    );
}
