//! The total value order (values-and-printing.md §4, spec D1) that sorted
//! maps, `sort`, `list/unique`, `frequencies` and hash-map printing use.
//!
//! Two values are equal in this order exactly when they are structurally
//! equal, except that NaN is equal to itself here.

use std::cmp::Ordering;

use crate::number::cmp_int_float;
use crate::value::{HashMapObj, OrdKey, Value, View};

fn rank(v: &View<'_>) -> u8 {
    match v {
        View::Nil => 0,
        View::Bool(_) => 1,
        View::Int(_) | View::Float(_) => 2,
        View::Char(_) => 3,
        View::String(_) => 4,
        View::Symbol(_) => 5,
        View::Keyword(_) => 6,
        View::Empty | View::Cons(_) => 7,
        View::Vector(_) => 8,
        View::Map(_) => 9,
        View::HashMap(_) => 10,
        View::Record(_) => 11,
        View::Bytevector(_) => 12,
        _ => 13,
    }
}

fn float_order(x: f64, y: f64) -> Ordering {
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => match x.partial_cmp(&y) {
            Some(Ordering::Equal) => x.is_sign_positive().cmp(&y.is_sign_positive()),
            Some(o) => o,
            None => Ordering::Equal,
        },
    }
}

/// An int against a float: by value, the int first on a tie, NaN last.
fn int_float_order(i: i64, f: f64) -> Ordering {
    match cmp_int_float(i, f) {
        None => Ordering::Less,
        Some(Ordering::Equal) => Ordering::Less,
        Some(o) => o,
    }
}

/// Identity key of values ordered by creation (functions, promises, ...).
fn object_id(v: &View<'_>, value: &Value) -> u64 {
    match v {
        View::Lambda(l) => l.id,
        View::NativeFn(n) => n.id,
        View::Macro(m) => m.id,
        View::Promise(p) => p.id,
        View::MultiMethod(m) => m.id,
        _ => value.identity(),
    }
}

/// Compares two values in the total value order.
pub fn compare(a: &Value, b: &Value) -> Ordering {
    let (va, vb) = (a.view(), b.view());
    let (ra, rb) = (rank(&va), rank(&vb));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (va, vb) {
        (View::Bool(x), View::Bool(y)) => x.cmp(&y),
        (View::Int(x), View::Int(y)) => x.cmp(&y),
        (View::Float(x), View::Float(y)) => float_order(x, y),
        (View::Int(x), View::Float(y)) => int_float_order(x, y),
        (View::Float(x), View::Int(y)) => int_float_order(y, x).reverse(),
        (View::Char(x), View::Char(y)) => x.cmp(&y),
        (View::String(x), View::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        (View::Symbol(x), View::Symbol(y)) | (View::Keyword(x), View::Keyword(y)) => {
            if x == y {
                Ordering::Equal
            } else {
                x.name().as_bytes().cmp(y.name().as_bytes())
            }
        }
        (View::Empty | View::Cons(_), View::Empty | View::Cons(_)) => {
            crate::with_stack(|| seq_order(a.list_iter(), b.list_iter()))
        }
        (View::Vector(x), View::Vector(y)) => crate::with_stack(|| seq_order(x.iter(), y.iter())),
        (View::Map(x), View::Map(y)) => crate::with_stack(|| {
            entries_order(
                x.entries.iter().map(|(k, v)| (&k.0, v)),
                y.entries.iter().map(|(k, v)| (&k.0, v)),
            )
        }),
        (View::HashMap(x), View::HashMap(y)) => crate::with_stack(|| {
            let xs = sorted_entries(x);
            let ys = sorted_entries(y);
            entries_order(
                xs.iter().map(|(k, v)| (k, *v)),
                ys.iter().map(|(k, v)| (k, *v)),
            )
        }),
        (View::Record(x), View::Record(y)) => x
            .type_name
            .name()
            .as_bytes()
            .cmp(y.type_name.name().as_bytes())
            .then_with(|| crate::with_stack(|| seq_order(x.fields.iter(), y.fields.iter()))),
        (View::Bytevector(x), View::Bytevector(y)) => x.cmp(y),
        (x, y) => object_id(&x, a).cmp(&object_id(&y, b)),
    }
}

fn seq_order<'a>(
    mut xs: impl Iterator<Item = &'a Value>,
    mut ys: impl Iterator<Item = &'a Value>,
) -> Ordering {
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare(x, y) {
                Ordering::Equal => {}
                o => return o,
            },
        }
    }
}

fn entries_order<'a>(
    mut xs: impl Iterator<Item = (&'a Value, &'a Value)>,
    mut ys: impl Iterator<Item = (&'a Value, &'a Value)>,
) -> Ordering {
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((k1, v1)), Some((k2, v2))) => {
                match compare(k1, k2).then_with(|| compare(v1, v2)) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
        }
    }
}

/// The entries of a hash map sorted by key in the value order.
pub fn sorted_entries(m: &HashMapObj) -> Vec<(Value, &Value)> {
    let mut v: Vec<(Value, &Value)> = m.iter().collect();
    v.sort_by(|a, b| compare(&a.0, &b.0));
    v
}

impl PartialEq for OrdKey {
    fn eq(&self, other: &OrdKey) -> bool {
        compare(&self.0, &other.0) == Ordering::Equal
    }
}

impl Eq for OrdKey {}

impl PartialOrd for OrdKey {
    fn partial_cmp(&self, other: &OrdKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdKey {
    fn cmp(&self, other: &OrdKey) -> Ordering {
        compare(&self.0, &other.0)
    }
}
