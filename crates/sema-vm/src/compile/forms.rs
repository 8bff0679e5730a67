//! Compiling each core form. `expr(node, tail)` leaves one value on the
//! operand stack, or, in tail position, ends the frame (`Return`/`TailCall`).

use std::rc::Rc;

use sema_core::{Error, Result, Sym, Value};
use sema_expand::{Call, Core, LambdaDef, Let};

use super::{analyze, intrinsics, Compiler, FnState, Loc};
use crate::chunk::{Handler, Site};
use crate::op::Op;

/// Largest argument count encoded directly in a call instruction.
const MAX_ARGC: usize = 255;

impl Compiler<'_> {
    pub(crate) fn expr(&mut self, node: &Core, tail: bool) -> Result<()> {
        sema_core::with_stack(|| self.expr_inner(node, tail))
    }

    fn ret_if(&mut self, tail: bool) {
        if tail {
            self.emit(Op::Return, &[]);
        }
    }

    fn expr_inner(&mut self, node: &Core, tail: bool) -> Result<()> {
        match node {
            Core::Const(v) => {
                self.constant_value(v)?;
                self.ret_if(tail);
            }
            Core::Var(v) => {
                self.em().span(v.span);
                let last_use = self.f().moves.contains(&(node as *const Core));
                self.load_var_moving(v.name, last_use)?;
                self.ret_if(tail);
            }
            Core::Set(v, value) => {
                self.expr(value, false)?;
                self.em().span(v.span);
                self.store_var(v.name, false)?;
                self.emit(Op::Nil, &[]);
                self.ret_if(tail);
            }
            Core::Define(name, value) => {
                self.expr(value, false)?;
                self.store_var(*name, true)?;
                self.emit(Op::Nil, &[]);
                self.ret_if(tail);
            }
            Core::If(i) => self.if_form(&i.test, &i.then, &i.otherwise, tail)?,
            Core::Begin(body) => self.body(body, tail)?,
            Core::Lambda(def) => {
                self.lambda(def)?;
                self.ret_if(tail);
            }
            Core::Call(c) => self.call(c, tail)?,
            Core::Let(l) => self.let_form(l, tail)?,
            Core::Letrec(l) => self.letrec(l, tail)?,
            Core::And(items) => self.and_or(items, true, tail)?,
            Core::Or(items) => self.and_or(items, false, tail)?,
            Core::While(test, body) => {
                let start = self.em().pc();
                self.expr(test, false)?;
                let exit = self.em().jump(Op::JumpIfFalse);
                for node in body {
                    self.expr(node, false)?;
                    self.emit(Op::Pop, &[]);
                }
                self.em().jump_back(Op::Jump, start);
                self.em().patch(exit);
                self.emit(Op::Nil, &[]);
                self.ret_if(tail);
            }
            Core::Try(t) => self.try_form(t, tail)?,
            Core::Throw(value, span) => {
                self.expr(value, false)?;
                let site = self.add_site(Site::Throw { span: Some(*span) })?;
                self.em().span(Some(*span));
                self.emit(Op::Throw, &[site]);
                if tail {
                    self.emit(Op::Return, &[]);
                }
            }
            Core::Eval(expr, span) => {
                self.expr(expr, false)?;
                let site = self.add_site(Site::Eval { span: Some(*span) })?;
                self.em().span(Some(*span));
                if tail {
                    self.emit(Op::EvalTail, &[site]);
                } else {
                    self.emit(Op::Eval, &[site]);
                }
            }
            Core::Load(path, span) => {
                self.expr(path, false)?;
                let site = self.add_site(Site::Load { span: Some(*span) })?;
                self.em().span(Some(*span));
                self.emit(Op::Load, &[site]);
                self.ret_if(tail);
            }
            Core::Import(path, names, span) => {
                self.expr(path, false)?;
                let site = self.add_site(Site::Import {
                    names: names.clone(),
                    span: Some(*span),
                })?;
                self.em().span(Some(*span));
                self.emit(Op::Import, &[site]);
                self.ret_if(tail);
            }
            Core::Module(exports, body) => {
                let site = self.add_site(Site::Module {
                    exports: exports.clone(),
                })?;
                self.emit(Op::ModuleExports, &[site]);
                self.body(body, tail)?;
            }
            Core::MacroUse(m) => {
                let loc = self.resolve(m.name)?;
                let Loc::Global(slot) = loc else {
                    return self.expr(&m.expansion, tail);
                };
                let span = m.form.pos();
                let span = span
                    .is_known()
                    .then(|| sema_core::Span::new(self.file, span.line, span.col));
                let site_depth = self.f().em.depth;
                let site = self.macro_site(m.form.clone(), Some(m.mac.clone()), span)?;
                self.emit(Op::MacroCheck, &[slot, site]);
                self.expr(&m.expansion, tail)?;
                let resume = self.em().pc();
                self.set_resume(site, resume);
                // The run-time expansion path resumes here with its value.
                self.em().depth = site_depth + 1;
                if tail {
                    self.emit(Op::Return, &[]);
                }
            }
        }
        Ok(())
    }

    /// Pushes a constant value.
    pub(crate) fn constant_value(&mut self, v: &Value) -> Result<()> {
        if v.is_nil() {
            self.emit(Op::Nil, &[]);
        } else if v.as_bool() == Some(true) {
            self.emit(Op::True, &[]);
        } else if v.as_bool() == Some(false) {
            self.emit(Op::False, &[]);
        } else if let Some(i) = v.as_small_int().filter(|i| i16::try_from(*i).is_ok()) {
            self.emit(Op::Int, &[i as i16 as u16 as u32]);
        } else {
            let idx = self.constant(v.clone())?;
            self.emit(Op::Const, &[idx]);
        }
        Ok(())
    }

    /// Pushes a variable; a last use of a plain local moves it out of its slot.
    fn load_var_moving(&mut self, name: Sym, last_use: bool) -> Result<()> {
        if last_use && self.own_local(name) {
            if let Loc::Local {
                slot,
                boxed: false,
                checked: false,
            } = self.resolve(name)?
            {
                if slot != 0 {
                    self.emit(Op::MoveLocal, &[slot as u32]);
                    return Ok(());
                }
            }
        }
        self.load_var(name)
    }

    pub(crate) fn load_var(&mut self, name: Sym) -> Result<()> {
        match self.resolve(name)? {
            Loc::Local {
                slot, boxed: true, ..
            } => {
                let n = self.name_const(name)?;
                self.emit(Op::LoadCell, &[slot as u32, n]);
            }
            Loc::Local {
                slot,
                checked: true,
                ..
            } => {
                let n = self.name_const(name)?;
                self.emit(Op::LoadLocalChecked, &[slot as u32, n]);
            }
            Loc::Local { slot, .. } => match slot {
                1 => self.emit(Op::LoadLocal1, &[]),
                2 => self.emit(Op::LoadLocal2, &[]),
                3 => self.emit(Op::LoadLocal3, &[]),
                _ => self.emit(Op::LoadLocal, &[slot as u32]),
            },
            Loc::Upvalue { index, boxed: true } => {
                let n = self.name_const(name)?;
                self.emit(Op::LoadUpvalueCell, &[index as u32, n]);
            }
            Loc::Upvalue { index, .. } => self.emit(Op::LoadUpvalue, &[index as u32]),
            Loc::Global(slot) => self.emit(Op::LoadGlobal, &[slot]),
        }
        Ok(())
    }

    /// Pops the top value into `name`. `define` makes a global at top level.
    fn store_var(&mut self, name: Sym, define: bool) -> Result<()> {
        let loc = self.resolve(name)?;
        if let Loc::Local { slot: 0, .. } = loc {
            // Only code compiled into a running frame (eval) can get here.
            return Err(Error::eval(format!(
                "set!: cannot assign '{}', the running function's own name, from eval",
                name.name()
            )));
        }
        match loc {
            Loc::Local {
                slot, boxed: true, ..
            } => self.emit(Op::StoreCell, &[slot as u32]),
            Loc::Local { slot, .. } => self.emit(Op::StoreLocal, &[slot as u32]),
            Loc::Upvalue { index, boxed: true } => self.emit(Op::StoreUpvalueCell, &[index as u32]),
            Loc::Upvalue { .. } => {
                return Err(Error::eval(format!(
                    "set!: cannot assign the captured variable '{}' here",
                    name.name()
                )))
            }
            Loc::Global(slot) => {
                if define {
                    self.emit(Op::DefineGlobal, &[slot]);
                } else {
                    self.emit(Op::StoreGlobal, &[slot]);
                }
            }
        }
        Ok(())
    }

    fn if_form(&mut self, test: &Core, then: &Core, otherwise: &Core, tail: bool) -> Result<()> {
        // Constant tests pick their branch at compile time.
        if let Core::Const(v) = test {
            return self.expr(if v.is_truthy() { then } else { otherwise }, tail);
        }
        let to_else = self.branch_unless(test)?;
        let depth = self.f().em.depth;
        self.expr(then, tail)?;
        let to_end = if tail {
            None
        } else {
            Some(self.em().jump(Op::Jump))
        };
        self.em().patch(to_else);
        self.em().depth = depth;
        self.expr(otherwise, tail)?;
        if let Some(l) = to_end {
            self.em().patch(l);
        }
        Ok(())
    }

    /// Compiles `test` and a jump taken when it is false; a numeric
    /// comparison of a pristine builtin becomes one fused instruction.
    fn branch_unless(&mut self, test: &Core) -> Result<super::emit::Label> {
        if let Core::Call(c) = test {
            if let (Core::Var(v), 1) = (&c.head, c.args.len()) {
                if let Some(pred) = intrinsics::unary_predicate(v.name.name()) {
                    if let Loc::Global(slot) = self.resolve(v.name)? {
                        if self.globals.is_pristine(slot) {
                            self.expr(&c.args[0], false)?;
                            self.em().span(c.span);
                            return Ok(self.em().jump_with(Op::JumpIfNotUnary, &[slot, pred]));
                        }
                    }
                }
            }
            if let (Core::Var(v), 2) = (&c.head, c.args.len()) {
                if let Some((op, op_imm)) = intrinsics::branch_ops(v.name.name()) {
                    if let Loc::Global(slot) = self.resolve(v.name)? {
                        if self.globals.is_pristine(slot) {
                            self.expr(&c.args[0], false)?;
                            if let Some(imm) = small_imm(&c.args[1]) {
                                self.em().span(c.span);
                                return Ok(self.em().jump_with(op_imm, &[imm, slot]));
                            }
                            self.expr(&c.args[1], false)?;
                            self.em().span(c.span);
                            return Ok(self.em().jump_with(op, &[slot]));
                        }
                    }
                }
            }
        }
        self.expr(test, false)?;
        Ok(self.em().jump(Op::JumpIfFalse))
    }

    fn and_or(&mut self, items: &[Core], is_and: bool, tail: bool) -> Result<()> {
        let Some((last, init)) = items.split_last() else {
            self.emit(if is_and { Op::True } else { Op::False }, &[]);
            self.ret_if(tail);
            return Ok(());
        };
        let op = if is_and {
            Op::JumpIfFalseKeep
        } else {
            Op::JumpIfTrueKeep
        };
        let mut exits = Vec::new();
        for item in init {
            self.expr(item, false)?;
            exits.push(self.em().jump(op));
            // Falling through pops the tested value.
            self.em().depth -= 1;
        }
        let depth = self.f().em.depth;
        self.expr(last, tail)?;
        for l in exits {
            self.em().patch(l);
        }
        self.em().depth = depth + 1;
        if tail && !init.is_empty() {
            self.emit(Op::Return, &[]);
        }
        Ok(())
    }

    fn lambda(&mut self, def: &Rc<LambdaDef>) -> Result<()> {
        let nparams = def.params.len();
        if nparams >= 250 {
            return Err(Error::eval("lambda: too many parameters (at most 249)"));
        }
        let mut st = FnState::new(def.name, 1, false, def.span);
        st.nparams = nparams as u16;
        st.has_rest = def.rest.is_some();
        st.moves = super::liveness::last_uses(&def.body);
        self.fns.push(st);
        let r = self.lambda_body(def);
        let proto = match r {
            Ok(()) => self.finish_fn()?,
            Err(e) => {
                self.fns.pop();
                return Err(e);
            }
        };
        let f = self.f();
        if f.protos.len() >= u16::MAX as usize {
            return Err(Error::eval("function too large: too many nested functions"));
        }
        f.protos.push(Rc::new(proto));
        let idx = (f.protos.len() - 1) as u32;
        self.emit(Op::MakeClosure, &[idx]);
        Ok(())
    }

    fn lambda_body(&mut self, def: &LambdaDef) -> Result<()> {
        // Slot 0 holds the callee (the lambda's own name refers to it);
        // parameters follow, then the rest list.
        let mut names: Vec<Sym> = def.params.clone();
        names.extend(def.rest);
        // A `define` of a parameter (or of the function's own name) assigns
        // that binding instead of making a new one.
        let mut defines = analyze::collect_defines(&def.body);
        defines.retain(|d| !names.contains(d) && Some(*d) != def.name);
        let refs: Vec<&Core> = def.body.iter().collect();
        let mut all = names.clone();
        all.extend(defines.iter().copied());
        if let Some(n) = def.name {
            all.push(n);
        }
        let boxed = analyze::boxed(&all, &refs, false);
        self.push_scope();
        // Slot 0 (the callee) never changes while the frame runs: the VM
        // relies on it to keep the running closure alive. A function that
        // assigns its own name gets a separate variable starting as itself.
        let mut self_copy = None;
        if let Some(n) = def.name {
            let self_boxed = boxed[all.len() - 1];
            if self_boxed || analyze::assigns(n, &refs) {
                self_copy = Some((n, self_boxed));
            } else {
                self.declare(n, 0, false, false);
            }
        }
        for (i, name) in names.iter().enumerate() {
            let slot = self.alloc_slot()?;
            self.declare(*name, slot, boxed[i], false);
            if boxed[i] {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
        }
        for (j, name) in defines.iter().enumerate() {
            let b = boxed[names.len() + j];
            let slot = self.alloc_slot()?;
            self.declare(*name, slot, b, true);
            if b {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
        }
        if let Some((n, b)) = self_copy {
            let slot = self.alloc_slot()?;
            self.emit(Op::LoadLocal, &[0]);
            self.emit(Op::StoreLocal, &[slot as u32]);
            if b {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
            self.declare(n, slot, b, false);
        }
        self.body(&def.body, true)?;
        self.pop_scope();
        Ok(())
    }

    fn let_form(&mut self, l: &Let, tail: bool) -> Result<()> {
        let names: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
        let mut defines = analyze::collect_defines(&l.body);
        defines.retain(|d| !names.contains(d));
        let mut all = names.clone();
        all.extend(defines.iter().copied());
        let refs: Vec<&Core> = l.body.iter().collect();
        let boxed = analyze::boxed(&all, &refs, false);
        // Evaluate every init in the outer scope into fresh slots.
        let mut slots = Vec::with_capacity(names.len());
        for (_, init) in &l.bindings {
            self.expr(init, false)?;
            let slot = self.alloc_slot()?;
            self.emit(Op::StoreLocal, &[slot as u32]);
            slots.push(slot);
        }
        self.push_scope();
        for (i, (name, slot)) in names.iter().zip(&slots).enumerate() {
            self.declare(*name, *slot, boxed[i], false);
            if boxed[i] {
                self.emit(Op::MakeCell, &[*slot as u32]);
            }
        }
        for (j, name) in defines.iter().enumerate() {
            let b = boxed[names.len() + j];
            let slot = self.alloc_slot()?;
            let undefined = self.undefined_const()?;
            self.emit(Op::Const, &[undefined]);
            self.emit(Op::StoreLocal, &[slot as u32]);
            self.declare(*name, slot, b, true);
            if b {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
        }
        self.body(&l.body, tail)?;
        self.pop_scope();
        Ok(())
    }

    fn undefined_const(&mut self) -> Result<u32> {
        self.constant(Value::UNDEFINED)
    }

    fn letrec(&mut self, l: &Let, tail: bool) -> Result<()> {
        let names: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
        let mut defines = analyze::collect_defines(&l.body);
        defines.retain(|d| !names.contains(d));
        let mut all = names.clone();
        all.extend(defines.iter().copied());
        let mut refs: Vec<&Core> = l.bindings.iter().map(|(_, i)| i).collect();
        refs.extend(l.body.iter());
        let boxed = analyze::boxed(&all, &refs, true);
        self.push_scope();
        let mut slots = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let slot = self.alloc_slot()?;
            self.emit(Op::Nil, &[]);
            self.emit(Op::StoreLocal, &[slot as u32]);
            if boxed[i] {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
            self.declare(*name, slot, boxed[i], false);
            slots.push(slot);
        }
        for (j, name) in defines.iter().enumerate() {
            let b = boxed[names.len() + j];
            let slot = self.alloc_slot()?;
            let undefined = self.undefined_const()?;
            self.emit(Op::Const, &[undefined]);
            self.emit(Op::StoreLocal, &[slot as u32]);
            self.declare(*name, slot, b, true);
            if b {
                self.emit(Op::MakeCell, &[slot as u32]);
            }
        }
        for (name, init) in &l.bindings {
            self.expr(init, false)?;
            self.store_var(*name, false)?;
        }
        self.body(&l.body, tail)?;
        self.pop_scope();
        Ok(())
    }

    fn try_form(&mut self, t: &sema_expand::Try, tail: bool) -> Result<()> {
        let depth = self.f().em.depth;
        let start = self.em().pc();
        self.body(&t.body, false)?;
        let end = self.em().pc();
        if tail {
            self.emit(Op::Return, &[]);
        }
        let skip = if tail {
            None
        } else {
            Some(self.em().jump(Op::Jump))
        };
        let target = self.em().pc();
        self.f().handlers.push(Handler {
            start,
            end,
            target,
            depth: depth.max(0) as u16,
        });
        // Inner regions were pushed first, so the table stays innermost-first.
        self.em().depth = depth + 1;
        let mut defines = analyze::collect_defines(&t.handler);
        defines.retain(|d| *d != t.var);
        let mut all = vec![t.var];
        all.extend(defines.iter().copied());
        let refs: Vec<&Core> = t.handler.iter().collect();
        let boxed = analyze::boxed(&all, &refs, false);
        let slot = self.alloc_slot()?;
        self.emit(Op::StoreLocal, &[slot as u32]);
        self.push_scope();
        self.declare(t.var, slot, boxed[0], false);
        if boxed[0] {
            self.emit(Op::MakeCell, &[slot as u32]);
        }
        for (j, name) in defines.iter().enumerate() {
            let s = self.alloc_slot()?;
            let undefined = self.undefined_const()?;
            self.emit(Op::Const, &[undefined]);
            self.emit(Op::StoreLocal, &[s as u32]);
            self.declare(*name, s, boxed[1 + j], true);
            if boxed[1 + j] {
                self.emit(Op::MakeCell, &[s as u32]);
            }
        }
        self.body(&t.handler, tail)?;
        self.pop_scope();
        if let Some(l) = skip {
            self.em().patch(l);
        }
        self.em().depth = depth + 1;
        Ok(())
    }

    fn call(&mut self, c: &Call, tail: bool) -> Result<()> {
        if c.args.len() > MAX_ARGC {
            return self.wide_call(c, tail);
        }
        // An intrinsic: the global still holds the builtin it is named after.
        if let Core::Var(v) = &c.head {
            if let Some(op) = intrinsics::lookup(v.name.name(), c.args.len()) {
                if let Loc::Global(slot) = self.resolve(v.name)? {
                    if self.globals.is_pristine(slot) {
                        if let (Some(imm_op), Some(imm)) = (
                            intrinsics::imm_op(v.name.name()).filter(|_| c.args.len() == 2),
                            c.args.get(1).and_then(small_imm),
                        ) {
                            self.expr(&c.args[0], false)?;
                            self.em().span(c.span);
                            self.emit(imm_op, &[imm, slot]);
                            self.ret_if(tail);
                            return Ok(());
                        }
                        for a in &c.args {
                            self.expr(a, false)?;
                        }
                        self.em().span(c.span);
                        self.emit(op, &[slot]);
                        self.ret_if(tail);
                        return Ok(());
                    }
                }
            }
        }
        // A tail call of the function itself through its own name (slot 0,
        // which never changes) restarts the frame in place.
        if tail && self.is_self_call(c)? {
            for a in &c.args {
                self.expr(a, false)?;
            }
            self.em().span(c.span);
            self.emit(Op::TailCallSelf, &[c.args.len() as u32]);
            return Ok(());
        }
        // A call of a global with no value yet may turn out to be a macro
        // defined later: guard it so the form is expanded then.
        let mut guard = None;
        if let Core::Var(v) = &c.head {
            if let Loc::Global(slot) = self.resolve(v.name)? {
                if self.globals.value(slot).is_undefined() && !c.form.is_nil() {
                    let site = self.macro_site(c.form.clone(), None, c.span)?;
                    self.emit(Op::MacroGuard, &[slot, site]);
                    guard = Some(site);
                }
            }
        }
        self.expr(&c.head, false)?;
        for a in &c.args {
            self.expr(a, false)?;
        }
        self.em().span(c.span);
        self.call_form(&c.form)?;
        let argc = c.args.len() as u32;
        if tail {
            self.emit(Op::TailCall, &[argc]);
            // Keep the bookkeeping of the callee slot's value.
            self.em().depth -= argc as i32;
        } else {
            self.emit(Op::Call, &[argc]);
        }
        if let Some(site) = guard {
            let resume = self.em().pc();
            self.set_resume(site, resume);
        }
        if tail {
            // A run-time macro expansion of this site resumes here.
            self.emit(Op::Return, &[]);
        }
        Ok(())
    }

    /// True for a call of the running lambda by its own name with exactly its
    /// parameter count (no rest parameter), in the lambda's own code.
    fn is_self_call(&mut self, c: &Call) -> Result<bool> {
        let Core::Var(v) = &c.head else {
            return Ok(false);
        };
        let f = self.f();
        let own_code = f.frame.is_none() && !f.toplevel && f.name.is_some();
        if !own_code || f.has_rest || f.nparams as usize != c.args.len() {
            return Ok(false);
        }
        if !self.own_local(v.name) {
            return Ok(false);
        }
        Ok(matches!(self.resolve(v.name)?, Loc::Local { slot: 0, .. }))
    }

    /// Records the call form of the instruction about to be emitted (for the
    /// arity-error note), keyed by its pc in the span table's sense.
    fn call_form(&mut self, form: &Value) -> Result<()> {
        // The note is optional: huge functions keep their constants for code.
        if form.is_nil() || self.f().consts.len() > 50_000 {
            return Ok(());
        }
        let pc = self.em().pc();
        let idx = self.constant(form.clone())?;
        self.f().call_forms.push((pc, idx as u16));
        Ok(())
    }

    /// A call with more arguments than an instruction encodes:
    /// `(apply f (append (list a ...) (list b ...) ...))`.
    fn wide_call(&mut self, c: &Call, tail: bool) -> Result<()> {
        let apply = self.globals.builtin("apply");
        let append = self.globals.builtin("append");
        let list = self.globals.builtin("list");
        self.constant_value(&apply)?;
        self.expr(&c.head, false)?;
        self.constant_value(&append)?;
        let chunks: Vec<&[Core]> = c.args.chunks(MAX_ARGC).collect();
        for chunk in &chunks {
            self.constant_value(&list)?;
            for a in chunk.iter() {
                self.expr(a, false)?;
            }
            self.emit(Op::Call, &[chunk.len() as u32]);
        }
        self.emit(Op::Call, &[chunks.len() as u32]);
        self.em().span(c.span);
        if tail {
            self.emit(Op::TailCall, &[2]);
            self.em().depth -= 2;
            self.emit(Op::Return, &[]);
        } else {
            self.emit(Op::Call, &[2]);
        }
        Ok(())
    }
}

/// The encoded immediate of a small integer constant, if `node` is one.
fn small_imm(node: &Core) -> Option<u32> {
    match node {
        Core::Const(v) => v
            .as_small_int()
            .and_then(|i| i16::try_from(i).ok())
            .map(|i| i as u16 as u32),
        _ => None,
    }
}
