//! The tree-walking evaluator: the executable specification of Sema.
//!
//! It evaluates the core forms the expander produces, with environments as
//! chains of hash frames. It is kept simple on purpose; speed is the VM's
//! job. Tail calls run in a loop (`apply`), so tail recursion uses constant
//! native stack; non-tail recursion is bounded by a depth limit and the
//! native stack grows on demand, so deep recursion ends in a result or a
//! catchable error, never a crash (spec D6).

mod apply;
mod env;
mod eval;
mod host;
mod modules;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use sema_core::{Result, Span, Sym, Value};
use sema_expand::modules::ModuleCache;

pub use env::Env;

/// The default limit on nested (non-tail) calls (spec D6).
pub const DEFAULT_MAX_DEPTH: usize = 1_000_000;

/// The parameters of a lambda made by this evaluator: the fixed ones and
/// the rest parameter, if any (for the REPL's `,doc`). `None` for other values.
pub fn lambda_params(f: &Value) -> Option<(Vec<Sym>, Option<Sym>)> {
    let closure = f.as_lambda()?.imp.downcast_ref::<eval::Closure>()?;
    Some((closure.def.params.clone(), closure.def.rest))
}

/// One live call, for stack traces.
#[derive(Clone)]
pub(crate) struct CallFrame {
    pub name: Sym,
    pub span: Option<Span>,
}

/// A tree-walking interpreter with its global and top-level environments.
pub struct TreeWalker {
    /// Builtins and prelude macros.
    global: Env,
    /// The one top-level environment of the process (spec D7).
    top: Env,
    /// The environment `global()` lookups and imports use (top, or a module's).
    globals: Env,
    depth: usize,
    max_depth: usize,
    stack: Vec<CallFrame>,
    /// The file being run or loaded (absolute path), for relative paths.
    current_file: Option<Sym>,
    modules: ModuleCache,
    /// The export list recorded by a `module` form in the import in progress.
    module_exports: Option<Vec<Sym>>,
    limits: sema_core::Limits,
    /// Warn when a top-level `define` replaces a builtin (the REPL sets this).
    pub warn_builtin_redefinition: bool,
}

impl Drop for TreeWalker {
    /// Breaks the cycles between the top-level environments and the
    /// closures defined in them (a function defined at top level holds the
    /// environment that holds it), so a dropped interpreter frees its memory.
    fn drop(&mut self) {
        self.globals.clear();
        self.top.clear();
        self.global.clear();
    }
}

impl Default for TreeWalker {
    fn default() -> Self {
        Self::new()
    }
}

impl TreeWalker {
    /// A fresh interpreter with the standard library and prelude macros bound.
    pub fn new() -> TreeWalker {
        let global = Env::root();
        sema_stdlib::install(&mut |name, value| global.define(name, value));
        for (name, mac) in sema_expand::prelude_macros() {
            global.define(name, mac);
        }
        let top = global.child();
        TreeWalker {
            globals: top.clone(),
            global,
            top,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
            stack: Vec::new(),
            current_file: None,
            modules: ModuleCache::default(),
            module_exports: None,
            limits: sema_core::Limits::default(),
            warn_builtin_redefinition: false,
        }
    }

    /// Sets the limit on nested calls.
    pub fn set_max_depth(&mut self, n: usize) {
        self.max_depth = n.max(1);
    }

    /// The flag that, when set from another thread or a signal handler,
    /// makes evaluation stop with an "interrupted" error.
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

    /// Binds `name` in the top-level environment.
    pub fn define(&mut self, name: Sym, value: Value) {
        self.top.define(name, value);
    }

    /// The value of `name` in the top-level environment.
    pub fn lookup(&self, name: Sym) -> Option<Value> {
        self.top.lookup(name)
    }

    /// Every name visible at top level.
    pub fn names(&self) -> Vec<Sym> {
        self.top.all_names()
    }

    /// The names bound by the program (not the builtins).
    pub fn user_bindings(&self) -> Vec<(Sym, Value)> {
        self.top.bindings()
    }

    /// Reads and runs program text; returns the value of the last form.
    /// `file` is the absolute path of the source, if it came from a file.
    pub fn eval_str(&mut self, src: &str, file: Option<Sym>) -> Result<Value> {
        let forms = sema_reader::read_all(src, file)?;
        self.run_forms(&forms, file)
    }

    /// Runs already-read forms at top level, each expanded just before it runs.
    pub fn run_forms(&mut self, forms: &[Value], file: Option<Sym>) -> Result<Value> {
        let new_file = file.or(self.current_file);
        let saved = std::mem::replace(&mut self.current_file, new_file);
        self.limits.start();
        let top = self.top.clone();
        let r = self.run_in(&top, forms, file);
        self.current_file = saved;
        self.stack.clear();
        self.depth = 0;
        r
    }

    /// Evaluates forms in `env` one after another; a top-level `begin` is
    /// spliced so that a macro it defines is usable by its later forms.
    pub(crate) fn run_in(
        &mut self,
        env: &Env,
        forms: &[Value],
        file: Option<Sym>,
    ) -> Result<Value> {
        let mut last = Value::NIL;
        for form in forms {
            last = self.run_one(env, form, file)?;
        }
        Ok(last)
    }

    fn run_one(&mut self, env: &Env, form: &Value, file: Option<Sym>) -> Result<Value> {
        if let Some(c) = form.as_cons() {
            if c.car.as_symbol() == Some(sema_core::sym::BEGIN)
                || c.car.as_symbol() == Some(sema_core::sym::PROGN)
            {
                let items: Vec<Value> = c.cdr.list_iter().cloned().collect();
                return self.run_in(env, &items, file);
            }
        }
        let core = self.expand_in(env, form, file, false)?;
        self.eval(&core, env)
    }

    /// Counts a step (a call or loop iteration) against the limits.
    #[inline]
    pub(crate) fn check_interrupt(&mut self) -> Result<()> {
        self.limits.tick()
    }
}

#[cfg(test)]
mod tests;
