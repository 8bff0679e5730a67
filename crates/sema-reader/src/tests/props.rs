//! Property tests (no input panics; printed data reads back equal) and
//! deep-nesting tests (D6).

use proptest::prelude::*;
use sema_core::equality::equal;
use sema_core::printer::repr;
use sema_core::{Sym, Value};

use crate::syntax::{is_symbol_char, is_symbol_start};
use crate::{needs_more_input, read_all, read_one};

fn exercise(src: &str) {
    let _ = read_all(src, None);
    let _ = read_one(src);
    let _ = needs_more_input(src);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        exercise(&src);
    }

    #[test]
    fn reader_heavy_text_never_panics(
        src in "[()\\[\\]{}'`,@\"#\\\\:;%$fue8.0-9a-z \n\t\\-+λ😀\u{0}]{0,60}"
    ) {
        exercise(&src);
    }

    #[test]
    fn printed_data_reads_back_equal(v in data()) {
        let text = repr(&v);
        let back = read_one(&text);
        prop_assert!(back.is_ok(), "{text:?}: {:?}", back.err());
        let back = back.unwrap_or_default();
        prop_assert!(equal(&v, &back), "{text:?} read back as {}", repr(&back));
        let many = read_all(&text, None).unwrap_or_default();
        prop_assert!(many.len() == 1 && equal(&v, &many[0]), "{text:?}");
    }
}

/// A symbol or keyword name that reads back as itself.
fn name() -> impl Strategy<Value = String> {
    let start = prop_oneof![
        proptest::char::range('a', 'z'),
        Just('+'),
        Just('-'),
        Just('*'),
        Just('/'),
        Just('!'),
        Just('?'),
        Just('<'),
        Just('>'),
        Just('='),
        Just('_'),
        Just('&'),
        Just('%'),
        Just('^'),
        Just('~'),
        Just('.'),
        Just('λ'),
        Just('é'),
        Just('日'),
    ];
    let rest = prop_oneof![
        proptest::char::range('a', 'z'),
        proptest::char::range('0', '9'),
        Just('#'),
        Just('-'),
        Just('.'),
        Just('/'),
        Just('?'),
        Just('Ω'),
    ];
    (start, proptest::collection::vec(rest, 0..6))
        .prop_map(|(s, r)| std::iter::once(s).chain(r).collect::<String>())
}

fn symbol_name() -> impl Strategy<Value = String> {
    name().prop_filter("reads as something else", |n| {
        let special = matches!(n.as_str(), "true" | "false" | "nil" | ".");
        let number = n.starts_with('-') && n.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
        !special
            && !number
            && n.chars().next().is_some_and(is_symbol_start)
            && n.chars().all(is_symbol_char)
    })
}

fn atom() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::NIL),
        any::<bool>().prop_map(Value::bool),
        any::<i64>().prop_map(Value::int),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::float),
        prop_oneof![Just(0.0), Just(-0.0), Just(1e300), Just(5e-324), Just(0.1)]
            .prop_map(Value::float),
        any::<char>().prop_map(Value::char),
        any::<String>().prop_map(Value::string),
        "[\\x00-\\x1f\\x7f-\\x9f\"\\\\$ a{}]{0,12}".prop_map(Value::string),
        symbol_name().prop_map(|n| Value::symbol(Sym::intern(&n))),
        name().prop_map(|n| Value::keyword(Sym::intern(&n))),
        proptest::collection::vec(any::<u8>(), 0..5).prop_map(Value::bytevector),
    ]
}

fn data() -> impl Strategy<Value = Value> {
    atom().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::list),
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::vector),
            proptest::collection::vec((inner.clone(), inner), 0..4).prop_map(Value::map_from),
        ]
    })
}

/// The depth of the chain of first elements of nested lists or vectors.
fn depth(v: &Value) -> usize {
    let mut d = 0;
    let mut cur = v.clone();
    loop {
        let next = match cur.car() {
            Some(c) => c.clone(),
            None => match cur.as_vector().and_then(|xs| xs.first()) {
                Some(x) => x.clone(),
                None => return d + usize::from(cur.is_list() || cur.as_vector().is_some()),
            },
        };
        d += 1;
        cur = next;
    }
}

