//! The sandbox through the binary (`--sandbox`, `--allowed-paths`) on both
//! back ends, and through the embedding API (spec cli.md §7, errors.md §1).

use std::path::Path;
use std::process::{Command, Output};

use sema::{Backend, Capability, Interpreter, Policy};

const MODES: [&str; 2] = ["--vm", "--tree-walker"];

fn sema(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sema"))
        .args(args)
        .output()
        .expect("run sema")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `-p EXPR` and returns stdout, requiring exit status 0.
fn print(args: &[&str], expr: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["-p", expr]);
    let out = sema(&all);
    assert_eq!(out.status.code(), Some(0), "{all:?}: {}", text(&out.stderr));
    text(&out.stdout).trim_end().to_string()
}

fn denied(call: &str) -> String {
    format!("(try {call} (catch e (list (:type e) (:function e) (:capability e))))")
}

#[test]
fn strict_denies_shell_writes_env_writes_and_process() {
    for mode in MODES {
        let args = [mode, "--sandbox", "strict"];
        for (call, func, cap) in [
            (r#"(shell "true")"#, "shell", "shell"),
            (r#"(file/write "x" "y")"#, "file/write", "fs-write"),
            (r#"(file/delete "x")"#, "file/delete", "fs-write"),
            (r#"(sys/set-env "A" "b")"#, "sys/set-env", "env-write"),
            ("(exit 3)", "exit", "process"),
        ] {
            assert_eq!(
                print(&args, &denied(call)),
                format!(r#"(:permission-denied "{func}" "{cap}")"#),
                "{mode} {call}"
            );
        }
        // Reading stays allowed under strict.
        assert_eq!(
            print(&args, r#"(string? (file/read "/etc/hostname"))"#),
            "#t"
        );
        assert_eq!(print(&args, r#"(string? (sys/cwd))"#), "#t");
        assert_eq!(print(&args, "(+ 1 2)"), "3");
    }
}

#[test]
fn all_denies_every_capability_and_lists_deny_some() {
    for mode in MODES {
        let args = [mode, "--sandbox", "all"];
        for (call, cap) in [
            (r#"(file/read "/etc/hostname")"#, "fs-read"),
            (r#"(env "HOME")"#, "env-read"),
            ("(sys/env-all)", "env-read"),
            ("(sys/args)", "env-read"),
            ("(sys/pid)", "process"),
        ] {
            assert!(
                print(&args, &denied(call)).ends_with(&format!("\"{cap}\")")),
                "{mode} {call}"
            );
        }
        let args = [mode, "--sandbox", "no-shell,no-env-read"];
        assert!(print(&args, &denied(r#"(shell "true")"#)).contains("\"shell\""));
        assert!(print(&args, &denied("(sys/home-dir)")).contains("\"env-read\""));
        assert_eq!(
            print(&args, r#"(string? (file/read "/etc/hostname"))"#),
            "#t"
        );
    }
}

#[test]
fn uncaught_denial_is_reported_and_exits_1() {
    for mode in MODES {
        let out = sema(&[mode, "--sandbox", "strict", "-e", r#"(shell "true")"#]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr)
                .starts_with("Error: Permission denied: shell requires 'shell' capability"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn bad_mode_prints_error_and_exits_1() {
    for bad in ["bogus", "no-disk", "", "strict,no-shell", "no-shell,,"] {
        let out = sema(&["--sandbox", bad, "-e", "1"]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(text(&out.stderr).starts_with("Error: "), "{bad}");
        assert!(out.stdout.is_empty(), "{bad}");
    }
    let out = sema(&["--allowed-paths", "/nonexistent-sema-dir", "-e", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("Error: "));
}

#[test]
fn aliases_and_higher_order_calls_are_gated_too() {
    for mode in MODES {
        let args = [mode, "--sandbox", "strict"];
        for call in [
            r#"(apply shell '("true"))"#,
            r#"(map shell '("true"))"#,
            r#"((lambda (f) (f "true")) shell)"#,
            r#"(let ((g shell)) (g "true"))"#,
        ] {
            assert!(
                print(&args, &denied(call)).starts_with("(:permission-denied"),
                "{mode} {call}"
            );
        }
    }
}

struct Dirs {
    base: tempfile::TempDir,
}

impl Dirs {
    fn new() -> Dirs {
        let base = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(base.path().join("in/sub")).unwrap();
        std::fs::create_dir_all(base.path().join("out")).unwrap();
        std::fs::write(base.path().join("in/a.txt"), "inside").unwrap();
        std::fs::write(base.path().join("out/secret.txt"), "secret").unwrap();
        std::fs::write(base.path().join("out/mod.sema"), "(define leaked 1)").unwrap();
        std::fs::write(base.path().join("in/mod.sema"), "(define ok 7)").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.path().join("out"), base.path().join("in/link"))
                .unwrap();
            std::os::unix::fs::symlink(
                base.path().join("out/new.txt"),
                base.path().join("in/dangling"),
            )
            .unwrap();
        }
        Dirs { base }
    }

    fn p(&self, rel: &str) -> String {
        self.base.path().join(rel).to_string_lossy().into_owned()
    }
}

fn path_denied(call: &str) -> String {
    format!("(try {call} (catch e (list (:type e) (:function e) (:path e))))")
}

#[test]
fn allowed_paths_confine_file_access() {
    let d = Dirs::new();
    let allowed = d.p("in");
    for mode in MODES {
        let args = [mode, "--allowed-paths", allowed.as_str()];
        assert_eq!(
            print(&args, &format!(r#"(file/read "{}")"#, d.p("in/a.txt"))),
            "\"inside\""
        );
        let target = d.p("in/sub/new.txt");
        assert_eq!(
            print(
                &args,
                &format!(r#"(begin (file/write "{target}" "w") (file/read "{target}"))"#)
            ),
            "\"w\""
        );
        // `..` inside the allowed directory is fine.
        assert_eq!(
            print(
                &args,
                &format!(r#"(file/read "{}")"#, d.p("in/sub/../a.txt"))
            ),
            "\"inside\""
        );
        for (func, path) in [
            ("file/read", d.p("out/secret.txt")),
            ("file/read", d.p("in/../out/secret.txt")),
            ("file/read", "/etc/passwd".to_string()),
            ("file/read", d.p("in/link/secret.txt")),
            ("file/write", d.p("in/dangling")),
            ("file/write", d.p("out/new.txt")),
            ("file/list", d.p("out")),
            ("file/exists?", d.p("out/secret.txt")),
        ] {
            let call = if func == "file/write" {
                format!(r#"({func} "{path}" "x")"#)
            } else {
                format!(r#"({func} "{path}")"#)
            };
            assert_eq!(
                print(&args, &path_denied(&call)),
                format!(r#"(:permission-denied "{func}" "{path}")"#),
                "{mode} {call}"
            );
        }
        // Both paths of a copy are checked.
        let call = format!(
            r#"(file/copy "{}" "{}")"#,
            d.p("out/secret.txt"),
            d.p("in/copy.txt")
        );
        assert!(print(&args, &path_denied(&call)).starts_with("(:permission-denied"));
        let call = format!(
            r#"(file/copy "{}" "{}")"#,
            d.p("in/a.txt"),
            d.p("out/c.txt")
        );
        assert!(print(&args, &path_denied(&call)).starts_with("(:permission-denied"));
        assert!(!Path::new(&d.p("out/c.txt")).exists());
        assert!(!Path::new(&d.p("out/new.txt")).exists());
        // A glob outside is denied; relative paths resolve against the cwd.
        let call = format!(r#"(file/glob "{}/*.txt")"#, d.p("out"));
        assert!(print(&args, &path_denied(&call)).starts_with("(:permission-denied"));
        // load and import are confined too.
        assert_eq!(
            print(
                &args,
                &format!(r#"(begin (load "{}") ok)"#, d.p("in/mod.sema"))
            ),
            "7"
        );
        let call = format!(r#"(load "{}")"#, d.p("out/mod.sema"));
        assert!(print(&args, &path_denied(&call)).starts_with("(:permission-denied \"load\""));
        let call = format!(r#"(import "{}")"#, d.p("out/mod.sema"));
        assert!(
            print(&args, &path_denied(&call)).starts_with("(:permission-denied \"import\""),
            "{mode}"
        );
    }
}

#[test]
fn denied_path_report_names_the_path() {
    let d = Dirs::new();
    let out = sema(&[
        "--allowed-paths",
        &d.p("in"),
        "-e",
        r#"(file/read "/etc/passwd")"#,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with(
        "Error: Permission denied: file/read \u{2014} path '/etc/passwd' is outside allowed directories"
    ));
}

#[test]
fn embedding_policy_is_per_interpreter() {
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut p = Policy::allow_all();
        p.deny(Capability::Shell);
        let mut boxed = Interpreter::with_policy(backend, &p);
        let mut free = Interpreter::with_backend(backend);
        let e = boxed.eval_str(r#"(shell "true")"#).unwrap_err();
        assert_eq!(e.type_keyword(), "permission-denied");
        let v = free.eval_str(r#"(:exit-code (shell "true"))"#).unwrap();
        assert_eq!(v.as_int(), Some(0));
        // A module imported under the policy sees the gated builtins.
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("m.sema");
        std::fs::write(
            &m,
            "(module m (export run) (define (run) (shell \"true\")))",
        )
        .unwrap();
        let src = format!(r#"(import "{}") (run)"#, m.display());
        let e = boxed.eval_str(&src).unwrap_err();
        assert_eq!(e.type_keyword(), "permission-denied", "{backend:?}");
    }
}

/// The smallest argument count a builtin accepts.
fn min_args(name: &str) -> usize {
    match sema_stdlib::find(name).map(|b| b.arity) {
        Some(sema::Arity::Exact(n))
        | Some(sema::Arity::AtLeast(n))
        | Some(sema::Arity::Range(n, _)) => n as usize,
        None => 0,
    }
}

/// Calls every gated builtin (and alias) under a policy that denies its
/// capability, on both back ends: each must raise `:permission-denied`
/// naming that capability before doing anything.
#[test]
fn no_gated_builtin_escapes_its_capability() {
    let scratch = tempfile::tempdir().unwrap();
    let victim = scratch.path().join("must-not-exist");
    let victim = victim.to_string_lossy().into_owned();
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_policy(backend, &Policy::from_mode("all").unwrap());
        let mut checked = 0;
        for name in sema_stdlib::names() {
            let Some(cap) = sema_stdlib::sandbox::capability(name) else {
                continue;
            };
            let args = vec![format!("{victim:?}"); min_args(name)].join(" ");
            let src = format!("(try ({name} {args}) (catch e (list (:type e) (:capability e))))");
            let got = interp.eval_str(&src).map(|v| sema::printer::repr(&v));
            assert_eq!(
                got.as_deref().ok(),
                Some(format!("(:permission-denied \"{}\")", cap.name()).as_str()),
                "{backend:?} {name}: {got:?}"
            );
            checked += 1;
        }
        assert!(checked >= 38, "{checked}");
        assert!(!std::path::Path::new(&victim).exists());
    }
}

/// Every file builtin is confined by `--allowed-paths`: called on a path
/// outside the allowed directory, each raises `:permission-denied` with
/// `:path`.
#[test]
fn every_file_builtin_is_confined() {
    let allowed = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("f.txt");
    std::fs::write(&target, "x").unwrap();
    let target = target.to_string_lossy().into_owned();
    let mut policy = Policy::allow_all();
    policy.set_allowed_paths(&[allowed.path()]).unwrap();
    for backend in [Backend::Vm, Backend::TreeWalker] {
        let mut interp = Interpreter::with_policy(backend, &policy);
        for name in sema_stdlib::names() {
            let Some(sema_stdlib::sandbox::Class::Gated(_, paths)) =
                sema_stdlib::sandbox::classify(name)
            else {
                continue;
            };
            if paths == sema_stdlib::sandbox::PathArgs::None {
                continue;
            }
            let args = vec![format!("{target:?}"); min_args(name)].join(" ");
            let src = format!("(try ({name} {args}) (catch e (list (:type e) (:path e))))");
            let got = interp.eval_str(&src).map(|v| sema::printer::repr(&v));
            assert_eq!(
                got.as_deref().ok(),
                Some(format!("(:permission-denied {target:?})").as_str()),
                "{backend:?} {name}: {got:?}"
            );
        }
    }
    assert_eq!(
        std::fs::read_to_string(outside.path().join("f.txt")).unwrap(),
        "x"
    );
}
