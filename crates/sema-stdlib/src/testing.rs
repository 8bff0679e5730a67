//! A minimal `Ctx` for unit tests: calls natives directly, nothing else.
#![allow(dead_code)] // used by the per-module unit tests as they are written

use sema_core::{Ctx, Error, Result, Sym, Value};

pub(crate) struct TestCtx;

impl Ctx for TestCtx {
    fn call(&mut self, f: &Value, args: &mut [Value]) -> Result<Value> {
        match f.as_native() {
            Some(n) => {
                if !n.arity.accepts(args.len()) {
                    return Err(Error::arity(n.name.name(), n.arity, args.len()));
                }
                n.call(self, args)
            }
            None => Err(Error::eval(format!("TestCtx cannot call {f:?}"))),
        }
    }

    fn global(&mut self, _name: Sym) -> Option<Value> {
        None
    }
}

/// Calls the builtin `name` with `args` through the table (arity checked).
pub(crate) fn call(name: &str, args: &[Value]) -> Result<Value> {
    let b = crate::find(name).unwrap_or_else(|| panic!("no builtin {name}"));
    let f = crate::native_value(b);
    TestCtx.call(&f, &mut args.to_vec())
}
