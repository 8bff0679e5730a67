//! The compiler driver: function states, scopes and variable resolution.
//! Every variable becomes a local slot, an upvalue of the closure, or a
//! global slot. `forms.rs` compiles each core form; `intrinsics.rs` holds
//! the builtins that become opcodes.

mod analyze;
mod emit;
mod forms;
mod intrinsics;
mod liveness;

use std::cell::RefCell;
use std::rc::Rc;

use sema_core::{Error, Result, Span, Sym, Value};
use sema_expand::Core;

use crate::chunk::{Handler, LocalInfo, Proto, Site, UpvalueDesc};
use crate::op::Op;
use emit::Emitter;

/// What the compiler needs from the VM: global slots and their values.
pub(crate) trait Globals {
    /// The slot of `name` in the namespace being compiled for (created if new).
    fn slot(&mut self, name: Sym) -> u32;
    /// The value a global slot holds now (UNDEFINED if none).
    fn value(&self, slot: u32) -> Value;
    /// True while the slot still holds the builtin it started with (so an
    /// intrinsic opcode may stand for the call).
    fn is_pristine(&self, slot: u32) -> bool;
    /// A builtin function value by name (for calls the compiler builds itself).
    fn builtin(&self, name: &str) -> Value;
}

/// A variable visible in a running frame, for code compiled into that frame.
#[derive(Clone, Debug)]
pub(crate) enum FrameVar {
    Local {
        slot: u16,
        boxed: bool,
        checked: bool,
    },
    Upvalue {
        index: u16,
        boxed: bool,
    },
}

/// The scope of a running frame that inline code (eval, run-time macro
/// expansions) sees.
#[derive(Clone, Debug, Default)]
pub(crate) struct FrameScope {
    pub vars: Vec<(Sym, FrameVar)>,
    /// The first free slot above the frame's live stack.
    pub first_slot: u16,
    /// Whether `define` at this point makes globals (top-level code).
    pub toplevel: bool,
}

#[derive(Clone, Copy)]
pub(crate) struct LocalVar {
    pub name: Sym,
    pub slot: u16,
    pub boxed: bool,
    pub checked: bool,
    pub debug: usize,
}

/// Where a name resolves to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Loc {
    Local {
        slot: u16,
        boxed: bool,
        checked: bool,
    },
    Upvalue {
        index: u16,
        boxed: bool,
    },
    Global(u32),
}

pub(crate) struct FnState {
    pub em: Emitter,
    pub consts: Vec<Value>,
    pub protos: Vec<Rc<Proto>>,
    pub upvalues: Vec<UpvalueDesc>,
    pub scopes: Vec<Vec<LocalVar>>,
    pub next_slot: u16,
    pub frame_size: u16,
    pub handlers: Vec<Handler>,
    pub sites: Vec<Site>,
    pub locals: Vec<LocalInfo>,
    /// (pc of a call instruction, constant index of its call form).
    pub call_forms: Vec<(u32, u16)>,
    pub name: Option<Sym>,
    pub nparams: u16,
    pub has_rest: bool,
    /// `define` here makes globals (top-level code outside any scope).
    pub toplevel: bool,
    /// For inline code: the frame it runs in.
    pub frame: Option<FrameScope>,
    /// Inline code referred to a variable of the frame it runs in.
    pub uses_frame: bool,
    /// Variable references that are last uses (see `liveness`).
    pub moves: rustc_hash::FxHashSet<*const Core>,
    pub span: Option<Span>,
}

impl FnState {
    fn new(name: Option<Sym>, first_slot: u16, toplevel: bool, span: Option<Span>) -> FnState {
        FnState {
            em: Emitter::default(),
            consts: Vec::new(),
            protos: Vec::new(),
            upvalues: Vec::new(),
            scopes: Vec::new(),
            next_slot: first_slot,
            frame_size: first_slot,
            handlers: Vec::new(),
            sites: Vec::new(),
            locals: Vec::new(),
            call_forms: Vec::new(),
            name,
            nparams: 0,
            has_rest: false,
            toplevel,
            frame: None,
            moves: Default::default(),
            uses_frame: false,
            span,
        }
    }
}

pub(crate) struct Compiler<'g> {
    pub globals: &'g mut dyn Globals,
    pub fns: Vec<FnState>,
    pub file: Option<Sym>,
}

/// Largest slot number a frame may use.
const MAX_SLOTS: u16 = u16::MAX - 1;

impl<'g> Compiler<'g> {
    /// Compiles a top-level form into a prototype run with no arguments.
    pub(crate) fn compile_toplevel(
        globals: &'g mut dyn Globals,
        core: &Core,
        file: Option<Sym>,
    ) -> Result<Rc<Proto>> {
        let mut c = Compiler {
            globals,
            fns: vec![FnState::new(None, 1, true, None)],
            file,
        };
        c.f().moves = liveness::last_uses(std::slice::from_ref(core));
        c.body_with_defines(std::slice::from_ref(core), true)?;
        c.finish_fn().map(Rc::new)
    }

