//! The REPL (spec/cli.md §5): multi-line input, results in pretty repr
//! (huge ones elided), `*1 *2 *3 *e`, and `,` commands. With a terminal it
//! uses line editing, tab completion and persistent history
//! (`$SEMA_HOME/history.txt`); otherwise it reads lines from stdin.
//! Ctrl-C during an evaluation interrupts it and returns to the prompt.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rustyline::config::{CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, EventHandler, KeyEvent};
use sema::{printer, ErrorKind, Interpreter, Sym, Value};
use sema_core::{io, TraceFrame};

use super::editor::{is_special_form, CtrlC, SemaHelper};
use super::report::{report, stderr_color, trace_text, Sources};
use super::run::exit_status;

const PROMPT: &str = "sema> ";

/// Results longer than this many bytes are cut, with a count of the rest.
pub const MAX_RESULT_BYTES: usize = 10_000;

/// Entries kept in the history file.
const HISTORY_SIZE: usize = 1000;

/// `text`, or its first [`MAX_RESULT_BYTES`] bytes (at a character
/// boundary) followed by `... (N more bytes)`.
pub fn elide(text: &str) -> String {
    if text.len() <= MAX_RESULT_BYTES {
        return text.to_string();
    }
    let mut cut = MAX_RESULT_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}\n... ({} more bytes)", &text[..cut], text.len() - cut)
}

enum Step {
    Continue,
    /// Leave the REPL (`,quit`, end of input): prints `Goodbye!`.
    Quit(i32),
    /// `(exit N)`: leave at once.
    Exit(i32),
}

/// What `,bt` shows: the last error's headline and whole kept trace.
struct LastError {
    headline: String,
    frames: Vec<TraceFrame>,
    omitted: usize,
}

struct Session<'a> {
    interp: &'a mut Interpreter,
    sources: Sources,
    /// Set while an evaluation runs, so Ctrl-C interrupts it.
    evaluating: Arc<AtomicBool>,
    last_error: Option<LastError>,
}

impl Session<'_> {
    fn set_var(&mut self, name: &str, v: Value) {
        self.interp.define(name, v);
    }

    /// Evaluates REPL text; an error is reported (and remembered) and comes
    /// back as `Err(None)`, an `exit` as `Err(Some(status))`.
    fn eval(&mut self, text: &str) -> Result<Value, Option<i32>> {
        self.sources.set_input(text);
        self.evaluating.store(true, Ordering::SeqCst);
        let result = self.interp.eval_str(text);
        self.evaluating.store(false, Ordering::SeqCst);
        match result {
            Ok(v) => Ok(v),
            Err(e) if e.is_exit() => Err(Some(exit_status(&e))),
            Err(e) => {
                io::flush_stdout();
                if matches!(e.kind(), ErrorKind::Interrupted) {
                    // The terminal echoed `^C` without a newline.
                    io::write_stderr("\n");
                }
                let plain = report(&e, &self.sources, None, false);
                let shown = if stderr_color() {
                    report(&e, &self.sources, None, true)
                } else {
                    plain.clone()
                };
                io::write_stderr(&shown);
                self.set_var("*e", Value::string(plain.trim_end()));
                let data = e.data();
                self.last_error = Some(LastError {
                    headline: e.headline(),
                    frames: data.trace.clone(),
                    omitted: data.trace_omitted,
                });
                Err(None)
            }
        }
    }

    fn handle(&mut self, input: &str) -> Step {
        let text = input.trim();
        if text.is_empty() {
            return Step::Continue;
        }
        if let Some(cmd) = text.strip_prefix(',') {
            return self.command(cmd);
        }
        match self.eval(text) {
            Ok(v) => {
                let one = self.interp.lookup("*1").unwrap_or_default();
                let two = self.interp.lookup("*2").unwrap_or_default();
                self.set_var("*3", two);
                self.set_var("*2", one);
                self.set_var("*1", v.clone());
                print_result(&v);
                Step::Continue
            }
            Err(None) => Step::Continue,
            Err(Some(code)) => Step::Exit(code),
        }
    }

    fn command(&mut self, cmd: &str) -> Step {
        let (name, arg) = match cmd.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (cmd, ""),
        };
        match name {
            "quit" | "exit" | "q" => return Step::Quit(0),
            "help" | "h" => io::write_stdout(HELP),
            "env" => self.env(),
            "builtins" => builtins(),
            "bt" => self.backtrace(),
            "type" | "time" | "doc" if arg.is_empty() => {
                io::write_stdout(&format!("Usage: ,{name} <expr>\n"));
            }
            "type" => match self.eval(arg) {
                Ok(v) => io::write_stdout(&format!(":{}\n", v.type_name())),
                Err(Some(code)) => return Step::Exit(code),
                Err(None) => {}
            },
            "time" => {
                let start = Instant::now();
                match self.eval(arg) {
                    Ok(v) => {
                        let elapsed = start.elapsed();
                        print_result(&v);
                        io::write_stderr(&format!("elapsed: {elapsed:?}\n"));
                    }
                    Err(Some(code)) => return Step::Exit(code),
                    Err(None) => {}
                }
            }
            "doc" => self.doc(arg),
            _ => io::write_stderr(&format!("Unknown command: ,{name} (try ,help)\n")),
        }
        io::flush_stdout();
        Step::Continue
    }

    fn env(&mut self) {
        let mut rows: Vec<(Sym, Value)> = self
            .interp
            .user_bindings()
            .into_iter()
            .filter(|(s, v)| v.as_native().is_none() && !s.name().starts_with(' '))
            .collect();
        rows.sort_by_key(|(s, _)| s.name());
        if rows.is_empty() {
            io::write_stdout("(no user-defined bindings)\n");
        }
        for (s, v) in rows {
            let repr = elide(&printer::repr(&v));
            io::write_stdout(&format!("  {} = {repr}\n", s.name()));
        }
    }

    fn backtrace(&mut self) {
        let Some(last) = &self.last_error else {
            io::write_stdout("No error yet.\n");
            return;
        };
        let mut out = format!("Error: {}\n", last.headline);
        if last.frames.is_empty() {
            out.push_str("  (no stack trace)\n");
        } else {
            let frames: Vec<&TraceFrame> = last.frames.iter().collect();
            let split = if last.omitted > 0 {
                sema_core::error::TRACE_KEEP.min(frames.len())
            } else {
                frames.len()
            };
            let (head, tail) = frames.split_at(split);
            out.push_str(&trace_text(head, last.omitted, tail, false, false));
        }
        io::write_stdout(&out);
    }

    fn doc(&mut self, name: &str) {
        if is_special_form(name) {
            io::write_stdout(&format!("  {name} : special form\n"));
            return;
        }
        match self.interp.lookup(name) {
            None => io::write_stderr(&format!("  not found: {name}\n")),
            Some(v) if v.as_native().is_some() => {
                let doc = sema_stdlib::find(name).map(|b| b.doc).unwrap_or("");
                if doc.is_empty() {
                    io::write_stdout(&format!("  {name} : native-fn\n"));
                } else {
                    io::write_stdout(&format!("  {name} : native-fn\n  {doc}\n"));
                }
            }
            Some(v) if v.as_lambda().is_some() => match sema::lambda_params(&v) {
                Some((params, rest)) => {
                    let mut list: Vec<&str> = params.iter().map(|p| p.name()).collect();
                    if let Some(r) = rest {
                        list.push(".");
                        list.push(r.name());
                    }
                    io::write_stdout(&format!("  {name} : lambda ({})\n", list.join(" ")));
                }
                None => io::write_stdout(&format!("  {name} : lambda\n")),
            },
            Some(v) => io::write_stdout(&format!(
                "  {name} : {} = {}\n",
                v.type_name(),
                elide(&printer::repr(&v))
            )),
        }
    }
}

