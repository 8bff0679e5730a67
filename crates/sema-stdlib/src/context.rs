//! The context store (spec stdlib.md §23): a key/value store that `log/*`
//! appends to its lines.
//!
//! The store is a stack of frames, at least one. `context/set` writes the
//! top frame, lookups search from the top, and `context/with` pushes a frame
//! for the duration of a call and pops it again even when the call fails.
//! Beside the frames there is a hidden store (not seen by `context/get`,
//! `context/all` or logging) and a set of named value stacks. The store
//! belongs to the interpreter's thread: values are reference counted and
//! never cross threads.

use std::cell::RefCell;
use std::collections::BTreeMap;

use sema_core::value::{MapObj, OrdKey};
use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "context/set",
        Arity::Exact(2),
        set,
        "sets a key in the top frame of the context store",
    ),
    builtin(
        "context/get",
        Arity::Exact(1),
        get,
        "the value of a key in the context store (top frame first), or nil",
    ),
    builtin(
        "context/has?",
        Arity::Exact(1),
        has,
        "whether any frame of the context store has the key",
    ),
    builtin(
        "context/remove",
        Arity::Exact(1),
        remove,
        "removes a key from every frame and returns its visible value (or nil)",
    ),
    builtin(
        "context/pull",
        Arity::Exact(1),
        remove,
        "removes a key from every frame and returns its visible value (or nil)",
    ),
    builtin(
        "context/all",
        Arity::Exact(0),
        all,
        "a sorted map of every visible context entry",
    ),
    builtin(
        "context/merge",
        Arity::Exact(1),
        merge,
        "sets every entry of a map in the top frame",
    ),
    builtin(
        "context/clear",
        Arity::Exact(0),
        clear,
        "removes every context entry and frame",
    ),
    builtin(
        "context/with",
        Arity::Exact(2),
        with,
        "calls a thunk with a frame of extra context entries pushed",
    ),
    builtin(
        "context/push",
        Arity::Exact(2),
        push,
        "pushes a value on the named stack",
    ),
    builtin(
        "context/stack",
        Arity::Exact(1),
        stack,
        "the values of the named stack, oldest first",
    ),
    builtin(
        "context/pop",
        Arity::Exact(1),
        pop,
        "pops and returns the newest value of the named stack, or nil",
    ),
    builtin(
        "context/set-hidden",
        Arity::Exact(2),
        set_hidden,
        "sets a key in the hidden store",
    ),
    builtin(
        "context/get-hidden",
        Arity::Exact(1),
        get_hidden,
        "the value of a key in the hidden store, or nil",
    ),
    builtin(
        "context/has-hidden?",
        Arity::Exact(1),
        has_hidden,
        "whether the hidden store has the key",
    ),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];

type Frame = BTreeMap<OrdKey, Value>;

struct Store {
    /// Never empty; the last frame is the top.
    frames: Vec<Frame>,
    hidden: Frame,
    stacks: BTreeMap<OrdKey, Vec<Value>>,
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store {
        frames: vec![Frame::new()],
        hidden: Frame::new(),
        stacks: BTreeMap::new(),
    });
}

fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|s| f(&mut s.borrow_mut()))
}

impl Store {
    fn top(&mut self) -> &mut Frame {
        if self.frames.is_empty() {
            self.frames.push(Frame::new());
        }
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    fn lookup(&self, key: &OrdKey) -> Option<Value> {
        self.frames.iter().rev().find_map(|f| f.get(key).cloned())
    }

    /// Every visible entry; upper frames override lower ones.
    fn merged(&self) -> Frame {
        let mut out = Frame::new();
        for frame in &self.frames {
            for (k, v) in frame {
                out.insert(k.clone(), v.clone());
            }
        }
        out
    }
}

/// The visible entries as a sorted map, or `None` when the store is empty
/// (what `log/*` appends to its line).
pub(crate) fn visible_map() -> Option<Value> {
    let entries = with_store(|s| s.merged());
    if entries.is_empty() {
        None
    } else {
        Some(Value::map(MapObj { entries }))
    }
}

fn key(args: &mut [Value], i: usize) -> OrdKey {
    OrdKey(args.get_mut(i).map(std::mem::take).unwrap_or_default())
}

fn arg(args: &mut [Value], i: usize) -> Value {
    args.get_mut(i).map(std::mem::take).unwrap_or_default()
}

fn set(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (k, v) = (key(args, 0), arg(args, 1));
    with_store(|s| s.top().insert(k, v));
    Ok(Value::NIL)
}

fn get(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    Ok(with_store(|s| s.lookup(&k)).unwrap_or_default())
}

fn has(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    Ok(Value::bool(with_store(|s| {
        s.frames.iter().any(|f| f.contains_key(&k))
    })))
}

fn remove(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    let removed = with_store(|s| {
        let mut visible = None;
        for frame in s.frames.iter_mut().rev() {
            if let Some(v) = frame.remove(&k) {
                visible.get_or_insert(v);
            }
        }
        visible
    });
    Ok(removed.unwrap_or_default())
}

fn all(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::map(MapObj {
        entries: with_store(|s| s.merged()),
    }))
}

/// The entries of a sorted-map argument; otherwise a type error.
fn map_entries(v: &Value) -> Result<Frame> {
    v.as_map()
        .map(|m| m.entries.clone())
        .ok_or_else(|| Error::type_error("map", v))
}

fn merge(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let entries = map_entries(&args[0])?;
    with_store(|s| s.top().extend(entries));
    Ok(Value::NIL)
}

fn clear(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    with_store(|s| {
        s.frames.clear();
        s.frames.push(Frame::new());
    });
    Ok(Value::NIL)
}

fn with(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let frame = map_entries(&args[0])?;
    let thunk = arg(args, 1);
    if !thunk.is_function() {
        return Err(Error::type_error("function", &thunk));
    }
    // Remember the depth below the new frame: the thunk may clear the store
    // or leave frames behind, and the frame must go on every exit path.
    let depth = with_store(|s| {
        let depth = s.frames.len();
        s.frames.push(frame);
        depth
    });
    let result = ctx.call(&thunk, &mut []);
    with_store(|s| s.frames.truncate(depth.max(1)));
    result
}

fn push(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (k, v) = (key(args, 0), arg(args, 1));
    with_store(|s| s.stacks.entry(k).or_default().push(v));
    Ok(Value::NIL)
}

fn stack(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    let items = with_store(|s| s.stacks.get(&k).cloned().unwrap_or_default());
    Ok(Value::list(items))
}

fn pop(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    let popped = with_store(|s| {
        let stack = s.stacks.get_mut(&k)?;
        let v = stack.pop();
        if stack.is_empty() {
            s.stacks.remove(&k);
        }
        v
    });
    Ok(popped.unwrap_or_default())
}

fn set_hidden(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (k, v) = (key(args, 0), arg(args, 1));
    with_store(|s| s.hidden.insert(k, v));
    Ok(Value::NIL)
}

fn get_hidden(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    Ok(with_store(|s| s.hidden.get(&k).cloned()).unwrap_or_default())
}

fn has_hidden(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let k = key(args, 0);
    Ok(Value::bool(with_store(|s| s.hidden.contains_key(&k))))
}

#[cfg(test)]
mod tests;
