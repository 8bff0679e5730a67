//! The command-line interface: options, running programs, the REPL and
//! error reports. See spec/cli.md.

mod args;
mod editor;
mod repl;
mod report;
mod run;

use clap::Parser;

/// Native stack for the interpreter thread. Deep recursion beyond it moves to
/// extra stack segments; a big first stack avoids doing that at small depths.
const INTERPRETER_STACK: usize = 1 << 30;

/// Runs the CLI and returns the process exit status.
pub fn main() -> i32 {
    let raw: Vec<String> = std::env::args().collect();
    let opts = match args::Options::try_parse_from(&raw) {
        Ok(o) => o,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let worker = std::thread::Builder::new()
        .name("sema".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || {
            sema_stdlib::set_args(raw);
            let code = run::run(opts);
            sema_core::io::flush_stdout();
            code
        });
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            sema_core::io::flush_stdout();
            eprintln!("Error: internal error (the interpreter thread stopped unexpectedly)");
            70
        }
    }
}
