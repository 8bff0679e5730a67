//! Tests of the array/hash representation of `HashMapObj`.

use super::*;
use crate::equality::equal;
use crate::printer::repr;
use proptest::prelude::*;
use std::collections::HashMap as StdMap;
use std::rc::Rc;

fn int(i: i64) -> Value {
    Value::int(i)
}

/// Checks the representation invariants of the module docs.
fn check(m: &HashMapObj) {
    let holes = m.dense.iter().filter(|v| v.is_undefined()).count();
    assert_eq!(m.dense_count, m.dense.len() - holes, "dense_count");
    assert!(m.dense.len() <= DENSE_LIMIT);
    let mut ints = 0;
    for k in m.hash.keys() {
        if let Some(i) = dense_index(&k.0) {
            ints += 1;
            assert!(
                i >= m.dense.len(),
                "key {i} in the hash part is in array range"
            );
        }
    }
    assert_eq!(m.hash_ints, ints, "hash_ints");
    assert_eq!(m.iter().count(), m.len());
    if m.no_dense {
        assert!(m.dense.is_empty());
    } else {
        assert!(m.values().all(|v| !v.is_undefined()));
    }
}

fn from_ints(keys: impl IntoIterator<Item = i64>) -> HashMapObj {
    keys.into_iter().map(|k| (int(k), int(k * 10))).collect()
}

#[test]
fn sequential_keys_live_in_the_array_part() {
    let m = from_ints(0..1000);
    check(&m);
    assert_eq!(m.len(), 1000);
    assert_eq!(m.dense.len(), 1000);
    assert!(m.hash.is_empty());
    for i in 0..1000 {
        assert_eq!(m.get(&int(i)).and_then(Value::as_int), Some(i * 10));
    }
    assert!(m.get(&int(1000)).is_none());
    assert!(m.get(&int(-1)).is_none());
}

#[test]
fn reversed_keys_migrate_to_the_array_part() {
    let m = from_ints((0..1000).rev());
    check(&m);
    assert_eq!(m.len(), 1000);
    assert!(m.dense.len() >= 1000, "{}", m.dense.len());
    assert!(m.hash.is_empty());
    for i in 0..1000 {
        assert_eq!(m.get(&int(i)).and_then(Value::as_int), Some(i * 10));
    }
}

#[test]
fn scattered_dense_keys_migrate_when_more_than_a_quarter_full() {
    // The benchmark's pattern: a permutation of 0..p.
    let p = 10007;
    let m = from_ints((0..p).map(|i| (i * 7919) % p));
    check(&m);
    assert_eq!(m.len(), p as usize);
    assert!(
        m.hash.is_empty(),
        "{} keys left in the hash part",
        m.hash.len()
    );
    assert_eq!(m.dense.len(), 16384);
    for i in 0..p {
        assert_eq!(m.get(&int(i)).and_then(Value::as_int), Some(i * 10));
    }
}

#[test]
fn sparse_int_keys_stay_in_the_hash_part() {
    let m = from_ints((0..500).map(|i| i * 1000));
    check(&m);
    // Only 0 (and the hole 1) is dense enough: 1 of 0..2 is more than 2 / 4.
    assert!(m.dense.len() <= 2, "{}", m.dense.len());
    assert_eq!(
        m.get(&int(499_000)).and_then(Value::as_int),
        Some(4_990_000)
    );
    assert!(m.get(&int(1)).is_none());
}

