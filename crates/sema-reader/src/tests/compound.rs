//! Lists, vectors, maps, quote prefixes, bytevectors and short lambdas
//! (reader.md §5), and the positions lists record.

use sema_core::{Pos, Value};

use super::{all, err, value};

fn pos(v: &Value) -> (u32, u32) {
    let p: Pos = v.pos();
    (p.line, p.col)
}

#[test]
fn lists() {
    assert_eq!(
        all("() (1 2 3) (1 (2 (3 (4))))"),
        "() (1 2 3) (1 (2 (3 (4))))"
    );
    assert!(value("()").is_empty_list());
    assert_eq!(value("(a b c)").list_len(), 3);
    assert_eq!(all("(- 3) (-3)"), "(- 3) (-3)");
}

#[test]
fn dotted_tails_keep_the_dot_symbol() {
    assert_eq!(all("(a . b)"), "(a . b)");
    assert_eq!(value("(a . b)").list_len(), 3);
    assert_eq!(value("(x y . z)").list_len(), 4);
    assert_eq!(value("(. rest)").list_len(), 2);
    assert_eq!(
        value("(1 . 2)")
            .list_iter()
            .nth(1)
            .and_then(Value::as_symbol)
            .map(|s| s.name()),
        Some(".")
    );
    assert_eq!(all("(a . (b c))"), "(a . (b c))");
    assert_eq!(all("(a 5. b)"), "(a 5 . b)");
}

#[test]
fn dotted_tail_errors() {
    assert_eq!(err("(a . b c)"), "Reader error at 1:8: expected `)`");
    assert_eq!(err("(a . )"), "Reader error at 1:6: unexpected closing `)`");
    assert_eq!(err("(a . b . c)"), "Reader error at 1:8: expected `)`");
    assert_eq!(err("(a . . b)"), "Reader error at 1:6: unexpected `.`");
    assert_eq!(err("(a . b]"), "Reader error at 1:7: expected `)`");
    assert_eq!(err("(a . b"), "Reader error at 1:1: unterminated list");
    assert_eq!(err("(a ."), "Reader error at 1:1: unterminated list");
    assert_eq!(err("."), "Reader error at 1:1: unexpected `.`");
    assert_eq!(err("[a . b]"), "Reader error at 1:4: unexpected `.`");
    assert_eq!(err("{. 1}"), "Reader error at 1:2: unexpected `.`");
    assert_eq!(err("#(a . b)"), "Reader error at 1:5: unexpected `.`");
}

#[test]
fn vectors() {
    assert_eq!(
        all("[] [1 2 3] [[1] [2 [3]]] [1 (+ 1 1)]"),
        "[] [1 2 3] [[1] [2 [3]]] [1 (+ 1 1)]"
    );
    assert_eq!(value("[1 2]").as_vector().map(<[Value]>::len), Some(2));
}

#[test]
fn maps_are_sorted_and_later_duplicates_win() {
    assert_eq!(all("{}"), "{}");
    assert_eq!(all("{:b 2 :a 1}"), "{:a 1 :b 2}");
    assert_eq!(all("{:a 1 :a 2}"), "{:a 2}");
    assert_eq!(all("{:b 2 :a 1 \"s\" 3 1 4}"), "{1 4 \"s\" 3 :a 1 :b 2}");
    assert_eq!(all("{true 1 false 2 nil 3}"), "{nil 3 #f 2 #t 1}");
    assert_eq!(all("{1.0 :f 1 :i}"), "{1 :i 1.0 :f}");
    assert_eq!(all("{2 :i 1.5 :f -0.5 :n}"), "{-0.5 :n 1.5 :f 2 :i}");
    assert_eq!(all("{:a (+ 1 1)}"), "{:a (+ 1 1)}");
    assert_eq!(all("{{:a 1} 1 {:b 2} 2}"), "{{:a 1} 1 {:b 2} 2}");
    assert_eq!(all("{{:a 1} 1 {:a 1} 2}"), "{{:a 1} 2}");
    assert!(value("{:a 1}").as_map().is_some());
}

