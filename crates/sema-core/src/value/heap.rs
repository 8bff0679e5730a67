//! Heap object types a [`Value`] can point to. Each type has its own tag in
//! `repr.rs`; all of them are immutable once built except the interior-mutable
//! ones the spec allows (cells, promises, multimethod tables).

use std::any::Any;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Value;
use crate::ctx::Ctx;
use crate::error::Error;
use crate::symbol::Sym;

/// Returns a fresh per-process creation number. Values without structure
/// (functions, promises, ...) are ordered by it (spec D1 follow-up).
pub fn next_object_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A source position: 1-based line and column; `line == 0` means unknown.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const UNKNOWN: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    pub fn is_known(&self) -> bool {
        self.line != 0
    }
}

/// One cell of a proper list. `cdr` is always a list (another cons or the
/// empty list). `pos` is where the reader found the list that starts here.
pub struct Cons {
    pub car: Value,
    pub cdr: Value,
    pub pos: Pos,
}

/// A key of a sorted map or multimethod table, ordered by the total value order.
#[derive(Clone)]
pub struct OrdKey(pub Value);

/// A key of a hash map: structural equality and hashing.
#[derive(Clone)]
pub struct HashKey(pub Value);

/// A sorted map (`{...}` literals, `hash-map`).
#[derive(Clone, Default)]
pub struct MapObj {
    pub entries: BTreeMap<OrdKey, Value>,
}

/// A closure of whichever backend created it. The backend keeps its own code
/// and captured state in `imp` and downcasts it when calling.
pub struct Lambda {
    pub name: Option<Sym>,
    pub id: u64,
    /// Which back end made it (chosen by the back end), so it can recognise
    /// its own closures without a type-id lookup.
    pub backend: u32,
    pub imp: Box<dyn Any>,
}

/// How many arguments a native function accepts.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Arity {
    Exact(u16),
    AtLeast(u16),
    Range(u16, u16),
}

impl Arity {
    pub fn accepts(self, argc: usize) -> bool {
        match self {
            Arity::Exact(n) => argc == n as usize,
            Arity::AtLeast(n) => argc >= n as usize,
            Arity::Range(lo, hi) => (lo as usize..=hi as usize).contains(&argc),
        }
    }
}

impl fmt::Display for Arity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arity::Exact(n) => write!(f, "{n}"),
            Arity::AtLeast(n) => write!(f, "{n}+"),
            Arity::Range(lo, hi) => write!(f, "{lo}-{hi}"),
        }
    }
}

/// The Rust side of a native function. The arguments are passed as a mutable
/// slice so that a native may take ownership of one (`std::mem::take`): a
/// uniquely owned collection can then be updated in place (copy-on-write).
pub type NativeFunc = dyn Fn(&mut dyn Ctx, &mut [Value]) -> Result<Value, Error>;

/// A function implemented in Rust (builtins, record constructors, ...).
pub struct NativeFn {
    pub name: Sym,
    pub id: u64,
    pub arity: Arity,
    func: NativeImpl,
}

/// A plain function pointer for the builtins (one indirect call), a boxed
/// closure for natives that capture state.
enum NativeImpl {
    Plain(NativeFnPtr),
    Boxed(Box<NativeFunc>),
}

/// The signature of a builtin that captures nothing.
pub type NativeFnPtr = fn(&mut dyn Ctx, &mut [Value]) -> Result<Value, Error>;

impl NativeFn {
    pub fn new(name: Sym, arity: Arity, func: Box<NativeFunc>) -> NativeFn {
        NativeFn {
            name,
            id: next_object_id(),
            arity,
            func: NativeImpl::Boxed(func),
        }
    }

    pub fn plain(name: Sym, arity: Arity, func: NativeFnPtr) -> NativeFn {
        NativeFn {
            name,
            id: next_object_id(),
            arity,
            func: NativeImpl::Plain(func),
        }
    }

    /// Calls the function (the arity is the caller's to check).
    #[inline]
    pub fn call(&self, ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value, Error> {
        match &self.func {
            NativeImpl::Plain(f) => f(ctx, args),
            NativeImpl::Boxed(f) => f(ctx, args),
        }
    }
}

/// An instance of a `define-record-type` type.
pub struct Record {
    pub type_name: Sym,
    pub fields: Box<[Value]>,
}

/// A mutable box holding one variable that closures share.
pub struct Cell {
    pub value: RefCell<Value>,
}

/// The state of a `delay` promise.
pub enum PromiseState {
    /// Not forced yet: a zero-argument function computing the value.
    Delayed(Value),
    Forced(Value),
}

pub struct Promise {
    pub id: u64,
    pub state: RefCell<PromiseState>,
}

/// A macro: a transformer function called with the unevaluated argument forms.
pub struct Macro {
    pub name: Sym,
    pub id: u64,
    pub transformer: Value,
}

/// A `defmulti` multimethod: a dispatch function and an open method table.
pub struct MultiMethod {
    pub name: Sym,
    pub id: u64,
    pub dispatch: Value,
    pub methods: RefCell<BTreeMap<OrdKey, Value>>,
    pub default: RefCell<Option<Value>>,
}
