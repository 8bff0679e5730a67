//! String builtins (spec/stdlib.md §9): the one table of all 59 functions and
//! 11 aliases, plus the helpers the submodules share.
//!
//! Strings are immutable UTF-8. Indices and lengths are counted in characters
//! (Unicode scalar values) unless a function says bytes. Pure-ASCII strings
//! take byte-indexed fast paths, since benchmarks do string work in loops.
//! A function whose result equals its string argument returns that very
//! value instead of copying it (strings are immutable, so sharing is not
//! observable). Results sized by user numbers are capped at
//! [`MAX_RESULT_BYTES`] so a huge count is an `:eval` error, never an abort.

mod basic;
mod case;
mod format;
mod search;
mod slice;
mod transform;

use sema_core::{Arity, Error, Result, Value};

use crate::{builtin, Builtin};

use self::basic as ba;
use self::case as cs;
use self::format as fm;
use self::search as se;
use self::slice as sl;
use self::transform as tr;

const fn exact(n: u16) -> Arity {
    Arity::Exact(n)
}

// One row per line reads as a table; rustfmt would spread each over five lines.
#[rustfmt::skip]
pub(crate) const BUILTINS: &[Builtin] = &[
    // §9.1 core
    builtin("str", Arity::AtLeast(0), fm::concat, "concatenate the display forms of the arguments"),
    builtin("string-append", Arity::AtLeast(0), fm::concat, "concatenate the display forms of the arguments"),
    builtin("string-length", exact(1), ba::length, "number of characters in a string"),
    builtin("string/byte-length", exact(1), ba::byte_length, "number of UTF-8 bytes in a string"),
    builtin("string-ref", exact(2), ba::string_ref, "character at a character index"),
    builtin("substring", Arity::Range(2, 3), ba::substring, "characters [start, end) of a string"),
    builtin("string/take", exact(2), ba::take, "first n characters, or the last |n| if n is negative"),
    builtin("string/chars", exact(1), ba::chars, "list of the characters of a string"),
    builtin("string->list", exact(1), ba::chars, "list of the characters of a string"),
    builtin("list->string", exact(1), ba::list_to_string, "string from a list of characters"),
    builtin("string/codepoints", exact(1), ba::codepoints, "list of the code points of a string"),
    builtin("string/from-codepoints", exact(1), ba::from_codepoints, "string from a list or vector of code points"),
    builtin("string/empty?", exact(1), ba::is_empty, "is the string empty?"),
    builtin("string/number?", exact(1), ba::is_number, "does the string parse as an integer or float?"),
    builtin("string/intern", exact(1), ba::intern, "an equal string"),
    // §9.2 searching and predicates
    builtin("string/contains?", exact(2), se::contains, "substring test"),
    builtin("string/starts-with?", exact(2), se::starts_with, "prefix test"),
    builtin("string/ends-with?", exact(2), se::ends_with, "suffix test"),
    builtin("string/index-of", exact(2), se::index_of, "byte offset of the first occurrence, or nil"),
    builtin("string/last-index-of", exact(2), se::last_index_of, "byte offset of the last occurrence, or nil"),
    builtin("string-ci=?", exact(2), se::ci_equal, "equality after lower-casing both strings"),
    // §9.3 transforming
    builtin("string/upper", exact(1), cs::upper, "upper-case (full Unicode mapping)"),
    builtin("string/lower", exact(1), cs::lower, "lower-case (full Unicode mapping)"),
    builtin("string/foldcase", exact(1), cs::lower, "lower-case (same as string/lower)"),
    builtin("string/capitalize", exact(1), cs::capitalize, "first character upper-cased, the rest lower-cased"),
    builtin("string/title-case", exact(1), cs::title_case, "capitalize each whitespace-separated word"),
    builtin("string/trim", exact(1), tr::trim, "remove whitespace at both ends"),
    builtin("string/trim-left", exact(1), tr::trim_left, "remove whitespace at the start"),
    builtin("string/trim-right", exact(1), tr::trim_right, "remove whitespace at the end"),
    builtin("string/reverse", exact(1), tr::reverse, "characters in reverse order"),
    builtin("string/repeat", exact(2), tr::repeat, "a string repeated n times"),
    builtin("string/pad-left", Arity::Range(2, 3), tr::pad_left, "pad on the left to a width with the first character of pad"),
    builtin("string/pad-right", Arity::Range(2, 3), tr::pad_right, "pad on the right to a width with the first character of pad"),
    builtin("string/replace", exact(3), tr::replace, "replace all occurrences"),
    builtin("string/replace-first", exact(3), tr::replace_first, "replace the first occurrence"),
    builtin("string/replace-last", exact(3), tr::replace_last, "replace the last occurrence"),
    builtin("string/remove", exact(2), tr::remove, "remove all occurrences"),
    builtin("string/map", exact(2), tr::map, "map each character through f (char or string result)"),
    builtin("string/normalize", exact(2), tr::normalize, "Unicode normalization: nfc, nfd, nfkc or nfkd"),
    builtin("string/split", exact(2), tr::split, "split on every occurrence of a literal separator"),
    builtin("string/join", exact(2), fm::join, "join the display forms of a sequence with a separator"),
    // §9.4 slicing around delimiters
    builtin("string/after", exact(2), sl::after, "text after the first occurrence (s if absent)"),
    builtin("string/after-last", exact(2), sl::after_last, "text after the last occurrence (s if absent)"),
    builtin("string/before", exact(2), sl::before, "text before the first occurrence (s if absent)"),
    builtin("string/before-last", exact(2), sl::before_last, "text before the last occurrence (s if absent)"),
    builtin("string/between", exact(3), sl::between, "text between the first left and the next right"),
    builtin("string/chop-start", exact(2), sl::chop_start, "remove a prefix if present"),
    builtin("string/chop-end", exact(2), sl::chop_end, "remove a suffix if present"),
    builtin("string/ensure-start", exact(2), sl::ensure_start, "add a prefix if missing"),
    builtin("string/ensure-end", exact(2), sl::ensure_end, "add a suffix if missing"),
    builtin("string/wrap", Arity::Range(2, 3), sl::wrap, "left + s + right (right defaults to left)"),
    builtin("string/unwrap", Arity::Range(2, 3), sl::unwrap, "strip both delimiters if both are present"),
    // §9.5 identifier case conversion
    builtin("string/words", exact(1), cs::words, "the words of an identifier"),
    builtin("string/snake-case", exact(1), cs::snake_case, "words lower-cased, joined by _"),
    builtin("string/kebab-case", exact(1), cs::kebab_case, "words lower-cased, joined by -"),
    builtin("string/camel-case", exact(1), cs::camel_case, "first word lower-cased, the others capitalized"),
    builtin("string/pascal-case", exact(1), cs::pascal_case, "all words capitalized, no separator"),
    builtin("string/headline", exact(1), cs::headline, "words capitalized, joined by spaces"),
    // §9.6 formatting
    builtin("format", Arity::AtLeast(1), fm::format, "format with ~a ~s ~% ~~ directives"),
];

