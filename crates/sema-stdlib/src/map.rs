//! Maps and hash maps (spec/stdlib.md §8).
//!
//! Sorted maps are `MapObj` (a `BTreeMap` keyed by the total value order),
//! hash maps are `HashMapObj` (structural hashing). "Type preserved"
//! functions return the kind of map they were given.
//!
//! Copy-on-write: the functions that return an updated map (`assoc`, `dissoc`,
//! `hashmap/assoc`, `map/update`, `merge`, and the nested and bulk updates)
//! take their map argument out of the argument slice and mutate it in place
//! when nobody else holds it (`Rc::make_mut` clones only a shared map). So
//! `(assoc m k v)` on a uniquely owned `m` costs one insertion, not a copy.

use std::collections::BTreeMap;
use std::rc::Rc;

use sema_core::value::{HashMapObj, MapObj, OrdKey};
use sema_core::{Arity, Result, Value, View};

use crate::{builtin, Builtin};

mod basic;
mod hashmap;
mod nested;
mod transform;

#[cfg(test)]
mod tests;

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "hash-map",
        Arity::AtLeast(0),
        basic::hash_map,
        "sorted map of the key/value pairs",
    ),
    builtin(
        "get",
        Arity::Range(2, 3),
        basic::get,
        "value under a key, else the default (nil)",
    ),
    builtin(
        "assoc",
        Arity::AtLeast(0),
        basic::assoc,
        "map with key/value pairs added; with (key alist), alist lookup",
    ),
    builtin(
        "dissoc",
        Arity::AtLeast(2),
        basic::dissoc,
        "map without the given keys",
    ),
    builtin(
        "keys",
        Arity::Exact(1),
        basic::keys,
        "list of the keys of a map",
    ),
    builtin(
        "vals",
        Arity::Exact(1),
        basic::vals,
        "list of the values of a map",
    ),
    builtin(
        "merge",
        Arity::AtLeast(0),
        basic::merge,
        "left-to-right merge of maps, later wins",
    ),
    builtin(
        "contains?",
        Arity::Exact(2),
        basic::contains,
        "does the map hold the key?",
    ),
    builtin(
        "count",
        Arity::Exact(1),
        basic::count,
        "size of a collection; nil counts 0",
    ),
    builtin(
        "empty?",
        Arity::Exact(1),
        basic::is_empty,
        "is the collection empty? (nil is)",
    ),
    builtin(
        "map/entries",
        Arity::Exact(1),
        transform::entries,
        "list of (key value) pairs in key order",
    ),
    builtin(
        "map/from-entries",
        Arity::Exact(1),
        transform::from_entries,
        "sorted map from a sequence of (key value) pairs",
    ),
    builtin(
        "map/map-vals",
        Arity::Exact(2),
        transform::map_vals,
        "map with (f v) for each value",
    ),
    builtin(
        "map/map-keys",
        Arity::Exact(2),
        transform::map_keys,
        "map with (f k) for each key",
    ),
    builtin(
        "map/filter",
        Arity::Exact(2),
        transform::filter,
        "entries for which (pred k v) is truthy",
    ),
    builtin(
        "map/select-keys",
        Arity::Exact(2),
        transform::select_keys,
        "only the listed keys that are present",
    ),
    builtin(
        "map/except",
        Arity::Exact(2),
        transform::except,
        "map without the listed keys",
    ),
    builtin(
        "map/update",
        Arity::Exact(3),
        transform::update,
        "map with k set to (f current)",
    ),
    builtin(
        "map/sort-keys",
        Arity::Exact(1),
        transform::sort_keys,
        "sorted-map copy",
    ),
    builtin(
        "map/zip",
        Arity::Exact(2),
        transform::zip,
        "sorted map pairing keys with values",
    ),
    builtin(
        "get-in",
        Arity::Range(2, 3),
        nested::get_in,
        "value at a path of keys",
    ),
    builtin(
        "assoc-in",
        Arity::Exact(3),
        nested::assoc_in,
        "map with a value set at a path",
    ),
    builtin(
        "update-in",
        Arity::Exact(3),
        nested::update_in,
        "map with (f old) set at a path",
    ),
    builtin(
        "deep-merge",
        Arity::AtLeast(0),
        nested::deep_merge,
        "recursive merge of maps",
    ),
    builtin(
        "hashmap/new",
        Arity::AtLeast(0),
        hashmap::new,
        "hash map of the key/value pairs",
    ),
    builtin(
        "hashmap/get",
        Arity::Range(2, 3),
        hashmap::get,
        "value under a key, else default",
    ),
    builtin(
        "hashmap/assoc",
        Arity::AtLeast(0),
        hashmap::assoc,
        "hash map with pairs added",
    ),
    builtin(
        "hashmap/keys",
        Arity::Exact(1),
        hashmap::keys,
        "list of the keys of a hash map",
    ),
    builtin(
        "hashmap/contains?",
        Arity::Exact(2),
        hashmap::contains,
        "does it hold the key?",
    ),
    builtin(
        "hashmap/to-map",
        Arity::Exact(1),
        hashmap::to_map,
        "sorted-map copy of a hash map",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("hash-ref", "get"),
    ("map/new", "hash-map"),
    ("map/deep-merge", "deep-merge"),
    ("map/get-in", "get-in"),
    ("map/assoc-in", "assoc-in"),
    ("map/update-in", "update-in"),
];

