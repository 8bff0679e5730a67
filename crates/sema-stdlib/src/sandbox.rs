//! The sandbox: which builtins need which capability, the policy that denies
//! capabilities or confines file access, and the one place it is enforced.
//!
//! Every builtin is classified in [`GATED`] (needs a named [`Capability`],
//! maybe with path arguments) or [`PURE`] (touches nothing outside the
//! interpreter but stdout, stderr, stdin and the clock). A test requires
//! every name of [`crate::names`] to be classified.
//!
//! Enforcement happens when the builtins are installed: [`crate::install`]
//! reads the policy set by [`with_policy`] on this thread (a scope around
//! the construction of a back end) and wraps each gated builtin whose
//! capability is denied, or whose paths are confined, in a checking native.
//! So a policy is per interpreter, and neither back end needs to know about
//! it. `load` and `import` read files through
//! `sema_expand::modules::read_source`, which consults the guard that
//! [`source_guard`] builds (the embedding API sets it while it evaluates).

use std::cell::RefCell;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use sema_core::{Error, Result, Value};

use crate::Builtin;

/// A capability the sandbox can deny (spec cli.md §7).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Running shell commands (`shell`).
    Shell,
    /// Reading files and directories.
    FsRead,
    /// Creating, changing or removing files and directories.
    FsWrite,
    /// Network access (no builtin uses it yet).
    Network,
    /// Reading environment variables, the arguments and host/user facts.
    EnvRead,
    /// Changing environment variables.
    EnvWrite,
    /// Ending or inspecting the process (`exit`, `sys/pid`).
    Process,
    /// LLM calls (out of scope; nothing uses it).
    Llm,
}

impl Capability {
    /// Every capability, in the spec's order.
    pub const ALL: [Capability; 8] = [
        Capability::Shell,
        Capability::FsRead,
        Capability::FsWrite,
        Capability::Network,
        Capability::EnvRead,
        Capability::EnvWrite,
        Capability::Process,
        Capability::Llm,
    ];

    /// The capability's name as written on the command line and in errors.
    pub fn name(self) -> &'static str {
        match self {
            Capability::Shell => "shell",
            Capability::FsRead => "fs-read",
            Capability::FsWrite => "fs-write",
            Capability::Network => "network",
            Capability::EnvRead => "env-read",
            Capability::EnvWrite => "env-write",
            Capability::Process => "process",
            Capability::Llm => "llm",
        }
    }

    /// The capability named `name`, if any.
    pub fn from_name(name: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.name() == name)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Which arguments of a file builtin are paths that `--allowed-paths` confines.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PathArgs {
    /// No path arguments.
    None,
    /// The first argument.
    First,
    /// The first two arguments (`file/copy`, `file/rename`).
    FirstTwo,
    /// The first argument is a glob pattern: its literal directory prefix.
    Glob,
}

/// How the sandbox treats a builtin.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Class {
    /// Needs no capability.
    Pure,
    /// Needs the capability; its path arguments are confined.
    Gated(Capability, PathArgs),
}

