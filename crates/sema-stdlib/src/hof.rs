//! Higher-order sequence functions (spec/stdlib.md §6.2).
//!
//! Callbacks may be lambdas, natives, keywords or multimethods; all are
//! invoked through `Ctx::call`, left to right, once per element (functions
//! that stop early, like `any`, skip the rest). An error from a callback
//! aborts the builtin and propagates unchanged. Inputs are iterated in
//! place; results are built in a `Vec` and turned into a list once.

mod sort;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use sema_core::value::{MapObj, OrdKey};
use sema_core::Arity::{AtLeast, Exact, Range};
use sema_core::{Ctx, Error, ListBuilder, Result, Value};

use crate::list::{seq_error, Seq};
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "map",
        AtLeast(2),
        map,
        "list of (f x ...) over one or more sequences, up to the shortest",
    ),
    builtin(
        "for-each",
        Exact(2),
        for_each,
        "call f on each element; returns nil",
    ),
    builtin(
        "filter",
        Exact(2),
        filter,
        "elements for which pred is truthy",
    ),
    builtin(
        "list/reject",
        Exact(2),
        reject,
        "elements for which pred is falsy",
    ),
    builtin("foldl", Exact(3), foldl, "fold from the left: (f acc x)"),
    builtin("foldr", Exact(3), foldr, "fold from the right: (f x acc)"),
    builtin(
        "reduce",
        Exact(2),
        reduce,
        "foldl seeded with the first element",
    ),
    builtin(
        "apply",
        AtLeast(2),
        apply,
        "call f with leading args and the elements of the last",
    ),
    builtin(
        "flat-map",
        Exact(2),
        flat_map,
        "map, splicing sequence results",
    ),
    builtin(
        "any",
        Exact(2),
        any,
        "#t if pred is truthy for some element",
    ),
    builtin(
        "every",
        Exact(2),
        every,
        "#t if pred is truthy for every element",
    ),
    builtin("partition", Exact(2), partition, "(matching non-matching)"),
    builtin(
        "take-while",
        Exact(2),
        take_while,
        "longest prefix satisfying pred",
    ),
    builtin(
        "list/take-while",
        Exact(2),
        take_while,
        "longest prefix satisfying pred",
    ),
    builtin(
        "drop-while",
        Exact(2),
        drop_while,
        "rest after the longest prefix satisfying pred",
    ),
    builtin(
        "list/drop-while",
        Exact(2),
        drop_while,
        "rest after the longest prefix satisfying pred",
    ),
    builtin(
        "list/find",
        Exact(2),
        find,
        "first element satisfying pred, or nil",
    ),
    builtin(
        "list/sole",
        Exact(2),
        sole,
        "the single element satisfying pred",
    ),
    builtin(
        "list/group-by",
        Exact(2),
        group_by,
        "sorted map from (f x) to the elements with that key",
    ),
    builtin(
        "list/key-by",
        Exact(2),
        key_by,
        "sorted map from (f x) to x; later elements win",
    ),
    builtin("tap", Exact(2), tap, "call (f v) for effect and return v"),
    builtin(
        "sort",
        Range(1, 2),
        sort::sort,
        "stable sort, by the value order or a comparator",
    ),
    builtin(
        "sort-by",
        Exact(2),
        sort::sort_by,
        "stable sort by (keyf x) in the value order",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("mapcar", "map"),
    ("fold", "foldl"),
    ("some?", "any"),
    ("any?", "any"),
    ("every?", "every"),
];

/// `(f x)`.
#[inline]
fn call1(ctx: &mut dyn Ctx, f: &Value, x: &Value) -> Result<Value> {
    ctx.call(f, &mut [x.clone()])
}

/// Whether `(pred x)` is truthy.
#[inline]
fn test(ctx: &mut dyn Ctx, pred: &Value, x: &Value) -> Result<bool> {
    Ok(call1(ctx, pred, x)?.is_truthy())
}

