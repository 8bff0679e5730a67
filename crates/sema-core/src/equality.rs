//! Structural equality (`equal?`, `eq?`) and numeric-aware equality (`=`).
//!
//! Nested data is compared with the stack guard, so values nested 100,000
//! levels deep compare without overflowing the native stack (spec D6).

use crate::number;
use crate::value::{Value, View};

/// Structural equality (values-and-printing.md §3.1): different types are
/// never equal, floats are equal when their bits are and neither is NaN,
/// collections element-wise, functions and other objects by identity.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a.view(), b.view()) {
        (View::Nil, View::Nil) | (View::Empty, View::Empty) => true,
        (View::Bool(x), View::Bool(y)) => x == y,
        (View::Int(x), View::Int(y)) => x == y,
        (View::Float(x), View::Float(y)) => x.to_bits() == y.to_bits() && !x.is_nan(),
        (View::Char(x), View::Char(y)) => x == y,
        (View::Symbol(x), View::Symbol(y)) | (View::Keyword(x), View::Keyword(y)) => x == y,
        (View::String(x), View::String(y)) => x == y,
        (View::Cons(_), View::Cons(_)) => crate::with_stack(|| list_equal(a, b)),
        (View::Vector(x), View::Vector(y)) => {
            x.len() == y.len() && crate::with_stack(|| x.iter().zip(y).all(|(p, q)| equal(p, q)))
        }
        (View::Map(x), View::Map(y)) => {
            x.entries.len() == y.entries.len()
                && crate::with_stack(|| {
                    x.entries
                        .iter()
                        .zip(&y.entries)
                        .all(|((k1, v1), (k2, v2))| equal(&k1.0, &k2.0) && equal(v1, v2))
                })
        }
        (View::HashMap(x), View::HashMap(y)) => {
            x.len() == y.len()
                && crate::with_stack(|| {
                    x.iter()
                        .all(|(k, v)| y.get(&k).is_some_and(|w| equal(v, w)))
                })
        }
        (View::Bytevector(x), View::Bytevector(y)) => x == y,
        (View::Record(x), View::Record(y)) => {
            x.type_name == y.type_name
                && x.fields.len() == y.fields.len()
                && crate::with_stack(|| {
                    x.fields
                        .iter()
                        .zip(y.fields.iter())
                        .all(|(p, q)| equal(p, q))
                })
        }
        (View::Lambda(_), View::Lambda(_))
        | (View::NativeFn(_), View::NativeFn(_))
        | (View::Macro(_), View::Macro(_))
        | (View::Promise(_), View::Promise(_))
        | (View::MultiMethod(_), View::MultiMethod(_))
        | (View::Cell(_), View::Cell(_)) => a.identity() == b.identity(),
        _ => false,
    }
}

fn list_equal(a: &Value, b: &Value) -> bool {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.as_cons(), y.as_cons()) {
            (Some(p), Some(q)) => {
                if !equal(&p.car, &q.car) {
                    return false;
                }
                x = &p.cdr;
                y = &q.cdr;
            }
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// Equality as `=` tests one adjacent pair: numbers by exact value, anything
/// else structurally.
pub fn num_equal(a: &Value, b: &Value) -> bool {
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => number::num_eq(x, y),
        _ => equal(a, b),
    }
}
