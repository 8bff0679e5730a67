//! Compiled code: a function prototype with its bytecode, constants, nested
//! prototypes, upvalue descriptions, exception table, pc->span table, dynamic
//! sites and local-variable debug table.

use std::cell::RefCell;
use std::rc::Rc;

use sema_core::{Span, Sym, Value};

/// Where a closure's upvalue comes from when the closure is made.
#[derive(Clone, Debug)]
pub struct UpvalueDesc {
    /// A slot of the enclosing frame (true) or an upvalue of the enclosing closure.
    pub from_local: bool,
    pub index: u16,
    pub name: Sym,
    /// The variable is a shared cell (captured and assigned).
    pub boxed: bool,
}

/// One `try` region: errors raised while `start <= pc < end` in this frame
/// continue at `target` with the operand stack cut back to `depth` values
/// and the error map pushed.
#[derive(Clone, Debug)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u16,
}

/// A local variable, for evaluating code in this frame's scope (`eval`,
/// macros expanded at run time) and for the disassembler.
#[derive(Clone, Debug)]
pub struct LocalInfo {
    pub name: Sym,
    pub slot: u16,
    pub boxed: bool,
    /// Bound by `define`: may have no value yet.
    pub checked: bool,
    /// The pc range where the name is in scope.
    pub start: u32,
    pub end: u32,
}

/// A compiled macro expansion done at run time, cached per site.
pub struct MacroCache {
    /// Identity of the macro value the expansion came from.
    pub mac: u64,
    pub proto: Rc<Proto>,
}

/// An instruction that needs more than its operands: what it refers to.
pub enum Site {
    Throw {
        span: Option<Span>,
    },
    /// A call that may turn out to be a macro use (`MacroGuard`), or a macro
    /// use expanded at compile time (`MacroCheck`).
    Macro {
        form: Value,
        /// The macro the inline expansion came from (`MacroCheck`).
        mac: Option<Value>,
        /// Where to continue, with the value pushed, after a run-time expansion.
        resume: u32,
        /// The operand stack depth at the site.
        depth: u16,
        span: Option<Span>,
        cache: RefCell<Option<MacroCache>>,
    },
    Eval {
        span: Option<Span>,
    },
    Load {
        span: Option<Span>,
    },
    Import {
        names: Vec<Sym>,
        span: Option<Span>,
    },
    Module {
        exports: Vec<Sym>,
    },
}

/// A compiled function (or top-level form).
pub struct Proto {
    pub name: Option<Sym>,
    pub nparams: u16,
    pub has_rest: bool,
    /// Slots from the frame base: the callee (slot 0), parameters, locals.
    /// The operand stack starts above them.
    pub frame_size: u16,
    /// For code compiled into a running frame (eval): the first slot it owns.
    pub inline_from: Option<u16>,
    pub code: Vec<u8>,
    pub consts: Vec<Value>,
    pub protos: Vec<Rc<Proto>>,
    pub upvalues: Vec<UpvalueDesc>,
    /// (pc, span) pairs sorted by pc: the span of the instruction at pc.
    pub spans: Vec<(u32, Span)>,
    /// Innermost regions first.
    pub handlers: Vec<Handler>,
    pub sites: Vec<Site>,
    pub locals: Vec<LocalInfo>,
    /// (pc of a call instruction, constant index of its call form), sorted.
    pub call_forms: Vec<(u32, u16)>,
    /// Inline code that reads or writes variables of its frame.
    pub uses_frame: bool,
    /// Top-level code: `define` makes globals.
    pub toplevel: bool,
    /// For inline code: the variables of the frame it was compiled into.
    pub(crate) inline_scope: Vec<(Sym, crate::compile::FrameVar)>,
    /// The deepest the operand stack gets (checked by the verifier).
    pub max_stack: u32,
    pub file: Option<Sym>,
    pub span: Option<Span>,
}

impl Site {
    /// The source position of the instruction, for its errors.
    pub fn span(&self) -> Option<Span> {
        match self {
            Site::Throw { span }
            | Site::Macro { span, .. }
            | Site::Eval { span }
            | Site::Load { span }
            | Site::Import { span, .. } => *span,
            Site::Module { .. } => None,
        }
    }
}

impl Proto {
    /// The span of the instruction at `pc` (the nearest recorded at or before it).
    pub fn span_at(&self, pc: usize) -> Option<Span> {
        let i = self.spans.partition_point(|(p, _)| *p as usize <= pc);
        i.checked_sub(1).map(|i| self.spans[i].1)
    }

    /// The call form of the call instruction at `pc`, if recorded.
    pub fn call_form_at(&self, pc: usize) -> Option<&Value> {
        let i = self.call_forms.partition_point(|(p, _)| *p as usize <= pc);
        let (_, idx) = self.call_forms.get(i.checked_sub(1)?)?;
        self.consts.get(*idx as usize)
    }

    /// The name shown in traces and arity errors.
    pub fn display_name(&self) -> &'static str {
        self.name.map(|n| n.name()).unwrap_or("lambda")
    }
}

/// A closure: a prototype and its captured upvalues. Stored in a `Lambda`.
pub struct VmClosure {
    pub proto: Rc<Proto>,
    pub upvalues: Box<[Value]>,
}
