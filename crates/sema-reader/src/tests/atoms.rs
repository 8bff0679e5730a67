//! Whitespace, comments, token classes and literals (reader.md §1-§4).

use super::{all, err, one, value};

#[test]
fn whitespace_is_space_tab_cr_lf() {
    assert_eq!(all("1\t2\r\n3\n 4"), "1 2 3 4");
    assert_eq!(all("(a\r\nb)"), "(a b)");
}

#[test]
fn other_spaces_are_errors() {
    assert_eq!(
        err("1 \u{c} 2"),
        "Reader error at 1:3: unexpected character: '\u{c}'"
    );
    assert_eq!(
        err("x\u{a0}"),
        "Reader error at 1:2: unexpected character: '\u{a0}'"
    );
    assert_eq!(
        err("\u{b}"),
        "Reader error at 1:1: unexpected character: '\u{b}'"
    );
}

#[test]
fn comma_is_unquote_not_whitespace() {
    assert_eq!(all("{:a 1, :b 2}"), "{:a 1 (unquote :b) 2}");
    assert_eq!(all("[1,2]"), "[1 (unquote 2)]");
    assert_eq!(all(",@x ,x"), "(unquote-splicing x) (unquote x)");
}

#[test]
fn comments_run_to_end_of_line() {
    assert_eq!(all("; a\n1 ;; b\n;;; c\n2"), "1 2");
    assert_eq!(all("(a ; hidden )\n b)"), "(a b)");
    assert_eq!(all("\"a ; not a comment\""), "\"a ; not a comment\"");
    assert_eq!(all("; only a comment"), "");
    assert_eq!(all(""), "");
}

#[test]
fn shebang_only_at_line_one_column_one() {
    assert_eq!(all("#!/usr/bin/env sema\n(+ 1 2)"), "(+ 1 2)");
    assert_eq!(all("#!sema"), "");
    assert_eq!(
        err("1 #!x"),
        "Reader error at 1:3: unexpected character after #: '!'"
    );
    assert_eq!(
        err("\n#!x"),
        "Reader error at 2:1: unexpected character after #: '!'"
    );
    assert_eq!(
        err(" #!x"),
        "Reader error at 1:2: unexpected character after #: '!'"
    );
}

#[test]
fn block_and_datum_comments_are_not_supported() {
    assert_eq!(
        err("#| x |#"),
        "Reader error at 1:1: unexpected character after #: '|'"
    );
    assert_eq!(
        err("#;x"),
        "Reader error at 1:1: unexpected character after #: ';'"
    );
}

#[test]
fn unexpected_characters() {
    for (src, c) in [
        ("@", "@"),
        ("$", "$"),
        ("|", "|"),
        ("\\", "\\"),
        ("😀", "😀"),
    ] {
        assert_eq!(
            err(src),
            format!("Reader error at 1:1: unexpected character: '{c}'")
        );
    }
    assert_eq!(
        err("(a @b)"),
        "Reader error at 1:4: unexpected character: '@'"
    );
    assert_eq!(
        err("'😀"),
        "Reader error at 1:2: unexpected character: '😀'"
    );
    assert_eq!(err("a ٣"), "Reader error at 1:3: unexpected character: '٣'");
}

#[test]
fn tokens_need_no_separating_whitespace() {
    assert_eq!(all("123abc"), "123 abc");
    assert_eq!(all("a'b"), "a (quote b)");
    assert_eq!(all("x\"s\""), "x \"s\"");
    assert_eq!(all("a:b"), "a :b");
    assert_eq!(all("(a)(b)[c]{}"), "(a) (b) [c] {}");
    assert_eq!(all("xf\"s\""), "xf \"s\"");
}

#[test]
fn symbols() {
    assert_eq!(
        all("foo hello-world + a.b.c x->y ok? set! ns/fn <=> string/trim -> λ é 日本"),
        "foo hello-world + a.b.c x->y ok? set! ns/fn <=> string/trim -> λ é 日本"
    );
    assert_eq!(
        all("a#b x1 - -a --1 %1 %& ^~_"),
        "a#b x1 - -a --1 %1 %& ^~_"
    );
    assert_eq!(all("Foo foo"), "Foo foo");
    assert!(value("Foo").as_symbol().is_some());
    assert_ne!(value("Foo").as_symbol(), value("foo").as_symbol());
    assert_eq!(all(".. ... tmp# x##"), ".. ... tmp# x##");
    assert!(value("tmp#").as_symbol().is_some());
}

