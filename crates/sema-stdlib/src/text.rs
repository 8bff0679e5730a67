//! Text utilities (spec/stdlib.md §24, "later"): `text/*`, `prompt/template`,
//! `prompt/render` and the `document/*` map helpers.
//!
//! Sizes given to `text/chunk` are bytes of UTF-8, but every cut lands on a
//! character boundary, so no input can make these functions panic. Counts
//! elsewhere (`text/truncate`, `text/excerpt`) are characters.

use sema_core::{printer, Arity, Ctx, Error, Result, Value, View};

use crate::util::{int, string};
use crate::{builtin, Builtin};

mod chunk;

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "text/word-count",
        Arity::Exact(1),
        word_count,
        "number of whitespace-separated words",
    ),
    builtin(
        "text/clean-whitespace",
        Arity::Exact(1),
        clean_whitespace,
        "the words of a string joined by single spaces",
    ),
    builtin(
        "text/normalize-newlines",
        Arity::Exact(1),
        normalize_newlines,
        "\\r\\n and \\r replaced by \\n",
    ),
    builtin(
        "text/trim-indent",
        Arity::Exact(1),
        trim_indent,
        "remove the common leading whitespace of the non-blank lines",
    ),
    builtin(
        "text/truncate",
        Arity::Range(2, 3),
        truncate,
        "(text/truncate s max [suffix]): at most max chars, ending in suffix (\"...\") when cut",
    ),
    builtin(
        "text/strip-html",
        Arity::Exact(1),
        strip_html,
        "remove <...> tags and decode the common HTML entities",
    ),
    builtin(
        "text/split-sentences",
        Arity::Exact(1),
        split_sentences,
        "split after . ! or ? followed by whitespace or the end",
    ),
    builtin(
        "text/chunk-by-separator",
        Arity::Exact(2),
        chunk_by_separator,
        "(text/chunk-by-separator s sep): the non-empty pieces between separators",
    ),
    builtin(
        "text/chunk",
        Arity::Range(1, 2),
        chunk_text,
        "(text/chunk s [{:size N :overlap M}]): split into chunks of at most N bytes",
    ),
    builtin(
        "text/excerpt",
        Arity::Range(2, 3),
        excerpt,
        "(text/excerpt s query [{:radius R :omission O}]): snippet around the first hit, or nil",
    ),
    builtin(
        "prompt/template",
        Arity::Exact(1),
        template,
        "returns its string argument",
    ),
    builtin(
        "prompt/render",
        Arity::Exact(2),
        render,
        "(prompt/render template m): replace each {{name}} by the display form of (get m :name)",
    ),
    builtin(
        "document/create",
        Arity::Exact(2),
        document_create,
        "(document/create text metadata): {:metadata metadata :text text}",
    ),
    builtin(
        "document/text",
        Arity::Exact(1),
        document_text,
        "the :text of a document",
    ),
    builtin(
        "document/metadata",
        Arity::Exact(1),
        document_metadata,
        "the :metadata of a document",
    ),
    builtin(
        "document/chunk",
        Arity::Range(1, 2),
        document_chunk,
        "(document/chunk doc [opts]): chunk the text like text/chunk; metadata gains :chunk-index and :total-chunks",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

/// The value under the keyword `:name` in a map or hash map (None otherwise).
fn option(m: &Value, name: &str) -> Option<Value> {
    let key = Value::kw(name);
    match m.view() {
        View::Map(m) => m.entries.get(&sema_core::value::OrdKey(key)).cloned(),
        View::HashMap(m) => m.get(&key).cloned(),
        _ => None,
    }
}

fn is_any_map(v: &Value) -> bool {
    matches!(v.view(), View::Map(_) | View::HashMap(_))
}

/// A count from an option map: negative values clamp to `min`.
fn option_count(opts: Option<&Value>, name: &str, min: i64) -> Option<usize> {
    let n = option(opts?, name)?.as_int()?;
    Some(usize::try_from(n.max(min)).unwrap_or(usize::MAX))
}

fn word_count(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let n = string(&args[0])?.split_whitespace().count();
    Ok(Value::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn clean_whitespace(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let words: Vec<&str> = string(&args[0])?.split_whitespace().collect();
    Ok(Value::string(words.join(" ")))
}

fn normalize_newlines(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::string(s.replace("\r\n", "\n").replace('\r', "\n")))
}

fn trim_indent(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let lines: Vec<&str> = s.split('\n').collect();
    // Measured in characters, so multi-byte whitespace never splits a char.
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0);
    let trimmed: Vec<&str> = lines
        .iter()
        .map(|l| drop_leading_whitespace(l, indent))
        .collect();
    Ok(Value::string(trimmed.join("\n")))
}

/// `line` without up to `count` leading whitespace characters.
fn drop_leading_whitespace(line: &str, count: usize) -> &str {
    for (dropped, (at, c)) in line.char_indices().enumerate() {
        if dropped == count || !c.is_whitespace() {
            return &line[at..];
        }
    }
    ""
}

/// `max` is a count; a negative one behaves as a huge count (the reference
/// reinterprets it as unsigned), so the string comes back unchanged. A
/// suffix that is not a string is ignored, as in the reference.
fn truncate(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let max = usize::try_from(int(&args[1])?).unwrap_or(usize::MAX);
    let suffix = args.get(2).and_then(Value::as_str).unwrap_or("...");
    if s.chars().count() <= max {
        return Ok(args[0].clone());
    }
    let suffix_len = suffix.chars().count();
    if max <= suffix_len {
        return Ok(Value::string(suffix));
    }
    let mut out: String = s.chars().take(max - suffix_len).collect();
    out.push_str(suffix);
    Ok(Value::string(out))
}

fn strip_html(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut text = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ");
    Ok(Value::string(decoded))
}

fn split_sentences(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends = matches!(c, '.' | '!' | '?')
            && chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if ends {
            let end = at + c.len_utf8();
            push_trimmed(&mut sentences, &s[start..end]);
            start = end;
        }
    }
    push_trimmed(&mut sentences, &s[start..]);
    Ok(Value::list(sentences))
}

