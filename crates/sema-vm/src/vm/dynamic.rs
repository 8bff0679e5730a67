//! Code compiled while the program runs: `eval`, `load`, `import`, and macro
//! uses expanded at run time (a macro defined after the code that uses it,
//! or redefined since). Such code runs in the frame it appears in: it sees
//! the frame's locals and upvalues by name.

use std::rc::Rc;

use sema_core::{Ctx, Error, Result, Sym, Value};
use sema_expand::modules::{self, ModuleState};
use sema_expand::{Core, Host};

use super::run::Flow;
use super::{FrameKind, NsGlobals, Vm};
use crate::chunk::{MacroCache, Proto, Site};
use crate::compile::{Compiler, FrameScope, FrameVar};

/// Expansion host: macros are the globals of the current namespace, except
/// names the running frame binds locally.
struct VmHost<'a> {
    vm: &'a mut Vm,
    locals: Vec<Sym>,
}

impl Ctx for VmHost<'_> {
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        self.vm.call_value(f, args)
    }

    fn global(&mut self, name: Sym) -> Option<Value> {
        self.vm.global(name)
    }
}

impl Host for VmHost<'_> {
    fn expands_macros_early(&self) -> bool {
        true
    }

    fn lookup_macro(&mut self, name: Sym) -> Option<Value> {
        if self.locals.contains(&name) {
            return None;
        }
        self.vm
            .globals
            .lookup(self.vm.ns, name)
            .filter(|v| v.as_macro().is_some())
    }
}

impl Vm {
    /// Expands a form for code whose frame binds `locals`.
    pub(crate) fn expand(
        &mut self,
        form: &Value,
        file: Option<Sym>,
        locals: Vec<Sym>,
        local: bool,
    ) -> Result<Core> {
        let mut host = VmHost { vm: self, locals };
        if local {
            sema_expand::expand_local(&mut host, form, file)
        } else {
            sema_expand::expand(&mut host, form, file)
        }
    }

    /// What code compiled into the top frame at its current pc can see.
    fn frame_scope(&self) -> FrameScope {
        let Some(frame) = self.frames.last() else {
            return FrameScope::default();
        };
        let proto = &frame.proto;
        let pc = frame.pc.saturating_sub(1) as u32;
        let mut vars: Vec<(Sym, FrameVar)> = proto.inline_scope.clone();
        for (i, u) in proto.upvalues.iter().enumerate() {
            vars.push((
                u.name,
                FrameVar::Upvalue {
                    index: i as u16,
                    boxed: u.boxed,
                },
            ));
        }
        if let Some(name) = proto.name.filter(|_| frame.kind() == FrameKind::Function) {
            vars.push((
                name,
                FrameVar::Local {
                    slot: 0,
                    boxed: false,
                    checked: false,
                },
            ));
        }
        let mut any_local = false;
        for l in &proto.locals {
            if l.start <= pc && pc < l.end {
                any_local = true;
                vars.push((
                    l.name,
                    FrameVar::Local {
                        slot: l.slot,
                        boxed: l.boxed,
                        checked: l.checked,
                    },
                ));
            }
        }
        let first_slot = (self.stack.len() - frame.base) as u16;
        FrameScope {
            vars,
            first_slot,
            toplevel: proto.toplevel && !any_local && proto.inline_scope.is_empty(),
        }
    }

    /// Compiles `form` into the top frame and runs it there; its value.
    fn run_in_frame(&mut self, form: &Value) -> Result<Value> {
        let scope = self.frame_scope();
        let names: Vec<Sym> = scope.vars.iter().map(|(n, _)| *n).collect();
        let local = !scope.toplevel;
        let file = self.current_file;
        let core = self.expand(form, file, names, local)?;
        let proto = self.compile_inline(&core, scope)?;
        self.run_inline(proto)
    }

