//! Type predicates and `type` (spec/stdlib.md §4).
//!
//! Every predicate takes one argument of any type and answers a boolean,
//! except the numeric ones (`zero?` ... `odd?`) and `promise-forced?`, which
//! raise a type error for the wrong kind of value. `map?` (and its alias
//! `hash-map?`) is true only for sorted maps [QUIRK].

use sema_core::value::PromiseState;
use sema_core::{Arity, Ctx, Error, Num, Result, Value};

use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin("zero?", Arity::Exact(1), is_zero, "number equal to 0?"),
    builtin("positive?", Arity::Exact(1), is_positive, "number > 0?"),
    builtin("negative?", Arity::Exact(1), is_negative, "number < 0?"),
    builtin("even?", Arity::Exact(1), is_even, "even int?"),
    builtin("odd?", Arity::Exact(1), is_odd, "odd int?"),
    builtin("null?", Arity::Exact(1), is_null, "nil or the empty list?"),
    builtin("nil?", Arity::Exact(1), is_nil, "exactly nil?"),
    builtin("list?", Arity::Exact(1), is_list, "a list (including ())?"),
    builtin("pair?", Arity::Exact(1), is_pair, "a non-empty list?"),
    builtin("vector?", Arity::Exact(1), is_vector, "a vector?"),
    builtin("number?", Arity::Exact(1), is_number, "an int or a float?"),
    builtin("integer?", Arity::Exact(1), is_integer, "an int?"),
    builtin("float?", Arity::Exact(1), is_float, "a float?"),
    builtin("string?", Arity::Exact(1), is_string, "a string?"),
    builtin("symbol?", Arity::Exact(1), is_symbol, "a symbol?"),
    builtin("keyword?", Arity::Exact(1), is_keyword, "a keyword?"),
    builtin("char?", Arity::Exact(1), is_char, "a char?"),
    builtin(
        "map?",
        Arity::Exact(1),
        is_map,
        "a sorted map (not a hash map)?",
    ),
    builtin("bool?", Arity::Exact(1), is_bool, "#t or #f?"),
    builtin(
        "fn?",
        Arity::Exact(1),
        is_fn,
        "a lambda or native function?",
    ),
    builtin(
        "bytevector?",
        Arity::Exact(1),
        is_bytevector,
        "a bytevector?",
    ),
    builtin(
        "record?",
        Arity::Exact(1),
        is_record,
        "a record of any type?",
    ),
    builtin("promise?", Arity::Exact(1), is_promise, "a promise?"),
    builtin(
        "promise-forced?",
        Arity::Exact(1),
        is_promise_forced,
        "has the promise been forced?",
    ),
    builtin(
        "type",
        Arity::Exact(1),
        type_of,
        "the type keyword (a record's type name for records)",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("boolean?", "bool?"),
    ("procedure?", "fn?"),
    ("hash-map?", "map?"),
    ("type-of", "type"),
];

/// Answers `test(v)` for the single argument.
fn answer(args: &[Value], test: fn(&Value) -> bool) -> Result<Value> {
    Ok(Value::bool(test(&args[0])))
}

/// Compares a number with zero; `expected number` otherwise.
fn sign_test(args: &[Value], int: fn(i64) -> bool, float: fn(f64) -> bool) -> Result<Value> {
    Ok(Value::bool(match util::number(&args[0])? {
        Num::Int(i) => int(i),
        Num::Float(f) => float(f),
    }))
}

fn is_zero(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    sign_test(args, |i| i == 0, |f| f == 0.0)
}

fn is_positive(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    sign_test(args, |i| i > 0, |f| f > 0.0)
}

fn is_negative(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    sign_test(args, |i| i < 0, |f| f < 0.0)
}

fn is_even(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(util::int(&args[0])? % 2 == 0))
}

fn is_odd(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(util::int(&args[0])? % 2 != 0))
}

fn is_null(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.is_nil() || v.is_empty_list())
}

fn is_nil(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_nil)
}

fn is_list(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_list)
}

fn is_pair(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_pair)
}

fn is_vector(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_vector().is_some())
}

fn is_number(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_number)
}

fn is_integer(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_int)
}

fn is_float(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_float().is_some())
}

fn is_string(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_string)
}

fn is_symbol(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_symbol)
}

fn is_keyword(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_keyword)
}

fn is_char(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_char().is_some())
}

fn is_map(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_map().is_some())
}

fn is_bool(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_bool().is_some())
}

fn is_fn(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, Value::is_function)
}

fn is_bytevector(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_bytevector().is_some())
}

fn is_record(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_record().is_some())
}

fn is_promise(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    answer(args, |v| v.as_promise().is_some())
}

/// A promise that is being forced right now (its state is borrowed) has no
/// value yet, so it answers `#f`.
fn is_promise_forced(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let p = args[0]
        .as_promise()
        .ok_or_else(|| Error::type_error("promise", &args[0]))?;
    let forced = p
        .state
        .try_borrow()
        .is_ok_and(|s| matches!(*s, PromiseState::Forced(_)));
    Ok(Value::bool(forced))
}

fn type_of(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    Ok(match v.as_record() {
        Some(r) => Value::keyword(r.type_name),
        None => Value::kw(v.type_name()),
    })
}

#[cfg(test)]
mod tests;
