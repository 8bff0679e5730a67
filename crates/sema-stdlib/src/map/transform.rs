//! Whole-map transformations: `map/entries`, `map/from-entries`,
//! `map/map-vals`, `map/map-keys`, `map/filter`, `map/select-keys`,
//! `map/except`, `map/update`, `map/sort-keys`, `map/zip`.
//!
//! Callbacks run once per entry in iteration order (key order for sorted
//! maps). An error from a callback aborts the function and propagates.

use std::rc::Rc;

use sema_core::order::sorted_entries;
use sema_core::{Ctx, Error, Result, Value, View};

use super::{lookup, not_a_map, seq_items, sorted_from, OwnedMap};

/// `(map/entries m)`: `((k v) ...)` in key order, hash maps sorted too.
pub(super) fn entries(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let pair = |k: &Value, v: &Value| Value::list(vec![k.clone(), v.clone()]);
    match args[0].view() {
        View::Map(m) => Ok(Value::list_from(
            m.entries.iter().map(|(k, v)| pair(&k.0, v)),
        )),
        View::HashMap(m) => Ok(Value::list_from(
            sorted_entries(m).into_iter().map(|(k, v)| pair(&k, v)),
        )),
        _ => Err(not_a_map(&args[0])),
    }
}

/// `(map/from-entries seq)`: a sorted map from 2-element lists or vectors.
pub(super) fn from_entries(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let items = seq_items(&args[0], "list or vector")?;
    let mut pairs = Vec::with_capacity(items.len());
    for entry in &items {
        match seq_items(entry, "list or vector")?.as_slice() {
            [k, v] => pairs.push((k.clone(), v.clone())),
            _ => {
                return Err(Error::eval(
                    "map/from-entries: each entry must be a pair (key value)",
                ))
            }
        }
    }
    Ok(sorted_from(pairs))
}

/// Takes the map argument at `idx` out of the slice.
fn take_map(args: &mut [Value], idx: usize) -> Result<OwnedMap> {
    OwnedMap::from_value(std::mem::take(&mut args[idx])).map_err(|v| not_a_map(&v))
}

/// `(map/map-vals f m)`: same keys, values `(f v)`, kind preserved.
pub(super) fn map_vals(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut map = take_map(args, 1)?;
    let f = &args[0];
    match &mut map {
        OwnedMap::Sorted(rc) => {
            for v in Rc::make_mut(rc).entries.values_mut() {
                let old = std::mem::take(v);
                *v = ctx.call(f, &mut [old])?;
            }
        }
        OwnedMap::Hash(rc) => {
            for v in Rc::make_mut(rc).values_mut() {
                let old = std::mem::take(v);
                *v = ctx.call(f, &mut [old])?;
            }
        }
    }
    Ok(map.into_value())
}

/// `(map/map-keys f m)`: keys `(f k)`, values kept, kind preserved; when
/// new keys collide the last one in iteration order wins.
pub(super) fn map_keys(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let map = take_map(args, 1)?;
    let mut out = map.empty_like();
    let f = &args[0];
    for (k, v) in map.into_pairs() {
        let new_key = ctx.call(f, &mut [k])?;
        out.insert(new_key, v);
    }
    Ok(out.into_value())
}

/// `(map/filter pred m)`: entries where `(pred k v)` is truthy, kind preserved.
pub(super) fn filter(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut map = take_map(args, 1)?;
    let pred = &args[0];
    let mut failure: Option<Error> = None;
    let mut keep = |k: &Value, v: &Value| -> bool {
        if failure.is_some() {
            return true;
        }
        match ctx.call(pred, &mut [k.clone(), v.clone()]) {
            Ok(r) => r.is_truthy(),
            Err(e) => {
                failure = Some(e);
                true
            }
        }
    };
    match &mut map {
        OwnedMap::Sorted(rc) => Rc::make_mut(rc).entries.retain(|k, v| keep(&k.0, v)),
        OwnedMap::Hash(rc) => Rc::make_mut(rc).retain(|k, v| keep(k, v)),
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(map.into_value()),
    }
}

/// `(map/select-keys m keys)`: only the listed keys that are present.
pub(super) fn select_keys(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let wanted = seq_items(&args[1], "list")?;
    let map = take_map(args, 0)?;
    let mut out = map.empty_like();
    let source = map.into_value();
    for k in wanted {
        if let Some(Some(v)) = lookup(&source, &k) {
            let v = v.clone();
            out.insert(k, v);
        }
    }
    Ok(out.into_value())
}

/// `(map/except m keys)`: without the listed keys, kind preserved.
pub(super) fn except(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let unwanted = seq_items(&args[1], "list or vector")?;
    let mut map = take_map(args, 0)?;
    for k in &unwanted {
        if map.contains(k) {
            map.remove(k);
        }
    }
    Ok(map.into_value())
}

/// `(map/update m k f)`: k set to `(f current)`, current nil when absent.
/// The current value is moved to `f` when the map is unshared, so nested
/// updates stay in place as well.
pub(super) fn update(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut map = take_map(args, 0)?;
    let key = std::mem::take(&mut args[1]);
    let current = map.take_value(&key).unwrap_or_default();
    let new_value = ctx.call(&args[2], &mut [current])?;
    map.insert(key, new_value);
    Ok(map.into_value())
}

/// `(map/sort-keys m)`: a sorted-map copy (a sorted map is returned as is).
pub(super) fn sort_keys(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match take_map(args, 0)? {
        OwnedMap::Sorted(rc) => Ok(Value::from_rc(rc)),
        hash => Ok(sorted_from(hash.into_pairs())),
    }
}

/// `(map/zip keys vals)`: a sorted map pairing the two sequences up to the
/// shorter length.
pub(super) fn zip(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let keys = seq_items(&args[0], "list or vector")?;
    let vals = seq_items(&args[1], "list or vector")?;
    Ok(sorted_from(keys.into_iter().zip(vals)))
}
