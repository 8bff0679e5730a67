//! Core of the Sema interpreter: the NaN-boxed [`Value`], heap object types,
//! interned symbols, the [`Error`] type, printing, equality, the total value
//! order, hashing, and the [`Ctx`] trait through which natives call back into
//! whichever evaluator is running.

pub mod ctx;
pub mod equality;
pub mod error;
pub mod hash;
pub mod io;
pub mod limits;
pub mod number;
pub mod order;
pub mod printer;
pub mod symbol;
pub mod value;

pub use ctx::Ctx;
pub use error::{Error, ErrorKind, Result, Span, TraceFrame};
pub use limits::{CancelHandle, Limits};
pub use symbol::{sym, Sym};
pub use value::{Arity, ListBuilder, Num, Pos, Type, Value, View};

/// Bytes of native stack that must remain before a recursive step runs on
/// the current stack; below that, the step runs on a fresh segment.
const STACK_RED_ZONE: usize = 128 * 1024;
/// Size of each extra stack segment.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Runs `f`, first moving to a new stack segment if the current one is
/// nearly full. Every recursive walk over user data or code goes through
/// this, so deep nesting is bounded by memory, never by the native stack.
#[inline]
pub fn with_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, f)
}
