//! Last-use analysis: which variable references are the last read of that
//! variable in the activation. The compiler moves the value out of the slot
//! there (`MoveLocal`) instead of copying it, so a collection passed on in a
//! loop stays uniquely owned and `assoc` can update it in place.
//!
//! The walk runs backwards in evaluation order over one function body,
//! carrying the set of names that are read later. A reference to a name not
//! in the set is a last use. Conservative rules keep it sound: every name a
//! loop mentions stays live through the loop; names a `try` handler reads
//! stay live through the body; a nested lambda's free names are ordinary
//! reads (captures copy); a macro site keeps every name its form mentions
//! live (the form may be expanded again at run time); `eval` and `load`
//! disable moves in the whole function.

use rustc_hash::FxHashSet;
use sema_core::{Sym, Value};
use sema_expand::{Core, LambdaDef};

/// The set of `Var` nodes (by address, valid while the tree is alive) that
/// are last uses, or empty when moves are disabled for this body.
pub(crate) fn last_uses(body: &[Core]) -> FxHashSet<*const Core> {
    let mut w = Live {
        out: FxHashSet::default(),
        disabled: false,
    };
    let mut live = FxHashSet::default();
    w.seq(body, &mut live);
    if w.disabled {
        FxHashSet::default()
    } else {
        w.out
    }
}

struct Live {
    out: FxHashSet<*const Core>,
    disabled: bool,
}

type Names = FxHashSet<Sym>;

impl Live {
    fn seq(&mut self, nodes: &[Core], live: &mut Names) {
        for n in nodes.iter().rev() {
            self.node(n, live);
        }
    }

    fn node(&mut self, node: &Core, live: &mut Names) {
        sema_core::with_stack(|| self.node_inner(node, live))
    }

    fn node_inner(&mut self, node: &Core, live: &mut Names) {
        match node {
            Core::Const(_) => {}
            Core::Var(v) => {
                if live.insert(v.name) {
                    self.out.insert(node as *const Core);
                }
            }
            Core::Set(v, e) => {
                live.remove(&v.name);
                self.node(e, live);
            }
            Core::Define(name, e) => {
                live.remove(name);
                self.node(e, live);
            }
            Core::If(i) => {
                let mut a = live.clone();
                self.node(&i.then, &mut a);
                let mut b = live.clone();
                self.node(&i.otherwise, &mut b);
                a.extend(b);
                *live = a;
                self.node(&i.test, live);
            }
            Core::Begin(items) | Core::Module(_, items) => self.seq(items, live),
            Core::Lambda(def) => {
                let mut free = Names::default();
                free_in_lambda(def, &mut Vec::new(), &mut free);
                live.extend(free);
            }
            Core::Call(c) => {
                self.seq(&c.args, live);
                self.node(&c.head, live);
            }
            Core::Let(l) => {
                let names: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
                self.scoped(&names, live, |w, live| w.seq(&l.body, live));
                for (_, init) in l.bindings.iter().rev() {
                    self.node(init, live);
                }
            }
            Core::Letrec(l) => {
                let names: Vec<Sym> = l.bindings.iter().map(|(n, _)| *n).collect();
                self.scoped(&names, live, |w, live| {
                    w.seq(&l.body, live);
                    for (_, init) in l.bindings.iter().rev() {
                        w.node(init, live);
                    }
                });
            }
            Core::And(items) | Core::Or(items) => {
                let exit = live.clone();
                if let Some((last, init)) = items.split_last() {
                    self.node(last, live);
                    for item in init.iter().rev() {
                        live.extend(exit.iter().copied());
                        self.node(item, live);
                    }
                }
            }
            Core::While(test, body) => {
                let mut mentioned = Names::default();
                mentions(test, &mut mentioned);
                body.iter().for_each(|n| mentions(n, &mut mentioned));
                live.extend(mentioned);
                self.seq(body, live);
                self.node(test, live);
            }
            Core::Try(t) => {
                let mut handler_live = live.clone();
                self.scoped(&[t.var], &mut handler_live, |w, live| {
                    w.seq(&t.handler, live)
                });
                live.extend(handler_live);
                self.seq(&t.body, live);
            }
            // A throw continues in a handler, which may read anything live here.
            Core::Throw(v, _) => self.node(v, live),
            Core::Eval(v, _) | Core::Load(v, _) => {
                self.disabled = true;
                self.node(v, live);
            }
            Core::Import(v, _, _) => self.node(v, live),
            Core::MacroUse(m) => {
                self.node(&m.expansion, live);
                symbols_in(&m.form, live);
            }
        }
    }