/// The type error every generic map function raises for a non-map.
fn not_a_map(v: &Value) -> sema_core::Error {
    sema_core::Error::type_error("map or hashmap", v)
}

/// Is `v` a sorted map or a hash map?
fn is_map(v: &Value) -> bool {
    matches!(v.view(), View::Map(_) | View::HashMap(_))
}

/// Looks `k` up in a map: `None` if `m` is not a map, `Some(None)` if the
/// key is absent.
fn lookup<'a>(m: &'a Value, k: &Value) -> Option<Option<&'a Value>> {
    match m.view() {
        View::Map(obj) => Some(obj.entries.get(&OrdKey(k.clone()))),
        View::HashMap(obj) => Some(obj.get(k)),
        _ => None,
    }
}

/// Builds a sorted map from owned pairs; later duplicates win.
fn sorted_from(pairs: impl IntoIterator<Item = (Value, Value)>) -> Value {
    let mut entries = BTreeMap::new();
    for (k, v) in pairs {
        entries.insert(OrdKey(k), v);
    }
    Value::map(MapObj { entries })
}

/// An empty sorted map.
fn empty_sorted() -> Value {
    Value::map(MapObj::default())
}

/// An owned map of either kind, updated in place when unshared.
///
/// `Rc::make_mut` on the inner `Rc` clones the map only when another value
/// still points to it; a uniquely owned map is mutated where it lies.
enum OwnedMap {
    Sorted(Rc<MapObj>),
    Hash(Rc<HashMapObj>),
}

impl OwnedMap {
    /// Takes ownership of a map value; gives the value back if it is not a map.
    fn from_value(v: Value) -> std::result::Result<OwnedMap, Value> {
        match v.into_rc::<MapObj>() {
            Ok(rc) => Ok(OwnedMap::Sorted(rc)),
            Err(v) => v.into_rc::<HashMapObj>().map(OwnedMap::Hash),
        }
    }

    /// A new, empty map of the same kind.
    fn empty_like(&self) -> OwnedMap {
        match self {
            OwnedMap::Sorted(_) => OwnedMap::Sorted(Rc::new(MapObj::default())),
            OwnedMap::Hash(_) => OwnedMap::Hash(Rc::new(HashMapObj::default())),
        }
    }

    fn into_value(self) -> Value {
        match self {
            OwnedMap::Sorted(rc) => Value::from_rc(rc),
            OwnedMap::Hash(rc) => Value::from_rc(rc),
        }
    }

    fn len(&self) -> usize {
        match self {
            OwnedMap::Sorted(m) => m.entries.len(),
            OwnedMap::Hash(m) => m.len(),
        }
    }

