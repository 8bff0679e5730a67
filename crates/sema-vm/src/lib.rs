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

/// The parameter names of a VM closure (for `,doc`): fixed ones and the rest.
pub fn lambda_params(
    f: &sema_core::Value,
) -> Option<(Vec<sema_core::Sym>, Option<sema_core::Sym>)> {
    let closure = f.as_lambda()?.imp.downcast_ref::<chunk::VmClosure>()?;
    let proto = &closure.proto;
    let name_of = |slot: u16| {
        proto
            .locals
            .iter()
            .find(|l| l.slot == slot && !l.checked)
            .map(|l| l.name)
    };
    let params = (1..=proto.nparams).filter_map(name_of).collect();
    let rest = if proto.has_rest {
        name_of(proto.nparams + 1)
    } else {
        None
    };
    Some((params, rest))
}
