//! Applying functions: lambdas (with the tail-call loop), natives, keywords
//! and multimethods. Every non-tail call goes through `apply`, which counts
//! depth, keeps the call stack for traces, and grows the native stack.

use sema_core::value::OrdKey;
use sema_core::{printer, Error, ErrorKind, Result, Sym, TraceFrame, Value};

use crate::eval::{call_note, Closure, Pending, Tail};
use crate::{CallFrame, TreeWalker};

/// The name a callee shows in stack traces.
pub(crate) fn callee_name(f: &Value) -> Sym {
    if let Some(l) = f.as_lambda() {
        thread_local! {
            static ANONYMOUS: Sym = Sym::intern("<lambda>");
        }
        return l.name.unwrap_or_else(|| ANONYMOUS.with(|s| *s));
    }
    if let Some(n) = f.as_native() {
        return n.name;
    }
    if let Some(m) = f.as_multimethod() {
        return m.name;
    }
    if let Some(k) = f.as_keyword() {
        return Sym::intern(&format!(":{}", k.name()));
    }
    Sym::intern("<unknown>")
}

/// The `:eval` error for exceeding the recursion limit.
pub(crate) fn recursion_limit_error(limit: usize) -> Error {
    Error::eval(format!(
        "maximum eval depth exceeded (recursion limit {limit})"
    ))
    .with_hint("use tail calls (named let, do, or a tail-recursive helper) to iterate without growing the stack")
}

impl TreeWalker {
    /// Applies a pending call (non-tail position).
    pub(crate) fn apply(&mut self, p: Pending) -> Result<Value> {
        if self.depth >= self.max_depth {
            return Err(recursion_limit_error(self.max_depth));
        }
        self.check_interrupt()?;
        self.depth += 1;
        self.stack.push(CallFrame {
            name: callee_name(&p.f),
            span: p.span,
        });
        let result = crate::eval::grow(|| self.apply_loop(p));
        self.depth -= 1;
        let result = result.map_err(|mut e| {
            if !e.is_uncatchable() {
                let stack = &self.stack;
                let n = stack.len();
                e.capture_trace(n, |i| {
                    let f = &stack[n - 1 - i];
                    TraceFrame {
                        name: f.name.name().to_string(),
                        span: f.span,
                    }
                });
            }
            e
        });
        self.stack.pop();
        result
    }

    /// Calls `f` with `args` from native code (`Ctx::call`).
    pub(crate) fn call_value(&mut self, f: &Value, args: Vec<Value>) -> Result<Value> {
        self.apply(Pending {
            f: f.clone(),
            args,
            span: None,
            form: Value::NIL,
        })
    }

    fn apply_loop(&mut self, mut p: Pending) -> Result<Value> {
        loop {
            let Some(lambda) = p.f.as_lambda() else {
                match self.apply_other(p)? {
                    Step::Done(v) => return Ok(v),
                    Step::Again(next) => {
                        p = next;
                        continue;
                    }
                }
            };
            let Some(closure) = lambda.imp.downcast_ref::<Closure>() else {
                return Err(Error::eval("not callable: foreign closure"));
            };
            let def = closure.def.clone();
            let nfixed = def.params.len();
            let argc = p.args.len();
            let ok = match def.rest {
                Some(_) => argc >= nfixed,
                None => argc == nfixed,
            };
            if !ok {
                return Err(lambda_arity_error(&def, &p));
            }
            let captured = closure.env.clone();
            let env = bind_params(&def, &captured, &mut p);
            match self.eval_body(&def.body, &env)? {
                Tail::Value(v) => return Ok(v),
                Tail::Call(next) => {
                    self.check_interrupt()?;
                    if next.f.as_lambda().is_none() && next.f.as_multimethod().is_none() {
                        // A builtin (or keyword) called in tail position
                        // runs on top of this frame, which stays in the
                        // trace (errors.md §2); it cannot call back into a
                        // tail position, so the stack stays bounded.
                        return self.apply(next);
                    }
                    if let Some(top) = self.stack.last_mut() {
                        *top = CallFrame {
                            name: callee_name(&next.f),
                            span: next.span,
                        };
                    }
                    p = next;
                }
            }
        }
    }

    /// Applies anything but a lambda: natives, keywords, multimethods (whose
    /// chosen method is returned to the caller's loop to run).
    #[inline(never)]
    fn apply_other(&mut self, mut p: Pending) -> Result<Step> {
        if let Some(native) = p.f.as_native() {
            if !native.arity.accepts(p.args.len()) {
                let mut e = Error::arity(native.name.name(), native.arity, p.args.len());
                if let Some(note) = call_note(&p.form) {
                    e = e.with_note(note);
                }
                return Err(match p.span {
                    Some(s) => e.with_span(s),
                    None => e,
                });
            }
            let r = native.call(self, &mut p.args);
            return match (r, p.span) {
                (Err(e), Some(s)) => Err(e.with_span(s)),
                (r, _) => r.map(Step::Done),
            };
        }
        if let Some(k) = p.f.as_keyword() {
            return keyword_call(k, &p.args).map(Step::Done);
        }
        if let Some(m) = p.f.as_multimethod() {
            let dispatch = m.dispatch.clone();
            let dv = self.call_value(&dispatch, p.args.clone())?;
            let found = m.methods.borrow().get(&OrdKey(dv.clone())).cloned();
            let handler = found.or_else(|| m.default.borrow().clone());
            return match handler {
                Some(h) => {
                    p.f = h;
                    Ok(Step::Again(p))
                }
                None => Err(Error::eval(format!(
                    "no method in multimethod '{}' for dispatch value: {}",
                    m.name.name(),
                    printer::repr(&dv)
                ))
                .with_hint("add a :default method to handle other values")),
            };
        }
        Err(Error::eval(format!(
            "not callable: {} ({})",
            printer::repr(&p.f),
            p.f.type_name()
        )))
    }
}

/// The frame of a call of the lambda `def` (checked arity): its own name
/// (self-binding, special-forms.md §1.4), then the parameters.
#[inline(never)]
fn bind_params(def: &sema_expand::LambdaDef, captured: &crate::Env, p: &mut Pending) -> crate::Env {
    let mut bindings = Vec::with_capacity(def.params.len() + 2);
    if let Some(name) = def.name {
        bindings.push((name, p.f.clone()));
    }
    let mut args = std::mem::take(&mut p.args).into_iter();
    for param in &def.params {
        bindings.push((*param, args.next().unwrap_or_default()));
    }
    if let Some(rest) = def.rest {
        bindings.push((rest, Value::list(args.collect())));
    }
    captured.child_with(bindings)
}

/// What applying a non-lambda produced.
enum Step {
    Done(Value),
    /// Apply this next (a multimethod's chosen method).
    Again(Pending),
}

/// The arity error for calling the lambda `def` with `p`'s arguments.
#[cold]
#[inline(never)]
fn lambda_arity_error(def: &sema_expand::LambdaDef, p: &Pending) -> Error {
    let nfixed = def.params.len();
    let expected = match def.rest {
        Some(_) => format!("{nfixed}+"),
        None => nfixed.to_string(),
    };
    let mut e = Error::arity(def.display_name(), expected, p.args.len());
    if let Some(note) = call_note(&p.form) {
        e = e.with_note(note);
    }
    match p.span {
        Some(s) => e.with_span(s),
        None => e,
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
