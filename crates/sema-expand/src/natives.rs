//! Internal natives the expanded code calls. The expander embeds these
//! function values directly in the core forms, so a program that rebinds
//! `vector` or `list` does not change what a literal or a quasiquote means.

use std::cell::RefCell;

use sema_core::value::{OrdKey, PromiseState};
use sema_core::{equality, symbol, Arity, Ctx, Error, Result, Value};

use crate::patterns;

/// The function values expanded code refers to.
#[derive(Clone)]
pub(crate) struct Natives {
    pub vector: Value,
    pub list: Value,
    pub make_map: Value,
    pub qq_append: Value,
    pub gensym: Value,
    pub make_promise: Value,
    pub force: Value,
    pub macroexpand: Value,
    pub make_macro: Value,
    pub make_multi: Value,
    pub add_method: Value,
    pub destructure: Value,
    pub match_pattern: Value,
    pub vref: Value,
    pub case_member: Value,
}

thread_local! {
    static NATIVES: RefCell<Option<Natives>> = const { RefCell::new(None) };
}

impl Natives {
    /// The (per-thread, created once) set of internal natives.
    pub(crate) fn get() -> Natives {
        NATIVES.with(|n| n.borrow_mut().get_or_insert_with(Natives::create).clone())
    }

    fn create() -> Natives {
        Natives {
            vector: Value::native("vector", Arity::AtLeast(0), |_, args| {
                Ok(Value::vector(args.to_vec()))
            }),
            list: Value::native("list", Arity::AtLeast(0), |_, args| {
                Ok(Value::list(args.to_vec()))
            }),
            make_map: Value::native("hash-map", Arity::AtLeast(0), |_, args| {
                Ok(Value::map_from(args.chunks(2).map(|kv| {
                    (kv[0].clone(), kv.get(1).cloned().unwrap_or_default())
                })))
            }),
            qq_append: Value::native("append", Arity::AtLeast(0), qq_append),
            gensym: Value::native("gensym", Arity::Exact(1), |_, args| {
                let prefix = args[0].as_str().unwrap_or("g");
                Ok(Value::symbol(symbol::gensym(prefix)))
            }),
            make_promise: Value::native("delay", Arity::Exact(1), |_, args| {
                Ok(Value::promise(std::mem::take(&mut args[0])))
            }),
            force: Value::native("force", Arity::Exact(1), force),
            macroexpand: Value::native("macroexpand", Arity::Exact(2), macroexpand),
            make_macro: Value::native("defmacro", Arity::Exact(2), |_, args| {
                let name = args[0]
                    .as_symbol()
                    .ok_or_else(|| Error::type_error("symbol", &args[0]))?;
                Ok(Value::macro_value(name, std::mem::take(&mut args[1])))
            }),
            make_multi: Value::native("defmulti", Arity::Exact(2), |_, args| {
                let name = args[0]
                    .as_symbol()
                    .ok_or_else(|| Error::type_error("symbol", &args[0]))?;
                Ok(Value::multimethod(name, std::mem::take(&mut args[1])))
            }),
            add_method: Value::native("defmethod", Arity::Exact(4), add_method),
            destructure: Value::native("destructure", Arity::Exact(2), |_, args| {
                let mut out = Vec::new();
                patterns::destructure(&args[0], &args[1], &mut out)?;
                Ok(Value::vector(out))
            }),
            match_pattern: Value::native("match", Arity::Exact(2), |_, args| {
                let mut out = Vec::new();
                if patterns::match_pattern(&args[0], &args[1], &mut out)? {
                    Ok(Value::vector(out))
                } else {
                    Ok(Value::FALSE)
                }
            }),
            vref: Value::native("vector-ref", Arity::Exact(2), |_, args| {
                let i = args[1].as_int().unwrap_or(0) as usize;
                Ok(args[0]
                    .as_vector()
                    .and_then(|v| v.get(i))
                    .cloned()
                    .unwrap_or_default())
            }),
            case_member: Value::native("case", Arity::Exact(2), |_, args| {
                Ok(Value::bool(
                    args[1].list_iter().any(|d| equality::equal(&args[0], d)),
                ))
            }),
        }
    }
}

fn qq_append(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((last, init)) = args.split_last_mut() else {
        return Ok(Value::EMPTY_LIST);
    };
    if !last.is_list() {
        return Err(Error::type_error("list", last));
    }
    let mut items = Vec::new();
    for seg in init.iter() {
        if !seg.is_list() {
            return Err(Error::type_error("list", seg));
        }
        items.extend(seg.list_iter().cloned());
    }
    Ok(Value::list_with_tail(items, std::mem::take(last)))
}

/// `force`: the memoized value of a promise, computing it on first use; any
/// other value is returned unchanged. An error leaves the promise unforced.
pub fn force(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some(p) = args[0].as_promise() else {
        return Ok(std::mem::take(&mut args[0]));
    };
    let thunk = match &*p.state.borrow() {
        PromiseState::Forced(v) => return Ok(v.clone()),
        PromiseState::Delayed(t) => t.clone(),
    };
    let v = ctx.call(&thunk, &mut [])?;
    *p.state.borrow_mut() = PromiseState::Forced(v.clone());
    Ok(v)
}

/// `(macroexpand FORM)`: expands FORM once if its head is a symbol bound
/// to a macro where `macroexpand` was called; `args[1]` looks a symbol up
/// there (nil when unbound).
fn macroexpand(ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let form = args[0].clone();
    let Some(head) = form.car().filter(|h| h.as_symbol().is_some()).cloned() else {
        return Ok(form);
    };
    let lookup = args[1].clone();
    let bound = ctx.call(&lookup, &mut [head])?;
    let Some(mac) = bound.as_macro() else {
        return Ok(form);
    };
    let transformer = mac.transformer.clone();
    let mut margs: Vec<Value> = form
        .cdr()
        .map(|t| t.list_iter().cloned().collect())
        .unwrap_or_default();
    ctx.call(&transformer, &mut margs)
}

fn add_method(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let name = args[0].as_symbol().map(|s| s.name()).unwrap_or("?");
    let multi = args[1].clone();
    if multi.identity() == Natives::get().add_method.identity() {
        return Err(Error::eval(format!("defmethod: '{name}' is not defined")));
    }
    let Some(m) = multi.as_multimethod() else {
        return Err(Error::eval(format!(
            "defmethod: '{name}' is not a multimethod"
        )));
    };
    let handler = std::mem::take(&mut args[3]);
    if args[2].as_keyword().map(|k| k.name()) == Some("default") {
        *m.default.borrow_mut() = Some(handler);
    } else {
        m.methods
            .borrow_mut()
            .insert(OrdKey(std::mem::take(&mut args[2])), handler);
    }
    Ok(Value::NIL)
}
