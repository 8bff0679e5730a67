//! Lists and sequences (spec/stdlib.md §6.1, §6.3, §6.4, §6.5); the
//! higher-order functions of §6.2 are in `hof.rs`.
//!
//! Every function here accepts a list or a vector where the spec says `seq`
//! and returns a list unless the spec says otherwise (`cdr`/`rest` and
//! `reverse` keep vectors). Inputs are iterated in place through [`Seq`],
//! never copied wholesale.

mod access;
mod aggregate;
mod search;
mod seq;
mod slice;
#[cfg(test)]
pub(crate) mod tests;

pub(crate) use seq::{seq_error, Seq};

use crate::{builtin, Builtin};
use sema_core::Arity::{AtLeast, Exact, Range};

pub(crate) const BUILTINS: &[Builtin] = &[
    // §6.1 construction and access
    builtin("list", AtLeast(0), access::list, "list of the arguments"),
    builtin(
        "cons",
        Exact(2),
        access::cons,
        "prepend v to a list (a non-list tail makes (v tail))",
    ),
    builtin(
        "car",
        Exact(1),
        access::car,
        "first element of a list or vector; nil if empty",
    ),
    builtin(
        "first",
        Exact(1),
        access::car,
        "first element of a list or vector; nil if empty",
    ),
    builtin(
        "cdr",
        Exact(1),
        access::cdr,
        "all but the first element (vectors stay vectors)",
    ),
    builtin(
        "rest",
        Exact(1),
        access::cdr,
        "all but the first element (vectors stay vectors)",
    ),
    builtin("caar", Exact(1), access::caar, "(car (car x))"),
    builtin("cadr", Exact(1), access::cadr, "(car (cdr x))"),
    builtin("cdar", Exact(1), access::cdar, "(cdr (car x))"),
    builtin("cddr", Exact(1), access::cddr, "(cdr (cdr x))"),
    builtin("caaar", Exact(1), access::caaar, "(car (car (car x)))"),
    builtin("caadr", Exact(1), access::caadr, "(car (car (cdr x)))"),
    builtin("cadar", Exact(1), access::cadar, "(car (cdr (car x)))"),
    builtin("caddr", Exact(1), access::caddr, "(car (cdr (cdr x)))"),
    builtin("cdaar", Exact(1), access::cdaar, "(cdr (car (car x)))"),
    builtin("cdadr", Exact(1), access::cdadr, "(cdr (car (cdr x)))"),
    builtin("cddar", Exact(1), access::cddar, "(cdr (cdr (car x)))"),
    builtin("cdddr", Exact(1), access::cdddr, "(cdr (cdr (cdr x)))"),
    builtin("nth", Exact(2), access::nth, "element at a 0-based index"),
    builtin("last", Exact(1), access::last, "last element, nil if empty"),
    builtin(
        "length",
        Exact(1),
        access::length,
        "element count of a collection; character count of a string",
    ),
    builtin(
        "append",
        AtLeast(0),
        access::append,
        "concatenate sequences into a list",
    ),
    builtin(
        "reverse",
        Exact(1),
        access::reverse,
        "reversed sequence (vectors stay vectors)",
    ),
    builtin(
        "range",
        Range(1, 3),
        access::range,
        "ints from start (default 0) below end, by step",
    ),
    builtin(
        "iota",
        Range(1, 3),
        access::iota,
        "count numbers from start (default 0) by step (default 1)",
    ),
    builtin(
        "make-list",
        Exact(2),
        access::make_list,
        "list of n copies of v",
    ),
    builtin(
        "list/repeat",
        Exact(2),
        access::list_repeat,
        "list of n copies of v",
    ),
    builtin(
        "list/times",
        Exact(2),
        access::list_times,
        "list of (f 0) ... (f n-1)",
    ),
    builtin(
        "list/pad",
        Exact(3),
        access::list_pad,
        "pad a sequence with v up to length n",
    ),
    // §6.3 slicing and reshaping
    builtin("take", Exact(2), slice::take, "first n elements"),
    builtin(
        "drop",
        Exact(2),
        slice::drop,
        "all but the first n elements",
    ),
    builtin(
        "list/split-at",
        Exact(2),
        slice::split_at,
        "(prefix suffix) split at index n",
    ),
    builtin(
        "list/chunk",
        Exact(2),
        slice::chunk,
        "consecutive chunks of n elements",
    ),
    builtin(
        "list/sliding",
        Range(2, 3),
        slice::sliding,
        "sliding windows of size elements, step apart",
    ),
    builtin(
        "list/page",
        Exact(3),
        slice::page,
        "1-based page of per-page elements",
    ),
    builtin(
        "flatten",
        Exact(1),
        slice::flatten,
        "remove one level of nesting",
    ),
    builtin(
        "flatten-deep",
        Exact(1),
        slice::flatten_deep,
        "remove all nesting",
    ),
    builtin(
        "zip",
        AtLeast(2),
        slice::zip,
        "lists of corresponding elements, up to the shortest",
    ),
    builtin(
        "list/interleave",
        AtLeast(2),
        slice::interleave,
        "a1 b1 a2 b2 ... up to the shortest",
    ),
    builtin(
        "interpose",
        Exact(2),
        slice::interpose,
        "elements with sep between them",
    ),
    builtin(
        "list/cross-join",
        Exact(2),
        slice::cross_join,
        "every pair (a b), a-major",
    ),
    // §6.4 searching and set-like operations
    builtin(
        "member",
        Exact(2),
        search::member,
        "sublist from the first element equal to v, else #f",
    ),
    builtin(
        "list/index-of",
        Exact(2),
        search::index_of,
        "index of the first element equal to v, or nil",
    ),
    builtin(
        "list/unique",
        Exact(1),
        search::unique,
        "first occurrences only",
    ),
    builtin(
        "list/dedupe",
        Exact(1),
        search::dedupe,
        "remove consecutive duplicates",
    ),
    builtin(
        "list/duplicates",
        Exact(1),
        search::duplicates,
        "values occurring more than once, in value order",
    ),
    builtin(
        "list/diff",
        Exact(2),
        search::diff,
        "elements of the first not in the second",
    ),
    builtin(
        "list/intersect",
        Exact(2),
        search::intersect,
        "elements of the first also in the second",
    ),
    builtin(
        "frequencies",
        Exact(1),
        search::frequencies,
        "sorted map of value to occurrence count",
    ),
    builtin(
        "assq",
        Exact(2),
        search::assq,
        "alist entry whose head equals k, else #f",
    ),
    builtin(
        "assv",
        Exact(2),
        search::assv,
        "alist entry whose head equals k, else #f",
    ),
    // §6.5 numeric aggregation and random choice
    builtin("list/sum", Exact(1), aggregate::sum, "sum of numbers"),
    builtin(
        "list/avg",
        Exact(1),
        aggregate::avg,
        "arithmetic mean as a float",
    ),
    builtin(
        "list/median",
        Exact(1),
        aggregate::median,
        "median as a float",
    ),
    builtin(
        "list/mode",
        Exact(1),
        aggregate::mode,
        "most frequent value (a list of them on a tie)",
    ),
    builtin("list/min", Exact(1), aggregate::min, "numeric minimum"),
    builtin("list/max", Exact(1), aggregate::max, "numeric maximum"),
    builtin(
        "list/pluck",
        Exact(2),
        aggregate::pluck,
        "value under k of each map element",
    ),
    builtin(
        "list/join",
        Range(2, 3),
        aggregate::join,
        "join element reprs with a separator",
    ),
    builtin(
        "list/shuffle",
        Exact(1),
        aggregate::shuffle,
        "random permutation",
    ),
    builtin("list/pick", Exact(1), aggregate::pick, "random element"),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[];
