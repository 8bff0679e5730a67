//! The `hashmap/...` functions. Most accept hash maps only (type error
//! `expected hashmap`); `hashmap/get` also reads sorted maps.

use std::rc::Rc;

use sema_core::value::HashMapObj;
use sema_core::{Ctx, Error, Result, Value, View};

use super::basic::take_pairs;
use super::{lookup, sorted_from, OwnedMap};

fn not_a_hashmap(v: &Value) -> Error {
    Error::type_error("hashmap", v)
}

/// `(hashmap/new k v ...)`: a hash map; later duplicate keys win.
pub(super) fn new(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if !args.len().is_multiple_of(2) {
        return Err(Error::eval(
            "hashmap/new: requires even number of arguments",
        ));
    }
    let mut obj = HashMapObj::with_capacity(args.len() / 2);
    obj.extend(take_pairs(args));
    Ok(Value::hashmap(obj))
}

/// `(hashmap/get m k [default])`: like `get`, for hash maps and sorted maps.
pub(super) fn get(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let found = match lookup(&args[0], &args[1]) {
        Some(found) => found.cloned(),
        None => return Err(not_a_hashmap(&args[0])),
    };
    Ok(match found {
        Some(v) => v,
        None => args.get_mut(2).map(std::mem::take).unwrap_or_default(),
    })
}

/// `(hashmap/assoc hm k v ...)`: like `assoc`, hash maps only; updated in
/// place when the hash map is unshared.
pub(super) fn assoc(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if args.len() < 3 || args.len().is_multiple_of(2) {
        return Err(Error::eval(
            "hashmap/assoc: requires hashmap and even number of key-value pairs",
        ));
    }
    let (first, rest) = args.split_at_mut(1);
    let mut rc = std::mem::take(&mut first[0])
        .into_rc::<HashMapObj>()
        .map_err(|v| not_a_hashmap(&v))?;
    let obj = Rc::make_mut(&mut rc);
    obj.extend(take_pairs(rest));
    Ok(Value::from_rc(rc))
}

/// `(hashmap/keys hm)`: the keys in unspecified order.
pub(super) fn keys(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args[0].view() {
        View::HashMap(m) => Ok(Value::list_from(m.keys())),
        _ => Err(not_a_hashmap(&args[0])),
    }
}

/// `(hashmap/contains? hm k)`.
pub(super) fn contains(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args[0].view() {
        View::HashMap(m) => Ok(Value::bool(m.contains_key(&args[1]))),
        _ => Err(not_a_hashmap(&args[0])),
    }
}

/// `(hashmap/to-map hm)`: a sorted-map copy of a hash map.
pub(super) fn to_map(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if !matches!(args[0].view(), View::HashMap(_)) {
        return Err(not_a_hashmap(&args[0]));
    }
    match OwnedMap::from_value(std::mem::take(&mut args[0])) {
        Ok(map) => Ok(sorted_from(map.into_pairs())),
        Err(v) => Err(not_a_hashmap(&v)),
    }
}