#[test]
fn holes_and_removal() {
    let mut m = from_ints(0..100);
    for i in (0..100).step_by(2) {
        assert_eq!(m.remove(&int(i)).and_then(|v| v.as_int()), Some(i * 10));
        assert!(m.remove(&int(i)).is_none());
    }
    check(&m);
    assert_eq!(m.len(), 50);
    assert!(m.get(&int(4)).is_none());
    assert!(!m.contains_key(&int(4)));
    assert!(m.contains_key(&int(5)));
    // Filling a hole.
    assert!(m.insert(int(4), int(-4)).is_none());
    assert_eq!(m.insert(int(4), int(-5)).and_then(|v| v.as_int()), Some(-4));
    check(&m);
    assert_eq!(m.len(), 51);
    // Removing everything frees the array part.
    for i in 0..100 {
        m.remove(&int(i));
    }
    check(&m);
    assert!(m.is_empty());
    assert!(m.dense.is_empty());
    assert!(m.get(&int(5)).is_none());
}

#[test]
fn a_sparse_array_part_shrinks_at_the_next_check() {
    let mut m = from_ints(0..1024);
    assert_eq!(m.dense.len(), 1024);
    for i in 10..1024 {
        m.remove(&int(i));
    }
    assert_eq!(m.dense.len(), 1024, "holes are not reclaimed on removal");
    // New keys in the hash part trigger a sizing check.
    for j in 0..4 {
        m.insert(Value::string(format!("s{j}")), int(j));
    }
    check(&m);
    // 10 keys: 0..32 is the largest power of two more than a quarter full.
    assert!(m.dense.len() <= 32, "{}", m.dense.len());
    for i in 0..10 {
        assert_eq!(m.get(&int(i)).and_then(Value::as_int), Some(i * 10));
    }
    assert_eq!(m.len(), 14);
}

#[test]
fn negative_huge_and_float_keys_keep_their_identity() {
    let mut m = from_ints(0..8);
    let keys = [
        int(-1),
        int(i64::MIN),
        int(i64::MAX),
        int(1 << 40),
        int(1 << 31),
        int((1 << 31) - 1),
        Value::float(2.0),
        Value::float(-0.0),
        Value::float(0.0),
        Value::string("2"),
        Value::kw("k"),
    ];
    for (n, k) in keys.iter().enumerate() {
        m.insert(k.clone(), int(100 + n as i64));
    }
    check(&m);
    assert_eq!(m.len(), 8 + keys.len());
    for (n, k) in keys.iter().enumerate() {
        assert_eq!(
            m.get(k).and_then(Value::as_int),
            Some(100 + n as i64),
            "{k:?}"
        );
    }
    // 2.0 and 0.0 are not the ints 2 and 0 (structural equality).
    assert_eq!(m.get(&int(2)).and_then(Value::as_int), Some(20));
    assert_eq!(m.get(&int(0)).and_then(Value::as_int), Some(0));
    assert!(m.remove(&Value::float(2.0)).is_some());
    assert_eq!(m.get(&int(2)).and_then(Value::as_int), Some(20));
    assert!(m.get(&Value::float(2.0)).is_none());
    check(&m);
}

#[test]
fn maps_built_in_different_orders_are_equal() {
    let n = 300;
    // In order: everything in the array part.
    let a = from_ints(0..n);
    // Only odd keys first (stay hashed), then the even ones.
    let mut b = from_ints((0..n).filter(|i| i % 2 == 1).map(|i| i + 1000));
    for i in 0..n {
        b.insert(int(i), int(i * 10));
    }
    for i in (0..n).filter(|i| i % 2 == 1) {
        b.remove(&int(i + 1000));
    }
    // All keys hashed: the map saw an UNDEFINED value, so no array part.
    let mut c = HashMapObj::new();
    c.insert(int(0), Value::UNDEFINED);
    for i in (0..n).rev() {
        c.insert(int(i), int(i * 10));
    }
    check(&a);
    check(&b);
    check(&c);
    assert!(c.dense.is_empty() && c.hash.len() == n as usize);
    assert!(a.hash.is_empty());
    let (va, vb, vc) = (Value::hashmap(a), Value::hashmap(b), Value::hashmap(c));
    assert!(equal(&va, &vb));
    assert!(equal(&va, &vc));
    assert_eq!(repr(&va), repr(&vc));
    assert_eq!(repr(&va), repr(&vb));
    assert_eq!(crate::order::compare(&va, &vc), std::cmp::Ordering::Equal);
    let hash = |v: &Value| {
        use std::hash::BuildHasher;
        FxBuildHasher.hash_one(HashKey(v.clone()))
    };
    assert_eq!(hash(&va), hash(&vb));
    assert_eq!(hash(&va), hash(&vc));
    let mut d = from_ints(0..n);
    d.insert(int(7), int(8));
    assert!(!equal(&va, &Value::hashmap(d)));
}

