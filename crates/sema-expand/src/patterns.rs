//! Destructuring (strict: a mismatch is an error) and `match` patterns
//! (soft: a mismatch tries the next clause).
//!
//! Both the expander and the runtime natives walk a pattern in the same
//! order — vector elements left to right, map entries in key order — so the
//! expander can bind the i-th variable of [`pattern_vars`] to the i-th value
//! the native produces.

use sema_core::{equality, sym, Error, Result, Sym, Value};

use crate::core::{Core, Let};
use crate::expand::{hidden, Expander};

fn invalid_pattern(p: &Value) -> Error {
    Error::eval(format!(
        "destructure: invalid pattern, expected symbol, vector, or map, got {}",
        p.type_name()
    ))
}

fn is_amp(v: &Value) -> bool {
    v.as_symbol() == Some(sym::AMP)
}

fn is_keys(v: &Value) -> bool {
    v.as_keyword() == Some(sym::KEYS)
}

/// The elements of a vector or list pattern.
fn pattern_items(p: &Value) -> Vec<Value> {
    match p.as_vector() {
        Some(v) => v.to_vec(),
        None => p.list_iter().cloned().collect(),
    }
}

/// The variables a pattern binds, in binding order (a repeated name appears
/// twice). `strict` selects destructuring rules; otherwise `match` rules.
pub(crate) fn pattern_vars(p: &Value, strict: bool) -> Result<Vec<Sym>> {
    let mut out = Vec::new();
    sema_core::with_stack(|| collect_vars(p, strict, &mut out))?;
    Ok(out)
}

fn collect_vars(p: &Value, strict: bool, out: &mut Vec<Sym>) -> Result<()> {
    if let Some(s) = p.as_symbol() {
        if s != sym::UNDERSCORE {
            out.push(s);
        }
        return Ok(());
    }
    if let Some(items) = p.as_vector() {
        let mut i = 0;
        while i < items.len() {
            if is_amp(&items[i]) {
                let Some(rest) = items.get(i + 1) else {
                    return Err(amp_error(strict));
                };
                if strict && items.len() > i + 2 {
                    return Err(Error::eval(
                        "destructure: only one pattern allowed after `&`",
                    ));
                }
                return sema_core::with_stack(|| collect_vars(rest, strict, out));
            }
            sema_core::with_stack(|| collect_vars(&items[i], strict, out))?;
            i += 1;
        }
        return Ok(());
    }
    if let Some(m) = p.as_map() {
        for (k, sub) in &m.entries {
            if is_keys(&k.0) {
                for name in pattern_items(sub) {
                    match name.as_symbol() {
                        Some(s) => out.push(s),
                        None => return Err(invalid_pattern(&name)),
                    }
                }
            } else {
                sema_core::with_stack(|| collect_vars(sub, strict, out))?;
            }
        }
        return Ok(());
    }
    if strict {
        return Err(invalid_pattern(p));
    }
    // In `match`, everything else is a literal that binds nothing.
    Ok(())
}

fn amp_error(strict: bool) -> Error {
    if strict {
        Error::eval("destructure: `&` must be followed by a rest pattern")
    } else {
        Error::eval("match: `&` must be followed by a rest pattern")
    }
}

fn map_get(m: &Value, key: &Value) -> Option<Value> {
    if let Some(map) = m.as_map() {
        return map
            .entries
            .get(&sema_core::value::OrdKey(key.clone()))
            .cloned();
    }
    m.as_hashmap().and_then(|h| h.get(key).cloned())
}

/// Destructures `v` against `p`, pushing bound values in binding order.
pub(crate) fn destructure(p: &Value, v: &Value, out: &mut Vec<Value>) -> Result<()> {
    if let Some(s) = p.as_symbol() {
        if s != sym::UNDERSCORE {
            out.push(v.clone());
        }
        return Ok(());
    }
    if let Some(items) = p.as_vector() {
        let Some(vals) = v.seq_to_vec() else {
            return Err(Error::type_error("list or vector", v));
        };
        let amp = items.iter().position(is_amp);
        let fixed = amp.unwrap_or(items.len());
        match amp {
            None if vals.len() != fixed => {
                return Err(Error::eval(format!(
                    "destructure: expected {fixed} elements, got {}",
                    vals.len()
                )))
            }
            Some(_) if vals.len() < fixed => {
                return Err(Error::eval(format!(
                    "destructure: expected at least {fixed} elements before `&`, got {}",
                    vals.len()
                )))
            }
            _ => {}
        }
        for (pat, val) in items[..fixed].iter().zip(&vals) {
            sema_core::with_stack(|| destructure(pat, val, out))?;
        }
        if let Some(a) = amp {
            let Some(rest_pat) = items.get(a + 1) else {
                return Err(amp_error(true));
            };
            if items.len() > a + 2 {
                return Err(Error::eval(
                    "destructure: only one pattern allowed after `&`",
                ));
            }
            let rest = Value::list(vals[fixed..].to_vec());
            sema_core::with_stack(|| destructure(rest_pat, &rest, out))?;
        }
        return Ok(());
    }
    if let Some(m) = p.as_map() {
        if v.as_map().is_none() && v.as_hashmap().is_none() {
            return Err(Error::type_error("map or hashmap", v));
        }
        for (k, sub) in &m.entries {
            if is_keys(&k.0) {
                for name in pattern_items(sub) {
                    let Some(s) = name.as_symbol() else {
                        return Err(invalid_pattern(&name));
                    };
                    out.push(map_get(v, &Value::keyword(s)).unwrap_or_default());
                }
            } else {
                let found = map_get(v, &k.0).unwrap_or_default();
                sema_core::with_stack(|| destructure(sub, &found, out))?;
            }
        }
        return Ok(());
    }
    Err(invalid_pattern(p))
}

