//! List construction and access (spec/stdlib.md §6.1): `list`, `cons`, the
//! `car`/`cdr` family, `nth`, `last`, `length`, `append`, `reverse`, `range`,
//! `iota`, `make-list`, `list/times`, `list/pad`.
//!
//! Lists are immutable cons cells, so `cdr`, `append` (its last argument) and
//! the like share structure instead of copying.

use sema_core::{Ctx, Error, Num, Result, Value, View};

use super::seq::{build_count, checked_len, int_arg, seq_error, unsigned, vec_with_capacity, Seq};

/// `(list v ...)`: a list of the arguments.
pub(crate) fn list(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::list(args.iter_mut().map(std::mem::take).collect()))
}

/// `(cons v tail)`: prepends to a list; a nil tail gives `(v)`; any other
/// tail gives the two-element list `(v tail)` (there are no improper pairs).
pub(crate) fn cons(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let head = std::mem::take(&mut args[0]);
    let tail = std::mem::take(&mut args[1]);
    Ok(if tail.is_list() {
        Value::cons(head, tail)
    } else if tail.is_nil() {
        Value::cons(head, Value::EMPTY_LIST)
    } else {
        Value::list(vec![head, tail])
    })
}

/// The type error of the `car`/`cdr` family (no function name appended, as in
/// the printed example of errors.md §3).
fn not_seq(v: &Value) -> Error {
    Error::type_error("list or vector", v)
}

/// The first element of a list or vector; nil when empty.
fn car_of(v: &Value) -> Result<Value> {
    match v.view() {
        View::Cons(c) => Ok(c.car.clone()),
        View::Empty => Ok(Value::NIL),
        View::Vector(items) => Ok(items.first().cloned().unwrap_or(Value::NIL)),
        _ => Err(not_seq(v)),
    }
}

/// All but the first element: list in, list out (shared); vector in, vector out.
fn cdr_of(v: &Value) -> Result<Value> {
    match v.view() {
        View::Cons(c) => Ok(c.cdr.clone()),
        View::Empty => Ok(Value::EMPTY_LIST),
        View::Vector(items) => Ok(Value::vector(items.get(1..).unwrap_or(&[]).to_vec())),
        _ => Err(not_seq(v)),
    }
}

/// `(car seq)` / `(first seq)`.
pub(crate) fn car(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    car_of(&args[0])
}

/// `(cdr seq)` / `(rest seq)`.
pub(crate) fn cdr(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    cdr_of(&args[0])
}

/// Applies a `c[ad]+r` path: `ops` is the letters between `c` and `r`,
/// applied right to left (`cadr` = car of cdr).
fn cxr(v: &Value, ops: &[u8]) -> Result<Value> {
    let mut cur = v.clone();
    for op in ops.iter().rev() {
        cur = if *op == b'a' {
            car_of(&cur)?
        } else {
            cdr_of(&cur)?
        };
    }
    Ok(cur)
}

macro_rules! cxr_fns {
    ($($name:ident => $ops:literal),* $(,)?) => {
        $(
            #[doc = concat!("`(c", $ops, "r seq)`: composition of car/cdr, read right to left.")]
            pub(crate) fn $name(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
                cxr(&args[0], $ops.as_bytes())
            }
        )*
    };
}

cxr_fns! {
    caar => "aa", cadr => "ad", cdar => "da", cddr => "dd",
    caaar => "aaa", caadr => "aad", cadar => "ada", caddr => "add",
    cdaar => "daa", cdadr => "dad", cddar => "dda", cdddr => "ddd",
}

/// `(nth seq n)`: the element at 0-based index n. A negative n is read as a
/// huge unsigned index, so the error shows e.g. `index 18446744073709551615`.
pub(crate) fn nth(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "nth")?;
    let n = int_arg(&args[1])?;
    if let Some(x) = seq.iter().nth(unsigned(n)) {
        return Ok(x.clone());
    }
    Err(Error::eval(format!(
        "index {} out of bounds (length {})",
        n as u64,
        seq.len()
    )))
}

/// `(last seq)`: the last element, nil if empty.
pub(crate) fn last(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "last")?;
    Ok(match seq {
        Seq::Vector(v) => v.last().cloned(),
        Seq::List(l) => l.list_iter().last().cloned(),
    }
    .unwrap_or(Value::NIL))
}