#[test]
fn integers() {
    assert_eq!(all("0 42 -7 007 -0"), "0 42 -7 7 0");
    assert_eq!(
        all("9223372036854775807 -9223372036854775808"),
        "9223372036854775807 -9223372036854775808"
    );
    assert_eq!(value("42").as_int(), Some(42));
    assert_eq!(
        err("9999999999999999999999"),
        "Reader error at 1:1: invalid integer: 9999999999999999999999"
    );
    assert_eq!(
        err("(a\n  -9223372036854775809)"),
        "Reader error at 2:3: invalid integer: -9223372036854775809"
    );
}

#[test]
fn unsupported_number_syntax_reads_as_other_tokens() {
    assert!(value("+5").as_symbol().is_some());
    assert_eq!(all("+5"), "+5");
    assert_eq!(all("1_000"), "1 _000");
    assert_eq!(all("1/2"), "1 /2");
    assert_eq!(
        err("#x1F"),
        "Reader error at 1:1: unexpected character after #: 'x'"
    );
    assert_eq!(
        err("#e1"),
        "Reader error at 1:1: unexpected character after #: 'e'"
    );
}

#[test]
fn floats() {
    assert_eq!(all("3.14 -0.5 0.001 -0.0 2.50"), "3.14 -0.5 0.001 -0.0 2.5");
    assert_eq!(
        value("-0.0").as_float().map(f64::to_bits),
        Some((-0.0f64).to_bits())
    );
    assert_eq!(
        all("1e10 1.5e-3 2E5 -4.2e+2"),
        "10000000000.0 0.0015 200000.0 -420.0"
    );
    assert_eq!(value("1e3").as_float(), Some(1000.0));
    assert!(value("1e3").as_int().is_none());
    assert_eq!(all("1e400 -1e400 1e-400"), "inf -inf 0.0");
    assert_eq!(value("0.1").as_float(), Some(0.1));
}

#[test]
fn exponent_belongs_to_number_only_when_complete_and_delimited() {
    assert_eq!(all("1e"), "1 e");
    assert_eq!(all("1e+"), "1 e+");
    assert_eq!(all("2ex"), "2 ex");
    assert_eq!(all("1.5e"), "1.5 e");
    assert_eq!(all("1e5x"), "1 e5x");
    assert_eq!(all("(1e3)"), "(1000.0)");
    assert_eq!(all("[2e1 3]"), "[20.0 3]");
    assert_eq!(all("'(1e 2ex 1e5x)"), "(quote (1 e 2 ex 1 e5x))");
    assert_eq!(
        all("1e3'x 1e3\"s\" 1e3;c"),
        "1000.0 (quote x) 1000.0 \"s\" 1000.0"
    );
    assert_eq!(all("{1e3 1e2}"), "{1000.0 100.0}");
    assert_eq!(all("1e5#"), "1 e5#");
    assert_eq!(all("1e-"), "1 e-");
}

#[test]
fn dots_around_numbers() {
    assert_eq!(all(".5 .5e3"), ".5 .5e3");
    assert!(value(".5").as_symbol().is_some());
    assert_eq!(all("(5. x)"), "(5 . x)");
    assert_eq!(err("(5.)"), "Reader error at 1:4: unexpected closing `)`");
    assert_eq!(err("5."), "Reader error at 1:2: unexpected `.`");
    assert_eq!(all("5.e3"), "5 .e3");
    assert_eq!(all("1.2.3"), "1.2 .3");
    assert_eq!(all("1e2.5"), "1 e2.5");
    assert_eq!(all("-.5"), "-.5");
}

