//! Every builtin function of Sema, one module per area of spec/stdlib.md.
//!
//! Each module declares a `BUILTINS` table (name, arity, function, doc) and
//! an `ALIASES` table (alias, target). [`install`] binds them all, plus the
//! constants, through a callback, so both backends bind the same natives.
//! [`names`] lists every bound name; a test checks it against the spec.
//!
//! Type-error convention: the sequence functions of spec §6 report a
//! non-sequence as `expected list or vector, got TYPE in NAME` (the §6
//! header), so `:got` is e.g. `"int in map"`; the `car`/`cdr` family does not
//! append the name (the printed example of errors.md §4), and neither does
//! any function outside §6 (`string/join`, `get-in`, `file/write-lines`, ...).

use sema_core::{Arity, Ctx, Result, Sym, Value};

mod util;

mod arith;
mod bitwise;
mod bytevector;
mod chars;
mod compare;
mod console;
mod context;
mod convert;
mod csv;
mod debug;
mod encoding;
mod file;
mod hof;
mod json;
mod list;
mod map;
mod math;
mod path;
mod predicates;
mod regex;
pub mod sandbox;
mod string;
mod system;
mod term;
mod text;
mod time;
mod toml;
mod vector;

pub use system::set_args;

/// The Rust signature of every builtin.
/// The arguments arrive as a mutable slice: a builtin may `std::mem::take` an
/// argument to own it (e.g. to update a uniquely owned map in place).
pub type NativeFnPtr = fn(&mut dyn Ctx, &mut [Value]) -> Result<Value>;

/// One row of a module's builtin table.
pub struct Builtin {
    pub name: &'static str,
    pub arity: Arity,
    pub func: NativeFnPtr,
    /// One line for `,doc`.
    pub doc: &'static str,
}

/// Shorthand constructor for table rows.
pub const fn builtin(
    name: &'static str,
    arity: Arity,
    func: NativeFnPtr,
    doc: &'static str,
) -> Builtin {
    Builtin {
        name,
        arity,
        func,
        doc,
    }
}

type Table = (&'static [Builtin], &'static [(&'static str, &'static str)]);

/// Every module's (builtins, aliases) tables.
fn tables() -> [Table; 27] {
    [
        (arith::BUILTINS, arith::ALIASES),
        (math::BUILTINS, math::ALIASES),
        (compare::BUILTINS, compare::ALIASES),
        (predicates::BUILTINS, predicates::ALIASES),
        (bitwise::BUILTINS, bitwise::ALIASES),
        (list::BUILTINS, list::ALIASES),
        (hof::BUILTINS, hof::ALIASES),
        (vector::BUILTINS, vector::ALIASES),
        (map::BUILTINS, map::ALIASES),
        (string::BUILTINS, string::ALIASES),
        (chars::BUILTINS, chars::ALIASES),
        (convert::BUILTINS, convert::ALIASES),
        (bytevector::BUILTINS, bytevector::ALIASES),
        (console::BUILTINS, console::ALIASES),
        (file::BUILTINS, file::ALIASES),
        (path::BUILTINS, path::ALIASES),
        (debug::BUILTINS, debug::ALIASES),
        (system::BUILTINS, system::ALIASES),
        (regex::BUILTINS, regex::ALIASES),
        (json::BUILTINS, json::ALIASES),
        (csv::BUILTINS, csv::ALIASES),
        (toml::BUILTINS, toml::ALIASES),
        (time::BUILTINS, time::ALIASES),
        (encoding::BUILTINS, encoding::ALIASES),
        (context::BUILTINS, context::ALIASES),
        (text::BUILTINS, text::ALIASES),
        (term::BUILTINS, term::ALIASES),
    ]
}

/// Every builtin row, in table order.
pub fn builtins() -> impl Iterator<Item = &'static Builtin> {
    tables().into_iter().flat_map(|(b, _)| b.iter())
}

/// Finds a builtin row by name (aliases resolved).
pub fn find(name: &str) -> Option<&'static Builtin> {
    let target = tables()
        .into_iter()
        .flat_map(|(_, a)| a.iter())
        .find(|(alias, _)| *alias == name)
        .map(|(_, t)| *t)
        .unwrap_or(name);
    builtins().find(|b| b.name == target)
}

/// The native function value of a builtin row.
pub fn native_value(b: &'static Builtin) -> Value {
    Value::native_fn(b.name, b.arity, b.func)
}

/// The constants bound at start-up.
pub fn constants() -> Vec<(&'static str, Value)> {
    vec![
        ("pi", Value::float(std::f64::consts::PI)),
        ("e", Value::float(std::f64::consts::E)),
        ("math/infinity", Value::float(f64::INFINITY)),
        ("math/nan", Value::float(f64::NAN)),
    ]
}

/// Binds every builtin, alias and constant through `define`. An alias is
/// bound to the very same function value as its target. Under a sandbox
/// policy ([`sandbox::with_policy`]) gated builtins are bound to checking
/// wrappers.
pub fn install(define: &mut dyn FnMut(Sym, Value)) {
    let mut values: rustc_hash::FxHashMap<&'static str, Value> = Default::default();
    for (rows, _) in tables() {
        for b in rows {
            let v = sandbox::install_value(b);
            values.insert(b.name, v.clone());
            define(Sym::intern(b.name), v);
        }
    }
    for (_, aliases) in tables() {
        for (alias, target) in aliases {
            if let Some(v) = values.get(target) {
                define(Sym::intern(alias), v.clone());
            }
        }
    }
    for (name, v) in constants() {
        define(Sym::intern(name), v);
    }
}

/// Every name `install` binds to a function (builtins and aliases).
pub fn names() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = builtins().map(|b| b.name).collect();
    for (_, aliases) in tables() {
        out.extend(aliases.iter().map(|(a, _)| *a));
    }
    out
}

/// Every bound function name (builtins and aliases, not the constants),
/// sorted and without duplicates: what `sema --list-builtins` prints.
pub fn list_builtins() -> Vec<&'static str> {
    let mut out = names();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod testing;