#[test]
fn odd_maps_fail_at_the_closing_brace_or_the_end() {
    assert_eq!(
        err("{:a}"),
        "Reader error at 1:4: map literal must have even number of forms"
    );
    assert_eq!(
        err("{:a 1 :b}"),
        "Reader error at 1:9: map literal must have even number of forms"
    );
    assert_eq!(
        err("{:a 1\n :b"),
        "Reader error at 2:4: map literal must have even number of forms"
    );
    assert_eq!(err("{:a 1"), "Reader error at 1:1: unterminated map");
    assert_eq!(err("{"), "Reader error at 1:1: unterminated map");
}

#[test]
fn mismatched_and_unexpected_closers() {
    assert_eq!(
        err("(1 2]"),
        "Reader error at 1:5: mismatched bracket: expected `)` to close `(`, found `]`"
    );
    assert_eq!(
        err("(1 }"),
        "Reader error at 1:4: mismatched bracket: expected `)` to close `(`, found `}`"
    );
    assert_eq!(
        err("[1 )"),
        "Reader error at 1:4: mismatched bracket: expected `]` to close `[`, found `)`"
    );
    assert_eq!(
        err("{1 ]"),
        "Reader error at 1:4: mismatched bracket: expected `}` to close `{`, found `]`"
    );
    assert_eq!(err(")"), "Reader error at 1:1: unexpected closing `)`");
    assert_eq!(err("1 ]"), "Reader error at 1:3: unexpected closing `]`");
    assert_eq!(err("(a) }"), "Reader error at 1:5: unexpected closing `}`");
    assert_eq!(err("#(a ]"), "Reader error at 1:5: unexpected closing `]`");
}

#[test]
fn unterminated_forms_fail_at_the_opening_delimiter() {
    assert_eq!(err("(1 2"), "Reader error at 1:1: unterminated list");
    assert_eq!(
        err("x\n  [1 (2)"),
        "Reader error at 2:3: unterminated vector"
    );
    assert_eq!(
        err("(a {:b"),
        "Reader error at 1:7: map literal must have even number of forms"
    );
    assert_eq!(
        err("#u8(1 2"),
        "Reader error at 1:1: unterminated bytevector"
    );
    assert_eq!(
        err(" #(+ 1"),
        "Reader error at 1:2: unterminated short lambda #(...)"
    );
    assert_eq!(err("(a (b (c)"), "Reader error at 1:4: unterminated list");
    let e = crate::read_all("(1 2", None)
        .err()
        .map(|e| e.hint().map(str::to_string));
    assert_eq!(e, Some(Some("add a closing `)`".to_string())));
}

#[test]
fn quote_prefixes() {
    assert_eq!(
        all("'x `x ,x ,@x"),
        "(quote x) (quasiquote x) (unquote x) (unquote-splicing x)"
    );
    assert_eq!(all("''a"), "(quote (quote a))");
    assert_eq!(all("'(quote a)"), "(quote (quote a))");
    assert_eq!(
        all("'`(a ,b ,@c)"),
        "(quote (quasiquote (a (unquote b) (unquote-splicing c))))"
    );
    assert_eq!(all("'[1 (2) {:a 3}]"), "(quote [1 (2) {:a 3}])");
    assert_eq!(all("'()"), "(quote ())");
    assert_eq!(all("' x"), "(quote x)");
}

