//! REPL tests (cli.md §5). Terminal features run the binary in a
//! pseudo-terminal with `rexpect`: line editing, persistent history,
//! multi-line input as one history entry, tab completion, Ctrl-C and Ctrl-D.
//! The rest runs with piped stdin, as scripts use the REPL.
//!
//! Inputs are typed only after the previous output and the next prompt have
//! appeared, as a person would; Enter is sent as `\r` like a terminal does.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use wait_timeout::ChildExt;

const PROMPT: &str = "sema> ";
const TIMEOUT_MS: u64 = 20_000;

/// Starts `sema -q` in a pseudo-terminal with `home` as `SEMA_HOME`.
fn spawn_repl(home: &Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sema"));
    cmd.arg("-q")
        .env("SEMA_HOME", home)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("SEMA_MAX_DEPTH");
    let mut p = rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn sema");
    p.exp_string(PROMPT).expect("first prompt");
    p
}

/// Types `text` and Enter.
fn enter(p: &mut PtySession, text: &str) {
    p.send(text).expect("send");
    p.send("\r").expect("send enter");
    p.flush().expect("flush");
}

/// Waits for `text` in the output, then for the next prompt.
fn expect_then_prompt(p: &mut PtySession, text: &str) {
    p.exp_string(text)
        .unwrap_or_else(|e| panic!("expected {text:?}: {e}"));
    p.exp_string(PROMPT)
        .unwrap_or_else(|e| panic!("expected a prompt after {text:?}: {e}"));
}

/// Sends Ctrl-D on an empty line and checks the REPL says goodbye and
/// exits with status 0.
fn ctrl_d_exits_cleanly(mut p: PtySession) {
    p.send_control('d').expect("ctrl-d");
    p.exp_string("Goodbye!").expect("goodbye");
    p.exp_eof().expect("eof");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0),
        other => panic!("unexpected exit: {other:?}"),
    }
}

#[test]
fn pty_evaluates_prints_and_keeps_definitions() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    enter(&mut p, "(define base 40)");
    p.exp_string(PROMPT).expect("prompt after define");
    enter(&mut p, "(+ base 2)");
    expect_then_prompt(&mut p, "42");
    // Strings print escaped on one line (the input echo differs).
    enter(&mut p, "(str \"a\" \"\\n\" \"b\")");
    expect_then_prompt(&mut p, "\"a\\nb\"");
    ctrl_d_exits_cleanly(p);
}

#[test]
fn pty_errors_are_reported_and_the_session_goes_on() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    enter(&mut p, "(define (f x)\r  (car x))");
    p.exp_string(PROMPT).expect("prompt after define");
    enter(&mut p, "(f 5)");
    p.exp_string("Error: Type error: expected list or vector, got int")
        .expect("headline");
    p.exp_string("at car (<input>:2:3)")
        .expect("innermost frame");
    expect_then_prompt(&mut p, "at f (<input>:1:1)");
    enter(&mut p, ",bt");
    expect_then_prompt(&mut p, "at f (<input>:1:1)");
    enter(&mut p, "(* 6 7)");
    expect_then_prompt(&mut p, "42");
    ctrl_d_exits_cleanly(p);
}

#[test]
fn pty_multi_line_input_and_history_persist_across_sessions() {
    let home = tempfile::tempdir().expect("temp dir");
    {
        let mut p = spawn_repl(home.path());
        // Enter after an incomplete line continues the same input.
        enter(&mut p, "(define (twice x)");
        enter(&mut p, "  (* 2 x))");
        p.exp_string(PROMPT).expect("prompt after define");
        enter(&mut p, "(twice 21)");
        expect_then_prompt(&mut p, "42");
        ctrl_d_exits_cleanly(p);
    }
    let history = std::fs::read_to_string(home.path().join("history.txt")).expect("history file");
    // The two-line form is one entry (rustyline escapes its newline).
    assert!(
        history.contains("(define (twice x)\\n  (* 2 x))"),
        "history: {history:?}"
    );
    assert!(history.contains("(twice 21)"), "history: {history:?}");
    {
        let mut p = spawn_repl(home.path());
        // Up twice recalls the whole two-line definition; Enter runs it.
        p.send("\x1b[A").expect("up");
        p.flush().expect("flush");
        p.exp_string("(twice 21)").expect("recalled last entry");
        p.send("\x1b[A").expect("up");
        p.flush().expect("flush");
        p.exp_string("(* 2 x))").expect("recalled definition");
        enter(&mut p, "");
        p.exp_string(PROMPT).expect("prompt after recalled define");
        enter(&mut p, "(twice 50)");
        expect_then_prompt(&mut p, "100");
        ctrl_d_exits_cleanly(p);
    }
}

