//! The `math/` builtins (spec/stdlib.md §2): integer division helpers,
//! gcd/lcm, float functions, random numbers, clamp/sign/lerp and the NaN and
//! infinity tests. Integer helpers wrap instead of overflowing; float
//! functions accept ints and always return floats.

use std::cmp::Ordering;

use sema_core::number::cmp_num;
use sema_core::{Arity, Ctx, Error, Num, Result, Value};

use crate::arith::to_f64;
use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "math/quotient",
        Arity::Exact(2),
        quotient,
        "int division truncating toward zero",
    ),
    builtin(
        "math/remainder",
        Arity::Exact(2),
        remainder,
        "truncating int remainder (sign of the dividend)",
    ),
    builtin("math/gcd", Arity::Exact(2), gcd, "greatest common divisor"),
    builtin("math/lcm", Arity::Exact(2), lcm, "least common multiple"),
    builtin("math/tan", Arity::Exact(1), tan, "tangent (radians)"),
    builtin("math/asin", Arity::Exact(1), asin, "arc sine in radians"),
    builtin("math/acos", Arity::Exact(1), acos, "arc cosine in radians"),
    builtin("math/atan", Arity::Exact(1), atan, "arc tangent in radians"),
    builtin(
        "math/atan2",
        Arity::Exact(2),
        atan2,
        "angle of the point (x, y), given y then x",
    ),
    builtin("math/exp", Arity::Exact(1), exp, "e raised to x"),
    builtin("math/log10", Arity::Exact(1), log10, "base-10 logarithm"),
    builtin("math/log2", Arity::Exact(1), log2, "base-2 logarithm"),
    builtin("math/sinh", Arity::Exact(1), sinh, "hyperbolic sine"),
    builtin("math/cosh", Arity::Exact(1), cosh, "hyperbolic cosine"),
    builtin("math/tanh", Arity::Exact(1), tanh, "hyperbolic tangent"),
    builtin(
        "math/degrees->radians",
        Arity::Exact(1),
        degrees_to_radians,
        "degrees converted to radians",
    ),
    builtin(
        "math/radians->degrees",
        Arity::Exact(1),
        radians_to_degrees,
        "radians converted to degrees",
    ),
    builtin(
        "math/random",
        Arity::Exact(0),
        random,
        "uniform float in [0, 1)",
    ),
    builtin(
        "math/random-int",
        Arity::Exact(2),
        random_int,
        "uniform int in [lo, hi], both inclusive",
    ),
    builtin(
        "math/clamp",
        Arity::Exact(3),
        clamp,
        "v limited to [lo, hi]; int if all three are ints, else float",
    ),
    builtin("math/sign", Arity::Exact(1), sign, "-1, 0 or 1 as an int"),
    builtin(
        "math/lerp",
        Arity::Exact(3),
        lerp,
        "linear interpolation a + (b - a) * t",
    ),
    builtin(
        "math/map-range",
        Arity::Exact(5),
        map_range,
        "v mapped from [in-min, in-max] onto [out-min, out-max]",
    ),
    builtin("math/nan?", Arity::Exact(1), is_nan, "is v a NaN float?"),
    builtin(
        "math/infinite?",
        Arity::Exact(1),
        is_infinite,
        "is v a positive or negative infinite float?",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// Both arguments as ints (`expected int` names the first offender).
fn two_ints(args: &[Value]) -> Result<(i64, i64)> {
    Ok((util::int(&args[0])?, util::int(&args[1])?))
}

fn quotient(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (a, b) = two_ints(args)?;
    if b == 0 {
        return Err(Error::eval("math/quotient: division by zero"));
    }
    Ok(Value::int(a.wrapping_div(b)))
}

fn remainder(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (a, b) = two_ints(args)?;
    if b == 0 {
        return Err(Error::eval("math/remainder: division by zero"));
    }
    // i64::MIN rem -1 is 0, the true remainder (spec follow-up decision).
    Ok(Value::int(a.wrapping_rem(b)))
}

/// Euclid's algorithm on the absolute values, computed unsigned so that
/// i64::MIN is handled exactly.
fn gcd_of(a: i64, b: i64) -> u64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        let t = b;
        b = a % b;
        a = t;
    }
    a
}

fn gcd(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (a, b) = two_ints(args)?;
    // Only gcd(i64::MIN, 0 or i64::MIN) = 2^63 does not fit; it wraps.
    Ok(Value::int(gcd_of(a, b) as i64))
}

