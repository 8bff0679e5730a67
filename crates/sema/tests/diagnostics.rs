//! Snapshot tests of the error reports the `sema` binary prints
//! (errors.md §4) for every error kind, and of the script-running
//! ergonomics (cli.md §2, §3): shebang lines, programs on stdin, exit codes.
//!
//! Each case runs once per back end in [`MODES`], with `NO_COLOR` set, in a
//! fresh temporary directory holding the case's files. The snapshot name
//! does not depend on the mode, so every back end must print exactly the
//! same report. Paths under the temporary directory print as `[DIR]`.
//!
//! Update snapshots with `INSTA_UPDATE=always cargo test -p sema --test
//! diagnostics` (or `cargo insta review`), then check the diff.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// Back ends to test: (mode name, extra flags). Add `("vm", &["--vm"])`
/// when the VM runs programs.
const MODES: &[(&str, &[&str])] = &[("tree", &["--tree-walker"]), ("vm", &["--vm"])];

const TIMEOUT: Duration = Duration::from_secs(60);

/// One program run: files to create, command-line arguments, and stdin.
struct Case {
    files: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    stdin: &'static str,
}

/// Runs `case` with the mode's flags and returns the normalised transcript:
/// exit status, stdout and stderr.
fn run(case: &Case, flags: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in case.files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("case dir");
        }
        std::fs::write(&path, text).expect("case file");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_sema"))
        .args(flags)
        .args(case.args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("SEMA_HOME", dir.path().join(".sema-home"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sema");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(case.stdin.as_bytes());
    }
    let status = match child.wait_timeout(TIMEOUT).expect("wait") {
        Some(s) => s,
        None => {
            let _ = child.kill();
            panic!("sema {:?} timed out", case.args);
        }
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_string(&mut stdout);
    }
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    let code = status
        .code()
        .map_or_else(|| "signal".to_string(), |c| c.to_string());
    let text = format!("status: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
    normalise(&text, dir.path())
}

fn normalise(text: &str, dir: &Path) -> String {
    let mut out = text.to_string();
    if let Ok(canon) = dir.canonicalize() {
        out = out.replace(&*canon.to_string_lossy(), "[DIR]");
    }
    out.replace(&*dir.to_string_lossy(), "[DIR]")
}

/// Runs the case in every mode against the one snapshot `name`.
fn check(name: &str, case: &Case) {
    for (mode, flags) in MODES {
        let out = run(case, flags);
        eprintln!("mode {mode}:\n{out}");
        insta::assert_snapshot!(name, out);
    }
}

/// Runs the case in every mode, each against its own snapshot `name_MODE`
/// (for reports that legitimately differ, such as how many frames the
/// recursion limit allows).
fn check_per_mode(name: &str, case: &Case) {
    for (mode, flags) in MODES {
        let out = run(case, flags);
        insta::assert_snapshot!(format!("{name}_{mode}"), out);
    }
}

/// Runs the case once, without mode flags, against the snapshot `name`.
fn check_once(name: &str, case: &Case) {
    insta::assert_snapshot!(name, run(case, &[]));
}

macro_rules! cases_once {
    ($($name:ident => $case:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check_once(stringify!($name), &$case);
            }
        )*
    };
}

/// The recursion limit, with runs of identical frames folded. The back ends
/// may count frames differently (the tree-walker also counts nested
/// evaluations), so each mode has its own snapshot.
#[test]
fn recursion_limit() {
    check_per_mode(
        "recursion_limit",
        &Case {
            files: &[("main.sema", "(define (f n)\n  (+ 1 (f n)))\n(f 1)\n")],
            args: &["--max-depth", "120", "main.sema"],
            stdin: "",
        },
    );
}

macro_rules! cases {
    ($($name:ident => $case:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name), &$case);
            }
        )*
    };
}

/// `sema main.sema` with `main.sema` holding the text (stdin is empty).
macro_rules! main_file {
    ($text:expr) => {
        Case {
            files: &[("main.sema", $text)],
            args: &["main.sema"],
            stdin: "",
        }
    };
}

/// `sema -e TEXT`.
macro_rules! eval {
    ($text:expr) => {
        Case {
            files: &[],
            args: &["-e", $text],
            stdin: "",
        }
    };
}

