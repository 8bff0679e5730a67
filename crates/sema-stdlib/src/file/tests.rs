//! Unit tests of the file functions. Each test works in its own scratch
//! directory under the OS temporary directory and removes it at the end.

use std::path::PathBuf;

use sema_core::printer::repr;
use sema_core::{Arity, Error, ErrorKind, Value};

use crate::testing::call;

/// A fresh scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("sema-stdlib-unit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(text: &str) -> Value {
    Value::string(text)
}

fn show(v: Value) -> String {
    repr(&v)
}

#[test]
fn write_read_append() {
    let dir = Scratch::new("write-read");
    let p = dir.path("t.txt");
    assert!(call("file/write", &[s(&p), s("alpha\nbeta\n")])
        .unwrap()
        .is_nil());
    assert_eq!(
        show(call("file/read", &[s(&p)]).unwrap()),
        "\"alpha\\nbeta\\n\""
    );
    call("file/append", &[s(&p), s("gamma")]).unwrap();
    assert_eq!(
        show(call("file/read-lines", &[s(&p)]).unwrap()),
        "(\"alpha\" \"beta\" \"gamma\")"
    );
    let q = dir.path("new.txt");
    call("file/append", &[s(&q), s("x")]).unwrap();
    assert_eq!(show(call("file/read", &[s(&q)]).unwrap()), "\"x\"");
}

#[test]
fn read_lines_keeps_cr_and_trailing_empty_line() {
    let dir = Scratch::new("read-lines");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("a\nb\r\nc\n")]).unwrap();
    assert_eq!(
        show(call("file/read-lines", &[s(&p)]).unwrap()),
        "(\"a\" \"b\\r\" \"c\" \"\")"
    );
}

#[test]
fn write_lines_uses_display_forms_without_trailing_newline() {
    let dir = Scratch::new("write-lines");
    let p = dir.path("t.txt");
    let items = Value::vector(vec![s("a"), Value::int(1), Value::list(vec![s("q")])]);
    call("file/write-lines", &[s(&p), items]).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "a\n1\n(\"q\")");
    let e = call("file/write-lines", &[s(&p), Value::int(3)]).unwrap_err();
    assert_eq!(e.message(), "expected list or vector, got int");
}

#[test]
fn bytes_round_trip() {
    let dir = Scratch::new("bytes");
    let p = dir.path("b.bin");
    call(
        "file/write-bytes",
        &[s(&p), Value::bytevector(vec![0, 1, 255])],
    )
    .unwrap();
    assert_eq!(
        show(call("file/read-bytes", &[s(&p)]).unwrap()),
        "#u8(0 1 255)"
    );
    let e = call("file/write-bytes", &[s(&p), s("x")]).unwrap_err();
    assert_eq!(e.message(), "expected bytevector, got string");
}

#[test]
fn invalid_utf8_is_an_io_error() {
    let dir = Scratch::new("utf8");
    let p = dir.path("bad.txt");
    std::fs::write(&p, [0xff, 0xfe, b'\n']).unwrap();
    let e = call("file/read", &[s(&p)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io));
    assert!(e.message().starts_with(&format!("file/read {p}: ")));
}

#[test]
fn missing_files_give_io_errors_naming_function_and_path() {
    let e = call("file/read", &[s("/nonexistent")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io));
    assert_eq!(
        e.message(),
        "file/read /nonexistent: No such file or directory (os error 2)"
    );
    for name in [
        "file/read-bytes",
        "file/read-lines",
        "file/delete",
        "file/info",
        "file/list",
    ] {
        let e = call(name, &[s("/nonexistent")]).unwrap_err();
        assert_eq!(
            e.message(),
            format!("{name} /nonexistent: No such file or directory (os error 2)")
        );
    }
}

#[test]
fn write_requires_string_content() {
    let e = call("file/write", &[s("/tmp/x"), Value::int(1)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Type { .. }));
    assert_eq!(e.message(), "expected string, got int");
    let e = call("file/read", &[Value::int(1)]).unwrap_err();
    assert_eq!(e.message(), "expected string, got int");
    let e = call("file/append", &[s("/tmp/x"), Value::NIL]).unwrap_err();
    assert_eq!(e.message(), "expected string, got nil");
}

fn collecting_fold() -> Value {
    // (fn (acc line) (cons line acc)) without an evaluator.
    Value::native("collect", Arity::Exact(2), |_, args| {
        let acc = std::mem::take(&mut args[0]);
        let line = std::mem::take(&mut args[1]);
        Ok(Value::cons(line, acc))
    })
}

#[test]
fn fold_lines_strips_line_endings_and_has_no_empty_final_line() {
    let dir = Scratch::new("fold");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("3\r\n4\n\n5\n")]).unwrap();
    let got = call(
        "file/fold-lines",
        &[s(&p), collecting_fold(), Value::EMPTY_LIST],
    )
    .unwrap();
    assert_eq!(show(got), "(\"5\" \"\" \"4\" \"3\")");
    call("file/write", &[s(&p), s("")]).unwrap();
    let got = call(
        "file/fold-lines",
        &[s(&p), collecting_fold(), Value::int(7)],
    )
    .unwrap();
    assert_eq!(show(got), "7");
}