/// Every builtin that needs a capability (canonical names; aliases share
/// their target's row).
pub const GATED: &[(&str, Capability, PathArgs)] = {
    use Capability::*;
    use PathArgs::{First, FirstTwo, Glob};
    &[
        ("shell", Shell, PathArgs::None),
        ("file/read", FsRead, First),
        ("file/read-bytes", FsRead, First),
        ("file/read-lines", FsRead, First),
        ("file/for-each-line", FsRead, First),
        ("file/fold-lines", FsRead, First),
        ("file/exists?", FsRead, First),
        ("file/is-file?", FsRead, First),
        ("file/is-directory?", FsRead, First),
        ("file/is-symlink?", FsRead, First),
        ("file/list", FsRead, First),
        ("file/glob", FsRead, Glob),
        ("file/info", FsRead, First),
        ("path/absolute", FsRead, First),
        ("load", FsRead, First),
        ("file/write", FsWrite, First),
        ("file/write-bytes", FsWrite, First),
        ("file/append", FsWrite, First),
        ("file/write-lines", FsWrite, First),
        ("file/delete", FsWrite, First),
        ("file/rename", FsWrite, FirstTwo),
        ("file/copy", FsWrite, FirstTwo),
        ("file/mkdir", FsWrite, First),
        ("env", EnvRead, PathArgs::None),
        ("sys/env-all", EnvRead, PathArgs::None),
        ("sys/home-dir", EnvRead, PathArgs::None),
        ("sys/user", EnvRead, PathArgs::None),
        ("sys/sema-home", EnvRead, PathArgs::None),
        ("sys/temp-dir", EnvRead, PathArgs::None),
        ("sys/hostname", EnvRead, PathArgs::None),
        ("sys/which", EnvRead, PathArgs::None),
        ("sys/cwd", EnvRead, PathArgs::None),
        ("sys/tty", EnvRead, PathArgs::None),
        ("sys/interactive?", EnvRead, PathArgs::None),
        ("sys/set-env", EnvWrite, PathArgs::None),
        ("exit", Process, PathArgs::None),
        ("sys/pid", Process, PathArgs::None),
        ("sys/args", EnvRead, PathArgs::None),
    ]
};

