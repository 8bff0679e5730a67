//! Environments of the tree-walker: a mutable frame of bindings and a parent.
//! Closures capture their defining environment by reference, so later
//! `define`/`set!` there are visible to them.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use sema_core::{Sym, Value};

/// Frames with at most this many bindings search a vector; bigger ones hash.
const SMALL: usize = 8;

enum Vars {
    Small(Vec<(Sym, Value)>),
    Map(FxHashMap<Sym, Value>),
}

struct Frame {
    vars: RefCell<Vars>,
    parent: Option<Env>,
}

/// A shared environment frame.
#[derive(Clone)]
pub struct Env(Rc<Frame>);

impl Env {
    /// A root frame (the global environment).
    pub fn root() -> Env {
        Env(Rc::new(Frame {
            vars: RefCell::new(Vars::Map(FxHashMap::default())),
            parent: None,
        }))
    }

    /// A new empty frame whose parent is `self`.
    pub fn child(&self) -> Env {
        self.child_with(Vec::new())
    }

    /// A new frame holding `bindings` (later duplicates win).
    pub fn child_with(&self, bindings: Vec<(Sym, Value)>) -> Env {
        let vars = if bindings.len() <= SMALL {
            let distinct = bindings
                .iter()
                .enumerate()
                .all(|(i, (s, _))| bindings[..i].iter().all(|(n, _)| n != s));
            if distinct {
                // The common case: reuse the vector as the frame.
                Vars::Small(bindings)
            } else {
                let mut v: Vec<(Sym, Value)> = Vec::with_capacity(bindings.len());
                for (s, x) in bindings {
                    match v.iter_mut().find(|(n, _)| *n == s) {
                        Some(slot) => slot.1 = x,
                        None => v.push((s, x)),
                    }
                }
                Vars::Small(v)
            }
        } else {
            Vars::Map(bindings.into_iter().collect())
        };
        Env(Rc::new(Frame {
            vars: RefCell::new(vars),
            parent: Some(self.clone()),
        }))
    }

    fn get_here(&self, name: Sym) -> Option<Value> {
        match &*self.0.vars.borrow() {
            Vars::Small(v) => v.iter().find(|(n, _)| *n == name).map(|(_, x)| x.clone()),
            Vars::Map(m) => m.get(&name).cloned(),
        }
    }

    /// The value of the nearest binding of `name`.
    pub fn lookup(&self, name: Sym) -> Option<Value> {
        let mut env = self;
        loop {
            if let Some(v) = env.get_here(name) {
                return Some(v);
            }
            env = env.0.parent.as_ref()?;
        }
    }

    /// True if this very frame binds `name`.
    pub fn binds_here(&self, name: Sym) -> bool {
        match &*self.0.vars.borrow() {
            Vars::Small(v) => v.iter().any(|(n, _)| *n == name),
            Vars::Map(m) => m.contains_key(&name),
        }
    }

    /// Binds `name` in this frame (creating or overwriting).
    pub fn define(&self, name: Sym, value: Value) {
        let mut vars = self.0.vars.borrow_mut();
        match &mut *vars {
            Vars::Small(v) => {
                if let Some(slot) = v.iter_mut().find(|(n, _)| *n == name) {
                    slot.1 = value;
                } else if v.len() < SMALL {
                    v.push((name, value));
                } else {
                    let mut m: FxHashMap<Sym, Value> = std::mem::take(v).into_iter().collect();
                    m.insert(name, value);
                    *vars = Vars::Map(m);
                }
            }
            Vars::Map(m) => {
                m.insert(name, value);
            }
        }
    }

    /// Replaces the nearest existing binding; false if there is none.
    pub fn set(&self, name: Sym, value: Value) -> bool {
        let mut env = self;
        loop {
            {
                let mut vars = env.0.vars.borrow_mut();
                let slot = match &mut *vars {
                    Vars::Small(v) => v.iter_mut().find(|(n, _)| *n == name).map(|(_, x)| x),
                    Vars::Map(m) => m.get_mut(&name),
                };
                if let Some(slot) = slot {
                    *slot = value;
                    return true;
                }
            }
            match env.0.parent.as_ref() {
                Some(p) => env = p,
                None => return false,
            }
        }
    }

    /// The bindings of this frame only.
    pub fn bindings(&self) -> Vec<(Sym, Value)> {
        match &*self.0.vars.borrow() {
            Vars::Small(v) => v.clone(),
            Vars::Map(m) => m.iter().map(|(k, v)| (*k, v.clone())).collect(),
        }
    }

    /// Every name visible from here (for hints and completion).
    pub fn all_names(&self) -> Vec<Sym> {
        let mut out = Vec::new();
        let mut env = Some(self);
        while let Some(e) = env {
            out.extend(e.bindings().into_iter().map(|(s, _)| s));
            env = e.0.parent.as_ref();
        }
        out
    }

    /// True if both handles are the same frame.
    pub fn same(&self, other: &Env) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// Removes every binding of this frame. Closures defined in a frame
    /// hold the frame, which holds them: a cycle that reference counting
    /// never frees; clearing the frame breaks it.
    pub fn clear(&self) {
        let vars = std::mem::replace(&mut *self.0.vars.borrow_mut(), Vars::Small(Vec::new()));
        // Dropped after the borrow ends: a value's drop may reach this frame.
        drop(vars);
    }
}
