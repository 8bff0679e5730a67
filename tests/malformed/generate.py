#!/usr/bin/env python3
"""Generates the malformed-program corpus under tests/malformed/.

Every program here must end in a clean error on both back ends: a non-zero
exit status, stderr starting with `Error:` (`Error reading FILE:` for the
invalid-UTF-8 files, which the CLI rejects before reading), no panic, and
within one second. crates/sema/tests/malformed.rs checks that.

Usage: python3 tests/malformed/generate.py [--check target/debug/sema]

With --check, each candidate is run through the binary in both modes and
only those that fail cleanly are written (a candidate that succeeds is
dropped; one that panics or hangs is reported and written, so the test
shows the bug). Output is deterministic (fixed seed). The hand-written
cases in hand/ are not touched.
"""

import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(6)

VALID = [
    "(define (f x) (+ x 1))\n(f 2)",
    "(let ((x 1) (y 2)) (list x y))",
    "(map (fn (x) (* x x)) [1 2 3])",
    '(define m {:a 1 :b "two"})\n(get m :b)',
    "(cond ((> 1 2) 'a) (else 'b))",
    '(try (error "boom") (catch e (:message e)))',
    "(define-record-type point (make-point x y) point? (x point-x) (y point-y))",
    "(let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i))",
    "`(1 ,(+ 1 1) ,@(list 3 4))",
    '(match [1 2] ([a b] (+ a b)) (_ 0))',
    "(defmacro unless2 (c . body) `(if ,c nil (begin ,@body)))",
    '(do ((i 0 (+ i 1))) ((= i 3) "done") (println i))',
    '(string/join (list "a" "b") ", ")',
    "(reduce + 0 (range 10))",
    "(hash-map :a [1 2 {:b #\\c}])",
    "#(+ %1 %2)",
    '(case 3 ((1 2) "low") ((3 4) "mid") (else "high"))',
]

SPECIAL = [
    "quote", "if", "define", "def", "defun", "defn", "set!", "lambda", "fn",
    "cond", "case", "when", "unless", "match", "and", "or", "let", "let*",
    "letrec", "begin", "progn", "do", "while", "quasiquote", "unquote",
    "unquote-splicing", "defmacro", "macroexpand", "eval", "delay", "force",
    "define-record-type", "defmulti", "defmethod", "try", "throw", "module",
    "import", "load", "export", "->", "->>", "as->",
]

BAD_ARGS = [
    "", "1", "1 2", "1 2 3 4 5", '"s"', "()", "(1)", "(1 2)", "((1))",
    "((x))", "((x 1 2))", "x", "x y", "(x) 1", "[x] 1", "{:a 1}", "[1 2]",
    "(x . 1)", "nil", "#t", ":k", "(x y z) (1)", "((x 1)) (y)", "1 (catch)",
    "(catch e)", "x (catch 1 2)", "(else)", "x ((1)) (2)",
]

WRONG_VALUES = [
    "1", "-1", "1.5", '"s"', "#\\a", ":k", "'sym", "nil", "#t", "'()",
    "'(1 2)", "[1]", "{:a 1}", "(fn (x) x)", "(bytevector 1)",
    "9223372036854775807", "-9223372036854775808", "(/ 0.0 0.0)",
]

HUGE = [
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "(make-list 9223372036854775807 0)",
    "(make-list 100000000000 0)",
    "(make-string 9223372036854775807 #\\a)",
    '(string/repeat "ab" 9223372036854775807)',
    '(string/repeat "ab" 100000000000)',
    "(make-bytevector 100000000000 0)",
    "(list/repeat 100000000000 1)",
    "(iota 100000000000)",
    "(range 0 100000000000000)",
    "(expt 2 9223372036854775807)",
    "(vector->list (make-vector 100000000000 0))",
    "(bit/shift-left 1 9223372036854775807)",
    "(string/pad-left \"a\" 100000000000)",
    "(list/pad '(1) 100000000000 0)",
    "(take 100000000000 (range 10))",
    "(list/times 100000000000 (fn (i) i))",
    "(integer->char 9223372036854775807)",
    "(integer->char -1)",
    "(string-ref \"abc\" 9223372036854775807)",
    "(nth '(1 2) 9223372036854775807)",
    "(substring \"abc\" 0 9223372036854775807)",
    "(list/chunk 0 '(1 2))",
    "(math/random-int 5 1)",
    "(/ -9223372036854775808 -1)",
    "(quotient 1 0)",
    "(mod 1 0)",
    "(time/add 9223372036854775807 9223372036854775807)",
    "(sleep -1)",
]

