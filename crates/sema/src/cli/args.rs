//! Command-line options (spec/cli.md §1).

use clap::Parser;

/// Sema: a Lisp with Scheme roots and Clojure conveniences.
#[derive(Parser, Debug)]
#[command(
    name = "sema",
    version,
    about = "Run Sema programs, evaluate expressions, or start a REPL",
    after_help = "Examples:\n  sema script.sema -- input.txt   run a file with script arguments\n  sema -e '(+ 1 2)'               evaluate and print the result\n  sema                            start the REPL"
)]
pub struct Options {
    /// Program file to run
    pub file: Option<String>,

    /// Arguments for the script (after --); the script reads them from (sys/args)
    #[arg(last = true)]
    pub script_args: Vec<String>,

    /// Evaluate EXPR and print its value unless it is nil
    #[arg(
        short = 'e',
        long = "eval",
        value_name = "EXPR",
        conflicts_with = "print"
    )]
    pub eval: Option<String>,

    /// Evaluate EXPR and print its value on one line (nil too)
    #[arg(short = 'p', long = "print", value_name = "EXPR")]
    pub print: Option<String>,

    /// Run FILE first (repeatable, in order)
    #[arg(short = 'l', long = "load", value_name = "FILE", action = clap::ArgAction::Append)]
    pub load: Vec<String>,

    /// Start the REPL after running FILE / -e / -p
    #[arg(short = 'i', long = "interactive")]
    pub interactive: bool,

    /// Do not print the REPL banner
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,

    /// Run on the bytecode VM (the default)
    #[arg(long = "vm")]
    pub vm: bool,

    /// Run on the tree-walking evaluator (the executable specification)
    #[arg(long = "tree-walker", conflicts_with = "vm")]
    pub tree_walker: bool,

    /// Limit on nested (non-tail) calls (default 1000000, or $SEMA_MAX_DEPTH)
    #[arg(long = "max-depth", value_name = "N")]
    pub max_depth: Option<usize>,

    /// Limit each evaluation to N steps (calls and loop iterations)
    #[arg(long = "max-steps", value_name = "N")]
    pub max_steps: Option<u64>,

    /// Limit each evaluation's wall-clock time (seconds, fractions allowed)
    #[arg(long = "timeout", value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<std::time::Duration>,

    /// Deny capabilities: strict, all, or a list like no-shell,no-network
    #[arg(long = "sandbox", value_name = "MODE")]
    pub sandbox: Option<String>,

    /// Confine file access to these directories (comma-separated)
    #[arg(long = "allowed-paths", value_name = "DIR,...", value_delimiter = ',')]
    pub allowed_paths: Vec<String>,

    /// Accepted for compatibility; no effect
    #[arg(long = "no-init", hide = true)]
    pub no_init: bool,

    /// Accepted for compatibility; no effect
    #[arg(long = "no-llm", hide = true)]
    pub no_llm: bool,

    /// Print the name of every builtin function, one per line, and exit
    #[arg(long = "list-builtins")]
    pub list_builtins: bool,

    /// Print the VM bytecode of FILE (or of -e EXPR) instead of running it
    #[arg(long = "disasm")]
    pub disasm: bool,
}

/// Parses a `--timeout` value: a finite, non-negative number of seconds.
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    std::time::Duration::try_from_secs_f64(secs)
        .map_err(|_| format!("'{s}' is not a valid number of seconds"))
}
