//! The expander: reader data in, core forms out.
//!
//! Special forms are recognised by the name of the head symbol and cannot be
//! shadowed. A head symbol that is not bound by the code being expanded and
//! that the host reports as a macro is expanded (the transformer is called
//! through `Ctx`, so it runs on whichever back end is running); the result is
//! wrapped in [`Core::MacroUse`] so a later redefinition of the macro is seen.
//! Derived syntax (`cond`, `case`, `do`, named `let`, destructuring, `match`,
//! quasiquote, records, multimethods, ...) becomes core forms here.

use sema_core::{sym, Ctx, Error, Result, Span, Sym, Value};

use crate::core::{Core, LambdaDef, Let, MacroUse, Try, Var};
use crate::natives::Natives;
use crate::{patterns, quasi, records};

/// What the expander needs from the running back end.
pub trait Host: Ctx {
    /// The macro bound to `name` where the code will run, if any. Names bound
    /// inside the code being expanded are handled by the expander itself.
    fn lookup_macro(&mut self, name: Sym) -> Option<Value>;

    /// Whether user macros are expanded now, when the code is prepared (a
    /// compiling back end), instead of each time the call is evaluated (the
    /// tree-walker, which follows special-forms.md §10 literally). Prepared
    /// expansions are wrapped in [`Core::MacroUse`], so a redefinition of the
    /// macro is still seen by later calls.
    fn expands_macros_early(&self) -> bool {
        false
    }
}

/// Expands one form read from `file` (if any) into a core expression.
pub fn expand(host: &mut dyn Host, form: &Value, file: Option<Sym>) -> Result<Core> {
    let mut ex = Expander {
        host,
        file,
        scope: Vec::new(),
        depth: 0,
        nesting: 0,
        form_span: None,
        natives: Natives::get(),
    };
    sema_core::with_stack(|| ex.expand(form))
}

/// Expands `form` as code that runs inside a function or `let` body (so
/// `define` makes a local binding), e.g. for `eval` in a local scope.
pub fn expand_local(host: &mut dyn Host, form: &Value, file: Option<Sym>) -> Result<Core> {
    let mut ex = Expander {
        host,
        file,
        scope: Vec::new(),
        depth: 1,
        nesting: 0,
        form_span: None,
        natives: Natives::get(),
    };
    sema_core::with_stack(|| ex.expand(form))
}

pub(crate) struct Expander<'h> {
    host: &'h mut dyn Host,
    file: Option<Sym>,
    /// Names bound by the code being expanded that are in scope here.
    scope: Vec<Sym>,
    /// 0 at top level; more inside lambdas, lets and handlers.
    depth: usize,
    /// How many combinations enclose the one being expanded (0 at the root).
    nesting: usize,
    /// The position of the innermost enclosing form that has one; variable
    /// references get it so an unbound-variable error can show a snippet.
    form_span: Option<Span>,
    pub(crate) natives: Natives,
}

/// Most macro expansions nested inside one another (a macro whose
/// expansion uses a macro, and so on). A macro that expands into itself
/// without end stops here with an `:eval` error instead of exhausting the
/// native stack or memory.
pub const MAX_MACRO_DEPTH: usize = 100_000;