/// Prints a result in pretty repr unless it is nil; huge results are elided.
fn print_result(v: &Value) {
    if !v.is_nil() {
        io::write_stdout(&elide(&printer::pretty(v)));
        io::write_stdout("\n");
    }
    io::flush_stdout();
}

fn builtins() {
    let mut names: Vec<&str> = sema_stdlib::names();
    names.sort_unstable();
    names.dedup();
    for chunk in names.chunks(4) {
        let row: Vec<String> = chunk.iter().map(|n| format!("{n:<28}")).collect();
        io::write_stdout(&format!("  {}\n", row.join("").trim_end()));
    }
    io::write_stdout(&format!("{} builtin functions\n", names.len()));
}

const HELP: &str = "\
Enter Sema expressions. An input may span several lines: Enter inserts a new
line until the brackets balance. Tab completes names, Up/Down recall history.
Commands:
  ,help          this text
  ,quit          leave (also ,exit, ,q, Ctrl-D, or Ctrl-C on an empty line)
  ,env           list your definitions
  ,builtins      list the builtin functions
  ,doc NAME      describe a name
  ,type EXPR     print the type of EXPR's value
  ,time EXPR     evaluate EXPR and print the time it took
  ,bt            the full stack trace of the last error
Ctrl-C stops a running evaluation, or discards the input being typed.
Variables *1 *2 *3 hold the last results, *e the last error.
";

/// Runs the REPL until `,quit` or end of input; returns the exit status.
pub fn run(interp: &mut Interpreter, quiet: bool) -> i32 {
    interp.set_warn_builtin_redefinition(true);
    for name in ["*1", "*2", "*3"] {
        interp.define(name, Value::NIL);
    }
    let terminal = std::io::stdin().is_terminal();
    let evaluating = Arc::new(AtomicBool::new(false));
    install_interrupt_handler(interp, evaluating.clone(), terminal);
    let mut session = Session {
        interp,
        sources: Sources::default(),
        evaluating,
        last_error: None,
    };
    if !quiet {
        io::write_stdout(&format!(
            "Sema v{} \u{2014} a Lisp with Scheme roots and Clojure conveniences\nType ,help for help, ,quit to exit\n\n",
            env!("CARGO_PKG_VERSION")
        ));
        io::flush_stdout();
    }
    let step = if terminal {
        run_terminal(&mut session)
    } else {
        run_piped(&mut session)
    };
    let code = match step {
        Step::Exit(code) => return code,
        Step::Quit(code) => code,
        Step::Continue => 0,
    };
    io::write_stdout("Goodbye!\n");
    io::flush_stdout();
    code
}

