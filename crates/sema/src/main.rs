//! The `sema` command.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
