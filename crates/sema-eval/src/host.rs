//! The tree-walker as the expander's host and as the `Ctx` natives call back
//! through.

use sema_core::{Ctx, Result, Sym, Value};
use sema_expand::{Core, Host};

use crate::env::Env;
use crate::TreeWalker;

impl Ctx for TreeWalker {
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        let args: Vec<Value> = args.iter_mut().map(std::mem::take).collect();
        self.call_value(f, args)
    }

    fn global(&mut self, name: Sym) -> Option<Value> {
        self.globals.lookup(name)
    }

    fn poll_interrupt(&mut self) -> Result<()> {
        self.limits.poll()
    }
}

/// Expansion host for code that will run in `env`: macros are whatever the
/// names mean in that environment.
struct DynHost<'a> {
    tw: &'a mut TreeWalker,
    env: Env,
}

impl Ctx for DynHost<'_> {
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        self.tw.call(f, args)
    }

    fn global(&mut self, name: Sym) -> Option<Value> {
        self.tw.global(name)
    }
}

impl Host for DynHost<'_> {
    fn lookup_macro(&mut self, name: Sym) -> Option<Value> {
        self.env.lookup(name).filter(|v| v.as_macro().is_some())
    }
}

impl TreeWalker {
    /// Expands `form` for evaluation in `env`.
    pub(crate) fn expand_in(
        &mut self,
        env: &Env,
        form: &Value,
        file: Option<Sym>,
        local: bool,
    ) -> Result<Core> {
        let mut host = DynHost {
            tw: self,
            env: env.clone(),
        };
        if local {
            sema_expand::expand_local(&mut host, form, file)
        } else {
            sema_expand::expand(&mut host, form, file)
        }
    }
}
