//! Argument helpers shared by the builtin modules.
#![allow(dead_code)]

use sema_core::{Error, Num, Result, Value};

/// The elements of a list or vector; otherwise the type error
/// `expected list or vector, got TYPE in NAME`.
pub(crate) fn seq(v: &Value, fname: &str) -> Result<Vec<Value>> {
    v.seq_to_vec().ok_or_else(|| {
        Error::type_error_names("list or vector", format!("{} in {fname}", v.type_name()))
    })
}

pub(crate) fn int(v: &Value) -> Result<i64> {
    v.as_int().ok_or_else(|| Error::type_error("int", v))
}

pub(crate) fn number(v: &Value) -> Result<Num> {
    v.as_number().ok_or_else(|| Error::type_error("number", v))
}

pub(crate) fn string(v: &Value) -> Result<&str> {
    v.as_str().ok_or_else(|| Error::type_error("string", v))
}

pub(crate) fn char(v: &Value) -> Result<char> {
    v.as_char().ok_or_else(|| Error::type_error("char", v))
}

/// A non-negative count or index; negative values are an `:eval` error naming `fname`.
pub(crate) fn count(v: &Value, fname: &str) -> Result<usize> {
    let n = int(v)?;
    usize::try_from(n)
        .map_err(|_| Error::eval(format!("{fname}: expected a non-negative integer, got {n}")))
}

/// Sleeps for `d`, waking every millisecond to let the evaluator check for
/// cancellation and the timeout (`ctx.poll_interrupt`, one step each), so
/// a long sleep cannot outlast `--timeout` or ignore a cancel.
pub(crate) fn sleep(ctx: &mut dyn sema_core::Ctx, d: std::time::Duration) -> Result<()> {
    const SLICE: std::time::Duration = std::time::Duration::from_millis(1);
    let start = std::time::Instant::now();
    loop {
        let left = d.saturating_sub(start.elapsed());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(SLICE));
        ctx.poll_interrupt()?;
    }
}
