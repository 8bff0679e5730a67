//! The hash map object (`hashmap/new`): an array part for dense small int
//! keys and a hash part for every other key, as Lua tables have.
//!
//! A map whose keys are mostly the ints `0..n` keeps their values in a plain
//! vector indexed by the key: a lookup is a bounds check and a load, with no
//! hashing, and the entries take 8 bytes each instead of a hash table slot.
//! Every other key (strings, keywords, negative or large ints, floats, ...)
//! lives in the hash part, a `HashMap` keyed by structural equality.
//!
//! Invariants:
//! - `dense[i]` is the value under the int key `i`, or `Value::UNDEFINED`
//!   for a hole (no entry). `UNDEFINED` is the VM's internal "no value yet"
//!   marker and never reaches a program, so it is never a stored value; if
//!   one is inserted anyway, the map moves every entry to the hash part and
//!   stops using the array part (`no_dense`), so the marker stays unambiguous.
//! - No key of the hash part is an int in `0..dense.len()`: each key has
//!   exactly one place to look. Only the inline ints `0..DENSE_LIMIT` are
//!   candidates for the array part; they are the keys equal (by structural
//!   equality) to nothing but themselves, so `2.0` never finds `2`.
//! - `dense_count` counts the non-holes of `dense`, `hash_ints` the keys of
//!   the hash part that are candidates.
//!
//! Sizing follows Lua's `rehash`/`computesizes`, with a lower density: when
//! the hash part has doubled since the last check (at hash sizes 1, 2, 4,
//! ..., the points where Lua's power-of-two node part is full) and a new key
//! arrives, count the candidate keys by bit length and pick the largest
//! `n = 2^i` such that more than `n / 4` of the keys `0..n` are present (the
//! new key included); the candidate keys below `n` move into the array. Lua
//! asks for `n / 2`; a quarter measured better here (the hashmap benchmark,
//! a permutation of `0..10^6` inserted in order, moves to the array part
//! sooner: 46 MB peak RSS instead of 57 MB, and ~10% less time), because an
//! array slot costs 8 bytes against ~24 for a hash entry. A key equal to the
//! array length is appended directly while the array stays more than half
//! full. Holes left by removals are not reclaimed on the spot (as in Lua):
//! the array is only shrunk at such a check if it has become at most a
//! quarter full, and freed when its last entry is removed, so it never holds
//! more than four times the peak number of its entries.

use std::collections::hash_map;
use std::collections::HashMap;
use std::iter::Enumerate;
use std::mem;

use rustc_hash::FxBuildHasher;

use super::heap::HashKey;
use super::Value;

/// Int keys `0..DENSE_LIMIT` may live in the array part.
const DENSE_LIMIT: usize = 1 << 31;
/// Bit lengths of the candidate keys: 0 (for the key 0) to 31.
const DENSE_BITS: usize = 31;

/// A hash map (`hashmap/new`), with structural key equality. See the module
/// documentation for the representation.
#[derive(Clone, Default)]
pub struct HashMapObj {
    /// Values of the int keys `0..dense.len()`; `UNDEFINED` marks a hole.
    dense: Vec<Value>,
    /// Number of entries (non-holes) in `dense`.
    dense_count: usize,
    /// Every key that is not in the array part.
    hash: HashMap<HashKey, Value, FxBuildHasher>,
    /// Number of keys in `hash` that are ints in `0..DENSE_LIMIT`.
    hash_ints: usize,
    /// A new key inserted into the hash part when it holds at least this
    /// many entries triggers a sizing check.
    check_at: usize,
    /// Set when an `UNDEFINED` value was stored: the array part stays empty.
    no_dense: bool,
}

/// The array index of a key that may live in the array part.
#[inline(always)]
fn dense_index(key: &Value) -> Option<usize> {
    let i = key.as_small_int()?;
    usize::try_from(i).ok().filter(|&i| i < DENSE_LIMIT)
}

/// The key of array slot `i`.
#[inline(always)]
fn int_key(i: usize) -> Value {
    Value::int(i as i64)
}

/// The number of bits of `i` (0 for 0): the keys `0..2^b` have at most `b`.
fn bit_len(i: usize) -> usize {
    (usize::BITS - i.leading_zeros()) as usize
}

