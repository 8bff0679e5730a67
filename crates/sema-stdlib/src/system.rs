//! System and environment (spec stdlib.md §16): environment variables,
//! process arguments, `exit`, `shell`, clocks, and facts about the host.
//!
//! `exit` does not end the process itself: it flushes stdout and returns the
//! `Exit` error, which `try` never catches and the interpreter turns into
//! the process exit status. Nothing here panics on unusual input: variable
//! names that the OS would reject are an `:eval` error, and non-UTF-8
//! environment entries are decoded lossily.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sema_core::io::flush_stdout;
use sema_core::{Arity, Ctx, Error, Result, Sym, Value};

use crate::util::{count, string};
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "env",
        Arity::Exact(1),
        env,
        "the value of an environment variable, or nil",
    ),
    builtin(
        "sys/set-env",
        Arity::Exact(2),
        set_env,
        "sets an environment variable for this process",
    ),
    builtin(
        "sys/env-all",
        Arity::Exact(0),
        env_all,
        "every environment variable as a sorted map from keyword to string",
    ),
    builtin(
        "sys/args",
        Arity::Exact(0),
        sys_args,
        "the raw process argument vector as a list of strings",
    ),
    builtin(
        "exit",
        Arity::Range(0, 1),
        exit,
        "ends the process with the given status (0 if absent or not an int)",
    ),
    builtin(
        "shell",
        Arity::AtLeast(1),
        shell,
        "runs a command and returns {:exit-code :stderr :stdout}",
    ),
    builtin(
        "sleep",
        Arity::Exact(1),
        sleep,
        "blocks for the given number of milliseconds",
    ),
    builtin(
        "time-ms",
        Arity::Exact(0),
        time_ms,
        "milliseconds since the Unix epoch",
    ),
    builtin(
        "sys/elapsed",
        Arity::Exact(0),
        elapsed,
        "nanoseconds since the first call of sys/elapsed",
    ),
    builtin("sys/cwd", Arity::Exact(0), cwd, "the working directory"),
    builtin(
        "sys/home-dir",
        Arity::Exact(0),
        home_dir,
        "$HOME (or $USERPROFILE), else nil",
    ),
    builtin(
        "sys/sema-home",
        Arity::Exact(0),
        sema_home,
        "$SEMA_HOME, else ~/.sema",
    ),
    builtin(
        "sys/temp-dir",
        Arity::Exact(0),
        temp_dir,
        "the OS temporary directory",
    ),
    builtin(
        "sys/hostname",
        Arity::Exact(0),
        hostname,
        "the host name, or nil",
    ),
    builtin(
        "sys/user",
        Arity::Exact(0),
        user,
        "$USER (or $USERNAME), else nil",
    ),
    builtin("sys/pid", Arity::Exact(0), pid, "the process id"),
    builtin(
        "sys/platform",
        Arity::Exact(0),
        platform,
        "\"linux\", \"macos\", \"windows\" or \"unknown\"",
    ),
    builtin(
        "sys/os",
        Arity::Exact(0),
        os,
        "the operating system name Rust was built for",
    ),
    builtin(
        "sys/arch",
        Arity::Exact(0),
        arch,
        "the CPU architecture name",
    ),
    builtin(
        "sys/which",
        Arity::Exact(1),
        which,
        "the first PATH entry holding a file with that name, or nil",
    ),
    builtin(
        "sys/interactive?",
        Arity::Exact(0),
        interactive,
        "whether stdin is a terminal",
    ),
    builtin(
        "sys/tty",
        Arity::Exact(0),
        tty,
        "the terminal device name of stdin, or nil",
    ),
    builtin(
        "sys/interner-stats",
        Arity::Exact(0),
        interner_stats,
        "{:bytes N :count N} of the symbol table",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

static ARGS: OnceLock<Vec<String>> = OnceLock::new();

/// Records the raw process arguments that `sys/args` returns (call once, at start-up).
pub fn set_args(args: Vec<String>) {
    let _ = ARGS.set(args);
}

/// The recorded process arguments (empty if `set_args` was never called).
pub(crate) fn args() -> &'static [String] {
    ARGS.get().map(Vec::as_slice).unwrap_or(&[])
}

/// An environment variable as a string value, or nil if unset or not UTF-8.
fn var_or_nil(names: &[&str]) -> Value {
    names
        .iter()
        .find_map(|n| std::env::var(n).ok())
        .map(Value::string)
        .unwrap_or_default()
}

fn env(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let name = string(&args[0])?;
    Ok(var_or_nil(&[name]))
}

fn set_env(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let name = string(&args[0])?;
    let value = string(&args[1])?;
    // `set_var` panics on these; the OS could not store them anyway.
    if name.is_empty() || name.contains(['=', '\0']) {
        return Err(Error::eval(format!(
            "sys/set-env: invalid variable name {:?}",
            name
        )));
    }
    if value.contains('\0') {
        return Err(Error::eval("sys/set-env: value contains a NUL character"));
    }
    std::env::set_var(name, value);
    Ok(Value::NIL)
}

