//! Bytevectors (spec/stdlib.md §12): immutable byte arrays.
//!
//! "Setters" return a new bytevector and leave the argument unchanged; when
//! the argument is uniquely owned nobody could see the old one, so it is
//! updated in place instead of copied.

use std::rc::Rc;

use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::util::{int, string};
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "bytevector",
        Arity::AtLeast(0),
        bytevector,
        "bytevector of the given bytes",
    ),
    builtin(
        "make-bytevector",
        Arity::Range(1, 2),
        make_bytevector,
        "bytevector of size copies of fill (default 0)",
    ),
    builtin(
        "bytevector-length",
        Arity::Exact(1),
        length,
        "number of bytes",
    ),
    builtin(
        "bytevector-u8-ref",
        Arity::Exact(2),
        u8_ref,
        "byte at an index, as an int",
    ),
    builtin(
        "bytevector-u8-set!",
        Arity::Exact(3),
        u8_set,
        "new bytevector with one byte replaced",
    ),
    builtin(
        "bytevector-copy",
        Arity::Range(1, 3),
        copy,
        "copy of the bytes [start, end)",
    ),
    builtin(
        "bytevector-append",
        Arity::AtLeast(0),
        append,
        "concatenation of bytevectors",
    ),
    builtin(
        "bytevector->list",
        Arity::Exact(1),
        to_list,
        "list of the bytes as ints",
    ),
    builtin(
        "list->bytevector",
        Arity::Exact(1),
        from_list,
        "bytevector from a list of ints",
    ),
    builtin(
        "string->utf8",
        Arity::Exact(1),
        string_to_utf8,
        "UTF-8 bytes of a string",
    ),
    builtin(
        "utf8->string",
        Arity::Exact(1),
        utf8_to_string,
        "string decoded from UTF-8",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("bytevector/new", "make-bytevector"),
    ("bytevector/length", "bytevector-length"),
    ("bytevector/ref", "bytevector-u8-ref"),
    ("bytevector/set!", "bytevector-u8-set!"),
    ("bytevector/copy", "bytevector-copy"),
    ("bytevector/append", "bytevector-append"),
    ("bytevector/to-list", "bytevector->list"),
    ("list/to-bytevector", "list->bytevector"),
    ("string/to-utf8", "string->utf8"),
    ("utf8/to-string", "utf8->string"),
];

/// The largest bytevector `make-bytevector` builds (1 GiB). A larger size
/// is an `:eval` error rather than an allocation that could take the
/// process down.
const MAX_LEN: u64 = 1 << 30;

fn bytes(v: &Value) -> Result<&[u8]> {
    v.as_bytevector()
        .ok_or_else(|| Error::type_error("bytevector", v))
}

/// An int in 0..=255, or `None` for an int outside that range.
fn to_byte(n: i64) -> Option<u8> {
    u8::try_from(n).ok()
}

/// Takes the bytevector argument at `idx` out of the slice as an owned `Rc`.
fn take_bytes(args: &mut [Value], idx: usize) -> Result<Rc<Vec<u8>>> {
    std::mem::take(&mut args[idx])
        .into_rc::<Vec<u8>>()
        .map_err(|v| Error::type_error("bytevector", &v))
}

/// `(bytevector n ...)`.
fn bytevector(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut out = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let n = int(arg)?;
        let b = to_byte(n).ok_or_else(|| {
            Error::eval(format!(
                "bytevector: byte value {n} at index {i} out of range 0..255"
            ))
        })?;
        out.push(b);
    }
    Ok(Value::bytevector(out))
}

/// `(make-bytevector size [fill])`: negative or huge sizes and fills outside
/// 0..255 are `:eval` errors.
fn make_bytevector(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let size = int(&args[0])?;
    if size < 0 {
        return Err(Error::eval(format!(
            "make-bytevector: size must be non-negative, got {size}"
        )));
    }
    let fill = match args.get(1) {
        Some(v) => {
            let f = int(v)?;
            to_byte(f).ok_or_else(|| {
                Error::eval(format!(
                    "make-bytevector: fill value {f} out of range 0..255"
                ))
            })?
        }
        None => 0,
    };
    let too_large = || Error::eval(format!("make-bytevector: size {size} is too large"));
    let len = usize::try_from(size).map_err(|_| too_large())?;
    if size.unsigned_abs() > MAX_LEN {
        return Err(too_large());
    }
    let mut out = Vec::new();
    out.try_reserve_exact(len).map_err(|_| too_large())?;
    out.resize(len, fill);
    Ok(Value::bytevector(out))
}