/// `(map f seq ...)`: `(f x)` for each element; with several sequences f
/// gets one element of each, stopping at the shortest.
pub(crate) fn map(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((f, seqs)) = args.split_first() else {
        return Ok(Value::EMPTY_LIST);
    };
    if let [only] = seqs {
        // PERF: the one-sequence case is the benchmarked one; no per-element Vec.
        let seq = Seq::of(only, "map")?;
        let mut out = ListBuilder::new();
        for x in seq.iter() {
            out.push(call1(ctx, f, x)?);
        }
        return Ok(out.finish());
    }
    let mut iters = seqs
        .iter()
        .map(|s| Seq::of(s, "map").map(Seq::iter))
        .collect::<Result<Vec<_>>>()?;
    let mut out = Vec::new();
    loop {
        let row: Option<Vec<Value>> = iters.iter_mut().map(|it| it.next().cloned()).collect();
        let Some(mut row) = row else { break };
        out.push(ctx.call(f, &mut row)?);
    }
    Ok(Value::list(out))
}

/// `(for-each f seq)`: calls f on each element; returns nil.
pub(crate) fn for_each(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let f = &args[0];
    for x in Seq::of(&args[1], "for-each")?.iter() {
        call1(ctx, f, x)?;
    }
    Ok(Value::NIL)
}

/// The elements whose `(pred x)` truthiness equals `keep`.
fn select(ctx: &mut dyn Ctx, args: &[Value], fname: &str, keep: bool) -> Result<Value> {
    let pred = &args[0];
    let mut out = ListBuilder::new();
    for x in Seq::of(&args[1], fname)?.iter() {
        if test(ctx, pred, x)? == keep {
            out.push(x.clone());
        }
    }
    Ok(out.finish())
}

/// `(filter pred seq)`: the elements with a truthy `(pred x)`.
pub(crate) fn filter(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    select(ctx, args, "filter", true)
}

/// `(list/reject pred seq)`: the elements with a falsy `(pred x)`.
pub(crate) fn reject(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    select(ctx, args, "list/reject", false)
}

/// `(foldl f init seq)`: `(f (f init x1) x2) ...`, accumulator first.
pub(crate) fn foldl(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut acc = std::mem::take(&mut args[1]);
    let f = &args[0];
    for x in Seq::of(&args[2], "foldl")?.iter() {
        acc = ctx.call(f, &mut [acc, x.clone()])?;
    }
    Ok(acc)
}

/// `(foldr f init seq)`: `(f x1 (f x2 ... (f xn init)))`, element first.
pub(crate) fn foldr(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut acc = std::mem::take(&mut args[1]);
    let f = &args[0];
    let seq = Seq::of(&args[2], "foldr")?;
    let items: Vec<&Value> = seq.iter().collect();
    for x in items.into_iter().rev() {
        acc = ctx.call(f, &mut [x.clone(), acc])?;
    }
    Ok(acc)
}

/// `(reduce f seq)`: foldl seeded with the first element.
pub(crate) fn reduce(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let f = &args[0];
    let mut it = Seq::of(&args[1], "reduce")?.iter();
    let Some(first) = it.next() else {
        return Err(Error::eval("reduce: empty list"));
    };
    let mut acc = first.clone();
    for x in it {
        acc = ctx.call(f, &mut [acc, x.clone()])?;
    }
    Ok(acc)
}

/// `(apply f arg ... seq)`: calls f with the leading args followed by the
/// elements of the last argument, which must be a list or vector.
pub(crate) fn apply(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((last, init)) = args.split_last_mut() else {
        return Ok(Value::NIL);
    };
    let Some((f, leading)) = init.split_first_mut() else {
        return Err(seq_error(last, "apply"));
    };
    let spread = Seq::try_of(last).ok_or_else(|| seq_error(last, "apply"))?;
    let mut call_args: Vec<Value> = leading.iter_mut().map(std::mem::take).collect();
    call_args.extend(spread.iter().cloned());
    let f = std::mem::take(f);
    ctx.call(&f, &mut call_args)
}

/// `(flat-map f seq)`: the concatenated results; a list or vector result is
/// spliced, anything else is added as one element.
pub(crate) fn flat_map(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let f = &args[0];
    let mut out = Vec::new();
    for x in Seq::of(&args[1], "flat-map")?.iter() {
        let r = call1(ctx, f, x)?;
        match Seq::try_of(&r) {
            Some(inner) => out.extend(inner.iter().cloned()),
            None => out.push(r),
        }
    }
    Ok(Value::list(out))
}