/// Every builtin that needs no capability: pure computation, console I/O
/// (stdout, stderr, stdin), the clock and random numbers.
pub const PURE: &[&str] = &[
    "+",
    "-",
    "*",
    "/",
    "mod",
    "abs",
    "min",
    "max",
    "floor",
    "ceil",
    "round",
    "truncate",
    "sqrt",
    "pow",
    "log",
    "sin",
    "cos",
    "int",
    "float",
    "bit/and",
    "bit/or",
    "bit/xor",
    "bit/not",
    "bit/shift-left",
    "bit/shift-right",
    "bytevector",
    "make-bytevector",
    "bytevector-length",
    "bytevector-u8-ref",
    "bytevector-u8-set!",
    "bytevector-copy",
    "bytevector-append",
    "bytevector->list",
    "list->bytevector",
    "string->utf8",
    "utf8->string",
    "char->integer",
    "integer->char",
    "char->string",
    "string->char",
    "char-alphabetic?",
    "char-numeric?",
    "char-whitespace?",
    "char-upper-case?",
    "char-lower-case?",
    "char-upcase",
    "char-downcase",
    "char=?",
    "char<?",
    "char>?",
    "char<=?",
    "char>=?",
    "char-ci=?",
    "char-ci<?",
    "char-ci>?",
    "char-ci<=?",
    "char-ci>=?",
    "<",
    ">",
    "<=",
    ">=",
    "=",
    "eq?",
    "equal?",
    "not",
    "println",
    "display",
    "print",
    "newline",
    "pprint",
    "print-error",
    "println-error",
    "read-line",
    "read-stdin",
    "log/info",
    "log/warn",
    "log/error",
    "log/debug",
    "context/set",
    "context/get",
    "context/has?",
    "context/remove",
    "context/pull",
    "context/all",
    "context/merge",
    "context/clear",
    "context/with",
    "context/push",
    "context/stack",
    "context/pop",
    "context/set-hidden",
    "context/get-hidden",
    "context/has-hidden?",
    "string->symbol",
    "symbol->string",
    "string->keyword",
    "keyword->string",
    "number->string",
    "string->number",
    "string->float",
    "csv/parse",
    "csv/parse-maps",
    "csv/encode",
    "read",
    "read-many",
    "error",
    "gensym",
    "assert",
    "assert=",
    "spy",
    "time",
    "retry",
    "hash/sha256",
    "hash/md5",
    "hash/hmac-sha256",
    "base64/encode",
    "base64/decode",
    "base64/encode-bytes",
    "base64/decode-bytes",
    "uuid/v4",
    "map",
    "for-each",
    "filter",
    "list/reject",
    "foldl",
    "foldr",
    "reduce",
    "apply",
    "flat-map",
    "any",
    "every",
    "partition",
    "take-while",
    "list/take-while",
    "drop-while",
    "list/drop-while",
    "list/find",
    "list/sole",
    "list/group-by",
    "list/key-by",
    "tap",
    "sort",
    "sort-by",
    "json/encode",
    "json/encode-pretty",
    "json/decode",
    "list",
    "cons",
    "car",
    "first",
    "cdr",
    "rest",
    "caar",
    "cadr",
    "cdar",
    "cddr",
    "caaar",
    "caadr",
    "cadar",
    "caddr",
    "cdaar",
    "cdadr",
    "cddar",
    "cdddr",
    "nth",
    "last",
    "length",
    "append",
    "reverse",
    "range",
    "iota",
    "make-list",
    "list/repeat",
    "list/times",
    "list/pad",
    "take",
    "drop",
    "list/split-at",
    "list/chunk",
    "list/sliding",
    "list/page",
    "flatten",
    "flatten-deep",
    "zip",
    "list/interleave",
    "interpose",
    "list/cross-join",
    "member",
    "list/index-of",
    "list/unique",
    "list/dedupe",
    "list/duplicates",
    "list/diff",
    "list/intersect",
    "frequencies",
    "assq",
    "assv",
    "list/sum",
    "list/avg",
    "list/median",
    "list/mode",
    "list/min",
    "list/max",
    "list/pluck",
    "list/join",
    "list/shuffle",
    "list/pick",
    "hash-map",
    "get",
    "assoc",
    "dissoc",
    "keys",
    "vals",
    "merge",
    "contains?",
    "count",
    "empty?",
    "map/entries",
    "map/from-entries",
    "map/map-vals",
    "map/map-keys",
    "map/filter",
    "map/select-keys",
    "map/except",
    "map/update",
    "map/sort-keys",
    "map/zip",
    "get-in",
    "assoc-in",
    "update-in",
    "deep-merge",
    "hashmap/new",
    "hashmap/get",
    "hashmap/assoc",
    "hashmap/keys",
    "hashmap/contains?",
    "hashmap/to-map",
    "math/quotient",
    "math/remainder",
    "math/gcd",
    "math/lcm",
    "math/tan",
    "math/asin",
    "math/acos",
    "math/atan",
    "math/atan2",
    "math/exp",
    "math/log10",
    "math/log2",
    "math/sinh",
    "math/cosh",
    "math/tanh",
    "math/degrees->radians",
    "math/radians->degrees",
    "math/random",
    "math/random-int",
    "math/clamp",
    "math/sign",
    "math/lerp",
    "math/map-range",
    "math/nan?",
    "math/infinite?",
    "path/join",
    "path/dirname",
    "path/dir",
    "path/basename",
    "path/filename",
    "path/extension",
    "path/ext",
    "path/stem",
    "path/absolute?",
    "zero?",
    "positive?",
    "negative?",
    "even?",
    "odd?",
    "null?",
    "nil?",
    "list?",
    "pair?",
    "vector?",
    "number?",
    "integer?",
    "float?",
    "string?",
    "symbol?",
    "keyword?",
    "char?",
    "map?",
    "bool?",
    "fn?",
    "bytevector?",
    "record?",
    "promise?",
    "promise-forced?",
    "type",
    "regex/match?",
    "regex/match",
    "regex/find-all",
    "regex/replace",
    "regex/replace-all",
    "regex/split",
    "str",
    "string-append",
    "string-length",
    "string/byte-length",
    "string-ref",
    "substring",
    "string/take",
    "string/chars",
    "string->list",
    "list->string",
    "string/codepoints",
    "string/from-codepoints",
    "string/empty?",
    "string/number?",
    "string/intern",
    "string/contains?",
    "string/starts-with?",
    "string/ends-with?",
    "string/index-of",
    "string/last-index-of",
    "string-ci=?",
    "string/upper",
    "string/lower",
    "string/foldcase",
    "string/capitalize",
    "string/title-case",
    "string/trim",
    "string/trim-left",
    "string/trim-right",
    "string/reverse",
    "string/repeat",
    "string/pad-left",
    "string/pad-right",
    "string/replace",
    "string/replace-first",
    "string/replace-last",
    "string/remove",
    "string/map",
    "string/normalize",
    "string/split",
    "string/join",
    "string/after",
    "string/after-last",
    "string/before",
    "string/before-last",
    "string/between",
    "string/chop-start",
    "string/chop-end",
    "string/ensure-start",
    "string/ensure-end",
    "string/wrap",
    "string/unwrap",
    "string/words",
    "string/snake-case",
    "string/kebab-case",
    "string/camel-case",
    "string/pascal-case",
    "string/headline",
    "format",
    "sleep",
    "time-ms",
    "sys/elapsed",
    "sys/platform",
    "sys/os",
    "sys/arch",
    "sys/interner-stats",
    "term/bold",
    "term/dim",
    "term/italic",
    "term/underline",
    "term/inverse",
    "term/strikethrough",
    "term/black",
    "term/red",
    "term/green",
    "term/yellow",
    "term/blue",
    "term/magenta",
    "term/cyan",
    "term/white",
    "term/gray",
    "term/style",
    "term/rgb",
    "term/strip",
    "text/word-count",
    "text/clean-whitespace",
    "text/normalize-newlines",
    "text/trim-indent",
    "text/truncate",
    "text/strip-html",
    "text/split-sentences",
    "text/chunk-by-separator",
    "text/chunk",
    "text/excerpt",
    "prompt/template",
    "prompt/render",
    "document/create",
    "document/text",
    "document/metadata",
    "document/chunk",
    "time/now",
    "time/format",
    "time/parse",
    "time/date-parts",
    "time/add",
    "time/diff",
    "toml/decode",
    "toml/encode",
    "vector",
    "list->vector",
    "vector->list",
];

