//! The bytecode back end: core forms are compiled (with variables resolved
//! to local slots, closure upvalues or global slots) into verified bytecode
//! that a stack VM runs. Calls, tail calls and returns switch frames inside
//! the dispatch loop; natives call back into the same VM through `Ctx`.

mod chunk;
mod compile;
mod disasm;
pub mod op;
mod verify;
mod vm;

pub use vm::{Vm, DEFAULT_MAX_DEPTH};
