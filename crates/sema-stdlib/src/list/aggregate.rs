//! Numeric aggregation and random choice (spec/stdlib.md §6.5): `list/sum`,
//! `list/avg`, `list/median`, `list/mode`, `list/min`, `list/max`,
//! `list/pluck`, `list/join`, `list/shuffle`, `list/pick`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rand::seq::{IndexedRandom, SliceRandom};
use sema_core::number::cmp_num;
use sema_core::printer::write_repr;
use sema_core::value::OrdKey;
use sema_core::{Ctx, Error, Num, Result, Value, View};

use super::seq::Seq;

/// The elements of a sequence as numbers (type error for anything else).
fn numbers(v: &Value, fname: &str) -> Result<Vec<Num>> {
    Seq::of(v, fname)?
        .iter()
        .map(|x| x.as_number().ok_or_else(|| Error::type_error("number", x)))
        .collect()
}

/// The `:eval` error `NAME: empty list`.
fn empty(fname: &str) -> Error {
    Error::eval(format!("{fname}: empty list"))
}

/// `(list/sum seq)`: an int (wrapping) when every element is an int, else
/// the float sum; `()` ⇒ 0.
pub(crate) fn sum(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let nums = numbers(&args[0], "list/sum")?;
    if nums.iter().all(|n| matches!(n, Num::Int(_))) {
        let total = nums.iter().fold(0i64, |acc, n| match n {
            Num::Int(i) => acc.wrapping_add(*i),
            Num::Float(_) => acc,
        });
        Ok(Value::int(total))
    } else {
        Ok(Value::float(nums.iter().map(|n| n.to_f64()).sum()))
    }
}

/// `(list/avg seq)`: the arithmetic mean as a float.
pub(crate) fn avg(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let nums = numbers(&args[0], "list/avg")?;
    if nums.is_empty() {
        return Err(empty("list/avg"));
    }
    let total: f64 = nums.iter().map(|n| n.to_f64()).sum();
    Ok(Value::float(total / nums.len() as f64))
}

/// `(list/median seq)`: the float median (mean of the two middle values for
/// an even length). Numbers are ordered exactly, NaN last.
pub(crate) fn median(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut nums = numbers(&args[0], "list/median")?;
    if nums.is_empty() {
        return Err(empty("list/median"));
    }
    nums.sort_by(|a, b| num_order(*a, *b));
    let mid = nums.len() / 2;
    let m = if nums.len() % 2 == 1 {
        nums[mid].to_f64()
    } else {
        (nums[mid - 1].to_f64() + nums[mid].to_f64()) / 2.0
    };
    Ok(Value::float(m))
}

/// A total order on numbers: exact numeric comparison, NaN after everything.
fn num_order(a: Num, b: Num) -> Ordering {
    let is_nan = |n: Num| matches!(n, Num::Float(f) if f.is_nan());
    cmp_num(a, b).unwrap_or_else(|| is_nan(a).cmp(&is_nan(b)))
}

/// `(list/mode seq)`: the most frequent value; on a tie, a list of the tied
/// values in value order.
pub(crate) fn mode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/mode")?;
    let mut counts: BTreeMap<OrdKey, usize> = BTreeMap::new();
    for x in seq.iter() {
        *counts.entry(OrdKey(x.clone())).or_insert(0) += 1;
    }
    let Some(best) = counts.values().copied().max() else {
        return Err(empty("list/mode"));
    };
    let mut winners: Vec<Value> = counts
        .into_iter()
        .filter(|(_, n)| *n == best)
        .map(|(k, _)| k.0)
        .collect();
    Ok(if winners.len() == 1 {
        winners.pop().unwrap_or_default()
    } else {
        Value::list(winners)
    })
}

/// The numeric extreme: the first element for which no later one compares
/// `better` (so the first occurrence wins ties; NaN never wins).
fn extreme(v: &Value, fname: &str, better: Ordering) -> Result<Value> {
    let seq = Seq::of(v, fname)?;
    let mut best: Option<(Num, &Value)> = None;
    for x in seq.iter() {
        let n = x
            .as_number()
            .ok_or_else(|| Error::type_error("number", x))?;
        match best {
            Some((b, _)) if cmp_num(n, b) != Some(better) => {}
            _ => best = Some((n, x)),
        }
    }
    best.map(|(_, x)| x.clone()).ok_or_else(|| empty(fname))
}

/// `(list/min seq)`: the numeric minimum (first occurrence wins ties).
pub(crate) fn min(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    extreme(&args[0], "list/min", Ordering::Less)
}

/// `(list/max seq)`: the numeric maximum (first occurrence wins ties).
pub(crate) fn max(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    extreme(&args[0], "list/max", Ordering::Greater)
}

/// `(list/pluck k seq)`: each element's value under k if it is a map or
/// hash map, else nil.
pub(crate) fn pluck(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let key = &args[0];
    let seq = Seq::of(&args[1], "list/pluck")?;
    let ord_key = OrdKey(key.clone());
    let out = seq
        .iter()
        .map(|x| {
            match x.view() {
                View::Map(m) => m.entries.get(&ord_key).cloned(),
                View::HashMap(m) => m.get(key).cloned(),
                _ => None,
            }
            .unwrap_or(Value::NIL)
        })
        .collect();
    Ok(Value::list(out))
}

/// `(list/join seq sep [final-sep])`: the reprs of the elements (strings keep
/// their quotes) joined by sep; with final-sep, the last separator is it.
pub(crate) fn join(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/join")?;
    let string = |v: &Value| -> Result<String> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::type_error("string", v))
    };
    let sep = string(&args[1])?;
    let final_sep = match args.get(2) {
        Some(v) => string(v)?,
        None => sep.clone(),
    };
    let count = seq.len();
    let mut out = String::new();
    for (i, x) in seq.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == count { &final_sep } else { &sep });
        }
        write_repr(&mut out, x);
    }
    Ok(Value::string(out))
}

/// `(list/shuffle seq)`: a random permutation, as a list.
pub(crate) fn shuffle(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut items = Seq::of(&args[0], "list/shuffle")?.to_vec();
    items.shuffle(&mut rand::rng());
    Ok(Value::list(items))
}

/// `(list/pick seq)`: a random element.
pub(crate) fn pick(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let seq = Seq::of(&args[0], "list/pick")?;
    let picked = match seq {
        Seq::Vector(v) => v.choose(&mut rand::rng()).cloned(),
        Seq::List(_) => seq.to_vec().choose(&mut rand::rng()).cloned(),
    };
    picked.ok_or_else(|| empty("list/pick"))
}