fn push_trimmed(out: &mut Vec<Value>, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        out.push(Value::string(piece));
    }
}

fn chunk_by_separator(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let sep = string(&args[1])?;
    Ok(Value::list_from(
        s.split(sep).filter(|p| !p.is_empty()).map(Value::string),
    ))
}

/// Chunk size and overlap from an optional option map: `:size` (default
/// 1000, at least 1) and `:overlap` (default 200, at least 0; dropped when it
/// is not smaller than the size). Anything but a map is ignored.
fn chunk_options(opts: Option<&Value>) -> (usize, usize) {
    let size = option_count(opts, "size", 1).unwrap_or(1000);
    let overlap = option_count(opts, "overlap", 0).unwrap_or(200);
    (size, if overlap >= size { 0 } else { overlap })
}

fn chunk_text(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let (size, overlap) = chunk_options(args.get(1));
    Ok(Value::list_from(
        chunk::chunks(s, size, overlap)?
            .into_iter()
            .map(Value::string),
    ))
}

/// Case-insensitive search for `query`; the snippet extends `radius`
/// characters on each side, with the omission marker on each cut side.
fn excerpt(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    let query = string(&args[1])?;
    let opts = args.get(2);
    let radius = option_count(opts, "radius", 0).unwrap_or(100);
    let omission = opts
        .and_then(|o| option(o, "omission"))
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "...".to_string());
    let lower = s.to_lowercase();
    let Some(at) = lower.find(&query.to_lowercase()) else {
        return Ok(Value::NIL);
    };
    let chars: Vec<char> = s.chars().collect();
    // Lower-casing can change lengths, so positions are clamped to `s`.
    let hit = lower[..at].chars().count().min(chars.len());
    let start = hit.saturating_sub(radius);
    let end = hit
        .saturating_add(query.chars().count())
        .saturating_add(radius)
        .min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push_str(&omission);
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push_str(&omission);
    }
    Ok(Value::string(out))
}

fn template(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    string(&args[0])?;
    Ok(args[0].clone())
}

/// Replaces `{{name}}` by the display form of the value under `:name`;
/// unknown names and an unclosed `{{` stay as written.
fn render(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let template = string(&args[0])?;
    let vars = &args[1];
    if !is_any_map(vars) {
        return Err(Error::type_error("map", vars));
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return Ok(Value::string(out));
        };
        let name = &after[..close];
        match option(vars, name) {
            Some(v) => printer::write_display(&mut out, &v),
            None => {
                out.push_str("{{");
                out.push_str(name);
                out.push_str("}}");
            }
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Ok(Value::string(out))
}

fn document(text: Value, metadata: Value) -> Value {
    Value::map_from([(Value::kw("text"), text), (Value::kw("metadata"), metadata)])
}

fn document_create(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    string(&args[0])?;
    if !is_any_map(&args[1]) {
        return Err(Error::type_error("map", &args[1]));
    }
    Ok(document(args[0].clone(), args[1].clone()))
}

fn document_field(doc: &Value, field: &str) -> Result<Value> {
    if !is_any_map(doc) {
        return Err(Error::type_error("map", doc));
    }
    option(doc, field).ok_or_else(|| Error::eval(format!("not a document: missing :{field}")))
}

fn document_text(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    document_field(&args[0], "text")
}

fn document_metadata(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    document_field(&args[0], "metadata")
}

fn document_chunk(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let doc = &args[0];
    if !is_any_map(doc) {
        return Err(Error::type_error("map", doc));
    }
    let text = option(doc, "text")
        .filter(Value::is_string)
        .ok_or_else(|| Error::eval("document/chunk: document missing :text"))?;
    let base: Vec<(Value, Value)> = match option(doc, "metadata") {
        Some(m) => match m.view() {
            View::Map(m) => m
                .entries
                .iter()
                .map(|(k, v)| (k.0.clone(), v.clone()))
                .collect(),
            View::HashMap(m) => m.iter().map(|(k, v)| (k, v.clone())).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let (size, overlap) = chunk_options(args.get(1));
    let pieces = chunk::chunks(text.as_str().unwrap_or(""), size, overlap)?;
    let total = Value::int(i64::try_from(pieces.len()).unwrap_or(i64::MAX));
    let docs = pieces.into_iter().enumerate().map(|(i, piece)| {
        let index = Value::int(i64::try_from(i).unwrap_or(i64::MAX));
        let metadata = Value::map_from(base.iter().cloned().chain([
            (Value::kw("chunk-index"), index),
            (Value::kw("total-chunks"), total.clone()),
        ]));
        document(Value::string(piece), metadata)
    });
    Ok(Value::list_from(docs))
}

#[cfg(test)]
mod tests;