/// The sandbox class of a builtin or alias name; `None` if unclassified.
pub fn classify(name: &str) -> Option<Class> {
    classify_row(crate::find(name).map_or(name, |b| b.name))
}

/// `classify` for the name of a builtin row (not an alias).
fn classify_row(target: &str) -> Option<Class> {
    if let Some((_, cap, paths)) = GATED.iter().find(|(n, _, _)| *n == target) {
        return Some(Class::Gated(*cap, *paths));
    }
    PURE.contains(&target).then_some(Class::Pure)
}

/// The capability a builtin needs, if any.
pub fn capability(name: &str) -> Option<Capability> {
    match classify(name) {
        Some(Class::Gated(cap, _)) => Some(cap),
        _ => None,
    }
}

/// What an interpreter may do: denied capabilities and, optionally, the
/// directories file access is confined to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    denied: u16,
    allowed_paths: Option<Vec<PathBuf>>,
}

impl Policy {
    /// Everything allowed (no sandbox).
    pub fn allow_all() -> Policy {
        Policy::default()
    }

    /// Parses a `--sandbox` MODE: `strict` (deny shell, fs-write, network,
    /// env-write, process, llm), `all` (deny every capability), or a comma
    /// list of `no-CAPABILITY` items such as `no-shell,no-network`.
    pub fn from_mode(mode: &str) -> std::result::Result<Policy, String> {
        let mut p = Policy::default();
        match mode.trim() {
            "strict" => {
                for c in [
                    Capability::Shell,
                    Capability::FsWrite,
                    Capability::Network,
                    Capability::EnvWrite,
                    Capability::Process,
                    Capability::Llm,
                ] {
                    p.deny(c);
                }
            }
            "all" => Capability::ALL.into_iter().for_each(|c| p.deny(c)),
            list => {
                for item in list.split(',').map(str::trim) {
                    let cap = item
                        .strip_prefix("no-")
                        .and_then(Capability::from_name)
                        .ok_or_else(|| bad_mode(mode, item))?;
                    p.deny(cap);
                }
            }
        }
        Ok(p)
    }

