//! Vectors (spec/stdlib.md §7): `vector`, `list->vector`, `vector->list`.
//! The list functions of §6 accept vectors too (see `list.rs` and `hof.rs`).

use sema_core::Arity::{AtLeast, Exact};
use sema_core::{Ctx, Error, Result, Value};

use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin("vector", AtLeast(0), vector, "vector of the arguments"),
    builtin(
        "list->vector",
        Exact(1),
        list_to_vector,
        "vector with the elements of a list",
    ),
    builtin(
        "vector->list",
        Exact(1),
        vector_to_list,
        "list with the elements of a vector",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// `(vector v ...)`: a vector of the arguments.
fn vector(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    Ok(Value::vector(args.iter_mut().map(std::mem::take).collect()))
}

/// `(list->vector list)`: only a list is accepted (a vector is a type error).
fn list_to_vector(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let v = &args[0];
    if !v.is_list() {
        return Err(Error::type_error("list", v));
    }
    Ok(Value::vector(v.list_iter().cloned().collect()))
}

/// `(vector->list vector)`: only a vector is accepted.
fn vector_to_list(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let items = args[0]
        .as_vector()
        .ok_or_else(|| Error::type_error("vector", &args[0]))?;
    Ok(Value::list(items.to_vec()))
}

#[cfg(test)]
mod tests {
    use crate::testing::call;
    use sema_core::{ErrorKind, Value};

    fn ints(xs: &[i64]) -> Vec<Value> {
        xs.iter().map(|&i| Value::int(i)).collect()
    }

    #[test]
    fn vector_builds_from_arguments() {
        assert_eq!(
            format!("{:?}", call("vector", &ints(&[1, 2, 3])).unwrap()),
            "[1 2 3]"
        );
        assert_eq!(format!("{:?}", call("vector", &[]).unwrap()), "[]");
    }

    #[test]
    fn list_vector_round_trip() {
        let l = Value::list(ints(&[1, 2]));
        let v = call("list->vector", &[l]).unwrap();
        assert_eq!(format!("{v:?}"), "[1 2]");
        assert_eq!(
            format!("{:?}", call("vector->list", &[v]).unwrap()),
            "(1 2)"
        );
        assert_eq!(
            format!("{:?}", call("list->vector", &[Value::EMPTY_LIST]).unwrap()),
            "[]"
        );
        assert_eq!(
            format!(
                "{:?}",
                call("vector->list", &[Value::vector(vec![])]).unwrap()
            ),
            "()"
        );
    }

    #[test]
    fn conversions_reject_the_other_kind() {
        let e = call("list->vector", &[Value::vector(ints(&[1]))]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Type { .. }));
        assert_eq!(e.message(), "expected list, got vector");
        let e = call("vector->list", &[Value::list(ints(&[1]))]).unwrap_err();
        assert_eq!(e.message(), "expected vector, got list");
        let e = call("vector->list", &[Value::NIL]).unwrap_err();
        assert_eq!(e.message(), "expected vector, got nil");
    }

    #[test]
    fn arity_is_checked() {
        let e = call("vector->list", &[]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Arity));
    }
}
