//! The REPL's line-editor helper: multi-line input (the Validator asks the
//! reader whether the text needs more lines, so a whole form is one edit
//! buffer and one history entry), tab completion of special forms, REPL
//! commands and bound names, and bracket highlighting when colour is on.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Cmd, ConditionalEventHandler, Context, Event, EventContext, Helper, RepeatCount};

/// The special forms (they are not bound names, so completion lists them).
pub const SPECIAL_FORMS: &[&str] = &[
    "and",
    "begin",
    "case",
    "catch",
    "cond",
    "def",
    "define",
    "define-record-type",
    "defmacro",
    "defmethod",
    "defmulti",
    "defn",
    "defun",
    "delay",
    "do",
    "else",
    "eval",
    "export",
    "fn",
    "force",
    "if",
    "import",
    "lambda",
    "let",
    "let*",
    "letrec",
    "load",
    "macroexpand",
    "match",
    "module",
    "or",
    "progn",
    "quasiquote",
    "quote",
    "set!",
    "throw",
    "try",
    "unless",
    "unquote",
    "unquote-splicing",
    "when",
    "while",
];

/// The REPL commands, for completion and `,help`.
pub const COMMANDS: &[&str] = &[
    ",builtins",
    ",bt",
    ",doc",
    ",env",
    ",exit",
    ",help",
    ",quit",
    ",time",
    ",type",
];

/// True for the names of special forms (and their auxiliary keywords).
pub fn is_special_form(name: &str) -> bool {
    SPECIAL_FORMS.contains(&name)
}

/// Characters that end a symbol for completion purposes.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || "()[]{}\"'`,;@".contains(c)
}

/// The rustyline helper of the REPL.
pub struct SemaHelper {
    /// Every completable name, sorted and without duplicates.
    names: Vec<String>,
    brackets: Option<MatchingBracketHighlighter>,
}

impl SemaHelper {
    /// A helper; `color` turns on bracket-match highlighting.
    pub fn new(color: bool) -> SemaHelper {
        SemaHelper {
            names: Vec::new(),
            brackets: color.then(MatchingBracketHighlighter::new),
        }
    }

    /// Replaces the bound names offered by completion (special forms are
    /// always offered). Names starting with a space are hidden temporaries.
    pub fn set_names(&mut self, bound: impl IntoIterator<Item = String>) {
        let mut names: Vec<String> = bound
            .into_iter()
            .filter(|n| !n.starts_with(' ') && !n.is_empty())
            .chain(SPECIAL_FORMS.iter().map(|s| s.to_string()))
            .collect();
        names.sort_unstable();
        names.dedup();
        self.names = names;
    }

    /// The start of the word before `pos` and the candidates completing it.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let pos = pos.min(line.len());
        let before = line.get(..pos).unwrap_or("");
        // A REPL command: `,` at the start of the input.
        let trimmed = before.trim_start();
        if trimmed.starts_with(',') && !trimmed.contains(char::is_whitespace) {
            let start = pos - trimmed.len();
            let found = COMMANDS
                .iter()
                .filter(|c| c.starts_with(trimmed))
                .map(|c| c.to_string())
                .collect();
            return (start, found);
        }
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| is_delimiter(*c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let word = &before[start..];
        if word.is_empty() {
            return (start, Vec::new());
        }
        let first = self.names.partition_point(|n| n.as_str() < word);
        let found = self.names[first..]
            .iter()
            .take_while(|n| n.starts_with(word))
            .cloned()
            .collect();
        (start, found)
    }
}

impl Completer for SemaHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, names) = self.candidates(line, pos);
        let pairs = names
            .into_iter()
            .map(|n| Pair {
                display: n.clone(),
                replacement: n,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for SemaHelper {
    type Hint = String;
}

impl Highlighter for SemaHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        match &self.brackets {
            Some(b) => b.highlight(line, pos),
            None => Cow::Borrowed(line),
        }
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        match &self.brackets {
            Some(b) => b.highlight_char(line, pos, kind),
            None => false,
        }
    }
}

impl Validator for SemaHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if sema_reader::needs_more_input(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

impl Helper for SemaHelper {}

/// The Ctrl-C key handler: interrupts the edit like rustyline does, and
/// records whether the edit buffer was empty (then the REPL exits; with
/// text it only discards the text).
pub struct CtrlC {
    /// Set when Ctrl-C was pressed on an empty buffer.
    pub was_empty: Arc<AtomicBool>,
}

impl ConditionalEventHandler for CtrlC {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext<'_>,
    ) -> Option<Cmd> {
        self.was_empty
            .store(ctx.line().trim().is_empty(), Ordering::SeqCst);
        Some(Cmd::Interrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> SemaHelper {
        let mut h = SemaHelper::new(false);
        h.set_names(
            ["string/split", "string/upcase", "map", " hidden", "my-var"]
                .into_iter()
                .map(String::from),
        );
        h
    }

    #[test]
    fn completes_bound_names_after_a_bracket() {
        let h = helper();
        assert_eq!(
            h.candidates("(string/sp", 10),
            (1, vec!["string/split".to_string()])
        );
        assert_eq!(h.candidates("(map my-", 8), (5, vec!["my-var".to_string()]));
        assert_eq!(
            h.candidates("(string/", 8).1,
            vec!["string/split".to_string(), "string/upcase".to_string()]
        );
    }

    #[test]
    fn completes_special_forms_and_hides_temporaries() {
        let h = helper();
        assert_eq!(
            h.candidates("(defm", 5).1,
            vec![
                "defmacro".to_string(),
                "defmethod".to_string(),
                "defmulti".to_string()
            ]
        );
        assert!(h.candidates(" hid", 4).1.is_empty());
        assert!(h.candidates("(", 1).1.is_empty());
    }

    #[test]
    fn completes_commands_at_the_start_of_input() {
        let h = helper();
        assert_eq!(h.candidates(",he", 3), (0, vec![",help".to_string()]));
        assert_eq!(
            h.candidates("  ,t", 4),
            (2, vec![",time".to_string(), ",type".to_string()])
        );
        // After the command word, names complete as usual.
        assert_eq!(h.candidates(",doc my", 7), (5, vec!["my-var".to_string()]));
    }

    #[test]
    fn cursor_positions_are_clamped() {
        let h = helper();
        assert_eq!(h.candidates("my", 99).1, vec!["my-var".to_string()]);
    }
}
