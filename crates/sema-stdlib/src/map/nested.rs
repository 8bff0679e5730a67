//! Nested access and update: `get-in`, `assoc-in`, `update-in`, `deep-merge`.
//!
//! Paths are walked iteratively, so a path of any length runs in constant
//! native stack. `deep-merge` recurses over the nesting of the maps being
//! merged and does so through `sema_core::with_stack`.

use std::collections::btree_map::Entry;
use std::rc::Rc;

use sema_core::value::{MapObj, OrdKey};
use sema_core::{with_stack, Ctx, Result, Value};

use super::{empty_sorted, is_map, lookup, put_or_create, seq_items, OwnedMap};

/// `(get-in m path [default])`. Follows the keys through maps and hash
/// maps (vectors are not indexed). Reaching a non-map before the path ends
/// gives the default (or nil); a nil result with a default given gives the
/// default; an empty path gives m (or the default when m is nil).
pub(super) fn get_in(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = seq_items(&args[1], "list or vector")?;
    let default = args.get_mut(2).map(std::mem::take);
    let mut current = std::mem::take(&mut args[0]);
    for key in &path {
        let next = match lookup(&current, key) {
            Some(found) => found.cloned().unwrap_or_default(),
            None => return Ok(default.unwrap_or_default()),
        };
        current = next;
    }
    match default {
        Some(d) if current.is_nil() => Ok(d),
        _ => Ok(current),
    }
}

/// `(assoc-in m path v)`: v set at path; missing or non-map levels become
/// sorted maps, existing hash-map levels stay hash maps; empty path ⇒ v.
pub(super) fn assoc_in(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = seq_items(&args[1], "list or vector")?;
    let value = std::mem::take(&mut args[2]);
    if path.is_empty() {
        return Ok(value);
    }
    let root = std::mem::take(&mut args[0]);
    update_path(ctx, root, &path, |_, _| Ok(value))
}

/// `(update-in m path f)`: like `assoc-in` with `(f old-or-nil)`; an empty
/// path calls `(f m)`.
pub(super) fn update_in(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = seq_items(&args[1], "list or vector")?;
    let root = std::mem::take(&mut args[0]);
    let f = std::mem::take(&mut args[2]);
    if path.is_empty() {
        return ctx.call(&f, &mut [root]);
    }
    update_path(ctx, root, &path, |ctx, old| ctx.call(&f, &mut [old]))
}

/// Moves the value under `key` out of `container` if it is a map (a shared
/// map keeps its value and hands out a clone); nil when absent or when
/// `container` is not a map. Returns the container and the value.
fn descend(container: Value, key: &Value) -> (Value, Value) {
    match OwnedMap::from_value(container) {
        Ok(mut map) => {
            let child = map.take_value(key).unwrap_or_default();
            (map.into_value(), child)
        }
        Err(other) => (other, Value::NIL),
    }
}

/// Replaces the value at the non-empty `path` in `root` by `leaf(old)`,
/// rebuilding the levels on the way back up. Unshared levels are updated in
/// place; shared ones are copied once.
fn update_path(
    ctx: &mut dyn Ctx,
    root: Value,
    path: &[Value],
    leaf: impl FnOnce(&mut dyn Ctx, Value) -> Result<Value>,
) -> Result<Value> {
    let mut containers = Vec::with_capacity(path.len());
    let mut current = root;
    for key in path {
        let (container, child) = descend(current, key);
        containers.push(container);
        current = child;
    }
    let mut value = leaf(ctx, current)?;
    for (container, key) in containers.into_iter().zip(path).rev() {
        value = put_or_create(container, key.clone(), value);
    }
    Ok(value)
}

/// `(deep-merge m ...)`: left-to-right merge where two maps under the same
/// key are merged recursively and anything else is replaced by the right
/// value. Merged levels become sorted maps; a non-map on either side yields
/// the right-hand value. `(deep-merge)` ⇒ `{}`; one argument is returned as is.
pub(super) fn deep_merge(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((first, rest)) = args.split_first_mut() else {
        return Ok(empty_sorted());
    };
    let mut acc = std::mem::take(first);
    for other in rest.iter_mut() {
        acc = merge_two(acc, std::mem::take(other));
    }
    Ok(acc)
}

/// Deep-merges `overlay` into `base` (see [`deep_merge`]).
fn merge_two(base: Value, overlay: Value) -> Value {
    if !is_map(&base) || !is_map(&overlay) {
        return overlay;
    }
    let mut result: Rc<MapObj> = match base.into_rc::<MapObj>() {
        Ok(rc) => rc,
        Err(hash) => match OwnedMap::from_value(hash) {
            Ok(map) => Rc::new(MapObj {
                entries: map
                    .into_pairs()
                    .into_iter()
                    .map(|(k, v)| (OrdKey(k), v))
                    .collect(),
            }),
            Err(_) => return overlay,
        },
    };
    let pairs = match OwnedMap::from_value(overlay) {
        Ok(map) => map.into_pairs(),
        Err(other) => return other,
    };
    let entries = &mut Rc::make_mut(&mut result).entries;
    for (k, v) in pairs {
        match entries.entry(OrdKey(k)) {
            Entry::Vacant(slot) => {
                slot.insert(v);
            }
            Entry::Occupied(mut slot) => {
                let merged = if is_map(slot.get()) && is_map(&v) {
                    let old = std::mem::take(slot.get_mut());
                    with_stack(|| merge_two(old, v))
                } else {
                    v
                };
                *slot.get_mut() = merged;
            }
        }
    }
    Value::from_rc(result)
}
