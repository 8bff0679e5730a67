//! Regular expressions (spec/stdlib.md §17): `regex/match?`, `regex/match`,
//! `regex/find-all`, `regex/replace`, `regex/replace-all`, `regex/split`.
//!
//! Patterns use the syntax of Rust's `regex` crate (no look-around, no
//! back-references); positions are byte offsets. Compiled patterns are kept in
//! a small per-thread LRU cache because programs call these in loops with the
//! same pattern text.

use std::cell::RefCell;
use std::rc::Rc;

use regex::Regex;
use rustc_hash::FxHashMap;
use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "regex/match?",
        Arity::Exact(2),
        is_match,
        "#t if the pattern matches anywhere in the string",
    ),
    builtin(
        "regex/match",
        Arity::Exact(2),
        first_match,
        "the first match as {:end :groups :match :start}, or nil",
    ),
    builtin(
        "regex/find-all",
        Arity::Exact(2),
        find_all,
        "list of all non-overlapping matched strings",
    ),
    builtin(
        "regex/replace",
        Arity::Exact(3),
        replace_first,
        "(regex/replace pattern replacement s): replace the first match ($1, ${name}, $$)",
    ),
    builtin(
        "regex/replace-all",
        Arity::Exact(3),
        replace_all,
        "(regex/replace-all pattern replacement s): replace every match",
    ),
    builtin(
        "regex/split",
        Arity::Exact(2),
        split,
        "list of the pieces of the string between matches",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// How many compiled patterns each thread keeps.
const CACHE_CAPACITY: usize = 64;

/// Compiled patterns by pattern text, each with the tick of its last use.
#[derive(Default)]
struct RegexCache {
    entries: FxHashMap<String, (Rc<Regex>, u64)>,
    tick: u64,
}

thread_local! {
    static CACHE: RefCell<RegexCache> = RefCell::new(RegexCache::default());
}

/// Compiles `pattern`, reusing a cached compilation when there is one.
/// An invalid pattern is the `:eval` error `invalid regex pattern: DETAILS`.
///
/// The cache hands out `Rc`s rather than clones of the `Regex`: a cloned
/// `Regex` starts with an empty pool of search caches, which would undo much
/// of the saving.
pub(crate) fn compile(pattern: &str) -> Result<Rc<Regex>> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.tick = cache.tick.wrapping_add(1);
        let now = cache.tick;
        if let Some((re, used)) = cache.entries.get_mut(pattern) {
            *used = now;
            return Ok(re.clone());
        }
        let re = Rc::new(Regex::new(pattern).map_err(|e| {
            Error::eval(format!("invalid regex pattern: {e}")).with_hint(
                "Sema uses the syntax of Rust's regex crate \
                 (no look-around, no back-references); see https://docs.rs/regex",
            )
        })?);
        if cache.entries.len() >= CACHE_CAPACITY {
            let oldest = cache
                .entries
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                cache.entries.remove(&k);
            }
        }
        cache.entries.insert(pattern.to_string(), (re.clone(), now));
        Ok(re)
    })
}

/// The compiled pattern (first argument) and the subject string (argument `at`).
fn pattern_and_text(args: &[Value], at: usize) -> Result<(Rc<Regex>, &str)> {
    let re = compile(string(&args[0])?)?;
    let text = string(&args[at])?;
    Ok((re, text))
}

fn is_match(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 1)?;
    Ok(Value::bool(re.is_match(text)))
}

fn first_match(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 1)?;
    let Some(caps) = re.captures(text) else {
        return Ok(Value::NIL);
    };
    let Some(whole) = caps.get(0) else {
        return Ok(Value::NIL);
    };
    let groups = caps
        .iter()
        .skip(1)
        .map(|g| g.map_or(Value::NIL, |m| Value::string(m.as_str())));
    Ok(Value::map_from([
        (Value::kw("match"), Value::string(whole.as_str())),
        (Value::kw("groups"), Value::list_from(groups)),
        (Value::kw("start"), offset(whole.start())),
        (Value::kw("end"), offset(whole.end())),
    ]))
}

