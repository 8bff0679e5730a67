//! Evaluation of core forms. `eval_tail` evaluates a form in tail position:
//! a call there is returned as [`Tail::Call`] for the caller's loop to run,
//! which is what makes tail calls take no native stack.

use sema_core::{io, printer, Error, Result, Span, Value};
use sema_expand::{hints, Core};

use crate::env::Env;
use crate::TreeWalker;

/// A call evaluated up to the point of applying it.
pub(crate) struct Pending {
    pub f: Value,
    pub args: Vec<Value>,
    pub span: Option<Span>,
    pub form: Value,
}

/// The result of evaluating a form in tail position.
pub(crate) enum Tail {
    Value(Value),
    Call(Pending),
}

/// The tree-walker's closure: a lambda definition and its captured environment.
pub(crate) struct Closure {
    pub def: std::rc::Rc<sema_expand::LambdaDef>,
    pub env: Env,
}

impl TreeWalker {
    /// Evaluates a form to its value. A nested evaluation counts as a frame
    /// towards the recursion limit (special-forms.md §1.6 allows this), which
    /// keeps the memory a runaway recursion takes before it fails in bounds.
    pub(crate) fn eval(&mut self, node: &Core, env: &Env) -> Result<Value> {
        match node {
            Core::Const(v) => return Ok(v.clone()),
            Core::Var(var) => {
                return match env.lookup(var.name) {
                    Some(v) => Ok(v),
                    None => Err(self.unbound_at(var, env)),
                }
            }
            _ => {}
        }
        if self.depth >= self.max_depth {
            return Err(crate::apply::recursion_limit_error(self.max_depth));
        }
        self.depth += 1;
        let r = grow(|| match self.eval_tail(node, env)? {
            Tail::Value(v) => Ok(v),
            Tail::Call(p) => self.apply(p),
        });
        self.depth -= 1;
        r
    }

    /// Evaluates a body: all forms but the last for effect, the last in tail position.
    pub(crate) fn eval_body(&mut self, body: &[Core], env: &Env) -> Result<Tail> {
        let Some((last, init)) = body.split_last() else {
            return Ok(Tail::Value(Value::NIL));
        };
        for node in init {
            self.eval(node, env)?;
        }
        self.eval_tail(last, env)
    }

    pub(crate) fn unbound_error(&self, name: sema_core::Sym, env: &Env) -> Error {
        let err = Error::unbound(name.name());
        let names = env.all_names();
        match hints::unbound_hint(name.name(), names.iter().map(|s| s.name())) {
            Some(h) => err.with_hint(h),
            None => err,
        }
    }

    /// True when `env` is a top-level environment (the process's or a module's).
    pub(crate) fn is_toplevel(&self, env: &Env) -> bool {
        env.same(&self.top) || env.same(&self.globals)
    }

