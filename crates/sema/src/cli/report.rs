//! Printing uncaught errors (errors.md §4): the headline, a source snippet
//! with a caret, the stack trace, hints and notes.
//!
//! The plain-text layout is normative; colour only adds ANSI escapes around
//! parts of it, so with colour off the text is exactly the spec's.

use std::collections::HashMap;
use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};
use sema::{Error, ErrorKind, Sym};
use sema_core::{Span, TraceFrame};

/// Source texts of the program, for snippets.
#[derive(Default)]
pub struct Sources {
    files: HashMap<Sym, String>,
    input: Option<String>,
}

impl Sources {
    /// Remembers the text of a file that is being run.
    pub fn add(&mut self, file: Sym, text: &str) {
        self.files.insert(file, text.to_string());
    }

    /// The text of `-e`/`-p`/REPL input or a program read from stdin
    /// (shown as `<input>`).
    pub fn set_input(&mut self, text: &str) {
        self.input = Some(text.to_string());
    }

    /// Line `line` (1-based) of the source, if it can be found. The line
    /// just past the end of the text is the empty string (errors at EOF).
    fn line(&self, file: Option<Sym>, line: u32) -> Option<String> {
        let read;
        let text = match file {
            Some(f) => match self.files.get(&f) {
                Some(t) => t.as_str(),
                None => {
                    read = std::fs::read_to_string(f.name()).ok()?;
                    read.as_str()
                }
            },
            None => self.input.as_deref()?,
        };
        let index = line.checked_sub(1)? as usize;
        match text.lines().nth(index) {
            Some(l) => Some(l.to_string()),
            None if index == text.lines().count() => Some(String::new()),
            None => None,
        }
    }
}

impl Sources {
    /// False when `span` cannot be a form of the text we have. Positions in
    /// `<input>` text may belong to an earlier REPL input (a function defined
    /// before); a form starts with a bracket or quote character, so a span
    /// pointing elsewhere is from other text and gets no snippet.
    fn plausible(&self, span: &Span) -> bool {
        if span.file.is_some() {
            return true;
        }
        let Some(line) = self.line(None, span.line) else {
            return false;
        };
        let at = line.chars().nth(span.col.saturating_sub(1) as usize);
        at.is_some_and(|c| "([{'`,#@".contains(c))
    }
}

/// True when error reports on stderr should be coloured: stderr is a
/// terminal and `NO_COLOR` is not set (cli.md §6).
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// The styles of the parts of a report; all plain when colour is off.
#[derive(Clone, Copy)]
struct Palette {
    error: Style,
    headline: Style,
    frame: Style,
    name: Style,
    caret: Style,
    label: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            let plain = Style::new();
            return Palette {
                error: plain,
                headline: plain,
                frame: plain,
                name: plain,
                caret: plain,
                label: plain,
            };
        }
        Palette {
            error: AnsiColor::Red.on_default().bold(),
            headline: Style::new().bold(),
            frame: AnsiColor::Blue.on_default().bold(),
            name: AnsiColor::Cyan.on_default(),
            caret: AnsiColor::Red.on_default().bold(),
            label: AnsiColor::Cyan.on_default().bold(),
        }
    }
}