/// A byte offset as an int (strings are far shorter than `i64::MAX`).
fn offset(n: usize) -> Value {
    Value::int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn find_all(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 1)?;
    Ok(Value::list_from(
        re.find_iter(text).map(|m| Value::string(m.as_str())),
    ))
}

fn replace_first(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 2)?;
    let replacement = string(&args[1])?;
    Ok(Value::string(re.replace(text, replacement)))
}

fn replace_all(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 2)?;
    let replacement = string(&args[1])?;
    Ok(Value::string(re.replace_all(text, replacement)))
}

fn split(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let (re, text) = pattern_and_text(args, 1)?;
    Ok(Value::list_from(re.split(text).map(Value::string)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn r(name: &str, args: &[Value]) -> String {
        sema_core::printer::repr(&call(name, args).unwrap())
    }

    #[test]
    fn match_predicate() {
        assert_eq!(r("regex/match?", &[s(r"\d+"), s("abc123")]), "#t");
        assert_eq!(r("regex/match?", &[s(r"^\d+$"), s("abc123")]), "#f");
    }

    #[test]
    fn match_reports_groups_and_byte_offsets() {
        assert_eq!(
            r("regex/match", &[s(r"(\d+)-(x)?"), s("ab12-c")]),
            r#"{:end 5 :groups ("12" nil) :match "12-" :start 2}"#
        );
        assert_eq!(
            r("regex/match", &[s("b"), s("éb")]),
            r#"{:end 3 :groups () :match "b" :start 2}"#
        );
        assert_eq!(r("regex/match", &[s("zzz"), s("abc")]), "nil");
    }

    #[test]
    fn find_all_replace_split() {
        assert_eq!(
            r("regex/find-all", &[s(r"\d+"), s("a1b22c333")]),
            r#"("1" "22" "333")"#
        );
        assert_eq!(r("regex/find-all", &[s(r"\d"), s("none")]), "()");
        assert_eq!(
            r("regex/replace", &[s("o"), s("0"), s("foo boo")]),
            r#""f0o boo""#
        );
        assert_eq!(
            r(
                "regex/replace-all",
                &[s(r"(\d+)-(\d+)"), s("$2-$1"), s("10-20 30-40")]
            ),
            r#""20-10 40-30""#
        );
        assert_eq!(
            r(
                "regex/replace-all",
                &[s(r"(?P<w>\w+)"), s("<${w}>$$"), s("a b")]
            ),
            r#""<a>$ <b>$""#
        );
        assert_eq!(r("regex/split", &[s(","), s("a,,b")]), r#"("a" "" "b")"#);
    }

    #[test]
    fn invalid_pattern_is_eval_error_with_hint() {
        let e = call("regex/match?", &[s("("), s("x")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert!(e.message().starts_with("invalid regex pattern: "));
        assert!(e.hint().unwrap_or("").contains("Rust"));
        let e = call("regex/match?", &[s("(?=a)"), s("x")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
    }

    #[test]
    fn type_errors() {
        let e = call("regex/match?", &[Value::int(1), s("x")]).unwrap_err();
        assert_eq!(e.message(), "expected string, got int");
        let e = call("regex/replace", &[s("a"), s("b"), Value::NIL]).unwrap_err();
        assert_eq!(e.message(), "expected string, got nil");
    }

    #[test]
    fn cache_evicts_but_keeps_working() {
        for i in 0..(CACHE_CAPACITY * 2) {
            let p = format!("a{{{i}}}");
            assert_eq!(r("regex/match?", &[s(&p), s(&"a".repeat(i))]), "#t", "{p}");
        }
        CACHE.with(|c| assert!(c.borrow().entries.len() <= CACHE_CAPACITY));
    }
}
