//! Arithmetic and core numeric builtins (spec/stdlib.md §1).
//!
//! The binary steps of `+ - * / mod` go through `sema_core::number`, so the
//! builtins and the VM's inlined operators agree bit for bit: ints wrap on
//! overflow, a float operand makes the rest of a fold float, int division is
//! exact while it divides evenly (D3). Float-to-int conversions (`floor`,
//! `round`, `int`, ...) saturate like Rust's `as i64`, NaN giving 0.

use std::cmp::Ordering;

use sema_core::{number, Arity, Ctx, Error, Num, Result, Value};

use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "+",
        Arity::AtLeast(0),
        add,
        "sum of the arguments; (+) is 0",
    ),
    builtin(
        "-",
        Arity::AtLeast(1),
        sub,
        "negation of one argument, or the first minus the rest",
    ),
    builtin(
        "*",
        Arity::AtLeast(0),
        mul,
        "product of the arguments; (*) is 1",
    ),
    builtin(
        "/",
        Arity::AtLeast(2),
        div,
        "left-to-right division: exact int while it divides evenly, else float",
    ),
    builtin(
        "mod",
        Arity::Exact(2),
        modulo,
        "remainder with the sign of the dividend",
    ),
    builtin("abs", Arity::Exact(1), abs, "absolute value (ints wrap)"),
    builtin(
        "min",
        Arity::AtLeast(1),
        min,
        "smallest argument, unchanged; later wins ties",
    ),
    builtin(
        "max",
        Arity::AtLeast(1),
        max,
        "largest argument, unchanged; later wins ties",
    ),
    builtin("floor", Arity::Exact(1), floor, "round down to an int"),
    builtin("ceil", Arity::Exact(1), ceil, "round up to an int"),
    builtin(
        "round",
        Arity::Exact(1),
        round,
        "round half away from zero to an int",
    ),
    builtin(
        "truncate",
        Arity::Exact(1),
        truncate,
        "round toward zero to an int",
    ),
    builtin("sqrt", Arity::Exact(1), sqrt, "square root as a float"),
    builtin(
        "pow",
        Arity::Exact(2),
        pow,
        "power: int for an int base and int exponent >= 0 (wrapping), else float",
    ),
    builtin("log", Arity::Exact(1), log, "natural logarithm as a float"),
    builtin("sin", Arity::Exact(1), sin, "sine (radians) as a float"),
    builtin("cos", Arity::Exact(1), cos, "cosine (radians) as a float"),
    builtin(
        "int",
        Arity::Exact(1),
        int,
        "int from a number (truncated) or a decimal string",
    ),
    builtin(
        "float",
        Arity::Exact(1),
        float,
        "float from a number or a string",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("modulo", "mod"),
    ("ceiling", "ceil"),
    ("expt", "pow"),
    ("math/pow", "pow"),
];

/// A number argument as f64 (ints converted); `expected number` otherwise.
pub(crate) fn to_f64(v: &Value) -> Result<f64> {
    Ok(util::number(v)?.to_f64())
}

/// Saturating float-to-int conversion, as Rust's `as i64` (NaN gives 0).
fn float_to_int(f: f64) -> i64 {
    f as i64
}

fn add(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    args.iter()
        .try_fold(Value::int(0), |acc, x| number::add(&acc, x))
}

fn sub(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args {
        [x] => number::neg(x),
        [first, rest @ ..] => rest
            .iter()
            .try_fold(first.clone(), |acc, x| number::sub(&acc, x)),
        [] => Err(Error::arity("-", Arity::AtLeast(1), 0)),
    }
}

fn mul(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    args.iter()
        .try_fold(Value::int(1), |acc, x| number::mul(&acc, x))
}

fn div(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args {
        [first, rest @ ..] if !rest.is_empty() => rest
            .iter()
            .try_fold(first.clone(), |acc, x| number::div(&acc, x)),
        _ => Err(Error::arity("/", Arity::AtLeast(2), args.len())),
    }
}

/// `mod`: a non-number in either position is reported with the *first*
/// argument's type [QUIRK], e.g. `(mod 1 "a")` ⇒ `expected number, got int`.
fn modulo(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let [a, b] = args else {
        return Err(Error::arity("mod", Arity::Exact(2), args.len()));
    };
    if !a.is_number() || !b.is_number() {
        return Err(Error::type_error("number", a));
    }
    number::modulo(a, b)
}

fn abs(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(match util::number(&args[0])? {
        Num::Int(i) => Value::int(i.wrapping_abs()),
        Num::Float(f) => Value::float(f.abs()),
    })
}

/// Folds `min`/`max`: the running winner is replaced by each later argument
/// unless the winner is strictly better, so ties (and NaN) go to the later
/// argument. One argument is returned without a type check.
fn pick(args: &mut [Value], better: Ordering) -> Result<Value> {
    let mut best = std::mem::take(&mut args[0]);
    for x in args[1..].iter_mut() {
        let keep = number::compare(&best, x)? == Some(better);
        if !keep {
            best = std::mem::take(x);
        }
    }
    Ok(best)
}

fn min(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    pick(args, Ordering::Less)
}

fn max(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    pick(args, Ordering::Greater)
}

/// Applies a float rounding function; ints pass through unchanged.
fn round_with(v: &Value, f: fn(f64) -> f64) -> Result<Value> {
    Ok(match util::number(v)? {
        Num::Int(i) => Value::int(i),
        Num::Float(x) => Value::int(float_to_int(f(x))),
    })
}

fn floor(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    round_with(&args[0], f64::floor)
}

fn ceil(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    round_with(&args[0], f64::ceil)
}

fn round(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    // f64::round rounds half away from zero, as the spec requires.
    round_with(&args[0], f64::round)
}

fn truncate(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    round_with(&args[0], f64::trunc)
}

fn sqrt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(to_f64(&args[0])?.sqrt()))
}

/// `pow`: an int base with an int exponent >= 0 gives a wrapping int power,
/// the exponent truncated to its low 32 bits [QUIRK]; anything else is `powf`.
fn pow(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if let (Some(base), Some(exp)) = (args[0].as_int(), args[1].as_int()) {
        if exp >= 0 {
            return Ok(Value::int(base.wrapping_pow(exp as u32)));
        }
    }
    let base = to_f64(&args[0])?;
    let exp = to_f64(&args[1])?;
    Ok(Value::float(base.powf(exp)))
}

fn log(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(to_f64(&args[0])?.ln()))
}

fn sin(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(to_f64(&args[0])?.sin()))
}

fn cos(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(to_f64(&args[0])?.cos()))
}

fn int(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    if let Some(n) = v.as_number() {
        return Ok(match n {
            Num::Int(i) => Value::int(i),
            Num::Float(f) => Value::int(float_to_int(f)),
        });
    }
    match v.as_str() {
        Some(s) => s
            .parse::<i64>()
            .map(Value::int)
            .map_err(|_| Error::eval(format!("cannot convert '{s}' to int"))),
        None => Err(Error::type_error("number or string", v)),
    }
}

fn float(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    if let Some(n) = v.as_number() {
        return Ok(Value::float(n.to_f64()));
    }
    match v.as_str() {
        Some(s) => s
            .parse::<f64>()
            .map(Value::float)
            .map_err(|_| Error::eval(format!("cannot convert '{s}' to float"))),
        None => Err(Error::type_error("number or string", v)),
    }
}

#[cfg(test)]
mod tests;