    /// Compiles a form to run inside a running frame (eval, run-time macros).
    pub(crate) fn compile_inline(
        globals: &'g mut dyn Globals,
        core: &Core,
        file: Option<Sym>,
        frame: FrameScope,
    ) -> Result<Rc<Proto>> {
        let first = frame.first_slot;
        let toplevel = frame.toplevel;
        let mut st = FnState::new(None, first, toplevel, None);
        st.frame = Some(frame);
        st.moves = liveness::last_uses(std::slice::from_ref(core));
        let mut c = Compiler {
            globals,
            fns: vec![st],
            file,
        };
        c.body_with_defines(std::slice::from_ref(core), true)?;
        let uses_frame = c.f().uses_frame;
        let mut proto = c.finish_fn()?;
        proto.inline_from = Some(first);
        proto.uses_frame = uses_frame;
        Ok(Rc::new(proto))
    }

    pub(crate) fn f(&mut self) -> &mut FnState {
        self.fns.last_mut().expect("a function is being compiled")
    }

    pub(crate) fn em(&mut self) -> &mut Emitter {
        &mut self.f().em
    }

    pub(crate) fn emit(&mut self, op: Op, operands: &[u32]) {
        self.em().emit(op, operands);
    }

    /// Adds a constant (immediates are shared).
    pub(crate) fn constant(&mut self, v: Value) -> Result<u32> {
        let f = self.f();
        if !v.is_string() && v.as_cons().is_none() {
            if let Some(i) = f.consts.iter().position(|c| c.bits() == v.bits()) {
                return Ok(i as u32);
            }
        }
        if f.consts.len() >= u16::MAX as usize {
            return Err(Error::eval("function too large: more than 65535 constants"));
        }
        f.consts.push(v);
        Ok((f.consts.len() - 1) as u32)
    }

    pub(crate) fn name_const(&mut self, name: Sym) -> Result<u32> {
        self.constant(Value::symbol(name))
    }

    pub(crate) fn add_site(&mut self, site: Site) -> Result<u32> {
        let f = self.f();
        if f.sites.len() >= u16::MAX as usize {
            return Err(Error::eval("function too large: more than 65535 sites"));
        }
        f.sites.push(site);
        Ok((f.sites.len() - 1) as u32)
    }

    /// Allocates a slot for a new local (not yet visible).
    pub(crate) fn alloc_slot(&mut self) -> Result<u16> {
        let f = self.f();
        if f.next_slot >= MAX_SLOTS {
            return Err(Error::eval("function too large: too many local variables"));
        }
        let s = f.next_slot;
        f.next_slot += 1;
        f.frame_size = f.frame_size.max(f.next_slot);
        Ok(s)
    }

    /// Makes `name` visible in the innermost scope at `slot`.
    pub(crate) fn declare(&mut self, name: Sym, slot: u16, boxed: bool, checked: bool) {
        let pc = self.f().em.pc();
        let f = self.f();
        f.locals.push(LocalInfo {
            name,
            slot,
            boxed,
            checked,
            start: pc,
            end: u32::MAX,
        });
        let debug = f.locals.len() - 1;
        if let Some(scope) = f.scopes.last_mut() {
            scope.push(LocalVar {
                name,
                slot,
                boxed,
                checked,
                debug,
            });
        }
    }

    pub(crate) fn push_scope(&mut self) {
        self.f().scopes.push(Vec::new());
    }

    /// Closes the innermost scope; its slots become free again.
    pub(crate) fn pop_scope(&mut self) {
        let pc = self.f().em.pc();
        let f = self.f();
        if let Some(scope) = f.scopes.pop() {
            let mut lowest = f.next_slot;
            for v in &scope {
                f.locals[v.debug].end = pc;
                lowest = lowest.min(v.slot);
            }
            f.next_slot = lowest;
        }
    }

    /// True if `name` is a local of the innermost function's own scopes (not
    /// of a frame that inline code was compiled into).
    pub(crate) fn own_local(&self, name: Sym) -> bool {
        self.fns
            .last()
            .is_some_and(|f| f.scopes.iter().any(|s| s.iter().any(|v| v.name == name)))
    }

    /// Resolves a name from the innermost function outwards.
    pub(crate) fn resolve(&mut self, name: Sym) -> Result<Loc> {
        let top = self.fns.len() - 1;
        Ok(match self.resolve_in(top, name)? {
            Some(loc) => loc,
            None => Loc::Global(self.globals.slot(name)),
        })
    }

