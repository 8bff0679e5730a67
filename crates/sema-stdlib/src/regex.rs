//! Builtins of this stdlib area (see spec/stdlib.md).

use crate::Builtin;

pub(crate) const BUILTINS: &[Builtin] = &[];
pub(crate) const ALIASES: &[(&str, &str)] = &[];
