//! Which variables must live in shared cells: a variable that a nested
//! lambda captures and that is assigned (`set!`, a later `define`, a
//! `letrec` init) must be one cell shared by the frame and the closures;
//! every other captured variable is copied into the closure.

use sema_core::Sym;
use sema_expand::Core;

/// The names a body binds with `define` in its own frame (not in nested
/// lambdas, lets or handlers).
pub(crate) fn collect_defines(body: &[Core]) -> Vec<Sym> {
    let mut out = Vec::new();
    for node in body {
        defines_in(node, &mut out);
    }
    out
}

fn defines_in(node: &Core, out: &mut Vec<Sym>) {
    sema_core::with_stack(|| match node {
        Core::Define(name, value) => {
            defines_in(value, out);
            if !out.contains(name) {
                out.push(*name);
            }
        }
        Core::Const(_) | Core::Var(_) | Core::Lambda(_) => {}
        Core::Set(_, v) | Core::Throw(v, _) | Core::Eval(v, _) | Core::Load(v, _) => {
            defines_in(v, out)
        }
        Core::Import(v, _, _) => defines_in(v, out),
        Core::If(i) => {
            defines_in(&i.test, out);
            defines_in(&i.then, out);
            defines_in(&i.otherwise, out);
        }
        Core::Begin(items) | Core::And(items) | Core::Or(items) | Core::Module(_, items) => {
            items.iter().for_each(|n| defines_in(n, out))
        }
        Core::Call(c) => {
            defines_in(&c.head, out);
            c.args.iter().for_each(|n| defines_in(n, out));
        }
        Core::Let(l) => l
            .bindings
            .iter()
            .for_each(|(_, init)| defines_in(init, out)),
        Core::Letrec(_) => {}
        Core::While(test, body) => {
            defines_in(test, out);
            body.iter().for_each(|n| defines_in(n, out));
        }
        Core::Try(t) => t.body.iter().for_each(|n| defines_in(n, out)),
        Core::MacroUse(m) => defines_in(&m.expansion, out),
    })
}

#[derive(Clone, Copy, Default)]
struct Usage {
    captured: bool,
    assigned: bool,
}

struct Walk<'a> {
    names: &'a [Sym],
    usage: Vec<Usage>,
    /// Names rebound by inner scopes on the current path.
    shadow: Vec<Sym>,
}

impl Walk<'_> {
    fn index(&self, name: Sym) -> Option<usize> {
        if self.shadow.contains(&name) {
            return None;
        }
        self.names.iter().position(|n| *n == name)
    }

    fn scoped(&mut self, names: impl IntoIterator<Item = Sym>, f: impl FnOnce(&mut Self)) {
        let saved = self.shadow.len();
        self.shadow.extend(names);
        f(self);
        self.shadow.truncate(saved);
    }

    fn node(&mut self, node: &Core, in_lambda: bool) {
        sema_core::with_stack(|| self.node_inner(node, in_lambda))
    }

    fn nodes(&mut self, nodes: &[Core], in_lambda: bool) {
        nodes.iter().for_each(|n| self.node(n, in_lambda));
    }

    fn node_inner(&mut self, node: &Core, in_lambda: bool) {
        match node {
            Core::Const(_) => {}
            Core::Var(v) => {
                if let Some(i) = self.index(v.name) {
                    self.usage[i].captured |= in_lambda;
                }
            }
            Core::Set(v, value) => {
                if let Some(i) = self.index(v.name) {
                    self.usage[i].assigned = true;
                    self.usage[i].captured |= in_lambda;
                }
                self.node(value, in_lambda);
            }
            Core::Define(name, value) => {
                self.node(value, in_lambda);
                if let Some(i) = self.index(*name) {
                    self.usage[i].assigned = true;
                }
            }
            Core::If(i) => {
                self.node(&i.test, in_lambda);
                self.node(&i.then, in_lambda);
                self.node(&i.otherwise, in_lambda);
            }
            Core::Begin(items) | Core::And(items) | Core::Or(items) | Core::Module(_, items) => {
                self.nodes(items, in_lambda)
            }
            Core::Lambda(def) => {
                let mut bound: Vec<Sym> = def.params.clone();
                bound.extend(def.rest);
                bound.extend(def.name);
                bound.extend(collect_defines(&def.body));
                self.scoped(bound, |w| w.nodes(&def.body, true));
            }
            Core::Call(c) => {
                self.node(&c.head, in_lambda);
                self.nodes(&c.args, in_lambda);
            }
            Core::Let(l) => {
                for (_, init) in &l.bindings {
                    self.node(init, in_lambda);
                }
                let mut bound: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
                bound.extend(collect_defines(&l.body));
                self.scoped(bound, |w| w.nodes(&l.body, in_lambda));
            }
            Core::Letrec(l) => {
                let mut bound: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
                bound.extend(collect_defines(&l.body));
                self.scoped(bound, |w| {
                    for (_, init) in &l.bindings {
                        w.node(init, in_lambda);
                    }
                    w.nodes(&l.body, in_lambda);
                });
            }
            Core::While(test, body) => {
                self.node(test, in_lambda);
                self.nodes(body, in_lambda);
            }
            Core::Try(t) => {
                self.nodes(&t.body, in_lambda);
                let mut bound = vec![t.var];
                bound.extend(collect_defines(&t.handler));
                self.scoped(bound, |w| w.nodes(&t.handler, in_lambda));
            }
            Core::Throw(v, _) | Core::Eval(v, _) | Core::Load(v, _) | Core::Import(v, _, _) => {
                self.node(v, in_lambda)
            }
            Core::MacroUse(m) => self.node(&m.expansion, in_lambda),
        }
    }
}

/// True if `body` assigns `name` (with `set!` or `define`) in its own scope.
pub(crate) fn assigns(name: Sym, body: &[&Core]) -> bool {
    let names = [name];
    let mut w = Walk {
        names: &names,
        usage: vec![Usage::default()],
        shadow: Vec::new(),
    };
    for node in body {
        w.node(node, false);
    }
    w.usage[0].assigned
}

/// For each of `names` (bound by one scope whose code is `body`): must it be
/// a shared cell? `assigned_by_scope` marks names the scope itself assigns
/// after binding (letrec).
pub(crate) fn boxed(names: &[Sym], body: &[&Core], assigned_by_scope: bool) -> Vec<bool> {
    let mut w = Walk {
        names,
        usage: vec![
            Usage {
                captured: false,
                assigned: assigned_by_scope,
            };
            names.len()
        ],
        shadow: Vec::new(),
    };
    for node in body {
        w.node(node, false);
    }
    w.usage.iter().map(|u| u.captured && u.assigned).collect()
}