pub(crate) const ALIASES: &[(&str, &str)] = &[
    ("string/append", "string-append"),
    ("string/length", "string-length"),
    ("string/ref", "string-ref"),
    ("string/slice", "substring"),
    ("string/to-list", "string->list"),
    ("string-upcase", "string/upper"),
    ("string-downcase", "string/lower"),
    ("string-trim", "string/trim"),
    ("make-string", "string/repeat"),
    ("string-split", "string/split"),
    ("string-join", "string/join"),
];

/// Largest string (in bytes) a builtin builds when the size comes from user
/// numbers or repetition (2 GiB): beyond it an `:eval` error is raised
/// rather than letting the allocator abort the process.
const MAX_RESULT_BYTES: usize = 1 << 31;

/// Checks a planned result size; `None` means the computation overflowed.
fn check_size(fname: &str, bytes: Option<usize>) -> Result<usize> {
    match bytes {
        Some(n) if n <= MAX_RESULT_BYTES => Ok(n),
        _ => Err(Error::eval(format!("{fname}: result too large"))),
    }
}

/// The first two arguments, both of which must be strings.
fn string_pair(args: &[Value]) -> Result<(&str, &str)> {
    Ok((
        crate::util::string(&args[0])?,
        crate::util::string(&args[1])?,
    ))
}