    /// Evaluates `node` in tail position. Only the common forms are handled
    /// here; the rest live in [`TreeWalker::eval_other`], out of line, so
    /// that this function's native stack frame stays small: every level of
    /// non-tail recursion in a program passes through it.
    pub(crate) fn eval_tail(&mut self, node: &Core, env: &Env) -> Result<Tail> {
        let v = match node {
            Core::Const(v) => v.clone(),
            Core::Var(var) => match env.lookup(var.name) {
                Some(v) => v,
                None => return Err(self.unbound_at(var, env)),
            },
            Core::If(i) => {
                let test = self.eval(&i.test, env)?;
                return if test.is_truthy() {
                    self.eval_tail(&i.then, env)
                } else {
                    self.eval_tail(&i.otherwise, env)
                };
            }
            Core::Begin(body) => return self.eval_body(body, env),
            Core::Lambda(def) => Value::lambda(
                def.name,
                Box::new(Closure {
                    def: def.clone(),
                    env: env.clone(),
                }),
            ),
            Core::Call(c) => {
                let f = self.eval(&c.head, env)?;
                if f.as_macro().is_some() {
                    return self.eval_macro_form(&f, &c.form, env);
                }
                let mut args = Vec::with_capacity(c.args.len());
                for a in &c.args {
                    args.push(self.eval(a, env)?);
                }
                return Ok(Tail::Call(Pending {
                    f,
                    args,
                    span: c.span,
                    form: c.form.clone(),
                }));
            }
            Core::Let(l) => {
                let mut bindings = Vec::with_capacity(l.bindings.len());
                for (name, init) in &l.bindings {
                    bindings.push((*name, self.eval(init, env)?));
                }
                let inner = env.child_with(bindings);
                return self.eval_body(&l.body, &inner);
            }
            Core::And(items) => {
                let Some((last, init)) = items.split_last() else {
                    return Ok(Tail::Value(Value::TRUE));
                };
                for item in init {
                    let v = self.eval(item, env)?;
                    if !v.is_truthy() {
                        return Ok(Tail::Value(v));
                    }
                }
                return self.eval_tail(last, env);
            }
            Core::Or(items) => {
                let Some((last, init)) = items.split_last() else {
                    return Ok(Tail::Value(Value::FALSE));
                };
                for item in init {
                    let v = self.eval(item, env)?;
                    if v.is_truthy() {
                        return Ok(Tail::Value(v));
                    }
                }
                return self.eval_tail(last, env);
            }
            _ => return self.eval_other(node, env),
        };
        Ok(Tail::Value(v))
    }

    /// The unbound-variable error for a reference, with its position.
    #[cold]
    #[inline(never)]
    fn unbound_at(&self, var: &sema_expand::Var, env: &Env) -> Error {
        let e = self.unbound_error(var.name, env);
        match var.span {
            Some(s) => e.with_span(s),
            None => e,
        }
    }

    /// The less common forms of [`TreeWalker::eval_tail`].
    #[inline(never)]
    fn eval_other(&mut self, node: &Core, env: &Env) -> Result<Tail> {
        let v = match node {
            Core::Const(_)
            | Core::Var(_)
            | Core::If(_)
            | Core::Begin(_)
            | Core::Lambda(_)
            | Core::Call(_)
            | Core::Let(_)
            | Core::And(_)
            | Core::Or(_) => return self.eval_tail(node, env),
            Core::Set(var, value) => {
                let v = self.eval(value, env)?;
                if !env.set(var.name, v) {
                    return Err(self.unbound_at(var, env));
                }
                Value::NIL
            }
            Core::Define(name, value) => {
                let v = self.eval(value, env)?;
                if self.warn_builtin_redefinition && env.same(&self.top) {
                    if let Some(old) = env.lookup(*name) {
                        if old.as_native().is_some() {
                            io::write_stderr(&format!(
                                "  warning: redefining builtin '{}'\n",
                                name.name()
                            ));
                        }
                    }
                }
                env.define(*name, v);
                Value::NIL
            }
            Core::Letrec(l) => {
                let inner =
                    env.child_with(l.bindings.iter().map(|(n, _)| (*n, Value::NIL)).collect());
                for (name, init) in &l.bindings {
                    let v = self.eval(init, &inner)?;
                    inner.define(*name, v);
                }
                return self.eval_body(&l.body, &inner);
            }
            Core::While(test, body) => {
                while self.eval(test, env)?.is_truthy() {
                    self.check_interrupt()?;
                    for node in body {
                        self.eval(node, env)?;
                    }
                }
                Value::NIL
            }
            Core::Try(t) => {
                let (depth, stack_len) = (self.depth, self.stack.len());
                let mut result = Ok(Value::NIL);
                for node in &t.body {
                    result = self.eval(node, env);
                    if result.is_err() {
                        break;
                    }
                }
                match result {
                    Ok(v) => v,
                    Err(e) if e.is_uncatchable() => return Err(e),
                    Err(e) => {
                        self.depth = depth;
                        self.stack.truncate(stack_len);
                        let handler_env = env.child_with(vec![(t.var, e.to_value())]);
                        return self.eval_body(&t.handler, &handler_env);
                    }
                }
            }
            Core::Throw(value, span) => {
                let v = self.eval(value, env)?;
                return Err(Error::user(v).with_span(*span));
            }
            Core::Eval(expr, _) => {
                let form = self.eval(expr, env)?;
                let local = !self.is_toplevel(env);
                let core = self.expand_in(env, &form, self.current_file, local)?;
                return self.eval_tail(&core, env);
            }
            Core::Load(path, span) => {
                let p = self.eval(path, env)?;
                return self
                    .load(&p, env)
                    .map(Tail::Value)
                    .map_err(|e| e.with_span(*span));
            }
            Core::Import(path, names, span) => {
                let p = self.eval(path, env)?;
                return self
                    .import(&p, names, env)
                    .map(Tail::Value)
                    .map_err(|e| e.with_span(*span));
            }
            Core::Module(exports, body) => {
                self.module_exports = Some(exports.clone());
                return self.eval_body(body, env);
            }
            Core::MacroUse(m) => {
                let current = env.lookup(m.name);
                if current.is_some_and(|v| v.identity() == m.mac.identity()) {
                    return self.eval_tail(&m.expansion, env);
                }
                // The macro was redefined (or the name rebound): expand again.
                let local = !self.is_toplevel(env);
                let core = self.expand_in(env, &m.form, self.current_file, local)?;
                return self.eval_tail(&core, env);
            }
        };
        Ok(Tail::Value(v))
    }

