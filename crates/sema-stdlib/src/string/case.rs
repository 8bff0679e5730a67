//! Case mapping (spec/stdlib.md §9.3) and identifier case conversion (§9.5).
//!
//! Upper- and lower-casing use the full Unicode mappings (`ß` ⇒ `SS`).
//! Identifier conversions first cut the text into words with
//! [`split_words`], the exact scan §9.5 describes.

use sema_core::{Ctx, Result, Value};

use crate::util::string;

/// `(string/upper s)` and `string-upcase`: full Unicode upper-casing.
pub(super) fn upper(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::string(if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        s.to_uppercase()
    }))
}

/// `(string/lower s)`, `string-downcase` and `string/foldcase`: full
/// Unicode lower-casing.
pub(super) fn lower(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::string(if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }))
}

/// Appends `word` with its first character upper-cased and every other
/// character lower-cased one by one (as `string/capitalize` does).
fn push_capitalized(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        for c in chars {
            out.extend(c.to_lowercase());
        }
    }
}

/// Appends an identifier word with its first character upper-cased and the
/// rest lower-cased as a whole string (so a final sigma becomes `ς`).
fn push_word_capitalized(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(&chars.as_str().to_lowercase());
    }
}

/// `(string/capitalize s)`: first character upper-cased, **all others
/// lower-cased** (`"hELLO wORLD"` ⇒ `"Hello world"`).
pub(super) fn capitalize(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = String::with_capacity(s.len());
    push_capitalized(&mut out, s);
    Ok(Value::string(out))
}

/// `(string/title-case s)`: every whitespace-separated word capitalized,
/// joined by single spaces (leading, trailing and repeated whitespace is lost).
pub(super) fn title_case(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = String::with_capacity(s.len());
    for (n, word) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        push_capitalized(&mut out, word);
    }
    Ok(Value::string(out))
}

/// The words of an identifier (spec/stdlib.md §9.5). `_`, `-`, space and `.`
/// separate words and are dropped. An upper-case letter starts a new word
/// when the current word is non-empty and the previous character was not
/// upper-case. When a lower-case letter follows a run of two or more
/// upper-case letters, the last of them moves to start the new word
/// (`HTMLParser` ⇒ `HTML`, `Parser`). Anything else extends the current word.
///
/// Every word is a contiguous part of `s`, so the words are borrowed slices.
fn split_words(s: &str) -> Vec<&str> {
    let mut words = Vec::new();
    // Byte offset where the current word starts, if it is non-empty.
    let mut start: Option<usize> = None;
    // Upper-case letters ending the current word, and where the last one is.
    let mut upper_run = 0usize;
    let mut last_upper = 0usize;
    for (b, c) in s.char_indices() {
        if matches!(c, '_' | '-' | ' ' | '.') {
            if let Some(st) = start.take() {
                words.extend(s.get(st..b));
            }
            upper_run = 0;
        } else if c.is_uppercase() {
            match start {
                Some(st) if upper_run == 0 => {
                    words.extend(s.get(st..b));
                    start = Some(b);
                }
                None => start = Some(b),
                Some(_) => {}
            }
            upper_run += 1;
            last_upper = b;
        } else {
            match start {
                Some(st) if upper_run >= 2 && c.is_lowercase() => {
                    words.extend(s.get(st..last_upper));
                    start = Some(last_upper);
                }
                None => start = Some(b),
                Some(_) => {}
            }
            upper_run = 0;
        }
    }
    if let Some(st) = start {
        words.extend(s.get(st..));
    }
    words
}

/// `(string/words s)`: the list of the words of `s`.
pub(super) fn words(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::list(
        split_words(s).into_iter().map(Value::string).collect(),
    ))
}

/// The words of `args[0]` lower-cased and joined by `sep`.
fn lower_joined(args: &[Value], sep: &str) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = String::with_capacity(s.len() + 8);
    for (n, word) in split_words(s).into_iter().enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        out.push_str(&word.to_lowercase());
    }
    Ok(Value::string(out))
}

/// `(string/snake-case s)`: `"HTMLParser"` ⇒ `"html_parser"`.
pub(super) fn snake_case(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    lower_joined(args, "_")
}

/// `(string/kebab-case s)`: `"helloWorld Foo_bar"` ⇒ `"hello-world-foo-bar"`.
pub(super) fn kebab_case(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    lower_joined(args, "-")
}

/// The words of `args[0]` capitalized and joined by `sep`; with
/// `lower_first` the first word is lower-cased instead.
fn capitalized_joined(args: &[Value], sep: &str, lower_first: bool) -> Result<Value> {
    let s = string(&args[0])?;
    let mut out = String::with_capacity(s.len());
    for (n, word) in split_words(s).into_iter().enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        if n == 0 && lower_first {
            out.push_str(&word.to_lowercase());
        } else {
            push_word_capitalized(&mut out, word);
        }
    }
    Ok(Value::string(out))
}

