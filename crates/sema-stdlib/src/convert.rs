//! Symbol, keyword and number conversions (spec/stdlib.md §11).
//!
//! Number parsing uses Rust's own grammar, as the reference does: an i64
//! first (optional sign, digits only), then an f64 (`1e3`, `.5`, `inf`,
//! `NaN`, ...). Surrounding whitespace is never accepted. A failed parse is an
//! `:eval` error, never `#f`.

use sema_core::number::float_to_plain_string;
use sema_core::{Arity, Ctx, Error, Num, Result, Value};

use crate::util;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "string->symbol",
        Arity::Exact(1),
        string_to_symbol,
        "the symbol with exactly that name",
    ),
    builtin(
        "symbol->string",
        Arity::Exact(1),
        symbol_to_string,
        "the name of a symbol",
    ),
    builtin(
        "string->keyword",
        Arity::Exact(1),
        string_to_keyword,
        "the keyword with that name (no leading colon)",
    ),
    builtin(
        "keyword->string",
        Arity::Exact(1),
        keyword_to_string,
        "the name of a keyword without its colon",
    ),
    builtin(
        "number->string",
        Arity::Exact(1),
        number_to_string,
        "decimal text of a number (whole floats drop their .0)",
    ),
    builtin(
        "string->number",
        Arity::Exact(1),
        string_to_number,
        "int if the text parses as one, else float, else an error",
    ),
    builtin(
        "string->float",
        Arity::Exact(1),
        string_to_float,
        "float from a string or a number",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("string/to-symbol", "string->symbol"),
    ("symbol/to-string", "symbol->string"),
    ("string/to-keyword", "string->keyword"),
    ("keyword/to-string", "keyword->string"),
    ("number/to-string", "number->string"),
    ("string/to-number", "string->number"),
    ("string/to-float", "string->float"),
];

fn string_to_symbol(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::sym(util::string(&args[0])?))
}

fn symbol_to_string(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    let s = v
        .as_symbol()
        .ok_or_else(|| Error::type_error("symbol", v))?;
    Ok(Value::string(s.name()))
}

fn string_to_keyword(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::kw(util::string(&args[0])?))
}

fn keyword_to_string(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    let k = v
        .as_keyword()
        .ok_or_else(|| Error::type_error("keyword", v))?;
    Ok(Value::string(k.name()))
}

/// Floats use Rust's default text [QUIRK]: `3.0` gives `"3"`, unlike the repr.
fn number_to_string(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::string(match util::number(&args[0])? {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => float_to_plain_string(f),
    }))
}

/// Parses `s` as an i64, else as an f64.
fn parse_number(s: &str) -> Option<Value> {
    if let Ok(i) = s.parse::<i64>() {
        return Some(Value::int(i));
    }
    s.parse::<f64>().ok().map(Value::float)
}

fn string_to_number(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = util::string(&args[0])?;
    parse_number(s).ok_or_else(|| Error::eval(format!("cannot parse '{s}' as number")))
}

fn string_to_float(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    if let Some(n) = v.as_number() {
        return Ok(Value::float(n.to_f64()));
    }
    match v.as_str() {
        Some(s) => s
            .parse::<f64>()
            .map(Value::float)
            .map_err(|_| Error::eval(format!("cannot parse '{s}' as float"))),
        None => Err(Error::type_error("string or number", v)),
    }
}

#[cfg(test)]
mod tests;
