//! The REPL (spec/cli.md §5): multi-line input by bracket balance, results in
//! pretty repr, `*1 *2 *3 *e`, and `,` commands. With a terminal it uses
//! line editing and history; otherwise it reads lines from stdin.

use std::io::{BufRead, IsTerminal};
use std::time::Instant;

use rustyline::error::ReadlineError;
use sema::{printer, Interpreter, Sym, Value};
use sema_core::io;

use super::report::{report, Sources};
use super::run::exit_status;

const PROMPT: &str = "sema> ";
const CONTINUE: &str = "  ... ";

/// True while `text` has more openers than closers outside strings.
fn incomplete(text: &str) -> bool {
    sema_reader::needs_more_input(text)
}

enum Step {
    Continue,
    Quit(i32),
}

struct Session<'a> {
    interp: &'a mut Interpreter,
    sources: Sources,
}

impl Session<'_> {
    fn set_var(&mut self, name: &str, v: Value) {
        self.interp.define(name, v);
    }

    fn eval(&mut self, text: &str) -> Result<Value, i32> {
        self.sources.set_input(text);
        match self.interp.eval_str(text) {
            Ok(v) => Ok(v),
            Err(e) => {
                if e.is_exit() {
                    return Err(exit_status(&e));
                }
                let msg = report(&e, &self.sources, None);
                io::write_stderr(&msg);
                self.set_var("*e", Value::string(msg.trim_end()));
                Err(-1)
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
                if !v.is_nil() {
                    io::write_stdout(&printer::pretty(&v));
                    io::write_stdout("\n");
                }
                io::flush_stdout();
                Step::Continue
            }
            Err(-1) => Step::Continue,
            Err(code) => Step::Quit(code),
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
            "env" => {
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
                    io::write_stdout(&format!("  {} = {}\n", s.name(), printer::repr(&v)));
                }
            }
            "builtins" => {
                let mut names: Vec<&str> = sema_stdlib::names();
                names.sort_unstable();
                names.dedup();
                for chunk in names.chunks(4) {
                    let row: Vec<String> = chunk.iter().map(|n| format!("{n:<28}")).collect();
                    io::write_stdout(&format!("  {}\n", row.join("").trim_end()));
                }
                io::write_stdout(&format!("{} builtin functions\n", names.len()));
            }
            "type" | "time" | "doc" if arg.is_empty() => {
                let what = if name == "doc" { "<name>" } else { "<expr>" };
                io::write_stdout(&format!("Usage: ,{name} {what}\n"));
            }
            "type" => {
                if let Ok(v) = self.eval(arg) {
                    io::write_stdout(&format!(":{}\n", v.type_name()));
                }
            }
            "time" => {
                let start = Instant::now();
                if let Ok(v) = self.eval(arg) {
                    if !v.is_nil() {
                        io::write_stdout(&format!("{}\n", printer::pretty(&v)));
                    }
                    io::write_stderr(&format!("elapsed: {:?}\n", start.elapsed()));
                }
            }
            "doc" => self.doc(arg),
            _ => io::write_stderr(&format!("Unknown command: ,{name} (try ,help)\n")),
        }
        io::flush_stdout();
        Step::Continue
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
            Some(v) if v.as_lambda().is_some() => {
                io::write_stdout(&format!("  {name} : lambda\n"));
            }
            Some(v) => io::write_stdout(&format!(
                "  {name} : {} = {}\n",
                v.type_name(),
                printer::repr(&v)
            )),
        }
    }
}

const SPECIAL_FORMS: &[&str] = &[
    "define",
    "def",
    "defun",
    "defn",
    "set!",
    "lambda",
    "fn",
    "if",
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
    "quote",
    "quasiquote",
    "defmacro",
    "macroexpand",
    "eval",
    "delay",
    "force",
    "define-record-type",
    "defmulti",
    "defmethod",
    "try",
    "throw",
    "module",
    "import",
    "load",
    "export",
];

fn is_special_form(name: &str) -> bool {
    SPECIAL_FORMS.contains(&name)
}

const HELP: &str = "\
Enter Sema expressions; an input may span several lines until its brackets balance.
Commands:
  ,help          this text
  ,quit          leave (also ,exit, ,q, or Ctrl-D)
  ,env           list your definitions
  ,builtins      list the builtin functions
  ,doc NAME      describe a name
  ,type EXPR     print the type of EXPR's value
  ,time EXPR     evaluate EXPR and print the time it took
Variables *1 *2 *3 hold the last results, *e the last error.
";

/// Runs the REPL until `,quit` or end of input; returns the exit status.
pub fn run(interp: &mut Interpreter, quiet: bool) -> i32 {
    interp.set_warn_builtin_redefinition(true);
    for name in ["*1", "*2", "*3"] {
        interp.define(name, Value::NIL);
    }
    let mut session = Session {
        interp,
        sources: Sources::default(),
    };
    if !quiet {
        io::write_stdout(&format!(
            "Sema v{} \u{2014} a Lisp with Scheme roots and Clojure conveniences\nType ,help for help, ,quit to exit\n\n",
            env!("CARGO_PKG_VERSION")
        ));
        io::flush_stdout();
    }
    let code = if std::io::stdin().is_terminal() {
        run_terminal(&mut session)
    } else {
        run_piped(&mut session)
    };
    io::write_stdout("Goodbye!\n");
    io::flush_stdout();
    code
}

fn run_piped(session: &mut Session<'_>) -> i32 {
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(&line);
        if incomplete(&buffer) {
            continue;
        }
        let input = std::mem::take(&mut buffer);
        if let Step::Quit(code) = session.handle(&input) {
            return code;
        }
    }
    if !buffer.trim().is_empty() {
        if let Step::Quit(code) = session.handle(&buffer) {
            return code;
        }
    }
    0
}

fn history_path() -> Option<std::path::PathBuf> {
    let home = std::env::var_os("SEMA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".sema")))?;
    Some(home.join("history.txt"))
}

fn run_terminal(session: &mut Session<'_>) -> i32 {
    let Ok(mut editor) = rustyline::DefaultEditor::new() else {
        return run_piped(session);
    };
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let mut buffer = String::new();
    let code = loop {
        let prompt = if buffer.is_empty() { PROMPT } else { CONTINUE };
        match editor.readline(prompt) {
            Ok(line) => {
                if !buffer.is_empty() {
                    buffer.push('\n');
                }
                buffer.push_str(&line);
                if incomplete(&buffer) {
                    continue;
                }
                let input = std::mem::take(&mut buffer);
                if !input.trim().is_empty() {
                    let _ = editor.add_history_entry(input.as_str());
                }
                if let Step::Quit(code) = session.handle(&input) {
                    break code;
                }
            }
            Err(ReadlineError::Interrupted) => {
                if buffer.is_empty() {
                    break 0;
                }
                io::write_stdout("^C\n");
                buffer.clear();
            }
            Err(_) => break 0,
        }
    };
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(h);
    }
    code
}
