//! CSV (spec/stdlib.md §19): `csv/parse`, `csv/parse-maps`, `csv/encode`.
//!
//! RFC 4180 through the `csv` crate: comma separator, `"` quoting, every row
//! the same length (else `:eval` `csv/NAME: CSV error: ...`). Encoded rows end
//! with `\n`, fields are written in display form and quoted only when needed.

use sema_core::{printer, Arity, Ctx, Error, Result, Value};

use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "csv/parse",
        Arity::Exact(1),
        parse,
        "list of rows, each a list of field strings",
    ),
    builtin(
        "csv/parse-maps",
        Arity::Exact(1),
        parse_maps,
        "list of maps from keyword header to field string (first row = headers)",
    ),
    builtin(
        "csv/encode",
        Arity::Exact(1),
        encode,
        "CSV text of a list of rows (lists or vectors); every row ends with \\n",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// A reader over `text` with the crate's RFC 4180 defaults.
fn reader(text: &str, headers: bool) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .has_headers(headers)
        .from_reader(text.as_bytes())
}

fn csv_error(name: &str, e: ::csv::Error) -> Error {
    Error::eval(format!("{name}: {e}"))
}

fn parse(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let mut rows = Vec::new();
    for record in reader(text, false).records() {
        let record = record.map_err(|e| csv_error("csv/parse", e))?;
        rows.push(Value::list_from(record.iter().map(Value::string)));
    }
    Ok(Value::list(rows))
}

fn parse_maps(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let mut rdr = reader(text, true);
    let headers: Vec<Value> = rdr
        .headers()
        .map_err(|e| csv_error("csv/parse-maps", e))?
        .iter()
        .map(Value::kw)
        .collect();
    let mut rows = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error("csv/parse-maps", e))?;
        rows.push(Value::map_from(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, field)| (h.clone(), Value::string(field))),
        ));
    }
    Ok(Value::list(rows))
}

fn encode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    if !args[0].is_list() {
        return Err(Error::type_error("list", &args[0]));
    }
    let mut wtr = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for row in args[0].list_iter() {
        let fields: Vec<String> = match row.seq_to_vec() {
            Some(items) => items.iter().map(printer::display).collect(),
            None => return Err(Error::type_error("list", row)),
        };
        wtr.write_record(&fields)
            .map_err(|e| csv_error("csv/encode", e))?;
    }
    let bytes = wtr
        .into_inner()
        .map_err(|e| Error::eval(format!("csv/encode: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::eval(format!("csv/encode: {e}")))?;
    Ok(Value::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn r(name: &str, args: &[Value]) -> String {
        printer::repr(&call(name, args).unwrap())
    }

    fn list(items: Vec<Value>) -> Value {
        Value::list(items)
    }

    #[test]
    fn parses_rows() {
        assert_eq!(
            r("csv/parse", &[s("a,b\n\"x,y\",2\n")]),
            r#"(("a" "b") ("x,y" "2"))"#
        );
        assert_eq!(r("csv/parse", &[s("")]), "()");
        assert_eq!(
            r("csv/parse", &[s("a,\"q\"\"\"\r\nb,\"l1\nl2\"")]),
            r#"(("a" "q\"") ("b" "l1\nl2"))"#
        );
    }

    #[test]
    fn parse_maps_uses_keyword_headers() {
        assert_eq!(
            r("csv/parse-maps", &[s("k,v\nx,1\ny,2\n")]),
            r#"({:k "x" :v "1"} {:k "y" :v "2"})"#
        );
        assert_eq!(r("csv/parse-maps", &[s("k,v\n")]), "()");
        assert_eq!(r("csv/parse-maps", &[s("")]), "()");
    }

    #[test]
    fn unequal_rows_are_errors() {
        let e = call("csv/parse", &[s("a,b\nc\n")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert!(
            e.message().starts_with("csv/parse: CSV error: "),
            "{}",
            e.message()
        );
        let e = call("csv/parse-maps", &[s("a,b\nc\n")]).unwrap_err();
        assert!(e.message().starts_with("csv/parse-maps: CSV error: "));
        let rows = list(vec![list(vec![s("a"), s("b")]), list(vec![s("c")])]);
        let e = call("csv/encode", &[rows]).unwrap_err();
        assert!(e.message().starts_with("csv/encode: CSV error: "));
    }

    #[test]
    fn encodes_display_forms_with_quoting() {
        let rows = list(vec![
            list(vec![s("name"), s("note")]),
            Value::vector(vec![s("x,y"), s("say \"hi\"")]),
            list(vec![Value::int(1), Value::float(2.0)]),
            list(vec![Value::kw("k"), Value::NIL]),
            list(vec![Value::list(vec![s("a")]), Value::char('c')]),
        ]);
        assert_eq!(
            call("csv/encode", &[rows]).unwrap().as_str().unwrap(),
            "name,note\n\"x,y\",\"say \"\"hi\"\"\"\n1,2.0\n:k,nil\n\"(\"\"a\"\")\",#\\c\n"
        );
        assert_eq!(r("csv/encode", &[Value::EMPTY_LIST]), "\"\"");
        assert_eq!(
            r("csv/encode", &[list(vec![list(vec![s("l1\nl2")])])]),
            r#""\"l1\nl2\"\n""#
        );
    }

    #[test]
    fn encode_type_errors() {
        let e = call("csv/encode", &[Value::vector(vec![])]).unwrap_err();
        assert_eq!(e.message(), "expected list, got vector");
        let e = call("csv/encode", &[list(vec![s("a")])]).unwrap_err();
        assert_eq!(e.message(), "expected list, got string");
        let e = call("csv/parse", &[Value::NIL]).unwrap_err();
        assert_eq!(e.message(), "expected string, got nil");
    }
}