#[test]
fn clone_on_write_copies_are_independent() {
    let mut rc = Rc::new(from_ints(0..64));
    let shared = rc.clone();
    Rc::make_mut(&mut rc).insert(int(3), int(-3));
    Rc::make_mut(&mut rc).remove(&int(4));
    Rc::make_mut(&mut rc).insert(Value::string("s"), int(1));
    assert_eq!(shared.get(&int(3)).and_then(Value::as_int), Some(30));
    assert_eq!(shared.get(&int(4)).and_then(Value::as_int), Some(40));
    assert!(shared.get(&Value::string("s")).is_none());
    assert_eq!(rc.get(&int(3)).and_then(Value::as_int), Some(-3));
    assert!(rc.get(&int(4)).is_none());
    assert_eq!(shared.len(), 64);
    assert_eq!(rc.len(), 64);
    // A unique map is updated in place.
    let before = Rc::as_ptr(&rc);
    drop(shared);
    Rc::make_mut(&mut rc).insert(int(64), int(1));
    assert_eq!(Rc::as_ptr(&rc), before);
}

#[test]
fn take_leaves_nil_and_keeps_the_entry() {
    let mut m = from_ints(0..4);
    m.insert(Value::kw("a"), int(1));
    assert_eq!(m.take(&int(2)).and_then(|v| v.as_int()), Some(20));
    assert!(m.get(&int(2)).is_some_and(Value::is_nil));
    assert_eq!(m.take(&Value::kw("a")).and_then(|v| v.as_int()), Some(1));
    assert!(m.get(&Value::kw("a")).is_some_and(Value::is_nil));
    assert!(m.take(&int(9)).is_none());
    assert!(m.take(&Value::kw("b")).is_none());
    assert_eq!(m.len(), 5);
    check(&m);
}

#[test]
fn retain_iter_and_into_iter_cover_both_parts() {
    let mut m = from_ints(0..10);
    m.insert(Value::string("x"), int(1));
    m.insert(int(-5), int(2));
    let mut seen: Vec<String> = m.iter().map(|(k, _)| repr(&k)).collect();
    seen.sort();
    assert_eq!(seen.len(), 12);
    assert_eq!(m.keys().count(), 12);
    assert_eq!(m.values().count(), 12);
    assert_eq!(m.iter().len(), 12);
    m.retain(|k, _| k.as_int().is_none_or(|i| i % 3 == 0));
    check(&m);
    assert_eq!(m.len(), 4 + 1);
    for v in m.values_mut() {
        *v = Value::TRUE;
    }
    let pairs: Vec<(Value, Value)> = m.clone().into_iter().collect();
    assert_eq!(pairs.len(), 5);
    assert!(pairs.iter().all(|(_, v)| v.is_truthy()));
    m.clear();
    check(&m);
    assert!(m.is_empty());
    m.insert(int(0), int(1));
    assert_eq!(m.dense.len(), 1);
}

#[test]
fn undefined_values_turn_the_array_part_off() {
    let mut m = from_ints(0..10);
    m.insert(int(3), Value::UNDEFINED);
    check(&m);
    assert!(m.dense.is_empty());
    assert_eq!(m.len(), 10);
    assert!(m.get(&int(3)).is_some_and(Value::is_undefined));
    for i in 10..100 {
        m.insert(int(i), int(i));
    }
    check(&m);
    assert!(m.dense.is_empty());
    assert_eq!(m.len(), 100);
}

