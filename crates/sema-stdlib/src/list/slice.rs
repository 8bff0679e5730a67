//! Slicing and reshaping (spec/stdlib.md §6.3): `take`, `drop`,
//! `list/split-at`, `list/chunk`, `list/sliding`, `list/page`, `flatten`,
//! `flatten-deep`, `zip`, `list/interleave`, `interpose`, `list/cross-join`.
//!
//! Negative counts behave as the reference's huge unsigned counts
//! ([`unsigned`]); results are lists, and a list's tail is shared when a
//! result ends with it (`drop`, the suffix of `list/split-at`).

use sema_core::{Ctx, Error, Result, Value};

use super::seq::{checked_len, int_arg, unsigned, vec_with_capacity, Seq, SeqIter};

/// `(take n seq)`: the first n elements; negative n ⇒ the whole sequence.
pub(crate) fn take(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = unsigned(int_arg(&args[0])?);
    let seq = Seq::of(&args[1], "take")?;
    let mut it = seq.iter();
    let prefix: Vec<Value> = it.by_ref().take(k).cloned().collect();
    match seq {
        // Nothing left over: the list itself is the answer, shared.
        Seq::List(l) if it.next().is_none() => Ok(l.clone()),
        _ => Ok(Value::list(prefix)),
    }
}

/// `(drop n seq)`: all but the first n elements; negative n ⇒ `()`.
pub(crate) fn drop(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = unsigned(int_arg(&args[0])?);
    Ok(Seq::of(&args[1], "drop")?.list_after(k))
}

/// `(list/split-at seq n)`: `(prefix suffix)` split at min(n, length);
/// negative n ⇒ `(whole ())`.
pub(crate) fn split_at(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/split-at")?;
    let k = unsigned(int_arg(&args[1])?);
    let prefix = Value::list(seq.iter().take(k).cloned().collect());
    Ok(Value::list(vec![prefix, seq.list_after(k)]))
}

/// `(list/chunk n seq)`: consecutive chunks of n (the last may be shorter);
/// negative n ⇒ one chunk; 0 ⇒ `:eval` error.
pub(crate) fn chunk(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = int_arg(&args[0])?;
    let seq = Seq::of(&args[1], "list/chunk")?;
    if n == 0 {
        return Err(Error::eval("list/chunk: chunk size must be positive"));
    }
    let size = unsigned(n);
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    for x in seq.iter() {
        current.push(x.clone());
        if current.len() == size {
            chunks.push(Value::list(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        chunks.push(Value::list(current));
    }
    Ok(Value::list(chunks))
}

/// `(list/sliding seq size [step])`: windows of exactly `size` elements
/// starting at 0, step apart (default 1); incomplete windows are dropped.
pub(crate) fn sliding(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/sliding")?;
    let size = int_arg(&args[1])?;
    let step = match args.get(2) {
        Some(v) => int_arg(v)?,
        None => 1,
    };
    if size == 0 {
        return Err(Error::eval("list/sliding: size must be positive"));
    }
    if step == 0 {
        return Err(Error::eval("list/sliding: step must be positive"));
    }
    let (size, step) = (unsigned(size), unsigned(step));
    let items = seq.to_vec();
    // Bound the total output (windows × size), which can grow quadratically.
    let windows_count = if size > items.len() {
        0
    } else {
        (items.len() - size) / step + 1
    };
    checked_len(
        (windows_count as u64).saturating_mul(size as u64),
        "list/sliding",
    )?;
    let mut windows = Vec::new();
    let mut start = 0usize;
    while let Some(window) = start
        .checked_add(size)
        .and_then(|end| items.get(start..end))
    {
        windows.push(Value::list(window.to_vec()));
        match start.checked_add(step) {
            Some(next) => start = next,
            None => break,
        }
    }
    Ok(Value::list(windows))
}

/// `(list/page seq page per-page)`: the 1-based page
/// `[(page-1)*per, page*per)`; beyond the end ⇒ `()`.
pub(crate) fn page(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/page")?;
    let page = int_arg(&args[1])?;
    let per = unsigned(int_arg(&args[2])?);
    if page < 1 {
        return Err(Error::eval("list/page: page must be >= 1"));
    }
    let start = unsigned(page - 1).saturating_mul(per);
    Ok(Value::list(
        seq.iter().skip(start).take(per).cloned().collect(),
    ))
}

/// `(flatten seq)`: removes one level of nesting: list and vector elements
/// are spliced, others kept.
pub(crate) fn flatten(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "flatten")?;
    let mut out = Vec::new();
    for x in seq.iter() {
        match Seq::try_of(x) {
            Some(inner) => out.extend(inner.iter().cloned()),
            None => out.push(x.clone()),
        }
    }
    Ok(Value::list(out))
}

/// `(flatten-deep v)`: every nested list/vector flattened, at any depth; a
/// non-sequence argument ⇒ `(v)`. Uses an explicit stack, so deep nesting
/// cannot overflow the native stack.
pub(crate) fn flatten_deep(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    let Some(seq) = Seq::try_of(v) else {
        return Ok(Value::list(vec![v.clone()]));
    };
    let mut out = Vec::new();
    let mut stack: Vec<SeqIter<'_>> = vec![seq.iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(x) => match Seq::try_of(x) {
                Some(inner) => stack.push(inner.iter()),
                None => out.push(x.clone()),
            },
            None => {
                stack.pop();
            }
        }
    }
    Ok(Value::list(out))
}

/// Iterators over every argument, each checked to be a sequence.
fn seq_iters<'a>(args: &'a [Value], fname: &str) -> Result<Vec<SeqIter<'a>>> {
    args.iter()
        .map(|a| Seq::of(a, fname).map(Seq::iter))
        .collect()
}

/// The next element of every iterator, or `None` once any is exhausted.
fn next_row(iters: &mut [SeqIter<'_>]) -> Option<Vec<Value>> {
    iters.iter_mut().map(|it| it.next().cloned()).collect()
}

/// `(zip seq seq ...)`: one list per index, as long as the shortest input.
pub(crate) fn zip(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut iters = seq_iters(args, "zip")?;
    let mut out = Vec::new();
    while let Some(row) = next_row(&mut iters) {
        out.push(Value::list(row));
    }
    Ok(Value::list(out))
}

/// `(list/interleave seq seq ...)`: `a1 b1 a2 b2 ...` up to the shortest length.
pub(crate) fn interleave(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut iters = seq_iters(args, "list/interleave")?;
    let mut out = Vec::new();
    while let Some(row) = next_row(&mut iters) {
        out.extend(row);
    }
    Ok(Value::list(out))
}

/// `(interpose sep seq)`: the elements with sep between them.
pub(crate) fn interpose(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let sep = &args[0];
    let seq = Seq::of(&args[1], "interpose")?;
    let mut out = Vec::new();
    for (i, x) in seq.iter().enumerate() {
        if i > 0 {
            out.push(sep.clone());
        }
        out.push(x.clone());
    }
    Ok(Value::list(out))
}

/// `(list/cross-join a b)`: every pair `(x y)`, x-major.
pub(crate) fn cross_join(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let xs = Seq::of(&args[0], "list/cross-join")?;
    let ys = Seq::of(&args[1], "list/cross-join")?;
    let total = (xs.len() as u64).saturating_mul(ys.len() as u64);
    let mut out = vec_with_capacity(checked_len(total, "list/cross-join")?, "list/cross-join")?;
    for x in xs.iter() {
        for y in ys.iter() {
            out.push(Value::list(vec![x.clone(), y.clone()]));
        }
    }
    Ok(Value::list(out))
}