/// `text` wrapped in `style` (no escapes for a plain style).
fn paint(style: Style, text: &str) -> String {
    if style == Style::new() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

/// `FILE:L:C`, with `<input>` for code that did not come from a file.
fn location(span: &Span) -> String {
    let file = span.file.map(|f| f.name()).unwrap_or("<input>");
    format!("{file}:{}:{}", span.line, span.col)
}

fn snippet(out: &mut String, sources: &Sources, pal: Palette, at: SnippetAt<'_>) {
    let Some(text) = sources.line(at.file, at.line) else {
        return;
    };
    let line = at.line;
    let gutter = line.to_string().len().max(2);
    let pad = " ".repeat(gutter);
    let bar = paint(pal.frame, "|");
    out.push_str(&format!(
        "  {} {}:{line}:{}\n",
        paint(pal.frame, "-->"),
        at.shown,
        at.col
    ));
    out.push_str(&format!("  {pad} {bar}\n"));
    let number = paint(pal.frame, &format!("{line:>gutter$}"));
    out.push_str(&format!("  {number} {bar} {text}\n"));
    // Tabs are kept so the caret lines up under the failing character.
    let caret_pad: String = text
        .chars()
        .chain(std::iter::repeat(' '))
        .take(at.col.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    out.push_str(&format!(
        "  {pad} {bar} {caret_pad}{}\n",
        paint(pal.caret, "^")
    ));
}

/// Where a snippet points: the source (`None` = `<input>`), the name shown
/// on the `-->` line, and the position.
struct SnippetAt<'a> {
    file: Option<Sym>,
    shown: &'a str,
    line: u32,
    col: u32,
}

/// The full report of an uncaught error. `shown` is the main file as given
/// on the command line (reader errors name it that way); `color` adds ANSI
/// colours.
pub fn report(err: &Error, sources: &Sources, shown: Option<&str>, color: bool) -> String {
    let pal = Palette::new(color);
    let mut out = format!(
        "{} {}\n",
        paint(pal.error, "Error:"),
        paint(pal.headline, &err.headline())
    );
    // `read` and `read-many` raise reader errors about the string they were
    // given; those show the call instead (their position is in no file).
    let source_reader_error = matches!(err.kind(), ErrorKind::Reader { .. })
        && (err.trace().is_empty() || err.span().is_some_and(|s| s.file.is_some()));
    match err.kind() {
        ErrorKind::Reader { line, col } if source_reader_error => {
            let file = err.span().and_then(|s| s.file);
            let name = match (file, shown) {
                (_, Some("-")) => "<input>".to_string(),
                (_, Some(s)) => s.to_string(),
                (Some(f), None) => f.name().to_string(),
                (None, None) => "<input>".to_string(),
            };
            let at = SnippetAt {
                file,
                shown: &name,
                line: *line,
                col: *col,
            };
            snippet(&mut out, sources, pal, at);
        }
        _ => {
            let span = match err.kind() {
                ErrorKind::Reader { .. } => err.trace().first().and_then(|f| f.span),
                _ => err.span(),
            };
            if let Some(span) = span.filter(|s| s.line > 0 && sources.plausible(s)) {
                let name = span.file.map(|f| f.name()).unwrap_or("<input>");
                let at = SnippetAt {
                    file: span.file,
                    shown: name,
                    line: span.line,
                    col: span.col,
                };
                snippet(&mut out, sources, pal, at);
            }
        }
    }
    let (head, omitted, tail) = err.folded_trace();
    out.push_str(&trace_text(&head, omitted, &tail, true, color));
    if let Some(h) = err.hint() {
        out.push_str(&format!("  {} {h}\n", paint(pal.label, "hint:")));
    }
    if let Some(n) = err.note() {
        out.push_str(&format!("  {} {n}\n", paint(pal.label, "note:")));
    }
    out
}

/// The `  at NAME (LOCATION)` lines of a trace: `head` (innermost first),
/// then, if `omitted` is not zero, a line counting the omitted frames and
/// `tail`. With `fold`, a run of identical consecutive frames is one line
/// ending in `[repeated N times]` (N frames in the run).
pub fn trace_text(
    head: &[&TraceFrame],
    omitted: usize,
    tail: &[&TraceFrame],
    fold: bool,
    color: bool,
) -> String {
    let pal = Palette::new(color);
    let mut out = String::new();
    push_frames(&mut out, head, fold, pal);
    if omitted > 0 {
        out.push_str(&format!("  ... {omitted} frames omitted ...\n"));
        push_frames(&mut out, tail, fold, pal);
    }
    out
}

fn push_frames(out: &mut String, frames: &[&TraceFrame], fold: bool, pal: Palette) {
    let mut i = 0;
    while i < frames.len() {
        let f = frames[i];
        let mut run = 1;
        if fold {
            while frames.get(i + run).is_some_and(|g| same_frame(f, g)) {
                run += 1;
            }
        }
        let name = paint(pal.name, &f.name);
        match f.span.filter(|s| s.line > 0) {
            Some(s) => out.push_str(&format!("  at {name} ({})", location(&s))),
            None => out.push_str(&format!("  at {name}")),
        }
        if run > 1 {
            out.push_str(&format!(" [repeated {run} times]"));
        }
        out.push('\n');
        i += run;
    }
}

fn same_frame(a: &TraceFrame, b: &TraceFrame) -> bool {
    a.name == b.name && a.span == b.span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(name: &str, line: u32) -> TraceFrame {
        TraceFrame {
            name: name.to_string(),
            span: (line > 0).then(|| Span::new(None, line, 2)),
        }
    }

    #[test]
    fn folds_runs_of_identical_frames() {
        let frames = [
            frame("car", 1),
            frame("f", 3),
            frame("f", 3),
            frame("f", 3),
            frame("g", 0),
        ];
        let refs: Vec<&TraceFrame> = frames.iter().collect();
        assert_eq!(
            trace_text(&refs, 0, &[], true, false),
            "  at car (<input>:1:2)\n  at f (<input>:3:2) [repeated 3 times]\n  at g\n"
        );
        let unfolded = trace_text(&refs, 0, &[], false, false);
        assert_eq!(unfolded.lines().count(), 5);
    }

    #[test]
    fn omitted_frames_are_counted_between_the_ends() {
        let frames = [frame("f", 1), frame("f", 1), frame("main", 9)];
        let head: Vec<&TraceFrame> = frames[..2].iter().collect();
        let tail: Vec<&TraceFrame> = frames[2..].iter().collect();
        assert_eq!(
            trace_text(&head, 7, &tail, true, false),
            "  at f (<input>:1:2) [repeated 2 times]\n  ... 7 frames omitted ...\n  at main (<input>:9:2)\n"
        );
    }

    #[test]
    fn snippet_layout_matches_the_spec() {
        let mut sources = Sources::default();
        sources.set_input("(define (f x)\n  (car x))\n(f 5)");
        let err = Error::type_error("list or vector", &sema::Value::int(5))
            .with_span(Span::new(None, 2, 3));
        assert_eq!(
            report(&err, &sources, None, false),
            "Error: Type error: expected list or vector, got int\n  --> <input>:2:3\n     |\n   2 |   (car x))\n     |   ^\n"
        );
    }

    #[test]
    fn reader_errors_name_the_file_as_given_and_may_point_past_the_end() {
        let mut sources = Sources::default();
        let file = Sym::intern("/abs/r.sema");
        sources.add(file, "(a\n");
        let err = Error::reader("unterminated list", 2, 1).with_span(Span::new(Some(file), 2, 1));
        let text = report(&err, &sources, Some("r.sema"), false);
        assert!(
            text.contains("  --> r.sema:2:1\n     |\n   2 | \n     | ^\n"),
            "{text}"
        );
    }

    #[test]
    fn colour_adds_escapes_only_when_asked() {
        let sources = Sources::default();
        let err = Error::eval("boom").with_hint("try again");
        let plain = report(&err, &sources, None, false);
        assert_eq!(plain, "Error: Eval error: boom\n  hint: try again\n");
        let coloured = report(&err, &sources, None, true);
        assert!(coloured.contains('\u{1b}'));
        let stripped: String = strip_ansi(&coloured);
        assert_eq!(stripped, plain);
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
