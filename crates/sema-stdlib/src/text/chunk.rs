//! The splitting behind `text/chunk` and `document/chunk`.
//!
//! A text longer than the chunk size is split on the first separator of
//! [`SEPARATORS`] that occurs in it; the pieces are merged greedily back into
//! chunks of at most `size` bytes (a piece that is itself too long is split
//! recursively with the later separators), and each chunk after the first is
//! prefixed with the last `overlap` bytes of the chunk before it. A text with
//! no separator at all is cut every `size - overlap` characters into pieces
//! of `size` characters. Every cut lands on a character boundary.

use sema_core::{Error, Result};

/// Separators tried in order, coarsest first.
const SEPARATORS: [&str; 8] = ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " "];

/// Upper bound on the total bytes of the chunks of one call. Heavy overlap on
/// a long text without separators would otherwise need memory quadratic in
/// its length.
const MAX_OUTPUT_BYTES: usize = 1 << 28;

/// The chunks of `text` (`()` for the empty string). `size` is at least 1
/// and `overlap` is smaller than `size`.
pub(super) fn chunks(text: &str, size: usize, overlap: usize) -> Result<Vec<String>> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    split(text, size, overlap)
}

fn split(text: &str, size: usize, overlap: usize) -> Result<Vec<String>> {
    if text.len() <= size {
        return Ok(vec![text.to_string()]);
    }
    for sep in SEPARATORS {
        if text.contains(sep) {
            let parts: Vec<&str> = text.split(sep).collect();
            return merge(&parts, sep, size, overlap);
        }
    }
    cut(text, size, overlap)
}

/// Greedily joins `parts` with `sep` into chunks of at most `size` bytes.
fn merge(parts: &[&str], sep: &str, size: usize, overlap: usize) -> Result<Vec<String>> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for part in parts {
        let joined_len = if current.is_empty() {
            part.len()
        } else {
            current.len() + sep.len() + part.len()
        };
        if joined_len <= size {
            if !current.is_empty() {
                current.push_str(sep);
            }
            current.push_str(part);
            continue;
        }
        if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
        }
        if part.len() > size {
            chunks.extend(split(part, size, overlap)?);
        } else {
            current.push_str(part);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    if overlap > 0 && chunks.len() > 1 {
        let mut out = Vec::with_capacity(chunks.len());
        out.push(chunks[0].clone());
        for pair in chunks.windows(2) {
            out.push(format!("{}{}", tail(&pair[0], overlap), pair[1]));
        }
        return Ok(out);
    }
    Ok(chunks)
}

/// The last `n` bytes of `s`, shortened to start on a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

/// Cuts a text without separators into windows of `size` characters that
/// start every `size - overlap` characters.
fn cut(text: &str, size: usize, overlap: usize) -> Result<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let step = size.saturating_sub(overlap).max(1);
    let windows = chars.len().div_ceil(step);
    if windows.saturating_mul(size.min(chars.len())) > MAX_OUTPUT_BYTES {
        return Err(Error::eval(
            "text/chunk: the chunks would be too large (use a smaller :overlap)",
        ));
    }
    let mut out = Vec::with_capacity(windows);
    let mut i = 0;
    while i < chars.len() {
        let end = i.saturating_add(size).min(chars.len());
        out.push(chars[i..end].iter().collect());
        i += step;
    }
    Ok(out)
}