#[test]
fn string_escapes() {
    let s = value(r#""a\nb\tc\rd\\e\"f\0g\$h""#);
    assert_eq!(s.as_str(), Some("a\nb\tc\rd\\e\"f\0g$h"));
    assert_eq!(value(r#""\x41;\x3BB;\x1F600;""#).as_str(), Some("Aλ😀"));
    assert_eq!(value(r#""\x0041;""#).as_str(), Some("A"));
    assert_eq!(value(r#""\u00e9\u03BB""#).as_str(), Some("éλ"));
    assert_eq!(value(r#""\u00e9x""#).as_str(), Some("éx"));
    assert_eq!(value(r#""\U0001F600""#).as_str(), Some("😀"));
    assert_eq!(value(r#""a\qb""#).as_str(), Some("a\\qb"));
    assert_eq!(value(r#""\q""#).as_str().map(str::len), Some(2));
    assert_eq!(value("\"line1\nline2\"").as_str(), Some("line1\nline2"));
    assert_eq!(value("\"a\\\nb\"").as_str(), Some("a\\\nb"));
    assert_eq!(value(r#""$ and \$""#).as_str(), Some("$ and $"));
    assert_eq!(value(r#""""#).as_str(), Some(""));
}

#[test]
fn string_errors_are_at_the_opening_quote() {
    assert_eq!(err("  \"abc"), "Reader error at 1:3: unterminated string");
    assert_eq!(err("\"abc\\"), "Reader error at 1:1: unterminated string");
    assert_eq!(
        err(r#""test\""#),
        "Reader error at 1:1: unterminated string"
    );
    assert_eq!(
        err(r#"x "\x;""#),
        "Reader error at 1:3: empty hex escape \\x;"
    );
    assert_eq!(
        err(r#""\xg;""#),
        "Reader error at 1:1: empty hex escape \\x;"
    );
    assert_eq!(
        err(r#""\x41""#),
        "Reader error at 1:1: hex escape \\x missing terminating semicolon"
    );
    assert_eq!(
        err("\"ab\n  \\u12\""),
        "Reader error at 1:1: \\u escape requires exactly 4 hex digits"
    );
    assert_eq!(
        err(r#""\U1234""#),
        "Reader error at 1:1: \\U escape requires exactly 8 hex digits"
    );
    assert_eq!(
        err(r#""\xD800;""#),
        "Reader error at 1:1: invalid unicode scalar value \\xD800;"
    );
    assert_eq!(
        err(r#""\x110000;""#),
        "Reader error at 1:1: invalid unicode scalar value \\x110000;"
    );
    assert_eq!(
        err(r#""\x123456789ABCDEF0123;""#),
        "Reader error at 1:1: invalid unicode scalar value \\x123456789ABCDEF0123;"
    );
    assert_eq!(
        err(r#""\uDFFF""#),
        "Reader error at 1:1: invalid unicode scalar value \\uDFFF"
    );
    assert_eq!(
        err(r#""\U00110000""#),
        "Reader error at 1:1: invalid unicode scalar value \\U00110000"
    );
}

#[test]
fn fstrings_desugar_to_str_calls() {
    assert_eq!(all(r#"f"Dear ${who},""#), r#"(str "Dear " who ",")"#);
    assert_eq!(all(r#"f"${x}/${(inc y)}""#), r#"(str x "/" (inc y))"#);
    assert_eq!(all(r#"f"none""#), r#"(str "none")"#);
    assert_eq!(all(r#"f"""#), "(str)");
    assert_eq!(
        all(r#"f"Total: ${(+ 2 3)} items""#),
        r#"(str "Total: " (+ 2 3) " items")"#
    );
    assert_eq!(all(r#"f"${(get {:a 1} :a)}""#), "(str (get {:a 1} :a))");
    assert_eq!(
        all(r#"f"nested map ${{:a 1}}""#),
        r#"(str "nested map " {:a 1})"#
    );
    assert_eq!(all(r#"f"${a b}""#), "(str a)");
    assert_eq!(all(r#"f"costs $5""#), r#"(str "costs $5")"#);
    assert_eq!(all(r#"f"\${x}""#), r#"(str "${x}")"#);
    assert_eq!(all(r#"f"tab\there""#), r#"(str "tab\there")"#);
    assert_eq!(
        all(r#"f"str inside: ${"q"}""#),
        r#"(str "str inside: " "q")"#
    );
    assert_eq!(all(r#"f"${ x }""#), "(str x)");
    assert_eq!(all(r#"f"${f"${x}"}""#), "(str (str x))");
    assert_eq!(all(r#"f"${;c}""#), "(str nil)");
    assert_eq!(all(r#"f"$""#), r#"(str "$")"#);
}

#[test]
fn fstring_positions() {
    let v = value("  f\"a ${(g\n  (h))}\"");
    assert_eq!((v.pos().line, v.pos().col), (1, 3));
    let items: Vec<_> = v.list_iter().cloned().collect();
    assert_eq!((items[2].pos().line, items[2].pos().col), (1, 9));
    let inner: Vec<_> = items[2].list_iter().cloned().collect();
    assert_eq!((inner[1].pos().line, inner[1].pos().col), (2, 3));
}

#[test]
fn fstring_errors() {
    assert_eq!(
        err(r#" f"${}""#),
        "Reader error at 1:2: empty interpolation in f-string"
    );
    assert_eq!(
        err(r#"f"${  }""#),
        "Reader error at 1:1: empty interpolation in f-string"
    );
    assert_eq!(
        err(r#"f"${x""#),
        "Reader error at 1:1: unterminated interpolation in f-string"
    );
    assert_eq!(
        err(r#"f"abc"#),
        "Reader error at 1:1: unterminated f-string"
    );
    assert_eq!(
        err(r#"f"abc\"#),
        "Reader error at 1:1: unterminated f-string"
    );
    assert_eq!(
        err(r#"f"\x41""#),
        "Reader error at 1:1: hex escape \\x missing terminating semicolon"
    );
    // The brace counter does not understand strings.
    assert_eq!(
        err(r#"f"${"}""#),
        "Reader error at 1:5: unterminated string"
    );
    assert_eq!(
        err(r#"f"${"}"}""#),
        "Reader error at 1:9: unterminated string"
    );
    // Errors inside an interpolation are at their place in the source.
    assert_eq!(
        err("(f\"a\n ${(x ]}\")"),
        "Reader error at 2:7: mismatched bracket: expected `)` to close `(`, found `]`"
    );
    assert_eq!(
        err(r#"f"${@}""#),
        "Reader error at 1:5: unexpected character: '@'"
    );
    // Only the first form is read, but the whole text is tokenized.
    assert_eq!(
        err(r#"f"${a @}""#),
        "Reader error at 1:7: unexpected character: '@'"
    );
    assert_eq!(all(r#"f"${a )}""#), "(str a)");
}

#[test]
fn regex_literals_are_raw_strings() {
    assert_eq!(value(r#"#"\d+""#).as_str(), Some("\\d+"));
    assert_eq!(value(r#"#"^a\.b$""#).as_str(), Some("^a\\.b$"));
    assert_eq!(value(r#"#"say \"hi\"""#).as_str(), Some("say \"hi\""));
    assert_eq!(value("#\"a\nb\"").as_str(), Some("a\nb"));
    assert_eq!(value(r#"#"\\""#).as_str(), Some("\\\\"));
    assert_eq!(
        err(r#"(#"abc"#),
        "Reader error at 1:2: unterminated regex literal"
    );
    assert_eq!(
        err(r#"#"abc\"#),
        "Reader error at 1:1: unterminated regex literal"
    );
}

#[test]
fn characters() {
    assert_eq!(all(r"#\a #\Z #\0 #\λ"), r"#\a #\Z #\0 #\λ");
    assert_eq!(value(r"#\a").as_char(), Some('a'));
    assert_eq!(value(r"#\λ").as_char(), Some('λ'));
    assert_eq!(value(r"#\1").as_char(), Some('1'));
    for (src, c) in [
        (r"#\(", '('),
        (r"#\)", ')'),
        (r"#\;", ';'),
        ("#\\\"", '"'),
        (r"#\ ", ' '),
    ] {
        assert_eq!(value(src).as_char(), Some(c), "{src}");
    }
    assert_eq!(all(r"(#\( #\))"), r"(#\( #\))");
    assert_eq!(value("#\\\n").as_char(), Some('\n'));
    assert_eq!(value("#\\😀").as_char(), Some('😀'));
    assert_eq!(
        all(r"#\space #\newline #\tab #\return #\nul"),
        r"#\space #\newline #\tab #\return #\nul"
    );
    assert_eq!(value(r"#\space").as_char(), Some(' '));
    assert_eq!(value(r"#\nul").as_char(), Some('\0'));
    assert_eq!(all(r"(#\a)"), r"(#\a)");
}

#[test]
fn character_errors() {
    assert_eq!(
        err(r"#\ab"),
        "Reader error at 1:1: unknown character name: ab"
    );
    assert_eq!(
        err(r"#\a1"),
        "Reader error at 1:1: unknown character name: a1"
    );
    assert_eq!(
        err(r" #\Space"),
        "Reader error at 1:2: unknown character name: Space"
    );
    assert_eq!(
        err(r"#\x41"),
        "Reader error at 1:1: unknown character name: x41"
    );
    assert_eq!(
        err(r"#\alarm"),
        "Reader error at 1:1: unknown character name: alarm"
    );
    assert_eq!(
        err("x #\\"),
        "Reader error at 1:3: unexpected end of input after #\\"
    );
}

#[test]
fn booleans_and_nil() {
    assert_eq!(all("#t #f true false nil"), "#t #f #t #f nil");
    assert_eq!(value("true").as_bool(), Some(true));
    assert!(value("nil").is_nil());
    assert_eq!(all("#true"), "#t rue");
    assert_eq!(all("#fx"), "#f x");
    assert_eq!(all("'true 'nil"), "(quote #t) (quote nil)");
    assert_eq!(all("nil? true-ish"), "nil? true-ish");
}

#[test]
fn keywords() {
    assert_eq!(
        all(":name :max-turns :123 :a/b.c# :foo-bar? :nil"),
        ":name :max-turns :123 :a/b.c# :foo-bar? :nil"
    );
    assert_eq!(value(":a/b").as_keyword().map(|k| k.name()), Some("a/b"));
    assert_eq!(
        err(":"),
        "Reader error at 1:1: expected keyword name after ':'"
    );
    assert_eq!(
        err("(a ::x)"),
        "Reader error at 1:4: expected keyword name after ':'"
    );
    assert_eq!(
        err(": x"),
        "Reader error at 1:1: expected keyword name after ':'"
    );
}

#[test]
fn hash_dispatch_errors() {
    assert_eq!(
        err("#u8 (1)"),
        "Reader error at 1:1: unexpected character after #: 'u'"
    );
    assert_eq!(
        err("#u(1)"),
        "Reader error at 1:1: unexpected character after #: 'u'"
    );
    assert_eq!(
        err("#"),
        "Reader error at 1:1: unexpected end of input after `#`"
    );
    assert_eq!(
        err("(a #"),
        "Reader error at 1:4: unexpected end of input after `#`"
    );
    assert_eq!(
        err("#λ"),
        "Reader error at 1:1: unexpected character after #: 'λ'"
    );
    assert_eq!(
        err("# t"),
        "Reader error at 1:1: unexpected character after #: ' '"
    );
}

#[test]
fn columns_count_chars_and_tabs_count_one() {
    assert_eq!(
        err("λλ @"),
        "Reader error at 1:4: unexpected character: '@'"
    );
    assert_eq!(
        err("\t\t@"),
        "Reader error at 1:3: unexpected character: '@'"
    );
    assert_eq!(
        err("\"日本\" @"),
        "Reader error at 1:6: unexpected character: '@'"
    );
    assert_eq!(
        err("; ü\n\"a\nb\" @"),
        "Reader error at 3:4: unexpected character: '@'"
    );
    assert_eq!(
        err("#\\λ @"),
        "Reader error at 1:5: unexpected character: '@'"
    );
}

#[test]
fn read_one_reads_just_the_first_form() {
    assert_eq!(one("1 )"), "1");
    assert_eq!(one("(+ 1 2) (oops"), "(+ 1 2)");
    assert_eq!(one(""), "nil");
    assert_eq!(one("  \n\t "), "nil");
    assert_eq!(one("; just a comment"), "nil");
    assert_eq!(one("'x"), "(quote x)");
    assert_eq!(one("#(+ % 1)"), "(lambda (%1) (+ %1 1))");
    assert_eq!(one("#!shebang\n7"), "7");
}
