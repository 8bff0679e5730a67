//! The error examples of reader.md §7, error details shared by all errors,
//! and `needs_more_input`.

use sema_core::{ErrorKind, Sym};

use super::{err, err_one};
use crate::{needs_more_input, read_all};

#[test]
fn section_seven_examples() {
    let cases = [
        ("(1 2", "Reader error at 1:1: unterminated list"),
        (
            "(1 2]",
            "Reader error at 1:5: mismatched bracket: expected `)` to close `(`, found `]`",
        ),
        (")", "Reader error at 1:1: unexpected closing `)`"),
        (
            "{:a}",
            "Reader error at 1:4: map literal must have even number of forms",
        ),
        (
            "\"\\x41\"",
            "Reader error at 1:1: hex escape \\x missing terminating semicolon",
        ),
        (
            "#u8(1 256)",
            "Reader error at 1:7: #u8(...): byte value 256 out of range 0..255",
        ),
        (
            "#\\Space",
            "Reader error at 1:1: unknown character name: Space",
        ),
        ("3.", "Reader error at 1:2: unexpected `.`"),
        ("@", "Reader error at 1:1: unexpected character: '@'"),
    ];
    for (src, want) in cases {
        assert_eq!(err(src), want, "{src}");
        if src != "3." {
            assert_eq!(err_one(src), want, "{src}");
        }
    }
}

#[test]
fn error_map_message_has_the_position() {
    let e = read_all("(1 2", None).err().map(|e| e.to_value());
    let msg = e.and_then(|m| {
        m.as_map().and_then(|m| {
            m.entries
                .iter()
                .find(|(k, _)| k.0.as_keyword().map(|s| s.name()) == Some("message"))
                .map(|(_, v)| v.clone())
        })
    });
    assert_eq!(
        msg.as_ref().and_then(|v| v.as_str()),
        Some("unterminated list at 1:1")
    );
}

#[test]
fn errors_carry_the_file_and_position() {
    let file = Sym::intern("prog.sema");
    let e = read_all("\n  )", Some(file)).err();
    let span = e.as_ref().and_then(|e| e.span());
    assert_eq!(
        span.map(|s| (s.file, s.line, s.col)),
        Some((Some(file), 2, 3))
    );
    assert!(matches!(
        e.as_ref().map(|e| e.kind()),
        Some(ErrorKind::Reader { line: 2, col: 3 })
    ));
}

#[test]
fn read_many_fails_on_an_error_anywhere() {
    assert_eq!(
        err("(println 1)\n(println \"x"),
        "Reader error at 2:10: unterminated string"
    );
    assert_eq!(err("1 2 )"), "Reader error at 1:5: unexpected closing `)`");
}

#[test]
fn read_one_tokenizes_everything_but_parses_one_form() {
    assert_eq!(
        err_one("1 \"abc"),
        "Reader error at 1:3: unterminated string"
    );
    assert_eq!(
        err_one("1 @"),
        "Reader error at 1:3: unexpected character: '@'"
    );
    assert_eq!(super::one("1 (2"), "1");
    assert_eq!(super::one("1 ]"), "1");
    assert_eq!(err_one("]"), "Reader error at 1:1: unexpected closing `]`");
    assert_eq!(
        err_one("'"),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
}

#[test]
fn more_input_is_needed_inside_open_forms() {
    for src in [
        "(",
        "(define (f x)\n  (+ x 1)",
        "[1 2",
        "{:a 1",
        "{:a",
        "#u8(1 2",
        "#(+ %",
        "(a \"unterminated",
        "\"abc\\",
        "\"\\x4",
        "\"\\u00",
        "f\"x ${y",
        "f\"x ${y}",
        "#\"re",
        "(foo '",
        "'(1 2",
        "(a . b",
        "(a .",
        "(f #\\",
        "(a ; comment )",
        "(a \"str with ) inside\"",
        "(a #\\)",
        "(a #\\(",
    ] {
        assert!(needs_more_input(src), "{src:?} should need more input");
    }
}

#[test]
fn complete_or_broken_input_needs_no_more() {
    for src in [
        "",
        "   ",
        "; comment (",
        "(+ 1 2)",
        "1 2 3",
        ")",
        "(a ]",
        "(a) ) (b",
        "(a @ (b",
        "'",
        "#\\",
        "#",
        "(a #",
        "\"\\q\"",
        "(\"\\xZZ;\"",
        "(f\"${}\"",
        "(f\"${(}\"",
        "(a . b c",
        "{:a}",
        "#u8(300",
        "#(1 %999)",
        "\"\\x41\" (",
        "\u{c}(",
    ] {
        assert!(!needs_more_input(src), "{src:?} should not need more input");
    }
}
