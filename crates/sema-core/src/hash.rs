//! Structural hashing, consistent with structural equality, for hash-map keys.

use std::hash::{Hash, Hasher};

use crate::equality::equal;
use crate::value::{HashKey, Value, View};

/// Feeds a structural hash of `v` into `h`. Equal values hash equally; hash
/// maps combine their entries order-independently.
pub fn hash_value<H: Hasher>(v: &Value, h: &mut H) {
    match v.view() {
        View::Nil => 0u8.hash(h),
        View::Bool(b) => (1u8, b).hash(h),
        View::Int(i) => (2u8, i).hash(h),
        View::Float(f) => (3u8, f.to_bits()).hash(h),
        View::Char(c) => (4u8, c).hash(h),
        View::String(s) => {
            5u8.hash(h);
            s.hash(h);
        }
        View::Symbol(s) => (6u8, s.id()).hash(h),
        View::Keyword(s) => (7u8, s.id()).hash(h),
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
            (11u8, m.entries.len()).hash(h);
            let mut acc = 0u64;
            crate::with_stack(|| {
                for (k, x) in &m.entries {
                    let mut eh = rustc_hash::FxHasher::default();
                    hash_value(&k.0, &mut eh);
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
    fn eq(&self, other: &HashKey) -> bool {
        equal(&self.0, &other.0)
    }
}

impl Eq for HashKey {}