    fn contains(&self, k: &Value) -> bool {
        match self {
            OwnedMap::Sorted(m) => m.entries.contains_key(&OrdKey(k.clone())),
            OwnedMap::Hash(m) => m.contains_key(k),
        }
    }

    /// Adds or replaces an entry (an existing key object is kept).
    fn insert(&mut self, k: Value, v: Value) {
        match self {
            OwnedMap::Sorted(m) => {
                Rc::make_mut(m).entries.insert(OrdKey(k), v);
            }
            OwnedMap::Hash(m) => {
                Rc::make_mut(m).insert(k, v);
            }
        }
    }

    fn remove(&mut self, k: &Value) {
        match self {
            OwnedMap::Sorted(m) => {
                Rc::make_mut(m).entries.remove(&OrdKey(k.clone()));
            }
            OwnedMap::Hash(m) => {
                Rc::make_mut(m).remove(k);
            }
        }
    }

    /// Removes the value under `k` and returns it, leaving the key in place
    /// with `nil`: the caller stores a new value there afterwards. Moving the
    /// value out keeps it uniquely owned, so it can be updated in place too.
    /// A shared map is not copied for this; the value is cloned instead.
    fn take_value(&mut self, k: &Value) -> Option<Value> {
        match self {
            OwnedMap::Sorted(m) => match Rc::get_mut(m) {
                Some(obj) => obj.entries.get_mut(&OrdKey(k.clone())).map(std::mem::take),
                None => m.entries.get(&OrdKey(k.clone())).cloned(),
            },
            OwnedMap::Hash(m) => match Rc::get_mut(m) {
                Some(obj) => obj.take(k),
                None => m.get(k).cloned(),
            },
        }
    }

    /// Adds every entry of another map, moving them out of it when it is
    /// unshared. Fails (giving the value back) if `other` is not a map.
    fn extend_from(&mut self, other: Value) -> std::result::Result<(), Value> {
        if self.len() == 0 && self.same_kind(&other) {
            // Merging into an empty map of the same kind: adopt the other.
            *self = OwnedMap::from_value(other)?;
            return Ok(());
        }
        for (k, v) in OwnedMap::from_value(other)?.into_pairs() {
            self.insert(k, v);
        }
        Ok(())
    }

    /// The entries, moved out when the map is unshared (key order for
    /// sorted maps, iteration order for hash maps).
    fn into_pairs(self) -> Vec<(Value, Value)> {
        match self {
            OwnedMap::Sorted(rc) => match Rc::try_unwrap(rc) {
                Ok(obj) => obj.entries.into_iter().map(|(k, v)| (k.0, v)).collect(),
                Err(rc) => rc
                    .entries
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone()))
                    .collect(),
            },
            OwnedMap::Hash(rc) => match Rc::try_unwrap(rc) {
                Ok(obj) => obj.into_iter().collect(),
                Err(rc) => rc.iter().map(|(k, v)| (k, v.clone())).collect(),
            },
        }
    }

    fn same_kind(&self, v: &Value) -> bool {
        matches!(
            (self, v.view()),
            (OwnedMap::Sorted(_), View::Map(_)) | (OwnedMap::Hash(_), View::HashMap(_))
        )
    }
}

/// Inserts `k ⇒ v` into the map `m` (in place when unshared); a non-map `m`
/// is replaced by a new sorted map holding just that entry.
fn put_or_create(m: Value, k: Value, v: Value) -> Value {
    match OwnedMap::from_value(m) {
        Ok(mut owned) => {
            owned.insert(k, v);
            owned.into_value()
        }
        Err(_) => sorted_from([(k, v)]),
    }
}

/// The elements of a list or vector, or the type error `expected EXPECTED, got TYPE`.
fn seq_items(v: &Value, expected: &str) -> Result<Vec<Value>> {
    v.seq_to_vec()
        .ok_or_else(|| sema_core::Error::type_error(expected, v))
}
