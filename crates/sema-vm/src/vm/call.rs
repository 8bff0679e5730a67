//! Calls, tail calls and closures. A call of a closure pushes a frame and the
//! dispatch loop continues in it (no Rust recursion); natives, keywords and
//! multimethods are called from here. A tail call reuses the caller's frame.

use std::rc::Rc;

use smallvec::SmallVec;

use sema_core::value::OrdKey;
use sema_core::{printer, Error, ErrorKind, Result, Sym, Value};

use super::run::Flow;
use super::{FrameKind, NativeCall, Vm};
use crate::chunk::{Proto, VmClosure};

/// The `:eval` error for exceeding the recursion limit (spec D6).
pub(crate) fn recursion_limit_error(limit: usize) -> Error {
    Error::eval(format!(
        "maximum eval depth exceeded (recursion limit {limit})"
    ))
    .with_hint("use tail calls (named let, do, or a tail-recursive helper) to iterate without growing the stack")
}

/// A pointer to the upvalues of the VM closure in `v` (null if it is none).
pub(crate) fn upvalues_of(v: &Value) -> (*const Value, usize) {
    match vm_closure(v) {
        Some(c) => (c.upvalues.as_ptr(), c.upvalues.len()),
        None => (std::ptr::null(), 0),
    }
}

/// The closure behind a lambda value, if it is one of ours.
#[inline]
pub(crate) fn vm_closure(v: &Value) -> Option<&VmClosure> {
    let l = v.as_lambda()?;
    if l.backend == VM_BACKEND {
        Some(super::run::closure_of(l))
    } else {
        None
    }
}

/// The `Lambda::backend` mark of closures the VM makes.
pub(crate) const VM_BACKEND: u32 = 0x5653_4D31;

impl Vm {
    pub(crate) fn push_frame(
        &mut self,
        proto: Rc<Proto>,
        base: usize,
        ret: usize,
        kind: FrameKind,
        entry: bool,
    ) {
        self.make_room(base, &proto);
        let (upvalues, nupvalues) = match kind {
            FrameKind::Function => upvalues_of(&self.stack[base]),
            FrameKind::Inline => self
                .frames
                .last()
                .map_or((std::ptr::null(), 0), |f| (f.upvalues, f.nupvalues)),
            FrameKind::Toplevel => (std::ptr::null(), 0),
        };
        self.push_frame_raw(proto, base, ret, kind, entry, upvalues, nupvalues);
    }

    /// Gives a frame at `base` its slots (unset ones hold UNDEFINED) and
    /// reserves room for its operands: the dispatch loop pushes without
    /// checking the capacity, relying on this and on the verified `max_stack`.
    /// One value more is reserved: a fused compare of a local with an
    /// immediate pushes the local for a moment although its net effect is 0.
    #[inline]
    pub(crate) fn make_room(&mut self, base: usize, proto: &Proto) {
        let size = base + proto.frame_size as usize;
        let need = size.max(self.stack.len()) + proto.max_stack as usize + 1;
        if self.stack.capacity() < need {
            self.stack.reserve(need - self.stack.len());
        }
        if self.stack.len() < size {
            self.stack.resize(size, Value::UNDEFINED);
        }
    }

    /// The span and call form of the call instruction the top frame is at.
    fn call_site(&self) -> (Option<sema_core::Span>, Option<Value>) {
        match self.frames.last() {
            Some(f) => {
                let pc = f.pc.saturating_sub(2);
                (f.proto.span_at(pc), f.proto.call_form_at(pc).cloned())
            }
            None => (None, None),
        }
    }

    fn arity_error(&self, name: &str, expected: String, argc: usize, from_loop: bool) -> Error {
        let mut e = Error::arity(name, expected, argc);
        if from_loop {
            let (span, form) = self.call_site();
            if let Some(f) = form {
                let text = printer::repr(&f);
                let note = if text.len() <= 80 {
                    format!("in: {text}")
                } else {
                    let mut cut = 80;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    format!("in: {}…", &text[..cut])
                };
                e = e.with_note(note);
            }
            if let Some(s) = span {
                e = e.with_span(s);
            }
        }
        e
    }

    /// Checks the argument count of a closure call whose callee is at `fidx`
    /// and gathers the rest list.
    fn bind_args(
        &mut self,
        proto: &Proto,
        fidx: usize,
        argc: usize,
        from_loop: bool,
    ) -> Result<()> {
        let n = proto.nparams as usize;
        if proto.has_rest {
            if argc < n {
                return Err(self.arity_error(
                    proto.display_name(),
                    format!("{n}+"),
                    argc,
                    from_loop,
                ));
            }
            let rest: Vec<Value> = self.stack.drain(fidx + 1 + n..).collect();
            self.stack.push(Value::list(rest));
        } else if argc != n {
            return Err(self.arity_error(proto.display_name(), n.to_string(), argc, from_loop));
        }
        Ok(())
    }

