//! `sort` and `sort-by` (spec/stdlib.md §6.2): stable sorts returning lists.
//!
//! Without a comparator, elements are ordered by the total value order
//! (`order::compare`), which is safe with the standard library's stable sort.
//! A user comparator can be inconsistent (`(fn (a b) #f)`), can fail, and is
//! called through the evaluator, so it gets its own bottom-up merge sort: it
//! always terminates after O(n log n) calls, never panics, keeps elements it
//! does not call "less" in their original order, and propagates the first
//! error the comparator raises.

use sema_core::order::compare;
use sema_core::{Ctx, Result, Value};

use crate::list::Seq;

/// `(sort seq)` / `(sort seq cmp)`: a stable sort. `(cmp a b)` answering an
/// int < 0 or `#t` means a sorts before b; anything else does not.
pub(crate) fn sort(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "sort")?;
    let mut items = seq.to_vec();
    match args.get(1) {
        None => {
            items.sort_by(compare);
            Ok(Value::list(items))
        }
        Some(cmp) => {
            let order = merge_sort(ctx, cmp, &items)?;
            Ok(Value::list(
                order.into_iter().map(|i| items[i].clone()).collect(),
            ))
        }
    }
}

/// `(sort-by keyf seq)`: a stable sort by `(keyf x)` in the value order; each
/// key is computed once, in element order.
pub(crate) fn sort_by(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let keyf = &args[0];
    let seq = Seq::of(&args[1], "sort-by")?;
    let mut keyed = Vec::new();
    for x in seq.iter() {
        keyed.push((ctx.call(keyf, &mut [x.clone()])?, x.clone()));
    }
    keyed.sort_by(|a, b| compare(&a.0, &b.0));
    Ok(Value::list(keyed.into_iter().map(|(_, x)| x).collect()))
}

/// Whether the comparator puts `a` strictly before `b`: an int result < 0 or
/// `#t`. (`#f`, 0, positive ints and anything else do not.)
fn before(ctx: &mut dyn Ctx, cmp: &Value, a: &Value, b: &Value) -> Result<bool> {
    let r = ctx.call(cmp, &mut [a.clone(), b.clone()])?;
    Ok(match r.as_int() {
        Some(i) => i < 0,
        None => r.as_bool() == Some(true),
    })
}

/// The stable sorted order of `items` under `cmp`, as indices into `items`.
fn merge_sort(ctx: &mut dyn Ctx, cmp: &Value, items: &[Value]) -> Result<Vec<usize>> {
    let n = items.len();
    let mut src: Vec<usize> = (0..n).collect();
    let mut dst: Vec<usize> = vec![0; n];
    let mut width = 1usize;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = lo.saturating_add(width).min(n);
            let hi = mid.saturating_add(width).min(n);
            merge(
                ctx,
                cmp,
                items,
                &src[lo..mid],
                &src[mid..hi],
                &mut dst[lo..hi],
            )?;
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        width = width.saturating_mul(2);
    }
    Ok(src)
}

/// Merges two sorted runs of indices into `out`. An element of the right run
/// goes first only when the comparator says it is strictly before the left
/// one, which keeps equal (or inconsistently compared) elements in order.
fn merge(
    ctx: &mut dyn Ctx,
    cmp: &Value,
    items: &[Value],
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
) -> Result<()> {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_right = match (left.get(i), right.get(j)) {
            (Some(&l), Some(&r)) => before(ctx, cmp, &items[r], &items[l])?,
            (None, _) => true,
            (_, None) => false,
        };
        if take_right {
            *slot = right[j];
            j += 1;
        } else {
            *slot = left[i];
            i += 1;
        }
    }
    Ok(())
}
