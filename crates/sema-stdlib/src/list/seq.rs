//! Borrowed access to a list or vector argument without copying it, plus the
//! count rules the sequence builtins share (negative counts, allocation cap).
//!
//! Invariant: a [`Seq`] borrows the argument value, so iterating it clones
//! only the elements a builtin keeps, never the whole input.

use sema_core::value::ListIter;
use sema_core::{Error, Result, Value};

/// The largest number of elements a builtin builds from a user-supplied count
/// (`make-list`, `list/times`, `list/pad`, `range`, `iota`): 2^26 (a list
/// that long takes about 3 GB). Anything larger is an `:eval` error instead
/// of an allocation that would exhaust memory (with overcommit, Linux kills
/// the process, or another one, rather than failing the allocation) (spec
/// [FIX]).
pub(crate) const MAX_BUILD_LEN: u64 = 1 << 26;

/// A list or vector argument, borrowed.
#[derive(Clone, Copy)]
pub(crate) enum Seq<'a> {
    /// The empty list or a cons cell.
    List(&'a Value),
    Vector(&'a [Value]),
}

impl<'a> Seq<'a> {
    /// The sequence in `v`, or the type error
    /// `expected list or vector, got TYPE in NAME`.
    pub(crate) fn of(v: &'a Value, fname: &str) -> Result<Seq<'a>> {
        Seq::try_of(v).ok_or_else(|| seq_error(v, fname))
    }

    /// The sequence in `v`, if it is a list or vector.
    #[inline]
    pub(crate) fn try_of(v: &'a Value) -> Option<Seq<'a>> {
        if v.is_list() {
            Some(Seq::List(v))
        } else {
            v.as_vector().map(Seq::Vector)
        }
    }

    /// The elements, first to last.
    #[inline]
    pub(crate) fn iter(self) -> SeqIter<'a> {
        match self {
            Seq::List(l) => SeqIter::List(l.list_iter()),
            Seq::Vector(v) => SeqIter::Vector(v.iter()),
        }
    }

    /// The number of elements (walks a list, without allocating).
    pub(crate) fn len(self) -> usize {
        match self {
            Seq::List(l) => l.list_iter().count(),
            Seq::Vector(v) => v.len(),
        }
    }

    /// The elements cloned into a `Vec`.
    pub(crate) fn to_vec(self) -> Vec<Value> {
        match self {
            Seq::List(l) => l.list_iter().cloned().collect(),
            Seq::Vector(v) => v.to_vec(),
        }
    }

    /// The elements after the first `n` as a list: a list's own tail is
    /// shared (no copy); a vector's elements are copied into a new list.
    pub(crate) fn list_after(self, n: usize) -> Value {
        match self {
            Seq::List(l) => {
                let mut cur = l;
                for _ in 0..n {
                    match cur.cdr() {
                        Some(next) => cur = next,
                        None => break,
                    }
                }
                cur.clone()
            }
            Seq::Vector(v) => Value::list(v.get(n..).unwrap_or(&[]).to_vec()),
        }
    }
}

/// Iterator over the elements of a [`Seq`].
pub(crate) enum SeqIter<'a> {
    List(ListIter<'a>),
    Vector(std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for SeqIter<'a> {
    type Item = &'a Value;

    #[inline]
    fn next(&mut self) -> Option<&'a Value> {
        match self {
            SeqIter::List(it) => it.next(),
            SeqIter::Vector(it) => it.next(),
        }
    }

    /// Skips in O(1) on vectors (`nth`, `list-tail`, ... rely on it).
    #[inline]
    fn nth(&mut self, n: usize) -> Option<&'a Value> {
        match self {
            SeqIter::List(it) => it.nth(n),
            SeqIter::Vector(it) => it.nth(n),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            SeqIter::List(_) => (0, None),
            SeqIter::Vector(it) => it.size_hint(),
        }
    }
}

/// The type error `expected list or vector, got TYPE in NAME`.
pub(crate) fn seq_error(v: &Value, fname: &str) -> Error {
    Error::type_error_names("list or vector", format!("{} in {fname}", v.type_name()))
}

/// An int argument.
pub(crate) fn int_arg(v: &Value) -> Result<i64> {
    v.as_int().ok_or_else(|| Error::type_error("int", v))
}

/// A count or index as the reference reads it: a negative int is taken as its
/// two's-complement unsigned value, i.e. a huge number (spec §6 notes).
pub(crate) fn unsigned(n: i64) -> usize {
    usize::try_from(n as u64).unwrap_or(usize::MAX)
}

/// A count of elements to build: negative ⇒ `:eval` error (spec [FIX]), above
/// [`MAX_BUILD_LEN`] ⇒ `:eval` error.
pub(crate) fn build_count(v: &Value, fname: &str) -> Result<usize> {
    let n = int_arg(v)?;
    if n < 0 {
        return Err(Error::eval(format!(
            "{fname}: expected a non-negative integer, got {n}"
        )));
    }
    checked_len(n as u64, fname)
}

/// `n` as a length if it is at most [`MAX_BUILD_LEN`], else an `:eval` error.
pub(crate) fn checked_len(n: u64, fname: &str) -> Result<usize> {
    if n > MAX_BUILD_LEN {
        return Err(Error::eval(format!(
            "{fname}: {n} elements is too many (limit {MAX_BUILD_LEN})"
        )));
    }
    usize::try_from(n).map_err(|_| Error::eval(format!("{fname}: {n} elements is too many")))
}

/// An empty `Vec` with room for `n` values, or an `:eval` error when the
/// memory cannot be had (instead of aborting the process).
pub(crate) fn vec_with_capacity(n: usize, fname: &str) -> Result<Vec<Value>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| Error::eval(format!("{fname}: not enough memory for {n} elements")))?;
    Ok(v)
}