DEEP = [
    ("(", 100000, ""),
    ("[", 100000, ""),
    ("{", 100000, ""),
    ("'(", 50000, ""),
    ("(list ", 50000, ""),
    ("`(,", 30000, ""),
    ("#(", 3, ""),
]

BAD_STRINGS = [
    r'"\q"', r'"\x;"', r'"\xZZ;"', r'"\x110000;"', r'"\xD800;"', r'"\x41"',
    r'"\u{41}"', r'"\uZZZZ"', r'"\u12"', r'"abc', r'"\"', '"a\\', r'#\nosuchname',
    r'#\x', r'#\xZZ', r'#\x110000', r'#u8(256)', r'#u8(-1)', r'#u8(a)', r'#u8(1',
    r'#u8', r'#z', r'#', r'#[', "#\\", r'f"{"', r'f"{(+ 1}"', r'f"abc', '#(%1 %',
    r'"\U0001F600"', r'1.2.3e', r'1e', r'--1x', r':', r'::a', r"'", r"`", r",",
    r",@", r"(1 . )", r"(. 1)", r"(1 . 2 3)", r"( . )",
]


def write(out, category, i, text):
    d = os.path.join(out, category)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, f"{i:04d}.sema")
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode) as f:
        f.write(text)
    return path


def candidates():
    """(category, text) pairs."""
    # Truncated: valid programs cut short inside a form.
    for src in VALID:
        cuts = [i for i, c in enumerate(src) if c in ")]}" and i > 0]
        for cut in cuts:
            head = src[:cut]
            # Only cuts that leave something open (brackets or a string).
            if head.count("(") + head.count("[") + head.count("{") > head.count(
                ")"
            ) + head.count("]") + head.count("}"):
                yield "truncated", head
        for _ in range(4):
            cut = rng.randrange(1, len(src))
            yield "truncated", src[:cut]
    # Unbalanced and mismatched brackets.
    for src in VALID:
        yield "unbalanced", src + ")"
        yield "unbalanced", ")" + src
        yield "unbalanced", src.replace(")", "]", 1)
        yield "unbalanced", src.replace("(", "{", 1)
        yield "unbalanced", src + "\n]"
        yield "unbalanced", src + "\n}"
    for a, b in [("(", "]"), ("(", "}"), ("[", ")"), ("[", "}"), ("{", ")"), ("{", "]")]:
        yield "unbalanced", f"{a}1 2{b}"
        yield "unbalanced", f"(list {a}1 2{b})"
    # Bad escapes and bad tokens.
    for s in BAD_STRINGS:
        yield "bad-syntax", s
        yield "bad-syntax", f"(list 1 {s})"
        yield "bad-syntax", f"(define x 1)\n{s}\n(println x)"
    # Bad special-form syntax.
    for head in SPECIAL:
        for args in BAD_ARGS:
            yield "special-forms", f"({head} {args})".replace(" )", ")")
    # Wrong types: builtins called with values of the wrong type.
    builtins = [b for b in BUILTINS if b not in SKIP]
    for b in builtins:
        for _ in range(1):
            n = rng.randrange(0, 4)
            args = " ".join(rng.choice(WRONG_VALUES) for _ in range(n))
            yield "wrong-types", f"({b} {args})".replace(" )", ")")
    # Huge numbers and counts.
    for h in HUGE:
        yield "huge", h
        yield "huge", f"(define r {h})\nr"
    # Deep nesting, left open.
    for opener, n, tail in DEEP:
        yield "deep", opener * n + tail
    yield "deep", "(+ 1 " * 100000 + "x" + ")" * 100000
    yield "deep", "(car " * 100000 + "1" + ")" * 100000
    yield "deep", "(define (f n) (if (= n 0) (car 1) (+ 1 (f (- n 1)))))\n(f 100000)"
    yield "deep", "(define (f n) (+ 1 (f (+ n 1))))\n(f 0)"
    yield "deep", "(let loop ((n 0) (acc '())) (if (< n 300000) (loop (+ n 1) (list acc)) (car 1)))"
    # Runtime errors of every kind.
    for src in [
        "undefined-variable", "(undefined-fn 1)", '(throw "x")', "(throw {:a 1})",
        '(error "boom")', "(/ 1 0)", "(car '())", "((fn (x) x))", "((fn (x) x) 1 2)",
        "(assert #f)", "(assert= 1 2)", '("not a function" 1)', "(1 2 3)",
        "(vector-ref [1] 5)", "(nth [1 2] 9)", "(get-in 1 2)", "(force 1)",
        "(string->symbol 1)", "(apply + 1)", "(apply + '(1 . 2))",
        '(json/decode "{")', '(regex/match "(" "x")', '(toml/decode "[[")',
        '(csv/parse 1)', '(file/read "/nonexistent/sema/file")',
        '(load "/nonexistent/sema/file.sema")', '(import "/nonexistent/mod.sema")',
        "(eval '(if))", "(macroexpand '(let))", "(read \"(1 2\")",
        "(read-many \"(1\")", "(string->number 1)", "(exit-no-such)",
        "(define-record-type p (mk x) p? (x px))\n(px 1)",
        "(defmulti area :shape)\n(area {:shape :circle})",
    ]:
        yield "runtime", src
        yield "runtime", f"(define (g) {src})\n(g)"
    # Invalid UTF-8 in various places.
    for prefix, suffix in [(b"", b""), (b"(list 1 ", b")"), (b'"', b'"'), (b"; ", b"\n1"),
                           (b"(define x 1)\n", b"\nx"), (b"#\\", b""), (b":", b"")]:
        for bad in [b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xf0\x9f\x98", b"\xed\xa0\x80",
                    b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80"]:
            yield "invalid-utf8", prefix + bad + suffix
    # Random garbage from a Lisp-ish alphabet (kept only when it fails).
    alphabet = list("()[]{}'`,@#\\\"; :.-+*/0123456789abcxyz\n\t") + [
        "#u8(", "#\\", "f\"", "#(", "%1", "\\x", "1e999", "λ", "😀", "\x00",
    ]
    for _ in range(150):
        n = rng.randrange(1, 40)
        yield "garbage", "".join(rng.choice(alphabet) for _ in range(n))


def load_builtins():
    root = os.path.dirname(os.path.dirname(HERE))
    exe = os.path.join(root, "target", "debug", "sema")
    out = subprocess.run([exe, "--list-builtins"], capture_output=True, text=True, check=True)
    return out.stdout.split()


SKIP = {
    "sleep", "retry", "read-line", "io/read-line", "read-stdin", "io/read-stdin",
    "exit", "shell", "file/write", "file/write-bytes", "file/append",
    "file/write-lines", "file/delete", "file/rename", "file/copy", "file/mkdir",
    "sys/set-env", "time",
}


def run(exe, path, mode):
    try:
        p = subprocess.run([exe, mode, path], capture_output=True, timeout=5, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "timeout", b""
    err = p.stderr
    if b"panicked" in err or b"RUST_BACKTRACE" in err:
        return "panic", err
    if p.returncode == 0:
        return "ok", err
    if err.startswith(b"Error:") or err.startswith(b"Error reading "):
        return "error", err
    return "other", err


def main():
    global BUILTINS
    check = None
    if "--check" in sys.argv:
        check = sys.argv[sys.argv.index("--check") + 1]
    BUILTINS = load_builtins()
    for entry in os.listdir(HERE):
        p = os.path.join(HERE, entry)
        if os.path.isdir(p) and entry != "hand":
            shutil.rmtree(p)
    seen = set()
    counts = {}
    dropped = 0
    for category, text in candidates():
        key = (category, text)
        if key in seen:
            continue
        seen.add(key)
        i = counts.get(category, 0)
        path = write(HERE, category, i, text)
        if check:
            results = [run(check, path, m) for m in ("--vm", "--tree-walker")]
            kinds = [r[0] for r in results]
            # `(while TRUTHY ...)` loops for ever, as it should.
            endless = kinds == ["timeout", "timeout"] and text.startswith("(while")
            if endless or (
                "ok" in kinds and not any(k in ("panic", "timeout", "other") for k in kinds)
            ):
                os.remove(path)
                dropped += 1
                continue
            for mode, (k, err) in zip(("--vm", "--tree-walker"), results):
                if k in ("panic", "timeout", "other"):
                    print(f"{k}: {mode} {path}: {err[:300]!r}")
        counts[category] = i + 1
    total = sum(counts.values())
    print(f"wrote {total} programs ({dropped} candidates dropped because they succeed): {counts}")


if __name__ == "__main__":
    main()