fn env_all(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let pairs = std::env::vars_os().map(|(k, v)| {
        (
            Value::kw(&k.to_string_lossy()),
            Value::string(v.to_string_lossy()),
        )
    });
    Ok(Value::map_from(pairs))
}

fn sys_args(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::list_from(
        args().iter().map(|a| Value::string(a.as_str())),
    ))
}

fn exit(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    // The OS keeps the low 8 bits of the status; truncating to i32 keeps them.
    let code = args.first().and_then(Value::as_int).unwrap_or(0) as i32;
    flush_stdout();
    Err(Error::exit(code))
}

fn shell(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let words = args
        .iter()
        .map(|v| string(v).map(str::to_string))
        .collect::<Result<Vec<String>>>()?;
    let mut command = match words.as_slice() {
        [line] => {
            let (program, flag) = if cfg!(windows) {
                ("cmd", "/C")
            } else {
                ("sh", "-c")
            };
            let mut c = std::process::Command::new(program);
            c.arg(flag).arg(line);
            c
        }
        [program, rest @ ..] => {
            let mut c = std::process::Command::new(program);
            c.args(rest);
            c
        }
        [] => return Err(Error::arity("shell", Arity::AtLeast(1), 0)),
    };
    let output = command
        .output()
        .map_err(|e| Error::io(format!("shell: {e}")))?;
    let code = output.status.code().unwrap_or(-1);
    Ok(Value::map_from([
        (Value::kw("exit-code"), Value::int(i64::from(code))),
        (
            Value::kw("stderr"),
            Value::string(String::from_utf8_lossy(&output.stderr)),
        ),
        (
            Value::kw("stdout"),
            Value::string(String::from_utf8_lossy(&output.stdout)),
        ),
    ]))
}

fn sleep(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let ms = count(&args[0], "sleep")?;
    crate::util::sleep(ctx, Duration::from_millis(ms as u64))?;
    Ok(Value::NIL)
}

fn time_ms(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Ok(Value::int(ms))
}

fn elapsed(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    static FIRST_CALL: OnceLock<Instant> = OnceLock::new();
    let start = FIRST_CALL.get_or_init(Instant::now);
    let ns = i64::try_from(start.elapsed().as_nanos()).unwrap_or(i64::MAX);
    Ok(Value::int(ns))
}

fn cwd(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let dir = std::env::current_dir().map_err(|e| Error::io(format!("sys/cwd: {e}")))?;
    Ok(Value::string(dir.to_string_lossy()))
}

fn home_dir(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(var_or_nil(&["HOME", "USERPROFILE"]))
}

fn sema_home(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    if let Ok(dir) = std::env::var("SEMA_HOME") {
        return Ok(Value::string(dir));
    }
    let home = std::env::var("HOME")
        .or_else(|_| std::env::var("USERPROFILE"))
        .unwrap_or_default();
    let dir = std::path::Path::new(&home).join(".sema");
    Ok(Value::string(dir.to_string_lossy()))
}

fn temp_dir(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::string(std::env::temp_dir().to_string_lossy()))
}

fn hostname(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(::hostname::get()
        .map(|h| Value::string(h.to_string_lossy()))
        .unwrap_or_default())
}

fn user(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(var_or_nil(&["USER", "USERNAME"]))
}

fn pid(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::int(i64::from(std::process::id())))
}

fn platform(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let name = if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "macos"
    } else if cfg!(target_os = "windows") {
        "windows"
    } else {
        "unknown"
    };
    Ok(Value::string(name))
}

fn os(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::string(std::env::consts::OS))
}

fn arch(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::string(std::env::consts::ARCH))
}

fn which(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let name = string(&args[0])?;
    if name.is_empty() {
        return Ok(Value::NIL);
    }
    let Some(path) = std::env::var_os("PATH") else {
        return Ok(Value::NIL);
    };
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file());
    Ok(found
        .map(|p| Value::string(p.to_string_lossy()))
        .unwrap_or_default())
}

fn interactive(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(std::io::stdin().is_terminal()))
}

/// The device behind stdin, found without `ttyname(3)` (which needs
/// `unsafe`): on Linux `/proc/self/fd/0` links to it; elsewhere nil.
fn tty(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    if !std::io::stdin().is_terminal() {
        return Ok(Value::NIL);
    }
    Ok(std::fs::read_link("/proc/self/fd/0")
        .map(|p| Value::string(p.to_string_lossy()))
        .unwrap_or_default())
}

fn interner_stats(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    let (count, bytes) = Sym::stats();
    let as_int = |n: usize| Value::int(i64::try_from(n).unwrap_or(i64::MAX));
    Ok(Value::map_from([
        (Value::kw("bytes"), as_int(bytes)),
        (Value::kw("count"), as_int(count)),
    ]))
}

#[cfg(test)]
mod tests;
