//! Bitwise builtins on i64 (spec/stdlib.md §5). Shift counts are taken
//! modulo 64 (negative counts too) and shifted-out bits are lost, so no
//! shift can overflow or panic.

use sema_core::{Arity, Ctx, Result, Value};

use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin("bit/and", Arity::Exact(2), and, "bitwise and of two ints"),
    builtin("bit/or", Arity::Exact(2), or, "bitwise or of two ints"),
    builtin(
        "bit/xor",
        Arity::Exact(2),
        xor,
        "bitwise exclusive or of two ints",
    ),
    builtin("bit/not", Arity::Exact(1), not, "bitwise complement"),
    builtin(
        "bit/shift-left",
        Arity::Exact(2),
        shift_left,
        "n shifted left by k mod 64 bits",
    ),
    builtin(
        "bit/shift-right",
        Arity::Exact(2),
        shift_right,
        "n shifted right (sign-propagating) by k mod 64 bits",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// Applies `op` to the two int arguments.
fn binary(args: &[Value], op: fn(i64, i64) -> i64) -> Result<Value> {
    let a = util::int(&args[0])?;
    let b = util::int(&args[1])?;
    Ok(Value::int(op(a, b)))
}

fn and(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    binary(args, |a, b| a & b)
}

fn or(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    binary(args, |a, b| a | b)
}

fn xor(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    binary(args, |a, b| a ^ b)
}

fn not(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::int(!util::int(&args[0])?))
}

/// The shift count modulo 64, as a `u32` for the `wrapping_sh*` methods
/// (which mask it the same way).
fn shift_count(k: i64) -> u32 {
    k.rem_euclid(64) as u32
}

fn shift_left(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    binary(args, |n, k| n.wrapping_shl(shift_count(k)))
}

fn shift_right(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    binary(args, |n, k| n.wrapping_shr(shift_count(k)))
}

#[cfg(test)]
mod tests;
