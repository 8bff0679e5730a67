//! JSON (spec/stdlib.md §18): `json/encode`, `json/encode-pretty`, `json/decode`.
//!
//! Encoding is written by hand so that the key order (ascending bytes of the
//! key text, for every map kind) and the float text are exactly the spec's,
//! whatever serde_json features another crate enables. Float digits still come
//! from serde_json's own formatter, which already follows the spec's rules
//! (`3.0`, `1e+16`, `1e-6`, `0.00001`). Nested data is walked under
//! `sema_core::with_stack`, so arbitrarily deep values encode without
//! overflowing the native stack. Decoding uses serde_json, whose nesting limit
//! (128) turns absurdly deep input into an `:eval` error.

use std::fmt::Write;

use sema_core::{printer, with_stack, Arity, Ctx, Error, Result, Value, View};

use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "json/encode",
        Arity::Exact(1),
        encode,
        "compact JSON text of a value",
    ),
    builtin(
        "json/encode-pretty",
        Arity::Exact(1),
        encode_pretty,
        "JSON text indented with 2 spaces",
    ),
    builtin(
        "json/decode",
        Arity::Exact(1),
        decode,
        "parse JSON text: arrays => lists, objects => maps with keyword keys",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

fn encode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    to_json(&args[0], false)
        .map(Value::string)
        .map_err(|e| prefixed("json/encode", e))
}

fn encode_pretty(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    to_json(&args[0], true)
        .map(Value::string)
        .map_err(|e| prefixed("json/encode-pretty", e))
}

/// Wraps an encoding failure as the reference does: `NAME: Eval error: MSG`.
fn prefixed(name: &str, e: Error) -> Error {
    Error::eval(format!("{name}: Eval error: {}", e.message()))
}

/// The JSON text of `v`, compact or pretty.
pub(crate) fn to_json(v: &Value, pretty: bool) -> Result<String> {
    let mut encoder = Encoder {
        out: String::new(),
        pretty,
        depth: 0,
    };
    encoder.value(v)?;
    Ok(encoder.out)
}

/// The text a map key becomes in JSON and TOML: strings as they are,
/// keywords and symbols by name, anything else by repr.
pub(crate) fn key_text(k: &Value) -> String {
    match k.view() {
        View::String(s) => s.to_string(),
        View::Keyword(s) | View::Symbol(s) => s.name().to_string(),
        _ => printer::repr(k),
    }
}

/// The entries of a map or hash map with their key texts, in ascending byte
/// order of the key text. When two keys have the same text, the one later in
/// the value order wins (as inserting them in that order into a text-keyed
/// map would). `None` if `v` is not a map.
pub(crate) fn text_keyed_entries(v: &Value) -> Option<Vec<(String, &Value)>> {
    let mut entries: Vec<(String, &Value)> = match v.view() {
        View::Map(m) => m.entries.iter().map(|(k, v)| (key_text(&k.0), v)).collect(),
        View::HashMap(m) => sema_core::order::sorted_entries(m)
            .into_iter()
            .map(|(k, v)| (key_text(&k), v))
            .collect(),
        _ => return None,
    };
    // Stable: entries with equal text stay in value order; keep the last.
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out: Vec<(String, &Value)> = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        match out.last_mut() {
            Some(last) if last.0 == k => last.1 = v,
            _ => out.push((k, v)),
        }
    }
    Some(out)
}

/// The JSON text of a finite float (None for NaN and infinities).
pub(crate) fn float_text(f: f64) -> Option<String> {
    serde_json::Number::from_f64(f).map(|n| n.to_string())
}

struct Encoder {
    out: String,
    pretty: bool,
    depth: usize,
}

impl Encoder {
    fn value(&mut self, v: &Value) -> Result<()> {
        match v.view() {
            View::Nil => self.out.push_str("null"),
            View::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            View::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            View::Float(f) => match float_text(f) {
                Some(t) => self.out.push_str(&t),
                None => return Err(Error::eval("cannot encode NaN/Infinity as JSON")),
            },
            View::String(s) => write_string(&mut self.out, s),
            View::Keyword(s) | View::Symbol(s) => write_string(&mut self.out, s.name()),
            View::Empty => self.out.push_str("[]"),
            View::Cons(_) => {
                let items: Vec<&Value> = v.list_iter().collect();
                self.array(&items)?;
            }
            View::Vector(items) => {
                let items: Vec<&Value> = items.iter().collect();
                self.array(&items)?;
            }
            View::Map(_) | View::HashMap(_) => {
                let entries = text_keyed_entries(v).unwrap_or_default();
                self.object(&entries)?;
            }
            _ => {
                return Err(Error::eval(format!(
                    "cannot encode {} as JSON",
                    v.type_name()
                )))
            }
        }
        Ok(())
    }