impl HashMapObj {
    /// An empty map.
    pub fn new() -> HashMapObj {
        HashMapObj::default()
    }

    /// An empty map with room for `n` entries in its hash part.
    pub fn with_capacity(n: usize) -> HashMapObj {
        HashMapObj {
            hash: HashMap::with_capacity_and_hasher(n, FxBuildHasher),
            ..HashMapObj::default()
        }
    }

    /// The number of entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.dense_count + self.hash.len()
    }

    /// Does the map have no entries?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value under `key`, if any.
    #[inline]
    pub fn get(&self, key: &Value) -> Option<&Value> {
        if let Some(i) = key.as_small_int() {
            if let Some(v) = usize::try_from(i).ok().and_then(|i| self.dense.get(i)) {
                return (!v.is_undefined()).then_some(v);
            }
        }
        if self.hash.is_empty() {
            return None;
        }
        self.hash.get(&HashKey(key.clone()))
    }

    /// Is there an entry under `key`?
    #[inline]
    pub fn contains_key(&self, key: &Value) -> bool {
        self.get(key).is_some()
    }

    /// Adds or replaces the entry under `key`; returns the value it replaced.
    /// When the key was present, the key object already in the map is kept.
    #[inline]
    pub fn insert(&mut self, key: Value, value: Value) -> Option<Value> {
        if value.is_undefined() {
            return self.insert_undefined(key, value);
        }
        match dense_index(&key) {
            Some(i) => {
                if let Some(slot) = self.dense.get_mut(i) {
                    let old = mem::replace(slot, value);
                    if old.is_undefined() {
                        self.dense_count += 1;
                        None
                    } else {
                        Some(old)
                    }
                } else if i == self.dense.len()
                    && !self.no_dense
                    && (self.dense_count + 1) * 2 > i + 1
                {
                    self.append(key, value)
                } else {
                    self.insert_hash(key, value, Some(i))
                }
            }
            None => self.insert_hash(key, value, None),
        }
    }

    /// Removes the entry under `key`; returns its value.
    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        let idx = dense_index(key);
        if let Some(slot) = idx.and_then(|i| self.dense.get_mut(i)) {
            let old = mem::replace(slot, Value::UNDEFINED);
            if old.is_undefined() {
                return None;
            }
            self.dense_count -= 1;
            if self.dense_count == 0 {
                self.dense = Vec::new();
            }
            return Some(old);
        }
        if self.hash.is_empty() {
            return None;
        }
        let old = self.hash.remove(&HashKey(key.clone()));
        if old.is_some() && idx.is_some() {
            self.hash_ints -= 1;
        }
        old
    }

    /// Moves the value under `key` out, leaving `nil` in its place (the entry
    /// stays): the caller usually stores a new value there afterwards, and
    /// the moved-out value stays uniquely owned meanwhile.
    pub fn take(&mut self, key: &Value) -> Option<Value> {
        if let Some(slot) = dense_index(key).and_then(|i| self.dense.get_mut(i)) {
            return (!slot.is_undefined()).then(|| mem::take(slot));
        }
        if self.hash.is_empty() {
            return None;
        }
        self.hash.get_mut(&HashKey(key.clone())).map(mem::take)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.dense = Vec::new();
        self.dense_count = 0;
        self.hash.clear();
        self.hash_ints = 0;
        self.check_at = 0;
        self.no_dense = false;
    }

    /// Keeps only the entries for which `keep(key, value)` is true, calling
    /// it once per entry in iteration order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Value, &Value) -> bool) {
        for (i, slot) in self.dense.iter_mut().enumerate() {
            if !slot.is_undefined() && !keep(&int_key(i), slot) {
                *slot = Value::UNDEFINED;
                self.dense_count -= 1;
            }
        }
        if self.dense_count == 0 {
            self.dense = Vec::new();
        }
        let mut removed_ints = 0;
        self.hash.retain(|k, v| {
            let kept = keep(&k.0, v);
            if !kept && dense_index(&k.0).is_some() {
                removed_ints += 1;
            }
            kept
        });
        self.hash_ints -= removed_ints;
    }

    /// The entries as (key, value) pairs, in unspecified order (the array
    /// part's keys ascending, then the hash part's).
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            dense: self.dense.iter().enumerate(),
            hash: self.hash.iter(),
            left: self.len(),
        }
    }

    /// The keys, in the order of [`HashMapObj::iter`].
    pub fn keys(&self) -> impl Iterator<Item = Value> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values, in the order of [`HashMapObj::iter`].
    pub fn values(&self) -> impl Iterator<Item = &Value> + '_ {
        self.dense
            .iter()
            .filter(|v| !v.is_undefined())
            .chain(self.hash.values())
    }

    /// The values, mutably, in the order of [`HashMapObj::iter`]. Storing
    /// `Value::UNDEFINED` through them is not allowed (it marks a hole).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> + '_ {
        self.dense
            .iter_mut()
            .filter(|v| !v.is_undefined())
            .chain(self.hash.values_mut())
    }

    /// `insert` for a value of `UNDEFINED`: the array part could not tell it
    /// from a hole, so every entry moves to the hash part for good.
    #[cold]
    fn insert_undefined(&mut self, key: Value, value: Value) -> Option<Value> {
        if !self.no_dense {
            self.no_dense = true;
            for (i, v) in mem::take(&mut self.dense).into_iter().enumerate() {
                if !v.is_undefined() {
                    self.hash.insert(HashKey(int_key(i)), v);
                    self.hash_ints += 1;
                }
            }
            self.dense_count = 0;
        }
        let idx = dense_index(&key);
        self.insert_hash(key, value, idx)
    }

    /// Appends the entry for the key `dense.len()` to the array part.
    fn append(&mut self, key: Value, value: Value) -> Option<Value> {
        let old = if self.hash_ints > 0 {
            let old = self.hash.remove(&HashKey(key));
            if old.is_some() {
                self.hash_ints -= 1;
            }
            old
        } else {
            None
        };
        self.dense.push(value);
        self.dense_count += 1;
        old
    }

    /// Inserts into the hash part; `idx` is the key's array index if it is
    /// a candidate for the array part. A new key may first trigger a sizing
    /// check, after which the key may belong to the array part instead.
    fn insert_hash(&mut self, key: Value, value: Value, idx: Option<usize>) -> Option<Value> {
        let key = HashKey(key);
        if self.hash.len() >= self.check_at {
            if let Some(slot) = self.hash.get_mut(&key) {
                return Some(mem::replace(slot, value));
            }
            self.resize(idx);
            if let Some(slot) = idx.and_then(|i| self.dense.get_mut(i)) {
                *slot = value;
                self.dense_count += 1;
                return None;
            }
        }
        let old = self.hash.insert(key, value);
        if old.is_none() && idx.is_some() {
            self.hash_ints += 1;
        }
        old
    }

    /// The sizing check, before a new key (with array index `new`, if it is
    /// a candidate) goes into the hash part: resizes the array part to the
    /// size Lua's `computesizes` would choose and moves entries accordingly.
    fn resize(&mut self, new: Option<usize>) {
        let sparse = !self.dense.is_empty() && self.dense_count * 4 <= self.dense.len();
        let candidates = self.dense_count + self.hash_ints + usize::from(new.is_some());
        // An array part more than a quarter full is kept, so it can only
        // grow, and growing to `n` needs more than `n / 4` candidates.
        let smallest_growth = (self.dense.len() + 1).next_power_of_two();
        if !self.no_dense && (sparse || candidates * 4 > smallest_growth) {
            let n = self.best_dense_len(new, sparse);
            if n > self.dense.len() {
                self.grow_dense(n);
            } else if n < self.dense.len() {
                self.shrink_dense(n);
            }
        }
        self.check_at = (self.hash.len() * 2).max(1);
    }

    /// Lua's `computesizes`: the largest `n = 2^i` such that more than
    /// `n / 4` of the keys `0..n` are present (counting the new key), or 0.
    /// Unless `scan`, the array part is known to be more than a quarter full and
    /// is kept at least as long as it is, without looking at its slots.
    fn best_dense_len(&self, new: Option<usize>, scan: bool) -> usize {
        // nums[b]: the candidate keys of bit length b, i.e. in 2^(b-1)..2^b.
        let mut nums = [0usize; DENSE_BITS + 1];
        if scan {
            for (i, v) in self.dense.iter().enumerate() {
                if !v.is_undefined() {
                    nums[bit_len(i)] += 1;
                }
            }
        } else if let Some(last) = self.dense.len().checked_sub(1) {
            // Exact for every n >= dense.len(), which are the only ones used.
            nums[bit_len(last)] += self.dense_count;
        }
        if self.hash_ints > 0 {
            for k in self.hash.keys() {
                if let Some(i) = dense_index(&k.0) {
                    nums[bit_len(i)] += 1;
                }
            }
        }
        if let Some(i) = new {
            nums[bit_len(i)] += 1;
        }
        let mut below = 0;
        let mut best = 0;
        for (b, count) in nums.iter().enumerate() {
            below += count;
            let n = 1usize << b;
            if below > n / 4 {
                best = n;
            }
        }
        if scan {
            best
        } else {
            best.max(self.dense.len())
        }
    }

    /// Grows the array part to `n` slots and moves the hash part's keys
    /// below `n` into it.
    fn grow_dense(&mut self, n: usize) {
        self.dense.resize(n, Value::UNDEFINED);
        if self.hash_ints == 0 {
            return;
        }
        let dense = &mut self.dense;
        let mut moved = 0;
        self.hash.retain(|k, v| match dense_index(&k.0) {
            Some(i) if i < n => match dense.get_mut(i) {
                Some(slot) => {
                    *slot = mem::take(v);
                    moved += 1;
                    false
                }
                None => true,
            },
            _ => true,
        });
        self.dense_count += moved;
        self.hash_ints -= moved;
        // The hash part may now be mostly empty: give the memory back.
        if self.hash.len() * 4 < self.hash.capacity() {
            self.hash.shrink_to(self.hash.len() * 2);
        }
    }

    /// Shrinks the array part to `n` slots, moving the entries above into
    /// the hash part.
    fn shrink_dense(&mut self, n: usize) {
        for (i, v) in self.dense.drain(n..).enumerate() {
            if !v.is_undefined() {
                self.hash.insert(HashKey(int_key(n + i)), v);
                self.hash_ints += 1;
                self.dense_count -= 1;
            }
        }
        self.dense.shrink_to_fit();
    }
}