    /// Replaces a multimethod callee at `fidx` by the method its dispatch
    /// function selects, so the method is then called like any function (a
    /// tail call through a multimethod stays a tail call).
    fn dispatch_multimethod(&mut self, fidx: usize) -> Result<()> {
        while let Some(m) = self.stack[fidx].as_multimethod() {
            let dispatch = m.dispatch.clone();
            let name = m.name;
            let mut dargs: SmallVec<[Value; 8]> = self.stack[fidx + 1..].iter().cloned().collect();
            let dv = self.call_value(&dispatch, &mut dargs)?;
            let Some(m) = self.stack[fidx].as_multimethod() else {
                break;
            };
            let found = m.methods.borrow().get(&OrdKey(dv.clone())).cloned();
            match found.or_else(|| m.default.borrow().clone()) {
                Some(h) => self.stack[fidx] = h,
                None => {
                    let e = Error::eval(format!(
                        "no method in multimethod '{}' for dispatch value: {}",
                        name.name(),
                        printer::repr(&dv)
                    ))
                    .with_hint("add a :default method to handle other values");
                    return Err(self.with_native_frame(e, name, true));
                }
            }
        }
        Ok(())
    }

    /// Checks the arguments of a closure call; an arity error's trace gets a
    /// frame for the callee, as the tree-walker's does.
    fn bind_closure_args(&mut self, proto: &Proto, fidx: usize, argc: usize) -> Result<()> {
        match self.bind_args(proto, fidx, argc, true) {
            Ok(()) => Ok(()),
            Err(e) => {
                let name = proto.name.unwrap_or_else(|| Sym::intern("<lambda>"));
                Err(self.with_native_frame(e, name, true))
            }
        }
    }

    /// `Call argc`: the callee is below the arguments on the stack.
    pub(crate) fn call_op(&mut self, argc: usize) -> Result<Flow> {
        let fidx = self.stack.len() - argc - 1;
        if self.stack[fidx].as_multimethod().is_some() {
            self.dispatch_multimethod(fidx)?;
        }
        if let Some(c) = vm_closure(&self.stack[fidx]) {
            let proto = c.proto.clone();
            if self.frames.len() >= self.max_depth {
                return Err(recursion_limit_error(self.max_depth));
            }
            self.bind_closure_args(&proto, fidx, argc)?;
            self.check_interrupt()?;
            self.push_frame(proto, fidx, fidx, FrameKind::Function, false);
            return Ok(Flow::Reload);
        }
        let v = self.call_other(fidx, argc, true)?;
        self.stack.push(v);
        Ok(Flow::Continue)
    }

    /// `TailCall argc`: like `Call`, reusing the current frame.
    pub(crate) fn tail_call_op(&mut self, argc: usize, _entry: usize) -> Result<Flow> {
        let fidx = self.stack.len() - argc - 1;
        if self.stack[fidx].as_multimethod().is_some() {
            self.dispatch_multimethod(fidx)?;
        }
        if let Some(c) = vm_closure(&self.stack[fidx]) {
            let proto = c.proto.clone();
            self.bind_closure_args(&proto, fidx, argc)?;
            self.check_interrupt()?;
            let frame = self.frames.last_mut().expect("a frame is running");
            if frame.kind() == FrameKind::Inline {
                // Inline code shares its frame's slots: make a real call.
                if self.frames.len() >= self.max_depth {
                    return Err(recursion_limit_error(self.max_depth));
                }
                self.push_frame(proto, fidx, fidx, FrameKind::Function, false);
                return Ok(Flow::Reload);
            }
            let base = frame.base;
            let moved = self.stack.len() - fidx;
            // Move callee and arguments down over the old frame.
            for i in 0..moved {
                let v = std::mem::take(&mut self.stack[fidx + i]);
                self.stack[base + i] = v;
            }
            self.stack.truncate(base + moved);
            self.make_room(base, &proto);
            let (upvalues, nupvalues) = upvalues_of(&self.stack[base]);
            let frame = self.frames.last_mut().expect("a frame is running");
            let call_pc = frame.pc.saturating_sub(2) as u32;
            let old = std::mem::replace(&mut frame.proto, proto);
            frame.site = Some((old, call_pc));
            frame.set_self_site(None);
            frame.pc = 0;
            frame.set_kind(FrameKind::Function);
            frame.upvalues = upvalues;
            frame.nupvalues = nupvalues;
            return Ok(Flow::Reload);
        }
        let v = self.call_other(fidx, argc, true)?;
        Ok(self.return_value(v))
    }

