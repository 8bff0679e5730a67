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

pub use sema_core::{printer, Arity, CancelHandle, Error, ErrorKind, Result, Sym, Value};
pub use sema_stdlib::sandbox::{Capability, Policy};

use sema_expand::modules::{set_source_guard, SourceGuard};

use sema_eval::TreeWalker;
use sema_vm::Vm;

/// Which evaluator runs the program.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum Backend {
    /// The tree-walking evaluator (the executable specification).
    TreeWalker,
    /// The bytecode compiler and virtual machine (the default).
    #[default]
    Vm,
}

/// The parameter names of a function value made by either back end (for
/// `,doc`): the fixed parameters and the rest parameter.
pub fn lambda_params(f: &Value) -> Option<(Vec<Sym>, Option<Sym>)> {
    sema_eval::lambda_params(f).or_else(|| sema_vm::lambda_params(f))
}

/// The two back ends behind one interface.
enum Engine {
    Tree(Box<TreeWalker>),
    Vm(Box<Vm>),
}

/// Forwards a call to whichever back end the interpreter uses.
macro_rules! engine {
    ($self:expr, $e:ident => $body:expr) => {
        match &$self.engine {
            Engine::Tree($e) => $body,
            Engine::Vm($e) => $body,
        }
    };
    (mut $self:expr, $e:ident => $body:expr) => {
        match &mut $self.engine {
            Engine::Tree($e) => $body,
            Engine::Vm($e) => $body,
        }
    };
}

/// A Sema interpreter: one top-level environment with the standard library.
pub struct Interpreter {
    engine: Engine,
    /// The sandbox's check for `load`/`import`, active while this
    /// interpreter evaluates.
    source_guard: Option<SourceGuard>,
}

/// Runs `f` with `guard` as the thread's `load`/`import` check, then
/// restores the previous one (also when `f` unwinds).
fn with_source_guard<R>(guard: &Option<SourceGuard>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<SourceGuard>);
    impl Drop for Restore {
        fn drop(&mut self) {
            set_source_guard(self.0.take());
        }
    }
    if guard.is_none() {
        return f();
    }
    let _restore = Restore(set_source_guard(guard.clone()));
    f()
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
        Interpreter::with_policy(backend, &Policy::allow_all())
    }

    /// A new interpreter on the given backend under a sandbox policy:
    /// builtins needing a denied capability stay bound but raise
    /// `:permission-denied`, and file access (including `load` and
    /// `import`) is confined to the policy's allowed directories.
    ///
    /// ```
    /// use sema::{Backend, Interpreter, Policy};
    ///
    /// let policy = Policy::from_mode("no-shell").unwrap();
    /// let mut interp = Interpreter::with_policy(Backend::Vm, &policy);
    /// let v = interp
    ///     .eval_str(r#"(try (shell "ls") (catch e (:capability e)))"#)
    ///     .unwrap();
    /// assert_eq!(v.as_str(), Some("shell"));
    /// ```
    pub fn with_policy(backend: Backend, policy: &Policy) -> Interpreter {
        let engine = sema_stdlib::sandbox::with_policy(policy, || match backend {
            Backend::TreeWalker => Engine::Tree(Box::new(TreeWalker::new())),
            Backend::Vm => Engine::Vm(Box::new(Vm::new())),
        });
        Interpreter {
            engine,
            source_guard: sema_stdlib::sandbox::source_guard(policy),
        }
    }

    /// The back end this interpreter runs on.
    pub fn backend(&self) -> Backend {
        match self.engine {
            Engine::Tree(_) => Backend::TreeWalker,
            Engine::Vm(_) => Backend::Vm,
        }
    }

    /// Evaluates program text; returns the value of the last form.
    pub fn eval_str(&mut self, src: &str) -> Result<Value> {
        let guard = self.source_guard.clone();
        with_source_guard(&guard, || engine!(mut self, e => e.eval_str(src, None)))
    }

    /// Reads and runs a file; relative `load`/`import` paths resolve against it.
    pub fn eval_file(&mut self, path: &Path) -> Result<Value> {
        let src = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("{}: {e}", path.display())))?;
        let file = sema_expand::modules::file_sym(path);
        let guard = self.source_guard.clone();
        with_source_guard(
            &guard,
            || engine!(mut self, e => e.eval_str(&src, Some(file))),
        )
    }

    /// Runs forms that were already read (with their source file, if any).
    pub fn run_forms(&mut self, forms: &[Value], file: Option<Sym>) -> Result<Value> {
        let guard = self.source_guard.clone();
        with_source_guard(&guard, || engine!(mut self, e => e.run_forms(forms, file)))
    }

    /// Binds `name` to `value` in the top-level environment.
    pub fn define(&mut self, name: &str, value: Value) {
        engine!(mut self, e => e.define(Sym::intern(name), value))
    }

    /// The value bound to `name` at top level, if any.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        engine!(self, e => e.lookup(Sym::intern(name)))
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
        engine!(mut self, e => e.set_max_depth(n))
    }

    /// Every name visible at top level (for completion).
    pub fn names(&self) -> Vec<Sym> {
        engine!(self, e => e.names())
    }

    /// The bindings the program made at top level.
    pub fn user_bindings(&self) -> Vec<(Sym, Value)> {
        engine!(self, e => e.user_bindings())
    }

    /// Makes top-level `define` warn when it replaces a builtin (REPL behaviour).
    pub fn set_warn_builtin_redefinition(&mut self, on: bool) {
        engine!(mut self, e => e.warn_builtin_redefinition = on)
    }

    /// Limits each evaluation to `n` steps (calls and loop iterations);
    /// exceeding it raises a catchable `:eval` error.
    pub fn set_max_steps(&mut self, n: Option<u64>) {
        engine!(mut self, e => e.limits_mut().max_steps = n)
    }

    /// Limits each evaluation's wall-clock time; exceeding it raises a
    /// catchable `:eval` error.
    pub fn set_timeout(&mut self, t: Option<std::time::Duration>) {
        engine!(mut self, e => e.limits_mut().timeout = t)
    }

    /// A handle that cancels the running evaluation from another thread
    /// (it ends with an error `try` cannot catch).
    pub fn cancel_handle(&self) -> CancelHandle {
        engine!(self, e => e.cancel_handle())
    }

    /// A flag that interrupts the running evaluation when set.
    pub fn interrupt_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        engine!(self, e => e.interrupt_flag())
    }

    /// The bytecode listing of every form in `src` (VM back end only).
    pub fn disassemble(&mut self, src: &str) -> Result<String> {
        let forms = sema_reader::read_all(src, None)?;
        match &mut self.engine {
            Engine::Vm(vm) => {
                let mut out = String::new();
                for form in &forms {
                    out.push_str(&vm.disassemble(form, None)?);
                }
                Ok(out)
            }
            Engine::Tree(_) => Err(Error::eval("disassembly needs the VM back end")),
        }
    }
}
