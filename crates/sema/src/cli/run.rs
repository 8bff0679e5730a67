//! Running `-l` files, `-e`/`-p` text and FILE in order (spec/cli.md §1.1).

use std::io::Read;
use std::path::Path;

use sema::{printer, Error, ErrorKind, Interpreter};

use super::args::Options;
use super::repl;
use super::report::{report, stderr_color, Sources};

/// What happened to a piece of work: go on, or stop with this exit status.
pub(crate) enum Outcome {
    Continue,
    Stop(i32),
}

/// The exit status for an error that escaped to the top level.
pub(crate) fn exit_status(err: &Error) -> i32 {
    match err.kind() {
        ErrorKind::Exit(code) => *code,
        _ => 1,
    }
}

/// Runs what the options ask for and returns the process exit status.
pub fn run(opts: Options) -> i32 {
    if opts.disasm {
        return disassemble(&opts);
    }
    if opts.list_builtins {
        let mut text = sema_stdlib::list_builtins().join("\n");
        text.push('\n');
        sema_core::io::write_stdout(&text);
        return 0;
    }
    // The VM is the default back end; the tree-walker stays behind a flag.
    let backend = if opts.tree_walker {
        sema::Backend::TreeWalker
    } else {
        sema::Backend::Vm
    };
    let policy = match sandbox_policy(&opts) {
        Ok(p) => p,
        Err(msg) => {
            sema_core::io::write_stderr(&format!("Error: {msg}\n"));
            return 1;
        }
    };
    let max_depth = match opts.max_depth {
        Some(n) => Some(n),
        None => match std::env::var("SEMA_MAX_DEPTH") {
            Ok(text) => match text.trim().parse::<usize>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    sema_core::io::write_stderr(&format!(
                        "Error: SEMA_MAX_DEPTH must be a positive integer, got '{text}'\n"
                    ));
                    return 1;
                }
            },
            Err(_) => None,
        },
    };
    let mut interp = Interpreter::with_policy(backend, &policy);
    if let Some(n) = max_depth {
        interp.set_max_depth(n);
    }
    interp.set_max_steps(opts.max_steps);
    interp.set_timeout(opts.timeout);
    let mut sources = Sources::default();

    for file in &opts.load {
        let prefix = format!("Error loading {file}: ");
        match run_file(&mut interp, &mut sources, file, Some(&prefix)) {
            Outcome::Continue => {}
            Outcome::Stop(code) => return code,
        }
    }

    if let Some(text) = opts.eval.as_deref().or(opts.print.as_deref()) {
        let pretty = opts.eval.is_some();
        sources.set_input(text);
        match interp.eval_str(text) {
            Ok(v) => {
                if pretty {
                    if !v.is_nil() {
                        sema_core::io::write_stdout(&printer::pretty(&v));
                        sema_core::io::write_stdout("\n");
                    }
                } else {
                    sema_core::io::write_stdout(&printer::repr(&v));
                    sema_core::io::write_stdout("\n");
                }
            }
            Err(e) => return fail(&e, &sources, None, None),
        }
    } else if let Some(file) = &opts.file {
        match run_file(&mut interp, &mut sources, file, None) {
            Outcome::Continue => {}
            Outcome::Stop(code) => return code,
        }
    } else {
        return repl::run(&mut interp, opts.quiet);
    }
    if opts.interactive {
        sema_core::io::flush_stdout();
        return repl::run(&mut interp, opts.quiet);
    }
    0
}

/// The sandbox policy `--sandbox` and `--allowed-paths` ask for.
fn sandbox_policy(opts: &Options) -> Result<sema::Policy, String> {
    let mut policy = match &opts.sandbox {
        Some(mode) => sema::Policy::from_mode(mode)?,
        None => sema::Policy::allow_all(),
    };
    if !opts.allowed_paths.is_empty() {
        policy.set_allowed_paths(&opts.allowed_paths)?;
    }
    Ok(policy)
}

/// Reports an uncaught error (unless it is `exit`) and returns the status.
fn fail(err: &Error, sources: &Sources, shown: Option<&str>, prefix: Option<&str>) -> i32 {
    if !err.is_exit() {
        sema_core::io::flush_stdout();
        let mut text = String::new();
        if let Some(p) = prefix {
            text.push_str(p);
        }
        text.push_str(&report(err, sources, shown, stderr_color()));
        sema_core::io::write_stderr(&text);
    }
    exit_status(err)
}

/// Runs one program file (`-` reads the program from stdin).
fn run_file(
    interp: &mut Interpreter,
    sources: &mut Sources,
    shown: &str,
    error_prefix: Option<&str>,
) -> Outcome {
    let text = if shown == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map(|_| s)
            .map_err(|e| e.to_string())
    } else {
        std::fs::read(shown)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| "stream did not contain valid UTF-8".to_string())
            })
    };
    let text = match text {
        Ok(t) => t,
        Err(msg) => {
            sema_core::io::write_stderr(&format!("Error reading {shown}: {msg}\n"));
            return Outcome::Stop(1);
        }
    };
    let file = if shown == "-" {
        None
    } else {
        Some(sema_expand::modules::file_sym(Path::new(shown)))
    };
    match file {
        Some(f) => sources.add(f, &text),
        None => sources.set_input(&text),
    }
    let forms = match sema_reader::read_all(&text, file) {
        Ok(forms) => forms,
        Err(e) => return Outcome::Stop(fail(&e, sources, Some(shown), error_prefix)),
    };
    match interp.run_forms(&forms, file) {
        Ok(_) => Outcome::Continue,
        // A reader error now comes from `load`/`import`/`read`, not from
        // this file, so it is not named as given on the command line.
        Err(e) => Outcome::Stop(fail(&e, sources, None, error_prefix)),
    }
}

/// `--disasm`: prints the bytecode of FILE or of the -e/-p text.
fn disassemble(opts: &Options) -> i32 {
    let text = match (opts.eval.as_deref().or(opts.print.as_deref()), &opts.file) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                sema_core::io::write_stderr(&format!("Error reading {f}: {e}\n"));
                return 1;
            }
        },
        (None, None) => {
            sema_core::io::write_stderr("Error: --disasm needs FILE or -e EXPR\n");
            return 2;
        }
    };
    let mut interp = Interpreter::with_backend(sema::Backend::Vm);
    match interp.disassemble(&text) {
        Ok(listing) => {
            sema_core::io::write_stdout(&listing);
            0
        }
        Err(e) => {
            sema_core::io::write_stderr(&format!("Error: {}\n", e.headline()));
            1
        }
    }
}