/// The first element whose `(pred x)` is truthy (stops there).
fn find_first<'a>(ctx: &mut dyn Ctx, pred: &Value, seq: Seq<'a>) -> Result<Option<&'a Value>> {
    for x in seq.iter() {
        if test(ctx, pred, x)? {
            return Ok(Some(x));
        }
    }
    Ok(None)
}

/// `(any pred seq)`: `#t` if some `(pred x)` is truthy (stops early).
pub(crate) fn any(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[1], "any")?;
    Ok(Value::bool(find_first(ctx, &args[0], seq)?.is_some()))
}

/// `(every pred seq)`: `#t` if every `(pred x)` is truthy (stops early).
pub(crate) fn every(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let pred = &args[0];
    for x in Seq::of(&args[1], "every")?.iter() {
        if !test(ctx, pred, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// `(partition pred seq)`: `(matching non-matching)`.
pub(crate) fn partition(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let pred = &args[0];
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for x in Seq::of(&args[1], "partition")?.iter() {
        if test(ctx, pred, x)? {
            yes.push(x.clone());
        } else {
            no.push(x.clone());
        }
    }
    Ok(Value::list(vec![Value::list(yes), Value::list(no)]))
}

/// The length of the longest prefix satisfying pred.
fn prefix_len(ctx: &mut dyn Ctx, pred: &Value, seq: Seq<'_>) -> Result<usize> {
    let mut n = 0;
    for x in seq.iter() {
        if !test(ctx, pred, x)? {
            break;
        }
        n += 1;
    }
    Ok(n)
}

/// `(take-while pred seq)`: the longest prefix satisfying pred.
pub(crate) fn take_while(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[1], "take-while")?;
    let n = prefix_len(ctx, &args[0], seq)?;
    Ok(Value::list(seq.iter().take(n).cloned().collect()))
}

/// `(drop-while pred seq)`: what follows that prefix (a list's tail is shared).
pub(crate) fn drop_while(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[1], "drop-while")?;
    let n = prefix_len(ctx, &args[0], seq)?;
    Ok(seq.list_after(n))
}

/// `(list/find pred seq)`: the first element satisfying pred, or nil.
pub(crate) fn find(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[1], "list/find")?;
    Ok(find_first(ctx, &args[0], seq)?
        .cloned()
        .unwrap_or(Value::NIL))
}

/// `(list/sole pred seq)`: the single element satisfying pred; an `:eval`
/// error when none does or (as soon as a second one is found) several do.
pub(crate) fn sole(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let pred = &args[0];
    let mut found: Option<&Value> = None;
    for x in Seq::of(&args[1], "list/sole")?.iter() {
        if test(ctx, pred, x)? {
            if found.is_some() {
                return Err(Error::eval("list/sole: more than one matching item"));
            }
            found = Some(x);
        }
    }
    found
        .cloned()
        .ok_or_else(|| Error::eval("list/sole: no matching item"))
}

/// `(list/group-by f seq)`: a sorted map from `(f x)` to the list of
/// elements with that key, in original order.
pub(crate) fn group_by(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let f = &args[0];
    let mut groups: BTreeMap<OrdKey, Vec<Value>> = BTreeMap::new();
    for x in Seq::of(&args[1], "list/group-by")?.iter() {
        let key = call1(ctx, f, x)?;
        groups.entry(OrdKey(key)).or_default().push(x.clone());
    }
    let entries = groups
        .into_iter()
        .map(|(k, xs)| (k, Value::list(xs)))
        .collect();
    Ok(Value::map(MapObj { entries }))
}

/// `(list/key-by f seq)`: a sorted map from `(f x)` to x; later elements win.
pub(crate) fn key_by(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let f = &args[0];
    let mut entries = BTreeMap::new();
    for x in Seq::of(&args[1], "list/key-by")?.iter() {
        let key = call1(ctx, f, x)?;
        entries.insert(OrdKey(key), x.clone());
    }
    Ok(Value::map(MapObj { entries }))
}

/// `(tap v f)`: calls `(f v)`, ignores the result, returns v.
pub(crate) fn tap(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    call1(ctx, &args[1], &args[0])?;
    Ok(std::mem::take(&mut args[0]))
}
