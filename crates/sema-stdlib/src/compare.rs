//! Comparison, equality and logic builtins (spec/stdlib.md §3).
//!
//! Ordering comparisons are exact between ints and floats (D2) and go through
//! `sema_core::number::compare`, the same routine the VM uses. Chains stop at
//! the first false pair, so later arguments are not type-checked.

use std::cmp::Ordering;

use sema_core::equality::{equal, num_equal};
use sema_core::{number, Arity, Ctx, Result, Value};

use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin("<", Arity::AtLeast(2), lt, "strictly increasing numbers?"),
    builtin(">", Arity::AtLeast(2), gt, "strictly decreasing numbers?"),
    builtin("<=", Arity::AtLeast(2), le, "non-decreasing numbers?"),
    builtin(">=", Arity::AtLeast(2), ge, "non-increasing numbers?"),
    builtin(
        "=",
        Arity::AtLeast(2),
        num_eq,
        "adjacent arguments equal (numbers by value, others structurally)?",
    ),
    builtin("eq?", Arity::Exact(2), structural_eq, "structural equality"),
    builtin(
        "equal?",
        Arity::Exact(2),
        structural_eq,
        "structural equality",
    ),
    builtin(
        "not",
        Arity::Exact(1),
        not,
        "#t iff the argument is nil or #f",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// True when every adjacent pair compares with an ordering `holds` accepts;
/// a NaN makes the pair (and so the chain) false.
fn chain(args: &[Value], holds: fn(Ordering) -> bool) -> Result<Value> {
    for pair in args.windows(2) {
        if !number::compare(&pair[0], &pair[1])?.is_some_and(holds) {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn lt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    chain(args, Ordering::is_lt)
}

fn gt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    chain(args, Ordering::is_gt)
}

fn le(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    chain(args, Ordering::is_le)
}

fn ge(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    chain(args, Ordering::is_ge)
}

fn num_eq(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(
        args.windows(2).all(|pair| num_equal(&pair[0], &pair[1])),
    ))
}

fn structural_eq(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(equal(&args[0], &args[1])))
}

fn not(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(!args[0].is_truthy()))
}

#[cfg(test)]
mod tests;