    fn compile_inline(&mut self, core: &Core, scope: FrameScope) -> Result<Rc<Proto>> {
        let mut g = NsGlobals {
            table: &mut self.globals,
            ns: self.ns,
        };
        let proto = Compiler::compile_inline(&mut g, core, self.current_file, scope)?;
        crate::verify::verify(&proto, self.globals.values.len())?;
        Ok(proto)
    }

    /// Runs inline code in the top frame's slots until it returns.
    fn run_inline(&mut self, proto: Rc<Proto>) -> Result<Value> {
        let frame = self.frames.last().expect("a frame is running");
        let base = frame.base;
        let ret = self.stack.len();
        self.push_frame(proto, base, ret, FrameKind::Inline, true);
        sema_core::with_stack(|| self.run())
    }

    /// `Eval`: the form is on top of the stack.
    pub(crate) fn eval_op(&mut self, _site: usize) -> Result<Value> {
        let form = self.stack.pop().unwrap_or_default();
        self.run_in_frame(&form)
    }

    /// `EvalTail`: the form is on top of the stack; evaluate it in tail
    /// position, replacing the frame when the code needs nothing from it.
    pub(crate) fn eval_tail_op(&mut self) -> Result<Flow> {
        let form = self.stack.pop().unwrap_or_default();
        let inline_frame = self
            .frames
            .last()
            .is_some_and(|f| f.kind() == FrameKind::Inline);
        if !inline_frame {
            let scope = self.frame_scope();
            let toplevel = scope.toplevel;
            let names: Vec<Sym> = scope.vars.iter().map(|(n, _)| *n).collect();
            let scope_vars = scope.vars.clone();
            let file = self.current_file;
            let core = self.expand(&form, file, names, !toplevel)?;
            let proto = self.compile_inline(&core, scope)?;
            if proto.uses_frame {
                let v = self.run_inline(proto)?;
                return Ok(self.return_value(v));
            }
            // Standalone code: run it in this frame's place.
            let own_name: Vec<(Sym, FrameVar)> = scope_vars
                .into_iter()
                .filter(|(_, v)| matches!(v, FrameVar::Local { slot: 0, .. }))
                .collect();
            let fresh = FrameScope {
                vars: own_name,
                first_slot: 1,
                toplevel,
            };
            let proto = self.compile_inline(&core, fresh)?;
            let frame = self.frames.last_mut().expect("a frame is running");
            let base = frame.base;
            frame.proto = proto.clone();
            frame.pc = 0;
            frame.set_kind(FrameKind::Toplevel);
            frame.upvalues = std::ptr::null();
            frame.nupvalues = 0;
            frame.set_self_site(None);
            self.stack.truncate(base + 1);
            self.make_room(base, &proto);
            return Ok(Flow::Reload);
        }
        let v = self.run_in_frame(&form)?;
        Ok(self.return_value(v))
    }

