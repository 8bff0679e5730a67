//! Searching and set-like operations (spec/stdlib.md §6.4): `member`,
//! `list/index-of`, `list/unique`, `list/dedupe`, `list/duplicates`,
//! `list/diff`, `list/intersect`, `frequencies`, `assq`/`assv`.
//!
//! Two notions of "the same": `member`, `list/index-of`, `list/dedupe` and
//! the alist lookups use structural equality (`equal?`); the set-like
//! functions use equality in the total value order (through [`OrdKey`] in
//! B-trees, O(n log n)), which differs only in that NaN equals itself.

use std::collections::{BTreeMap, BTreeSet};

use sema_core::equality::equal;
use sema_core::value::{MapObj, OrdKey};
use sema_core::{Ctx, Result, Value};

use super::seq::Seq;

/// `(member v seq)`: the sublist starting at the first element equal to v
/// (a list's own tail, shared), else `#f`.
pub(crate) fn member(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let needle = &args[0];
    match Seq::of(&args[1], "member")? {
        Seq::List(l) => {
            let mut cur = l;
            while let Some(c) = cur.as_cons() {
                if equal(&c.car, needle) {
                    return Ok(cur.clone());
                }
                cur = &c.cdr;
            }
            Ok(Value::FALSE)
        }
        Seq::Vector(v) => Ok(match v.iter().position(|x| equal(x, needle)) {
            Some(i) => Value::list(v[i..].to_vec()),
            None => Value::FALSE,
        }),
    }
}

/// `(list/index-of seq v)`: index of the first element equal to v, or nil.
pub(crate) fn index_of(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/index-of")?;
    let needle = &args[1];
    Ok(match seq.iter().position(|x| equal(x, needle)) {
        Some(i) => Value::int(i as i64),
        None => Value::NIL,
    })
}

/// `(list/unique seq)`: first occurrences only, in original order.
pub(crate) fn unique(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/unique")?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for x in seq.iter() {
        if seen.insert(OrdKey(x.clone())) {
            out.push(x.clone());
        }
    }
    Ok(Value::list(out))
}

/// `(list/dedupe seq)`: removes consecutive duplicates only.
pub(crate) fn dedupe(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/dedupe")?;
    let mut out: Vec<Value> = Vec::new();
    for x in seq.iter() {
        if out.last().is_none_or(|prev| !equal(prev, x)) {
            out.push(x.clone());
        }
    }
    Ok(Value::list(out))
}

/// Occurrence counts by value-order class; the key is the first occurrence.
fn counts(seq: Seq<'_>) -> BTreeMap<OrdKey, i64> {
    let mut counts = BTreeMap::new();
    for x in seq.iter() {
        *counts.entry(OrdKey(x.clone())).or_insert(0i64) += 1;
    }
    counts
}

/// `(list/duplicates seq)`: the distinct values occurring more than once, in
/// value order.
pub(crate) fn duplicates(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/duplicates")?;
    Ok(Value::list(
        counts(seq)
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(k, _)| k.0)
            .collect(),
    ))
}

/// The elements of `args[0]` kept (with repetitions, in order) when their
/// presence in `args[1]` is `keep_present`.
fn filter_by_membership(args: &[Value], fname: &str, keep_present: bool) -> Result<Value> {
    let xs = Seq::of(&args[0], fname)?;
    let ys = Seq::of(&args[1], fname)?;
    let set: BTreeSet<OrdKey> = ys.iter().map(|y| OrdKey(y.clone())).collect();
    let mut out = Vec::new();
    for x in xs.iter() {
        // OrdKey borrows nothing, so probing needs an owned key; a clone of a
        // Value is a refcount bump.
        if set.contains(&OrdKey(x.clone())) == keep_present {
            out.push(x.clone());
        }
    }
    Ok(Value::list(out))
}

/// `(list/diff a b)`: elements of a not present in b.
pub(crate) fn diff(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    filter_by_membership(args, "list/diff", false)
}

/// `(list/intersect a b)`: elements of a present in b.
pub(crate) fn intersect(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    filter_by_membership(args, "list/intersect", true)
}

/// `(frequencies seq)`: a sorted map from each value to its count.
pub(crate) fn frequencies(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "frequencies")?;
    let entries = counts(seq)
        .into_iter()
        .map(|(k, n)| (k, Value::int(n)))
        .collect();
    Ok(Value::map(MapObj { entries }))
}

/// Looks k up in an alist: the first element that is a non-empty list whose
/// head equals k, else `#f`.
fn alist_lookup(args: &[Value], fname: &str) -> Result<Value> {
    let key = &args[0];
    let alist = Seq::of(&args[1], fname)?;
    for entry in alist.iter() {
        if entry.car().is_some_and(|head| equal(head, key)) {
            return Ok(entry.clone());
        }
    }
    Ok(Value::FALSE)
}

/// `(assq k alist)`.
pub(crate) fn assq(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    alist_lookup(args, "assq")
}

/// `(assv k alist)`: identical to `assq`.
pub(crate) fn assv(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    alist_lookup(args, "assv")
}