#[test]
fn pty_tab_completes_builtins_and_user_names() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    p.send("(string/upp\t").expect("send");
    p.flush().expect("flush");
    p.exp_string("string/upper").expect("completed builtin");
    enter(&mut p, " \"abc\")");
    expect_then_prompt(&mut p, "\"ABC\"");
    enter(&mut p, "(define my-unique-value 99)");
    p.exp_string(PROMPT).expect("prompt after define");
    p.send("(+ my-uniq\t").expect("send");
    p.flush().expect("flush");
    p.exp_string("my-unique-value")
        .expect("completed user name");
    enter(&mut p, " 1)");
    expect_then_prompt(&mut p, "100");
    p.send(",he\t").expect("send");
    p.flush().expect("flush");
    p.exp_string(",help").expect("completed command");
    enter(&mut p, "");
    expect_then_prompt(&mut p, ",bt");
    ctrl_d_exits_cleanly(p);
}

#[test]
fn pty_ctrl_c_interrupts_an_infinite_loop() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    // Ctrl-C is sent once the loop runs (print-error output is unbuffered).
    enter(
        &mut p,
        "(begin (print-error (str \"loop\" \"-running\")) (let loop () (loop)))",
    );
    p.exp_string("loop-running").expect("loop started");
    std::thread::sleep(Duration::from_millis(100));
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Error: Interrupted").expect("interrupted");
    p.exp_string(PROMPT).expect("prompt after interrupt");
    // A `while` loop is interrupted too, and state survives.
    enter(&mut p, "(define n 0)");
    p.exp_string(PROMPT).expect("prompt after define");
    enter(
        &mut p,
        "(begin (print-error (str \"while\" \"-running\")) (while #t (set! n (+ n 1))))",
    );
    p.exp_string("while-running").expect("while started");
    std::thread::sleep(Duration::from_millis(100));
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Interrupted").expect("interrupted while");
    p.exp_string(PROMPT).expect("prompt after interrupt");
    enter(&mut p, "(> n 0)");
    expect_then_prompt(&mut p, "#t");
    enter(&mut p, "(+ 20 3)");
    expect_then_prompt(&mut p, "23");
    ctrl_d_exits_cleanly(p);
}

#[test]
fn pty_ctrl_c_discards_the_typed_input() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    // A partly typed line, and a multi-line input in progress.
    p.send("(+ 1 2").expect("send");
    p.flush().expect("flush");
    p.exp_string("(+ 1 2").expect("echo");
    p.send_control('c').expect("ctrl-c");
    p.exp_string(PROMPT).expect("fresh prompt");
    enter(&mut p, "(list 1");
    p.send_control('c').expect("ctrl-c");
    p.exp_string(PROMPT).expect("fresh prompt");
    enter(&mut p, "(+ 5 5)");
    expect_then_prompt(&mut p, "10");
    // On an empty line Ctrl-C leaves the REPL (cli.md §5), with status 0.
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Goodbye!").expect("goodbye");
    p.exp_eof().expect("eof");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0),
        other => panic!("unexpected exit: {other:?}"),
    }
}

#[test]
fn pty_quit_command_and_exit_status() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut p = spawn_repl(home.path());
    enter(&mut p, "(exit 5)");
    p.exp_eof().expect("eof");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 5),
        other => panic!("unexpected exit: {other:?}"),
    }
    let mut p = spawn_repl(home.path());
    enter(&mut p, ",quit");
    p.exp_string("Goodbye!").expect("goodbye");
    p.exp_eof().expect("eof");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0),
        other => panic!("unexpected exit: {other:?}"),
    }
}