const DEEP: usize = 1_000_000;

#[test]
fn a_million_nested_lists_read() {
    let src = format!("{}{}", "(".repeat(DEEP), ")".repeat(DEEP));
    let forms = read_all(&src, None).unwrap_or_default();
    assert_eq!(forms.len(), 1);
    // The innermost `()` is the empty list; each level above wraps it.
    assert_eq!(depth(&forms[0]), DEEP);
    assert!(!needs_more_input(&src));
    assert!(needs_more_input(&src[..src.len() - 1]));
}

#[test]
fn a_million_nested_vectors_read() {
    let src = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let v = read_one(&src).unwrap_or_default();
    assert_eq!(depth(&v), DEEP);
}

#[test]
fn a_million_quotes_read() {
    let src = format!("{}x", "'".repeat(DEEP));
    let v = read_one(&src).unwrap_or_default();
    let mut d = 0;
    let mut cur = v;
    while let Some(inner) = cur.list_iter().nth(1).cloned() {
        d += 1;
        cur = inner;
    }
    assert_eq!(d, DEEP);
    assert_eq!(cur.as_symbol().map(|s| s.name()), Some("x"));
}

#[test]
fn deep_errors_are_reported_without_overflow() {
    let src = format!("'{}", "(".repeat(DEEP));
    let e = read_all(&src, None).err().map(|e| e.headline());
    assert_eq!(
        e.as_deref(),
        Some("Reader error at 1:1: quote (') requires an expression after it")
    );
    let src = format!("{}]", "(".repeat(DEEP));
    assert!(read_all(&src, None).is_err());
}

#[test]
fn deep_short_lambda_bodies_are_rewritten() {
    let n = 200_000;
    let src = format!("#({}%{}", "[".repeat(n), "]".repeat(n) + ")");
    let v = read_one(&src).unwrap_or_default();
    assert_eq!(
        repr(&v.list_iter().nth(1).cloned().unwrap_or_default()),
        "(%1)"
    );
}

#[test]
fn deeply_nested_fstrings_read() {
    let n = 2_000;
    let src = format!("{}x{}", "f\"${".repeat(n), "}\"".repeat(n));
    let v = read_one(&src).unwrap_or_default();
    let mut d = 0;
    let mut cur = v;
    while let Some(inner) = cur.list_iter().nth(1).cloned() {
        d += 1;
        cur = inner;
    }
    assert_eq!(d, n);
}

#[test]
fn large_input_reads_quickly() {
    let chunk = "(define (fact n) (if (<= n 1) 1 (* n (fact (- n 1))))) ; comment\n\
                 {:key \"value\\n\" :n [1 2.5 -3 #\\a]} 'sym f\"x ${y}\"\n";
    let src = chunk.repeat(30_000);
    assert!(src.len() > 3_000_000);
    let start = std::time::Instant::now();
    let forms = read_all(&src, None).unwrap_or_default();
    assert_eq!(forms.len(), 4 * 30_000);
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
}

#[test]
fn deep_maps_and_mixed_nesting_read() {
    let n = 100_000;
    let src = format!("{}1{}", "{:a ".repeat(n), "}".repeat(n));
    let v = read_one(&src).unwrap_or_default();
    let mut d = 0;
    let mut cur = v;
    while let Some(inner) = cur
        .as_map()
        .and_then(|m| m.entries.values().next().cloned())
    {
        d += 1;
        cur = inner;
    }
    assert_eq!(d, n);
    let src = format!("{}x{}", "'[#(`(".repeat(n), "))]".repeat(n));
    let forms = read_all(&src, None).unwrap_or_default();
    assert_eq!(forms.len(), 1);
    let printed = repr(&forms[0]);
    assert!(
        printed.starts_with("(quote [(lambda () ((quasiquote ((quote [(lambda"),
        "{}",
        &printed[..80]
    );
}
