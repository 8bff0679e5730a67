//! The six built-in macros (special-forms.md §9): `->`, `->>`, `as->`,
//! `some->`, `when-let`, `if-let`. Their transformers are natives; they are
//! ordinary macro values bound in the global environment and can be
//! redefined. `macroexpand` shows one step of their rewriting.

use sema_core::{symbol, Arity, Ctx, Error, Result, Sym, Value};

fn sym(name: &str) -> Value {
    Value::sym(name)
}

fn list(items: Vec<Value>) -> Value {
    Value::list(items)
}

/// Threads `x` into the step `f`: first argument (`last == false`) or last.
fn thread(x: Value, f: &Value, last: bool) -> Value {
    match f.as_cons() {
        Some(c) => {
            let mut items = vec![c.car.clone()];
            let rest: Vec<Value> = c.cdr.list_iter().cloned().collect();
            if last {
                items.extend(rest);
                items.push(x);
            } else {
                items.push(x);
                items.extend(rest);
            }
            list(items)
        }
        None => list(vec![f.clone(), x]),
    }
}

fn thread_macro(name: &str, args: &mut [Value], last: bool) -> Result<Value> {
    let Some((x, steps)) = args.split_first() else {
        return Err(Error::arity(name, "1+", 0));
    };
    let Some((f, rest)) = steps.split_first() else {
        return Ok(x.clone());
    };
    let mut out = vec![sym(name), thread(x.clone(), f, last)];
    out.extend(rest.iter().cloned());
    Ok(list(out))
}

fn arrow(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    thread_macro("->", args, false)
}

fn arrow_last(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    thread_macro("->>", args, true)
}

fn as_arrow(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let x = args[0].clone();
    let name = args[1].clone();
    let Some((f, rest)) = args[2..].split_first() else {
        return Ok(x);
    };
    let mut inner = vec![sym("as->"), f.clone(), name.clone()];
    inner.extend(rest.iter().cloned());
    Ok(list(vec![
        sym("let"),
        list(vec![list(vec![name, x])]),
        list(inner),
    ]))
}

fn some_arrow(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let Some((x, steps)) = args.split_first() else {
        return Err(Error::arity("some->", "1+", 0));
    };
    let Some((f, rest)) = steps.split_first() else {
        return Ok(x.clone());
    };
    let v = Value::symbol(symbol::gensym("v"));
    let mut inner = vec![sym("some->"), thread(v.clone(), f, false)];
    inner.extend(rest.iter().cloned());
    Ok(list(vec![
        sym("let"),
        list(vec![list(vec![v.clone(), x.clone()])]),
        list(vec![
            sym("if"),
            list(vec![sym("nil?"), v]),
            Value::NIL,
            list(inner),
        ]),
    ]))
}

/// Splits the `(NAME EXPR)` binding of `when-let` / `if-let`.
fn binding(name: &str, b: &Value) -> Result<(Value, Value)> {
    let parts: Vec<Value> = match b.as_vector() {
        Some(v) => v.to_vec(),
        None => b.list_iter().cloned().collect(),
    };
    match parts.as_slice() {
        [n, e] => Ok((n.clone(), e.clone())),
        _ => Err(Error::eval(format!("{name}: binding must be (name expr)"))),
    }
}

fn when_let(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (name, expr) = binding("when-let", &args[0])?;
    let mut when = vec![
        sym("when"),
        list(vec![sym("not"), list(vec![sym("nil?"), name.clone()])]),
    ];
    when.extend(args[1..].iter().cloned());
    Ok(list(vec![
        sym("let"),
        list(vec![list(vec![name, expr])]),
        list(when),
    ]))
}

fn if_let(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (name, expr) = binding("if-let", &args[0])?;
    Ok(list(vec![
        sym("let"),
        list(vec![list(vec![name.clone(), expr])]),
        list(vec![
            sym("if"),
            list(vec![sym("nil?"), name]),
            args[2].clone(),
            args[1].clone(),
        ]),
    ]))
}

/// The built-in macros as (name, macro value) pairs, for the global environment.
pub fn prelude_macros() -> Vec<(Sym, Value)> {
    type Transformer = fn(&mut dyn Ctx, &mut [Value]) -> Result<Value>;
    let rows: [(&str, Arity, Transformer); 6] = [
        ("->", Arity::AtLeast(1), arrow),
        ("->>", Arity::AtLeast(1), arrow_last),
        ("as->", Arity::AtLeast(2), as_arrow),
        ("some->", Arity::AtLeast(1), some_arrow),
        ("when-let", Arity::AtLeast(2), when_let),
        ("if-let", Arity::Exact(3), if_let),
    ];
    rows.into_iter()
        .map(|(name, arity, f)| {
            let s = Sym::intern(name);
            let transformer = Value::native(name, arity, f);
            (s, Value::macro_value(s, transformer))
        })
        .collect()
}
