//! The interface natives use to call back into the running evaluator.
//!
//! A builtin is `fn(&mut dyn Ctx, &[Value]) -> Result<Value>`. Through the
//! `Ctx` it can call any callable value on *whichever backend is running*
//! (the tree-walker or the VM), so higher-order builtins cost about as much as
//! a call written in Sema and never start a second evaluator.

use crate::error::Result;
use crate::symbol::Sym;
use crate::value::Value;

pub trait Ctx {
    /// Calls a callable value (lambda, native, keyword, multimethod) with
    /// arguments. The callee may take the arguments out of the slice (leaving
    /// nil), so pass values you no longer need by moving them in.
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value>;

    /// The value bound to `name` in the top-level (or global) environment.
    fn global(&mut self, name: Sym) -> Option<Value>;

    /// Expands `form` once if its head names a macro (what `macroexpand` does).
    fn macroexpand_1(&mut self, form: &Value) -> Result<Value> {
        let Some(head) = form.car().and_then(Value::as_symbol) else {
            return Ok(form.clone());
        };
        match self.global(head) {
            Some(m) if m.as_macro().is_some() => {
                let transformer = m
                    .as_macro()
                    .map(|m| m.transformer.clone())
                    .unwrap_or_default();
                let mut args: Vec<Value> = form
                    .cdr()
                    .map(|t| t.list_iter().cloned().collect())
                    .unwrap_or_default();
                self.call(&transformer, &mut args)
            }
            _ => Ok(form.clone()),
        }
    }

    /// Checks the interrupt flag (Ctrl-C, timeouts); long-running natives call it.
    fn poll_interrupt(&mut self) -> Result<()> {
        Ok(())
    }
}