cases! {
    // Reader errors: the `-->` line names the file as given.
    reader_unterminated_list => main_file!("(define (f x)\n  (+ x 1)\n");
    reader_unterminated_string => main_file!("(define x 1)\n(display \"abc)\n");
    reader_unexpected_close => main_file!("(println 1)\n(+ 1 2))\n");
    reader_bad_dispatch => main_file!("(list 1 #z)\n");
    reader_error_runs_nothing => main_file!("(println \"never printed\")\n(oops))\n");
    reader_error_in_eval_text => eval!("(+ 1");
    reader_error_in_subdirectory => Case {
        files: &[("src/prog.sema", "(define s \"open)\n")],
        args: &["src/prog.sema"],
        stdin: "",
    };
    reader_error_in_loaded_file => Case {
        files: &[
            ("lib/bad.sema", "(define x (+ 1\n"),
            ("main.sema", "(println \"start\")\n(load \"lib/bad.sema\")\n"),
        ],
        args: &["main.sema"],
        stdin: "",
    };
    reader_error_from_read => main_file!(
        "(define (parse text)\n  (read text))\n(parse \"(1 2\")\n"
    );

    // Eval errors.
    eval_error_call => main_file!(
        "(define (check n)\n  (if (< n 0)\n      (error \"negative:\" n)\n      n))\n(check 5)\n(check -1)\n"
    );
    eval_division_by_zero => eval!("(define (avg xs) (/ (apply + xs) (length xs)))\n(avg '())");
    eval_not_callable => eval!("(5 1 2)");
    eval_assert_equal => main_file!("(assert= 4 (+ 2 3))\n");
    eval_multimethod_without_method => main_file!(
        "(defmulti area (fn (s) (:shape s)))\n(defmethod area :square (fn (s) (* (:side s) (:side s))))\n(area {:shape :circle :r 1})\n"
    );

    // Type errors.
    type_error_in_function => main_file!(";; t3\n(define (f x)\n  (car x))\n(f 5)\n");
    type_error_builtin_argument => eval!("(+ 1 \"two\")");
    type_error_keyword_call => eval!("(:a 5)");

    // Arity errors.
    arity_lambda => main_file!("(define (add a b) (+ a b))\n(add 1 2 3)\n");
    arity_variadic_lambda => eval!("(define (f a b . more) a)\n(f 1)");
    arity_builtin => eval!("(car '(1) '(2))");
    arity_special_form => main_file!("(define (sign n)\n  (if))\n(sign 1)\n");

    // Unbound variables and their hints.
    unbound_with_suggestion => main_file!("(define (greet name)\n  (pritnln \"hi\" name))\n(greet \"bob\")\n");
    unbound_namespaced_typo => eval!("(string/splt \"a b\" \" \")");
    unbound_foreign_name => eval!("(setq x 1)");
    unbound_user_name_typo => eval!("(define total-price 10)\n(* totl-price 2)");
    unbound_bare_symbol => eval!("nothing-here");

    // I/O errors.
    io_error => main_file!("(define (slurp p) (file/read p))\n(slurp \"no-such-file.txt\")\n");

    // User exceptions.
    user_throw_string => eval!("(throw \"msg\")");
    user_throw_map => main_file!("(define (fail!) (throw {:code 42 :why \"bad\"}))\n(fail!)\n");


    // A trace through tail calls shows the last tail-call site.
    tail_call_trace => main_file!(
        "(define (count-down n)\n  (if (= n 0)\n      (car n)\n      (count-down (- n 1))))\n(define (start) (+ 1 (count-down 3)))\n(start)\n"
    );

    // A builtin failing in tail position (the VM calls it without leaving
    // the frame first): the trace still names the caller's call site.
    native_tail_call_trace => main_file!(
        "(define (f x)\n  (string/split x 1))\n(define (g y) (+ 1 (f y)))\n(g \"a\")\n"
    );

    // Stack traces through nested calls.
    nested_calls_stack_trace => main_file!(
        "(define (a x) (+ 1 (b x)))\n(define (b x) (+ 1 (c x)))\n(define (c x) (car x))\n(a 1)\n"
    );
    error_in_callback => main_file!(
        "(define (first-of xs)\n  (map (fn (x) (car x)) xs))\n(first-of '((1 2) 3))\n"
    );
    error_in_loaded_file => Case {
        files: &[
            ("lib/util.sema", "(define (parse-age s)\n  (let ((n (string->number s)))\n    (if n n (error \"not a number:\" s))))\n"),
            ("main.sema", "(load \"lib/util.sema\")\n(define (ages xs) (map parse-age xs))\n(println (ages '(\"1\" \"2\")))\n(ages '(\"3\" \"x\"))\n"),
        ],
        args: &["main.sema"],
        stdin: "",
    };
    error_after_output => main_file!("(println \"before\")\n(display \"partial\")\n(vector-ref [1 2] 5)\n(println \"after\")\n");
    error_in_load_option => Case {
        files: &[("helper.sema", "(define x 1)\n(car x)\n")],
        args: &["-l", "helper.sema", "-e", "(+ 1 2)"],
        stdin: "",
    };
    caught_errors_print_nothing => main_file!("(println (try (car 1) (catch e (:type e))))\n");

    // Script ergonomics (cli.md §2, §3).
    shebang_line_is_ignored => main_file!("#!/usr/bin/env sema\n(println \"hi\")\n");
    program_from_stdin => Case {
        files: &[],
        args: &["-"],
        stdin: "(define x 41)\n(println (+ x 1))\n",
    };
    program_from_stdin_error => Case {
        files: &[],
        args: &["-"],
        stdin: "(define (f x)\n  (car x))\n(f 1)\n",
    };
    program_from_stdin_reader_error => Case {
        files: &[],
        args: &["-"],
        stdin: "(println 1)\n(+ 1\n",
    };
    exit_with_status => main_file!("(println \"bye\")\n(exit 3)\n(println \"not reached\")\n");
    exit_status_low_bits => eval!("(exit 256)");
    exit_without_status => eval!("(exit)");
    exit_from_nested_call => eval!("(define (quit-now) (exit 7))\n(map (fn (x) (quit-now)) '(1))");
    unreadable_file => Case {
        files: &[],
        args: &["missing.sema"],
        stdin: "",
    };
}

// Usage errors are reported before any back end is chosen (and clap's
// messages quote the command line), so they run once, without mode flags.
cases_once! {
    usage_error_unknown_option => Case {
        files: &[],
        args: &["--bogus"],
        stdin: "",
    };
    usage_error_stray_argument => Case {
        files: &[("a.sema", "1\n")],
        args: &["a.sema", "b"],
        stdin: "",
    };
    usage_error_eval_twice => Case {
        files: &[],
        args: &["-e", "1", "-e", "2"],
        stdin: "",
    };
}
