//! Reader, evaluation helpers and debugging (spec stdlib.md §15): `read`,
//! `read-many`, `error`, `gensym`, the assertions, `spy`, `time`, `retry`,
//! and the native `load` that returns a file's forms without running them.
//!
//! Diagnostic output (`spy`, `time`) goes to stderr through
//! `sema_core::io::write_stderr`, which flushes stdout first. `retry` never
//! retries an `exit`: that error passes straight through.

use std::time::{Duration, Instant};

use sema_core::equality::equal;
use sema_core::io::write_stderr;
use sema_core::printer::{display, repr};
use sema_core::symbol::gensym as fresh_symbol;
use sema_core::value::OrdKey;
use sema_core::{Arity, Ctx, Error, Result, Sym, Value};

use crate::file::io_error;
use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "read",
        Arity::Exact(1),
        read,
        "the first form of a string as data; nil for empty input",
    ),
    builtin(
        "read-many",
        Arity::Exact(1),
        read_many,
        "the list of every form of a string",
    ),
    builtin(
        "error",
        Arity::AtLeast(0),
        error,
        "raises an :eval error with the display form of the first argument",
    ),
    builtin(
        "gensym",
        Arity::Range(0, 1),
        gensym,
        "a fresh symbol PREFIX__N (prefix \"g\" by default)",
    ),
    builtin(
        "assert",
        Arity::Range(1, 2),
        assert,
        "#t if the condition is truthy, else an :eval error with the message",
    ),
    builtin(
        "assert=",
        Arity::Exact(2),
        assert_equal,
        "#t if expected and actual are structurally equal, else an :eval error",
    ),
    builtin(
        "spy",
        Arity::Exact(2),
        spy,
        "writes [label] REPR to stderr and returns the value",
    ),
    builtin(
        "time",
        Arity::Exact(1),
        time,
        "calls a thunk, writes the elapsed milliseconds to stderr, returns its value",
    ),
    builtin(
        "retry",
        Arity::Range(1, 2),
        retry,
        "calls a thunk until it succeeds, with exponential back-off between attempts",
    ),
    builtin(
        "load",
        Arity::Exact(1),
        load,
        "the forms of a file as a list, not evaluated (the special form `load` runs them)",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[("io/read-many", "read-many")];

fn read(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    sema_reader::read_one(string(&args[0])?)
}

fn read_many(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let forms = sema_reader::read_all(string(&args[0])?, None)?;
    Ok(Value::list(forms))
}

fn error(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match args.first() {
        Some(v) => Err(Error::eval(display(v))),
        None => Err(Error::eval("error called with no message")),
    }
}

fn gensym(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let prefix = match args.first() {
        Some(v) => string(v)?,
        None => "g",
    };
    Ok(Value::symbol(fresh_symbol(prefix)))
}

fn assert(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if args.first().is_some_and(Value::is_truthy) {
        return Ok(Value::TRUE);
    }
    match args.get(1) {
        Some(message) => Err(Error::eval(display(message))),
        None => Err(Error::eval("assertion failed")),
    }
}

fn assert_equal(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (expected, actual) = (&args[0], &args[1]);
    if equal(expected, actual) {
        Ok(Value::TRUE)
    } else {
        Err(Error::eval(format!(
            "assertion failed: expected {}, got {}",
            repr(expected),
            repr(actual)
        )))
    }
}

fn spy(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let label = string(&args[0])?;
    write_stderr(&format!("[{label}] {}\n", repr(&args[1])));
    Ok(std::mem::take(&mut args[1]))
}

fn time(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let thunk = std::mem::take(&mut args[0]);
    let start = Instant::now();
    let result = ctx.call(&thunk, &mut [])?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    write_stderr(&format!("Elapsed: {ms:.3}ms\n"));
    Ok(result)
}

/// The options of `retry`: attempts (at least 1), first delay in ms, and
/// the factor the delay grows by after each failed attempt.
struct RetryOptions {
    max_attempts: u32,
    base_delay_ms: u64,
    backoff: f64,
}

impl RetryOptions {
    /// Reads `{:max-attempts N :base-delay-ms N :backoff X}`; entries that
    /// are missing or of the wrong type keep their defaults (3, 100, 2.0).
    fn from_value(opts: Option<&Value>) -> RetryOptions {
        let mut o = RetryOptions {
            max_attempts: 3,
            base_delay_ms: 100,
            backoff: 2.0,
        };
        let Some(map) = opts.and_then(Value::as_map) else {
            return o;
        };
        let get = |name: &str| map.entries.get(&OrdKey(Value::kw(name)));
        if let Some(n) = get("max-attempts").and_then(Value::as_int) {
            o.max_attempts = u32::try_from(n.max(1)).unwrap_or(u32::MAX);
        }
        if let Some(n) = get("base-delay-ms").and_then(Value::as_int) {
            o.base_delay_ms = u64::try_from(n).unwrap_or(0);
        }
        if let Some(x) = get("backoff").and_then(Value::as_number) {
            o.backoff = x.to_f64();
        }
        o
    }

    /// The pause after failed attempt number `attempt` (0-based).
    fn delay(&self, attempt: u32) -> Duration {
        let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
        let ms = self.base_delay_ms as f64 * self.backoff.powi(exponent);
        // `as` saturates: NaN gives 0, an overflow gives u64::MAX.
        Duration::from_millis(ms as u64)
    }
}

fn retry(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let thunk = std::mem::take(&mut args[0]);
    if !thunk.is_function() {
        return Err(Error::type_error("function", &thunk));
    }
    let options = RetryOptions::from_value(args.get(1));
    let mut attempt = 0;
    loop {
        match ctx.call(&thunk, &mut []) {
            Ok(v) => return Ok(v),
            // Neither `exit` nor a cancellation is retried.
            Err(e) if e.is_uncatchable() => return Err(e),
            Err(e) => {
                attempt += 1;
                if attempt >= options.max_attempts {
                    return Err(e);
                }
                if options.base_delay_ms > 0 {
                    crate::util::sleep(ctx, options.delay(attempt - 1))?;
                }
            }
        }
    }
}

fn load(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = string(&args[0])?;
    let text = std::fs::read_to_string(path).map_err(|e| io_error("load", path, e))?;
    let forms = sema_reader::read_all(&text, Some(Sym::intern(path)))?;
    Ok(Value::list(forms))
}

#[cfg(test)]
mod tests;