/// `(string/camel-case s)`: `"user-id-field"` ⇒ `"userIdField"`.
pub(super) fn camel_case(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    capitalized_joined(args, "", true)
}

/// `(string/pascal-case s)`: `"user_id"` ⇒ `"UserId"`.
pub(super) fn pascal_case(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    capitalized_joined(args, "", false)
}

/// `(string/headline s)`: `"http_status-code"` ⇒ `"Http Status Code"`.
pub(super) fn headline(_ctx: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    capitalized_joined(args, " ", false)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{err, ok, ok_str, s};
    use super::split_words;
    use sema_core::Value;

    #[test]
    fn upper_and_lower() {
        assert_eq!(ok_str("string/upper", &[s("Hello")]), "HELLO");
        assert_eq!(ok_str("string/upper", &[s("straße")]), "STRASSE");
        assert_eq!(ok_str("string-upcase", &[s("abc")]), "ABC");
        assert_eq!(ok_str("string/lower", &[s("HeLLo")]), "hello");
        assert_eq!(ok_str("string-downcase", &[s("ÀÉ")]), "àé");
        assert_eq!(ok_str("string/foldcase", &[s("ABC")]), "abc");
        assert_eq!(ok_str("string/lower", &[s("ΟΔΟΣ")]), "οδος");
        assert_eq!(
            err("string/upper", &[Value::NIL]).1,
            "expected string, got nil"
        );
    }

    #[test]
    fn capitalize_and_title_case() {
        assert_eq!(
            ok_str("string/capitalize", &[s("hello world")]),
            "Hello world"
        );
        assert_eq!(
            ok_str("string/capitalize", &[s("hELLO wORLD")]),
            "Hello world"
        );
        assert_eq!(ok_str("string/capitalize", &[s("")]), "");
        assert_eq!(ok_str("string/capitalize", &[s("ßa")]), "SSa");
        assert_eq!(
            ok_str("string/title-case", &[s("hello big world")]),
            "Hello Big World"
        );
        assert_eq!(
            ok_str("string/title-case", &[s("  hELLO \t  wORLD  ")]),
            "Hello World"
        );
        assert_eq!(ok_str("string/title-case", &[s("   ")]), "");
    }

    #[test]
    fn word_scan() {
        assert_eq!(
            split_words("helloWorld foo-bar"),
            ["hello", "World", "foo", "bar"]
        );
        assert_eq!(split_words("HTMLParser"), ["HTML", "Parser"]);
        assert_eq!(split_words("getHTTPResponse"), ["get", "HTTP", "Response"]);
        assert_eq!(split_words("ABc"), ["A", "Bc"]);
        assert_eq!(split_words("ABC"), ["ABC"]);
        assert_eq!(split_words("a1B2c"), ["a1", "B2c"]);
        assert_eq!(split_words("__a..b  c--"), ["a", "b", "c"]);
        assert_eq!(split_words("user_id"), ["user", "id"]);
        assert_eq!(split_words("XMLHttpRequest"), ["XML", "Http", "Request"]);
        assert_eq!(split_words("ÉtéÀ"), ["Été", "À"]);
        assert_eq!(split_words("v2API"), ["v2", "API"]);
        assert!(split_words("").is_empty());
        assert!(split_words("-_. ").is_empty());
    }

    #[test]
    fn identifier_cases() {
        assert_eq!(
            ok("string/words", &[s("helloWorld foo_bar")]),
            "(\"hello\" \"World\" \"foo\" \"bar\")"
        );
        assert_eq!(ok("string/words", &[s("")]), "()");
        assert_eq!(
            ok_str("string/snake-case", &[s("HTMLParser")]),
            "html_parser"
        );
        assert_eq!(
            ok_str("string/snake-case", &[s("helloWorld")]),
            "hello_world"
        );
        assert_eq!(
            ok_str("string/kebab-case", &[s("helloWorld Foo_bar")]),
            "hello-world-foo-bar"
        );
        assert_eq!(
            ok_str("string/kebab-case", &[s("Hello World")]),
            "hello-world"
        );
        assert_eq!(
            ok_str("string/camel-case", &[s("user-id-field")]),
            "userIdField"
        );
        assert_eq!(
            ok_str("string/camel-case", &[s("hello_world")]),
            "helloWorld"
        );
        assert_eq!(
            ok_str("string/camel-case", &[s("HTMLParser")]),
            "htmlParser"
        );
        assert_eq!(ok_str("string/pascal-case", &[s("user_id")]), "UserId");
        assert_eq!(
            ok_str("string/pascal-case", &[s("hello world")]),
            "HelloWorld"
        );
        assert_eq!(
            ok_str("string/headline", &[s("http_status-code")]),
            "Http Status Code"
        );
        assert_eq!(
            ok_str("string/headline", &[s("hello_world")]),
            "Hello World"
        );
        assert_eq!(ok_str("string/headline", &[s("")]), "");
        assert_eq!(
            err("string/snake-case", &[Value::kw("a")]).1,
            "expected string, got keyword"
        );
    }
}
