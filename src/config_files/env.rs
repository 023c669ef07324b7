//! A dotenv reader: `KEY=value` lines, an optional `export `, single, double and backtick
//! quotes (double-quoted values may span lines), `#` comments on their own line or after a
//! value (` # note`). Lines that are not assignments are skipped. Every entry is a sibling of
//! every other (one file is one mapping).

use std::borrow::Cow;

use super::{Doc, Entry, ScalarKind, MAX_ENTRIES};

pub(super) fn read(doc: &mut Doc<'_>) {
    let src = doc.source;
    let bytes = src.as_bytes();
    let mut at = 0;
    while at < src.len() && doc.entries.len() <= MAX_ENTRIES {
        let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
        let line = &src[at..line_end];
        let indent = line.len() - line.trim_start().len();
        let start = at + indent;
        let mut next = line_end + 1;
        let body = line.trim_start();
        if body.starts_with('#') {
            doc.comments.push(start..line_end);
        } else if let Some((key_range, value_start)) = assignment(src, start, line_end) {
            let mut v = value_start;
            while v < line_end && matches!(bytes[v], b' ' | b'\t') {
                v += 1;
            }
            let quote = bytes
                .get(v)
                .copied()
                .filter(|q| matches!(q, b'"' | b'\'' | b'`'));
            let (value, text, rest_from) = match quote {
                Some(q) => {
                    // The closing quote, on this line or (double quotes) a later one.
                    let limit = if q == b'"' { src.len() } else { line_end };
                    let mut i = v + 1;
                    let mut close = None;
                    while i < limit {
                        if bytes[i] == b'\\' && q == b'"' {
                            i += 2;
                            continue;
                        }
                        if bytes[i] == q {
                            close = Some(i);
                            break;
                        }
                        i += 1;
                    }
                    match close {
                        Some(c) => {
                            let inner = &src[v + 1..c];
                            let text = if q == b'"' && inner.contains('\\') {
                                Cow::Owned(
                                    inner
                                        .replace("\\n", "\n")
                                        .replace("\\\"", "\"")
                                        .replace("\\\\", "\\"),
                                )
                            } else {
                                Cow::Borrowed(inner)
                            };
                            (v..c + 1, text, c + 1)
                        }
                        None => (
                            v..line_end,
                            Cow::Borrowed(src[v..line_end].trim_end()),
                            line_end,
                        ),
                    }
                }
                None => {
                    // An unquoted value ends at ` #` (a comment) or the end of the line.
                    let raw = &src[v..line_end];
                    let cut = raw
                        .find(" #")
                        .or_else(|| raw.find("\t#"))
                        .unwrap_or(raw.len());
                    let text = raw[..cut].trim_end();
                    (v..v + text.len(), Cow::Borrowed(text), v + cut)
                }
            };
            let line_after = src[value.end.min(src.len())..]
                .find('\n')
                .map_or(src.len(), |i| value.end + i);
            if let Some(hash) = src[rest_from.min(line_after)..line_after].find('#') {
                doc.comments.push(rest_from + hash..line_after);
            }
            next = line_after + 1;
            doc.entries.push(Entry {
                path: vec![Cow::Borrowed(&src[key_range.clone()])],
                key: Some(key_range),
                value,
                text,
                kind: ScalarKind::String,
                block: 0,
            });
        }
        at = next;
    }
}

/// `KEY=` or `export KEY=` at `start`: the key's range and where the value starts.
fn assignment(src: &str, start: usize, line_end: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let line = &src[start..line_end];
    let (offset, rest) = match line.strip_prefix("export ") {
        Some(r) => {
            let r2 = r.trim_start();
            (line.len() - r2.len(), r2)
        }
        None => (0, line),
    };
    let eq = rest.find('=')?;
    let key = rest[..eq].trim_end();
    let valid = !key.is_empty()
        && key.len() <= 128
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if !valid {
        return None;
    }
    let key_start = start + offset;
    Some((key_start..key_start + key.len(), key_start + eq + 1))
}