    fn array(&mut self, items: &[&Value]) -> Result<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.out.push('[');
        self.depth += 1;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            with_stack(|| self.value(item))?;
        }
        self.depth -= 1;
        self.newline();
        self.out.push(']');
        Ok(())
    }

    fn object(&mut self, entries: &[(String, &Value)]) -> Result<()> {
        if entries.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        self.out.push('{');
        self.depth += 1;
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            write_string(&mut self.out, k);
            self.out.push(':');
            if self.pretty {
                self.out.push(' ');
            }
            with_stack(|| self.value(v))?;
        }
        self.depth -= 1;
        self.newline();
        self.out.push('}');
        Ok(())
    }

    /// In pretty mode, a line break and the indentation of the current depth.
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
}

/// Appends `s` as a JSON string literal, escaped exactly as serde_json does:
/// `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other controls below U+0020 as
/// `\u00xx`, everything else (DEL and non-ASCII included) as itself.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn decode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::eval(format!("json/decode: {e}")))?;
    Ok(from_json(&parsed))
}

/// Converts parsed JSON to a value. serde_json's nesting limit (128) bounds
/// the recursion.
fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::NIL,
        serde_json::Value::Bool(b) => Value::bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::int(i),
            None => Value::float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::string(s.as_str()),
        serde_json::Value::Array(items) => Value::list_from(items.iter().map(from_json)),
        serde_json::Value::Object(map) => {
            Value::map_from(map.iter().map(|(k, v)| (Value::kw(k), from_json(v))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn enc(v: Value) -> String {
        call("json/encode", &[v])
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    fn dec(text: &str) -> String {
        printer::repr(&call("json/decode", &[s(text)]).unwrap())
    }

    #[test]
    fn encodes_scalars_and_sequences() {
        assert_eq!(enc(Value::NIL), "null");
        assert_eq!(enc(Value::TRUE), "true");
        assert_eq!(enc(Value::int(-42)), "-42");
        assert_eq!(enc(Value::kw("kw")), "\"kw\"");
        assert_eq!(enc(Value::sym("sym")), "\"sym\"");
        assert_eq!(enc(Value::EMPTY_LIST), "[]");
        assert_eq!(enc(Value::vector(vec![])), "[]");
        assert_eq!(
            enc(Value::list(vec![
                Value::int(1),
                Value::list(vec![Value::int(2), Value::int(3)])
            ])),
            "[1,[2,3]]"
        );
    }

    #[test]
    fn float_text_follows_the_spec() {
        let cases = [
            (3.0, "3.0"),
            (100.0, "100.0"),
            (-0.0, "-0.0"),
            (2.5, "2.5"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e20, "1e+20"),
            (1e-6, "1e-6"),
            (0.0001, "0.0001"),
            (0.00001, "0.00001"),
            (123456.789, "123456.789"),
            (9999999999999998.0, "9999999999999998.0"),
            (0.1, "0.1"),
        ];
        for (f, want) in cases {
            assert_eq!(enc(Value::float(f)), want, "{f:e}");
        }
    }

    #[test]
    fn non_finite_floats_and_other_types_fail() {
        let e = call("json/encode", &[Value::float(f64::NAN)]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert_eq!(
            e.message(),
            "json/encode: Eval error: cannot encode NaN/Infinity as JSON"
        );
        let e = call("json/encode", &[Value::list(vec![Value::char('a')])]).unwrap_err();
        assert_eq!(
            e.message(),
            "json/encode: Eval error: cannot encode char as JSON"
        );
        let e = call("json/encode-pretty", &[Value::bytevector(vec![1])]).unwrap_err();
        assert_eq!(
            e.message(),
            "json/encode-pretty: Eval error: cannot encode bytevector as JSON"
        );
    }

    #[test]
    fn strings_escape_like_serde_json() {
        let all: String = (0u32..0x80)
            .filter_map(char::from_u32)
            .chain("é😀\u{2028}".chars())
            .collect();
        assert_eq!(enc(s(&all)), serde_json::to_string(&all).unwrap());
        assert_eq!(
            enc(s("quote\" and \\ and \n")),
            r#""quote\" and \\ and \n""#
        );
    }

    #[test]
    fn object_keys_sorted_by_text() {
        let m = Value::map_from([
            (Value::kw("b"), Value::int(1)),
            (
                Value::kw("a"),
                Value::vector(vec![
                    Value::int(1),
                    Value::float(2.5),
                    s("x"),
                    Value::NIL,
                    Value::TRUE,
                ]),
            ),
            (s("c"), Value::kw("kw")),
        ]);
        assert_eq!(enc(m), r#"{"a":[1,2.5,"x",null,true],"b":1,"c":"kw"}"#);
        // Non-string keys by repr; byte order of the text, not value order.
        let m = Value::map_from([
            (Value::int(10), Value::int(1)),
            (Value::int(9), Value::int(2)),
            (Value::sym("Z"), Value::int(3)),
        ]);
        assert_eq!(enc(m), r#"{"10":1,"9":2,"Z":3}"#);
        // Same key text: the later key in the value order wins.
        let m = Value::map_from([(s("a"), Value::int(1)), (Value::kw("a"), Value::int(2))]);
        assert_eq!(enc(m), r#"{"a":2}"#);
    }

    #[test]
    fn hashmaps_encode_like_maps() {
        let mut h = sema_core::value::HashMapObj::default();
        for (i, k) in ["z", "a", "m"].iter().enumerate() {
            h.insert(Value::kw(k), Value::int(i as i64));
        }
        assert_eq!(enc(Value::hashmap(h)), r#"{"a":1,"m":2,"z":0}"#);
    }

    #[test]
    fn pretty_layout() {
        let m = Value::map_from([
            (Value::kw("a"), Value::int(1)),
            (
                Value::kw("b"),
                Value::vector(vec![Value::int(1), Value::int(2)]),
            ),
            (Value::kw("c"), Value::vector(vec![])),
            (Value::kw("d"), Value::map_from([])),
        ]);
        let out = call("json/encode-pretty", &[m]).unwrap();
        assert_eq!(
            out.as_str().unwrap(),
            "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": [],\n  \"d\": {}\n}"
        );
        let out = call("json/encode-pretty", &[Value::int(5)]).unwrap();
        assert_eq!(out.as_str().unwrap(), "5");
    }

    #[test]
    fn deep_nesting_encodes_without_overflow() {
        let mut v = Value::EMPTY_LIST;
        for _ in 0..100_000 {
            v = Value::list(vec![v]);
        }
        let out = enc(v);
        assert_eq!(out.len(), 200_002);
    }

    #[test]
    fn decodes_documents() {
        assert_eq!(
            dec("{\"b\":1,\"a\":[1,2.0,null,true]}"),
            "{:a (1 2.0 nil #t) :b 1}"
        );
        assert_eq!(dec("  [1, \"two\", 3.0]\n"), r#"(1 "two" 3.0)"#);
        assert_eq!(dec("1e2"), "100.0");
        assert_eq!(dec("1.0"), "1.0");
        assert_eq!(dec("-12"), "-12");
        assert_eq!(dec("9223372036854775807"), "9223372036854775807");
        assert_eq!(dec("9223372036854775808"), "9223372036854775808.0");
        assert_eq!(dec("\"a\\u00e9\\n\""), "\"aé\\n\"");
        assert_eq!(dec("{}"), "{}");
        assert_eq!(dec("[]"), "()");
    }

    #[test]
    fn decode_errors() {
        for bad in ["{bad json}", "[1,2] x", "", "[1,"] {
            let e = call("json/decode", &[s(bad)]).unwrap_err();
            assert_eq!(e.type_keyword(), "eval", "{bad}");
            assert!(e.message().starts_with("json/decode: "), "{}", e.message());
        }
        let e = call("json/decode", &[s("[1,2] x")]).unwrap_err();
        assert_eq!(
            e.message(),
            "json/decode: trailing characters at line 1 column 7"
        );
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = call("json/decode", &[s(&deep)]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        let e = call("json/decode", &[Value::int(1)]).unwrap_err();
        assert_eq!(e.type_keyword(), "type-error");
    }

    #[test]
    fn round_trip() {
        let text = r#"{"ok":true,"users":[{"id":1,"tags":["a","b"]},{"id":2,"tags":[]}]}"#;
        let v = call("json/decode", &[s(text)]).unwrap();
        assert_eq!(enc(v), text);
    }
}
