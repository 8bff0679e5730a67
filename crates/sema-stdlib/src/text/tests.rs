//! Unit tests of the text utilities.

use sema_core::printer::repr;
use sema_core::Value;

use crate::testing::call;

fn s(x: &str) -> Value {
    Value::string(x)
}

fn r(name: &str, args: &[Value]) -> String {
    repr(&call(name, args).unwrap())
}

fn opts(pairs: &[(&str, Value)]) -> Value {
    Value::map_from(pairs.iter().map(|(k, v)| (Value::kw(k), v.clone())))
}

#[test]
fn words_and_whitespace() {
    assert_eq!(r("text/word-count", &[s("the quick  brown\tfox\n")]), "4");
    assert_eq!(r("text/word-count", &[s("   ")]), "0");
    assert_eq!(
        r("text/clean-whitespace", &[s("  a  b \n  c  ")]),
        r#""a b c""#
    );
    assert_eq!(
        r("text/normalize-newlines", &[s("a\r\nb\rc\n")]),
        r#""a\nb\nc\n""#
    );
}

#[test]
fn trim_indent_uses_the_smallest_indent_of_non_blank_lines() {
    assert_eq!(
        r("text/trim-indent", &[s("  a\n    b\n\n   \n  c")]),
        r#""a\n  b\n\n \nc""#
    );
    assert_eq!(r("text/trim-indent", &[s("")]), r#""""#);
    // Multi-byte whitespace never splits a character.
    assert_eq!(
        r("text/trim-indent", &[s("\u{3000}x\n  y")]),
        "\"x\n y\"".replace('\n', "\\n")
    );
}

#[test]
fn truncate_counts_characters() {
    assert_eq!(
        r("text/truncate", &[s("abcdefghij"), Value::int(6)]),
        r#""abc...""#
    );
    assert_eq!(r("text/truncate", &[s("abc"), Value::int(6)]), r#""abc""#);
    assert_eq!(
        r("text/truncate", &[s("abcdefghij"), Value::int(2)]),
        r#""...""#
    );
    assert_eq!(
        r("text/truncate", &[s("abcdefghij"), Value::int(5), s("~")]),
        r#""abcd~""#
    );
    assert_eq!(
        r("text/truncate", &[s("λλλλλ"), Value::int(4), s("…")]),
        r#""λλλ…""#
    );
    assert_eq!(
        r("text/truncate", &[s("abcdefghij"), Value::int(-1)]),
        r#""abcdefghij""#
    );
    let e = call("text/truncate", &[s("abc"), s("2")]).unwrap_err();
    assert_eq!(e.message(), "expected int, got string");
    let e = call("text/truncate", &[s("abc")]).unwrap_err();
    assert_eq!(e.message(), "text/truncate expects 2-3 args, got 1");
}

#[test]
fn strip_html_removes_tags_then_decodes_entities() {
    assert_eq!(
        r(
            "text/strip-html",
            &[s(
                "<p>a &amp; b</p><br/>&lt;tag&gt; &quot;q&quot; &#39;x&apos;&nbsp;!"
            )]
        ),
        r#""a & b<tag> \"q\" 'x' !""#
    );
}

#[test]
fn sentences() {
    assert_eq!(
        r("text/split-sentences", &[s("One. Two! Three?")]),
        r#"("One." "Two!" "Three?")"#
    );
    assert_eq!(
        r("text/split-sentences", &[s("  3.14 is pi.  ok  ")]),
        r#"("3.14 is pi." "ok")"#
    );
    assert_eq!(r("text/split-sentences", &[s("")]), "()");
    assert_eq!(r("text/split-sentences", &[s("...")]), r#"("...")"#);
}

#[test]
fn chunk_by_separator_drops_empty_pieces() {
    assert_eq!(
        r("text/chunk-by-separator", &[s("a--b----c--"), s("--")]),
        r#"("a" "b" "c")"#
    );
    assert_eq!(r("text/chunk-by-separator", &[s(""), s(",")]), "()");
}

#[test]
fn chunk_merges_pieces_greedily() {
    let o = |size: i64, overlap: i64| {
        opts(&[("size", Value::int(size)), ("overlap", Value::int(overlap))])
    };
    assert_eq!(r("text/chunk", &[s("")]), "()");
    assert_eq!(r("text/chunk", &[s("short")]), r#"("short")"#);
    assert_eq!(
        r("text/chunk", &[s("aaa bbb ccc"), o(7, 0)]),
        r#"("aaa bbb" "ccc")"#
    );
    assert_eq!(
        r("text/chunk", &[s("aaa bbb ccc"), o(7, 2)]),
        r#"("aaa bbb" "bbccc")"#
    );
    assert_eq!(
        r("text/chunk", &[s("p1 line\n\np2 line"), o(8, 0)]),
        r#"("p1 line" "p2 line")"#
    );
    assert_eq!(
        r("text/chunk", &[s("aaaa bbbb. cccc"), o(6, 0)]),
        r#"("aaaa" "bbbb" "cccc")"#
    );
    assert_eq!(
        r("text/chunk", &[s("abcdefghij"), o(4, 1)]),
        r#"("abcd" "defg" "ghij" "j")"#
    );
    // Overlap not below the size is dropped; sizes below 1 count as 1.
    assert_eq!(r("text/chunk", &[s("abc"), o(2, 5)]), r#"("ab" "c")"#);
    assert_eq!(r("text/chunk", &[s("ab"), o(-3, 0)]), r#"("a" "b")"#);
    // Overlap never splits a character.
    assert_eq!(r("text/chunk", &[s("aé bb"), o(3, 1)]), r#"("aé" "bb")"#);
}

#[test]
fn chunk_refuses_quadratic_output() {
    let long = "x".repeat(100_000);
    let e = call(
        "text/chunk",
        &[
            s(&long),
            opts(&[
                ("size", Value::int(50_000)),
                ("overlap", Value::int(49_999)),
            ]),
        ],
    )
    .unwrap_err();
    assert_eq!(e.type_keyword(), "eval");
}

#[test]
fn excerpt_finds_case_insensitively() {
    let text = s("The quick brown fox jumps");
    assert_eq!(
        r(
            "text/excerpt",
            &[text.clone(), s("BROWN"), opts(&[("radius", Value::int(3))])]
        ),
        r#""...ck brown fo...""#
    );
    assert_eq!(
        r("text/excerpt", &[text.clone(), s("quick")]),
        r#""The quick brown fox jumps""#
    );
    assert_eq!(
        r(
            "text/excerpt",
            &[
                text.clone(),
                s("the"),
                opts(&[("radius", Value::int(2)), ("omission", s("…"))])
            ]
        ),
        r#""The q…""#
    );
    assert_eq!(r("text/excerpt", &[text, s("cat")]), "nil");
    // Lower-casing that changes lengths must not panic.
    call("text/excerpt", &[s("İİİİ x"), s("x")]).unwrap();
}

#[test]
fn prompt_render_substitutes_display_forms() {
    let vars = opts(&[
        ("name", s("Ada")),
        ("age", Value::int(36)),
        ("xs", Value::list(vec![s("a")])),
    ]);
    assert_eq!(
        call(
            "prompt/render",
            &[s("Hi {{name}}, {{age}} {{xs}} {{unknown}} {{open"), vars]
        )
        .unwrap()
        .as_str()
        .unwrap(),
        "Hi Ada, 36 (\"a\") {{unknown}} {{open"
    );
    assert_eq!(r("prompt/template", &[s("t {{x}}")]), r#""t {{x}}""#);
    let e = call("prompt/render", &[s("x"), Value::vector(vec![])]).unwrap_err();
    assert_eq!(e.message(), "expected map, got vector");
}

#[test]
fn documents() {
    let meta = opts(&[("src", s("x"))]);
    let doc = call("document/create", &[s("aaa bbb ccc"), meta]).unwrap();
    assert_eq!(repr(&doc), r#"{:metadata {:src "x"} :text "aaa bbb ccc"}"#);
    assert_eq!(
        r("document/text", std::slice::from_ref(&doc)),
        r#""aaa bbb ccc""#
    );
    assert_eq!(
        r("document/metadata", std::slice::from_ref(&doc)),
        r#"{:src "x"}"#
    );
    assert_eq!(
        r(
            "document/chunk",
            &[
                doc,
                opts(&[("size", Value::int(7)), ("overlap", Value::int(0))])
            ]
        ),
        "({:metadata {:chunk-index 0 :src \"x\" :total-chunks 2} :text \"aaa bbb\"} \
         {:metadata {:chunk-index 1 :src \"x\" :total-chunks 2} :text \"ccc\"})"
    );
    let e = call("document/text", &[opts(&[])]).unwrap_err();
    assert_eq!(e.message(), "not a document: missing :text");
    let e = call("document/chunk", &[opts(&[])]).unwrap_err();
    assert_eq!(e.message(), "document/chunk: document missing :text");
    let e = call("document/create", &[s("t"), Value::NIL]).unwrap_err();
    assert_eq!(e.message(), "expected map, got nil");
}
