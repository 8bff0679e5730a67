//! Printing uncaught errors (errors.md §4): the headline, a source snippet
//! with a caret, the stack trace, hints and notes.

use std::collections::HashMap;

use sema::{Error, ErrorKind, Sym};
use sema_core::Span;

/// Source texts of the program, for snippets.
#[derive(Default)]
pub struct Sources {
    files: HashMap<Sym, String>,
    input: Option<String>,
}

impl Sources {
    pub fn add(&mut self, file: Sym, text: &str) {
        self.files.insert(file, text.to_string());
    }

    /// The text of `-e`/`-p`/REPL input (shown as `<input>`).
    pub fn set_input(&mut self, text: &str) {
        self.input = Some(text.to_string());
    }

    fn line(&self, file: Option<Sym>, line: u32) -> Option<String> {
        let text = match file {
            Some(f) => match self.files.get(&f) {
                Some(t) => t.clone(),
                None => std::fs::read_to_string(f.name()).ok()?,
            },
            None => self.input.clone()?,
        };
        text.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_string)
    }
}

fn location(span: &Span) -> String {
    let file = span.file.map(|f| f.name()).unwrap_or("<input>");
    format!("{file}:{}:{}", span.line, span.col)
}

fn snippet(
    out: &mut String,
    sources: &Sources,
    file: Option<Sym>,
    shown: &str,
    line: u32,
    col: u32,
) {
    let Some(text) = sources.line(file, line) else {
        return;
    };
    let gutter = line.to_string().len().max(2);
    let pad = " ".repeat(gutter);
    out.push_str(&format!("  --> {shown}:{line}:{col}\n"));
    out.push_str(&format!("  {pad} |\n"));
    out.push_str(&format!("  {line:>gutter$} | {text}\n"));
    let caret_pad: String = text
        .chars()
        .take(col.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    out.push_str(&format!("  {pad} | {caret_pad}^\n"));
}

/// The full report of an uncaught error. `shown` is the main file as given
/// on the command line (reader errors name it that way).
pub fn report(err: &Error, sources: &Sources, shown: Option<&str>) -> String {
    let mut out = format!("Error: {}\n", err.headline());
    match err.kind() {
        ErrorKind::Reader { line, col } => {
            let file = err.span().and_then(|s| s.file);
            let name = match (file, shown) {
                (_, Some(s)) => s.to_string(),
                (Some(f), None) => f.name().to_string(),
                (None, None) => "<input>".to_string(),
            };
            snippet(&mut out, sources, file, &name, *line, *col);
        }
        _ => {
            if let Some(span) = err.span().filter(|s| s.line > 0) {
                let name = span.file.map(|f| f.name()).unwrap_or("<input>");
                snippet(&mut out, sources, span.file, name, span.line, span.col);
            }
        }
    }
    let (head, omitted, tail) = err.folded_trace();
    for f in head {
        push_frame(&mut out, &f.name, f.span);
    }
    if omitted > 0 {
        out.push_str(&format!("  ... {omitted} frames omitted ...\n"));
        for f in tail {
            push_frame(&mut out, &f.name, f.span);
        }
    }
    if let Some(h) = err.hint() {
        out.push_str(&format!("  hint: {h}\n"));
    }
    if let Some(n) = err.note() {
        out.push_str(&format!("  note: {n}\n"));
    }
    out
}

fn push_frame(out: &mut String, name: &str, span: Option<Span>) {
    match span.filter(|s| s.line > 0) {
        Some(s) => out.push_str(&format!("  at {name} ({})\n", location(&s))),
        None => out.push_str(&format!("  at {name}\n")),
    }
}
