//! Conformance harness: runs every `.sema` case through the built `sema`
//! binary, once per back end, and compares stdout byte for byte and the exit
//! status with the case's expectation (format: tests/conformance/README.md).
//!
//! Case directories: `tests/conformance/shared` (a byte-identical copy of the
//! shared corpus), `tests/conformance/own` and `tests/stdlib-cases` (ours), and
//! the example programs in `examples/` (run with `examples/` as working
//! directory, so they read their input files from `examples/data/`).
//! `tests/conformance/expected-failures.txt` lists `MODE NAME` pairs for
//! features not built yet; such a case must fail (the list only shrinks).

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use wait_timeout::ChildExt;

/// Back ends to test: (mode name, extra flags).
const MODES: &[(&str, &[&str])] = &[("tree", &["--tree-walker"]), ("vm", &["--vm"])];

const TIMEOUT: Duration = Duration::from_secs(30);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Case {
    name: String,
    dir: PathBuf,
    file: String,
    expected_out: PathBuf,
    expected_code: PathBuf,
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<Case>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if p.is_dir() && p.join("main.sema").is_file() {
            out.push(Case {
                name: format!("{prefix}{stem}"),
                dir: p.clone(),
                file: "main.sema".into(),
                expected_out: p.join("expected.out"),
                expected_code: p.join("expected.code"),
            });
        } else if p.extension().and_then(|e| e.to_str()) == Some("sema") {
            out.push(Case {
                name: format!("{prefix}{stem}"),
                dir: dir.to_path_buf(),
                file: format!("{stem}.sema"),
                expected_out: dir.join(format!("{stem}.out")),
                expected_code: dir.join(format!("{stem}.code")),
            });
        }
    }
}

fn run_case(case: &Case, flags: &[&str]) -> Result<(), String> {
    let expected = std::fs::read(&case.expected_out)
        .map_err(|e| format!("cannot read {}: {e}", case.expected_out.display()))?;
    let expected_code: i32 = match std::fs::read_to_string(&case.expected_code) {
        Ok(s) => s.trim().parse().map_err(|_| "bad .code file".to_string())?,
        Err(_) => 0,
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_sema"))
        .args(flags)
        .arg(&case.file)
        .current_dir(&case.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start sema: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = match child.wait_timeout(TIMEOUT).map_err(|e| e.to_string())? {
        Some(s) => s,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {}s", TIMEOUT.as_secs()));
        }
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    let code = status.code().unwrap_or(-1);
    if out == expected && code == expected_code {
        return Ok(());
    }
    let mut msg = String::new();
    if code != expected_code {
        msg.push_str(&format!(
            "exit status: expected {expected_code}, got {code}\n"
        ));
    }
    if out != expected {
        msg.push_str(&format!(
            "--- expected stdout\n{}\n--- actual stdout\n{}\n",
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&out)
        ));
    }
    let err = String::from_utf8_lossy(&err);
    msg.push_str(&format!(
        "--- stderr (first lines)\n{}",
        err.lines().take(8).collect::<Vec<_>>().join("\n")
    ));
    Err(msg)
}

fn main() {
    let args = Arguments::from_args();
    let base = root().join("tests");
    let mut cases = Vec::new();
    collect(&base.join("conformance/shared"), "", &mut cases);
    collect(&base.join("conformance/own"), "own/", &mut cases);
    collect(&base.join("stdlib-cases"), "stdlib/", &mut cases);
    collect(&base.join("../examples"), "examples/", &mut cases);

    let listed: BTreeSet<String> =
        std::fs::read_to_string(base.join("conformance/expected-failures.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
    eprintln!("conformance: {} expected failures listed", listed.len());

    let cases = std::sync::Arc::new(cases);
    let mut trials = Vec::new();
    for (mode, flags) in MODES {
        for i in 0..cases.len() {
            let key = format!("{mode} {}", cases[i].name);
            let expect_fail = listed.contains(&key);
            let cases = cases.clone();
            trials.push(Trial::test(key.clone(), move || {
                match (run_case(&cases[i], flags), expect_fail) {
                    (Ok(()), false) => Ok(()),
                    (Err(msg), false) => Err(Failed::from(msg)),
                    (Err(_), true) => Ok(()),
                    (Ok(()), true) => Err(Failed::from(format!(
                        "'{key}' passes but is listed in expected-failures.txt: remove it"
                    ))),
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
