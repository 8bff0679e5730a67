//! The virtual machine: one value stack and one frame stack; globals in one
//! table of slots, grouped into namespaces (builtins, the top level, each
//! imported module). `run.rs` is the dispatch loop; `call.rs` calls and
//! returns; `exception.rs` unwinding and traces; `dynamic.rs` code that is
//! compiled while running (eval, load, import, macros expanded at run time).

mod call;
mod dynamic;
mod exception;
mod run;

use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use sema_core::{Ctx, Result, Sym, Value};
use sema_expand::modules::ModuleCache;

use crate::chunk::Proto;
use crate::compile::{Compiler, Globals};

/// The default limit on nested calls (spec D6).
pub const DEFAULT_MAX_DEPTH: usize = 1_000_000;

/// What a frame runs.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum FrameKind {
    /// A closure call.
    Function = 0,
    /// A top-level form.
    Toplevel = 1,
    /// Code compiled into the frame below (eval, run-time macro expansion).
    Inline = 2,
}

/// One activation.
pub(crate) struct Frame {
    pub proto: Rc<Proto>,
    /// The next instruction (saved while another frame runs).
    pub pc: usize,
    /// Stack index of slot 0 (the callee).
    pub base: usize,
    /// Where the stack is cut back to when the frame returns.
    pub ret: usize,
    /// Where this frame was called from, when not the frame below: a tail
    /// call keeps the replaced code and the pc of its tail-call instruction.
    pub site: Option<(Rc<Proto>, u32)>,
    /// The running closure's upvalues. They belong to the closure held in
    /// slot 0 of the frame (of the frame below, for inline code); slot 0 is
    /// never written while the frame runs (the compiler never emits a store
    /// to it and the verifier checks that), so the pointer stays valid until
    /// the frame is popped or a tail call replaces its closure and this field.
    pub upvalues: *const Value,
    pub nupvalues: usize,
    /// The kind (bits 0..8), the entry flag (bit 8) and the self-call site
    /// (bits 32..64) in one word.
    ///
    /// PERF: one 8-byte field is written with one store when a frame is
    /// pushed; three narrow fields were written with narrow stores and then
    /// copied with a wide load, which cannot be forwarded from the store
    /// buffer and cost about a fifth of the time of a call.
    meta: u64,
}

const NO_SELF_SITE: u64 = u32::MAX as u64;

impl Frame {
    #[inline(always)]
    pub fn new(
        proto: Rc<Proto>,
        base: usize,
        ret: usize,
        kind: FrameKind,
        entry: bool,
        upvalues: *const Value,
        nupvalues: usize,
    ) -> Frame {
        Frame {
            proto,
            pc: 0,
            base,
            ret,
            site: None,
            upvalues,
            nupvalues,
            meta: kind as u64 | (entry as u64) << 8 | NO_SELF_SITE << 32,
        }
    }

    #[inline(always)]
    pub fn kind(&self) -> FrameKind {
        match self.meta as u8 {
            0 => FrameKind::Function,
            1 => FrameKind::Toplevel,
            _ => FrameKind::Inline,
        }
    }

    pub fn set_kind(&mut self, kind: FrameKind) {
        self.meta = self.meta & !0xff | kind as u64;
    }

    /// Entered from Rust (a native's callback, a top-level run): returning
    /// from it ends the dispatch loop that started it.
    #[inline(always)]
    pub fn entry(&self) -> bool {
        self.meta & 0x100 != 0
    }

    /// Set by a tail call of the function itself: the pc of that call in
    /// this frame's own code. Takes precedence over `site`.
    pub fn self_site(&self) -> Option<usize> {
        let s = self.meta >> 32;
        (s != NO_SELF_SITE).then_some(s as usize)
    }

    #[inline(always)]
    pub fn set_self_site(&mut self, pc: Option<usize>) {
        let s = pc.map_or(NO_SELF_SITE, |pc| pc as u64 & NO_SELF_SITE);
        self.meta = self.meta & 0xffff_ffff | s << 32;
    }
}

/// A native function in the middle of a call (for stack traces).
pub(crate) struct NativeCall {
    pub name: Sym,
    /// `frames.len()` when it was called.
    pub frames: usize,
    /// Called by a call instruction of the frame below (its pc, saved while
    /// the native runs, locates the call site); false when called from Rust.
    pub from_loop: bool,
}

/// Global variables: slots with values, grouped by namespace.
pub(crate) struct GlobalTable {
    pub values: Vec<Value>,
    /// The raw bits of the builtin a slot started with (0 if none): an
    /// intrinsic opcode stands for the call only while they match.
    pub pristine: Vec<u64>,
    pub names: Vec<Sym>,
    pub namespaces: Vec<FxHashMap<Sym, u32>>,
}