    /// Returns `v` from the top frame.
    pub(crate) fn return_value(&mut self, v: Value) -> Flow {
        let frame = self.frames.pop().expect("a frame is running");
        self.stack.truncate(frame.ret);
        if frame.entry() {
            return Flow::Exit(v);
        }
        self.stack.push(v);
        Flow::Reload
    }

    /// Calls `f` and returns its value without leaving the instruction (for
    /// fused opcodes whose fast path does not apply). The top frame's pc
    /// must be synced: traces and arity notes use it.
    pub(crate) fn call_sync(&mut self, f: Value, args: &mut [Value]) -> Result<Value> {
        if f.as_native().is_some() || f.as_keyword().is_some() {
            return self.apply_other(f, args, true);
        }
        self.call_value(&f, args)
    }

    /// Calls the generic builtin for an intrinsic whose fast path did not
    /// apply: the arguments are on the stack.
    pub(crate) fn call_global_fallback(&mut self, f: Value, argc: usize) -> Result<Flow> {
        let n = self.stack.len();
        self.stack.insert(n - argc, f);
        self.call_op(argc)
    }

    /// Calls a callee that is not one of our closures: it and its arguments
    /// are taken off the stack from `fidx`.
    fn call_other(&mut self, fidx: usize, argc: usize, from_loop: bool) -> Result<Value> {
        let mut args: SmallVec<[Value; 8]> = self.stack.drain(fidx + 1..).collect();
        let f = self.stack.pop().unwrap_or_default();
        debug_assert_eq!(args.len(), argc);
        self.apply_other(f, &mut args, from_loop)
    }

    fn apply_other(&mut self, f: Value, args: &mut [Value], from_loop: bool) -> Result<Value> {
        if let Some(n) = f.as_native() {
            if !n.arity.accepts(args.len()) {
                let e = self.arity_error(n.name.name(), n.arity.to_string(), args.len(), from_loop);
                return Err(self.with_native_frame(e, n.name, from_loop));
            }
            self.native_calls.push(NativeCall {
                name: n.name,
                frames: self.frames.len(),
                from_loop,
            });
            let r = n.call(self, args);
            let r = match r {
                Ok(v) => Ok(v),
                Err(mut e) => {
                    if !e.is_uncatchable() {
                        self.capture_trace(&mut e);
                        if let Some(s) = self.call_site().0.filter(|_| from_loop) {
                            e = e.with_span(s);
                        }
                    }
                    Err(e)
                }
            };
            self.native_calls.pop();
            return r;
        }
        if let Some(k) = f.as_keyword() {
            return keyword_call(k, args).map_err(|e| {
                let name = Sym::intern(&format!(":{}", k.name()));
                self.with_native_frame(e, name, from_loop)
            });
        }
        if let Some(m) = f.as_multimethod() {
            let dispatch = m.dispatch.clone();
            let mut dargs: SmallVec<[Value; 8]> = args.iter().cloned().collect();
            let dv = self.call_value(&dispatch, &mut dargs)?;
            let found = m.methods.borrow().get(&OrdKey(dv.clone())).cloned();
            let handler = found.or_else(|| m.default.borrow().clone());
            return match handler {
                Some(h) => self.call_value(&h, args),
                None => Err(Error::eval(format!(
                    "no method in multimethod '{}' for dispatch value: {}",
                    m.name.name(),
                    printer::repr(&dv)
                ))
                .with_hint("add a :default method to handle other values")),
            };
        }
        if vm_closure(&f).is_some() {
            return self.call_value(&f, args);
        }
        let e = Error::eval(format!(
            "not callable: {} ({})",
            printer::repr(&f),
            f.type_name()
        ));
        Err(self.with_native_frame(e, Sym::intern("<unknown>"), from_loop))
    }

    /// Completes an error a native raised when the loop called it: the
    /// trace (with the native still on `native_calls`) and the call's span.
    pub(crate) fn native_error(&mut self, mut e: Error) -> Error {
        if !e.is_uncatchable() {
            self.capture_trace(&mut e);
            if let Some(s) = self.call_site().0 {
                e = e.with_span(s);
            }
        }
        e
    }