#[test]
fn quote_prefix_errors() {
    assert_eq!(
        err("'"),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
    assert_eq!(
        err("(a `)"),
        "Reader error at 1:4: quasiquote (`) requires an expression after it"
    );
    assert_eq!(
        err("[,]"),
        "Reader error at 1:2: unquote (,) requires an expression after it"
    );
    assert_eq!(
        err(",@"),
        "Reader error at 1:1: unquote-splicing (,@) requires an expression after it"
    );
}

#[test]
fn errors_inside_quoted_forms_report_the_quote() {
    assert_eq!(
        err("'(a . b c)"),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
    assert_eq!(
        err("x '(1 2"),
        "Reader error at 1:3: quote (') requires an expression after it"
    );
    assert_eq!(
        err("'[1 2)"),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
    assert_eq!(
        err("`(a ,(b ]))"),
        "Reader error at 1:1: quasiquote (`) requires an expression after it"
    );
    assert_eq!(
        err("('(1 . ))"),
        "Reader error at 1:2: quote (') requires an expression after it"
    );
    assert_eq!(
        err("'#u8(300)"),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
    assert_eq!(
        err("'f\"${(}\""),
        "Reader error at 1:1: quote (') requires an expression after it"
    );
    // A lexical error is found before parsing, so it keeps its own message.
    assert_eq!(
        err("'(a @)"),
        "Reader error at 1:5: unexpected character: '@'"
    );
    // After the quoted form is complete, errors are ordinary again.
    assert_eq!(
        err("('a ]"),
        "Reader error at 1:5: mismatched bracket: expected `)` to close `(`, found `]`"
    );
}

#[test]
fn bytevectors() {
    assert_eq!(
        all("#u8(1 2 3) #u8() #u8(0 255 128)"),
        "#u8(1 2 3) #u8() #u8(0 255 128)"
    );
    assert_eq!(
        value("#u8( 1 ; c\n 2 )").as_bytevector(),
        Some(&[1u8, 2][..])
    );
    assert_eq!(value("#u8(007)").as_bytevector(), Some(&[7u8][..]));
}

#[test]
fn bytevector_errors() {
    assert_eq!(
        err("#u8(1 256)"),
        "Reader error at 1:7: #u8(...): byte value 256 out of range 0..255"
    );
    assert_eq!(
        err("#u8(-1)"),
        "Reader error at 1:5: #u8(...): byte value -1 out of range 0..255"
    );
    assert_eq!(
        err("#u8(1 a)"),
        "Reader error at 1:7: #u8(...): expected integer byte value"
    );
    assert_eq!(
        err("#u8(1.0)"),
        "Reader error at 1:5: #u8(...): expected integer byte value"
    );
    assert_eq!(
        err("#u8((1))"),
        "Reader error at 1:5: #u8(...): expected integer byte value"
    );
    assert_eq!(
        err("#u8(1]"),
        "Reader error at 1:6: #u8(...): expected integer byte value"
    );
}

#[test]
fn short_lambdas() {
    let cases = [
        ("#(* % 2)", "(lambda (%1) (* %1 2))"),
        ("#(* % %)", "(lambda (%1) (* %1 %1))"),
        ("#(- %1 %2)", "(lambda (%1 %2) (- %1 %2))"),
        ("#(str %1 %3)", "(lambda (%1 %2 %3) (str %1 %3))"),
        ("#(println \"tick\")", "(lambda () (println \"tick\"))"),
        ("#(vector % %)", "(lambda (%1) (vector %1 %1))"),
        (
            "#(list % (#(+ % 10) %))",
            "(lambda (%1) (list %1 ((lambda (%1) (+ %1 10)) %1)))",
        ),
        ("#(42)", "(lambda () (42))"),
        ("#()", "(lambda () ())"),
        ("#(f %&)", "(lambda () (f %&))"),
        ("#(f %0)", "(lambda () (f %0))"),
        ("#(f {:a %})", "(lambda () (f {:a %}))"),
        ("#(f {:a %2})", "(lambda () (f {:a %2}))"),
        ("#(f [% [%2]])", "(lambda (%1 %2) (f [%1 [%2]]))"),
        ("#(f '%)", "(lambda (%1) (f (quote %1)))"),
        ("#(f (fn (x) %) (lambda () %3))", "(lambda () (f (fn (x) %) (lambda () %3)))"),
        ("#(f (g (fn [] %2)) %)", "(lambda (%1) (f (g (fn [] %2)) %1))"),
        ("#(f f\"${%}\")", "(lambda (%1) (f (str %1)))"),
        ("#(f %a %1x)", "(lambda () (f %a %1x))"),
        ("#(f %255)", "(lambda (%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13 %14 %15 %16 %17 %18 %19 %20 %21 %22 %23 %24 %25 %26 %27 %28 %29 %30 %31 %32 %33 %34 %35 %36 %37 %38 %39 %40 %41 %42 %43 %44 %45 %46 %47 %48 %49 %50 %51 %52 %53 %54 %55 %56 %57 %58 %59 %60 %61 %62 %63 %64 %65 %66 %67 %68 %69 %70 %71 %72 %73 %74 %75 %76 %77 %78 %79 %80 %81 %82 %83 %84 %85 %86 %87 %88 %89 %90 %91 %92 %93 %94 %95 %96 %97 %98 %99 %100 %101 %102 %103 %104 %105 %106 %107 %108 %109 %110 %111 %112 %113 %114 %115 %116 %117 %118 %119 %120 %121 %122 %123 %124 %125 %126 %127 %128 %129 %130 %131 %132 %133 %134 %135 %136 %137 %138 %139 %140 %141 %142 %143 %144 %145 %146 %147 %148 %149 %150 %151 %152 %153 %154 %155 %156 %157 %158 %159 %160 %161 %162 %163 %164 %165 %166 %167 %168 %169 %170 %171 %172 %173 %174 %175 %176 %177 %178 %179 %180 %181 %182 %183 %184 %185 %186 %187 %188 %189 %190 %191 %192 %193 %194 %195 %196 %197 %198 %199 %200 %201 %202 %203 %204 %205 %206 %207 %208 %209 %210 %211 %212 %213 %214 %215 %216 %217 %218 %219 %220 %221 %222 %223 %224 %225 %226 %227 %228 %229 %230 %231 %232 %233 %234 %235 %236 %237 %238 %239 %240 %241 %242 %243 %244 %245 %246 %247 %248 %249 %250 %251 %252 %253 %254 %255) (f %255))"),
    ];
    for (src, want) in cases {
        assert_eq!(all(src), want, "{src}");
    }
}

#[test]
fn short_lambda_placeholders_are_bounded() {
    assert_eq!(
        err("(x #(f %256))"),
        "Reader error at 1:4: short lambda placeholder %256 exceeds the maximum of %255"
    );
    assert_eq!(
        err("#(f %99999999999999999999999999)"),
        "Reader error at 1:1: short lambda placeholder %99999999999999999999999999 exceeds the maximum of %255"
    );
}

#[test]
fn lists_record_the_position_of_their_opening_bracket() {
    let forms =
        crate::read_all("(a\n  (b c)\n\t'(d))\n  'x `y f\"s\" #(g %)", None).unwrap_or_default();
    assert_eq!(forms.len(), 5);
    assert_eq!(pos(&forms[0]), (1, 1));
    let items: Vec<Value> = forms[0].list_iter().cloned().collect();
    assert_eq!(pos(&items[1]), (2, 3));
    assert_eq!(pos(&items[2]), (3, 2));
    let quoted = items[2].list_iter().nth(1).cloned().unwrap_or_default();
    assert_eq!(pos(&quoted), (3, 3));
    assert_eq!(pos(&forms[1]), (4, 3));
    assert_eq!(pos(&forms[2]), (4, 6));
    assert_eq!(pos(&forms[3]), (4, 9));
    assert_eq!(pos(&forms[4]), (4, 14));
    let body = forms[4].list_iter().nth(2).cloned().unwrap_or_default();
    assert_eq!(pos(&body), (4, 14));
    // Every cell of a list carries the list's position.
    assert_eq!(forms[0].cdr().map(pos), Some((1, 1)));
}
