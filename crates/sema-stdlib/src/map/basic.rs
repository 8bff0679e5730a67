//! Construction, lookup and update of maps: `hash-map`, `get`, `assoc`,
//! `dissoc`, `keys`, `vals`, `merge`, `contains?`, `count`, `empty?`.
//!
//! The updating functions take the map out of the argument slice so that a
//! uniquely owned map is changed in place (see the module docs in map.rs).

use sema_core::equality::equal;
use sema_core::value::OrdKey;
use sema_core::{Ctx, Error, Result, Value, View};

use super::{lookup, not_a_map, sorted_from, OwnedMap};

/// `(hash-map k v ...)`: a **sorted** map despite the name [QUIRK].
pub(super) fn hash_map(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if !args.len().is_multiple_of(2) {
        return Err(Error::eval("hash-map: requires even number of arguments"));
    }
    Ok(sorted_from(take_pairs(args)))
}

/// Moves the values of `args` out as consecutive (key, value) pairs.
pub(super) fn take_pairs(args: &mut [Value]) -> impl Iterator<Item = (Value, Value)> + '_ {
    args.chunks_exact_mut(2).map(|pair| match pair {
        [k, v] => (std::mem::take(k), std::mem::take(v)),
        _ => (Value::NIL, Value::NIL),
    })
}

/// `(get m k [default])`: the default is used only when the key is absent.
pub(super) fn get(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let key = std::mem::take(&mut args[1]);
    let found = match args[0].view() {
        View::Map(m) => m.entries.get(&OrdKey(key)).cloned(),
        View::HashMap(m) => m.get(&key).cloned(),
        _ => {
            let err = not_a_map(&args[0]);
            return Err(if args[0].is_list() || args[0].as_vector().is_some() {
                err.with_hint("get works on maps; use (nth coll i) to index a list or vector")
            } else {
                err
            });
        }
    };
    Ok(match found {
        Some(v) => v,
        None => args.get_mut(2).map(std::mem::take).unwrap_or_default(),
    })
}

/// `(assoc m k v ...)`, or with exactly two arguments and a list second,
/// the Scheme alist lookup `(assoc k alist)`.
pub(super) fn assoc(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if let [key, alist] = &*args {
        if alist.is_list() {
            return Ok(alist_lookup(key, alist));
        }
    }
    if args.len() < 3 || args.len().is_multiple_of(2) {
        return Err(Error::eval(
            "assoc: requires (key alist) or (map key val ...)",
        ));
    }
    let (first, rest) = args.split_at_mut(1);
    let mut map = OwnedMap::from_value(std::mem::take(&mut first[0])).map_err(|v| not_a_map(&v))?;
    for (k, v) in take_pairs(rest) {
        map.insert(k, v);
    }
    Ok(map.into_value())
}

/// The first element of `alist` that is a non-empty list whose head is
/// structurally equal to `key`, else `#f`.
fn alist_lookup(key: &Value, alist: &Value) -> Value {
    alist
        .list_iter()
        .find(|item| item.car().is_some_and(|head| equal(head, key)))
        .cloned()
        .unwrap_or(Value::FALSE)
}

/// `(dissoc m k ...)`: absent keys are ignored; a map holding none of the
/// keys is returned as it is (no copy even when shared).
pub(super) fn dissoc(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (first, keys) = args.split_at_mut(1);
    let mut map = OwnedMap::from_value(std::mem::take(&mut first[0])).map_err(|v| not_a_map(&v))?;
    for k in keys.iter() {
        if map.contains(k) {
            map.remove(k);
        }
    }
    Ok(map.into_value())
}

/// `(keys m)`: key order for sorted maps, iteration order for hash maps.
pub(super) fn keys(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args[0].view() {
        View::Map(m) => Ok(Value::list_from(m.entries.keys().map(|k| k.0.clone()))),
        View::HashMap(m) => Ok(Value::list_from(m.keys())),
        _ => Err(not_a_map(&args[0])),
    }
}

/// `(vals m)`: in the same order as `keys`.
pub(super) fn vals(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args[0].view() {
        View::Map(m) => Ok(Value::list_from(m.entries.values().cloned())),
        View::HashMap(m) => Ok(Value::list_from(m.values().cloned())),
        _ => Err(not_a_map(&args[0])),
    }
}

/// `(merge m ...)`: later maps win; the result has the first map's kind.
/// `(merge)` is `{}`. Every argument must be a map (nil included in the check).
pub(super) fn merge(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((first, rest)) = args.split_first_mut() else {
        return Ok(sorted_from([]));
    };
    let mut map = OwnedMap::from_value(std::mem::take(first)).map_err(|v| not_a_map(&v))?;
    for other in rest.iter_mut() {
        map.extend_from(std::mem::take(other))
            .map_err(|v| not_a_map(&v))?;
    }
    Ok(map.into_value())
}

/// `(contains? m k)`.
pub(super) fn contains(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match lookup(&args[0], &args[1]) {
        Some(found) => Ok(Value::bool(found.is_some())),
        None => Err(not_a_map(&args[0])),
    }
}

/// The size `count` reports, or `None` for a value that is not a collection.
fn collection_len(v: &Value) -> Option<usize> {
    Some(match v.view() {
        View::Nil | View::Empty => 0,
        View::Cons(_) => v.list_len(),
        View::Vector(xs) => xs.len(),
        View::String(s) => s.chars().count(),
        View::Map(m) => m.entries.len(),
        View::HashMap(m) => m.len(),
        _ => return None,
    })
}

/// `(count v)`: maps, hash maps, lists, vectors, strings (characters); nil is 0.
pub(super) fn count(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = collection_len(&args[0]).ok_or_else(|| Error::type_error("collection", &args[0]))?;
    Ok(Value::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// `(empty? v)`: the same types as `count`; nil is empty.
pub(super) fn is_empty(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let empty = match args[0].view() {
        View::Cons(_) => false,
        View::String(s) => s.is_empty(),
        _ => {
            collection_len(&args[0]).ok_or_else(|| Error::type_error("collection", &args[0]))? == 0
        }
    };
    Ok(Value::bool(empty))
}