    /// Denies a capability.
    pub fn deny(&mut self, cap: Capability) {
        self.denied |= cap.bit();
    }

    /// Whether a capability is allowed.
    pub fn allows(&self, cap: Capability) -> bool {
        self.denied & cap.bit() == 0
    }

    /// Confines file access to these directories (each canonicalised; a
    /// directory that cannot be resolved is an error).
    pub fn set_allowed_paths<P: AsRef<Path>>(
        &mut self,
        dirs: &[P],
    ) -> std::result::Result<(), String> {
        let mut out = Vec::new();
        for d in dirs {
            let d = d.as_ref();
            let c = std::fs::canonicalize(d)
                .map_err(|e| format!("--allowed-paths: {}: {e}", d.display()))?;
            out.push(c);
        }
        self.allowed_paths = Some(out);
        Ok(())
    }

    /// The directories file access is confined to, if confined.
    pub fn allowed_paths(&self) -> Option<&[PathBuf]> {
        self.allowed_paths.as_deref()
    }

    /// True when the policy denies nothing and confines nothing.
    pub fn is_unrestricted(&self) -> bool {
        self.denied == 0 && self.allowed_paths.is_none()
    }

    /// Checks a capability for `function`.
    pub fn check_capability(&self, function: &str, cap: Capability) -> Result<()> {
        if self.allows(cap) {
            Ok(())
        } else {
            Err(Error::permission_denied(function, cap.name()))
        }
    }

    /// Checks that `path` (relative to the working directory) resolves
    /// inside an allowed directory. Symbolic links are resolved, so a link
    /// or a `..` that leaves the allowed directories is denied.
    pub fn check_path(&self, function: &str, path: &str) -> Result<()> {
        let Some(dirs) = &self.allowed_paths else {
            return Ok(());
        };
        match resolve(Path::new(path)) {
            Some(p) if dirs.iter().any(|d| p.starts_with(d)) => Ok(()),
            _ => Err(Error::path_denied(function, path)),
        }
    }

    /// Checks a call of a builtin of class `Gated(cap, paths)`.
    fn check_call(
        &self,
        function: &str,
        cap: Capability,
        paths: PathArgs,
        args: &[Value],
    ) -> Result<()> {
        self.check_capability(function, cap)?;
        if self.allowed_paths.is_none() {
            return Ok(());
        }
        let n = match paths {
            PathArgs::None => 0,
            PathArgs::First | PathArgs::Glob => 1,
            PathArgs::FirstTwo => 2,
        };
        for arg in args.iter().take(n) {
            // A non-string argument is left to the builtin's own type error.
            if let Some(p) = arg.as_str() {
                if paths == PathArgs::Glob {
                    self.check_path(function, &glob_prefix(p))?;
                } else {
                    self.check_path(function, p)?;
                }
            }
        }
        Ok(())
    }

    /// Checks a source file read by `load` or `import` (fs-read, confined).
    pub fn check_source(&self, function: &str, path: &Path) -> Result<()> {
        self.check_capability(function, Capability::FsRead)?;
        self.check_path(function, &path.to_string_lossy())
    }
}

fn bad_mode(mode: &str, item: &str) -> String {
    format!(
        "invalid sandbox mode '{mode}': unknown item '{item}' (expected strict, all, or a comma \
         list of no-CAPABILITY with CAPABILITY one of shell, fs-read, fs-write, network, \
         env-read, env-write, process, llm)"
    )
}

/// The literal directory part of a glob pattern (before the first component
/// with a wildcard); `.` when the pattern starts with one.
fn glob_prefix(pattern: &str) -> String {
    let mut out = PathBuf::new();
    for comp in Path::new(pattern).components() {
        let s = comp.as_os_str().to_string_lossy();
        if s.contains(['*', '?', '[', ']', '{', '}']) {
            break;
        }
        out.push(comp);
    }
    if out.as_os_str().is_empty() {
        ".".to_string()
    } else {
        out.to_string_lossy().into_owned()
    }
}

