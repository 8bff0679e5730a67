//! Interned names for symbols and keywords.
//!
//! A [`Sym`] is a `u32` index into one process-wide table. Names are never
//! freed, so `Sym::name` can hand out `&'static str`. The well-known names in
//! [`sym`] are interned first, in a fixed order, so their ids are constants.

use std::fmt;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// An interned name.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

struct Interner {
    ids: rustc_hash::FxHashMap<&'static str, u32>,
    names: Vec<&'static str>,
    bytes: usize,
}

fn interner() -> MutexGuard<'static, Interner> {
    static TABLE: OnceLock<Mutex<Interner>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Interner {
            ids: rustc_hash::FxHashMap::with_capacity_and_hasher(2048, Default::default()),
            names: Vec::with_capacity(2048),
            bytes: 0,
        };
        for name in sym::WELL_KNOWN {
            t.insert(name);
        }
        Mutex::new(t)
    });
    // A panic while holding the lock cannot leave the table inconsistent
    // (inserts are a push and a map insert), so a poisoned lock is still usable.
    table.lock().unwrap_or_else(|e| e.into_inner())
}

impl Interner {
    fn insert(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let stored: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let id = self.names.len() as u32;
        self.names.push(stored);
        self.ids.insert(stored, id);
        self.bytes += stored.len();
        id
    }
}

impl Sym {
    /// Interns `name`, returning the same `Sym` for equal names.
    pub fn intern(name: &str) -> Sym {
        Sym(interner().insert(name))
    }

    /// The symbol with a given id; ids come from `Sym::id`.
    pub(crate) fn from_id(id: u32) -> Sym {
        Sym(id)
    }

    pub fn id(self) -> u32 {
        self.0
    }

    /// The interned text.
    pub fn name(self) -> &'static str {
        interner()
            .names
            .get(self.0 as usize)
            .copied()
            .unwrap_or("?")
    }

    /// (count, bytes) of the table, for `sys/interner-stats`.
    pub fn stats() -> (usize, usize) {
        let t = interner();
        (t.names.len(), t.bytes)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sym({})", self.name())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! well_known {
    ($($id:ident = $text:expr),* $(,)?) => {
        /// Names interned at start-up with fixed ids.
        pub mod sym {
            use super::Sym;
            pub(super) const WELL_KNOWN: &[&str] = &[$($text),*];
            well_known!(@consts 0u32; $($id)*);
        }
    };
    (@consts $n:expr; $id:ident $($rest:ident)*) => {
        pub const $id: Sym = Sym($n);
        well_known!(@consts $n + 1; $($rest)*);
    };
    (@consts $n:expr;) => {};
}

well_known! {
    QUOTE = "quote",
    QUASIQUOTE = "quasiquote",
    UNQUOTE = "unquote",
    UNQUOTE_SPLICING = "unquote-splicing",
    DEFINE = "define",
    DEF = "def",
    DEFUN = "defun",
    DEFN = "defn",
    SET = "set!",
    LAMBDA = "lambda",
    FN = "fn",
    IF = "if",
    COND = "cond",
    CASE = "case",
    WHEN = "when",
    UNLESS = "unless",
    MATCH = "match",
    AND = "and",
    OR = "or",
    LET = "let",
    LET_STAR = "let*",
    LETREC = "letrec",
    BEGIN = "begin",
    PROGN = "progn",
    DO = "do",
    WHILE = "while",
    DEFMACRO = "defmacro",
    MACROEXPAND = "macroexpand",
    EVAL = "eval",
    DELAY = "delay",
    FORCE = "force",
    DEFINE_RECORD_TYPE = "define-record-type",
    DEFMULTI = "defmulti",
    DEFMETHOD = "defmethod",
    TRY = "try",
    CATCH = "catch",
    THROW = "throw",
    MODULE = "module",
    EXPORT = "export",
    IMPORT = "import",
    LOAD = "load",
    PROMPT = "prompt",
    MESSAGE = "message",
    DEFTOOL = "deftool",
    DEFAGENT = "defagent",
    ELSE = "else",
    DOT = ".",
    AMP = "&",
    UNDERSCORE = "_",
    STR = "str",
    KEYS = "keys",
    DEFAULT = "default",
    TYPE = "type",
    STACK_TRACE = "stack-trace",
    EXPECTED = "expected",
    GOT = "got",
    NAME = "name",
    VALUE = "value",
    FUNCTION = "function",
    CAPABILITY = "capability",
    PATH = "path",
    FILE = "file",
    LINE = "line",
    COL = "col",
    OMITTED = "omitted",
    READER = "reader",
    TYPE_ERROR = "type-error",
    ARITY = "arity",
    UNBOUND = "unbound",
    IO = "io",
    PERMISSION_DENIED = "permission-denied",
    USER = "user",
    PERCENT = "%",
    NOT = "not",
    NIL_P = "nil?",
}

/// Returns a fresh symbol `PREFIX__N`. One process-wide counter serves both
/// `gensym` and auto-gensym (`foo#` in quasiquote), starting at 0.
pub fn gensym(prefix: &str) -> Sym {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    Sym::intern(&format!("{prefix}__{n}"))
}