    /// Records a frame for a callee that failed before it ran (arity, not
    /// callable, keyword and multimethod errors), as the tree-walker does.
    fn with_native_frame(&mut self, mut e: Error, name: Sym, from_loop: bool) -> Error {
        let span = if from_loop { self.call_site().0 } else { None };
        if let Some(s) = span {
            e = e.with_span(s);
        }
        self.native_calls.push(NativeCall {
            name,
            frames: self.frames.len(),
            from_loop,
        });
        self.capture_trace(&mut e);
        self.native_calls.pop();
        e
    }

    /// Calls any callable from Rust (natives' callbacks): on the same VM,
    /// re-entering the dispatch loop for closures.
    pub(crate) fn call_value(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        sema_core::with_stack(|| {
            if let Some(c) = vm_closure(f) {
                let proto = c.proto.clone();
                if self.frames.len() >= self.max_depth {
                    return Err(recursion_limit_error(self.max_depth));
                }
                let fidx = self.stack.len();
                self.stack.push(f.clone());
                for a in args.iter_mut() {
                    self.stack.push(std::mem::take(a));
                }
                if proto.has_rest || proto.nparams as usize != args.len() {
                    if let Err(e) = self.bind_args(&proto, fidx, args.len(), false) {
                        self.stack.truncate(fidx);
                        return Err(e);
                    }
                }
                self.make_room(fidx, &proto);
                self.push_frame_raw(
                    proto,
                    fidx,
                    fidx,
                    FrameKind::Function,
                    true,
                    c.upvalues.as_ptr(),
                    c.upvalues.len(),
                );
                return self.run();
            }
            self.apply_other(f.clone(), args, false)
        })
    }

    /// Makes a closure of `proto`, capturing from the frame at `base`.
    pub(crate) fn make_closure(&self, proto: &Rc<Proto>, base: usize) -> Value {
        let enclosing = vm_closure(&self.stack[base]);
        let upvalues: Box<[Value]> = proto
            .upvalues
            .iter()
            .map(|u| {
                if u.from_local {
                    self.stack[base + u.index as usize].clone()
                } else {
                    enclosing
                        .and_then(|c| c.upvalues.get(u.index as usize).cloned())
                        .unwrap_or_default()
                }
            })
            .collect();
        Value::lambda_for(
            VM_BACKEND,
            proto.name,
            Box::new(VmClosure {
                proto: proto.clone(),
                upvalues,
            }),
        )
    }

    /// `define` of a global (warns in the REPL when a builtin is replaced).
    pub(crate) fn define_global(&mut self, g: usize, v: Value) {
        if self.warn_builtin_redefinition && self.ns == super::NS_TOP {
            let old = &self.globals.values[g];
            if old.as_native().is_some() {
                sema_core::io::write_stderr(&format!(
                    "  warning: redefining builtin '{}'\n",
                    self.globals.names[g].name()
                ));
            }
        }
        self.globals.values[g] = v;
    }

    /// The unbound-variable error for a global slot.
    pub(crate) fn unbound_global(&self, g: usize, span: Option<sema_core::Span>) -> Error {
        let name = self.globals.names[g];
        let mut e = self.unbound(name);
        if let Some(s) = span {
            e = e.with_span(s);
        }
        e
    }

    pub(crate) fn unbound_const(&self, proto: &Proto, name_const: usize) -> Error {
        let name = proto
            .consts
            .get(name_const)
            .and_then(Value::as_symbol)
            .unwrap_or_else(|| Sym::intern("?"));
        self.unbound(name)
    }

    fn unbound(&self, name: Sym) -> Error {
        let e = Error::unbound(name.name());
        let names = self.names();
        match sema_expand::hints::unbound_hint(name.name(), names.iter().map(|s| s.name())) {
            Some(h) => e.with_hint(h),
            None => e,
        }
    }
}

/// `(:k m)`: the value under the keyword in a map or hash map, else nil.
pub(crate) fn keyword_call(k: Sym, args: &[Value]) -> Result<Value> {
    if args.len() != 1 {
        return Err(Error::arity(&format!(":{}", k.name()), 1, args.len()));
    }
    let key = Value::keyword(k);
    let m = &args[0];
    if let Some(map) = m.as_map() {
        return Ok(map.entries.get(&OrdKey(key)).cloned().unwrap_or_default());
    }
    if let Some(h) = m.as_hashmap() {
        return Ok(h.get(&key).cloned().unwrap_or_default());
    }
    Err(Error::new(
        ErrorKind::Type {
            expected: "map".into(),
            got: m.type_name().into(),
            value: Some(printer::repr(m)),
        },
        format!("expected map, got {}", m.type_name()),
    ))
}
