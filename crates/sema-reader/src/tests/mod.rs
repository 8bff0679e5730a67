//! Unit tests of the reader: every example of reader.md (what it reads as,
//! and every error with its line:column), plus property tests.

mod atoms;
mod compound;
mod errors;
mod props;

use sema_core::printer::repr;
use sema_core::{Error, ErrorKind, Value};

use crate::{read_all, read_one};

/// The reprs of all forms of `src`, separated by single spaces.
fn all(src: &str) -> String {
    match read_all(src, None) {
        Ok(forms) => forms.iter().map(repr).collect::<Vec<_>>().join(" "),
        Err(e) => panic!("{src:?} failed: {e}"),
    }
}

/// The repr of the first form of `src` (`read`).
fn one(src: &str) -> String {
    match read_one(src) {
        Ok(v) => repr(&v),
        Err(e) => panic!("{src:?} failed: {e}"),
    }
}

/// The only form of `src`.
fn value(src: &str) -> Value {
    let forms = read_all(src, None).unwrap_or_else(|e| panic!("{src:?} failed: {e}"));
    assert_eq!(forms.len(), 1, "{src:?}");
    forms.into_iter().next().unwrap_or(Value::NIL)
}

/// `Reader error at L:C: MESSAGE` for a read-many that must fail.
fn err(src: &str) -> String {
    match read_all(src, None) {
        Ok(forms) => panic!("{src:?} read as {forms:?}"),
        Err(e) => headline(&e),
    }
}

/// The same for `read`.
fn err_one(src: &str) -> String {
    match read_one(src) {
        Ok(v) => panic!("{src:?} read as {v:?}"),
        Err(e) => headline(&e),
    }
}

fn headline(e: &Error) -> String {
    assert!(matches!(e.kind(), ErrorKind::Reader { .. }), "{e}");
    e.headline()
}
