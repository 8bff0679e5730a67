//! Checks docs/tour.md: every ```sema block is run through the `sema` binary
//! (tree-walker) and its stdout must equal the ```text block right after it.
//!
//! A block whose info string is `sema file=NAME` is not run; it is written to
//! NAME in the scratch directory so later programs can `import` or `load` it.
//! Programs run with the scratch directory as working directory, in order.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One fenced block of the tour: its info string and its text.
struct Block {
    info: String,
    body: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        match current.take() {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    current = Some(Block {
                        info: info.trim().to_string(),
                        body: String::new(),
                        line: i + 1,
                    });
                }
            }
            Some(mut block) => {
                if line == "```" {
                    out.push(block);
                } else {
                    block.body.push_str(line);
                    block.body.push('\n');
                    current = Some(block);
                }
            }
        }
    }
    out
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sema-tour-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

fn run(dir: &Path, index: usize, program: &str) -> (String, String, Option<i32>) {
    let file = format!("tour-{index}.sema");
    std::fs::write(dir.join(&file), program).expect("write program");
    let output = Command::new(env!("CARGO_BIN_EXE_sema"))
        .arg("--tree-walker")
        .arg(&file)
        .current_dir(dir)
        .output()
        .expect("run sema");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn tour_programs_print_what_the_tour_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/tour.md");
    let markdown = std::fs::read_to_string(&path).expect("read docs/tour.md");
    let blocks = blocks(&markdown);
    let dir = scratch_dir();
    let mut failures = Vec::new();
    let mut programs = 0;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if let Some(name) = block.info.strip_prefix("sema file=") {
            std::fs::write(dir.join(name), &block.body).expect("write module file");
        } else if block.info == "sema" {
            programs += 1;
            let expected = match blocks.get(i + 1) {
                Some(next) if next.info == "text" => {
                    i += 1;
                    next.body.as_str()
                }
                _ => {
                    failures.push(format!("line {}: no ```text block follows", block.line));
                    i += 1;
                    continue;
                }
            };
            let (stdout, stderr, code) = run(&dir, programs, &block.body);
            if stdout != expected || code != Some(0) {
                failures.push(format!(
                    "line {}: exit status {code:?}\n--- expected\n{expected}--- actual\n{stdout}--- stderr\n{stderr}",
                    block.line
                ));
            }
        }
        i += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(programs > 10, "only {programs} programs found in the tour");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
