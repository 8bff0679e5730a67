//! Path functions (spec stdlib.md §14): pure string manipulation of paths,
//! plus `path/absolute`, which asks the file system.
//!
//! The answers follow Rust's `std::path` component rules, which is what the
//! spec's table describes: a trailing `/` is ignored when taking the last
//! component, `..` has no file name, a leading `.` does not start an
//! extension. Pairs of functions differ only in what they return when the
//! part is missing: `path/dirname`, `path/basename` and `path/extension` give
//! nil, `path/dir`, `path/filename`, `path/ext` and `path/stem` give `""`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::file::io_error;
use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "path/join",
        Arity::AtLeast(1),
        join,
        "joins path components; an absolute component replaces what precedes it",
    ),
    builtin(
        "path/dirname",
        Arity::Exact(1),
        dirname,
        "the parent path; \"\" for a bare name, nil for the root",
    ),
    builtin(
        "path/dir",
        Arity::Exact(1),
        dir,
        "the parent path, \"\" if none",
    ),
    builtin(
        "path/basename",
        Arity::Exact(1),
        basename,
        "the last component, nil if none",
    ),
    builtin(
        "path/filename",
        Arity::Exact(1),
        filename,
        "the last component, \"\" if none",
    ),
    builtin(
        "path/extension",
        Arity::Exact(1),
        extension,
        "the text after the last dot of the last component, nil if none",
    ),
    builtin(
        "path/ext",
        Arity::Exact(1),
        ext,
        "the text after the last dot of the last component, \"\" if none",
    ),
    builtin(
        "path/stem",
        Arity::Exact(1),
        stem,
        "the last component without its extension, \"\" if none",
    ),
    builtin(
        "path/absolute",
        Arity::Exact(1),
        absolute,
        "the canonical absolute path of an existing file or directory",
    ),
    builtin(
        "path/absolute?",
        Arity::Exact(1),
        is_absolute,
        "whether the path starts at the root",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

fn path_arg(args: &[Value]) -> Result<&Path> {
    match args.first() {
        Some(v) => string(v).map(Path::new),
        None => Err(Error::type_error("string", &Value::NIL)),
    }
}

fn os_string(s: &OsStr) -> Value {
    Value::string(s.to_string_lossy())
}

/// `Some(text)` as a string value, `None` as nil.
fn or_nil(part: Option<&OsStr>) -> Value {
    part.map(os_string).unwrap_or_default()
}

/// `Some(text)` as a string value, `None` as `""`.
fn or_empty(part: Option<&OsStr>) -> Value {
    part.map(os_string).unwrap_or_else(|| Value::string(""))
}

fn join(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let mut joined = PathBuf::new();
    for v in args.iter() {
        joined.push(string(v)?);
    }
    Ok(os_string(joined.as_os_str()))
}

fn dirname(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_nil(path_arg(args)?.parent().map(Path::as_os_str)))
}

fn dir(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_empty(path_arg(args)?.parent().map(Path::as_os_str)))
}

fn basename(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_nil(path_arg(args)?.file_name()))
}

fn filename(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_empty(path_arg(args)?.file_name()))
}

fn extension(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_nil(path_arg(args)?.extension()))
}

fn ext(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_empty(path_arg(args)?.extension()))
}

fn stem(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(or_empty(path_arg(args)?.file_stem()))
}

fn absolute(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let path = path_arg(args)?;
    let canonical = std::fs::canonicalize(path)
        .map_err(|e| io_error("path/absolute", &path.to_string_lossy(), e))?;
    Ok(os_string(canonical.as_os_str()))
}

fn is_absolute(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::bool(path_arg(args)?.is_absolute()))
}

#[cfg(test)]
mod tests {
    use crate::testing::call;
    use sema_core::printer::repr;
    use sema_core::{ErrorKind, Value};

    fn run(name: &str, args: &[&str]) -> String {
        let args: Vec<Value> = args.iter().map(|s| Value::string(*s)).collect();
        repr(&call(name, &args).unwrap())
    }

    #[test]
    fn join_replaces_on_absolute_and_does_not_double_slashes() {
        assert_eq!(
            run("path/join", &["dir", "sub", "f.txt"]),
            "\"dir/sub/f.txt\""
        );
        assert_eq!(run("path/join", &["a", "/b", "c"]), "\"/b/c\"");
        assert_eq!(run("path/join", &["a/", "b"]), "\"a/b\"");
        assert_eq!(run("path/join", &["a"]), "\"a\"");
    }

    #[test]
    fn dirname_and_dir() {
        assert_eq!(run("path/dirname", &["/a/b/c.txt"]), "\"/a/b\"");
        assert_eq!(run("path/dirname", &["c.txt"]), "\"\"");
        assert_eq!(run("path/dirname", &["/"]), "nil");
        assert_eq!(run("path/dirname", &["/a"]), "\"/\"");
        assert_eq!(run("path/dir", &["/"]), "\"\"");
        assert_eq!(run("path/dir", &["/a/b/"]), "\"/a\"");
    }

    #[test]
    fn basename_and_filename() {
        assert_eq!(run("path/basename", &["/a/b/c.txt"]), "\"c.txt\"");
        assert_eq!(run("path/basename", &["/a/b/"]), "\"b\"");
        assert_eq!(run("path/basename", &[".."]), "nil");
        assert_eq!(run("path/basename", &["/"]), "nil");
        assert_eq!(run("path/filename", &[".."]), "\"\"");
        assert_eq!(run("path/filename", &["x/y"]), "\"y\"");
    }

    #[test]
    fn extension_ext_and_stem() {
        assert_eq!(run("path/extension", &["archive.tar.gz"]), "\"gz\"");
        assert_eq!(run("path/extension", &["Makefile"]), "nil");
        assert_eq!(run("path/extension", &[".bashrc"]), "nil");
        assert_eq!(run("path/ext", &["Makefile"]), "\"\"");
        assert_eq!(run("path/ext", &["a.b/c.txt"]), "\"txt\"");
        assert_eq!(run("path/stem", &["/x/a.tar.gz"]), "\"a.tar\"");
        assert_eq!(run("path/stem", &["archive.tar.gz"]), "\"archive.tar\"");
        assert_eq!(run("path/stem", &[".bashrc"]), "\".bashrc\"");
        assert_eq!(run("path/stem", &["/"]), "\"\"");
    }

    #[test]
    fn absolute_and_absolute_predicate() {
        assert_eq!(run("path/absolute?", &["/x"]), "#t");
        assert_eq!(run("path/absolute?", &["x"]), "#f");
        assert_eq!(run("path/absolute", &["/"]), "\"/\"");
        let e = call("path/absolute", &[Value::string("/nonexistent-sema-path")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Io));
        assert_eq!(
            e.message(),
            "path/absolute /nonexistent-sema-path: No such file or directory (os error 2)"
        );
    }

    #[test]
    fn type_and_arity_errors() {
        let e = call("path/join", &[Value::string("a"), Value::int(1)]).unwrap_err();
        assert_eq!(e.message(), "expected string, got int");
        let e = call("path/stem", &[Value::NIL]).unwrap_err();
        assert_eq!(e.message(), "expected string, got nil");
        let e = call("path/join", &[]).unwrap_err();
        assert_eq!(e.message(), "path/join expects 1+ args, got 0");
        let e = call("path/dir", &[]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Arity));
    }
}
