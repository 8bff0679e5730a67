//! Unit tests of the list builtins (§6.1, §6.3–§6.5), plus small helpers the
//! higher-order tests share: a tiny data reader and result formatting.

use sema_core::{ErrorKind, Value};

use crate::testing::call;

/// Reads one datum of a small subset of Sema's syntax (ints, floats,
/// strings, `#t`/`#f`, `nil`, keywords, symbols, lists, vectors, maps), so
/// that tests can write their data as text. The real reader lives elsewhere.
pub(crate) fn v(src: &str) -> Value {
    let tokens = tokenize(src);
    let mut pos = 0;
    let value = parse(&tokens, &mut pos);
    assert_eq!(pos, tokens.len(), "trailing input in {src:?}");
    value
}

fn tokenize(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if "()[]{}'".contains(c) {
            out.push(c.to_string());
            chars.next();
        } else if c == '"' {
            let mut s = String::from('"');
            chars.next();
            for d in chars.by_ref() {
                if d == '"' {
                    break;
                }
                s.push(d);
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_whitespace() || "()[]{}\"".contains(d) {
                    break;
                }
                s.push(d);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

fn parse(tokens: &[String], pos: &mut usize) -> Value {
    let tok = tokens[*pos].as_str();
    *pos += 1;
    let items_until = |close: &str, pos: &mut usize| {
        let mut items = Vec::new();
        while tokens[*pos] != close {
            items.push(parse(tokens, pos));
        }
        *pos += 1;
        items
    };
    match tok {
        "(" => Value::list(items_until(")", pos)),
        "[" => Value::vector(items_until("]", pos)),
        "{" => {
            let items = items_until("}", pos);
            Value::map_from(items.chunks(2).map(|p| (p[0].clone(), p[1].clone())))
        }
        "'" => parse(tokens, pos),
        "#t" => Value::TRUE,
        "#f" => Value::FALSE,
        "nil" => Value::NIL,
        _ if tok.starts_with('"') => Value::string(&tok[1..]),
        _ if tok.starts_with(':') => Value::kw(&tok[1..]),
        _ => {
            if let Ok(i) = tok.parse::<i64>() {
                Value::int(i)
            } else if let Ok(f) = tok.parse::<f64>() {
                Value::float(f)
            } else {
                Value::sym(tok)
            }
        }
    }
}

/// Calls builtin `name` on the data read from `args`; the repr of the result.
pub(crate) fn run(name: &str, args: &[&str]) -> String {
    let values: Vec<Value> = args.iter().map(|a| v(a)).collect();
    match call(name, &values) {
        Ok(r) => format!("{r:?}"),
        Err(e) => panic!("({name} {args:?}) failed: {}", e.message()),
    }
}

/// Calls builtin `name` with values; the repr of the result.
pub(crate) fn run_values(name: &str, args: &[Value]) -> String {
    match call(name, args) {
        Ok(r) => format!("{r:?}"),
        Err(e) => panic!("({name} ...) failed: {}", e.message()),
    }
}

/// The error kind (as its `:type` keyword) and message of a failing call.
pub(crate) fn fail(name: &str, args: &[&str]) -> (String, String) {
    let values: Vec<Value> = args.iter().map(|a| v(a)).collect();
    fail_values(name, &values)
}

/// Like [`fail`], with values.
pub(crate) fn fail_values(name: &str, args: &[Value]) -> (String, String) {
    match call(name, args) {
        Ok(r) => panic!("({name} ...) returned {r:?}, expected an error"),
        Err(e) => {
            let kind = match e.kind() {
                ErrorKind::Type { .. } => "type-error",
                ErrorKind::Eval => "eval",
                ErrorKind::Arity => "arity",
                _ => "other",
            };
            (kind.to_string(), e.message().to_string())
        }
    }
}

fn err(kind: &str, msg: &str) -> (String, String) {
    (kind.to_string(), msg.to_string())
}

#[test]
fn list_and_cons() {
    assert_eq!(run("list", &["1", "2", "3"]), "(1 2 3)");
    assert_eq!(run("list", &[]), "()");
    assert_eq!(run("cons", &["0", "(1 2)"]), "(0 1 2)");
    assert_eq!(run("cons", &["1", "()"]), "(1)");
    assert_eq!(run("cons", &["1", "nil"]), "(1)");
    assert_eq!(run("cons", &["1", "2"]), "(1 2)");
    assert_eq!(run("cons", &["1", "[2 3]"]), "(1 [2 3])");
    assert_eq!(run("cons", &["(a)", "(b)"]), "((a) b)");
}

#[test]
fn car_and_cdr_on_lists_and_vectors() {
    assert_eq!(run("car", &["(1 2 3)"]), "1");
    assert_eq!(run("first", &["[10 20]"]), "10");
    assert_eq!(run("car", &["()"]), "nil");
    assert_eq!(run("car", &["[]"]), "nil");
    assert_eq!(run("cdr", &["(1 2 3)"]), "(2 3)");
    assert_eq!(run("rest", &["[1 2 3]"]), "[2 3]");
    assert_eq!(run("cdr", &["[1]"]), "[]");
    assert_eq!(run("cdr", &["[]"]), "[]");
    assert_eq!(run("cdr", &["(1)"]), "()");
    assert_eq!(run("cdr", &["()"]), "()");
    let expected = err("type-error", "expected list or vector, got nil");
    assert_eq!(fail("car", &["nil"]), expected);
    assert_eq!(fail("cdr", &["nil"]), expected);
    assert_eq!(
        fail("car", &["5"]),
        err("type-error", "expected list or vector, got int")
    );
}

#[test]
fn cdr_shares_the_tail() {
    let l = v("(1 2 3)");
    let r = call("cdr", std::slice::from_ref(&l)).unwrap();
    assert_eq!(r.identity(), l.cdr().unwrap().identity());
}

#[test]
fn cxr_compositions() {
    let t = "((1 2) (3 4) (5 6))";
    assert_eq!(run("caar", &[t]), "1");
    assert_eq!(run("cadr", &[t]), "(3 4)");
    assert_eq!(run("cdar", &[t]), "(2)");
    assert_eq!(run("cddr", &[t]), "((5 6))");
    assert_eq!(run("caddr", &[t]), "(5 6)");
    assert_eq!(run("cdddr", &[t]), "()");
    assert_eq!(run("caadr", &[t]), "3");
    assert_eq!(run("cadar", &[t]), "2");
    assert_eq!(run("caddr", &["(1 2 3 4)"]), "3");
    assert_eq!(run("cdadr", &["(1 (2 3 4))"]), "(3 4)");
    assert_eq!(run("caaar", &["(((7)))"]), "7");
    assert_eq!(run("cdaar", &["(((7 8)))"]), "(8)");
    assert_eq!(run("cddar", &["((1 2 3))"]), "(3)");
    assert_eq!(run("cadr", &["(1)"]), "nil");
    assert_eq!(run("cadr", &["[1 2]"]), "2");
    assert_eq!(fail("caar", &["(1 2)"]).0, "type-error");
}

#[test]
fn nth_and_last() {
    assert_eq!(run("nth", &["(a b c)", "0"]), "a");
    assert_eq!(run("nth", &["[a b c]", "2"]), "c");
    assert_eq!(
        fail("nth", &["(1 2)", "2"]),
        err("eval", "index 2 out of bounds (length 2)")
    );
    assert_eq!(
        fail("nth", &["(1 2 3)", "-1"]),
        err(
            "eval",
            "index 18446744073709551615 out of bounds (length 3)"
        )
    );
    assert_eq!(fail("nth", &["(1 2)", "1.0"]).0, "type-error");
    assert_eq!(
        fail("nth", &["\"abc\"", "0"]),
        err("type-error", "expected list or vector, got string in nth")
    );
    assert_eq!(run("last", &["(1 2 3)"]), "3");
    assert_eq!(run("last", &["[1]"]), "1");
    assert_eq!(run("last", &["()"]), "nil");
}

#[test]
fn length_of_every_collection() {
    assert_eq!(run("length", &["(1 2 3)"]), "3");
    assert_eq!(run("length", &["()"]), "0");
    assert_eq!(run("length", &["[1 2]"]), "2");
    assert_eq!(run("length", &["\"héllo\""]), "5");
    assert_eq!(run("length", &["{:a 1 :b 2}"]), "2");
    assert_eq!(
        run_values("length", &[Value::bytevector(vec![1, 2, 3])]),
        "3"
    );
    assert_eq!(
        fail("length", &["nil"]),
        err(
            "type-error",
            "expected list, vector, string, map, or bytevector, got nil"
        )
    );
    assert_eq!(fail("length", &["1"]).0, "type-error");
}

#[test]
fn append_copies_all_but_the_last() {
    assert_eq!(
        run("append", &["(1 2)", "(3)", "()", "(4 5)"]),
        "(1 2 3 4 5)"
    );
    assert_eq!(run("append", &[]), "()");
    assert_eq!(run("append", &["(1)"]), "(1)");
    assert_eq!(run("append", &["[1 2]", "[3]"]), "(1 2 3)");
    assert_eq!(run("append", &["(1)", "((2))"]), "(1 (2))");
    let tail = v("(3 4)");
    let r = call("append", &[v("(1 2)"), tail.clone()]).unwrap();
    assert_eq!(r.cdr().unwrap().cdr().unwrap().identity(), tail.identity());
    assert_eq!(
        fail("append", &["(1)", "2"]),
        err("type-error", "expected list or vector, got int in append")
    );
    assert_eq!(fail("append", &["2", "(1)"]).0, "type-error");
}

#[test]
fn reverse_keeps_vectors() {
    assert_eq!(run("reverse", &["(1 2 3)"]), "(3 2 1)");
    assert_eq!(run("reverse", &["((1 2) 3)"]), "(3 (1 2))");
    assert_eq!(run("reverse", &["()"]), "()");
    assert_eq!(run("reverse", &["[1 2 3]"]), "[3 2 1]");
    assert_eq!(fail("reverse", &["\"abc\""]).0, "type-error");
}

#[test]
fn range_forms() {
    assert_eq!(run("range", &["5"]), "(0 1 2 3 4)");
    assert_eq!(run("range", &["2", "6"]), "(2 3 4 5)");
    assert_eq!(run("range", &["0", "20", "5"]), "(0 5 10 15)");
    assert_eq!(run("range", &["10", "0", "-2"]), "(10 8 6 4 2)");
    assert_eq!(run("range", &["5", "1"]), "()");
    assert_eq!(run("range", &["0"]), "()");
    assert_eq!(run("range", &["-3"]), "()");
    assert_eq!(run("range", &["0", "10", "3"]), "(0 3 6 9)");
    assert_eq!(
        run("range", &["9223372036854775805", "9223372036854775807"]),
        "(9223372036854775805 9223372036854775806)"
    );
    assert_eq!(
        fail("range", &["0", "5", "0"]),
        err("eval", "range: step cannot be 0")
    );
    assert_eq!(fail("range", &["1.5"]).0, "type-error");
    assert_eq!(fail("range", &["0", "1000000000000000000"]).0, "eval");
    assert_eq!(
        fail("range", &["-9223372036854775808", "9223372036854775807"]).0,
        "eval"
    );
}

#[test]
fn iota_forms() {
    assert_eq!(run("iota", &["4"]), "(0 1 2 3)");
    assert_eq!(run("iota", &["3", "5"]), "(5 6 7)");
    assert_eq!(run("iota", &["3", "0", "10"]), "(0 10 20)");
    assert_eq!(run("iota", &["3", "1", "2"]), "(1 3 5)");
    assert_eq!(run("iota", &["0"]), "()");
    assert_eq!(run("iota", &["-2"]), "()");
    assert_eq!(run("iota", &["3", "0", "0.5"]), "(0.0 0.5 1.0)");
    assert_eq!(fail("iota", &["1000000000000"]).0, "eval");
}

#[test]
fn make_list_and_repeat() {
    assert_eq!(run("make-list", &["3", "x"]), "(x x x)");
    assert_eq!(run("list/repeat", &["3", "z"]), "(z z z)");
    assert_eq!(run("make-list", &["0", "x"]), "()");
    assert_eq!(
        fail("make-list", &["-1", "x"]),
        err("eval", "make-list: expected a non-negative integer, got -1")
    );
    assert_eq!(fail("list/repeat", &["-1", "x"]).0, "eval");
    assert_eq!(fail("make-list", &["100000000000", "0"]).0, "eval");
    assert_eq!(fail("make-list", &["x", "0"]).0, "type-error");
}

#[test]
fn list_times_and_pad() {
    let square = Value::native("sq", sema_core::Arity::Exact(1), |_, a| {
        let i = a[0].as_int().unwrap_or(0);
        Ok(Value::int(i * i))
    });
    assert_eq!(
        run_values("list/times", &[Value::int(4), square.clone()]),
        "(0 1 4 9)"
    );
    assert_eq!(
        run_values("list/times", &[Value::int(0), square.clone()]),
        "()"
    );
    assert_eq!(
        fail_values("list/times", &[Value::int(-1), square]).0,
        "eval"
    );
    assert_eq!(run("list/pad", &["(1 2)", "4", "0"]), "(1 2 0 0)");
    assert_eq!(run("list/pad", &["[1 2 3]", "2", "0"]), "(1 2 3)");
    assert_eq!(fail("list/pad", &["(1)", "-1", "0"]).0, "eval");
    assert_eq!(fail("list/pad", &["(1)", "100000000000", "0"]).0, "eval");
}

#[test]
fn take_drop_split_with_negative_counts() {
    assert_eq!(run("take", &["2", "(1 2 3 4)"]), "(1 2)");
    assert_eq!(run("take", &["0", "(1 2)"]), "()");
    assert_eq!(run("take", &["10", "(1 2)"]), "(1 2)");
    assert_eq!(run("take", &["2", "[1 2 3]"]), "(1 2)");
    assert_eq!(run("take", &["-1", "(1 2 3)"]), "(1 2 3)");
    assert_eq!(run("take", &["-1", "[1 2 3]"]), "(1 2 3)");
    assert_eq!(run("drop", &["2", "(1 2 3 4)"]), "(3 4)");
    assert_eq!(run("drop", &["10", "(1 2)"]), "()");
    assert_eq!(run("drop", &["1", "[1 2 3]"]), "(2 3)");
    assert_eq!(run("drop", &["-1", "(1 2 3)"]), "()");
    assert_eq!(run("list/split-at", &["(1 2 3 4)", "1"]), "((1) (2 3 4))");
    assert_eq!(run("list/split-at", &["[1 2]", "5"]), "((1 2) ())");
    assert_eq!(run("list/split-at", &["(1 2)", "-1"]), "((1 2) ())");
    let l = v("(1 2 3)");
    let r = call("drop", &[Value::int(1), l.clone()]).unwrap();
    assert_eq!(r.identity(), l.cdr().unwrap().identity());
    assert_eq!(fail("take", &["x", "(1)"]).0, "type-error");
    assert_eq!(
        fail("drop", &["1", "5"]),
        err("type-error", "expected list or vector, got int in drop")
    );
}

#[test]
fn chunk_sliding_page() {
    assert_eq!(
        run("list/chunk", &["3", "(1 2 3 4 5 6 7)"]),
        "((1 2 3) (4 5 6) (7))"
    );
    assert_eq!(run("list/chunk", &["2", "()"]), "()");
    assert_eq!(run("list/chunk", &["-1", "[1 2 3]"]), "((1 2 3))");
    assert_eq!(
        fail("list/chunk", &["0", "(1)"]),
        err("eval", "list/chunk: chunk size must be positive")
    );
    assert_eq!(
        run("list/sliding", &["(:a :b :c :d :e)", "2", "2"]),
        "((:a :b) (:c :d))"
    );
    assert_eq!(run("list/sliding", &["(1 2 3)", "2"]), "((1 2) (2 3))");
    assert_eq!(run("list/sliding", &["(1 2)", "3"]), "()");
    assert_eq!(run("list/sliding", &["(1 2)", "-1"]), "()");
    assert_eq!(run("list/sliding", &["(1 2 3)", "2", "-1"]), "((1 2))");
    assert_eq!(
        fail("list/sliding", &["(1 2)", "0"]),
        err("eval", "list/sliding: size must be positive")
    );
    assert_eq!(
        fail("list/sliding", &["(1 2)", "1", "0"]),
        err("eval", "list/sliding: step must be positive")
    );
    assert_eq!(run("list/page", &["(1 2 3 4 5)", "1", "2"]), "(1 2)");
    assert_eq!(run("list/page", &["(1 2 3 4 5)", "3", "2"]), "(5)");
    assert_eq!(run("list/page", &["(1 2 3 4 5)", "4", "2"]), "()");
    assert_eq!(run("list/page", &["[1 2 3]", "1", "-1"]), "(1 2 3)");
    assert_eq!(
        fail("list/page", &["(1 2)", "0", "2"]),
        err("eval", "list/page: page must be >= 1")
    );
}

#[test]
fn flatten_one_level_and_deep() {
    assert_eq!(run("flatten", &["(1 (2 (3)) 4)"]), "(1 2 (3) 4)");
    assert_eq!(run("flatten", &["[[1 [2]] 3]"]), "(1 [2] 3)");
    assert_eq!(run("flatten-deep", &["(1 (2 (3 (4))))"]), "(1 2 3 4)");
    assert_eq!(run("flatten-deep", &["[1 [2 (3)] ()]"]), "(1 2 3)");
    assert_eq!(run("flatten-deep", &["5"]), "(5)");
    assert_eq!(run("flatten-deep", &["nil"]), "(nil)");
    assert_eq!(fail("flatten", &["5"]).0, "type-error");
    let mut deep = Value::list(vec![Value::int(1)]);
    for _ in 0..100_000 {
        deep = Value::list(vec![deep]);
    }
    assert_eq!(run_values("flatten-deep", &[deep]), "(1)");
}

#[test]
fn zip_interleave_interpose_cross_join() {
    assert_eq!(run("zip", &["(1 2 3)", "(a b c)"]), "((1 a) (2 b) (3 c))");
    assert_eq!(run("zip", &["(1 2)", "[x]"]), "((1 x))");
    assert_eq!(
        run("zip", &["(1 2)", "(a b)", "(#t #f)"]),
        "((1 a #t) (2 b #f))"
    );
    assert_eq!(fail("zip", &["(1)"]).0, "arity");
    assert_eq!(run("list/interleave", &["(1 2 3)", "[a b]"]), "(1 a 2 b)");
    assert_eq!(run("interpose", &["-", "(a b c)"]), "(a - b - c)");
    assert_eq!(run("interpose", &["-", "()"]), "()");
    assert_eq!(
        run("list/cross-join", &["(1 2)", "[a b]"]),
        "((1 a) (1 b) (2 a) (2 b))"
    );
}

#[test]
fn member_and_index_of() {
    assert_eq!(run("member", &["3", "(1 2 3 4)"]), "(3 4)");
    assert_eq!(run("member", &["9", "(1 2 3)"]), "#f");
    assert_eq!(run("member", &["(1)", "((0) (1) (2))"]), "((1) (2))");
    assert_eq!(run("member", &["2", "[1 2 3]"]), "(2 3)");
    assert_eq!(run("member", &["1.0", "(1 2)"]), "#f");
    assert_eq!(run("list/index-of", &["(a b c)", "c"]), "2");
    assert_eq!(run("list/index-of", &["[a b c]", "z"]), "nil");
}

#[test]
fn set_like_operations_use_the_value_order() {
    assert_eq!(run("list/unique", &["(1 2 1 3 2 4)"]), "(1 2 3 4)");
    assert_eq!(run("list/unique", &["(1 1.0 1 2.0 2)"]), "(1 1.0 2.0 2)");
    assert_eq!(
        run("list/unique", &["({:a 1} {:b 2} {:a 1})"]),
        "({:a 1} {:b 2})"
    );
    assert_eq!(run("list/dedupe", &["(1 1 2 1 1)"]), "(1 2 1)");
    assert_eq!(run("list/dedupe", &["[1 1 2 2 1]"]), "(1 2 1)");
    assert_eq!(run("list/duplicates", &["(3 1 3 2 1 1)"]), "(1 3)");
    assert_eq!(run("list/diff", &["(1 2 3 2 4)", "(2 4)"]), "(1 3)");
    assert_eq!(run("list/intersect", &["(1 2 3 2)", "[2 3]"]), "(2 3 2)");
    assert_eq!(run("frequencies", &["(x y x z x)"]), "{x 3 y 1 z 1}");
    assert_eq!(run("frequencies", &["[]"]), "{}");
    assert_eq!(
        fail("frequencies", &["\"abc\""]),
        err(
            "type-error",
            "expected list or vector, got string in frequencies"
        )
    );
}

#[test]
fn alist_lookups() {
    assert_eq!(run("assq", &["c", "((a 1) (b 2) (c 3))"]), "(c 3)");
    assert_eq!(run("assv", &["2", "((1 one) (2 two))"]), "(2 two)");
    assert_eq!(run("assq", &["z", "((a 1))"]), "#f");
    assert_eq!(run("assq", &["a", "([a 1] () (a 2))"]), "(a 2)");
}

#[test]
fn sums_and_means() {
    assert_eq!(run("list/sum", &["(1 2 3)"]), "6");
    assert_eq!(run("list/sum", &["()"]), "0");
    assert_eq!(run("list/sum", &["[1 2.5]"]), "3.5");
    assert_eq!(
        run("list/sum", &["(9223372036854775807 1)"]),
        "-9223372036854775808"
    );
    assert_eq!(
        fail("list/sum", &["(1 \"a\")"]),
        err("type-error", "expected number, got string")
    );
    assert_eq!(run("list/avg", &["(1 2)"]), "1.5");
    assert_eq!(run("list/avg", &["(2 4)"]), "3.0");
    assert_eq!(
        fail("list/avg", &["()"]),
        err("eval", "list/avg: empty list")
    );
    assert_eq!(run("list/median", &["(3 1 2)"]), "2.0");
    assert_eq!(run("list/median", &["(4 1 3 2)"]), "2.5");
    assert_eq!(fail("list/median", &["[]"]).0, "eval");
}

#[test]
fn mode_min_max() {
    assert_eq!(run("list/mode", &["(1 2 2 3)"]), "2");
    assert_eq!(run("list/mode", &["(3 1 2)"]), "(1 2 3)");
    assert_eq!(run("list/mode", &["(a b b a c)"]), "(a b)");
    assert_eq!(
        fail("list/mode", &["()"]),
        err("eval", "list/mode: empty list")
    );
    assert_eq!(run("list/max", &["(3 1.5 2)"]), "3");
    assert_eq!(run("list/max", &["(1 2.5 2)"]), "2.5");
    assert_eq!(run("list/max", &["(1 1.0)"]), "1");
    assert_eq!(run("list/max", &["(1.0 1)"]), "1.0");
    assert_eq!(run("list/min", &["[3 7 2]"]), "2");
    assert_eq!(run("list/min", &["(2 2.0 3)"]), "2");
    assert_eq!(
        fail("list/min", &["()"]),
        err("eval", "list/min: empty list")
    );
    assert_eq!(
        fail("list/max", &["()"]),
        err("eval", "list/max: empty list")
    );
    assert_eq!(fail("list/max", &["(1 a)"]).0, "type-error");
}

#[test]
fn pluck_and_join() {
    assert_eq!(
        run("list/pluck", &[":a", "({:a 1} {:b 2} 5 {:a 3})"]),
        "(1 nil nil 3)"
    );
    assert_eq!(
        run("list/join", &["(:x :y :z)", "\"; \"", "\" or \""]),
        "\":x; :y or :z\""
    );
    assert_eq!(run("list/join", &["(1 2 3)", "\", \""]), "\"1, 2, 3\"");
    assert_eq!(run("list/join", &["(\"a\" b)", "\"-\""]), "\"\\\"a\\\"-b\"");
    assert_eq!(run("list/join", &["()", "\", \""]), "\"\"");
    assert_eq!(run("list/join", &["(1)", "\", \"", "\" and \""]), "\"1\"");
    assert_eq!(
        run("list/join", &["(1 2)", "\", \"", "\" and \""]),
        "\"1 and 2\""
    );
    assert_eq!(fail("list/join", &["(1 2)", "1"]).0, "type-error");
}

#[test]
fn shuffle_and_pick() {
    let shuffled = call("list/shuffle", &[v("(1 2 3 4 5)")]).unwrap();
    let sorted = call("sort", &[shuffled]).unwrap();
    assert_eq!(format!("{sorted:?}"), "(1 2 3 4 5)");
    assert_eq!(run("list/shuffle", &["[]"]), "()");
    let picked = call("list/pick", &[v("[7 8 9]")]).unwrap();
    assert!((7..=9).contains(&picked.as_int().unwrap()));
    assert_eq!(run("list/pick", &["(4)"]), "4");
    assert_eq!(
        fail("list/pick", &["()"]),
        err("eval", "list/pick: empty list")
    );
}

#[test]
fn arity_is_declared() {
    assert_eq!(fail("cons", &["1"]).0, "arity");
    assert_eq!(fail("car", &[]).0, "arity");
    assert_eq!(fail("range", &[]).0, "arity");
    assert_eq!(fail("range", &["1", "2", "3", "4"]).0, "arity");
    assert_eq!(fail("list/sliding", &["(1)"]).0, "arity");
    assert_eq!(fail("list/join", &["(1)"]).0, "arity");
}

#[test]
fn length_walks_a_long_list() {
    let big = Value::list((0..1_000_000).map(Value::int).collect());
    assert_eq!(run_values("length", &[big]), "1000000");
}