/// Ctrl-C (SIGINT) sets the interpreter's interrupt flag while an
/// evaluation runs. At the prompt the line editor reads Ctrl-C as a key;
/// when stdin is not a terminal an idle Ctrl-C ends the process as usual.
fn install_interrupt_handler(interp: &Interpreter, evaluating: Arc<AtomicBool>, terminal: bool) {
    let flag = interp.interrupt_flag();
    let _ = ctrlc::set_handler(move || {
        if evaluating.load(Ordering::SeqCst) {
            flag.store(true, Ordering::SeqCst);
        } else if !terminal {
            std::process::exit(130);
        }
    });
}

fn run_piped(session: &mut Session<'_>) -> Step {
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(&line);
        if sema_reader::needs_more_input(&buffer) {
            continue;
        }
        let input = std::mem::take(&mut buffer);
        match session.handle(&input) {
            Step::Continue => {}
            done => return done,
        }
    }
    if !buffer.trim().is_empty() {
        if let done @ (Step::Quit(_) | Step::Exit(_)) = session.handle(&buffer) {
            return done;
        }
    }
    Step::Quit(0)
}

/// `$SEMA_HOME/history.txt`, default `~/.sema/history.txt`.
fn history_path() -> Option<PathBuf> {
    let home = std::env::var_os("SEMA_HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".sema")))?;
    Some(home.join("history.txt"))
}

/// The prompt, bold green when colour is on.
fn prompt_text(color: bool) -> String {
    if color {
        let style = anstyle::AnsiColor::Green.on_default().bold();
        format!("{style}{PROMPT}{style:#}")
    } else {
        PROMPT.to_string()
    }
}

fn run_terminal(session: &mut Session<'_>) -> Step {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal();
    let builder = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .max_history_size(HISTORY_SIZE)
        .and_then(|b| b.history_ignore_dups(true));
    let config = builder.map(|b| b.build()).unwrap_or_default();
    let editor = Editor::<SemaHelper, FileHistory>::with_config(config);
    let Ok(mut editor) = editor else {
        return run_piped(session);
    };
    editor.set_helper(Some(SemaHelper::new(color)));
    let was_empty = Arc::new(AtomicBool::new(true));
    editor.bind_sequence(
        KeyEvent::ctrl('C'),
        EventHandler::Conditional(Box::new(CtrlC {
            was_empty: was_empty.clone(),
        })),
    );
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let prompt = prompt_text(color);
    loop {
        if let Some(helper) = editor.helper_mut() {
            let names = session.interp.names();
            helper.set_names(names.into_iter().map(|s| s.name().to_string()));
        }
        // Set by the Ctrl-C key handler; stays true for a SIGINT that
        // reaches the editor some other way.
        was_empty.store(true, Ordering::SeqCst);
        match editor.readline(&prompt) {
            Ok(line) => {
                let entry = line.trim();
                if !entry.is_empty() {
                    let _ = editor.add_history_entry(entry);
                    if let Some(h) = &history {
                        if let Some(dir) = h.parent() {
                            let _ = std::fs::create_dir_all(dir);
                        }
                        let _ = editor.append_history(h);
                    }
                }
                match session.handle(&line) {
                    Step::Continue => {}
                    done => return done,
                }
            }
            Err(ReadlineError::Interrupted) => {
                if was_empty.load(Ordering::SeqCst) {
                    return Step::Quit(0);
                }
            }
            Err(ReadlineError::Eof) => return Step::Quit(0),
            Err(e) => {
                io::write_stderr(&format!("Error: cannot read input: {e}\n"));
                return Step::Quit(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_results_are_kept_whole() {
        assert_eq!(elide("(1 2 3)"), "(1 2 3)");
        let exact = "x".repeat(MAX_RESULT_BYTES);
        assert_eq!(elide(&exact), exact);
    }

    #[test]
    fn huge_results_are_cut_at_a_char_boundary() {
        let text = "é".repeat(MAX_RESULT_BYTES); // 2 bytes each
        let out = elide(&text);
        let (head, rest) = out.split_once('\n').unwrap_or_default();
        assert_eq!(head.len(), MAX_RESULT_BYTES);
        assert_eq!(rest, format!("... ({} more bytes)", MAX_RESULT_BYTES));
        let odd = format!("a{}", "é".repeat(MAX_RESULT_BYTES));
        let out = elide(&odd);
        let (head, _) = out.split_once('\n').unwrap_or_default();
        assert_eq!(head.len(), MAX_RESULT_BYTES - 1);
    }

    #[test]
    fn history_lives_in_sema_home() {
        // Only checks the shape; the environment is the test runner's.
        if let Some(p) = history_path() {
            assert!(p.ends_with("history.txt"));
        }
    }
}