/// The absolute, symlink-free form of `path`, which need not exist: the
/// longest existing prefix is canonicalised and the rest appended. `None`
/// when the rest climbs with `..` or names a dangling symbolic link (which
/// a write would follow).
fn resolve(path: &Path) -> Option<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let comps: Vec<Component> = abs.components().collect();
    for keep in (1..=comps.len()).rev() {
        let prefix: PathBuf = comps[..keep].iter().collect();
        let Ok(mut out) = std::fs::canonicalize(&prefix) else {
            continue;
        };
        for comp in &comps[keep..] {
            match comp {
                Component::Normal(name) => {
                    out.push(name);
                    if std::fs::symlink_metadata(&out).is_ok() {
                        // Exists but did not canonicalise: a dangling link.
                        return None;
                    }
                }
                Component::CurDir => {}
                _ => return None,
            }
        }
        return Some(out);
    }
    None
}

thread_local! {
    static INSTALL_POLICY: RefCell<Option<Rc<Policy>>> = const { RefCell::new(None) };
}

/// Runs `f` (which constructs a back end) with `policy` as the policy that
/// [`crate::install`] applies on this thread, then restores the previous one.
pub fn with_policy<R>(policy: &Policy, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<Policy>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            INSTALL_POLICY.with(|p| *p.borrow_mut() = prev);
        }
    }
    let new = (!policy.is_unrestricted()).then(|| Rc::new(policy.clone()));
    let prev = INSTALL_POLICY.with(|p| std::mem::replace(&mut *p.borrow_mut(), new));
    let _restore = Restore(prev);
    f()
}

/// The native value `install` binds for a builtin under the current policy:
/// the plain builtin, or a wrapper that checks its capability and paths.
pub(crate) fn install_value(b: &'static Builtin) -> Value {
    // PERF: without a sandbox (the common case) nothing is looked up:
    // classifying every builtin by name made start-up quadratic in the
    // number of builtins (1.5M of `sema -e 1`'s 4M instructions).
    let Some(policy) = INSTALL_POLICY.with(|p| p.borrow().clone()) else {
        return crate::native_value(b);
    };
    let Some(Class::Gated(cap, paths)) = classify_row(b.name) else {
        return crate::native_value(b);
    };
    let f = b.func;
    let name = b.name;
    if !policy.allows(cap) {
        return Value::native(name, b.arity, move |_, _| {
            Err(Error::permission_denied(name, cap.name()))
        });
    }
    if policy.allowed_paths.is_none() || paths == PathArgs::None {
        return crate::native_value(b);
    }
    Value::native(name, b.arity, move |ctx, args| {
        policy.check_call(name, cap, paths, args)?;
        f(ctx, args)
    })
}

