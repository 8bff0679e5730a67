//! Shared pieces of the fuzz targets: the generators (also used by the
//! proptest smoke tests in crates/sema/tests/smoke_fuzz.rs) and the
//! sandboxed runner.

mod gen;

pub use gen::*;