    fn resolve_in(&mut self, fi: usize, name: Sym) -> Result<Option<Loc>> {
        for scope in self.fns[fi].scopes.iter().rev() {
            if let Some(v) = scope.iter().rev().find(|v| v.name == name) {
                return Ok(Some(Loc::Local {
                    slot: v.slot,
                    boxed: v.boxed,
                    checked: v.checked,
                }));
            }
        }
        if let Some(i) = self.fns[fi].upvalues.iter().position(|u| u.name == name) {
            let boxed = self.fns[fi].upvalues[i].boxed;
            return Ok(Some(Loc::Upvalue {
                index: i as u16,
                boxed,
            }));
        }
        if fi == 0 {
            let found = self.fns[0].frame.as_ref().and_then(|frame| {
                frame
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone())
            });
            // The callee slot (a named lambda's own name) stays put when the
            // code replaces its frame, so reading it does not count.
            if found
                .as_ref()
                .is_some_and(|v| !matches!(v, FrameVar::Local { slot: 0, .. }))
            {
                self.fns[0].uses_frame = true;
            }
            return Ok(found.map(|v| match v {
                FrameVar::Local {
                    slot,
                    boxed,
                    checked,
                } => Loc::Local {
                    slot,
                    boxed,
                    checked,
                },
                FrameVar::Upvalue { index, boxed } => Loc::Upvalue { index, boxed },
            }));
        }
        let outer = self.resolve_in(fi - 1, name)?;
        let desc = match outer {
            None | Some(Loc::Global(_)) => return Ok(None),
            Some(Loc::Local { slot, boxed, .. }) => UpvalueDesc {
                from_local: true,
                index: slot,
                name,
                boxed,
            },
            Some(Loc::Upvalue { index, boxed }) => UpvalueDesc {
                from_local: false,
                index,
                name,
                boxed,
            },
        };
        let f = &mut self.fns[fi];
        if f.upvalues.len() >= u16::MAX as usize {
            return Err(Error::eval(
                "function too large: too many captured variables",
            ));
        }
        let boxed = desc.boxed;
        f.upvalues.push(desc);
        Ok(Some(Loc::Upvalue {
            index: (f.upvalues.len() - 1) as u16,
            boxed,
        }))
    }

    /// Compiles a function or scope body whose `define`s bind in a new scope
    /// (or make globals at top level), in tail position when `tail`.
    pub(crate) fn body_with_defines(&mut self, body: &[Core], tail: bool) -> Result<()> {
        let toplevel = self.f().toplevel && self.f().scopes.is_empty();
        if toplevel {
            return self.body(body, tail);
        }
        let defines = analyze::collect_defines(body);
        self.push_scope();
        if !defines.is_empty() {
            let refs: Vec<&Core> = body.iter().collect();
            let boxed = analyze::boxed(&defines, &refs, false);
            for (name, b) in defines.iter().zip(boxed) {
                let slot = self.alloc_slot()?;
                self.declare(*name, slot, b, true);
                if b {
                    self.emit(Op::MakeCell, &[slot as u32]);
                }
            }
        }
        self.body(body, tail)?;
        self.pop_scope();
        Ok(())
    }

    /// Compiles a sequence: all but the last for effect, the last as the value.
    pub(crate) fn body(&mut self, body: &[Core], tail: bool) -> Result<()> {
        let Some((last, init)) = body.split_last() else {
            self.emit(Op::Nil, &[]);
            if tail {
                self.emit(Op::Return, &[]);
            }
            return Ok(());
        };
        for node in init {
            self.expr(node, false)?;
            self.emit(Op::Pop, &[]);
        }
        self.expr(last, tail)
    }

    /// Finishes the innermost function into a prototype.
    pub(crate) fn finish_fn(&mut self) -> Result<Proto> {
        let mut proto = self.build_proto()?;
        crate::verify::stack_depth(&mut proto)?;
        Ok(proto)
    }

    fn build_proto(&mut self) -> Result<Proto> {
        let f = self.fns.pop().expect("a function is being compiled");

        Ok(Proto {
            name: f.name,
            nparams: f.nparams,
            has_rest: f.has_rest,
            frame_size: f.frame_size,
            inline_from: None,
            code: f.em.code,
            consts: f.consts,
            protos: f.protos,
            upvalues: f.upvalues,
            spans: f.em.spans,
            handlers: f.handlers,
            sites: f.sites,
            locals: f.locals,
            call_forms: f.call_forms,
            uses_frame: false,
            toplevel: f.toplevel,
            inline_scope: f.frame.map(|fr| fr.vars).unwrap_or_default(),
            max_stack: f.em.max_depth.max(0) as u32,
            file: self.file,
            span: f.span,
        })
    }

    /// A site for a macro guard or check (resume patched later).
    pub(crate) fn macro_site(
        &mut self,
        form: Value,
        mac: Option<Value>,
        span: Option<Span>,
    ) -> Result<u32> {
        let depth = self.f().em.depth.max(0) as u16;
        self.add_site(Site::Macro {
            form,
            mac,
            resume: 0,
            depth,
            span,
            cache: RefCell::new(None),
        })
    }

    pub(crate) fn set_resume(&mut self, site: u32, pc: u32) {
        if let Some(Site::Macro { resume, .. }) = self.f().sites.get_mut(site as usize) {
            *resume = pc;
        }
    }
}