/// Iterator over the entries of a [`HashMapObj`] as (key, value) pairs.
pub struct Iter<'a> {
    dense: Enumerate<std::slice::Iter<'a, Value>>,
    hash: hash_map::Iter<'a, HashKey, Value>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (Value, &'a Value);

    #[inline]
    fn next(&mut self) -> Option<(Value, &'a Value)> {
        let item = match self.dense.find(|(_, v)| !v.is_undefined()) {
            Some((i, v)) => Some((int_key(i), v)),
            None => self.hash.next().map(|(k, v)| (k.0.clone(), v)),
        };
        if item.is_some() {
            self.left -= 1;
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a HashMapObj {
    type Item = (Value, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Owning iterator over the entries of a [`HashMapObj`].
pub struct IntoIter {
    dense: Enumerate<std::vec::IntoIter<Value>>,
    hash: hash_map::IntoIter<HashKey, Value>,
    left: usize,
}

impl Iterator for IntoIter {
    type Item = (Value, Value);

    fn next(&mut self) -> Option<(Value, Value)> {
        let item = match self.dense.find(|(_, v)| !v.is_undefined()) {
            Some((i, v)) => Some((int_key(i), v)),
            None => self.hash.next().map(|(k, v)| (k.0, v)),
        };
        if item.is_some() {
            self.left -= 1;
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for IntoIter {}

impl IntoIterator for HashMapObj {
    type Item = (Value, Value);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter {
            left: self.len(),
            dense: self.dense.into_iter().enumerate(),
            hash: self.hash.into_iter(),
        }
    }
}

impl FromIterator<(Value, Value)> for HashMapObj {
    /// Later duplicates of a key win.
    fn from_iter<I: IntoIterator<Item = (Value, Value)>>(pairs: I) -> HashMapObj {
        let mut m = HashMapObj::new();
        m.extend(pairs);
        m
    }
}

impl Extend<(Value, Value)> for HashMapObj {
    fn extend<I: IntoIterator<Item = (Value, Value)>>(&mut self, pairs: I) {
        for (k, v) in pairs {
            self.insert(k, v);
        }
    }
}

#[cfg(test)]
mod tests;
