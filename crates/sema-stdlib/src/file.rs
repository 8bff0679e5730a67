//! File functions (spec stdlib.md §14): reading, writing, streaming lines,
//! directory queries.
//!
//! Paths are strings relative to the process working directory. Every OS
//! failure becomes an `:io` error `FUNCTION PATH: <os error text>`.
//! `file/for-each-line` and `file/fold-lines` stream: one read buffer and one
//! line buffer are reused, so a file of any size is processed in constant
//! memory (apart from what the callback keeps).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::time::UNIX_EPOCH;

use sema_core::printer::write_display;
use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::console::trim_line_ending;
use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "file/read",
        Arity::Exact(1),
        read,
        "the whole file as a string",
    ),
    builtin(
        "file/read-bytes",
        Arity::Exact(1),
        read_bytes,
        "the whole file as a bytevector",
    ),
    builtin(
        "file/write",
        Arity::Exact(2),
        write,
        "creates or truncates the file and writes a string",
    ),
    builtin(
        "file/write-bytes",
        Arity::Exact(2),
        write_bytes,
        "creates or truncates the file and writes a bytevector",
    ),
    builtin(
        "file/append",
        Arity::Exact(2),
        append,
        "appends a string to the file, creating it if needed",
    ),
    builtin(
        "file/read-lines",
        Arity::Exact(1),
        read_lines,
        "the file split on newlines (a trailing newline gives a final \"\")",
    ),
    builtin(
        "file/write-lines",
        Arity::Exact(2),
        write_lines,
        "writes the display forms of a list joined with newlines",
    ),
    builtin(
        "file/for-each-line",
        Arity::Exact(2),
        for_each_line,
        "streams the lines of a file, calling (f line) for each",
    ),
    builtin(
        "file/fold-lines",
        Arity::Exact(3),
        fold_lines,
        "streams the lines of a file, folding (f acc line) from init",
    ),
    builtin(
        "file/exists?",
        Arity::Exact(1),
        exists,
        "whether a file or directory exists",
    ),
    builtin(
        "file/is-file?",
        Arity::Exact(1),
        is_file,
        "whether the path is a regular file",
    ),
    builtin(
        "file/is-directory?",
        Arity::Exact(1),
        is_directory,
        "whether the path is a directory",
    ),
    builtin(
        "file/is-symlink?",
        Arity::Exact(1),
        is_symlink,
        "whether the path is a symbolic link",
    ),
    builtin("file/delete", Arity::Exact(1), delete, "removes a file"),
    builtin(
        "file/rename",
        Arity::Exact(2),
        rename,
        "renames or moves a file",
    ),
    builtin(
        "file/copy",
        Arity::Exact(2),
        copy,
        "copies a file's contents",
    ),
    builtin(
        "file/mkdir",
        Arity::Exact(1),
        mkdir,
        "creates a directory and any missing parents",
    ),
    builtin(
        "file/list",
        Arity::Exact(1),
        list,
        "the entry names of a directory, in OS order",
    ),
    builtin(
        "file/glob",
        Arity::Exact(1),
        glob,
        "the paths matching a shell glob pattern, sorted",
    ),
    builtin(
        "file/info",
        Arity::Exact(1),
        info,
        "{:is-dir :is-file :modified :size} of a path (modified in ms since the epoch)",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// The `:io` error of an OS failure: `FUNCTION PATH: <os error text>`.
pub(crate) fn io_error(function: &str, path: &str, e: std::io::Error) -> Error {
    Error::io(format!("{function} {path}: {e}"))
}

/// The string argument `i` as an owned path.
fn path_arg(args: &[Value], i: usize) -> Result<String> {
    match args.get(i) {
        Some(v) => string(v).map(str::to_string),
        None => Err(Error::type_error("string", &Value::NIL)),
    }
}

fn read(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let text = fs::read_to_string(&path).map_err(|e| io_error("file/read", &path, e))?;
    Ok(Value::string(text))
}

fn read_bytes(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let bytes = fs::read(&path).map_err(|e| io_error("file/read-bytes", &path, e))?;
    Ok(Value::bytevector(bytes))
}

fn write(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let text = string(&args[1])?;
    fs::write(&path, text).map_err(|e| io_error("file/write", &path, e))?;
    Ok(Value::NIL)
}

fn write_bytes(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let bytes = args[1]
        .as_bytevector()
        .ok_or_else(|| Error::type_error("bytevector", &args[1]))?;
    fs::write(&path, bytes).map_err(|e| io_error("file/write-bytes", &path, e))?;
    Ok(Value::NIL)
}

fn append(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let text = string(&args[1])?;
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| io_error("file/append", &path, e))?;
    Ok(Value::NIL)
}