#[test]
fn with_capacity_and_extend() {
    let mut m = HashMapObj::with_capacity(10);
    m.extend([(int(1), int(1)), (int(0), int(0)), (int(1), int(2))]);
    check(&m);
    assert_eq!(m.len(), 2);
    assert_eq!(m.get(&int(1)).and_then(Value::as_int), Some(2));
}

/// A key of the reference model.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Int(i64),
    Str(String),
}

impl Key {
    fn value(&self) -> Value {
        match self {
            Key::Int(i) => Value::int(*i),
            Key::Str(s) => Value::string(s),
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Insert(Key, i64),
    Remove(Key),
    Get(Key),
    Take(Key),
    Retain(i64),
    Clone,
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        6 => (0i64..80).prop_map(Key::Int),
        2 => (0i64..2000).prop_map(Key::Int),
        1 => (-5i64..0).prop_map(Key::Int),
        1 => prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            Just(1i64 << 31),
            Just((1i64 << 31) - 1),
            Just(1i64 << 47),
        ]
        .prop_map(Key::Int),
        2 => "[a-c]{0,2}".prop_map(Key::Str),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => (key(), any::<i64>()).prop_map(|(k, v)| Op::Insert(k, v)),
        4 => key().prop_map(Op::Remove),
        4 => key().prop_map(Op::Get),
        1 => key().prop_map(Op::Take),
        1 => (2i64..5).prop_map(Op::Retain),
        1 => Just(Op::Clone),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn behaves_like_a_std_hash_map(ops in prop::collection::vec(op(), 0..400)) {
        let mut m = HashMapObj::new();
        let mut model: StdMap<Key, i64> = StdMap::new();
        let mut copies = Vec::new();
        for op in ops {
            match op {
                Op::Insert(k, v) => {
                    let old = m.insert(k.value(), int(v)).map(|o| o.as_int());
                    prop_assert_eq!(old, model.insert(k, v).map(Some));
                }
                Op::Remove(k) => {
                    let old = m.remove(&k.value()).map(|o| o.as_int());
                    prop_assert_eq!(old, model.remove(&k).map(Some));
                }
                Op::Get(k) => {
                    let got = m.get(&k.value()).map(Value::as_int);
                    prop_assert_eq!(got, model.get(&k).copied().map(Some));
                    prop_assert_eq!(m.contains_key(&k.value()), model.contains_key(&k));
                }
                Op::Take(k) => {
                    let got = m.take(&k.value()).map(|o| o.as_int());
                    prop_assert_eq!(got, model.get(&k).copied().map(Some));
                    // `take` leaves nil: put the value back, as its users do.
                    if let Some(v) = model.get(&k) {
                        m.insert(k.value(), int(*v));
                    }
                }
                Op::Retain(d) => {
                    m.retain(|_, v| v.as_int().is_some_and(|x| x % d != 0));
                    model.retain(|_, v| *v % d != 0);
                }
                Op::Clone => copies.push((m.clone(), model.clone())),
            }
            prop_assert_eq!(m.len(), model.len());
        }
        copies.push((m, model));
        for (m, model) in copies {
            check(&m);
            let mut got: Vec<(String, i64)> = m
                .iter()
                .map(|(k, v)| (repr(&k), v.as_int().unwrap_or(0)))
                .collect();
            let mut want: Vec<(String, i64)> = model
                .iter()
                .map(|(k, v)| (repr(&k.value()), *v))
                .collect();
            got.sort();
            want.sort();
            prop_assert_eq!(got, want);
            // Rebuilding from the owned entries gives an equal map.
            let rebuilt: HashMapObj = m.clone().into_iter().collect();
            prop_assert!(equal(&Value::hashmap(m), &Value::hashmap(rebuilt)));
        }
    }
}
