//! Short lambdas `#(...)` (reader.md §5.7): the body list is walked through
//! lists and vectors (not maps, not lists headed by `lambda` or `fn`),
//! `%` becomes `%1`, the largest `%N` gives the arity, and the result is
//! `(lambda (%1 ... %M) body)`.
//!
//! The walk keeps its own stack, so deeply nested bodies cannot overflow the
//! native stack. Rebuilt lists keep the position of the list they replace.

use sema_core::{sym, Pos, Sym, Value};

use crate::fail::Fail;
use crate::parser::list_at;

/// The largest `%N` a short lambda may use. The parameter list holds one
/// interned symbol per slot up to the largest N, so an unbounded N would let
/// a few bytes of input (`#(%999999999)`) allocate without limit.
pub(crate) const MAX_PARAMS: u64 = 255;

/// A container being rebuilt: the remaining children and the rebuilt ones.
enum Walk {
    List {
        pos: Pos,
        rest: Value,
        done: Vec<Value>,
    },
    Vector {
        src: Value,
        next: usize,
        done: Vec<Value>,
    },
}

/// What `%N` the walk found: the largest N, or the text of one too large.
struct Params {
    max: u64,
    too_large: Option<String>,
}

impl Params {
    fn record(&mut self, name: &str) {
        let Some(digits) = name.strip_prefix('%') else {
            return;
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        match digits.parse::<u64>() {
            Ok(n) if n <= MAX_PARAMS => self.max = self.max.max(n),
            _ => {
                if self.too_large.is_none() {
                    self.too_large = Some(name.to_string());
                }
            }
        }
    }
}

/// Builds `(lambda (%1 ... %M) body')` from the collected body list; `pos`
/// is the position of `#(`.
pub(crate) fn build(body: Value, pos: Pos) -> Result<Value, Fail> {
    let mut params = Params {
        max: 0,
        too_large: None,
    };
    let body = rewrite(&body, &mut params);
    if let Some(name) = params.too_large {
        return Err(Fail::new(
            format!("short lambda placeholder {name} exceeds the maximum of %{MAX_PARAMS}"),
            pos.line,
            pos.col,
        )
        .with_hint("use a `lambda` with named parameters instead"));
    }
    let names: Vec<Value> = (1..=params.max)
        .map(|n| Value::symbol(Sym::intern(&format!("%{n}"))))
        .collect();
    Ok(list_at(
        vec![Value::symbol(sym::LAMBDA), list_at(names, pos), body],
        pos,
    ))
}

/// True for a list whose head is the symbol `lambda` or `fn`.
fn is_lambda_form(v: &Value) -> bool {
    v.car()
        .and_then(Value::as_symbol)
        .is_some_and(|s| s == sym::LAMBDA || s == sym::FN)
}

/// Rewrites one value: a leaf is returned at once; a list or vector to walk
/// is pushed on `stack` and `None` returned.
fn visit(v: &Value, stack: &mut Vec<Walk>, params: &mut Params) -> Option<Value> {
    if let Some(s) = v.as_symbol() {
        if s == sym::PERCENT {
            params.max = params.max.max(1);
            return Some(Value::sym("%1"));
        }
        params.record(s.name());
        return Some(v.clone());
    }
    if v.is_pair() && !is_lambda_form(v) {
        stack.push(Walk::List {
            pos: v.pos(),
            rest: v.clone(),
            done: Vec::new(),
        });
        return None;
    }
    if v.as_vector().is_some() {
        stack.push(Walk::Vector {
            src: v.clone(),
            next: 0,
            done: Vec::new(),
        });
        return None;
    }
    Some(v.clone())
}

fn rewrite(root: &Value, params: &mut Params) -> Value {
    let mut stack = Vec::new();
    let mut finished = visit(root, &mut stack, params);
    loop {
        if let Some(v) = finished.take() {
            match stack.last_mut() {
                None => return v,
                Some(Walk::List { done, .. } | Walk::Vector { done, .. }) => done.push(v),
            }
        }
        let child = match stack.last_mut() {
            None => return Value::NIL,
            Some(Walk::List { rest, .. }) => match rest.as_cons() {
                Some(c) => {
                    let (car, cdr) = (c.car.clone(), c.cdr.clone());
                    *rest = cdr;
                    Some(car)
                }
                None => None,
            },
            Some(Walk::Vector { src, next, .. }) => {
                let item = src.as_vector().and_then(|xs| xs.get(*next)).cloned();
                *next += 1;
                item
            }
        };
        finished = match child {
            Some(c) => visit(&c, &mut stack, params),
            None => match stack.pop() {
                Some(Walk::List { pos, done, .. }) => Some(list_at(done, pos)),
                Some(Walk::Vector { done, .. }) => Some(Value::vector(done)),
                None => None,
            },
        };
    }
}
