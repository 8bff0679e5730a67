//! Numeric semantics shared by the builtins and the VM's fast paths: exact
//! int/float comparison (spec D2), binary arithmetic with wrapping ints and
//! float contagion, exact integer division (D3), and float text.

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::value::{Num, Value};

/// Compares an int with a float by exact mathematical value; `None` if `f` is NaN.
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    // 2^63 as f64 is exact; every i64 is below it and at or above -2^63.
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO63 {
        return Some(Ordering::Less);
    }
    if f < -TWO63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    let ti = t as i64; // exact: |t| < 2^63 and t is whole
    match i.cmp(&ti) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Some(Ordering::Less)
            } else if frac < 0.0 {
                Some(Ordering::Greater)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Exact numeric comparison; `None` when a NaN is involved.
pub fn cmp_num(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (Num::Int(x), Num::Float(y)) => cmp_int_float(x, y),
        (Num::Float(x), Num::Int(y)) => cmp_int_float(y, x).map(Ordering::reverse),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
    }
}

/// Numeric equality as `=` does it for two numbers.
pub fn num_eq(a: Num, b: Num) -> bool {
    cmp_num(a, b) == Some(Ordering::Equal)
}

fn number(v: &Value) -> Result<Num> {
    v.as_number().ok_or_else(|| Error::type_error("number", v))
}

/// `a + b` with wrapping ints and float contagion.
#[inline]
pub fn add(a: &Value, b: &Value) -> Result<Value> {
    Ok(match (number(a)?, number(b)?) {
        (Num::Int(x), Num::Int(y)) => Value::int(x.wrapping_add(y)),
        (x, y) => Value::float(x.to_f64() + y.to_f64()),
    })
}

/// `a - b` with wrapping ints and float contagion.
#[inline]
pub fn sub(a: &Value, b: &Value) -> Result<Value> {
    Ok(match (number(a)?, number(b)?) {
        (Num::Int(x), Num::Int(y)) => Value::int(x.wrapping_sub(y)),
        (x, y) => Value::float(x.to_f64() - y.to_f64()),
    })
}

/// `a * b` with wrapping ints and float contagion.
#[inline]
pub fn mul(a: &Value, b: &Value) -> Result<Value> {
    Ok(match (number(a)?, number(b)?) {
        (Num::Int(x), Num::Int(y)) => Value::int(x.wrapping_mul(y)),
        (x, y) => Value::float(x.to_f64() * y.to_f64()),
    })
}

/// One step of `/` (spec D3): exact int quotient when the division is exact,
/// otherwise f64. Division by zero is an error for ints and floats alike.
pub fn div(a: &Value, b: &Value) -> Result<Value> {
    let (x, y) = (number(a)?, number(b)?);
    if y.to_f64() == 0.0 {
        return Err(Error::eval("division by zero"));
    }
    Ok(match (x, y) {
        (Num::Int(p), Num::Int(q)) => {
            if p == i64::MIN && q == -1 {
                return Err(Error::eval("integer overflow in /"));
            }
            if p % q == 0 {
                Value::int(p / q)
            } else {
                Value::float(p as f64 / q as f64)
            }
        }
        (x, y) => Value::float(x.to_f64() / y.to_f64()),
    })
}

/// Negation (`(- x)`), wrapping for ints.
pub fn neg(a: &Value) -> Result<Value> {
    Ok(match number(a)? {
        Num::Int(x) => Value::int(x.wrapping_neg()),
        Num::Float(f) => Value::float(-f),
    })
}

/// Ordering comparison for `<`-style builtins: a type error for non-numbers,
/// `None` when a NaN makes every comparison false.
#[inline]
pub fn compare(a: &Value, b: &Value) -> Result<Option<Ordering>> {
    Ok(cmp_num(number(a)?, number(b)?))
}

/// `(mod a b)`: truncating remainder with the sign of the dividend.
pub fn modulo(a: &Value, b: &Value) -> Result<Value> {
    let x = a
        .as_number()
        .ok_or_else(|| Error::type_error("number", a))?;
    let y = b
        .as_number()
        .ok_or_else(|| Error::type_error("number", b))?;
    Ok(match (x, y) {
        (Num::Int(_), Num::Int(0)) => return Err(Error::eval("modulo by zero")),
        (Num::Int(p), Num::Int(q)) => Value::int(p.wrapping_rem(q)),
        (x, y) => Value::float(x.to_f64() % y.to_f64()),
    })
}

/// The repr of a float: `NaN`, `inf`, `-inf`; a whole value as its exact
/// decimal with `.0`; anything else as the shortest round-trip decimal,
/// never in exponent notation.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == f.trunc() {
        let mut s = whole_float_digits(f);
        s.push_str(".0");
        s
    } else {
        // Rust's Display gives the shortest round-trip digits and never an exponent.
        format!("{f}")
    }
}

/// `number->string` text of a float: Rust's default formatting (whole values
/// lose their `.0`).
pub fn float_to_plain_string(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    format!("{f}")
}

/// The exact decimal digits of a whole, finite float, with its sign.
fn whole_float_digits(f: f64) -> String {
    let neg = f.is_sign_negative();
    let a = f.abs();
    let digits = if a < 9.0e18 {
        format!("{}", a as u64)
    } else {
        // a = mantissa * 2^exp exactly, exp > 0; multiply out in base 1e9.
        let bits = a.to_bits();
        let exp = ((bits >> 52) & 0x7FF) as i32 - 1075;
        let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let mut limbs: Vec<u64> = vec![mantissa % 1_000_000_000, mantissa / 1_000_000_000];
        for _ in 0..exp {
            let mut carry = 0u64;
            for limb in limbs.iter_mut() {
                let v = *limb * 2 + carry;
                *limb = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(carry);
            }
        }
        while limbs.len() > 1 && *limbs.last().unwrap_or(&1) == 0 {
            limbs.pop();
        }
        let mut s = format!("{}", limbs.last().copied().unwrap_or(0));
        for limb in limbs.iter().rev().skip(1) {
            s.push_str(&format!("{limb:09}"));
        }
        s
    };
    if neg {
        format!("-{digits}")
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_the_spec() {
        assert_eq!(format_float(3.0), "3.0");
        assert_eq!(format_float(-0.0), "-0.0");
        assert_eq!(format_float(0.1), "0.1");
        assert_eq!(format_float(1e21), "1000000000000000000000.0");
        assert_eq!(format_float(10f64.powf(23.0)), "100000000000000008388608.0");
        assert_eq!(format_float(1e-7), "0.0000001");
        assert_eq!(format_float(3162277660168379.5), "3162277660168379.5");
        assert_eq!(format_float(f64::NAN), "NaN");
        assert_eq!(format_float(f64::NEG_INFINITY), "-inf");
        assert_eq!(float_to_plain_string(3.0), "3");
    }

    #[test]
    fn int_float_comparison_is_exact() {
        assert_eq!(
            cmp_int_float(9007199254740993, 9007199254740992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_int_float(1, 1.5), Some(Ordering::Less));
        assert_eq!(cmp_int_float(-1, -1.5), Some(Ordering::Greater));
        assert_eq!(cmp_int_float(i64::MAX, 9.3e18), Some(Ordering::Less));
        assert_eq!(cmp_int_float(0, -0.0), Some(Ordering::Equal));
        assert_eq!(cmp_int_float(0, f64::NAN), None);
    }
}
