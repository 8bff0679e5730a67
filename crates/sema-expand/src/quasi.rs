//! Quasiquote (special-forms.md §10): `,E` is evaluated, `,@E` splices a list
//! into a list, vectors substitute but never splice, maps are copied as is,
//! there are no nesting levels, and `foo#` symbols become fresh symbols, the
//! same within one evaluation of the quasiquote form.

use sema_core::{sym, Error, Result, Sym, Value};

use crate::core::{Core, Let};
use crate::expand::{hidden, Expander};

/// True for an auto-gensym name: longer than one char, ending in one `#`.
fn auto_gensym_prefix(s: Sym) -> Option<&'static str> {
    let name = s.name();
    (name.len() > 1 && name.ends_with('#') && !name.ends_with("##"))
        .then(|| &name[..name.len() - 1])
}

struct Quasi<'a, 'h> {
    ex: &'a mut Expander<'h>,
    /// (auto-gensym symbol, variable holding its fresh symbol)
    gensyms: Vec<(Sym, Sym)>,
}

/// Expands the template of `(quasiquote TEMPLATE)`.
pub(crate) fn expand_quasiquote(ex: &mut Expander<'_>, template: &Value) -> Result<Core> {
    let mut q = Quasi {
        ex,
        gensyms: Vec::new(),
    };
    let body = q.walk(template)?;
    if q.gensyms.is_empty() {
        return Ok(body);
    }
    let bindings = q
        .gensyms
        .iter()
        .map(|(s, var)| {
            let prefix = auto_gensym_prefix(*s).unwrap_or("g");
            (
                *var,
                Core::call(
                    Core::Const(q.ex.natives.gensym.clone()),
                    vec![Core::Const(Value::string(prefix))],
                    None,
                    Value::NIL,
                ),
            )
        })
        .collect();
    Ok(Core::Let(Box::new(Let {
        bindings,
        body: vec![body],
    })))
}

fn unquoted(v: &Value, which: Sym) -> Option<&Value> {
    let c = v.as_cons()?;
    (c.car.as_symbol() == Some(which)).then_some(&c.cdr)
}

impl Quasi<'_, '_> {
    fn walk(&mut self, t: &Value) -> Result<Core> {
        sema_core::with_stack(|| self.walk_inner(t))
    }

    fn walk_inner(&mut self, t: &Value) -> Result<Core> {
        if let Some(s) = t.as_symbol() {
            if auto_gensym_prefix(s).is_some() {
                let var = match self.gensyms.iter().find(|(g, _)| *g == s) {
                    Some((_, v)) => *v,
                    None => {
                        let v = hidden("qq");
                        self.gensyms.push((s, v));
                        v
                    }
                };
                return Ok(Core::var(var, None));
            }
            return Ok(Core::Const(t.clone()));
        }
        if let Some(items) = t.as_vector() {
            let parts: Vec<Core> = items.iter().map(|x| self.walk(x)).collect::<Result<_>>()?;
            if let Some(consts) = all_const(&parts) {
                return Ok(Core::Const(Value::vector(consts)));
            }
            return Ok(Core::call(
                Core::Const(self.ex.natives.vector.clone()),
                parts,
                None,
                Value::NIL,
            ));
        }
        if t.as_cons().is_none() {
            return Ok(Core::Const(t.clone()));
        }
        if let Some(rest) = unquoted(t, sym::UNQUOTE) {
            let args: Vec<Value> = rest.list_iter().cloned().collect();
            if args.len() != 1 {
                return Err(Error::arity("unquote", "1", args.len()));
            }
            return self.ex.expand(&args[0]);
        }
        // A list: runs of ordinary elements become `list` calls, spliced
        // elements are appended between them.
        let mut segments: Vec<Core> = Vec::new();
        let mut run: Vec<Core> = Vec::new();
        let mut spliced = false;
        for item in t.list_iter() {
            if let Some(rest) = unquoted(item, sym::UNQUOTE_SPLICING) {
                let args: Vec<Value> = rest.list_iter().cloned().collect();
                if args.len() != 1 {
                    return Err(Error::arity("unquote-splicing", "1", args.len()));
                }
                spliced = true;
                if !run.is_empty() {
                    segments.push(self.list_of(std::mem::take(&mut run)));
                }
                segments.push(self.ex.expand(&args[0])?);
            } else {
                run.push(self.walk(item)?);
            }
        }
        if !spliced {
            if let Some(consts) = all_const(&run) {
                return Ok(Core::Const(Value::list(consts)));
            }
            return Ok(self.list_of(run));
        }
        if !run.is_empty() {
            segments.push(self.list_of(run));
        }
        // The last segment becomes the shared tail; make sure it is checked too.
        segments.push(Core::Const(Value::EMPTY_LIST));
        Ok(Core::call(
            Core::Const(self.ex.natives.qq_append.clone()),
            segments,
            None,
            Value::NIL,
        ))
    }

    fn list_of(&self, items: Vec<Core>) -> Core {
        if let Some(consts) = all_const(&items) {
            return Core::Const(Value::list(consts));
        }
        Core::call(
            Core::Const(self.ex.natives.list.clone()),
            items,
            None,
            Value::NIL,
        )
    }
}

fn all_const(parts: &[Core]) -> Option<Vec<Value>> {
    parts
        .iter()
        .map(|p| match p {
            Core::Const(v) => Some(v.clone()),
            _ => None,
        })
        .collect()
}