#[test]
fn fold_lines_passes_a_unique_accumulator() {
    let dir = Scratch::new("fold-unique");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("a\nb\n")]).unwrap();
    let check = Value::native("check", Arity::Exact(2), |_, args| {
        if !args[0].is_unique() {
            return Err(Error::eval("accumulator is shared"));
        }
        Ok(std::mem::take(&mut args[0]))
    });
    let acc = Value::map_from([(Value::kw("n"), Value::int(0))]);
    // Called directly: `call` would keep a clone of the arguments.
    let mut args = [s(&p), check, acc];
    let got = super::fold_lines(&mut crate::testing::TestCtx, &mut args).unwrap();
    assert_eq!(show(got), "{:n 0}");
}

#[test]
fn fold_lines_stops_at_the_first_callback_error() {
    let dir = Scratch::new("fold-error");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("a\nb\n")]).unwrap();
    let failing = Value::native("fail", Arity::Exact(2), |_, _| Err(Error::eval("stop")));
    let e = call("file/fold-lines", &[s(&p), failing, Value::NIL]).unwrap_err();
    assert_eq!(e.message(), "stop");
    let e = call(
        "file/fold-lines",
        &[s("/nonexistent"), collecting_fold(), Value::NIL],
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        "file/fold-lines /nonexistent: No such file or directory (os error 2)"
    );
}

#[test]
fn for_each_line_calls_once_per_line() {
    thread_local! {
        static SEEN: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let dir = Scratch::new("for-each");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("x\r\ny\nz")]).unwrap();
    let record = Value::native("record", Arity::Exact(1), |_, args| {
        let line = args[0].as_str().unwrap_or("?").to_string();
        SEEN.with(|seen| seen.borrow_mut().push(line));
        Ok(Value::int(0))
    });
    let got = call("file/for-each-line", &[s(&p), record]).unwrap();
    assert!(got.is_nil());
    SEEN.with(|seen| assert_eq!(*seen.borrow(), vec!["x", "y", "z"]));
}

#[test]
fn predicates_and_directory_operations() {
    let dir = Scratch::new("dirs");
    let sub = dir.path("a/b/c");
    call("file/mkdir", &[s(&sub)]).unwrap();
    call("file/mkdir", &[s(&sub)]).unwrap();
    assert_eq!(show(call("file/is-directory?", &[s(&sub)]).unwrap()), "#t");
    assert_eq!(show(call("file/is-file?", &[s(&sub)]).unwrap()), "#f");
    assert_eq!(show(call("file/exists?", &[s(&sub)]).unwrap()), "#t");
    let f = dir.path("a/f.txt");
    call("file/write", &[s(&f), s("hello")]).unwrap();
    assert_eq!(show(call("file/is-file?", &[s(&f)]).unwrap()), "#t");
    assert_eq!(show(call("file/is-symlink?", &[s(&f)]).unwrap()), "#f");
    let missing = dir.path("missing");
    for name in [
        "file/exists?",
        "file/is-file?",
        "file/is-directory?",
        "file/is-symlink?",
    ] {
        assert_eq!(show(call(name, &[s(&missing)]).unwrap()), "#f");
    }
    let mut names: Vec<String> = call("file/list", &[s(&dir.path("a"))])
        .unwrap()
        .list_iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect();
    names.sort();
    assert_eq!(names, vec!["b", "f.txt"]);
}

#[test]
fn copy_rename_delete() {
    let dir = Scratch::new("copy");
    let a = dir.path("a.txt");
    let b = dir.path("b.txt");
    let c = dir.path("c.txt");
    call("file/write", &[s(&a), s("data")]).unwrap();
    call("file/copy", &[s(&a), s(&b)]).unwrap();
    call("file/rename", &[s(&b), s(&c)]).unwrap();
    assert_eq!(show(call("file/read", &[s(&c)]).unwrap()), "\"data\"");
    assert_eq!(show(call("file/exists?", &[s(&b)]).unwrap()), "#f");
    call("file/delete", &[s(&c)]).unwrap();
    assert_eq!(show(call("file/exists?", &[s(&c)]).unwrap()), "#f");
    let e = call("file/copy", &[s(&b), s(&c)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io));
    assert!(e.message().starts_with("file/copy "));
}

#[test]
fn glob_is_sorted_and_rejects_bad_patterns() {
    let dir = Scratch::new("glob");
    for name in ["b.txt", "a.txt", "c.md"] {
        std::fs::write(dir.path(name), "").unwrap();
    }
    let got = call("file/glob", &[s(&dir.path("*.txt"))]).unwrap();
    let want = format!("(\"{}\" \"{}\")", dir.path("a.txt"), dir.path("b.txt"));
    assert_eq!(show(got), want);
    let e = call("file/glob", &[s("a[")]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Eval));
}

#[test]
fn info_reports_kind_size_and_modified_ms() {
    let dir = Scratch::new("info");
    let p = dir.path("t.txt");
    call("file/write", &[s(&p), s("12345")]).unwrap();
    let m = call("file/info", &[s(&p)]).unwrap();
    let get = |k: &str| {
        m.as_map()
            .and_then(|m| {
                m.entries
                    .get(&sema_core::value::OrdKey(Value::kw(k)))
                    .cloned()
            })
            .unwrap_or_default()
    };
    assert_eq!(show(get("size")), "5");
    assert_eq!(show(get("is-file")), "#t");
    assert_eq!(show(get("is-dir")), "#f");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let modified = get("modified").as_int().unwrap();
    assert!((now_ms - modified).abs() < 60_000, "{modified} vs {now_ms}");
}

#[test]
fn arity_errors() {
    let e = call("file/fold-lines", &[s("a"), s("b")]).unwrap_err();
    assert_eq!(e.message(), "file/fold-lines expects 3 args, got 2");
    let e = call("file/read", &[]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Arity));
}