/// `(length v)`: elements of a list, vector, map, hash map or bytevector;
/// characters of a string.
pub(crate) fn length(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    let n = match v.view() {
        View::Empty => 0,
        View::Cons(_) => v.list_iter().count(),
        View::Vector(items) => items.len(),
        View::String(s) => s.chars().count(),
        View::Map(m) => m.entries.len(),
        View::HashMap(m) => m.len(),
        View::Bytevector(b) => b.len(),
        _ => {
            return Err(Error::type_error(
                "list, vector, string, map, or bytevector",
                v,
            ))
        }
    };
    Ok(Value::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// `(append seq ...)`: concatenation into a list. Every argument but the
/// last is copied; a list in last position becomes the shared tail.
pub(crate) fn append(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((last, init)) = args.split_last() else {
        return Ok(Value::EMPTY_LIST);
    };
    let mut items = Vec::new();
    for a in init {
        items.extend(Seq::of(a, "append")?.iter().cloned());
    }
    let tail = match Seq::of(last, "append")? {
        Seq::List(l) => l.clone(),
        Seq::Vector(v) => {
            items.extend(v.iter().cloned());
            Value::EMPTY_LIST
        }
    };
    Ok(Value::list_with_tail(items, tail))
}

/// `(reverse seq)`: reversed; a vector stays a vector.
pub(crate) fn reverse(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match Seq::of(&args[0], "reverse")? {
        Seq::List(l) => {
            let mut out = Value::EMPTY_LIST;
            for x in l.list_iter() {
                out = Value::cons(x.clone(), out);
            }
            Ok(out)
        }
        Seq::Vector(v) => Ok(Value::vector(v.iter().rev().cloned().collect())),
    }
}

/// Builds the list `f(0) ... f(count-1)` back to front, without a `Vec`.
fn list_by_index(count: usize, f: impl Fn(usize) -> Value) -> Value {
    let mut out = Value::EMPTY_LIST;
    for i in (0..count).rev() {
        out = Value::cons(f(i), out);
    }
    out
}

/// `(range end)`, `(range start end)`, `(range start end step)`: ints from
/// start while `< end` (step > 0) or `> end` (step < 0). More than
/// 2^32 elements is an `:eval` error rather than an aborting allocation.
pub(crate) fn range(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let nums = args.iter().map(int_arg).collect::<Result<Vec<i64>>>()?;
    let (start, end, step) = match nums.as_slice() {
        [end] => (0, *end, 1),
        [start, end] => (*start, *end, 1),
        [start, end, step, ..] => (*start, *end, *step),
        [] => (0, 0, 1),
    };
    if step == 0 {
        return Err(Error::eval("range: step cannot be 0"));
    }
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    let span = if step > 0 { end - start } else { start - end };
    let count = if span <= 0 {
        0
    } else {
        let by = step.abs();
        (span + by - 1) / by
    };
    let count = checked_len(u64::try_from(count).unwrap_or(u64::MAX), "range")?;
    // Every element lies between start and end, so it fits in an i64.
    Ok(list_by_index(count, |i| {
        Value::int((start + step * i as i128) as i64)
    }))
}

/// `(iota count [start [step]])`: `count` numbers from start (default 0) by
/// step (default 1); count ≤ 0 ⇒ `()`. Ints wrap on overflow; a float start
/// or step gives floats.
pub(crate) fn iota(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let count = int_arg(&args[0])?;
    let number = |i: usize, default: i64| -> Result<Num> {
        match args.get(i) {
            Some(v) => v.as_number().ok_or_else(|| Error::type_error("number", v)),
            None => Ok(Num::Int(default)),
        }
    };
    let (start, step) = (number(1, 0)?, number(2, 1)?);
    let count = checked_len(u64::try_from(count).unwrap_or(0), "iota")?;
    Ok(match (start, step) {
        (Num::Int(s), Num::Int(d)) => list_by_index(count, |i| {
            Value::int(s.wrapping_add(d.wrapping_mul(i as i64)))
        }),
        (s, d) => {
            let (s, d) = (s.to_f64(), d.to_f64());
            list_by_index(count, |i| Value::float(s + d * i as f64))
        }
    })
}

/// n copies of v; n < 0 ⇒ `:eval` naming `fname`.
fn repeat(args: &[Value], fname: &str) -> Result<Value> {
    let n = build_count(&args[0], fname)?;
    let v = &args[1];
    Ok(list_by_index(n, |_| v.clone()))
}

/// `(make-list n v)`: n copies of v; n < 0 ⇒ `:eval`.
pub(crate) fn make_list(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    repeat(args, "make-list")
}

/// `(list/repeat n v)`: the same as `make-list` (a separate registration).
pub(crate) fn list_repeat(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    repeat(args, "list/repeat")
}

/// `(list/times n f)`: `((f 0) ... (f n-1))`; n < 0 ⇒ `:eval`.
pub(crate) fn list_times(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = build_count(&args[0], "list/times")?;
    let f = &args[1];
    let mut out = vec_with_capacity(n, "list/times")?;
    for i in 0..n {
        out.push(ctx.call(f, &mut [Value::int(i as i64)])?);
    }
    Ok(Value::list(out))
}

/// `(list/pad seq n v)`: seq padded at the end with v up to length n.
pub(crate) fn list_pad(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::try_of(&args[0]).ok_or_else(|| seq_error(&args[0], "list/pad"))?;
    let n = build_count(&args[1], "list/pad")?;
    let mut items = seq.to_vec();
    if items.len() < n {
        let fill = &args[2];
        items
            .try_reserve_exact(n - items.len())
            .map_err(|_| Error::eval(format!("list/pad: not enough memory for {n} elements")))?;
        items.resize(n, fill.clone());
    }
    Ok(Value::list(items))
}