/// The check `load` and `import` make before reading a source file under
/// `policy` (for `sema_expand::modules::set_source_guard`); `None` when the
/// policy restricts nothing.
#[allow(clippy::type_complexity)]
pub fn source_guard(policy: &Policy) -> Option<Rc<dyn Fn(&str, &Path) -> Result<()>>> {
    if policy.allows(Capability::FsRead) && policy.allowed_paths.is_none() {
        return None;
    }
    let policy = policy.clone();
    Some(Rc::new(move |what: &str, path: &Path| {
        policy.check_source(what, path)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_classified() {
        let missing: Vec<&str> = crate::names()
            .into_iter()
            .filter(|n| classify(n).is_none())
            .collect();
        assert!(missing.is_empty(), "unclassified builtins: {missing:?}");
    }

    #[test]
    fn table_rows_name_real_builtins_once() {
        let mut seen = std::collections::HashSet::new();
        for name in GATED.iter().map(|r| r.0).chain(PURE.iter().copied()) {
            let b = crate::find(name).unwrap_or_else(|| panic!("no builtin {name}"));
            assert_eq!(b.name, name, "{name} is an alias; classify its target");
            assert!(seen.insert(name), "{name} classified twice");
        }
    }

    #[test]
    fn system_touching_builtins_are_gated() {
        // Any name in these areas touches files, the environment or the process.
        for name in crate::names() {
            let gated = capability(name).is_some();
            let touches = name.starts_with("file/")
                || (name.starts_with("sys/")
                    && !matches!(
                        name,
                        "sys/os"
                            | "sys/arch"
                            | "sys/platform"
                            | "sys/elapsed"
                            | "sys/interner-stats"
                    ))
                || matches!(name, "shell" | "env" | "exit" | "load" | "path/absolute");
            assert_eq!(gated, touches, "{name}");
        }
        assert_eq!(capability("shell"), Some(Capability::Shell));
        assert_eq!(capability("file/write"), Some(Capability::FsWrite));
        assert_eq!(capability("+"), None);
    }

    #[test]
    fn modes() {
        let s = Policy::from_mode("strict").unwrap();
        for c in Capability::ALL {
            let denied = !matches!(c, Capability::FsRead | Capability::EnvRead);
            assert_eq!(!s.allows(c), denied, "{c:?}");
        }
        let a = Policy::from_mode("all").unwrap();
        assert!(Capability::ALL.iter().all(|c| !a.allows(*c)));
        let l = Policy::from_mode("no-shell,no-network").unwrap();
        assert!(!l.allows(Capability::Shell) && !l.allows(Capability::Network));
        assert!(l.allows(Capability::FsRead));
        for bad in [
            "",
            "none",
            "no-shell,",
            "shell",
            "no-disk",
            "strict,no-shell",
        ] {
            assert!(Policy::from_mode(bad).is_err(), "{bad}");
        }
        assert!(Policy::allow_all().is_unrestricted());
    }

    #[test]
    fn denied_builtin_raises_permission_denied() {
        let p = Policy::from_mode("no-shell").unwrap();
        let v = with_policy(&p, || install_value(crate::find("shell").unwrap()));
        let f = v.as_native().unwrap();
        let e = f
            .call(&mut crate::testing::TestCtx, &mut [Value::string("true")])
            .unwrap_err();
        assert_eq!(e.type_keyword(), "permission-denied");
        assert_eq!(e.message(), "shell requires 'shell' capability");
        // Outside the scope the plain builtin is installed again.
        let plain = install_value(crate::find("sys/pid").unwrap());
        assert!(plain
            .as_native()
            .unwrap()
            .call(&mut crate::testing::TestCtx, &mut [])
            .is_ok());
    }

    #[test]
    fn paths_are_confined() {
        let base = std::env::temp_dir().join(format!("sema-sandbox-{}", std::process::id()));
        let inside = base.join("inside");
        let outside = base.join("outside");
        std::fs::create_dir_all(&inside).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret"), "s").unwrap();
        let mut p = Policy::allow_all();
        p.set_allowed_paths(&[&inside]).unwrap();
        let s = |p: &Path| p.to_string_lossy().into_owned();
        assert!(p.check_path("f", &s(&inside.join("new.txt"))).is_ok());
        assert!(p.check_path("f", &s(&inside.join("a/./b"))).is_ok());
        assert!(p
            .check_path("f", &s(&inside.join("../outside/secret")))
            .is_err());
        assert!(p.check_path("f", &s(&outside.join("secret"))).is_err());
        assert!(p.check_path("f", "/etc/passwd").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, inside.join("link")).unwrap();
            std::os::unix::fs::symlink(outside.join("nope"), inside.join("dangling")).unwrap();
            assert!(p.check_path("f", &s(&inside.join("link/secret"))).is_err());
            assert!(p.check_path("f", &s(&inside.join("dangling"))).is_err());
        }
        let e = p.check_path("file/read", "/etc/passwd").unwrap_err();
        assert_eq!(e.type_keyword(), "permission-denied");
        assert_eq!(glob_prefix("a/b/*.txt"), "a/b");
        assert_eq!(glob_prefix("*.txt"), ".");
        assert!(p.set_allowed_paths(&["/nonexistent-sema-dir"]).is_err());
        let _ = std::fs::remove_dir_all(&base);
    }
}