/// `abs(a) / gcd * abs(b)`, wrapping; `(math/lcm 0 0)` is 0.
fn lcm(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (a, b) = two_ints(args)?;
    let g = gcd_of(a, b);
    if g == 0 {
        return Ok(Value::int(0));
    }
    let product = (a.unsigned_abs() / g).wrapping_mul(b.unsigned_abs());
    Ok(Value::int(product as i64))
}

/// Applies `f` to the one argument converted to f64.
fn unary(args: &[Value], f: fn(f64) -> f64) -> Result<Value> {
    Ok(Value::float(f(to_f64(&args[0])?)))
}

fn tan(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::tan)
}

fn asin(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::asin)
}

fn acos(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::acos)
}

fn atan(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::atan)
}

fn atan2(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let y = to_f64(&args[0])?;
    let x = to_f64(&args[1])?;
    Ok(Value::float(y.atan2(x)))
}

fn exp(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::exp)
}

fn log10(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::log10)
}

fn log2(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::log2)
}

fn sinh(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::sinh)
}

fn cosh(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::cosh)
}

fn tanh(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::tanh)
}

fn degrees_to_radians(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::to_radians)
}

fn radians_to_degrees(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    unary(args, f64::to_degrees)
}

fn random(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::float(rand::random::<f64>()))
}

/// `lo > hi` is an `:eval` error [FIX]: the reference panics there.
fn random_int(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (lo, hi) = two_ints(args)?;
    if lo > hi {
        return Err(Error::eval(format!(
            "math/random-int: lo ({lo}) must be <= hi ({hi})"
        )));
    }
    Ok(Value::int(rand::random_range(lo..=hi)))
}

/// The larger of two numbers by exact comparison (D2); the first wins ties.
/// A NaN operand is ignored, as `f64::max` ignores it.
fn num_max(a: Num, b: Num) -> Num {
    match cmp_num(a, b) {
        Some(Ordering::Less) => b,
        Some(_) => a,
        None if is_nan_num(a) => b,
        None => a,
    }
}

/// The smaller of two numbers, the mirror of [`num_max`].
fn num_min(a: Num, b: Num) -> Num {
    match cmp_num(a, b) {
        Some(Ordering::Greater) => b,
        Some(_) => a,
        None if is_nan_num(a) => b,
        None => a,
    }
}

fn is_nan_num(n: Num) -> bool {
    matches!(n, Num::Float(f) if f.is_nan())
}

/// `min(max(v, lo), hi)`: an int when all three are ints, otherwise the
/// winner converted to float (`(math/clamp 5 1.0 3)` ⇒ 3.0).
fn clamp(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = util::number(&args[0])?;
    let lo = util::number(&args[1])?;
    let hi = util::number(&args[2])?;
    let out = num_min(num_max(v, lo), hi);
    Ok(match (v, lo, hi) {
        (Num::Int(_), Num::Int(_), Num::Int(_)) => out.to_value(),
        _ => Value::float(out.to_f64()),
    })
}

/// -1, 0 or 1 as an int; `-0.0` and NaN give 0.
fn sign(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::int(match util::number(&args[0])? {
        Num::Int(i) => i.signum(),
        Num::Float(f) if f > 0.0 => 1,
        Num::Float(f) if f < 0.0 => -1,
        Num::Float(_) => 0,
    }))
}

fn lerp(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let a = to_f64(&args[0])?;
    let b = to_f64(&args[1])?;
    let t = to_f64(&args[2])?;
    Ok(Value::float(a + (b - a) * t))
}

fn map_range(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = to_f64(&args[0])?;
    let in_min = to_f64(&args[1])?;
    let in_max = to_f64(&args[2])?;
    let out_min = to_f64(&args[3])?;
    let out_max = to_f64(&args[4])?;
    Ok(Value::float(
        out_min + (v - in_min) / (in_max - in_min) * (out_max - out_min),
    ))
}

/// True only for a NaN float; any other value (even a non-number) is `#f`.
fn is_nan(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(args[0].as_float().is_some_and(f64::is_nan)))
}

/// True only for a ±inf float; any other value is `#f`.
fn is_infinite(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(
        args[0].as_float().is_some_and(f64::is_infinite),
    ))
}

#[cfg(test)]
mod tests;