/// Number of characters in `s`.
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of character index `idx` in `s`; `idx == char count` gives
/// `s.len()`, anything larger gives `None`.
///
/// When the first `idx` bytes are ASCII they are `idx` characters, so the
/// answer is `idx` after one vectorised check of that prefix only.
fn byte_offset(s: &str, idx: usize) -> Option<usize> {
    if let Some(prefix) = s.as_bytes().get(..idx) {
        if prefix.is_ascii() {
            return Some(idx);
        }
    }
    let mut n = 0;
    for (b, _) in s.char_indices() {
        if n == idx {
            return Some(b);
        }
        n += 1;
    }
    (n == idx).then_some(s.len())
}

/// The elements of a list or vector, borrowed; `None` for other values.
fn seq_iter(v: &Value) -> Option<SeqIter<'_>> {
    if let Some(xs) = v.as_vector() {
        Some(SeqIter::Vector(xs.iter()))
    } else if v.is_list() {
        Some(SeqIter::List(v.list_iter()))
    } else {
        None
    }
}

/// Borrowing iterator over a list or a vector.
enum SeqIter<'a> {
    List(sema_core::value::ListIter<'a>),
    Vector(std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for SeqIter<'a> {
    type Item = &'a Value;

    fn next(&mut self) -> Option<&'a Value> {
        match self {
            SeqIter::List(it) => it.next(),
            SeqIter::Vector(it) => it.next(),
        }
    }
}

#[cfg(test)]
mod test_support {
    //! Shorthands for the submodules' unit tests.
    use sema_core::Value;

    pub(super) fn s(x: &str) -> Value {
        Value::string(x)
    }

    pub(super) fn i(n: i64) -> Value {
        Value::int(n)
    }

    /// Calls a builtin that must succeed and returns its repr.
    pub(super) fn ok(name: &str, args: &[Value]) -> String {
        match crate::testing::call(name, args) {
            Ok(v) => sema_core::printer::repr(&v),
            Err(e) => panic!("{name} failed: {e}"),
        }
    }

    /// Calls a builtin that must succeed and returns the string it gives.
    pub(super) fn ok_str(name: &str, args: &[Value]) -> String {
        match crate::testing::call(name, args) {
            Ok(v) => v
                .as_str()
                .unwrap_or_else(|| panic!("{name} gave a non-string {v:?}"))
                .to_string(),
            Err(e) => panic!("{name} failed: {e}"),
        }
    }

    /// Calls a builtin that must fail and returns `(type keyword, message)`.
    pub(super) fn err(name: &str, args: &[Value]) -> (&'static str, String) {
        match crate::testing::call(name, args) {
            Ok(v) => panic!("{name} unexpectedly gave {v:?}"),
            Err(e) => (e.type_keyword(), e.message().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_59_functions_and_11_aliases() {
        assert_eq!(BUILTINS.len(), 59);
        assert_eq!(ALIASES.len(), 11);
        for (alias, target) in ALIASES {
            assert!(
                BUILTINS.iter().any(|b| b.name == *target),
                "{alias} -> {target}"
            );
        }
    }

    #[test]
    fn byte_offset_counts_characters() {
        assert_eq!(byte_offset("abc", 3), Some(3));
        assert_eq!(byte_offset("abc", 4), None);
        assert_eq!(byte_offset("héllo", 2), Some(3));
        assert_eq!(byte_offset("héllo", 5), Some(6));
        assert_eq!(byte_offset("héllo", 6), None);
        assert_eq!(byte_offset("", 0), Some(0));
    }

    #[test]
    fn size_check_rejects_overflow_and_huge() {
        assert!(check_size("f", Some(10)).is_ok());
        assert!(check_size("f", None).is_err());
        assert!(check_size("f", Some(MAX_RESULT_BYTES + 1)).is_err());
    }
}
