//! Resource limits through the binary and the embedding API: `--max-steps`,
//! `--timeout`, `--max-depth` / `SEMA_MAX_DEPTH`, and cancelling a running
//! evaluation from another thread. Every CLI case runs on both back ends.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use sema::{Backend, Interpreter};

const MODES: [&str; 2] = ["--vm", "--tree-walker"];

fn sema(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sema"))
        .args(args)
        .env_remove("SEMA_MAX_DEPTH")
        .output()
        .expect("run sema")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn max_steps_stops_an_endless_loop_with_a_catchable_eval_error() {
    for mode in MODES {
        let out = sema(&[mode, "--max-steps", "1000", "-e", "(let loop () (loop))"]);
        assert_eq!(out.status.code(), Some(1), "{mode}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with("Error: Eval error: step limit exceeded (1000 steps)"),
            "{mode}: {err}"
        );
        let out = sema(&[
            mode,
            "--max-steps",
            "1000",
            "-p",
            "(try (let loop () (loop)) (catch e e))",
        ]);
        assert_eq!(out.status.code(), Some(0), "{mode}");
        let s = text(&out.stdout);
        assert!(s.contains(":type :eval"), "{mode}: {s}");
        assert!(s.contains("step limit exceeded"), "{mode}: {s}");
    }
}

#[test]
fn max_steps_leaves_short_programs_alone() {
    for mode in MODES {
        let out = sema(&[
            mode,
            "--max-steps",
            "100000",
            "-e",
            "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 1000)",
        ]);
        assert_eq!(text(&out.stdout), "1000\n", "{mode}");
        assert_eq!(out.status.code(), Some(0), "{mode}");
    }
}

#[test]
fn timeout_stops_an_endless_loop_with_a_catchable_eval_error() {
    for mode in MODES {
        let start = Instant::now();
        let out = sema(&[mode, "--timeout", "0.3", "-e", "(let loop () (loop))"]);
        assert!(start.elapsed() < Duration::from_secs(10), "{mode}");
        assert_eq!(out.status.code(), Some(1), "{mode}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with("Error: Eval error: timeout: evaluation ran longer than 0.3s"),
            "{mode}: {err}"
        );
        let out = sema(&[
            mode,
            "--timeout",
            "0.2",
            "-p",
            "(try (let loop () (loop)) (catch e (:type e)))",
        ]);
        assert_eq!(text(&out.stdout), ":eval\n", "{mode}");
        assert_eq!(out.status.code(), Some(0), "{mode}");
    }
}

#[test]
fn bad_limit_values_are_usage_errors() {
    for args in [
        ["--timeout", "soon"],
        ["--timeout", "-1"],
        ["--max-steps", "many"],
    ] {
        let out = sema(&[args[0], args[1], "-e", "1"]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn max_depth_flag_and_env_var() {
    let prog = "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 500)";
    for mode in MODES {
        let out = sema(&[mode, "--max-depth", "100", "-e", prog]);
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert!(
            text(&out.stderr).contains("maximum eval depth exceeded (recursion limit 100)"),
            "{mode}: {}",
            text(&out.stderr)
        );
        let out = Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([mode, "-e", prog])
            .env("SEMA_MAX_DEPTH", "100")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert!(text(&out.stderr).contains("recursion limit 100)"), "{mode}");
        // The flag wins over the variable.
        let out = Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([mode, "--max-depth", "5000", "-e", prog])
            .env("SEMA_MAX_DEPTH", "100")
            .output()
            .unwrap();
        assert_eq!(text(&out.stdout), "500\n", "{mode}");
        let out = Command::new(env!("CARGO_BIN_EXE_sema"))
            .args([mode, "-e", "1"])
            .env("SEMA_MAX_DEPTH", "lots")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert!(text(&out.stderr).starts_with("Error: SEMA_MAX_DEPTH"));
    }
}

#[test]
fn embedding_limits_are_catchable_and_reset_per_evaluation() {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_backend(backend);
        interp.set_max_steps(Some(10_000));
        let e = interp.eval_str("(let loop () (loop))").unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert!(e.message().contains("step limit"));
        // The next evaluation has a fresh budget.
        assert_eq!(interp.eval_str("(+ 1 2)").unwrap().as_int(), Some(3));
        interp.set_max_steps(None);
        interp.set_timeout(Some(Duration::from_millis(100)));
        let e = interp.eval_str("(let loop () (loop))").unwrap_err();
        assert!(e.message().starts_with("timeout"), "{backend:?}");
    }
}

#[test]
fn cancel_handle_stops_an_endless_loop_from_another_thread() {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        // `Interpreter` is not Send: it lives on the worker thread, which
        // sends its cancel handle back.
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = std::thread::spawn(move || {
            let mut interp = Interpreter::with_backend(backend);
            tx.send(interp.cancel_handle()).unwrap();
            let caught = interp.eval_str("(try (let loop () (loop)) (catch e :caught))");
            let err = caught.expect_err("the loop ends only by cancellation");
            // The interpreter is still usable afterwards.
            let after = interp.eval_str("(+ 1 2)").unwrap().as_int();
            (err.type_keyword(), err.is_uncatchable(), after)
        });
        let handle = rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        handle.cancel();
        let (kind, uncatchable, after) = worker.join().unwrap();
        assert_eq!(kind, "interrupted", "{backend:?}");
        assert!(uncatchable, "{backend:?}");
        assert_eq!(after, Some(3), "{backend:?}");
    }
}

#[test]
fn catching_the_limit_in_a_loop_does_not_defeat_it() {
    for prog in [
        "(let loop () (try (let inner () (inner)) (catch e nil)) (loop))",
        // Every step of this loop is inside a `try`.
        "(while (try 0 (catch e 0)) 0)",
    ] {
        for mode in MODES {
            for limit in [["--timeout", "0.3"], ["--max-steps", "5000"]] {
                let start = Instant::now();
                let out = sema(&[mode, limit[0], limit[1], "-e", prog]);
                assert!(
                    start.elapsed() < Duration::from_secs(15),
                    "{mode} {limit:?}"
                );
                assert_eq!(out.status.code(), Some(1), "{mode} {limit:?}");
                let err = text(&out.stderr);
                assert!(
                    err.starts_with("Error: Eval error: ")
                        || err.starts_with("Error: Interrupted: "),
                    "{mode}: {err}"
                );
                assert!(
                    err.contains("limit") || err.contains("timeout"),
                    "{mode}: {err}"
                );
            }
        }
    }
    for mode in MODES {
        // A handler may still do some work after the limit fired.
        let out = sema(&[
            mode,
            "--max-steps",
            "1000",
            "-p",
            "(try (let loop () (loop)) (catch e (list (:type e) (:message e))))",
        ]);
        assert_eq!(
            text(&out.stdout),
            "(:eval \"step limit exceeded (1000 steps)\")\n",
            "{mode}"
        );
    }
}

#[test]
fn sleep_cannot_outlast_the_timeout_or_a_cancel() {
    for mode in MODES {
        let start = Instant::now();
        let out = sema(&[mode, "--timeout", "0.2", "-e", "(sleep 100000000)"]);
        assert!(start.elapsed() < Duration::from_secs(10), "{mode}");
        assert!(
            text(&out.stderr).starts_with("Error: Eval error: timeout"),
            "{mode}"
        );
    }
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = std::thread::spawn(move || {
            let mut interp = Interpreter::with_backend(backend);
            tx.send(interp.cancel_handle()).unwrap();
            let start = Instant::now();
            let r = interp.eval_str("(retry (fn () (sleep 100000000)) {:max-attempts 5})");
            (r.map_err(|e| e.type_keyword()).err(), start.elapsed())
        });
        let handle = rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        handle.cancel();
        let (kind, took) = worker.join().unwrap();
        assert_eq!(kind, Some("interrupted"), "{backend:?}");
        assert!(took < Duration::from_secs(5), "{backend:?}");
    }
}