    /// A call whose head turned out to hold a macro at run time (defined after
    /// the code was expanded): expand the form now and evaluate the result.
    fn eval_macro_form(&mut self, mac: &Value, form: &Value, env: &Env) -> Result<Tail> {
        let transformer = mac
            .as_macro()
            .map(|m| in_caller_env(&m.transformer, env))
            .unwrap_or_default();
        let args: Vec<Value> = form
            .cdr()
            .map(|t| t.list_iter().cloned().collect())
            .unwrap_or_default();
        let expansion = self.call_value(&transformer, args)?;
        let local = !self.is_toplevel(env);
        let core = self.expand_in(env, &expansion, self.current_file, local)?;
        // An expansion that is again a macro form comes back here: count it
        // as a frame and grow the stack, so a macro that expands into itself
        // ends at the recursion limit instead of overflowing the stack.
        if self.depth >= self.max_depth {
            return Err(crate::apply::recursion_limit_error(self.max_depth));
        }
        self.depth += 1;
        let r = grow(|| self.eval_tail(&core, env));
        self.depth -= 1;
        r
    }
}

/// Bytes of native stack that must remain before a nested step runs on the
/// current stack; below that, the step runs on a fresh segment.
const STACK_RED_ZONE: usize = 128 * 1024;
/// Size of each extra stack segment.
const STACK_SEGMENT: usize = 16 * 1024 * 1024;

/// Runs `f`, first moving to a new stack segment if the current one is
/// nearly used up. Inlined, so that the common case adds no native frame of
/// its own to each level of recursion.
#[inline(always)]
pub(crate) fn grow<R>(f: impl FnOnce() -> R) -> R {
    match stacker::remaining_stack() {
        Some(left) if left >= STACK_RED_ZONE => f(),
        _ => stacker::grow(STACK_SEGMENT, f),
    }
}

/// A macro's transformer rebound so that its body runs in a frame whose
/// parent is the caller's environment `env` [QUIRK] (special-forms.md §10).
fn in_caller_env(transformer: &Value, env: &Env) -> Value {
    let Some(closure) = transformer
        .as_lambda()
        .and_then(|l| l.imp.downcast_ref::<Closure>())
    else {
        return transformer.clone();
    };
    Value::lambda(
        closure.def.name,
        Box::new(Closure {
            def: closure.def.clone(),
            env: env.clone(),
        }),
    )
}

/// The "in: (call form)" note for arity errors: the call's repr, at most 80 bytes.
pub(crate) fn call_note(form: &Value) -> Option<String> {
    if form.is_nil() {
        return None;
    }
    let text = printer::repr(form);
    if text.len() <= 80 {
        return Some(format!("in: {text}"));
    }
    let mut cut = 80;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(format!("in: {}…", &text[..cut]))
}
