//! The core forms: the short, fixed list of expression kinds that both back
//! ends understand. Everything else (cond, case, named let, do, match,
//! destructuring, quasiquote, records, multimethods, threading macros...) is
//! rewritten into these by the expander.
//!
//! Adding a variant here breaks the build of both back ends until each
//! handles it; neither has a catch-all arm.

use std::rc::Rc;

use sema_core::{Span, Sym, Value};

/// A core expression.
pub enum Core {
    /// A literal value (quoted data, self-evaluating atoms, builtin functions
    /// the expander refers to directly).
    Const(Value),
    /// A variable reference.
    Var(Var),
    /// `set!` of the nearest existing binding.
    Set(Var, Box<Core>),
    /// Binds a name in the current frame (`define`).
    Define(Sym, Box<Core>),
    If(Box<If>),
    /// Evaluates in order in the current frame; the last is in tail position.
    /// Never empty (an empty body is `Const(nil)`).
    Begin(Vec<Core>),
    Lambda(Rc<LambdaDef>),
    Call(Box<Call>),
    /// Evaluates every init in the enclosing scope, then binds them all in a
    /// new frame and runs the body there.
    Let(Box<Let>),
    /// Binds every name to nil in a new frame, then evaluates and assigns
    /// the inits in order inside it, then runs the body.
    Letrec(Box<Let>),
    /// Short-circuit `and`: the first falsy value, else the last; `#t` if empty.
    And(Vec<Core>),
    /// Short-circuit `or`: the first truthy value, else the last; `#f` if empty.
    Or(Vec<Core>),
    /// `while`: repeats the body while the test is truthy; yields nil.
    While(Box<Core>, Vec<Core>),
    /// `try` with one `catch` clause.
    Try(Box<Try>),
    /// `throw`: raises a user error carrying the value.
    Throw(Box<Core>, Span),
    /// `eval`: evaluates the value of the expression as code in the current
    /// environment (tail position).
    Eval(Box<Core>, Span),
    /// `load`: reads a file and evaluates its forms in the current environment.
    Load(Box<Core>, Span),
    /// `import`: runs a module file once in its own environment and copies its
    /// exports (all, or the listed names) into the current frame.
    Import(Box<Core>, Vec<Sym>, Span),
    /// `module`: records the export list for the import in progress, then
    /// evaluates the body in the current frame.
    Module(Vec<Sym>, Vec<Core>),
    /// A macro call that was expanded when the code was prepared. Valid only
    /// while `name` is still bound to `mac`; otherwise the back end expands
    /// `form` again with whatever `name` means at that moment (spec: macro
    /// redefinition affects later calls).
    MacroUse(Box<MacroUse>),
}

/// A variable reference with the position of the form it appears in.
#[derive(Clone)]
pub struct Var {
    pub name: Sym,
    pub span: Option<Span>,
}

pub struct If {
    pub test: Core,
    pub then: Core,
    pub otherwise: Core,
}

/// A call. `form` is the original call form: the arity-error note prints it,
/// and if the head turns out to hold a macro at run time (a macro defined
/// after this code was expanded) the back end expands `form` then.
pub struct Call {
    pub head: Core,
    pub args: Vec<Core>,
    pub span: Option<Span>,
    pub form: Value,
}

pub struct Let {
    pub bindings: Vec<(Sym, Core)>,
    pub body: Vec<Core>,
}

pub struct Try {
    pub body: Vec<Core>,
    pub var: Sym,
    pub handler: Vec<Core>,
}

pub struct MacroUse {
    pub name: Sym,
    pub mac: Value,
    pub expansion: Core,
    pub form: Value,
}

/// A lambda: fixed parameters, an optional rest parameter, and a body.
/// A named lambda binds its own name to itself in each call's frame.
pub struct LambdaDef {
    pub name: Option<Sym>,
    pub params: Vec<Sym>,
    pub rest: Option<Sym>,
    pub body: Vec<Core>,
    /// Where the lambda was written (for traces and the disassembler).
    pub span: Option<Span>,
}

impl LambdaDef {
    /// The name shown in arity errors and stack traces.
    pub fn display_name(&self) -> &'static str {
        self.name.map(|n| n.name()).unwrap_or("lambda")
    }
}

impl Core {
    pub fn nil() -> Core {
        Core::Const(Value::NIL)
    }

    /// A sequence of forms as one expression (nil when empty).
    pub fn seq(mut forms: Vec<Core>) -> Core {
        match forms.len() {
            0 => Core::nil(),
            1 => forms.pop().unwrap_or_else(Core::nil),
            _ => Core::Begin(forms),
        }
    }

    pub fn call(head: Core, args: Vec<Core>, span: Option<Span>, form: Value) -> Core {
        Core::Call(Box::new(Call {
            head,
            args,
            span,
            form,
        }))
    }

    pub fn if_(test: Core, then: Core, otherwise: Core) -> Core {
        Core::If(Box::new(If {
            test,
            then,
            otherwise,
        }))
    }

    pub fn var(name: Sym, span: Option<Span>) -> Core {
        Core::Var(Var { name, span })
    }
}