thread_local! {
    static MACRO_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Set when [`MAX_MACRO_DEPTH`] was exceeded, until the outermost
    /// expansion returns: the error must reach the root form rather than be
    /// deferred to run time (which would expand the same forms again, for
    /// ever).
    static DEPTH_EXCEEDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One level of macro-expansion nesting on this thread (counted across
/// nested expanders, e.g. a transformer that calls `eval`).
struct MacroDepth;

impl MacroDepth {
    fn enter() -> Result<MacroDepth> {
        let depth = MACRO_DEPTH.with(|d| d.get());
        if depth >= MAX_MACRO_DEPTH {
            DEPTH_EXCEEDED.with(|f| f.set(true));
            return Err(Error::eval(format!(
                "maximum macro expansion depth exceeded (limit {MAX_MACRO_DEPTH})"
            ))
            .with_hint("a macro probably expands into a use of itself without end"));
        }
        MACRO_DEPTH.with(|d| d.set(depth + 1));
        Ok(MacroDepth)
    }
}

impl Drop for MacroDepth {
    fn drop(&mut self) {
        let left = MACRO_DEPTH.with(|d| {
            let n = d.get().saturating_sub(1);
            d.set(n);
            n
        });
        if left == 0 {
            DEPTH_EXCEEDED.with(|f| f.set(false));
        }
    }
}

/// Hidden names for temporaries; a space makes them unreadable in source.
/// They use their own counter: the one behind `gensym` and auto-gensym is
/// visible to programs and must advance only when those are used.
pub(crate) fn hidden(prefix: &str) -> Sym {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    Sym::intern(&format!(" {prefix}__{n}"))
}

fn items(v: &Value) -> Vec<Value> {
    v.list_iter().cloned().collect()
}

fn arity(name: &str, expected: &str, got: usize) -> Error {
    Error::arity(name, expected, got)
}

impl<'h> Expander<'h> {
    pub(crate) fn span_of(&self, form: &Value) -> Option<Span> {
        let p = form.pos();
        p.is_known().then(|| Span::new(self.file, p.line, p.col))
    }

    fn with_scope<R>(
        &mut self,
        names: &[Sym],
        f: impl FnOnce(&mut Self) -> Result<R>,
    ) -> Result<R> {
        let saved = self.scope.len();
        self.scope.extend_from_slice(names);
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        self.scope.truncate(saved);
        r
    }

    fn bind_local(&mut self, name: Sym) {
        if self.depth > 0 {
            self.scope.push(name);
        }
    }

    /// Expands any form.
    pub(crate) fn expand(&mut self, form: &Value) -> Result<Core> {
        if let Some(name) = form.as_symbol() {
            return Ok(Core::var(name, self.form_span));
        }
        if let Some(items) = form.as_vector() {
            return self.expand_vector(items);
        }
        if let Some(m) = form.as_map() {
            return self.expand_map(m);
        }
        if form.as_cons().is_none() {
            // Atoms evaluate to themselves; an unquoted `()` evaluates to nil.
            return Ok(if form.is_empty_list() {
                Core::nil()
            } else {
                Core::Const(form.clone())
            });
        }
        let saved = self.form_span;
        if let Some(span) = self.span_of(form) {
            self.form_span = Some(span);
        }
        let r = sema_core::with_stack(|| self.expand_nested(form));
        // Syntax errors in special forms point at the form.
        let r = match (r, self.form_span) {
            (Err(e), Some(span)) => Err(e.with_span(span)),
            (r, _) => r,
        };
        self.form_span = saved;
        r
    }

    /// Expands a combination. A syntax error (or a failing macro) in a form
    /// nested inside the one being expanded must only be raised when that
    /// form is evaluated (it may sit in a branch that never runs, or inside
    /// a `try`), so such a form becomes code that expands it again at run
    /// time, where the error is raised. The root form reports its error
    /// directly, which also ends that run-time re-expansion.
    fn expand_nested(&mut self, form: &Value) -> Result<Core> {
        self.nesting += 1;
        let r = self.expand_combination(form);
        self.nesting -= 1;
        match r {
            Err(e)
                if self.nesting > 0 && !e.is_uncatchable() && !DEPTH_EXCEEDED.with(|f| f.get()) =>
            {
                let span = self.span_of(form).unwrap_or(Span::new(self.file, 0, 0));
                Ok(Core::Eval(Box::new(Core::Const(form.clone())), span))
            }
            r => r,
        }
    }

    fn expand_body(&mut self, forms: &[Value]) -> Result<Vec<Core>> {
        forms.iter().map(|f| self.expand(f)).collect()
    }

    fn expand_vector(&mut self, items: &[Value]) -> Result<Core> {
        if items.iter().all(is_self_evaluating) {
            return Ok(Core::Const(Value::vector(items.to_vec())));
        }
        let args = self.expand_body(items)?;
        Ok(Core::call(
            Core::Const(self.natives.vector.clone()),
            args,
            None,
            Value::NIL,
        ))
    }

    fn expand_map(&mut self, m: &sema_core::value::MapObj) -> Result<Core> {
        let constant = m
            .entries
            .iter()
            .all(|(k, v)| is_self_evaluating(&k.0) && is_self_evaluating(v));
        if constant {
            return Ok(Core::Const(Value::map(m.clone())));
        }
        let mut args = Vec::new();
        for (k, v) in &m.entries {
            args.push(self.expand(&k.0)?);
            args.push(self.expand(v)?);
        }
        Ok(Core::call(
            Core::Const(self.natives.make_map.clone()),
            args,
            None,
            Value::NIL,
        ))
    }

    fn expand_combination(&mut self, form: &Value) -> Result<Core> {
        let head = form.car().cloned().unwrap_or_default();
        let args = items(form.cdr().unwrap_or(&Value::EMPTY_LIST));
        if let Some(name) = head.as_symbol() {
            if let Some(core) = self.special_form(name, form, &args)? {
                return Ok(core);
            }
            if !self.scope.contains(&name) {
                if let Some(mac) = self.host.lookup_macro(name) {
                    if is_user_macro(&mac) && !self.host.expands_macros_early() {
                        return self.runtime_macro_use(name, form, &args);
                    }
                    return self.expand_macro_use(name, mac, form, args);
                }
            }
        }
        let span = self.span_of(form);
        let head_core = self.expand(&head)?;
        let arg_cores = self.expand_body(&args)?;
        Ok(Core::call(head_core, arg_cores, span, form.clone()))
    }

    /// A use of a user macro. Its body must run in a frame whose parent is
    /// the caller's environment, each time the form is evaluated
    /// (special-forms.md §10), so it is left as a call: when the head holds
    /// a macro at run time, the back end expands the form there. The
    /// arguments are expanded too, for the case where the name no longer
    /// holds a macro by then.
    fn runtime_macro_use(&mut self, name: Sym, form: &Value, args: &[Value]) -> Result<Core> {
        let span = self.span_of(form);
        let arg_cores = self.expand_body(args)?;
        Ok(Core::call(
            Core::var(name, span),
            arg_cores,
            span,
            form.clone(),
        ))
    }

    fn expand_macro_use(
        &mut self,
        name: Sym,
        mac: Value,
        form: &Value,
        mut args: Vec<Value>,
    ) -> Result<Core> {
        let transformer = match mac.as_macro() {
            Some(m) => m.transformer.clone(),
            None => return Err(Error::eval("not a macro")),
        };
        let span = self.span_of(form);
        let _depth = MacroDepth::enter().map_err(|e| match span {
            Some(s) => e.with_span(s),
            None => e,
        })?;
        let expansion = self
            .host
            .call(&transformer, &mut args)
            .map_err(|e| match span {
                Some(s) => e.with_span(s),
                None => e,
            })?;
        let expansion = self.expand(&expansion)?;
        Ok(Core::MacroUse(Box::new(MacroUse {
            name,
            mac,
            expansion,
            form: form.clone(),
        })))
    }

    /// Expands a special form, or returns `None` if `name` is not one.
    fn special_form(&mut self, name: Sym, form: &Value, args: &[Value]) -> Result<Option<Core>> {
        let n = args.len();
        let core = match name {
            sym::QUOTE => {
                if n != 1 {
                    return Err(arity("quote", "1", n));
                }
                Core::Const(args[0].clone())
            }
            sym::QUASIQUOTE => {
                if n != 1 {
                    return Err(arity("quasiquote", "1", n));
                }
                quasi::expand_quasiquote(self, &args[0])?
            }
            sym::DEFINE | sym::DEF => self.define(name, form, args)?,
            sym::DEFUN | sym::DEFN => self.defun(name, form, args)?,
            sym::SET => {
                if n != 2 {
                    return Err(arity("set!", "2", n));
                }
                let Some(target) = args[0].as_symbol() else {
                    return Err(Error::eval("set!: first argument must be a symbol"));
                };
                let span = self.span_of(form);
                Core::Set(Var { name: target, span }, Box::new(self.expand(&args[1])?))
            }
            sym::LAMBDA | sym::FN => {
                if n < 2 {
                    return Err(arity(name.name(), "2+", n));
                }
                self.lambda(None, &args[0], &args[1..], self.span_of(form), true)?
            }
            sym::IF => {
                if !(2..=3).contains(&n) {
                    return Err(arity("if", "2 or 3", n));
                }
                let test = self.expand(&args[0])?;
                let then = self.expand(&args[1])?;
                let otherwise = match args.get(2) {
                    Some(e) => self.expand(e)?,
                    None => Core::nil(),
                };
                Core::if_(test, then, otherwise)
            }
            sym::COND => self.cond(args)?,
            sym::CASE => self.case(args)?,
            sym::WHEN | sym::UNLESS => {
                if n < 2 {
                    return Err(arity(name.name(), "2+", n));
                }
                let test = self.expand(&args[0])?;
                let body = Core::seq(self.expand_body(&args[1..])?);
                if name == sym::WHEN {
                    Core::if_(test, body, Core::nil())
                } else {
                    Core::if_(test, Core::nil(), body)
                }
            }
            sym::AND => Core::And(self.expand_body(args)?),
            sym::OR => Core::Or(self.expand_body(args)?),
            sym::MATCH => patterns::expand_match(self, form, args)?,
            sym::LET => self.let_form(form, args)?,
            sym::LET_STAR => self.let_star(args)?,
            sym::LETREC => self.letrec(args)?,
            sym::BEGIN | sym::PROGN => Core::seq(self.expand_body(args)?),
            sym::DO => self.do_loop(args)?,
            sym::WHILE => {
                if n < 2 {
                    return Err(arity("while", "2+", n));
                }
                let test = self.expand(&args[0])?;
                Core::While(Box::new(test), self.expand_body(&args[1..])?)
            }
            sym::DEFMACRO => self.defmacro(form, args)?,
            sym::MACROEXPAND => {
                if n != 1 {
                    return Err(arity("macroexpand", "1", n));
                }
                let arg = self.expand(&args[0])?;
                // The head is looked up where `macroexpand` runs (local
                // macros count): `(lambda (s) (try (eval s) (catch _ nil)))`.
                let s = hidden("sym");
                let lookup = Core::Lambda(std::rc::Rc::new(LambdaDef {
                    name: None,
                    params: vec![s],
                    rest: None,
                    body: vec![Core::Try(Box::new(Try {
                        body: vec![Core::Eval(
                            Box::new(Core::var(s, None)),
                            Span::new(self.file, 0, 0),
                        )],
                        var: hidden("err"),
                        handler: vec![Core::nil()],
                    }))],
                    span: None,
                }));
                Core::call(
                    Core::Const(self.natives.macroexpand.clone()),
                    vec![arg, lookup],
                    self.span_of(form),
                    form.clone(),
                )
            }
            sym::EVAL => {
                if n != 1 {
                    return Err(arity("eval", "1", n));
                }
                let span = self.span_of(form).unwrap_or(Span::new(self.file, 0, 0));
                Core::Eval(Box::new(self.expand(&args[0])?), span)
            }
            sym::DELAY => {
                if n != 1 {
                    return Err(arity("delay", "1", n));
                }
                let body = self.with_scope(&[], |ex| ex.expand(&args[0]))?;
                let thunk = Core::Lambda(std::rc::Rc::new(LambdaDef {
                    name: None,
                    params: Vec::new(),
                    rest: None,
                    body: vec![body],
                    span: self.span_of(form),
                }));
                Core::call(
                    Core::Const(self.natives.make_promise.clone()),
                    vec![thunk],
                    None,
                    Value::NIL,
                )
            }
            sym::FORCE => {
                if n != 1 {
                    return Err(arity("force", "1", n));
                }
                let arg = self.expand(&args[0])?;
                Core::call(
                    Core::Const(self.natives.force.clone()),
                    vec![arg],
                    self.span_of(form),
                    form.clone(),
                )
            }
            sym::DEFINE_RECORD_TYPE => records::define_record_type(self, args)?,
            sym::DEFMULTI => {
                if n != 2 {
                    return Err(arity("defmulti", "2", n));
                }
                let Some(mname) = args[0].as_symbol() else {
                    return Err(Error::type_error("symbol", &args[0]));
                };
                let dispatch = self.expand(&args[1])?;
                self.bind_local(mname);
                Core::Define(
                    mname,
                    Box::new(Core::call(
                        Core::Const(self.natives.make_multi.clone()),
                        vec![Core::Const(Value::symbol(mname)), dispatch],
                        None,
                        Value::NIL,
                    )),
                )
            }
            sym::DEFMETHOD => {
                if n != 3 {
                    return Err(arity("defmethod", "3", n));
                }
                let Some(mname) = args[0].as_symbol() else {
                    return Err(Error::type_error("symbol", &args[0]));
                };
                let span = self.span_of(form);
                let dv = self.expand(&args[1])?;
                let handler = self.expand(&args[2])?;
                // An unbound NAME is reported by `defmethod` itself: the
                // lookup yields the `defmethod` native as a marker instead.
                let target = Core::Try(Box::new(Try {
                    body: vec![Core::var(mname, span)],
                    var: hidden("defmethod"),
                    handler: vec![Core::Const(self.natives.add_method.clone())],
                }));
                Core::call(
                    Core::Const(self.natives.add_method.clone()),
                    vec![Core::Const(Value::symbol(mname)), target, dv, handler],
                    span,
                    form.clone(),
                )
            }
            sym::TRY => self.try_form(args)?,
            sym::THROW => {
                if n != 1 {
                    return Err(arity("throw", "1", n));
                }
                let span = self.span_of(form).unwrap_or(Span::new(self.file, 0, 0));
                Core::Throw(Box::new(self.expand(&args[0])?), span)
            }
            sym::MODULE => self.module(args)?,
            sym::IMPORT => {
                if n < 1 {
                    return Err(arity("import", "1+", n));
                }
                let path = self.expand(&args[0])?;
                let mut names = Vec::new();
                for a in &args[1..] {
                    match a.as_symbol() {
                        Some(s) => names.push(s),
                        None => return Err(Error::type_error("symbol", a)),
                    }
                }
                for s in &names {
                    self.bind_local(*s);
                }
                let span = self.span_of(form).unwrap_or(Span::new(self.file, 0, 0));
                Core::Import(Box::new(path), names, span)
            }
            sym::LOAD => {
                if n != 1 {
                    return Err(arity("load", "1", n));
                }
                let span = self.span_of(form).unwrap_or(Span::new(self.file, 0, 0));
                Core::Load(Box::new(self.expand(&args[0])?), span)
            }
            sym::PROMPT | sym::MESSAGE | sym::DEFTOOL | sym::DEFAGENT => {
                let msg = format!("{}: LLM features are not supported", name.name());
                Core::call(
                    Core::Const(Value::native(
                        name.name(),
                        sema_core::Arity::AtLeast(0),
                        move |_, _| Err(Error::eval(msg.clone())),
                    )),
                    Vec::new(),
                    self.span_of(form),
                    form.clone(),
                )
            }
            _ => return Ok(None),
        };
        Ok(Some(core))
    }

    fn define(&mut self, name: Sym, form: &Value, args: &[Value]) -> Result<Core> {
        let n = args.len();
        if n == 0 {
            return Err(arity(name.name(), "2", n));
        }
        let target = &args[0];
        if let Some(var) = target.as_symbol() {
            if n != 2 {
                return Err(arity(name.name(), "2", n));
            }
            let value = self.expand(&args[1])?;
            self.bind_local(var);
            return Ok(Core::Define(var, Box::new(value)));
        }
        if let Some(sig) = target.as_cons() {
            if n < 2 {
                return Err(Error::eval("define: function body cannot be empty"));
            }
            let Some(fname) = sig.car.as_symbol() else {
                return Err(Error::eval("define: function name must be a symbol"));
            };
            for p in sig.cdr.list_iter() {
                if p.as_symbol().is_none() {
                    return Err(Error::eval("define: parameter must be a symbol"));
                }
            }
            self.bind_local(fname);
            let lambda =
                self.lambda(Some(fname), &sig.cdr, &args[1..], self.span_of(form), false)?;
            return Ok(Core::Define(fname, Box::new(lambda)));
        }
        if target.as_vector().is_some() || target.as_map().is_some() {
            if n != 2 {
                return Err(arity(name.name(), "2", n));
            }
            let value = self.expand(&args[1])?;
            let tmp = hidden("define");
            let vars = patterns::pattern_vars(target, true)?;
            let mut out = vec![Core::Define(
                tmp,
                Box::new(self.destructure_call(target, value)),
            )];
            for (i, v) in vars.iter().enumerate() {
                self.bind_local(*v);
                out.push(Core::Define(*v, Box::new(self.nth(tmp, i))));
            }
            return Ok(Core::Begin(out));
        }
        if target.is_empty_list() {
            return Err(Error::eval("define: function name must be a symbol"));
        }
        Err(Error::type_error("symbol, list, vector, or map", target))
    }

    fn defun(&mut self, name: Sym, form: &Value, args: &[Value]) -> Result<Core> {
        let n = args.len();
        if n < 3 {
            return Err(arity(name.name(), "3+", n));
        }
        let Some(fname) = args[0].as_symbol() else {
            return Err(Error::type_error("symbol", &args[0]));
        };
        if !args[1].is_list() {
            return Err(Error::type_error("list", &args[1]));
        }
        for p in args[1].list_iter() {
            if p.as_symbol().is_none() {
                return Err(Error::eval(format!(
                    "{}: parameter must be a symbol",
                    name.name()
                )));
            }
        }
        self.bind_local(fname);
        let lambda = self.lambda(Some(fname), &args[1], &args[2..], self.span_of(form), false)?;
        Ok(Core::Define(fname, Box::new(lambda)))
    }

    /// A call of the destructuring native for `pattern` on `value`.
    pub(crate) fn destructure_call(&self, pattern: &Value, value: Core) -> Core {
        Core::call(
            Core::Const(self.natives.destructure.clone()),
            vec![Core::Const(pattern.clone()), value],
            None,
            Value::NIL,
        )
    }

    /// Element `i` of the vector bound to `tmp`.
    pub(crate) fn nth(&self, tmp: Sym, i: usize) -> Core {
        Core::call(
            Core::Const(self.natives.vref.clone()),
            vec![Core::var(tmp, None), Core::Const(Value::int(i as i64))],
            None,
            Value::NIL,
        )
    }

    /// Expands a lambda. Parameters may be destructuring patterns when
    /// `patterns_ok` (lambda/fn, not define/defun).
    pub(crate) fn lambda(
        &mut self,
        name: Option<Sym>,
        params: &Value,
        body: &[Value],
        span: Option<Span>,
        patterns_ok: bool,
    ) -> Result<Core> {
        let list: Vec<Value> = if let Some(v) = params.as_vector() {
            v.to_vec()
        } else if params.is_list() {
            items(params)
        } else {
            return Err(Error::type_error("list or vector", params));
        };
        let mut fixed = Vec::new();
        let mut rest = None;
        let mut destructured: Vec<(Sym, Value)> = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let p = &list[i];
            if p.as_symbol() == Some(sym::DOT) {
                match list.get(i + 1).and_then(Value::as_symbol) {
                    Some(r) if i + 2 == list.len() => rest = Some(r),
                    _ => {
                        return Err(Error::eval(
                            "lambda: `.` must be followed by one rest parameter",
                        ))
                    }
                }
                break;
            }
            if let Some(s) = p.as_symbol() {
                fixed.push(s);
            } else if patterns_ok && (p.as_vector().is_some() || p.as_map().is_some()) {
                let tmp = hidden("arg");
                fixed.push(tmp);
                destructured.push((tmp, p.clone()));
            } else if patterns_ok {
                return Err(Error::eval(format!(
                    "destructure: invalid pattern, expected symbol, vector, or map, got {}",
                    p.type_name()
                )));
            } else {
                return Err(Error::eval("define: parameter must be a symbol"));
            }
            i += 1;
        }
        if body.is_empty() {
            return Err(Error::eval("define: function body cannot be empty"));
        }
        let mut bound: Vec<Sym> = fixed.clone();
        bound.extend(rest);
        bound.extend(name);
        let body = self.with_scope(&bound, |ex| {
            if destructured.is_empty() {
                return ex.expand_body(body);
            }
            // Destructure each pattern argument in a `let` around the body.
            let mut bindings = Vec::new();
            let mut names = Vec::new();
            for (tmp, pat) in &destructured {
                let vars = patterns::pattern_vars(pat, true)?;
                let all = hidden("d");
                bindings.push((all, ex.destructure_call(pat, Core::var(*tmp, None))));
                for (j, v) in vars.iter().enumerate() {
                    names.push((*v, all, j));
                }
            }
            let inner_names: Vec<Sym> = names.iter().map(|(v, _, _)| *v).collect();
            let inner = ex.with_scope(&inner_names, |ex| ex.expand_body(body))?;
            let inner_bindings = names
                .iter()
                .map(|(v, all, j)| (*v, ex.nth(*all, *j)))
                .collect();
            Ok(vec![Core::Let(Box::new(Let {
                bindings,
                body: vec![Core::Let(Box::new(Let {
                    bindings: inner_bindings,
                    body: inner,
                }))],
            }))])
        })?;
        Ok(Core::Lambda(std::rc::Rc::new(LambdaDef {
            name,
            params: fixed,
            rest,
            body,
            span,
        })))
    }

    fn cond(&mut self, clauses: &[Value]) -> Result<Core> {
        let mut out = Core::nil();
        for clause in clauses.iter().rev() {
            if !clause.is_list() {
                return Err(Error::eval("cond clause must be a list"));
            }
            let parts = items(clause);
            let Some(test) = parts.first() else {
                return Err(Error::eval("cond clause must not be empty"));
            };
            let body = if parts.len() == 1 {
                Core::Const(Value::TRUE)
            } else {
                Core::seq(self.expand_body(&parts[1..])?)
            };
            if test.as_symbol() == Some(sym::ELSE) {
                out = body;
            } else {
                out = Core::if_(self.expand(test)?, body, out);
            }
        }
        Ok(out)
    }

    fn case(&mut self, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("case", "2+", args.len()));
        }
        let key = self.expand(&args[0])?;
        let tmp = hidden("case");
        let mut out = Core::nil();
        for clause in args[1..].iter().rev() {
            if !clause.is_list() {
                return Err(Error::eval("case: clause must be a list"));
            }
            let parts = items(clause);
            let Some(datums) = parts.first() else {
                return Err(Error::eval("case: clause must not be empty"));
            };
            let body = Core::seq(self.expand_body(&parts[1..])?);
            if datums.as_symbol() == Some(sym::ELSE) {
                out = body;
                continue;
            }
            if !datums.is_list() {
                return Err(Error::eval("case: datums must be a list"));
            }
            let test = Core::call(
                Core::Const(self.natives.case_member.clone()),
                vec![Core::var(tmp, None), Core::Const(datums.clone())],
                None,
                Value::NIL,
            );
            out = Core::if_(test, body, out);
        }
        // `case` makes no frame of its own (a `define` in a clause body
        // lands in the current frame), so the key goes into a hidden
        // variable of the current frame.
        Ok(Core::Begin(vec![Core::Define(tmp, Box::new(key)), out]))
    }

    /// Checks a binding list and returns its (pattern, init) pairs.
    fn bindings(&self, what: &str, list: &Value) -> Result<Vec<(Value, Value)>> {
        let entries: Vec<Value> = if let Some(v) = list.as_vector() {
            v.to_vec()
        } else if list.is_list() {
            items(list)
        } else {
            return Err(Error::eval(format!("{what}: bindings must be a list")));
        };
        let mut out = Vec::new();
        for b in entries {
            let parts: Vec<Value> = if let Some(v) = b.as_vector() {
                v.to_vec()
            } else if b.is_list() {
                items(&b)
            } else {
                return Err(Error::eval(format!("{what}: each binding must be a list")));
            };
            if parts.len() != 2 {
                return Err(Error::eval(format!(
                    "{what}: each binding must have 2 elements"
                )));
            }
            out.push((parts[0].clone(), parts[1].clone()));
        }
        Ok(out)
    }

    fn let_form(&mut self, form: &Value, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("let", "2+", args.len()));
        }
        if let Some(loop_name) = args.first().and_then(Value::as_symbol) {
            return self.named_let(form, loop_name, args);
        }
        let pairs = self.bindings("let", &args[0])?;
        let mut bindings = Vec::new();
        let mut unpack = Vec::new();
        let mut names = Vec::new();
        for (pat, init) in &pairs {
            let init = self.expand(init)?;
            if let Some(s) = pat.as_symbol() {
                bindings.push((s, init));
                names.push(s);
            } else if pat.as_vector().is_some() || pat.as_map().is_some() {
                let tmp = hidden("let");
                bindings.push((tmp, self.destructure_call(pat, init)));
                for (j, v) in patterns::pattern_vars(pat, true)?.into_iter().enumerate() {
                    unpack.push((v, tmp, j));
                    names.push(v);
                }
            } else {
                return Err(Error::eval(format!(
                    "destructure: invalid pattern, expected symbol, vector, or map, got {}",
                    pat.type_name()
                )));
            }
        }
        let body = self.with_scope(&names, |ex| ex.expand_body(&args[1..]))?;
        if unpack.is_empty() {
            return Ok(Core::Let(Box::new(Let { bindings, body })));
        }
        let inner = unpack
            .iter()
            .map(|(v, t, j)| (*v, self.nth(*t, *j)))
            .collect();
        Ok(Core::Let(Box::new(Let {
            bindings,
            body: vec![Core::Let(Box::new(Let {
                bindings: inner,
                body,
            }))],
        })))
    }

    fn named_let(&mut self, form: &Value, loop_name: Sym, args: &[Value]) -> Result<Core> {
        if args.len() < 3 {
            return Err(arity("named let", "3+", args.len()));
        }
        let pairs = self.bindings("named let", &args[1])?;
        let mut params = Vec::new();
        let mut inits = Vec::new();
        for (name, init) in &pairs {
            let Some(s) = name.as_symbol() else {
                return Err(Error::eval("named let: binding name must be a symbol"));
            };
            params.push(s);
            inits.push(self.expand(init)?);
        }
        let mut bound = params.clone();
        bound.push(loop_name);
        let body = self.with_scope(&bound, |ex| ex.expand_body(&args[2..]))?;
        let span = self.span_of(form);
        let lambda = Core::Lambda(std::rc::Rc::new(LambdaDef {
            name: Some(loop_name),
            params,
            rest: None,
            body,
            span,
        }));
        Ok(Core::call(lambda, inits, span, form.clone()))
    }

    fn let_star(&mut self, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("let*", "2+", args.len()));
        }
        let pairs = self.bindings("let*", &args[0])?;
        self.let_star_from(&pairs, &args[1..])
    }

    fn let_star_from(&mut self, pairs: &[(Value, Value)], body: &[Value]) -> Result<Core> {
        let Some(((pat, init), rest)) = pairs.split_first() else {
            let body = self.with_scope(&[], |ex| ex.expand_body(body))?;
            return Ok(Core::Let(Box::new(Let {
                bindings: Vec::new(),
                body,
            })));
        };
        let init = self.expand(init)?;
        if let Some(s) = pat.as_symbol() {
            let inner = self.with_scope(&[s], |ex| {
                if rest.is_empty() {
                    ex.expand_body(body)
                } else {
                    Ok(vec![ex.let_star_from(rest, body)?])
                }
            })?;
            return Ok(Core::Let(Box::new(Let {
                bindings: vec![(s, init)],
                body: inner,
            })));
        }
        if pat.as_vector().is_none() && pat.as_map().is_none() {
            return Err(Error::eval(format!(
                "destructure: invalid pattern, expected symbol, vector, or map, got {}",
                pat.type_name()
            )));
        }
        let tmp = hidden("let");
        let vars = patterns::pattern_vars(pat, true)?;
        let inner = self.with_scope(&vars, |ex| {
            if rest.is_empty() {
                ex.expand_body(body)
            } else {
                Ok(vec![ex.let_star_from(rest, body)?])
            }
        })?;
        let unpack = vars
            .iter()
            .enumerate()
            .map(|(j, v)| (*v, self.nth(tmp, j)))
            .collect();
        Ok(Core::Let(Box::new(Let {
            bindings: vec![(tmp, self.destructure_call(pat, init))],
            body: vec![Core::Let(Box::new(Let {
                bindings: unpack,
                body: inner,
            }))],
        })))
    }

    fn letrec(&mut self, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("letrec", "2+", args.len()));
        }
        let pairs = self.bindings("letrec", &args[0])?;
        let mut names = Vec::new();
        for (name, _) in &pairs {
            match name.as_symbol() {
                Some(s) => names.push(s),
                None => return Err(Error::eval("letrec: binding name must be a symbol")),
            }
        }
        self.with_scope(&names, |ex| {
            let mut bindings = Vec::new();
            for ((_, init), name) in pairs.iter().zip(&names) {
                bindings.push((*name, ex.expand(init)?));
            }
            let body = ex.expand_body(&args[1..])?;
            Ok(Core::Letrec(Box::new(Let { bindings, body })))
        })
    }

    fn do_loop(&mut self, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("do", "2+", args.len()));
        }
        if !args[0].is_list() {
            return Err(Error::eval("do: bindings must be a list"));
        }
        let mut vars = Vec::new();
        let mut inits = Vec::new();
        let mut steps: Vec<(Sym, Value)> = Vec::new();
        for b in args[0].list_iter() {
            let parts = if b.is_list() { items(b) } else { Vec::new() };
            if !(2..=3).contains(&parts.len()) {
                return Err(Error::eval(
                    "do: binding must be (var init) or (var init step)",
                ));
            }
            let Some(var) = parts[0].as_symbol() else {
                return Err(Error::eval("do: variable must be a symbol"));
            };
            vars.push(var);
            inits.push(self.expand(&parts[1])?);
            if let Some(step) = parts.get(2) {
                steps.push((var, step.clone()));
            }
        }
        let test_clause = if args[1].is_list() {
            items(&args[1])
        } else {
            Vec::new()
        };
        let Some(test) = test_clause.first() else {
            return Err(Error::eval("do: test clause must be a non-empty list"));
        };
        self.with_scope(&vars, |ex| {
            let test = ex.expand(test)?;
            let results = ex.expand_body(&test_clause[1..])?;
            let mut body = ex.expand_body(&args[2..])?;
            if !steps.is_empty() {
                let temps: Vec<Sym> = steps.iter().map(|_| hidden("step")).collect();
                let mut bindings = Vec::new();
                for ((_, step), t) in steps.iter().zip(&temps) {
                    bindings.push((*t, ex.expand(step)?));
                }
                let assigns = steps
                    .iter()
                    .zip(&temps)
                    .map(|((v, _), t)| {
                        Core::Set(
                            Var {
                                name: *v,
                                span: None,
                            },
                            Box::new(Core::var(*t, None)),
                        )
                    })
                    .collect();
                body.push(Core::Let(Box::new(Let {
                    bindings,
                    body: assigns,
                })));
            }
            if body.is_empty() {
                body.push(Core::nil());
            }
            let not_test = Core::if_(test, Core::Const(Value::FALSE), Core::Const(Value::TRUE));
            let mut outer = vec![Core::While(Box::new(not_test), body)];
            outer.push(Core::seq(results));
            Ok(Core::Let(Box::new(Let {
                bindings: vars.iter().copied().zip(inits).collect(),
                body: outer,
            })))
        })
    }

    fn defmacro(&mut self, form: &Value, args: &[Value]) -> Result<Core> {
        if args.len() < 3 {
            return Err(arity("defmacro", "3+", args.len()));
        }
        let Some(name) = args[0].as_symbol() else {
            return Err(Error::type_error("symbol", &args[0]));
        };
        if !args[1].is_list() && args[1].as_vector().is_none() {
            return Err(Error::type_error("list", &args[1]));
        }
        let params = if let Some(v) = args[1].as_vector() {
            v.to_vec()
        } else {
            items(&args[1])
        };
        if params.iter().any(|p| p.as_symbol().is_none()) {
            return Err(Error::eval("defmacro: parameters must be symbols"));
        }
        let transformer =
            self.lambda(Some(name), &args[1], &args[2..], self.span_of(form), false)?;
        self.bind_local(name);
        Ok(Core::Define(
            name,
            Box::new(Core::call(
                Core::Const(self.natives.make_macro.clone()),
                vec![Core::Const(Value::symbol(name)), transformer],
                None,
                Value::NIL,
            )),
        ))
    }

    fn try_form(&mut self, args: &[Value]) -> Result<Core> {
        let Some((last, body)) = args.split_last() else {
            return Err(arity("try", "1+", 0));
        };
        let is_catch = last.car().and_then(Value::as_symbol) == Some(sym::CATCH);
        if !is_catch {
            return Err(Error::eval(
                "try: last argument must be (catch var handler...)",
            ));
        }
        let parts = items(last);
        if parts.len() == 1 {
            return Err(Error::eval("try: catch form is empty"));
        }
        if parts.len() < 3 {
            return Err(Error::eval("try: catch needs (catch var handler...)"));
        }
        let Some(var) = parts[1].as_symbol() else {
            return Err(Error::eval("try: catch variable must be a symbol"));
        };
        let body = self.expand_body(body)?;
        let handler = self.with_scope(&[var], |ex| ex.expand_body(&parts[2..]))?;
        Ok(Core::Try(Box::new(Try { body, var, handler })))
    }

    fn module(&mut self, args: &[Value]) -> Result<Core> {
        if args.len() < 2 {
            return Err(arity("module", "2+", args.len()));
        }
        if args[0].as_symbol().is_none() {
            return Err(Error::type_error("symbol", &args[0]));
        }
        let spec = &args[1];
        if spec.car().and_then(Value::as_symbol) != Some(sym::EXPORT) {
            return Err(Error::eval(
                "module: second argument must start with 'export'",
            ));
        }
        let mut exports = Vec::new();
        for e in spec.cdr().map(items).unwrap_or_default() {
            match e.as_symbol() {
                Some(s) => exports.push(s),
                None => return Err(Error::eval("module: export names must be symbols")),
            }
        }
        Ok(Core::Module(exports, self.expand_body(&args[2..])?))
    }

    pub(crate) fn bind_local_name(&mut self, name: Sym) {
        self.bind_local(name);
    }

    pub(crate) fn scoped<R>(
        &mut self,
        names: &[Sym],
        f: impl FnOnce(&mut Self) -> Result<R>,
    ) -> Result<R> {
        self.with_scope(names, f)
    }

    pub(crate) fn expand_all(&mut self, forms: &[Value]) -> Result<Vec<Core>> {
        self.expand_body(forms)
    }
}

/// True for a macro written in Sema (`defmacro`), as opposed to a prelude
/// macro, whose native transformer does not depend on where it runs.
fn is_user_macro(mac: &Value) -> bool {
    mac.as_macro()
        .is_some_and(|m| m.transformer.as_lambda().is_some())
}

/// True for data that evaluates to itself (so a literal made of it is a constant).
fn is_self_evaluating(v: &Value) -> bool {
    v.as_symbol().is_none() && v.as_cons().is_none() && !v.is_empty_list() && {
        match (v.as_vector(), v.as_map()) {
            (Some(items), _) => items.iter().all(is_self_evaluating),
            (_, Some(m)) => m
                .entries
                .iter()
                .all(|(k, x)| is_self_evaluating(&k.0) && is_self_evaluating(x)),
            _ => true,
        }
    }
}
