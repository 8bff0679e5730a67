//! TOML (spec/stdlib.md §20): `toml/decode`, `toml/encode`.
//!
//! Decoding gives sorted maps with keyword keys, arrays as lists and
//! date-times as their TOML text. Encoding requires a map at the top level,
//! converts keys as `json/encode` does, and lets the `toml` crate lay out the
//! document (plain keys first, then `[table]` sections, keys sorted).

use sema_core::{with_stack, Arity, Ctx, Error, Result, Value, View};

use crate::json::text_keyed_entries;
use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "toml/decode",
        Arity::Exact(1),
        decode,
        "parse a TOML document into a map with keyword keys",
    ),
    builtin(
        "toml/encode",
        Arity::Exact(1),
        encode,
        "TOML text of a map (plain keys first, then [table] sections)",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

fn decode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let table: ::toml::Table = text
        .parse()
        .map_err(|e| Error::eval(format!("toml/decode: {e}")))?;
    Ok(table_value(&table))
}

fn table_value(table: &::toml::Table) -> Value {
    Value::map_from(
        table
            .iter()
            .map(|(k, v)| (Value::kw(k), with_stack(|| from_toml(v)))),
    )
}

fn from_toml(v: &::toml::Value) -> Value {
    match v {
        ::toml::Value::String(s) => Value::string(s.as_str()),
        ::toml::Value::Integer(i) => Value::int(*i),
        ::toml::Value::Float(f) => Value::float(*f),
        ::toml::Value::Boolean(b) => Value::bool(*b),
        ::toml::Value::Datetime(d) => Value::string(d.to_string()),
        ::toml::Value::Array(items) => {
            Value::list_from(items.iter().map(|i| with_stack(|| from_toml(i))))
        }
        ::toml::Value::Table(t) => table_value(t),
    }
}

/// Deepest nesting `toml/encode` accepts. Nested tables print as headers
/// naming every enclosing key, so the text grows with the square of the
/// depth, and the `toml` crate's writer recurses on the native stack.
const MAX_ENCODE_DEPTH: usize = 256;

fn encode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    match to_toml(&args[0], 0)? {
        ::toml::Value::Table(table) => ::toml::to_string(&table)
            .map(Value::string)
            .map_err(|e| Error::eval(format!("toml/encode: {e}"))),
        _ => Err(Error::eval("toml/encode: top-level value must be a map")),
    }
}

fn to_toml(v: &Value, depth: usize) -> Result<::toml::Value> {
    if depth > MAX_ENCODE_DEPTH {
        return Err(Error::eval(format!(
            "toml/encode: nesting deeper than {MAX_ENCODE_DEPTH}"
        )));
    }
    Ok(match v.view() {
        View::Nil => return Err(Error::eval("toml/encode: cannot encode nil")),
        View::Bool(b) => ::toml::Value::Boolean(b),
        View::Int(i) => ::toml::Value::Integer(i),
        View::Float(f) => ::toml::Value::Float(f),
        View::String(s) => ::toml::Value::String(s.to_string()),
        View::Keyword(s) | View::Symbol(s) => ::toml::Value::String(s.name().to_string()),
        View::Empty | View::Cons(_) | View::Vector(_) => {
            let items = v.seq_to_vec().unwrap_or_default();
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(with_stack(|| to_toml(item, depth + 1))?);
            }
            ::toml::Value::Array(out)
        }
        View::Map(_) | View::HashMap(_) => {
            let mut table = ::toml::Table::new();
            for (k, item) in text_keyed_entries(v).unwrap_or_default() {
                table.insert(k, with_stack(|| to_toml(item, depth + 1))?);
            }
            ::toml::Value::Table(table)
        }
        _ => {
            return Err(Error::eval(format!(
                "toml/encode: cannot encode {}",
                v.type_name()
            )))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;
    use sema_core::printer;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn enc(v: Value) -> String {
        call("toml/encode", &[v])
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    fn dec(text: &str) -> String {
        printer::repr(&call("toml/decode", &[s(text)]).unwrap())
    }

    #[test]
    fn decodes_documents() {
        assert_eq!(
            dec("title = \"x\"\nn = 3\nf = 1.5\nok = true\nxs = [1, 2]\n[owner]\nname = \"Tom\"\n"),
            r#"{:f 1.5 :n 3 :ok #t :owner {:name "Tom"} :title "x" :xs (1 2)}"#
        );
        assert_eq!(
            dec("d = 1979-05-27T07:32:00Z\nday = 1979-05-27\n"),
            r#"{:d "1979-05-27T07:32:00Z" :day "1979-05-27"}"#
        );
        assert_eq!(dec("[[p]]\na = 1\n[[p]]\na = 2\n"), "{:p ({:a 1} {:a 2})}");
        assert_eq!(dec(""), "{}");
    }

    #[test]
    fn decode_errors() {
        let e = call("toml/decode", &[s("a = \n")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert!(e.message().starts_with("toml/decode: "));
        let e = call("toml/decode", &[Value::int(1)]).unwrap_err();
        assert_eq!(e.type_keyword(), "type-error");
    }

    #[test]
    fn encodes_plain_keys_then_tables() {
        let m = Value::map_from([
            (
                Value::kw("a"),
                Value::map_from([(Value::kw("b"), Value::int(1))]),
            ),
            (Value::kw("c"), Value::int(2)),
        ]);
        assert_eq!(enc(m), "c = 2\n\n[a]\nb = 1\n");
        let m = Value::map_from([
            (s("name"), s("x")),
            (
                Value::kw("xs"),
                Value::vector(vec![Value::int(1), Value::float(2.0)]),
            ),
            (Value::sym("on"), Value::TRUE),
            (Value::int(1), Value::kw("k")),
        ]);
        assert_eq!(
            enc(m),
            "1 = \"k\"\nname = \"x\"\non = true\nxs = [1, 2.0]\n"
        );
        assert_eq!(enc(Value::map_from([])), "");
    }

    #[test]
    fn encode_errors() {
        let e = call("toml/encode", &[Value::int(1)]).unwrap_err();
        assert_eq!(e.message(), "toml/encode: top-level value must be a map");
        let e = call("toml/encode", &[Value::NIL]).unwrap_err();
        assert_eq!(e.message(), "toml/encode: cannot encode nil");
        let m = Value::map_from([(Value::kw("a"), Value::list(vec![Value::NIL]))]);
        let e = call("toml/encode", &[m]).unwrap_err();
        assert_eq!(e.message(), "toml/encode: cannot encode nil");
        let m = Value::map_from([(Value::kw("a"), Value::char('x'))]);
        let e = call("toml/encode", &[m]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert_eq!(e.message(), "toml/encode: cannot encode char");
    }

    #[test]
    fn encode_refuses_very_deep_nesting() {
        let nest = |n: usize| {
            let mut m = Value::map_from([(Value::kw("x"), Value::int(1))]);
            for _ in 0..n {
                m = Value::map_from([(Value::kw("a"), m)]);
            }
            m
        };
        assert!(call("toml/encode", &[nest(100)]).is_ok());
        let e = call("toml/encode", &[nest(100_000)]).unwrap_err();
        assert_eq!(e.message(), "toml/encode: nesting deeper than 256");
    }

    #[test]
    fn round_trip() {
        let text = "n = 1\n\n[t]\nx = \"y\"\n";
        let v = call("toml/decode", &[s(text)]).unwrap();
        assert_eq!(enc(v), text);
    }
}
