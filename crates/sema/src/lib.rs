//! Sema: embed the interpreter in a Rust program.
//!
//! ```
//! use sema::{Interpreter, Value};
//!
//! let mut interp = Interpreter::new();
//! interp.register_fn("double", 1, |args| {
//!     let n = args[0].as_int().ok_or_else(|| sema::Error::type_error("int", &args[0]))?;
//!     Ok(Value::int(n * 2))
//! });
//! let v = interp.eval_str("(+ 1 (double 20))").unwrap();
//! assert_eq!(v.as_int(), Some(41));
//! assert_eq!(interp.eval_str("(map double '(1 2 3))").unwrap().to_string(), "(2 4 6)");
//! ```

use std::path::Path;

pub use sema_core::{printer, Arity, Error, ErrorKind, Result, Sym, Value};

use sema_eval::TreeWalker;

/// Which evaluator runs the program.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum Backend {
    /// The tree-walking evaluator (the executable specification).
    #[default]
    TreeWalker,
}

/// A Sema interpreter: one top-level environment with the standard library.
pub struct Interpreter {
    engine: TreeWalker,
}

impl Default for Interpreter {
    fn default() -> Self {
        Self::new()
    }
}

impl Interpreter {
    /// A new interpreter on the default backend.
    pub fn new() -> Interpreter {
        Interpreter::with_backend(Backend::default())
    }

    /// A new interpreter on the given backend.
    pub fn with_backend(backend: Backend) -> Interpreter {
        match backend {
            Backend::TreeWalker => Interpreter {
                engine: TreeWalker::new(),
            },
        }
    }

    /// Evaluates program text; returns the value of the last form.
    pub fn eval_str(&mut self, src: &str) -> Result<Value> {
        self.engine.eval_str(src, None)
    }

    /// Reads and runs a file; relative `load`/`import` paths resolve against it.
    pub fn eval_file(&mut self, path: &Path) -> Result<Value> {
        let src = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("{}: {e}", path.display())))?;
        let file = sema_expand::modules::file_sym(path);
        self.engine.eval_str(&src, Some(file))
    }

    /// Runs forms that were already read (with their source file, if any).
    pub fn run_forms(&mut self, forms: &[Value], file: Option<Sym>) -> Result<Value> {
        self.engine.run_forms(forms, file)
    }

    /// Binds `name` to `value` in the top-level environment.
    pub fn define(&mut self, name: &str, value: Value) {
        self.engine.define(Sym::intern(name), value);
    }

    /// The value bound to `name` at top level, if any.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        self.engine.lookup(Sym::intern(name))
    }

    /// Registers a Rust function taking exactly `arity` arguments.
    pub fn register_fn(
        &mut self,
        name: &str,
        arity: u16,
        f: impl Fn(&[Value]) -> Result<Value> + 'static,
    ) {
        let value = Value::native(name, Arity::Exact(arity), move |_, args| f(args));
        self.define(name, value);
    }

    /// Sets the limit on nested (non-tail) calls.
    pub fn set_max_depth(&mut self, n: usize) {
        self.engine.set_max_depth(n);
    }

    /// Every name visible at top level (for completion).
    pub fn names(&self) -> Vec<Sym> {
        self.engine.names()
    }

    /// The bindings the program made at top level.
    pub fn user_bindings(&self) -> Vec<(Sym, Value)> {
        self.engine.user_bindings()
    }

    /// Makes top-level `define` warn when it replaces a builtin (REPL behaviour).
    pub fn set_warn_builtin_redefinition(&mut self, on: bool) {
        self.engine.warn_builtin_redefinition = on;
    }

    /// A flag that interrupts the running evaluation when set.
    pub fn interrupt_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.engine.interrupt_flag()
    }
}
