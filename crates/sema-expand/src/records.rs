//! `define-record-type` (special-forms.md §12): the constructor, predicate
//! and accessors are native functions made when the form is expanded.

use sema_core::{Arity, Error, Result, Sym, Value};

use crate::core::Core;
use crate::expand::Expander;

fn symbols(v: &Value) -> Option<Vec<Sym>> {
    if !v.is_list() {
        return None;
    }
    v.list_iter().map(Value::as_symbol).collect()
}

/// Expands `(define-record-type TYPE (CTOR FIELD ...) PRED (FIELD ACCESSOR [MODIFIER]) ...)`.
pub(crate) fn define_record_type(ex: &mut Expander<'_>, args: &[Value]) -> Result<Core> {
    if args.len() < 3 {
        return Err(Error::eval(
            "define-record-type: expected a type name, a constructor spec and a predicate name",
        ));
    }
    let Some(type_name) = args[0].as_symbol() else {
        return Err(Error::eval(
            "define-record-type: type name must be a symbol",
        ));
    };
    let Some(ctor) = symbols(&args[1]).filter(|s| !s.is_empty()) else {
        return Err(Error::eval(
            "define-record-type: constructor spec must be a list of symbols",
        ));
    };
    let Some(pred) = args[2].as_symbol() else {
        return Err(Error::eval(
            "define-record-type: predicate name must be a symbol",
        ));
    };
    let (ctor_name, fields) = (ctor[0], ctor[1..].to_vec());
    let mut out = Vec::new();
    let nfields = fields.len();
    out.push(Core::Define(
        ctor_name,
        Box::new(Core::Const(Value::native(
            ctor_name.name(),
            Arity::Exact(nfields as u16),
            move |_, args| Ok(Value::record(type_name, args.to_vec())),
        ))),
    ));
    out.push(Core::Define(
        pred,
        Box::new(Core::Const(Value::native(
            pred.name(),
            Arity::Exact(1),
            move |_, args| {
                Ok(Value::bool(
                    args[0]
                        .as_record()
                        .is_some_and(|r| r.type_name == type_name),
                ))
            },
        ))),
    ));
    ex.bind_local_name(ctor_name);
    ex.bind_local_name(pred);
    for spec in &args[3..] {
        let Some(parts) = symbols(spec).filter(|p| p.len() >= 2) else {
            return Err(Error::eval(
                "define-record-type: field spec must be (field accessor [modifier])",
            ));
        };
        let (field, accessor) = (parts[0], parts[1]);
        let Some(index) = fields.iter().position(|f| *f == field) else {
            return Err(Error::eval(format!(
                "define-record-type: field '{}' not in constructor",
                field.name()
            )));
        };
        ex.bind_local_name(accessor);
        out.push(Core::Define(
            accessor,
            Box::new(Core::Const(Value::native(
                accessor.name(),
                Arity::Exact(1),
                move |_, args| match args[0].as_record() {
                    Some(r) if r.type_name == type_name => {
                        Ok(r.fields.get(index).cloned().unwrap_or_default())
                    }
                    _ => Err(Error::type_error(type_name.name(), &args[0])),
                },
            ))),
        ));
    }
    out.push(Core::nil());
    Ok(Core::Begin(out))
}