/// Namespace of the builtins and prelude macros.
pub(crate) const NS_BUILTINS: u32 = 0;
/// Namespace of the process's top-level environment (spec D7).
pub(crate) const NS_TOP: u32 = 1;

impl GlobalTable {
    fn new() -> GlobalTable {
        GlobalTable {
            values: Vec::new(),
            pristine: Vec::new(),
            names: Vec::new(),
            namespaces: vec![FxHashMap::default(), FxHashMap::default()],
        }
    }

    fn new_slot(&mut self, ns: u32, name: Sym, value: Value, pristine: u64) -> u32 {
        let slot = self.values.len() as u32;
        self.values.push(value);
        self.pristine.push(pristine);
        self.names.push(name);
        self.namespaces[ns as usize].insert(name, slot);
        slot
    }

    /// The slot of `name` in `ns`, created (holding the builtin of that
    /// name, if any) when first referenced.
    pub fn slot(&mut self, ns: u32, name: Sym) -> u32 {
        if let Some(&s) = self.namespaces[ns as usize].get(&name) {
            return s;
        }
        let builtin = self.namespaces[NS_BUILTINS as usize].get(&name).copied();
        let (value, pristine) = match builtin {
            Some(b) => {
                let v = self.values[b as usize].clone();
                let bits = if v.as_native().is_some() { v.bits() } else { 0 };
                (v, bits)
            }
            None => (Value::UNDEFINED, 0),
        };
        self.new_slot(ns, name, value, pristine)
    }

    pub fn lookup(&self, ns: u32, name: Sym) -> Option<Value> {
        let slot = self.namespaces[ns as usize]
            .get(&name)
            .or_else(|| self.namespaces[NS_BUILTINS as usize].get(&name))?;
        let v = &self.values[*slot as usize];
        (!v.is_undefined()).then(|| v.clone())
    }
}

/// The compiler's view of one namespace.
pub(crate) struct NsGlobals<'a> {
    pub table: &'a mut GlobalTable,
    pub ns: u32,
}

impl Globals for NsGlobals<'_> {
    fn slot(&mut self, name: Sym) -> u32 {
        self.table.slot(self.ns, name)
    }

    fn value(&self, slot: u32) -> Value {
        self.table.values[slot as usize].clone()
    }

    fn is_pristine(&self, slot: u32) -> bool {
        let p = self.table.pristine[slot as usize];
        p != 0 && self.table.values[slot as usize].bits() == p
    }

    fn builtin(&self, name: &str) -> Value {
        self.table
            .lookup(NS_BUILTINS, Sym::intern(name))
            .unwrap_or_default()
    }
}

/// The bytecode virtual machine with its global environment.
pub struct Vm {
    pub(crate) stack: Vec<Value>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) globals: GlobalTable,
    /// The namespace code is compiled for and `Ctx::global` reads.
    pub(crate) ns: u32,
    pub(crate) max_depth: usize,
    pub(crate) limits: sema_core::Limits,
    pub(crate) current_file: Option<Sym>,
    pub(crate) modules: ModuleCache,
    pub(crate) module_exports: Option<Vec<Sym>>,
    pub(crate) native_calls: Vec<NativeCall>,
    /// Reused buffer for the arguments of native calls made by the loop.
    pub(crate) arg_buf: Vec<Value>,
    /// Warn when a top-level `define` replaces a builtin (the REPL sets this).
    pub warn_builtin_redefinition: bool,
}

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

impl Vm {
    /// A fresh VM with the standard library and prelude macros bound.
    pub fn new() -> Vm {
        let mut globals = GlobalTable::new();
        let mut define = |name: Sym, value: Value| {
            let bits = if value.as_native().is_some() {
                value.bits()
            } else {
                0
            };
            match globals.namespaces[NS_BUILTINS as usize].get(&name) {
                Some(&s) => {
                    globals.values[s as usize] = value;
                    globals.pristine[s as usize] = bits;
                }
                None => {
                    globals.new_slot(NS_BUILTINS, name, value, bits);
                }
            }
        };
        sema_stdlib::install(&mut define);
        for (name, mac) in sema_expand::prelude_macros() {
            define(name, mac);
        }
        Vm {
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            globals,
            ns: NS_TOP,
            max_depth: DEFAULT_MAX_DEPTH,
            limits: sema_core::Limits::default(),
            current_file: None,
            modules: ModuleCache::default(),
            module_exports: None,
            native_calls: Vec::new(),
            arg_buf: Vec::with_capacity(16),
            warn_builtin_redefinition: false,
        }
    }

    /// Sets the limit on nested calls.
    pub fn set_max_depth(&mut self, n: usize) {
        self.max_depth = n.max(1);
    }