    /// Runs `f` with `names` bound afresh (an inner scope shadowing them).
    fn scoped(&mut self, names: &[Sym], live: &mut Names, f: impl FnOnce(&mut Self, &mut Names)) {
        let outer: Vec<Sym> = names.iter().copied().filter(|n| live.contains(n)).collect();
        for n in names {
            live.remove(n);
        }
        f(self, live);
        for n in names {
            live.remove(n);
        }
        live.extend(outer);
    }
}

/// Every name a node mentions (reads or writes), conservatively.
fn mentions(node: &Core, out: &mut Names) {
    sema_core::with_stack(|| match node {
        Core::Const(_) => {}
        Core::Var(v) => {
            out.insert(v.name);
        }
        Core::Set(v, e) => {
            out.insert(v.name);
            mentions(e, out);
        }
        Core::Define(n, e) => {
            out.insert(*n);
            mentions(e, out);
        }
        Core::If(i) => {
            mentions(&i.test, out);
            mentions(&i.then, out);
            mentions(&i.otherwise, out);
        }
        Core::Begin(items) | Core::And(items) | Core::Or(items) | Core::Module(_, items) => {
            items.iter().for_each(|n| mentions(n, out))
        }
        Core::Lambda(def) => def.body.iter().for_each(|n| mentions(n, out)),
        Core::Call(c) => {
            mentions(&c.head, out);
            c.args.iter().for_each(|n| mentions(n, out));
        }
        Core::Let(l) | Core::Letrec(l) => {
            l.bindings.iter().for_each(|(_, n)| mentions(n, out));
            l.body.iter().for_each(|n| mentions(n, out));
        }
        Core::While(t, body) => {
            mentions(t, out);
            body.iter().for_each(|n| mentions(n, out));
        }
        Core::Try(t) => {
            t.body.iter().for_each(|n| mentions(n, out));
            t.handler.iter().for_each(|n| mentions(n, out));
        }
        Core::Throw(v, _) | Core::Eval(v, _) | Core::Load(v, _) | Core::Import(v, _, _) => {
            mentions(v, out)
        }
        Core::MacroUse(m) => {
            mentions(&m.expansion, out);
            symbols_in(&m.form, out);
        }
    })
}

/// Every symbol in a form (data), at any depth.
fn symbols_in(form: &Value, out: &mut Names) {
    sema_core::with_stack(|| {
        if let Some(s) = form.as_symbol() {
            out.insert(s);
        } else if let Some(items) = form.as_vector() {
            items.iter().for_each(|x| symbols_in(x, out));
        } else if form.as_cons().is_some() {
            form.list_iter().for_each(|x| symbols_in(x, out));
        } else if let Some(m) = form.as_map() {
            for (k, v) in &m.entries {
                symbols_in(&k.0, out);
                symbols_in(v, out);
            }
        }
    })
}

/// The names a lambda reads from outside itself (an over-approximation:
/// every mentioned name not bound by the lambda's own parameters).
fn free_in_lambda(def: &LambdaDef, _bound: &mut Vec<Sym>, out: &mut Names) {
    let mut all = Names::default();
    def.body.iter().for_each(|n| mentions(n, &mut all));
    for p in def
        .params
        .iter()
        .chain(def.rest.iter())
        .chain(def.name.iter())
    {
        all.remove(p);
    }
    out.extend(all);
}
