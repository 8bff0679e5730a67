//! Console I/O and logging (spec stdlib.md §13).
//!
//! Everything written to stdout goes through the one buffered stream in
//! `sema_core::io`; stderr writes flush that buffer first so that output on a
//! terminal stays in order. Reading stdin flushes stdout too, so a prompt
//! written with `display` is visible before the program waits for input.
//! Top-level string arguments are written raw (display form); `print` and
//! nested values use the repr (values-and-printing.md §5.2, §5.3).

use std::io::{BufRead, Read};

use sema_core::io::{flush_stdout, write_stderr, write_stdout};
use sema_core::printer::{pretty, repr, write_display, write_repr};
use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "println",
        Arity::AtLeast(0),
        println,
        "writes the display forms separated by spaces, then a newline",
    ),
    builtin(
        "display",
        Arity::AtLeast(0),
        display,
        "writes the display forms separated by spaces",
    ),
    builtin(
        "print",
        Arity::AtLeast(0),
        print,
        "writes the reprs separated by spaces",
    ),
    builtin("newline", Arity::Exact(0), newline, "writes a newline"),
    builtin(
        "pprint",
        Arity::Exact(1),
        pprint,
        "writes the pretty-printed repr and a newline",
    ),
    builtin(
        "print-error",
        Arity::AtLeast(0),
        print_error,
        "writes the display forms separated by spaces to stderr",
    ),
    builtin(
        "println-error",
        Arity::AtLeast(0),
        println_error,
        "writes the display forms separated by spaces and a newline to stderr",
    ),
    builtin(
        "read-line",
        Arity::Exact(0),
        read_line,
        "one line from stdin without its line ending; \"\" at end of input",
    ),
    builtin(
        "read-stdin",
        Arity::Exact(0),
        read_stdin,
        "all remaining stdin as a string",
    ),
    builtin(
        "log/info",
        Arity::AtLeast(1),
        log_info,
        "writes [INFO] and the message (plus the context map) to stderr",
    ),
    builtin(
        "log/warn",
        Arity::AtLeast(1),
        log_warn,
        "writes [WARN] and the message (plus the context map) to stderr",
    ),
    builtin(
        "log/error",
        Arity::AtLeast(1),
        log_error,
        "writes [ERROR] and the message (plus the context map) to stderr",
    ),
    builtin(
        "log/debug",
        Arity::AtLeast(1),
        log_debug,
        "writes [DEBUG] and the message (plus the context map) to stderr",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("io/read-line", "read-line"),
    ("io/read-stdin", "read-stdin"),
    ("io/print-error", "print-error"),
    ("io/println-error", "println-error"),
];

/// The display forms of `args` joined by single spaces.
pub(crate) fn join_display(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_display(&mut out, v);
    }
    out
}

/// The reprs of `args` joined by single spaces.
fn join_repr(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_repr(&mut out, v);
    }
    out
}

fn println(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut text = join_display(args);
    text.push('\n');
    write_stdout(&text);
    Ok(Value::NIL)
}

fn display(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stdout(&join_display(args));
    Ok(Value::NIL)
}

fn print(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stdout(&join_repr(args));
    Ok(Value::NIL)
}

fn newline(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    write_stdout("\n");
    Ok(Value::NIL)
}

fn pprint(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut text = args.first().map(pretty).unwrap_or_default();
    text.push('\n');
    write_stdout(&text);
    Ok(Value::NIL)
}

fn print_error(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stderr(&join_display(args));
    Ok(Value::NIL)
}

fn println_error(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut text = join_display(args);
    text.push('\n');
    write_stderr(&text);
    Ok(Value::NIL)
}

/// Removes one trailing `\n` or `\r\n`.
pub(crate) fn trim_line_ending(line: &mut String) {
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
}

fn read_line(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    flush_stdout();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io(format!("read-line: {e}")))?;
    trim_line_ending(&mut line);
    Ok(Value::string(line))
}

fn read_stdin(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    flush_stdout();
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .read_to_string(&mut text)
        .map_err(|e| Error::io(format!("read-stdin: {e}")))?;
    Ok(Value::string(text))
}

/// The line `log/LEVEL` writes: `[LEVEL] msg`, then ` ` + the repr of the
/// context map when the context store is non-empty, then a newline.
fn log_line(level: &str, args: &[Value]) -> String {
    let mut line = format!("[{level}] {}", join_display(args));
    if let Some(context) = crate::context::visible_map() {
        line.push(' ');
        line.push_str(&repr(&context));
    }
    line.push('\n');
    line
}

fn log_info(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stderr(&log_line("INFO", args));
    Ok(Value::NIL)
}

fn log_warn(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stderr(&log_line("WARN", args));
    Ok(Value::NIL)
}

fn log_error(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stderr(&log_line("ERROR", args));
    Ok(Value::NIL)
}

fn log_debug(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    write_stderr(&log_line("DEBUG", args));
    Ok(Value::NIL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;
    use sema_core::ErrorKind;

    #[test]
    fn display_join_writes_top_level_strings_raw() {
        let args = [
            Value::string("hi"),
            Value::int(1),
            Value::float(2.0),
            Value::list(vec![Value::string("a\"b"), Value::char('b')]),
        ];
        assert_eq!(join_display(&args), "hi 1 2.0 (\"a\\\"b\" #\\b)");
        assert_eq!(join_display(&[]), "");
    }

    #[test]
    fn repr_join_quotes_and_escapes_strings() {
        let args = [Value::int(1), Value::string("two\n"), Value::char('c')];
        assert_eq!(join_repr(&args), "1 \"two\\n\" #\\c");
    }

    #[test]
    fn log_line_has_level_and_message() {
        let line = log_line("WARN", &[Value::string("w"), Value::int(2)]);
        assert_eq!(line, "[WARN] w 2\n");
    }

    #[test]
    fn log_line_appends_the_context_map() {
        call("context/set", &[Value::kw("user"), Value::string("u")]).unwrap();
        let line = log_line("WARN", &[Value::string("w")]);
        assert_eq!(line, "[WARN] w {:user \"u\"}\n");
        call("context/clear", &[]).unwrap();
        assert_eq!(log_line("INFO", &[Value::string("x")]), "[INFO] x\n");
    }

    #[test]
    fn trim_line_ending_removes_lf_and_crlf_once() {
        for (input, want) in [("a\n", "a"), ("a\r\n", "a"), ("a", "a"), ("a\r", "a\r")] {
            let mut s = input.to_string();
            trim_line_ending(&mut s);
            assert_eq!(s, want);
        }
    }

    #[test]
    fn printing_builtins_return_nil() {
        assert!(call("display", &[]).unwrap().is_nil());
        assert!(call("print", &[]).unwrap().is_nil());
        assert!(call("print-error", &[]).unwrap().is_nil());
    }

    #[test]
    fn arity_errors() {
        let e = call("newline", &[Value::int(1)]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Arity));
        assert_eq!(e.message(), "newline expects 0 args, got 1");
        let e = call("pprint", &[]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Arity));
        let e = call("log/info", &[]).unwrap_err();
        assert_eq!(e.message(), "log/info expects 1+ args, got 0");
        let e = call("io/read-line", &[Value::int(1)]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Arity));
    }
}