/// `(bytevector-length bv)`.
fn length(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = bytes(&args[0])?.len();
    Ok(Value::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// Checks an index argument against a length, naming `fname` in the error.
fn index(i: i64, len: usize, fname: &str) -> Result<usize> {
    match usize::try_from(i) {
        Ok(u) if u < len => Ok(u),
        _ => Err(Error::eval(format!(
            "{fname}: index {i} out of range for bytevector of length {len}"
        ))),
    }
}

/// `(bytevector-u8-ref bv i)`.
fn u8_ref(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bv = bytes(&args[0])?;
    let i = int(&args[1])?;
    let at = index(i, bv.len(), "bytevector-u8-ref")?;
    Ok(bv
        .get(at)
        .map(|&b| Value::int(i64::from(b)))
        .unwrap_or_default())
}

/// `(bytevector-u8-set! bv i byte)`: a new bytevector with byte i replaced.
fn u8_set(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let len = bytes(&args[0])?.len();
    let i = int(&args[1])?;
    let b = int(&args[2])?;
    let at = index(i, len, "bytevector-u8-set!")?;
    let byte = to_byte(b).ok_or_else(|| {
        Error::eval(format!(
            "bytevector-u8-set!: byte value {b} out of range 0..255"
        ))
    })?;
    let mut rc = take_bytes(args, 0)?;
    if let Some(slot) = Rc::make_mut(&mut rc).get_mut(at) {
        *slot = byte;
    }
    Ok(Value::from_rc(rc))
}

/// `(bytevector-copy bv [start [end]])`. Negative bounds read as huge
/// unsigned numbers, as in the reference, and so are out of bounds.
fn copy(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bv = bytes(&args[0])?;
    let len = bv.len() as u64;
    // Reinterpreting a negative int as u64 is the specified behaviour.
    let start = match args.get(1) {
        Some(v) => int(v)? as u64,
        None => 0,
    };
    let end = match args.get(2) {
        Some(v) => int(v)? as u64,
        None => len,
    };
    let range = usize::try_from(start).ok().zip(usize::try_from(end).ok());
    match range.and_then(|(s, e)| if s <= e { bv.get(s..e) } else { None }) {
        Some(slice) => Ok(Value::bytevector(slice.to_vec())),
        None => Err(Error::eval(format!(
            "bytevector-copy: range {start}..{end} out of bounds for bytevector of length {len}"
        ))),
    }
}

/// `(bytevector-append bv ...)`: `(bytevector-append)` ⇒ `#u8()`.
fn append(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut total = 0usize;
    for arg in args.iter() {
        total = total.saturating_add(bytes(arg)?.len());
    }
    let mut out = Vec::with_capacity(total);
    for arg in args.iter() {
        out.extend_from_slice(bytes(arg)?);
    }
    Ok(Value::bytevector(out))
}

/// `(bytevector->list bv)`.
fn to_list(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bv = bytes(&args[0])?;
    Ok(Value::list_from(
        bv.iter().map(|&b| Value::int(i64::from(b))),
    ))
}

/// `(list->bytevector list)`: a list (not a vector) of ints in 0..255.
fn from_list(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if !args[0].is_list() {
        return Err(Error::type_error("list", &args[0]));
    }
    let mut out = Vec::new();
    for item in args[0].list_iter() {
        let n = int(item)?;
        let b = to_byte(n).ok_or_else(|| {
            Error::eval(format!(
                "list->bytevector: byte value {n} out of range 0..255"
            ))
        })?;
        out.push(b);
    }
    Ok(Value::bytevector(out))
}

/// `(string->utf8 s)`.
fn string_to_utf8(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bytevector(string(&args[0])?.as_bytes().to_vec()))
}

/// `(utf8->string bv)`: `:eval` error `utf8->string: invalid UTF-8: ...`.
fn utf8_to_string(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let owned = Rc::unwrap_or_clone(take_bytes(args, 0)?);
    String::from_utf8(owned)
        .map(Value::string)
        .map_err(|e| Error::eval(format!("utf8->string: invalid UTF-8: {e}")))
}

#[cfg(test)]
mod tests;