/// Matches `v` against the `match` pattern `p`, pushing bound values in
/// binding order; `Ok(false)` when it does not match.
pub(crate) fn match_pattern(p: &Value, v: &Value, out: &mut Vec<Value>) -> Result<bool> {
    if let Some(s) = p.as_symbol() {
        if s != sym::UNDERSCORE {
            out.push(v.clone());
        }
        return Ok(true);
    }
    if let Some(items) = p.as_vector() {
        let Some(vals) = v.seq_to_vec() else {
            return Ok(false);
        };
        let amp = items.iter().position(is_amp);
        let fixed = amp.unwrap_or(items.len());
        let ok_len = match amp {
            None => vals.len() == fixed,
            Some(_) => vals.len() >= fixed,
        };
        if !ok_len {
            return Ok(false);
        }
        for (pat, val) in items[..fixed].iter().zip(&vals) {
            if !sema_core::with_stack(|| match_pattern(pat, val, out))? {
                return Ok(false);
            }
        }
        if let Some(a) = amp {
            let Some(rest_pat) = items.get(a + 1) else {
                return Err(amp_error(false));
            };
            let rest = Value::list(vals[fixed..].to_vec());
            return sema_core::with_stack(|| match_pattern(rest_pat, &rest, out));
        }
        return Ok(true);
    }
    if let Some(m) = p.as_map() {
        if v.as_map().is_none() && v.as_hashmap().is_none() {
            return Ok(false);
        }
        for (k, sub) in &m.entries {
            if is_keys(&k.0) {
                for name in pattern_items(sub) {
                    let Some(s) = name.as_symbol() else {
                        return Err(invalid_pattern(&name));
                    };
                    out.push(map_get(v, &Value::keyword(s)).unwrap_or_default());
                }
            } else {
                let Some(found) = map_get(v, &k.0) else {
                    return Ok(false);
                };
                if !sema_core::with_stack(|| match_pattern(sub, &found, out))? {
                    return Ok(false);
                }
            }
        }
        return Ok(true);
    }
    if let Some(c) = p.as_cons() {
        if c.car.as_symbol() == Some(sym::QUOTE) {
            let datum = c.cdr.car().cloned().unwrap_or_default();
            return Ok(equality::equal(&datum, v));
        }
    }
    Ok(equality::equal(p, v))
}

/// Expands `(match EXPR CLAUSE ...)`.
pub(crate) fn expand_match(ex: &mut Expander<'_>, form: &Value, args: &[Value]) -> Result<Core> {
    let _ = form;
    if args.len() < 2 {
        return Err(Error::arity("match", "2+", args.len()));
    }
    let subject = ex.expand(&args[0])?;
    let tmp = hidden("match");
    let mut chain = Core::nil();
    for clause in args[1..].iter().rev() {
        let parts: Vec<Value> = if let Some(v) = clause.as_vector() {
            v.to_vec()
        } else if clause.is_list() {
            clause.list_iter().cloned().collect()
        } else {
            return Err(Error::eval("match: each clause must be a list or vector"));
        };
        let Some(pattern) = parts.first() else {
            return Err(Error::eval("match: clause must not be empty"));
        };
        let guarded = parts.len() >= 3 && parts[1].as_symbol() == Some(sym::WHEN);
        let vars = pattern_vars(pattern, false)?;
        let m = hidden("m");
        let binds = |ex: &Expander<'_>| -> Vec<(Sym, Core)> {
            vars.iter()
                .enumerate()
                .map(|(j, v)| (*v, ex.nth(m, j)))
                .collect()
        };
        let (guard, body_forms) = if guarded {
            (Some(&parts[2]), &parts[3..])
        } else {
            (None, &parts[1..])
        };
        let body = ex.scoped(&vars, |ex| ex.expand_all(body_forms))?;
        let body = if body.is_empty() {
            vec![Core::nil()]
        } else {
            body
        };
        let test = match guard {
            None => Core::var(m, None),
            Some(g) => {
                let g = ex.scoped(&vars, |ex| ex.expand(g))?;
                Core::And(vec![
                    Core::var(m, None),
                    Core::Let(Box::new(Let {
                        bindings: binds(ex),
                        body: vec![g],
                    })),
                ])
            }
        };
        let matched = Core::Let(Box::new(Let {
            bindings: binds(ex),
            body,
        }));
        let attempt = Core::call(
            Core::Const(ex.natives.match_pattern.clone()),
            vec![Core::Const(pattern.clone()), Core::var(tmp, None)],
            None,
            Value::NIL,
        );
        chain = Core::Let(Box::new(Let {
            bindings: vec![(m, attempt)],
            body: vec![Core::if_(test, matched, chain)],
        }));
    }
    Ok(Core::Let(Box::new(Let {
        bindings: vec![(tmp, subject)],
        body: vec![chain],
    })))
}