fn read_lines(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let text = fs::read_to_string(&path).map_err(|e| io_error("file/read-lines", &path, e))?;
    Ok(Value::list_from(text.split('\n').map(Value::string)))
}

fn write_lines(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let items = args[1]
        .seq_to_vec()
        .ok_or_else(|| Error::type_error("list or vector", &args[1]))?;
    let mut text = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        write_display(&mut text, item);
    }
    fs::write(&path, text).map_err(|e| io_error("file/write-lines", &path, e))?;
    Ok(Value::NIL)
}

/// Reads a file line by line, reusing one buffer, and hands each line
/// (without its `\n` / `\r\n`) to `each`. Stops at the first error.
fn stream_lines(
    function: &str,
    path: &str,
    mut each: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let file = fs::File::open(path).map_err(|e| io_error(function, path, e))?;
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| io_error(function, path, e))?;
        if n == 0 {
            return Ok(());
        }
        trim_line_ending(&mut line);
        each(&line)?;
    }
}

fn for_each_line(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let f = std::mem::take(&mut args[1]);
    stream_lines("file/for-each-line", &path, |line| {
        ctx.call(&f, &mut [Value::string(line)]).map(drop)
    })?;
    Ok(Value::NIL)
}

fn fold_lines(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let f = std::mem::take(&mut args[1]);
    let mut acc = std::mem::take(&mut args[2]);
    stream_lines("file/fold-lines", &path, |line| {
        // The accumulator moves into the call, so a uniquely owned map stays
        // unique and the callee may update it in place.
        let mut call_args = [std::mem::take(&mut acc), Value::string(line)];
        acc = ctx.call(&f, &mut call_args)?;
        Ok(())
    })?;
    Ok(acc)
}

fn exists(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    Ok(Value::bool(Path::new(&path).exists()))
}

fn is_file(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    Ok(Value::bool(Path::new(&path).is_file()))
}

fn is_directory(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    Ok(Value::bool(Path::new(&path).is_dir()))
}

fn is_symlink(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    Ok(Value::bool(Path::new(&path).is_symlink()))
}

fn delete(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    fs::remove_file(&path).map_err(|e| io_error("file/delete", &path, e))?;
    Ok(Value::NIL)
}

fn rename(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let from = path_arg(args, 0)?;
    let to = path_arg(args, 1)?;
    fs::rename(&from, &to).map_err(|e| io_error("file/rename", &format!("{from} -> {to}"), e))?;
    Ok(Value::NIL)
}

fn copy(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let from = path_arg(args, 0)?;
    let to = path_arg(args, 1)?;
    fs::copy(&from, &to).map_err(|e| io_error("file/copy", &format!("{from} -> {to}"), e))?;
    Ok(Value::NIL)
}

fn mkdir(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    fs::create_dir_all(&path).map_err(|e| io_error("file/mkdir", &path, e))?;
    Ok(Value::NIL)
}

fn list(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let entries = fs::read_dir(&path).map_err(|e| io_error("file/list", &path, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error("file/list", &path, e))?;
        names.push(Value::string(entry.file_name().to_string_lossy()));
    }
    Ok(Value::list(names))
}

fn glob(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let pattern = path_arg(args, 0)?;
    let paths = glob::glob(&pattern)
        .map_err(|e| Error::eval(format!("file/glob: invalid pattern: {e}")))?;
    let mut found = Vec::new();
    for entry in paths {
        let path = entry.map_err(|e| Error::io(format!("file/glob {pattern}: {e}")))?;
        found.push(path.to_string_lossy().into_owned());
    }
    found.sort();
    Ok(Value::list_from(found.into_iter().map(Value::string)))
}

fn info(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args, 0)?;
    let meta = fs::metadata(&path).map_err(|e| io_error("file/info", &path, e))?;
    let mut entries = vec![
        (Value::kw("is-dir"), Value::bool(meta.is_dir())),
        (Value::kw("is-file"), Value::bool(meta.is_file())),
        (
            Value::kw("size"),
            Value::int(i64::try_from(meta.len()).unwrap_or(i64::MAX)),
        ),
    ];
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok());
    if let Some(d) = modified {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        entries.push((Value::kw("modified"), Value::int(ms)));
    }
    Ok(Value::map_from(entries))
}

#[cfg(test)]
mod tests;
