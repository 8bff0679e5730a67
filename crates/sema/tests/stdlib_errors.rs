//! Error cases of every stdlib builtin, through the public interface
//! (`sema::Interpreter::eval_str`), checked against spec/stdlib.md and
//! spec/errors.md:
//!
//! * [`CASES`]: one or more wrong-type / bad-value / I/O cases per function,
//!   with the error kind and the `:expected`/`:got` strings (type errors) or
//!   a message fragment (`:eval`, `:io`, `:reader`);
//! * [`ARITY`]: the spec's argument count of every bound name; each name is
//!   called with one argument too many (or too few) and must raise `:arity`
//!   with `NAME expects E args, got N`;
//! * a coverage test: every bound name has an arity case or a case in
//!   [`CASES`], and every name outside [`NEVER_FAILS`] has a case in
//!   [`CASES`]. Run with `--nocapture` to see the counts.
//!
//! Type errors of the §6 sequence functions carry ` in NAME` after the type
//! in `:got` (spec/stdlib.md §6 header); the `car`/`cdr` family does not
//! (errors.md §4 example), nor do functions outside §6.

use std::collections::{BTreeMap, BTreeSet};

use sema::{ErrorKind, Interpreter};

/// What an error case must raise.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// `:type-error` with exactly these `:expected` and `:got`.
    T(&'static str, &'static str),
    /// `:eval` whose message contains the text.
    E(&'static str),
    /// `:io` whose message contains the text.
    Io(&'static str),
    /// `:reader` whose message contains the text.
    R(&'static str),
    /// `:arity` with exactly this message.
    A(&'static str),
}

use Want::{Io, A, E, R, T};

/// (function covered, program text, expected error). The program's last
/// form must raise the error. `/nonexistent/...` paths must not exist.
const CASES: &[(&str, &str, Want)] = &[
    // §1 arithmetic
    ("+", r#"(+ 1 "a")"#, T("number", "string")),
    ("+", r#"(+ 1.5 nil)"#, T("number", "nil")),
    ("-", r#"(- "a")"#, T("number", "string")),
    ("-", r#"(- 1 :k)"#, T("number", "keyword")),
    ("*", r#"(* 2 "a")"#, T("number", "string")),
    ("/", r#"(/ 1 "a")"#, T("number", "string")),
    ("/", r#"(/ 1 0)"#, E("division by zero")),
    ("/", r#"(/ 1.0 0.0)"#, E("division by zero")),
    (
        "/",
        r#"(/ -9223372036854775808 -1)"#,
        E("integer overflow in /"),
    ),
    ("mod", r#"(mod "a" 1)"#, T("number", "string")),
    ("mod", r#"(mod 1 "a")"#, T("number", "int")),
    ("mod", r#"(mod 7 0)"#, E("modulo by zero")),
    ("modulo", r#"(modulo 7 0)"#, E("modulo by zero")),
    ("abs", r#"(abs "a")"#, T("number", "string")),
    ("min", r#"(min 1 "a")"#, T("number", "string")),
    ("max", r#"(max "a" 1)"#, T("number", "string")),
    ("floor", r#"(floor "a")"#, T("number", "string")),
    ("ceil", r#"(ceil nil)"#, T("number", "nil")),
    ("ceiling", r#"(ceiling nil)"#, T("number", "nil")),
    ("round", r#"(round "a")"#, T("number", "string")),
    ("truncate", r#"(truncate "a")"#, T("number", "string")),
    ("sqrt", r#"(sqrt "a")"#, T("number", "string")),
    ("pow", r#"(pow "a" 2)"#, T("number", "string")),
    ("expt", r#"(expt 2 "a")"#, T("number", "string")),
    ("math/pow", r#"(math/pow 2 nil)"#, T("number", "nil")),
    ("log", r#"(log "a")"#, T("number", "string")),
    ("sin", r#"(sin "a")"#, T("number", "string")),
    ("cos", r#"(cos "a")"#, T("number", "string")),
    ("int", r#"(int "1.5")"#, E("cannot convert '1.5' to int")),
    ("int", r#"(int " 12")"#, E("cannot convert ' 12' to int")),
    ("int", r#"(int :a)"#, T("number or string", "keyword")),
    ("float", r#"(float "x")"#, E("cannot convert 'x' to float")),
    ("float", r#"(float nil)"#, T("number or string", "nil")),
    // §2 math/
    (
        "math/quotient",
        r#"(math/quotient 7 0)"#,
        E("math/quotient: division by zero"),
    ),
    (
        "math/quotient",
        r#"(math/quotient 7.0 2)"#,
        T("int", "float"),
    ),
    (
        "math/remainder",
        r#"(math/remainder 7 0)"#,
        E("math/remainder: division by zero"),
    ),
    (
        "math/remainder",
        r#"(math/remainder 7 2.0)"#,
        T("int", "float"),
    ),
    ("math/gcd", r#"(math/gcd 4 2.0)"#, T("int", "float")),
    ("math/lcm", r#"(math/lcm "a" 2)"#, T("int", "string")),
    ("math/tan", r#"(math/tan "a")"#, T("number", "string")),
    ("math/asin", r#"(math/asin "a")"#, T("number", "string")),
    ("math/acos", r#"(math/acos "a")"#, T("number", "string")),
    ("math/atan", r#"(math/atan "a")"#, T("number", "string")),
    ("math/atan2", r#"(math/atan2 1 "a")"#, T("number", "string")),
    ("math/exp", r#"(math/exp "a")"#, T("number", "string")),
    ("math/log10", r#"(math/log10 "a")"#, T("number", "string")),
    ("math/log2", r#"(math/log2 "a")"#, T("number", "string")),
    ("math/sinh", r#"(math/sinh "a")"#, T("number", "string")),
    ("math/cosh", r#"(math/cosh "a")"#, T("number", "string")),
    ("math/tanh", r#"(math/tanh "a")"#, T("number", "string")),
    (
        "math/degrees->radians",
        r#"(math/degrees->radians "a")"#,
        T("number", "string"),
    ),
    (
        "math/radians->degrees",
        r#"(math/radians->degrees "a")"#,
        T("number", "string"),
    ),
    (
        "math/random-int",
        r#"(math/random-int 5 1)"#,
        E("math/random-int"),
    ),
    (
        "math/random-int",
        r#"(math/random-int 1 2.0)"#,
        T("int", "float"),
    ),
    (
        "math/clamp",
        r#"(math/clamp "a" 1 2)"#,
        T("number", "string"),
    ),
    ("math/sign", r#"(math/sign "a")"#, T("number", "string")),
    ("math/lerp", r#"(math/lerp 1 2 "a")"#, T("number", "string")),
    (
        "math/map-range",
        r#"(math/map-range 1 0 2 0 "a")"#,
        T("number", "string"),
    ),
    // §3 comparison
    ("<", r#"(< 1 "a")"#, T("number", "string")),
    (">", r#"(> "a" 1)"#, T("number", "string")),
    ("<=", r#"(<= 1 nil)"#, T("number", "nil")),
    (">=", r#"(>= 1 :a)"#, T("number", "keyword")),
    // §4 predicates
    ("zero?", r#"(zero? "a")"#, T("number", "string")),
    ("positive?", r#"(positive? nil)"#, T("number", "nil")),
    ("negative?", r#"(negative? "a")"#, T("number", "string")),
    ("even?", r#"(even? 2.0)"#, T("int", "float")),
    ("odd?", r#"(odd? 1.0)"#, T("int", "float")),
    (
        "promise-forced?",
        r#"(promise-forced? 1)"#,
        T("promise", "int"),
    ),
    // §5 bitwise
    ("bit/and", r#"(bit/and 1 2.0)"#, T("int", "float")),
    ("bit/or", r#"(bit/or 1.0 2)"#, T("int", "float")),
    ("bit/xor", r#"(bit/xor "a" 2)"#, T("int", "string")),
    ("bit/not", r#"(bit/not 1.0)"#, T("int", "float")),
    (
        "bit/shift-left",
        r#"(bit/shift-left 1 1.0)"#,
        T("int", "float"),
    ),
    (
        "bit/shift-right",
        r#"(bit/shift-right 1.0 1)"#,
        T("int", "float"),
    ),
    // §6.1 construction and access
    ("car", r#"(car nil)"#, T("list or vector", "nil")),
    ("car", r#"(car 1)"#, T("list or vector", "int")),
    ("first", r#"(first "ab")"#, T("list or vector", "string")),
    ("cdr", r#"(cdr nil)"#, T("list or vector", "nil")),
    ("rest", r#"(rest 5)"#, T("list or vector", "int")),
    ("caar", r#"(caar '(1))"#, T("list or vector", "int")),
    ("cadr", r#"(cadr 1)"#, T("list or vector", "int")),
    ("cdar", r#"(cdar '(1))"#, T("list or vector", "int")),
    ("cddr", r#"(cddr :a)"#, T("list or vector", "keyword")),
    ("caaar", r#"(caaar '((1)))"#, T("list or vector", "int")),
    ("caadr", r#"(caadr '(1 2))"#, T("list or vector", "int")),
    ("cadar", r#"(cadar '(1))"#, T("list or vector", "int")),
    ("caddr", r#"(caddr "x")"#, T("list or vector", "string")),
    ("cdaar", r#"(cdaar '((1)))"#, T("list or vector", "int")),
    ("cdadr", r#"(cdadr '(1 2))"#, T("list or vector", "int")),
    ("cddar", r#"(cddar '(1))"#, T("list or vector", "int")),
    ("cdddr", r#"(cdddr 1.5)"#, T("list or vector", "float")),
    (
        "nth",
        r#"(nth '(1 2) 10)"#,
        E("index 10 out of bounds (length 2)"),
    ),
    (
        "nth",
        r#"(nth [1 2] -1)"#,
        E("index 18446744073709551615 out of bounds (length 2)"),
    ),
    (
        "nth",
        r#"(nth "ab" 0)"#,
        T("list or vector", "string in nth"),
    ),
    ("nth", r#"(nth '(1) 0.0)"#, T("int", "float")),
    ("last", r#"(last 5)"#, T("list or vector", "int in last")),
    (
        "length",
        r#"(length nil)"#,
        T("list, vector, string, map, or bytevector", "nil"),
    ),
    (
        "length",
        r#"(length 5)"#,
        T("list, vector, string, map, or bytevector", "int"),
    ),
    (
        "append",
        r#"(append '(1) 2)"#,
        T("list or vector", "int in append"),
    ),
    (
        "reverse",
        r#"(reverse "abc")"#,
        T("list or vector", "string in reverse"),
    ),
    ("range", r#"(range 1 5 0)"#, E("range: step cannot be 0")),
    ("range", r#"(range 1.5)"#, T("int", "float")),
    ("iota", r#"(iota "a")"#, T("int", "string")),
    ("iota", r#"(iota 3 "a")"#, T("number", "string")),
    ("make-list", r#"(make-list -1 :x)"#, E("make-list")),
    (
        "make-list",
        r#"(make-list 9223372036854775807 :x)"#,
        E("make-list"),
    ),
    ("make-list", r#"(make-list "a" :x)"#, T("int", "string")),
    ("list/repeat", r#"(list/repeat -1 :x)"#, E("list/repeat")),
    (
        "list/times",
        r#"(list/times -1 (fn (i) i))"#,
        E("list/times"),
    ),
    (
        "list/times",
        r#"(list/times 1.0 (fn (i) i))"#,
        T("int", "float"),
    ),
    ("list/pad", r#"(list/pad '(1) -1 0)"#, E("list/pad")),
    (
        "list/pad",
        r#"(list/pad 5 3 0)"#,
        T("list or vector", "int in list/pad"),
    ),
    // §6.2 higher-order functions
    (
        "map",
        r#"(map (fn (x) x) 5)"#,
        T("list or vector", "int in map"),
    ),
    (
        "map",
        r#"(map + '(1) 5)"#,
        T("list or vector", "int in map"),
    ),
    ("map", r#"(map 5 '(1))"#, E("not callable")),
    (
        "mapcar",
        r#"(mapcar (fn (x) x) 5)"#,
        T("list or vector", "int in map"),
    ),
    (
        "for-each",
        r#"(for-each (fn (x) x) 5)"#,
        T("list or vector", "int in for-each"),
    ),
    (
        "filter",
        r#"(filter (fn (x) x) 5)"#,
        T("list or vector", "int in filter"),
    ),
    (
        "list/reject",
        r#"(list/reject (fn (x) x) 5)"#,
        T("list or vector", "int in list/reject"),
    ),
    (
        "foldl",
        r#"(foldl + 0 5)"#,
        T("list or vector", "int in foldl"),
    ),
    (
        "fold",
        r#"(fold + 0 5)"#,
        T("list or vector", "int in foldl"),
    ),
    (
        "foldr",
        r#"(foldr + 0 5)"#,
        T("list or vector", "int in foldr"),
    ),
    ("reduce", r#"(reduce + '())"#, E("reduce: empty list")),
    (
        "reduce",
        r#"(reduce + 5)"#,
        T("list or vector", "int in reduce"),
    ),
    (
        "apply",
        r#"(apply + 1 2)"#,
        T("list or vector", "int in apply"),
    ),
    (
        "flat-map",
        r#"(flat-map list 5)"#,
        T("list or vector", "int in flat-map"),
    ),
    ("any", r#"(any odd? 5)"#, T("list or vector", "int in any")),
    (
        "some?",
        r#"(some? odd? 5)"#,
        T("list or vector", "int in any"),
    ),
    (
        "any?",
        r#"(any? odd? 5)"#,
        T("list or vector", "int in any"),
    ),
    (
        "every",
        r#"(every odd? 5)"#,
        T("list or vector", "int in every"),
    ),
    (
        "every?",
        r#"(every? odd? 5)"#,
        T("list or vector", "int in every"),
    ),
    (
        "partition",
        r#"(partition odd? 5)"#,
        T("list or vector", "int in partition"),
    ),
    (
        "take-while",
        r#"(take-while odd? 5)"#,
        T("list or vector", "int in take-while"),
    ),
    (
        "list/take-while",
        r#"(list/take-while odd? 5)"#,
        T("list or vector", "int in take-while"),
    ),
    (
        "drop-while",
        r#"(drop-while odd? 5)"#,
        T("list or vector", "int in drop-while"),
    ),
    (
        "list/drop-while",
        r#"(list/drop-while odd? 5)"#,
        T("list or vector", "int in drop-while"),
    ),
    (
        "list/find",
        r#"(list/find odd? 5)"#,
        T("list or vector", "int in list/find"),
    ),
    (
        "list/sole",
        r#"(list/sole odd? '(2 4))"#,
        E("list/sole: no matching item"),
    ),
    (
        "list/sole",
        r#"(list/sole odd? '(1 3))"#,
        E("list/sole: more than one matching item"),
    ),
    (
        "list/group-by",
        r#"(list/group-by odd? 5)"#,
        T("list or vector", "int in list/group-by"),
    ),
    (
        "list/key-by",
        r#"(list/key-by odd? 5)"#,
        T("list or vector", "int in list/key-by"),
    ),
    ("tap", r#"(tap 1 5)"#, E("not callable")),
    ("sort", r#"(sort 5)"#, T("list or vector", "int in sort")),
    (
        "sort",
        r#"(sort '(2 1) (fn (a b) (error "cmp")))"#,
        E("cmp"),
    ),
    (
        "sort-by",
        r#"(sort-by - 5)"#,
        T("list or vector", "int in sort-by"),
    ),
    // §6.3 slicing
    ("take", r#"(take 1 5)"#, T("list or vector", "int in take")),
    ("take", r#"(take "a" '(1))"#, T("int", "string")),
    (
        "drop",
        r#"(drop 1 "ab")"#,
        T("list or vector", "string in drop"),
    ),
    (
        "list/split-at",
        r#"(list/split-at 5 1)"#,
        T("list or vector", "int in list/split-at"),
    ),
    (
        "list/chunk",
        r#"(list/chunk 0 '(1 2))"#,
        E("list/chunk: chunk size must be positive"),
    ),
    (
        "list/chunk",
        r#"(list/chunk 1 5)"#,
        T("list or vector", "int in list/chunk"),
    ),
    (
        "list/sliding",
        r#"(list/sliding '(1 2) 0)"#,
        E("list/sliding: size must be positive"),
    ),
    (
        "list/sliding",
        r#"(list/sliding '(1 2) 1 0)"#,
        E("list/sliding: step must be positive"),
    ),
    (
        "list/page",
        r#"(list/page '(1 2) 0 1)"#,
        E("list/page: page must be >= 1"),
    ),
    (
        "list/page",
        r#"(list/page 5 1 1)"#,
        T("list or vector", "int in list/page"),
    ),
    (
        "flatten",
        r#"(flatten 5)"#,
        T("list or vector", "int in flatten"),
    ),
    ("zip", r#"(zip 5 '(1))"#, T("list or vector", "int in zip")),
    (
        "list/interleave",
        r#"(list/interleave '(1) 5)"#,
        T("list or vector", "int in list/interleave"),
    ),
    (
        "interpose",
        r#"(interpose 0 5)"#,
        T("list or vector", "int in interpose"),
    ),
    (
        "list/cross-join",
        r#"(list/cross-join 5 '(1))"#,
        T("list or vector", "int in list/cross-join"),
    ),
    // §6.4 searching and set-like
    (
        "member",
        r#"(member 1 5)"#,
        T("list or vector", "int in member"),
    ),
    (
        "list/index-of",
        r#"(list/index-of 5 1)"#,
        T("list or vector", "int in list/index-of"),
    ),
    (
        "list/unique",
        r#"(list/unique 5)"#,
        T("list or vector", "int in list/unique"),
    ),
    (
        "list/dedupe",
        r#"(list/dedupe 5)"#,
        T("list or vector", "int in list/dedupe"),
    ),
    (
        "list/duplicates",
        r#"(list/duplicates 5)"#,
        T("list or vector", "int in list/duplicates"),
    ),
    (
        "list/diff",
        r#"(list/diff '(1) 5)"#,
        T("list or vector", "int in list/diff"),
    ),
    (
        "list/intersect",
        r#"(list/intersect 5 '(1))"#,
        T("list or vector", "int in list/intersect"),
    ),
    (
        "frequencies",
        r#"(frequencies "abc")"#,
        T("list or vector", "string in frequencies"),
    ),
    ("assq", r#"(assq 1 5)"#, T("list or vector", "int in assq")),
    ("assv", r#"(assv 1 5)"#, T("list or vector", "int in assv")),
    // §6.5 aggregation
    ("list/sum", r#"(list/sum '(1 "a"))"#, T("number", "string")),
    (
        "list/sum",
        r#"(list/sum 5)"#,
        T("list or vector", "int in list/sum"),
    ),
    ("list/avg", r#"(list/avg '())"#, E("list/avg: empty list")),
    ("list/avg", r#"(list/avg '(1 "a"))"#, T("number", "string")),
    ("list/median", r#"(list/median '())"#, E("list/median")),
    (
        "list/median",
        r#"(list/median [1 nil])"#,
        T("number", "nil"),
    ),
    ("list/mode", r#"(list/mode '())"#, E("list/mode")),
    (
        "list/mode",
        r#"(list/mode 5)"#,
        T("list or vector", "int in list/mode"),
    ),
    ("list/min", r#"(list/min '())"#, E("list/min: empty list")),
    ("list/min", r#"(list/min '(1 "a"))"#, T("number", "string")),
    ("list/max", r#"(list/max '())"#, E("list/max: empty list")),
    ("list/max", r#"(list/max '(1 :a))"#, T("number", "keyword")),
    (
        "list/pluck",
        r#"(list/pluck :a 5)"#,
        T("list or vector", "int in list/pluck"),
    ),
    ("list/join", r#"(list/join '(1) 5)"#, T("string", "int")),
    (
        "list/join",
        r#"(list/join 5 ",")"#,
        T("list or vector", "int in list/join"),
    ),
    (
        "list/shuffle",
        r#"(list/shuffle 5)"#,
        T("list or vector", "int in list/shuffle"),
    ),
    (
        "list/pick",
        r#"(list/pick '())"#,
        E("list/pick: empty list"),
    ),
    (
        "list/pick",
        r#"(list/pick 5)"#,
        T("list or vector", "int in list/pick"),
    ),
    // §7 vectors
    (
        "list->vector",
        r#"(list->vector [1 2])"#,
        T("list", "vector"),
    ),
    (
        "vector->list",
        r#"(vector->list '(1 2))"#,
        T("vector", "list"),
    ),
    // §8 maps
    (
        "hash-map",
        r#"(hash-map :a)"#,
        E("hash-map: requires even number of arguments"),
    ),
    (
        "map/new",
        r#"(map/new :a 1 :b)"#,
        E("hash-map: requires even number of arguments"),
    ),
    ("get", r#"(get nil :a)"#, T("map or hashmap", "nil")),
    ("get", r#"(get [1 2] 0)"#, T("map or hashmap", "vector")),
    (
        "hash-ref",
        r#"(hash-ref "s" 0)"#,
        T("map or hashmap", "string"),
    ),
    (
        "assoc",
        r#"(assoc {:a 1} :b)"#,
        E("assoc: requires (key alist) or (map key val ...)"),
    ),
    (
        "assoc",
        r#"(assoc)"#,
        E("assoc: requires (key alist) or (map key val ...)"),
    ),
    ("assoc", r#"(assoc nil :a 1)"#, T("map or hashmap", "nil")),
    ("dissoc", r#"(dissoc [1] 0)"#, T("map or hashmap", "vector")),
    ("keys", r#"(keys '(1 2))"#, T("map or hashmap", "list")),
    ("vals", r#"(vals nil)"#, T("map or hashmap", "nil")),
    ("merge", r#"(merge {:a 1} nil)"#, T("map or hashmap", "nil")),
    (
        "contains?",
        r#"(contains? [1 2] 0)"#,
        T("map or hashmap", "vector"),
    ),
    (
        "contains?",
        r#"(contains? "ab" "a")"#,
        T("map or hashmap", "string"),
    ),
    ("count", r#"(count 5)"#, T("collection", "int")),
    (
        "count",
        r#"(count (bytevector 1))"#,
        T("collection", "bytevector"),
    ),
    ("empty?", r#"(empty? car)"#, T("collection", "native-fn")),
    (
        "map/entries",
        r#"(map/entries '(1))"#,
        T("map or hashmap", "list"),
    ),
    (
        "map/from-entries",
        r#"(map/from-entries '((1 2 3)))"#,
        E("map/from-entries: each entry must be a pair (key value)"),
    ),
    (
        "map/from-entries",
        r#"(map/from-entries '(:a))"#,
        T("list or vector", "keyword"),
    ),
    (
        "map/map-vals",
        r#"(map/map-vals (fn (v) v) [1])"#,
        T("map or hashmap", "vector"),
    ),
    (
        "map/map-keys",
        r#"(map/map-keys (fn (k) k) 5)"#,
        T("map or hashmap", "int"),
    ),
    (
        "map/filter",
        r#"(map/filter (fn (k v) #t) '())"#,
        T("map or hashmap", "list"),
    ),
    (
        "map/select-keys",
        r#"(map/select-keys {:a 1} :a)"#,
        T("list", "keyword"),
    ),
    (
        "map/select-keys",
        r#"(map/select-keys nil [:a])"#,
        T("map or hashmap", "nil"),
    ),
    (
        "map/except",
        r#"(map/except 5 [:a])"#,
        T("map or hashmap", "int"),
    ),
    (
        "map/update",
        r#"(map/update nil :a (fn (v) v))"#,
        T("map or hashmap", "nil"),
    ),
    (
        "map/sort-keys",
        r#"(map/sort-keys [1])"#,
        T("map or hashmap", "vector"),
    ),
    ("map/zip", r#"(map/zip 5 '(1))"#, T("list or vector", "int")),
    (
        "get-in",
        r#"(get-in {:a 1} :a)"#,
        T("list or vector", "keyword"),
    ),
    (
        "map/get-in",
        r#"(map/get-in {:a 1} 5)"#,
        T("list or vector", "int"),
    ),
    (
        "assoc-in",
        r#"(assoc-in {} :a 1)"#,
        T("list or vector", "keyword"),
    ),
    (
        "map/assoc-in",
        r#"(map/assoc-in {} 5 1)"#,
        T("list or vector", "int"),
    ),
    (
        "update-in",
        r#"(update-in {} :a list)"#,
        T("list or vector", "keyword"),
    ),
    (
        "map/update-in",
        r#"(map/update-in {} [:a] 5)"#,
        E("not callable"),
    ),
    (
        "hashmap/new",
        r#"(hashmap/new :a)"#,
        E("hashmap/new: requires even number of arguments"),
    ),
    (
        "hashmap/get",
        r#"(hashmap/get [1] 0)"#,
        T("hashmap", "vector"),
    ),
    (
        "hashmap/assoc",
        r#"(hashmap/assoc (hashmap/new) :a)"#,
        E("hashmap/assoc"),
    ),
    (
        "hashmap/assoc",
        r#"(hashmap/assoc {} :a 1)"#,
        T("hashmap", "map"),
    ),
    (
        "hashmap/keys",
        r#"(hashmap/keys {:a 1})"#,
        T("hashmap", "map"),
    ),
    (
        "hashmap/contains?",
        r#"(hashmap/contains? {:a 1} :a)"#,
        T("hashmap", "map"),
    ),
    (
        "hashmap/to-map",
        r#"(hashmap/to-map {:a 1})"#,
        T("hashmap", "map"),
    ),
    // §9.1 strings, core
    (
        "string-length",
        r#"(string-length nil)"#,
        T("string", "nil"),
    ),
    ("string/length", r#"(string/length 5)"#, T("string", "int")),
    (
        "string/byte-length",
        r#"(string/byte-length :a)"#,
        T("string", "keyword"),
    ),
    (
        "string-ref",
        r#"(string-ref "abc" 3)"#,
        E("string-ref: index 3 out of bounds"),
    ),
    ("string-ref", r#"(string-ref "abc" 1.0)"#, T("int", "float")),
    ("string/ref", r#"(string/ref 5 0)"#, T("string", "int")),
    (
        "substring",
        r#"(substring "abc" 2 1)"#,
        E("substring: index out of bounds"),
    ),
    (
        "substring",
        r#"(substring "abc" 4)"#,
        E("substring: index out of bounds"),
    ),
    (
        "substring",
        r#"(substring "abc" -1)"#,
        E("substring: index out of bounds"),
    ),
    ("string/slice", r#"(string/slice 5 0)"#, T("string", "int")),
    (
        "string/take",
        r#"(string/take "abc" "1")"#,
        T("int", "string"),
    ),
    ("string/chars", r#"(string/chars 5)"#, T("string", "int")),
    (
        "string->list",
        r#"(string->list '(1))"#,
        T("string", "list"),
    ),
    (
        "string/to-list",
        r#"(string/to-list nil)"#,
        T("string", "nil"),
    ),
    (
        "list->string",
        r#"(list->string [#\a])"#,
        T("list", "vector"),
    ),
    (
        "list->string",
        r#"(list->string '(#\a 1))"#,
        T("char", "int"),
    ),
    (
        "string/codepoints",
        r#"(string/codepoints #\a)"#,
        T("string", "char"),
    ),
    (
        "string/from-codepoints",
        r#"(string/from-codepoints '("a"))"#,
        T("int", "string"),
    ),
    (
        "string/from-codepoints",
        r#"(string/from-codepoints '(55296))"#,
        E("invalid codepoint"),
    ),
    (
        "string/empty?",
        r#"(string/empty? nil)"#,
        T("string", "nil"),
    ),
    (
        "string/number?",
        r#"(string/number? 5)"#,
        T("string", "int"),
    ),
    (
        "string/intern",
        r#"(string/intern :a)"#,
        T("string", "keyword"),
    ),
    // §9.2 searching
    (
        "string/contains?",
        r#"(string/contains? "abc" #\a)"#,
        T("string", "char"),
    ),
    (
        "string/starts-with?",
        r#"(string/starts-with? nil "a")"#,
        T("string", "nil"),
    ),
    (
        "string/ends-with?",
        r#"(string/ends-with? "a" 1)"#,
        T("string", "int"),
    ),
    (
        "string/index-of",
        r#"(string/index-of "a" :a)"#,
        T("string", "keyword"),
    ),
    (
        "string/last-index-of",
        r#"(string/last-index-of 5 "a")"#,
        T("string", "int"),
    ),
    (
        "string-ci=?",
        r#"(string-ci=? "a" 'a)"#,
        T("string", "symbol"),
    ),
    // §9.3 transforming
    ("string/upper", r#"(string/upper 5)"#, T("string", "int")),
    (
        "string-upcase",
        r#"(string-upcase #\a)"#,
        T("string", "char"),
    ),
    ("string/lower", r#"(string/lower 5)"#, T("string", "int")),
    (
        "string-downcase",
        r#"(string-downcase :A)"#,
        T("string", "keyword"),
    ),
    (
        "string/foldcase",
        r#"(string/foldcase 5)"#,
        T("string", "int"),
    ),
    (
        "string/capitalize",
        r#"(string/capitalize 5)"#,
        T("string", "int"),
    ),
    (
        "string/title-case",
        r#"(string/title-case 5)"#,
        T("string", "int"),
    ),
    ("string/trim", r#"(string/trim 5)"#, T("string", "int")),
    ("string-trim", r#"(string-trim nil)"#, T("string", "nil")),
    (
        "string/trim-left",
        r#"(string/trim-left 5)"#,
        T("string", "int"),
    ),
    (
        "string/trim-right",
        r#"(string/trim-right 5)"#,
        T("string", "int"),
    ),
    (
        "string/reverse",
        r#"(string/reverse '(1 2))"#,
        T("string", "list"),
    ),
    (
        "string/repeat",
        r#"(string/repeat "ab" -1)"#,
        E("string/repeat"),
    ),
    (
        "string/repeat",
        r#"(string/repeat "ab" 9223372036854775807)"#,
        E("string/repeat"),
    ),
    (
        "string/repeat",
        r#"(string/repeat 5 2)"#,
        T("string", "int"),
    ),
    (
        "make-string",
        r#"(make-string "ab" -1)"#,
        E("string/repeat"),
    ),
    (
        "string/pad-left",
        r#"(string/pad-left "5" -1)"#,
        E("string/pad-left"),
    ),
    (
        "string/pad-left",
        r#"(string/pad-left "5" 9223372036854775807)"#,
        E("string/pad-left"),
    ),
    (
        "string/pad-left",
        r#"(string/pad-left 5 3)"#,
        T("string", "int"),
    ),
    (
        "string/pad-right",
        r#"(string/pad-right "5" -3)"#,
        E("string/pad-right"),
    ),
    (
        "string/pad-right",
        r#"(string/pad-right "5" 3 #\x)"#,
        T("string", "char"),
    ),
    (
        "string/replace",
        r#"(string/replace "abc" #\a "b")"#,
        T("string", "char"),
    ),
    (
        "string/replace-first",
        r#"(string/replace-first "a" "a" 5)"#,
        T("string", "int"),
    ),
    (
        "string/replace-last",
        r#"(string/replace-last 5 "a" "b")"#,
        T("string", "int"),
    ),
    (
        "string/remove",
        r#"(string/remove "abc" 5)"#,
        T("string", "int"),
    ),
    (
        "string/map",
        r#"(string/map (fn (c) 1) "ab")"#,
        T("char or string", "int"),
    ),
    (
        "string/map",
        r#"(string/map (fn (c) c) 5)"#,
        T("string", "int"),
    ),
    (
        "string/normalize",
        r#"(string/normalize "a" "xx")"#,
        E("string/normalize: unknown form"),
    ),
    (
        "string/normalize",
        r#"(string/normalize "a" 5)"#,
        T("string or keyword", "int"),
    ),
    (
        "string/split",
        r#"(string/split "a,b" #\,)"#,
        T("string", "char"),
    ),
    (
        "string-split",
        r#"(string-split 5 ",")"#,
        T("string", "int"),
    ),
    (
        "string/join",
        r#"(string/join 5 ",")"#,
        T("list or vector", "int"),
    ),
    (
        "string/join",
        r#"(string/join '("a") 5)"#,
        T("string", "int"),
    ),
    (
        "string-join",
        r#"(string-join "ab" ",")"#,
        T("list or vector", "string"),
    ),
    // §9.4 delimiters
    (
        "string/after",
        r#"(string/after 5 "a")"#,
        T("string", "int"),
    ),
    (
        "string/after-last",
        r#"(string/after-last "a" 5)"#,
        T("string", "int"),
    ),
    (
        "string/before",
        r#"(string/before 5 "a")"#,
        T("string", "int"),
    ),
    (
        "string/before-last",
        r#"(string/before-last "a" nil)"#,
        T("string", "nil"),
    ),
    (
        "string/between",
        r#"(string/between "a" "b" 5)"#,
        T("string", "int"),
    ),
    (
        "string/chop-start",
        r#"(string/chop-start 5 "a")"#,
        T("string", "int"),
    ),
    (
        "string/chop-end",
        r#"(string/chop-end "a" 5)"#,
        T("string", "int"),
    ),
    (
        "string/ensure-start",
        r#"(string/ensure-start 5 "a")"#,
        T("string", "int"),
    ),
    (
        "string/ensure-end",
        r#"(string/ensure-end "a" 5)"#,
        T("string", "int"),
    ),
    (
        "string/wrap",
        r#"(string/wrap "a" "b" 5)"#,
        T("string", "int"),
    ),
    (
        "string/unwrap",
        r#"(string/unwrap 5 "a")"#,
        T("string", "int"),
    ),
    // §9.5 identifier case
    ("string/words", r#"(string/words 5)"#, T("string", "int")),
    (
        "string/snake-case",
        r#"(string/snake-case :a)"#,
        T("string", "keyword"),
    ),
    (
        "string/kebab-case",
        r#"(string/kebab-case 5)"#,
        T("string", "int"),
    ),
    (
        "string/camel-case",
        r#"(string/camel-case 5)"#,
        T("string", "int"),
    ),
    (
        "string/pascal-case",
        r#"(string/pascal-case 5)"#,
        T("string", "int"),
    ),
    (
        "string/headline",
        r#"(string/headline 5)"#,
        T("string", "int"),
    ),
    // §9.6 format
    ("format", r#"(format 5 1)"#, T("string", "int")),
    // §10 characters
    (
        "char->integer",
        r#"(char->integer "a")"#,
        T("char", "string"),
    ),
    (
        "char/to-integer",
        r#"(char/to-integer 97)"#,
        T("char", "int"),
    ),
    (
        "integer->char",
        r#"(integer->char -1)"#,
        E("integer->char: invalid codepoint -1"),
    ),
    (
        "integer->char",
        r#"(integer->char 55296)"#,
        E("integer->char: invalid codepoint 55296"),
    ),
    (
        "integer->char",
        r#"(integer->char 1114112)"#,
        E("integer->char: invalid codepoint 1114112"),
    ),
    (
        "integer->char",
        r#"(integer->char "a")"#,
        T("int", "string"),
    ),
    (
        "integer/to-char",
        r#"(integer/to-char 1.0)"#,
        T("int", "float"),
    ),
    ("char->string", r#"(char->string "a")"#, T("char", "string")),
    ("char/to-string", r#"(char/to-string 1)"#, T("char", "int")),
    (
        "string->char",
        r#"(string->char "")"#,
        E("string->char: empty string"),
    ),
    (
        "string->char",
        r#"(string->char "ab")"#,
        E("must have exactly one character"),
    ),
    (
        "string/to-char",
        r#"(string/to-char #\a)"#,
        T("string", "char"),
    ),
    (
        "char-alphabetic?",
        r#"(char-alphabetic? "a")"#,
        T("char", "string"),
    ),
    (
        "char/alphabetic?",
        r#"(char/alphabetic? 1)"#,
        T("char", "int"),
    ),
    (
        "char-numeric?",
        r#"(char-numeric? "1")"#,
        T("char", "string"),
    ),
    ("char/numeric?", r#"(char/numeric? 1)"#, T("char", "int")),
    (
        "char-whitespace?",
        r#"(char-whitespace? " ")"#,
        T("char", "string"),
    ),
    (
        "char/whitespace?",
        r#"(char/whitespace? nil)"#,
        T("char", "nil"),
    ),
    (
        "char-upper-case?",
        r#"(char-upper-case? "A")"#,
        T("char", "string"),
    ),
    (
        "char/upper-case?",
        r#"(char/upper-case? 1)"#,
        T("char", "int"),
    ),
    (
        "char-lower-case?",
        r#"(char-lower-case? "a")"#,
        T("char", "string"),
    ),
    (
        "char/lower-case?",
        r#"(char/lower-case? 1)"#,
        T("char", "int"),
    ),
    ("char-upcase", r#"(char-upcase "a")"#, T("char", "string")),
    ("char/upcase", r#"(char/upcase 1)"#, T("char", "int")),
    (
        "char-downcase",
        r#"(char-downcase "A")"#,
        T("char", "string"),
    ),
    ("char/downcase", r#"(char/downcase 1)"#, T("char", "int")),
    ("char=?", r#"(char=? #\a "a")"#, T("char", "string")),
    ("char<?", r#"(char<? 1 #\a)"#, T("char", "int")),
    ("char>?", r#"(char>? #\a nil)"#, T("char", "nil")),
    ("char<=?", r#"(char<=? "a" #\a)"#, T("char", "string")),
    ("char>=?", r#"(char>=? #\a 1)"#, T("char", "int")),
    ("char-ci=?", r#"(char-ci=? #\a "A")"#, T("char", "string")),
    ("char-ci<?", r#"(char-ci<? 1 #\a)"#, T("char", "int")),
    ("char-ci>?", r#"(char-ci>? #\a 1)"#, T("char", "int")),
    ("char-ci<=?", r#"(char-ci<=? #\a :a)"#, T("char", "keyword")),
    ("char-ci>=?", r#"(char-ci>=? "a" #\a)"#, T("char", "string")),
    // §11 conversions
    (
        "string->symbol",
        r#"(string->symbol 5)"#,
        T("string", "int"),
    ),
    (
        "string/to-symbol",
        r#"(string/to-symbol :a)"#,
        T("string", "keyword"),
    ),
    (
        "symbol->string",
        r#"(symbol->string :a)"#,
        T("symbol", "keyword"),
    ),
    (
        "symbol/to-string",
        r#"(symbol/to-string "a")"#,
        T("symbol", "string"),
    ),
    (
        "string->keyword",
        r#"(string->keyword 5)"#,
        T("string", "int"),
    ),
    (
        "string/to-keyword",
        r#"(string/to-keyword 'a)"#,
        T("string", "symbol"),
    ),
    (
        "keyword->string",
        r#"(keyword->string 'a)"#,
        T("keyword", "symbol"),
    ),
    (
        "keyword/to-string",
        r#"(keyword/to-string "a")"#,
        T("keyword", "string"),
    ),
    (
        "number->string",
        r#"(number->string "1")"#,
        T("number", "string"),
    ),
    (
        "number/to-string",
        r#"(number/to-string nil)"#,
        T("number", "nil"),
    ),
    (
        "string->number",
        r#"(string->number "abc")"#,
        E("cannot parse 'abc' as number"),
    ),
    (
        "string->number",
        r#"(string->number " 1")"#,
        E("cannot parse ' 1' as number"),
    ),
    (
        "string->number",
        r#"(string->number 5)"#,
        T("string", "int"),
    ),
    (
        "string/to-number",
        r#"(string/to-number "1x")"#,
        E("cannot parse '1x' as number"),
    ),
    (
        "string->float",
        r#"(string->float "abc")"#,
        E("cannot parse 'abc' as float"),
    ),
    (
        "string->float",
        r#"(string->float nil)"#,
        T("string or number", "nil"),
    ),
    (
        "string/to-float",
        r#"(string/to-float "")"#,
        E("cannot parse '' as float"),
    ),
    // §12 bytevectors
    (
        "bytevector",
        r#"(bytevector 1 256)"#,
        E("bytevector: byte value 256 at index 1 out of range 0..255"),
    ),
    ("bytevector", r#"(bytevector "a")"#, T("int", "string")),
    (
        "make-bytevector",
        r#"(make-bytevector -1)"#,
        E("make-bytevector"),
    ),
    (
        "make-bytevector",
        r#"(make-bytevector 2 256)"#,
        E("make-bytevector"),
    ),
    (
        "make-bytevector",
        r#"(make-bytevector 9223372036854775807)"#,
        E("make-bytevector"),
    ),
    (
        "make-bytevector",
        r#"(make-bytevector "a")"#,
        T("int", "string"),
    ),
    (
        "bytevector/new",
        r#"(bytevector/new 1 -1)"#,
        E("make-bytevector"),
    ),
    (
        "bytevector-length",
        r#"(bytevector-length "ab")"#,
        T("bytevector", "string"),
    ),
    (
        "bytevector/length",
        r#"(bytevector/length '(1))"#,
        T("bytevector", "list"),
    ),
    (
        "bytevector-u8-ref",
        r#"(bytevector-u8-ref (bytevector 1) 1)"#,
        E("index 1 out of range for bytevector of length 1"),
    ),
    (
        "bytevector-u8-ref",
        r#"(bytevector-u8-ref "a" 0)"#,
        T("bytevector", "string"),
    ),
    (
        "bytevector/ref",
        r#"(bytevector/ref (bytevector 1) -1)"#,
        E("out of range for bytevector of length 1"),
    ),
    (
        "bytevector-u8-set!",
        r#"(bytevector-u8-set! (bytevector 1) 1 0)"#,
        E("index 1 out of range"),
    ),
    (
        "bytevector-u8-set!",
        r#"(bytevector-u8-set! (bytevector 1) 0 256)"#,
        E("256"),
    ),
    (
        "bytevector/set!",
        r#"(bytevector/set! (bytevector 1) 0 -1)"#,
        E("-1"),
    ),
    (
        "bytevector-copy",
        r#"(bytevector-copy (bytevector 1 2) 1 0)"#,
        E("bytevector-copy: range 1..0 out of bounds"),
    ),
    (
        "bytevector-copy",
        r#"(bytevector-copy (bytevector 1) 2)"#,
        E("bytevector-copy: range 2..1 out of bounds"),
    ),
    (
        "bytevector/copy",
        r#"(bytevector/copy "ab")"#,
        T("bytevector", "string"),
    ),
    (
        "bytevector-append",
        r#"(bytevector-append (bytevector 1) "a")"#,
        T("bytevector", "string"),
    ),
    (
        "bytevector/append",
        r#"(bytevector/append 1)"#,
        T("bytevector", "int"),
    ),
    (
        "bytevector->list",
        r#"(bytevector->list '(1))"#,
        T("bytevector", "list"),
    ),
    (
        "bytevector/to-list",
        r#"(bytevector/to-list "a")"#,
        T("bytevector", "string"),
    ),
    (
        "list->bytevector",
        r#"(list->bytevector [1])"#,
        T("list", "vector"),
    ),
    (
        "list->bytevector",
        r#"(list->bytevector '(256))"#,
        E("256 out of range 0..255"),
    ),
    (
        "list->bytevector",
        r#"(list->bytevector '("a"))"#,
        T("int", "string"),
    ),
    (
        "list/to-bytevector",
        r#"(list/to-bytevector '(1.0))"#,
        T("int", "float"),
    ),
    ("string->utf8", r#"(string->utf8 5)"#, T("string", "int")),
    (
        "string/to-utf8",
        r#"(string/to-utf8 #\a)"#,
        T("string", "char"),
    ),
    (
        "utf8->string",
        r#"(utf8->string (bytevector 255))"#,
        E("utf8->string: invalid UTF-8"),
    ),
    (
        "utf8->string",
        r#"(utf8->string "a")"#,
        T("bytevector", "string"),
    ),
    (
        "utf8/to-string",
        r#"(utf8/to-string (bytevector 192 128))"#,
        E("invalid UTF-8"),
    ),
    // §13 console I/O: only arity errors (see NEVER_FAILS / ARITY)
    (
        "newline",
        r#"(newline 1)"#,
        A("newline expects 0 args, got 1"),
    ),
    ("pprint", r#"(pprint)"#, A("pprint expects 1 args, got 0")),
    (
        "pprint",
        r#"(pprint 1 2)"#,
        A("pprint expects 1 args, got 2"),
    ),
    (
        "log/info",
        r#"(log/info)"#,
        A("log/info expects 1+ args, got 0"),
    ),
    (
        "log/warn",
        r#"(log/warn)"#,
        A("log/warn expects 1+ args, got 0"),
    ),
    (
        "log/error",
        r#"(log/error)"#,
        A("log/error expects 1+ args, got 0"),
    ),
    (
        "log/debug",
        r#"(log/debug)"#,
        A("log/debug expects 1+ args, got 0"),
    ),
    (
        "read-line",
        r#"(read-line 1)"#,
        A("read-line expects 0 args, got 1"),
    ),
    (
        "io/read-line",
        r#"(io/read-line 1)"#,
        A("read-line expects 0 args, got 1"),
    ),
    (
        "read-stdin",
        r#"(read-stdin 1)"#,
        A("read-stdin expects 0 args, got 1"),
    ),
    (
        "io/read-stdin",
        r#"(io/read-stdin 1)"#,
        A("read-stdin expects 0 args, got 1"),
    ),
    // §14 files
    (
        "file/read",
        r#"(file/read "/nonexistent/sema-x")"#,
        Io("file/read /nonexistent/sema-x: No such file or directory"),
    ),
    ("file/read", r#"(file/read 5)"#, T("string", "int")),
    (
        "file/read-bytes",
        r#"(file/read-bytes "/nonexistent/sema-x")"#,
        Io("file/read-bytes /nonexistent/sema-x: "),
    ),
    (
        "file/read-bytes",
        r#"(file/read-bytes nil)"#,
        T("string", "nil"),
    ),
    (
        "file/write",
        r#"(file/write "/nonexistent/sema-x" "a")"#,
        Io("file/write /nonexistent/sema-x: "),
    ),
    (
        "file/write",
        r#"(file/write "/nonexistent/sema-x" 5)"#,
        T("string", "int"),
    ),
    (
        "file/write-bytes",
        r#"(file/write-bytes "/nonexistent/sema-x" (bytevector 1))"#,
        Io("file/write-bytes /nonexistent/sema-x: "),
    ),
    (
        "file/write-bytes",
        r#"(file/write-bytes "/nonexistent/sema-x" "a")"#,
        T("bytevector", "string"),
    ),
    (
        "file/append",
        r#"(file/append "/nonexistent/sema-x" "a")"#,
        Io("file/append /nonexistent/sema-x: "),
    ),
    (
        "file/append",
        r#"(file/append "/nonexistent/sema-x" 5)"#,
        T("string", "int"),
    ),
    (
        "file/read-lines",
        r#"(file/read-lines "/nonexistent/sema-x")"#,
        Io("file/read-lines /nonexistent/sema-x: "),
    ),
    (
        "file/read-lines",
        r#"(file/read-lines 5)"#,
        T("string", "int"),
    ),
    (
        "file/write-lines",
        r#"(file/write-lines "/nonexistent/sema-x" '("a"))"#,
        Io("file/write-lines /nonexistent/sema-x: "),
    ),
    (
        "file/write-lines",
        r#"(file/write-lines "/nonexistent/sema-x" 5)"#,
        T("list or vector", "int"),
    ),
    (
        "file/for-each-line",
        r#"(file/for-each-line "/nonexistent/sema-x" print)"#,
        Io("file/for-each-line /nonexistent/sema-x: "),
    ),
    (
        "file/for-each-line",
        r#"(file/for-each-line 5 print)"#,
        T("string", "int"),
    ),
    (
        "file/fold-lines",
        r#"(file/fold-lines "/nonexistent/sema-x" + 0)"#,
        Io("file/fold-lines /nonexistent/sema-x: "),
    ),
    (
        "file/fold-lines",
        r#"(file/fold-lines :a + 0)"#,
        T("string", "keyword"),
    ),
    ("file/exists?", r#"(file/exists? 5)"#, T("string", "int")),
    ("file/is-file?", r#"(file/is-file? 5)"#, T("string", "int")),
    (
        "file/is-directory?",
        r#"(file/is-directory? nil)"#,
        T("string", "nil"),
    ),
    (
        "file/is-symlink?",
        r#"(file/is-symlink? 5)"#,
        T("string", "int"),
    ),
    (
        "file/delete",
        r#"(file/delete "/nonexistent/sema-x")"#,
        Io("file/delete /nonexistent/sema-x: "),
    ),
    ("file/delete", r#"(file/delete 5)"#, T("string", "int")),
    (
        "file/rename",
        r#"(file/rename "/nonexistent/sema-x" "/nonexistent/sema-y")"#,
        Io("file/rename /nonexistent/sema-x"),
    ),
    (
        "file/rename",
        r#"(file/rename "/nonexistent/sema-x" 5)"#,
        T("string", "int"),
    ),
    (
        "file/copy",
        r#"(file/copy "/nonexistent/sema-x" "/nonexistent/sema-y")"#,
        Io("file/copy /nonexistent/sema-x"),
    ),
    (
        "file/copy",
        r#"(file/copy 5 "/nonexistent/sema-y")"#,
        T("string", "int"),
    ),
    (
        "file/mkdir",
        r#"(file/mkdir "/proc/sema-x/y")"#,
        Io("file/mkdir /proc/sema-x/y: "),
    ),
    ("file/mkdir", r#"(file/mkdir 5)"#, T("string", "int")),
    (
        "file/list",
        r#"(file/list "/nonexistent/sema-x")"#,
        Io("file/list /nonexistent/sema-x: "),
    ),
    ("file/list", r#"(file/list 5)"#, T("string", "int")),
    ("file/glob", r#"(file/glob "[")"#, E("file/glob")),
    ("file/glob", r#"(file/glob 5)"#, T("string", "int")),
    (
        "file/info",
        r#"(file/info "/nonexistent/sema-x")"#,
        Io("file/info /nonexistent/sema-x: "),
    ),
    ("file/info", r#"(file/info 5)"#, T("string", "int")),
    ("path/join", r#"(path/join "a" 5)"#, T("string", "int")),
    ("path/dirname", r#"(path/dirname 5)"#, T("string", "int")),
    ("path/dir", r#"(path/dir 5)"#, T("string", "int")),
    ("path/basename", r#"(path/basename 5)"#, T("string", "int")),
    ("path/filename", r#"(path/filename 5)"#, T("string", "int")),
    (
        "path/extension",
        r#"(path/extension 5)"#,
        T("string", "int"),
    ),
    ("path/ext", r#"(path/ext 5)"#, T("string", "int")),
    ("path/stem", r#"(path/stem 5)"#, T("string", "int")),
    (
        "path/absolute",
        r#"(path/absolute "/nonexistent/sema-x")"#,
        Io("path/absolute /nonexistent/sema-x: "),
    ),
    ("path/absolute", r#"(path/absolute 5)"#, T("string", "int")),
    (
        "path/absolute?",
        r#"(path/absolute? 5)"#,
        T("string", "int"),
    ),
    // §15 reader and debugging
    ("read", r#"(read "(1 2")"#, R("unterminated list")),
    ("read", r#"(read 5)"#, T("string", "int")),
    ("read-many", r#"(read-many "(1")"#, R("unterminated list")),
    ("read-many", r#"(read-many 5)"#, T("string", "int")),
    (
        "io/read-many",
        r#"(io/read-many "\"abc")"#,
        R("unterminated string"),
    ),
    ("error", r#"(error)"#, E("error called with no message")),
    ("error", r#"(error "boom" 1 2)"#, E("boom")),
    ("gensym", r#"(gensym 5)"#, T("string", "int")),
    ("assert", r#"(assert #f)"#, E("assertion failed")),
    (
        "assert",
        r#"(assert nil "custom message")"#,
        E("custom message"),
    ),
    (
        "assert=",
        r#"(assert= "a" 1)"#,
        E("assertion failed: expected \"a\", got 1"),
    ),
    ("spy", r#"(spy 5 1)"#, T("string", "int")),
    ("time", r#"(time (fn () (error "inner")))"#, E("inner")),
    ("retry", r#"(retry 5)"#, T("function", "int")),
    (
        "retry",
        r#"(retry (fn () (error "always")) {:max-attempts 2 :base-delay-ms 0})"#,
        E("always"),
    ),
    (
        "load",
        r#"(let ((l load)) (l "/nonexistent/sema-x.sema"))"#,
        Io("/nonexistent/sema-x.sema"),
    ),
    ("load", r#"(let ((l load)) (l 5))"#, T("string", "int")),
    // §16 system
    ("env", r#"(env 5)"#, T("string", "int")),
    (
        "sys/set-env",
        r#"(sys/set-env "SEMA_TEST_X" 5)"#,
        T("string", "int"),
    ),
    ("shell", r#"(shell 5)"#, T("string", "int")),
    ("shell", r#"(shell "/nonexistent/sema-cmd" "a")"#, Io("")),
    ("sleep", r#"(sleep -1)"#, E("sleep")),
    ("sleep", r#"(sleep 1.5)"#, T("int", "float")),
    ("sys/which", r#"(sys/which 5)"#, T("string", "int")),
    ("exit", r#"(exit 1 2)"#, A("exit expects 0-1 args, got 2")),
    // §17 regex
    (
        "regex/match?",
        r#"(regex/match? "(" "a")"#,
        E("invalid regex pattern"),
    ),
    (
        "regex/match?",
        r#"(regex/match? 5 "a")"#,
        T("string", "int"),
    ),
    ("regex/match", r#"(regex/match "a" 5)"#, T("string", "int")),
    (
        "regex/match",
        r#"(regex/match "[" "a")"#,
        E("invalid regex pattern"),
    ),
    (
        "regex/find-all",
        r#"(regex/find-all "(" "a")"#,
        E("invalid regex pattern"),
    ),
    (
        "regex/find-all",
        r#"(regex/find-all "a" nil)"#,
        T("string", "nil"),
    ),
    (
        "regex/replace",
        r#"(regex/replace "a" 5 "a")"#,
        T("string", "int"),
    ),
    (
        "regex/replace",
        r#"(regex/replace "(?<=a)b" "x" "ab")"#,
        E("invalid regex pattern"),
    ),
    (
        "regex/replace-all",
        r#"(regex/replace-all "a" "b" 5)"#,
        T("string", "int"),
    ),
    (
        "regex/replace-all",
        r#"(regex/replace-all "(a)\\1" "b" "aa")"#,
        E("invalid regex pattern"),
    ),
    (
        "regex/split",
        r#"(regex/split "(" "a")"#,
        E("invalid regex pattern"),
    ),
    ("regex/split", r#"(regex/split "," 5)"#, T("string", "int")),
    // §18 JSON
    (
        "json/encode",
        r#"(json/encode #\a)"#,
        E("json/encode: Eval error: cannot encode char as JSON"),
    ),
    (
        "json/encode",
        r#"(json/encode math/nan)"#,
        E("json/encode: Eval error: cannot encode NaN/Infinity as JSON"),
    ),
    (
        "json/encode",
        r#"(json/encode [1 (bytevector 1)])"#,
        E("cannot encode bytevector as JSON"),
    ),
    (
        "json/encode-pretty",
        r#"(json/encode-pretty {:f car})"#,
        E("json/encode-pretty: Eval error: cannot encode native-fn as JSON"),
    ),
    ("json/decode", r#"(json/decode "[1")"#, E("json/decode: ")),
    ("json/decode", r#"(json/decode "1 2")"#, E("json/decode: ")),
    ("json/decode", r#"(json/decode 5)"#, T("string", "int")),
    // §19 CSV
    (
        "csv/parse",
        r#"(csv/parse "a,b\nc\n")"#,
        E("csv/parse: CSV error: "),
    ),
    ("csv/parse", r#"(csv/parse 5)"#, T("string", "int")),
    (
        "csv/parse-maps",
        r#"(csv/parse-maps "a,b\nc\n")"#,
        E("csv/parse-maps: CSV error: "),
    ),
    (
        "csv/parse-maps",
        r#"(csv/parse-maps nil)"#,
        T("string", "nil"),
    ),
    ("csv/encode", r#"(csv/encode [["a"]])"#, T("list", "vector")),
    ("csv/encode", r#"(csv/encode '(5))"#, T("list", "int")),
    // §20 TOML
    ("toml/decode", r#"(toml/decode "a = ")"#, E("toml/decode: ")),
    ("toml/decode", r#"(toml/decode 5)"#, T("string", "int")),
    (
        "toml/encode",
        r#"(toml/encode 5)"#,
        E("toml/encode: top-level value must be a map"),
    ),
    (
        "toml/encode",
        r#"(toml/encode {:a nil})"#,
        E("toml/encode: cannot encode nil"),
    ),
    (
        "toml/encode",
        r#"(toml/encode {:a #\c})"#,
        E("toml/encode: "),
    ),
    // §21 date and time
    (
        "time/format",
        r#"(time/format "a" "%Y")"#,
        T("number", "string"),
    ),
    ("time/format", r#"(time/format 0 5)"#, T("string", "int")),
    (
        "time/format",
        r#"(time/format 1e300 "%Y")"#,
        E("time/format"),
    ),
    (
        "time/parse",
        r#"(time/parse "2020-01-01" "%Y-%m-%d")"#,
        E("time/parse: input is not enough for unique date and time"),
    ),
    (
        "time/parse",
        r#"(time/parse "x" "%Y-%m-%d %H:%M")"#,
        E("time/parse: "),
    ),
    ("time/parse", r#"(time/parse 5 "%Y")"#, T("string", "int")),
    (
        "time/date-parts",
        r#"(time/date-parts "a")"#,
        T("number", "string"),
    ),
    (
        "time/date-parts",
        r#"(time/date-parts math/nan)"#,
        E("time/date-parts"),
    ),
    ("time/add", r#"(time/add "a" 1)"#, T("number", "string")),
    ("time/diff", r#"(time/diff 1 "a")"#, T("number", "string")),
    // §22 hashing, encoding
    ("hash/sha256", r#"(hash/sha256 5)"#, T("string", "int")),
    ("hash/md5", r#"(hash/md5 nil)"#, T("string", "nil")),
    (
        "hash/hmac-sha256",
        r#"(hash/hmac-sha256 "k" 5)"#,
        T("string", "int"),
    ),
    ("base64/encode", r#"(base64/encode 5)"#, T("string", "int")),
    (
        "base64/decode",
        r#"(base64/decode "!!")"#,
        E("base64/decode"),
    ),
    (
        "base64/decode",
        r#"(base64/decode "/w==")"#,
        E("base64/decode"),
    ),
    ("base64/decode", r#"(base64/decode 5)"#, T("string", "int")),
    (
        "base64/encode-bytes",
        r#"(base64/encode-bytes "a")"#,
        T("bytevector", "string"),
    ),
    (
        "base64/decode-bytes",
        r#"(base64/decode-bytes "!!")"#,
        E("base64/decode-bytes"),
    ),
    (
        "base64/decode-bytes",
        r#"(base64/decode-bytes 5)"#,
        T("string", "int"),
    ),
    // §23 context store (later)
    ("context/merge", r#"(context/merge 5)"#, T("map", "int")),
    (
        "context/with",
        r#"(context/with 5 (fn () 1))"#,
        T("map", "int"),
    ),
    (
        "context/with",
        r#"(context/with {} 5)"#,
        T("function", "int"),
    ),
    (
        "context/with",
        r#"(context/with {:a 1} (fn () (error "inside")))"#,
        E("inside"),
    ),
    // §24 text and terminal (later)
    (
        "text/word-count",
        r#"(text/word-count 5)"#,
        T("string", "int"),
    ),
    (
        "text/clean-whitespace",
        r#"(text/clean-whitespace 5)"#,
        T("string", "int"),
    ),
    (
        "text/normalize-newlines",
        r#"(text/normalize-newlines 5)"#,
        T("string", "int"),
    ),
    (
        "text/trim-indent",
        r#"(text/trim-indent 5)"#,
        T("string", "int"),
    ),
    (
        "text/truncate",
        r#"(text/truncate "abc" "a")"#,
        T("int", "string"),
    ),
    (
        "text/strip-html",
        r#"(text/strip-html 5)"#,
        T("string", "int"),
    ),
    (
        "text/split-sentences",
        r#"(text/split-sentences 5)"#,
        T("string", "int"),
    ),
    (
        "text/chunk-by-separator",
        r#"(text/chunk-by-separator "a" 5)"#,
        T("string", "int"),
    ),
    ("text/chunk", r#"(text/chunk 5)"#, T("string", "int")),
    (
        "text/excerpt",
        r#"(text/excerpt 5 "a")"#,
        T("string", "int"),
    ),
    (
        "prompt/template",
        r#"(prompt/template 5)"#,
        T("string", "int"),
    ),
    ("prompt/render", r#"(prompt/render "a" 5)"#, T("map", "int")),
    (
        "document/create",
        r#"(document/create 5 {})"#,
        T("string", "int"),
    ),
    ("document/text", r#"(document/text 5)"#, T("map", "int")),
    (
        "document/metadata",
        r#"(document/metadata 5)"#,
        T("map", "int"),
    ),
    ("document/chunk", r#"(document/chunk 5)"#, T("map", "int")),
    ("term/bold", r#"(term/bold 5)"#, T("string", "int")),
    ("term/dim", r#"(term/dim 5)"#, T("string", "int")),
    ("term/italic", r#"(term/italic 5)"#, T("string", "int")),
    (
        "term/underline",
        r#"(term/underline 5)"#,
        T("string", "int"),
    ),
    ("term/inverse", r#"(term/inverse 5)"#, T("string", "int")),
    (
        "term/strikethrough",
        r#"(term/strikethrough 5)"#,
        T("string", "int"),
    ),
    ("term/black", r#"(term/black 5)"#, T("string", "int")),
    ("term/red", r#"(term/red 5)"#, T("string", "int")),
    ("term/green", r#"(term/green 5)"#, T("string", "int")),
    ("term/yellow", r#"(term/yellow 5)"#, T("string", "int")),
    ("term/blue", r#"(term/blue 5)"#, T("string", "int")),
    ("term/magenta", r#"(term/magenta 5)"#, T("string", "int")),
    ("term/cyan", r#"(term/cyan 5)"#, T("string", "int")),
    ("term/white", r#"(term/white 5)"#, T("string", "int")),
    ("term/gray", r#"(term/gray 5)"#, T("string", "int")),
    (
        "term/style",
        r#"(term/style "a" :nope)"#,
        E("term/style: unknown style keyword"),
    ),
    ("term/style", r#"(term/style "a" 5)"#, T("keyword", "int")),
    ("term/rgb", r#"(term/rgb "a" "r" 1 1)"#, T("int", "string")),
    ("term/strip", r#"(term/strip 5)"#, T("string", "int")),
];

/// Names whose spec rows admit no type, value or I/O error for any argument
/// (predicates, display functions, constructors of any values, argument-free
/// queries); their only error case is the arity one, if any.
const NEVER_FAILS: &[&str] = &[
    // §2: any value is accepted
    "math/random",
    "math/nan?",
    "math/infinite?",
    // §3: any values
    "=",
    "eq?",
    "equal?",
    "not",
    // §4: type predicates accept every value
    "null?",
    "nil?",
    "list?",
    "pair?",
    "vector?",
    "number?",
    "integer?",
    "float?",
    "string?",
    "symbol?",
    "keyword?",
    "char?",
    "map?",
    "hash-map?",
    "bool?",
    "boolean?",
    "fn?",
    "procedure?",
    "bytevector?",
    "record?",
    "promise?",
    "type",
    "type-of",
    // §6, §7: any values
    "list",
    "cons",
    "flatten-deep",
    "vector",
    // §8: a non-map side is replaced by the other
    "deep-merge",
    "map/deep-merge",
    // §9: display forms of any values
    "str",
    "string-append",
    "string/append",
    // §13: display any values (an I/O error needs a closed stdout)
    "println",
    "display",
    "print",
    "print-error",
    "io/print-error",
    "println-error",
    "io/println-error",
    "newline",
    "pprint",
    "log/info",
    "log/warn",
    "log/error",
    "log/debug",
    // §13: an :io error needs a failing stdin
    "read-line",
    "io/read-line",
    "read-stdin",
    "io/read-stdin",
    // §16: not catchable; only the arity error
    "exit",
    // §16: argument-free queries
    "sys/env-all",
    "sys/args",
    "time-ms",
    "sys/elapsed",
    "sys/cwd",
    "sys/home-dir",
    "sys/sema-home",
    "sys/temp-dir",
    "sys/hostname",
    "sys/user",
    "sys/pid",
    "sys/platform",
    "sys/os",
    "sys/arch",
    "sys/interactive?",
    "sys/tty",
    "sys/interner-stats",
    // §21, §22
    "time/now",
    "uuid/v4",
    // §23: keys are any values
    "context/set",
    "context/get",
    "context/has?",
    "context/remove",
    "context/pull",
    "context/all",
    "context/clear",
    "context/push",
    "context/stack",
    "context/pop",
    "context/set-hidden",
    "context/get-hidden",
    "context/has-hidden?",
];

/// The argument count of every bound name, from the spec rows ("N" exact,
/// "N+" at least N, "L-H" a range).
const ARITY: &[(&str, &[&str])] = &[
    (
        "0",
        &[
            "math/random",
            "newline",
            "read-line",
            "io/read-line",
            "read-stdin",
            "io/read-stdin",
            "sys/env-all",
            "sys/args",
            "time-ms",
            "sys/elapsed",
            "sys/cwd",
            "sys/home-dir",
            "sys/sema-home",
            "sys/temp-dir",
            "sys/hostname",
            "sys/user",
            "sys/pid",
            "sys/platform",
            "sys/os",
            "sys/arch",
            "sys/interactive?",
            "sys/tty",
            "sys/interner-stats",
            "time/now",
            "uuid/v4",
            "context/all",
            "context/clear",
        ],
    ),
    (
        "0+",
        &[
            "+",
            "*",
            "list",
            "append",
            "vector",
            "hash-map",
            "map/new",
            "assoc",
            "merge",
            "deep-merge",
            "map/deep-merge",
            "hashmap/new",
            "hashmap/assoc",
            "str",
            "string-append",
            "string/append",
            "bytevector",
            "bytevector-append",
            "bytevector/append",
            "println",
            "display",
            "print",
            "print-error",
            "io/print-error",
            "println-error",
            "io/println-error",
            "error",
        ],
    ),
    ("0-1", &["gensym", "exit"]),
    (
        "1",
        &[
            // §1
            "abs",
            "floor",
            "ceil",
            "ceiling",
            "round",
            "truncate",
            "sqrt",
            "log",
            "sin",
            "cos",
            "int",
            "float",
            // §2
            "math/tan",
            "math/asin",
            "math/acos",
            "math/atan",
            "math/exp",
            "math/log10",
            "math/log2",
            "math/sinh",
            "math/cosh",
            "math/tanh",
            "math/degrees->radians",
            "math/radians->degrees",
            "math/sign",
            "math/nan?",
            "math/infinite?",
            // §3, §4
            "not",
            "zero?",
            "positive?",
            "negative?",
            "even?",
            "odd?",
            "null?",
            "nil?",
            "list?",
            "pair?",
            "vector?",
            "number?",
            "integer?",
            "float?",
            "string?",
            "symbol?",
            "keyword?",
            "char?",
            "map?",
            "hash-map?",
            "bool?",
            "boolean?",
            "fn?",
            "procedure?",
            "bytevector?",
            "record?",
            "promise?",
            "promise-forced?",
            "type",
            "type-of",
            // §5
            "bit/not",
            // §6
            "car",
            "first",
            "cdr",
            "rest",
            "caar",
            "cadr",
            "cdar",
            "cddr",
            "caaar",
            "caadr",
            "cadar",
            "caddr",
            "cdaar",
            "cdadr",
            "cddar",
            "cdddr",
            "last",
            "length",
            "reverse",
            "flatten",
            "flatten-deep",
            "list/unique",
            "list/dedupe",
            "list/duplicates",
            "frequencies",
            "list/sum",
            "list/avg",
            "list/median",
            "list/mode",
            "list/min",
            "list/max",
            "list/shuffle",
            "list/pick",
            // §7
            "list->vector",
            "vector->list",
            // §8
            "keys",
            "vals",
            "count",
            "empty?",
            "map/entries",
            "map/from-entries",
            "map/sort-keys",
            "hashmap/keys",
            "hashmap/to-map",
            // §9
            "string-length",
            "string/length",
            "string/byte-length",
            "string/chars",
            "string->list",
            "string/to-list",
            "list->string",
            "string/codepoints",
            "string/from-codepoints",
            "string/empty?",
            "string/number?",
            "string/intern",
            "string/upper",
            "string-upcase",
            "string/lower",
            "string-downcase",
            "string/foldcase",
            "string/capitalize",
            "string/title-case",
            "string/trim",
            "string-trim",
            "string/trim-left",
            "string/trim-right",
            "string/reverse",
            "string/words",
            "string/snake-case",
            "string/kebab-case",
            "string/camel-case",
            "string/pascal-case",
            "string/headline",
            // §10
            "char->integer",
            "char/to-integer",
            "integer->char",
            "integer/to-char",
            "char->string",
            "char/to-string",
            "string->char",
            "string/to-char",
            "char-alphabetic?",
            "char/alphabetic?",
            "char-numeric?",
            "char/numeric?",
            "char-whitespace?",
            "char/whitespace?",
            "char-upper-case?",
            "char/upper-case?",
            "char-lower-case?",
            "char/lower-case?",
            "char-upcase",
            "char/upcase",
            "char-downcase",
            "char/downcase",
            // §11
            "string->symbol",
            "string/to-symbol",
            "symbol->string",
            "symbol/to-string",
            "string->keyword",
            "string/to-keyword",
            "keyword->string",
            "keyword/to-string",
            "number->string",
            "number/to-string",
            "string->number",
            "string/to-number",
            "string->float",
            "string/to-float",
            // §12
            "bytevector-length",
            "bytevector/length",
            "bytevector->list",
            "bytevector/to-list",
            "list->bytevector",
            "list/to-bytevector",
            "string->utf8",
            "string/to-utf8",
            "utf8->string",
            "utf8/to-string",
            // §13
            "pprint",
            // §14
            "file/read",
            "file/read-bytes",
            "file/read-lines",
            "file/exists?",
            "file/is-file?",
            "file/is-directory?",
            "file/is-symlink?",
            "file/delete",
            "file/mkdir",
            "file/list",
            "file/glob",
            "file/info",
            "path/dirname",
            "path/dir",
            "path/basename",
            "path/filename",
            "path/extension",
            "path/ext",
            "path/stem",
            "path/absolute",
            "path/absolute?",
            // §15
            "read",
            "read-many",
            "io/read-many",
            "time",
            "load",
            // §16
            "env",
            "sleep",
            "sys/which",
            // §18-§22
            "json/encode",
            "json/encode-pretty",
            "json/decode",
            "csv/parse",
            "csv/parse-maps",
            "csv/encode",
            "toml/decode",
            "toml/encode",
            "time/date-parts",
            "hash/sha256",
            "hash/md5",
            "base64/encode",
            "base64/decode",
            "base64/encode-bytes",
            "base64/decode-bytes",
            // §23, §24
            "context/get",
            "context/has?",
            "context/remove",
            "context/pull",
            "context/merge",
            "context/stack",
            "context/pop",
            "context/get-hidden",
            "context/has-hidden?",
            "text/word-count",
            "text/clean-whitespace",
            "text/normalize-newlines",
            "text/trim-indent",
            "text/strip-html",
            "text/split-sentences",
            "prompt/template",
            "document/text",
            "document/metadata",
            "term/bold",
            "term/dim",
            "term/italic",
            "term/underline",
            "term/inverse",
            "term/strikethrough",
            "term/black",
            "term/red",
            "term/green",
            "term/yellow",
            "term/blue",
            "term/magenta",
            "term/cyan",
            "term/white",
            "term/gray",
            "term/strip",
        ],
    ),
    (
        "1+",
        &[
            "-",
            "min",
            "max",
            "format",
            "log/info",
            "log/warn",
            "log/error",
            "log/debug",
            "path/join",
            "shell",
            "term/style",
        ],
    ),
    (
        "1-2",
        &[
            "sort",
            "make-bytevector",
            "bytevector/new",
            "assert",
            "retry",
            "text/chunk",
            "document/chunk",
        ],
    ),
    (
        "1-3",
        &["range", "iota", "bytevector-copy", "bytevector/copy"],
    ),
    (
        "2",
        &[
            // §1, §2
            "mod",
            "modulo",
            "pow",
            "expt",
            "math/pow",
            "math/quotient",
            "math/remainder",
            "math/gcd",
            "math/lcm",
            "math/atan2",
            "math/random-int",
            // §3
            "eq?",
            "equal?",
            // §5
            "bit/and",
            "bit/or",
            "bit/xor",
            "bit/shift-left",
            "bit/shift-right",
            // §6
            "cons",
            "nth",
            "make-list",
            "list/repeat",
            "list/times",
            "for-each",
            "filter",
            "list/reject",
            "reduce",
            "flat-map",
            "any",
            "some?",
            "any?",
            "every",
            "every?",
            "partition",
            "take-while",
            "list/take-while",
            "drop-while",
            "list/drop-while",
            "list/find",
            "list/sole",
            "list/group-by",
            "list/key-by",
            "tap",
            "sort-by",
            "take",
            "drop",
            "list/split-at",
            "list/chunk",
            "interpose",
            "list/cross-join",
            "member",
            "list/index-of",
            "list/diff",
            "list/intersect",
            "assq",
            "assv",
            "list/pluck",
            // §8
            "contains?",
            "map/map-vals",
            "map/map-keys",
            "map/filter",
            "map/select-keys",
            "map/except",
            "map/zip",
            "hashmap/contains?",
            // §9
            "string-ref",
            "string/ref",
            "string/take",
            "string/contains?",
            "string/starts-with?",
            "string/ends-with?",
            "string/index-of",
            "string/last-index-of",
            "string-ci=?",
            "string/repeat",
            "make-string",
            "string/remove",
            "string/map",
            "string/normalize",
            "string/split",
            "string-split",
            "string/join",
            "string-join",
            "string/after",
            "string/after-last",
            "string/before",
            "string/before-last",
            "string/chop-start",
            "string/chop-end",
            "string/ensure-start",
            "string/ensure-end",
            // §10
            "char=?",
            "char<?",
            "char>?",
            "char<=?",
            "char>=?",
            "char-ci=?",
            "char-ci<?",
            "char-ci>?",
            "char-ci<=?",
            "char-ci>=?",
            // §12
            "bytevector-u8-ref",
            "bytevector/ref",
            // §14
            "file/write",
            "file/write-bytes",
            "file/append",
            "file/write-lines",
            "file/for-each-line",
            "file/rename",
            "file/copy",
            // §15
            "assert=",
            "spy",
            // §16
            "sys/set-env",
            // §17
            "regex/match?",
            "regex/match",
            "regex/find-all",
            "regex/split",
            // §21, §22
            "time/format",
            "time/parse",
            "time/add",
            "time/diff",
            "hash/hmac-sha256",
            // §23, §24
            "context/set",
            "context/with",
            "context/push",
            "context/set-hidden",
            "text/chunk-by-separator",
            "prompt/render",
            "document/create",
        ],
    ),
    (
        "2+",
        &[
            "/",
            "<",
            ">",
            "<=",
            ">=",
            "=",
            "map",
            "mapcar",
            "apply",
            "zip",
            "list/interleave",
            "dissoc",
        ],
    ),
    (
        "2-3",
        &[
            "get",
            "hash-ref",
            "list/sliding",
            "list/join",
            "get-in",
            "map/get-in",
            "hashmap/get",
            "substring",
            "string/slice",
            "string/pad-left",
            "string/pad-right",
            "string/wrap",
            "string/unwrap",
            "text/truncate",
            "text/excerpt",
        ],
    ),
    (
        "3",
        &[
            "math/clamp",
            "math/lerp",
            "list/pad",
            "foldl",
            "fold",
            "foldr",
            "list/page",
            "map/update",
            "assoc-in",
            "map/assoc-in",
            "update-in",
            "map/update-in",
            "string/replace",
            "string/replace-first",
            "string/replace-last",
            "string/between",
            "bytevector-u8-set!",
            "bytevector/set!",
            "file/fold-lines",
            "regex/replace",
            "regex/replace-all",
        ],
    ),
    ("4", &["term/rgb"]),
    ("5", &["math/map-range"]),
];

/// Evaluates `src` in a fresh interpreter and checks its error against `want`.
fn check(src: &str, want: Want) -> Result<(), String> {
    let mut interp = Interpreter::new();
    let err = match interp.eval_str(src) {
        Ok(v) => return Err(format!("no error; value {v}")),
        Err(e) => e,
    };
    let msg = err.message().to_string();
    let ok = match (want, err.kind()) {
        (
            T(exp, got),
            ErrorKind::Type {
                expected, got: g, ..
            },
        ) => expected == exp && g == got,
        (E(frag), ErrorKind::Eval) | (Io(frag), ErrorKind::Io) => msg.contains(frag),
        (R(frag), ErrorKind::Reader { .. }) => msg.contains(frag),
        (A(text), ErrorKind::Arity) => msg == text,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("got {} {msg:?}", err.type_keyword()))
    }
}

#[test]
fn error_cases() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(name, src, want)| {
            check(src, *want)
                .err()
                .map(|e| format!("{name}: {src}\n    want {want:?}\n    {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} error cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// The spec arity of each name, from [`ARITY`].
fn spec_arities() -> BTreeMap<&'static str, &'static str> {
    let mut out = BTreeMap::new();
    for (arity, names) in ARITY {
        for n in *names {
            assert!(
                out.insert(*n, *arity).is_none(),
                "{n} listed twice in ARITY"
            );
        }
    }
    out
}

/// A wrong argument count for an arity text, if there is one.
fn wrong_count(arity: &str) -> Option<usize> {
    if let Some(min) = arity.strip_suffix('+') {
        let min: usize = min.parse().ok()?;
        return min.checked_sub(1);
    }
    if let Some((_, hi)) = arity.split_once('-') {
        return hi.parse::<usize>().ok().map(|h| h + 1);
    }
    arity.parse::<usize>().ok().map(|n| n + 1)
}

#[test]
fn arity_table_covers_every_name() {
    let table: BTreeSet<&str> = spec_arities().keys().copied().collect();
    let bound: BTreeSet<&str> = sema_stdlib::list_builtins().into_iter().collect();
    let missing: Vec<_> = bound.difference(&table).collect();
    let extra: Vec<_> = table.difference(&bound).collect();
    assert!(
        missing.is_empty(),
        "names without a spec arity: {missing:?}"
    );
    assert!(extra.is_empty(), "ARITY names not bound: {extra:?}");
}

#[test]
fn declared_arities_match_the_spec() {
    let mut failures = Vec::new();
    for (name, arity) in spec_arities() {
        let Some(b) = sema_stdlib::find(name) else {
            failures.push(format!("{name}: not bound"));
            continue;
        };
        if b.arity.to_string() != arity {
            failures.push(format!("{name}: declared {}, spec {arity}", b.arity));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn wrong_argument_counts_are_arity_errors() {
    let mut failures = Vec::new();
    for (name, arity) in spec_arities() {
        let Some(n) = wrong_count(arity) else {
            continue;
        };
        let target = sema_stdlib::find(name).map_or(name, |b| b.name);
        let args = vec!["1"; n].join(" ");
        let src = format!("({name} {args})");
        let want = format!("{target} expects {arity} args, got {n}");
        if let Err(e) = check(&src, A(Box::leak(want.into_boxed_str()))) {
            failures.push(format!("{src}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_name_has_an_error_case() {
    let arities = spec_arities();
    let bound = sema_stdlib::list_builtins();
    // Names with a type, value, I/O or reader error case (arity cases are
    // counted separately).
    let with_case: BTreeSet<&str> = CASES
        .iter()
        .filter(|(_, _, w)| !matches!(w, A(_)))
        .map(|(n, _, _)| *n)
        .collect();
    let never: BTreeSet<&str> = NEVER_FAILS.iter().copied().collect();
    for n in with_case.iter().chain(never.iter()) {
        assert!(bound.contains(n), "{n} is not a bound name");
    }
    let overlap: Vec<_> = with_case.intersection(&never).collect();
    assert!(
        overlap.is_empty(),
        "in NEVER_FAILS but has a case: {overlap:?}"
    );
    let mut no_case = Vec::new();
    let mut arity_only = 0;
    let mut none = Vec::new();
    for name in &bound {
        let arity_case = arities.get(name).and_then(|a| wrong_count(a)).is_some();
        if with_case.contains(name) {
            continue;
        }
        if !never.contains(name) {
            no_case.push(*name);
        }
        if arity_case {
            arity_only += 1;
        } else {
            none.push(*name);
        }
    }
    println!(
        "{} names: {} with a type/value/io error case, {} with only an arity case, {} with none ({:?})",
        bound.len(),
        bound.iter().filter(|n| with_case.contains(*n)).count(),
        arity_only,
        none.len(),
        none
    );
    assert!(
        no_case.is_empty(),
        "names without an error case: {no_case:?}"
    );
    // Functions of zero-or-more arguments that cannot fail.
    let allowed: BTreeSet<&str> = [
        "list",
        "vector",
        "deep-merge",
        "map/deep-merge",
        "str",
        "string-append",
        "string/append",
        "println",
        "display",
        "print",
        "print-error",
        "io/print-error",
        "println-error",
        "io/println-error",
    ]
    .into_iter()
    .collect();
    let unexpected: Vec<_> = none.iter().filter(|n| !allowed.contains(*n)).collect();
    assert!(
        unexpected.is_empty(),
        "names with no error case at all: {unexpected:?}"
    );
}
