//! The `sema` command.

mod cli;

// PERF: mimalloc is faster than the system allocator for the many small,
// short-lived objects (cons cells, strings, closures) Sema programs make:
// hof.sema and 1brc.sema measured in the commit that added it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