/// Runs `sema ARGS` with `input` on stdin; returns (status, stdout, stderr).
fn piped(args: &[&str], input: &str) -> (i32, String, String) {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sema"))
        .args(args)
        .env("SEMA_HOME", home.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sema");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let status = child
        .wait_timeout(Duration::from_secs(60))
        .expect("wait")
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("sema timed out");
        });
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut out).expect("stdout");
    }
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).expect("stderr");
    }
    (status.code().unwrap_or(-1), out, err)
}

#[test]
fn piped_repl_matches_the_spec_example() {
    let (code, out, err) = piped(&["-q"], "(define x 10)\n(+ x 1)\n\"s\"\n");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "11\n\"s\"\nGoodbye!\n", "")
    );
}

#[test]
fn piped_repl_banner_multi_line_and_errors() {
    let (code, out, err) = piped(&[], "(define (f a . r)\n  a)\n(f 1 2)\n(car 1)\n*1\n");
    assert_eq!(code, 0);
    assert!(out.starts_with("Sema v"), "{out}");
    assert!(
        out.contains("Type ,help for help, ,quit to exit\n\n"),
        "{out}"
    );
    assert!(out.ends_with("1\n1\nGoodbye!\n"), "{out}");
    assert!(
        err.starts_with("Error: Type error: expected list or vector, got int\n  --> <input>:1:1\n"),
        "{err}"
    );
}

#[test]
fn piped_repl_history_variables() {
    let input = "1\n2\n3\n(list *1 *2 *3)\n(car 'x)\n(string? *e)\n";
    let (_, out, _) = piped(&["-q"], input);
    assert_eq!(out, "1\n2\n3\n(3 2 1)\n#t\nGoodbye!\n");
}

#[test]
fn piped_repl_commands() {
    let input = "(define (f a b . r) a)\n(define n 5)\n,doc f\n,doc n\n,doc if\n,doc car\n,doc nope\n,type [1]\n,type\n,time (+ 1 2)\n,env\n,bt\n(car 1)\n,bt\n,help\n,frob\n,quit\n(println \"not run\")\n";
    let (code, out, err) = piped(&["-q"], input);
    assert_eq!(code, 0);
    for expected in [
        "  f : lambda (a b . r)\n",
        "  n : int = 5\n",
        "  if : special form\n",
        "  car : native-fn\n",
        ":vector\n",
        "Usage: ,type <expr>\n",
        "3\n",
        "  n = 5\n",
        "No error yet.\n",
        "Error: Type error: expected list or vector, got int\n  at car (<input>:1:1)\n",
        "  ,bt ",
        "Goodbye!\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("not run"));
    assert!(err.contains("  not found: nope\n"), "{err}");
    assert!(err.contains("elapsed: "), "{err}");
    assert!(err.contains("Unknown command: ,frob"), "{err}");
}

#[test]
fn piped_repl_builtins_lists_every_native() {
    let (_, out, _) = piped(&["-q"], ",builtins\n");
    assert!(out.contains("string/split"), "{out}");
    let last = out.lines().rev().nth(1).unwrap_or("");
    assert!(last.ends_with(" builtin functions"), "{last}");
}

#[test]
fn piped_repl_elides_huge_results() {
    let (_, out, _) = piped(&["-q"], "(string/repeat \"ab\" 20000)\n(range 3)\n");
    let first = out.lines().next().unwrap_or("");
    assert_eq!(first.len(), 10_000);
    assert!(
        out.contains("\n... (30002 more bytes)\n(0 1 2)\n"),
        "{}",
        &out[9_990..]
    );
}

#[test]
fn piped_repl_redefinition_warning_and_exit() {
    let (code, out, err) = piped(&["-q"], "(define map 42)\nmap\n(exit 3)\n(println 1)\n");
    assert_eq!(code, 3);
    assert_eq!(out, "42\n");
    assert_eq!(err, "  warning: redefining builtin 'map'\n");
}

#[test]
fn interactive_flag_keeps_file_definitions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("lib.sema");
    std::fs::write(&file, "(define answer 42)\n").expect("write");
    let path = file.to_string_lossy().to_string();
    let (code, out, _) = piped(&["-q", "-i", &path], "answer\n");
    assert_eq!((code, out.as_str()), (0, "42\nGoodbye!\n"));
}
