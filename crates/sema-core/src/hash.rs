//! Structural hashing, consistent with structural equality, for hash-map keys.

use std::hash::{Hash, Hasher};

use crate::equality::equal;
use crate::value::{HashKey, Value, View};

/// Tags mixed into the one-word hashes of keywords and symbols so that they
/// do not collide with the ints of the same number.
const KEYWORD_MIX: u64 = 0x4b57_0000_0000_0000;
const SYMBOL_MIX: u64 = 0x5359_0000_0000_0000;

/// Feeds a structural hash of `v` into `h`. Equal values hash equally; hash
/// maps combine their entries order-independently.
///
/// The common hash-map keys take a fast path with a single hasher write and
/// no `view` dispatch: ints (their value; inline and boxed ints alike),
/// strings (their bytes and a terminator) and keywords (their id, tagged).
#[inline]
pub fn hash_value<H: Hasher>(v: &Value, h: &mut H) {
    if let Some(i) = v.as_small_int() {
        h.write_i64(i);
        return;
    }
    if let Some(s) = v.as_str() {
        h.write(s.as_bytes());
        h.write_u8(0xff);
        return;
    }
    if let Some(k) = v.as_keyword() {
        h.write_u64(KEYWORD_MIX | u64::from(k.id()));
        return;
    }
    hash_slow(v, h);
}

/// [`hash_value`] for every other kind of value.
fn hash_slow<H: Hasher>(v: &Value, h: &mut H) {
    match v.view() {
        View::Nil => 0u8.hash(h),
        View::Bool(b) => (1u8, b).hash(h),
        // A boxed int hashes as the inline ints do (`hash_value`).
        View::Int(i) => h.write_i64(i),
        View::Float(f) => (3u8, f.to_bits()).hash(h),
        View::Char(c) => (4u8, c).hash(h),
        View::String(s) => {
            h.write(s.as_bytes());
            h.write_u8(0xff);
        }
        View::Symbol(s) => h.write_u64(SYMBOL_MIX | u64::from(s.id())),
        View::Keyword(s) => h.write_u64(KEYWORD_MIX | u64::from(s.id())),
        View::Empty | View::Cons(_) => {
            8u8.hash(h);
            crate::with_stack(|| {
                for x in v.list_iter() {
                    hash_value(x, h);
                }
            });
        }
        View::Vector(xs) => {
            (9u8, xs.len()).hash(h);
            crate::with_stack(|| xs.iter().for_each(|x| hash_value(x, h)));
        }
        View::Map(m) => {
            (10u8, m.entries.len()).hash(h);
            crate::with_stack(|| {
                for (k, x) in &m.entries {
                    hash_value(&k.0, h);
                    hash_value(x, h);
                }
            });
        }
        View::HashMap(m) => {
            (11u8, m.len()).hash(h);
            let mut acc = 0u64;
            crate::with_stack(|| {
                for (k, x) in m {
                    let mut eh = rustc_hash::FxHasher::default();
                    hash_value(&k, &mut eh);
                    hash_value(x, &mut eh);
                    acc = acc.wrapping_add(eh.finish());
                }
            });
            acc.hash(h);
        }
        View::Bytevector(b) => (12u8, b).hash(h),
        View::Record(r) => {
            (13u8, r.type_name.id()).hash(h);
            crate::with_stack(|| r.fields.iter().for_each(|x| hash_value(x, h)));
        }
        _ => (14u8, v.identity()).hash(h),
    }
}

impl Hash for HashKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}

impl PartialEq for HashKey {
    /// Structural equality, with fast paths for two ints, two strings and
    /// two keywords (the answers `equal` gives for them).
    #[inline]
    fn eq(&self, other: &HashKey) -> bool {
        let (a, b) = (&self.0, &other.0);
        if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
            return x == y;
        }
        if let (Some(x), Some(y)) = (a.as_keyword(), b.as_keyword()) {
            return x == y;
        }
        if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
            return x == y;
        }
        equal(a, b)
    }
}

impl Eq for HashKey {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash_of(v: &Value) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(HashKey(v.clone()))
    }

    fn samples() -> Vec<Value> {
        vec![
            Value::int(0),
            Value::int(7),
            Value::int(-1),
            Value::int(1 << 50),
            Value::int(i64::MIN),
            Value::int(i64::MAX),
            Value::float(7.0),
            Value::float(-0.0),
            Value::string(""),
            Value::string("a"),
            Value::string("héllo"),
            Value::kw("a"),
            Value::sym("a"),
            Value::char('a'),
            Value::NIL,
            Value::TRUE,
            Value::EMPTY_LIST,
            Value::list(vec![Value::int(1), Value::string("a")]),
            Value::vector(vec![Value::int(1), Value::kw("k")]),
            Value::map_from([(Value::kw("a"), Value::int(1))]),
        ]
    }

    #[test]
    fn equal_keys_hash_equally_and_eq_agrees_with_equal() {
        let a = samples();
        // Rebuilt, so heap values are distinct objects.
        let b = samples();
        for x in &a {
            for y in &b {
                let same = equal(x, y);
                assert_eq!(
                    HashKey(x.clone()) == HashKey(y.clone()),
                    same,
                    "{x:?} {y:?}"
                );
                if same {
                    assert_eq!(hash_of(x), hash_of(y), "{x:?} {y:?}");
                }
            }
        }
    }

    #[test]
    fn distinct_common_keys_hash_apart() {
        let keys = [
            Value::int(97),
            Value::string("a"),
            Value::kw("a"),
            Value::sym("a"),
            Value::char('a'),
        ];
        let hashes: std::collections::BTreeSet<u64> = keys.iter().map(hash_of).collect();
        assert_eq!(hashes.len(), keys.len());
    }
}