    /// `Load`: the path is on top of the stack.
    pub(crate) fn load_op(&mut self, _site: usize) -> Result<Value> {
        let path = self.stack.pop().unwrap_or_default();
        let shown = path
            .as_str()
            .ok_or_else(|| Error::type_error("string", &path))?
            .to_string();
        let resolved = modules::resolve(self.current_file, &shown);
        let src = modules::read_source("load", &shown, &resolved)?;
        let file = modules::file_sym(&resolved);
        let forms = sema_reader::read_all(&src, Some(file))?;
        let saved = self.current_file.replace(file);
        let mut last = Value::NIL;
        let mut result = Ok(());
        for form in &forms {
            match self.run_in_frame(form) {
                Ok(v) => last = v,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.current_file = saved;
        result.map(|_| last)
    }

    /// `Import`: the path is on top of the stack; the site lists the names.
    pub(crate) fn import_op(&mut self, proto: &Proto, site: usize) -> Result<()> {
        let path = self.stack.pop().unwrap_or_default();
        let names = match proto.sites.get(site) {
            Some(Site::Import { names, .. }) => names.clone(),
            _ => Vec::new(),
        };
        let shown = path
            .as_str()
            .ok_or_else(|| Error::type_error("string", &path))?
            .to_string();
        let resolved = modules::resolve(self.current_file, &shown);
        let canonical = std::fs::canonicalize(&resolved)
            .map_err(|e| Error::io(format!("import {shown}: {e}")))?;
        let exports = match self.modules.begin(&canonical)? {
            ModuleState::Done(exports) => exports,
            ModuleState::Run => {
                let r = self.run_module(&shown, &canonical);
                let exports = r.as_ref().ok().cloned();
                self.modules.finish(&canonical, exports);
                r?
            }
        };
        for (name, value) in modules::select_exports(&exports, &names)? {
            let slot = self.globals.slot(self.ns, name);
            self.globals.values[slot as usize] = value;
        }
        Ok(())
    }

    fn run_module(
        &mut self,
        shown: &str,
        canonical: &std::path::Path,
    ) -> Result<Vec<(Sym, Value)>> {
        let src = modules::read_source("import", shown, canonical)?;
        let file = modules::file_sym(canonical);
        let forms = sema_reader::read_all(&src, Some(file))?;
        let ns = self.globals.namespaces.len() as u32;
        self.globals.namespaces.push(Default::default());
        let saved_ns = std::mem::replace(&mut self.ns, ns);
        let saved_file = self.current_file.replace(file);
        let saved_exports = self.module_exports.take();
        let r = self.run_toplevel_forms(&forms, Some(file));
        let declared = std::mem::replace(&mut self.module_exports, saved_exports);
        self.ns = saved_ns;
        self.current_file = saved_file;
        r?;
        let table = &self.globals;
        let module = &table.namespaces[ns as usize];
        let bound = |s: &Sym| {
            module
                .get(s)
                .map(|slot| table.values[*slot as usize].clone())
                .filter(|v| !v.is_undefined())
        };
        Ok(match declared {
            Some(list) => list
                .into_iter()
                .filter_map(|s| bound(&s).map(|v| (s, v)))
                .collect(),
            None => {
                let mut all: Vec<(Sym, Value)> = module
                    .iter()
                    .filter(|(s, slot)| {
                        !s.name().starts_with(' ')
                            && table.pristine[**slot as usize] == 0
                            && !table.values[**slot as usize].is_undefined()
                    })
                    .map(|(s, slot)| (*s, table.values[*slot as usize].clone()))
                    .collect();
                all.sort_by_key(|(s, _)| s.name());
                all
            }
        })
    }

    /// A macro site whose compiled code is stale: expands the form now, runs
    /// it in the frame, pushes the value and returns the pc to resume at.
    pub(crate) fn macro_site(&mut self, proto: &Proto, site: usize, base: usize) -> Result<usize> {
        let Some(Site::Macro {
            form,
            resume,
            depth,
            cache,
            ..
        }) = proto.sites.get(site)
        else {
            return Err(Error::eval("internal error: bad macro site"));
        };
        let keep = base + proto.frame_size as usize + *depth as usize;
        self.stack.truncate(keep);
        let head = form.car().and_then(Value::as_symbol);
        let current = head.and_then(|h| self.globals.lookup(self.ns, h));
        let mac_id = current.as_ref().map(|v| v.identity()).unwrap_or(0);
        let cached = cache
            .borrow()
            .as_ref()
            .filter(|c| c.mac == mac_id)
            .map(|c| c.proto.clone());
        let code = match cached {
            Some(p) => p,
            None => {
                let scope = self.frame_scope();
                let names: Vec<Sym> = scope.vars.iter().map(|(n, _)| *n).collect();
                let local = !scope.toplevel;
                let file = self.current_file;
                let core = self.expand(form, file, names, local)?;
                let p = self.compile_inline(&core, scope)?;
                *cache.borrow_mut() = Some(MacroCache {
                    mac: mac_id,
                    proto: p.clone(),
                });
                p
            }
        };
        let v = self.run_inline(code)?;
        self.stack.push(v);
        Ok(*resume as usize)
    }
}