    /// The flag that makes evaluation stop with an "interrupted" error.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.limits.interrupt_flag()
    }

    /// A handle that cancels the running evaluation from another thread.
    pub fn cancel_handle(&self) -> sema_core::CancelHandle {
        self.limits.cancel_handle()
    }

    /// The step budget, timeout and cancellation of evaluations.
    pub fn limits_mut(&mut self) -> &mut sema_core::Limits {
        &mut self.limits
    }

    /// Binds `name` at top level.
    pub fn define(&mut self, name: Sym, value: Value) {
        let slot = self.globals.slot(NS_TOP, name);
        self.globals.values[slot as usize] = value;
    }

    /// The value of `name` at top level.
    pub fn lookup(&self, name: Sym) -> Option<Value> {
        self.globals.lookup(NS_TOP, name)
    }

    /// Every name visible at top level.
    pub fn names(&self) -> Vec<Sym> {
        let mut out: Vec<Sym> = Vec::new();
        for ns in [NS_BUILTINS, NS_TOP] {
            for (name, slot) in &self.globals.namespaces[ns as usize] {
                if !self.globals.values[*slot as usize].is_undefined() {
                    out.push(*name);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The bindings the program made at top level.
    pub fn user_bindings(&self) -> Vec<(Sym, Value)> {
        self.globals.namespaces[NS_TOP as usize]
            .iter()
            .filter_map(|(name, slot)| {
                let v = &self.globals.values[*slot as usize];
                let builtin = self.globals.pristine[*slot as usize] == v.bits();
                (!v.is_undefined() && !builtin).then(|| (*name, v.clone()))
            })
            .collect()
    }

    /// Reads and runs program text; the value of the last form.
    pub fn eval_str(&mut self, src: &str, file: Option<Sym>) -> Result<Value> {
        let forms = sema_reader::read_all(src, file)?;
        self.run_forms(&forms, file)
    }

    /// Runs already-read forms at top level, each compiled just before it runs.
    pub fn run_forms(&mut self, forms: &[Value], file: Option<Sym>) -> Result<Value> {
        let saved = self.current_file;
        if file.is_some() {
            self.current_file = file;
        }
        self.limits.start();
        let r = self.run_toplevel_forms(forms, file);
        self.current_file = saved;
        if r.is_err() {
            self.reset();
        }
        r
    }

    /// Clears the stacks after an error escaped to the top.
    fn reset(&mut self) {
        self.frames.clear();
        self.stack.clear();
        self.native_calls.clear();
    }

    pub(crate) fn run_toplevel_forms(
        &mut self,
        forms: &[Value],
        file: Option<Sym>,
    ) -> Result<Value> {
        let mut last = Value::NIL;
        for form in forms {
            last = self.run_toplevel_form(form, file)?;
        }
        Ok(last)
    }

    /// Expands, compiles and runs one top-level form; a top-level `begin` is
    /// spliced so a macro it defines is usable by its later forms.
    fn run_toplevel_form(&mut self, form: &Value, file: Option<Sym>) -> Result<Value> {
        if let Some(c) = form.as_cons() {
            let head = c.car.as_symbol();
            if head == Some(sema_core::sym::BEGIN) || head == Some(sema_core::sym::PROGN) {
                let items: Vec<Value> = c.cdr.list_iter().cloned().collect();
                return self.run_toplevel_forms(&items, file);
            }
        }
        let core = self.expand(form, file, Vec::new(), false)?;
        let proto = self.compile_toplevel(&core, file)?;
        self.run_proto(proto)
    }

    pub(crate) fn compile_toplevel(
        &mut self,
        core: &sema_expand::Core,
        file: Option<Sym>,
    ) -> Result<Rc<Proto>> {
        let mut g = NsGlobals {
            table: &mut self.globals,
            ns: self.ns,
        };
        let proto = Compiler::compile_toplevel(&mut g, core, file)?;
        crate::verify::verify(&proto, self.globals.values.len())?;
        Ok(proto)
    }

    /// Runs a top-level prototype to completion.
    pub(crate) fn run_proto(&mut self, proto: Rc<Proto>) -> Result<Value> {
        let base = self.stack.len();
        self.stack.push(Value::NIL);
        self.push_frame(proto, base, base, FrameKind::Toplevel, true);
        self.run()
    }

    /// Counts a step (a call or loop iteration) against the limits.
    #[inline]
    pub(crate) fn check_interrupt(&mut self) -> Result<()> {
        self.limits.tick()
    }

    /// The disassembly of a top-level form and every function in it.
    pub fn disassemble(&mut self, form: &Value, file: Option<Sym>) -> Result<String> {
        let core = self.expand(form, file, Vec::new(), false)?;
        let proto = self.compile_toplevel(&core, file)?;
        Ok(crate::disasm::disassemble(&proto))
    }
}

impl Ctx for Vm {
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        self.call_value(f, args)
    }

    fn global(&mut self, name: Sym) -> Option<Value> {
        self.globals.lookup(self.ns, name)
    }

    fn poll_interrupt(&mut self) -> Result<()> {
        self.limits.poll()
    }
}
