//! Date and time (spec/stdlib.md §21): `time/now`, `time/format`,
//! `time/parse`, `time/date-parts`, `time/add`, `time/diff`.
//!
//! Timestamps are Unix seconds as numbers (ints or floats); every calendar
//! function works in UTC. Formats are chrono's strftime specifiers. A bad
//! format specifier is an `:eval` error, never a panic (chrono reports it
//! through `fmt::Error`, so the text is written with `write!`).

use std::fmt::Write;

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike, Utc};
use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::util::{number, string};
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "time/now",
        Arity::Exact(0),
        now,
        "current Unix time in seconds (float, millisecond precision)",
    ),
    builtin(
        "time/format",
        Arity::Exact(2),
        format,
        "(time/format ts fmt): format a timestamp in UTC with strftime specifiers",
    ),
    builtin(
        "time/parse",
        Arity::Exact(2),
        parse,
        "(time/parse s fmt): Unix seconds (UTC) of a date-time string",
    ),
    builtin(
        "time/date-parts",
        Arity::Exact(1),
        date_parts,
        "{:day :hour :minute :month :second :weekday :year} of a timestamp (UTC)",
    ),
    builtin(
        "time/add",
        Arity::Exact(2),
        add,
        "(time/add ts secs): ts + secs as a float",
    ),
    builtin(
        "time/diff",
        Arity::Exact(2),
        diff,
        "(time/diff a b): a - b as a float",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

const FORMAT_HINT: &str = "time formats use chrono's strftime specifiers such as \
     %Y-%m-%d %H:%M:%S (https://docs.rs/chrono/latest/chrono/format/strftime/)";

fn seconds(v: &Value) -> Result<f64> {
    Ok(number(v)?.to_f64())
}

/// The UTC date-time of a timestamp in seconds; the fractional part becomes
/// nanoseconds, rounding toward negative infinity so that `-0.5` is half a
/// second before the epoch. An out-of-range or non-finite timestamp is an
/// `:eval` error naming `fname`.
fn datetime(ts: f64, fname: &str) -> Result<DateTime<Utc>> {
    let invalid = || {
        Error::eval(format!(
            "{fname}: invalid timestamp {}",
            sema_core::number::format_float(ts)
        ))
    };
    if !ts.is_finite() {
        return Err(invalid());
    }
    let whole = ts.floor();
    if !(-9.0e15..=9.0e15).contains(&whole) {
        return Err(invalid());
    }
    let secs = whole as i64;
    let nanos = (((ts - whole) * 1e9) as u32).min(999_999_999);
    Utc.timestamp_opt(secs, nanos).single().ok_or_else(invalid)
}

fn now(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let t = Utc::now();
    let millis = t.timestamp_millis();
    Ok(Value::float(millis as f64 / 1000.0))
}

fn format(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let dt = datetime(seconds(&args[0])?, "time/format")?;
    let fmt = string(&args[1])?;
    let mut out = String::new();
    write!(out, "{}", dt.format(fmt)).map_err(|_| {
        Error::eval(format!("time/format: invalid format string: {fmt}")).with_hint(FORMAT_HINT)
    })?;
    Ok(Value::string(out))
}

/// Parses wall-clock text as UTC. As in the reference, the result is whole
/// seconds: a parsed fraction of a second is dropped, and an offset in the
/// text (`%z`) is accepted but not applied.
fn parse(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let fmt = string(&args[1])?;
    let naive = NaiveDateTime::parse_from_str(text, fmt)
        .map_err(|e| Error::eval(format!("time/parse: {e}")).with_hint(FORMAT_HINT))?;
    Ok(Value::float(naive.and_utc().timestamp() as f64))
}

fn date_parts(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let dt = datetime(seconds(&args[0])?, "time/date-parts")?;
    let int = |n: u32| Value::int(i64::from(n));
    Ok(Value::map_from([
        (Value::kw("year"), Value::int(i64::from(dt.year()))),
        (Value::kw("month"), int(dt.month())),
        (Value::kw("day"), int(dt.day())),
        (Value::kw("hour"), int(dt.hour())),
        (Value::kw("minute"), int(dt.minute())),
        (Value::kw("second"), int(dt.second())),
        (
            Value::kw("weekday"),
            Value::string(dt.format("%A").to_string()),
        ),
    ]))
}

fn add(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(seconds(&args[0])? + seconds(&args[1])?))
}

fn diff(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::float(seconds(&args[0])? - seconds(&args[1])?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;
    use sema_core::printer::repr;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn r(name: &str, args: &[Value]) -> String {
        repr(&call(name, args).unwrap())
    }

    #[test]
    fn formats_in_utc() {
        assert_eq!(
            r(
                "time/format",
                &[Value::float(86400.5), s("%Y-%m-%dT%H:%M:%S%.3f")]
            ),
            r#""1970-01-02T00:00:00.500""#
        );
        assert_eq!(
            r("time/format", &[Value::int(0), s("%A %b %j %z")]),
            r#""Thursday Jan 001 +0000""#
        );
        assert_eq!(
            r(
                "time/format",
                &[Value::float(-0.5), s("%Y-%m-%d %H:%M:%S%.3f")]
            ),
            r#""1969-12-31 23:59:59.500""#
        );
    }

    #[test]
    fn format_errors() {
        let e = call("time/format", &[Value::int(0), s("%Q")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        let e = call("time/format", &[Value::float(f64::NAN), s("%Y")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        let e = call("time/format", &[Value::float(1e300), s("%Y")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        let e = call("time/format", &[s("0"), s("%Y")]).unwrap_err();
        assert_eq!(e.message(), "expected number, got string");
    }

    #[test]
    fn parses_date_and_time() {
        assert_eq!(
            r(
                "time/parse",
                &[s("2024-01-15 10:30:00"), s("%Y-%m-%d %H:%M:%S")]
            ),
            "1705314600.0"
        );
        assert_eq!(
            r(
                "time/parse",
                &[s("1970-01-02T00:00:00"), s("%Y-%m-%dT%H:%M:%S")]
            ),
            "86400.0"
        );
        let e = call("time/parse", &[s("2024-01-15"), s("%Y-%m-%d")]).unwrap_err();
        assert_eq!(
            e.message(),
            "time/parse: input is not enough for unique date and time"
        );
        let e = call("time/parse", &[s("nope"), s("%Y-%m-%d %H:%M")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
    }

    #[test]
    fn date_parts_of_the_epoch() {
        assert_eq!(
            r("time/date-parts", &[Value::int(0)]),
            r#"{:day 1 :hour 0 :minute 0 :month 1 :second 0 :weekday "Thursday" :year 1970}"#
        );
        assert_eq!(
            r("time/date-parts", &[Value::float(1705314600.9)]),
            r#"{:day 15 :hour 10 :minute 30 :month 1 :second 0 :weekday "Monday" :year 2024}"#
        );
    }

    #[test]
    fn arithmetic_gives_floats() {
        assert_eq!(r("time/add", &[Value::int(10), Value::int(5)]), "15.0");
        assert_eq!(r("time/diff", &[Value::int(10), Value::float(2.5)]), "7.5");
    }

    #[test]
    fn now_is_a_recent_float() {
        let t = call("time/now", &[]).unwrap().as_float().unwrap();
        assert!(t > 1.6e9);
    }
}
