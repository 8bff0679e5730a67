//! Builtins of this stdlib area (see spec/stdlib.md).

use crate::Builtin;

pub(crate) const BUILTINS: &[Builtin] = &[];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

use std::sync::OnceLock;

static ARGS: OnceLock<Vec<String>> = OnceLock::new();

/// Records the raw process arguments that `sys/args` returns (call once, at start-up).
pub fn set_args(args: Vec<String>) {
    let _ = ARGS.set(args);
}

/// The recorded process arguments (empty if `set_args` was never called).
#[allow(dead_code)]
pub(crate) fn args() -> &'static [String] {
    ARGS.get().map(Vec::as_slice).unwrap_or(&[])
}
