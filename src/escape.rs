//! The one escaping function for text that reaches a terminal or a log.
//!
//! phi-lint reads untrusted repositories: a file name, a subscript key or a suppression reason
//! can hold a newline (which forges a separate finding line, or a GitHub workflow command in
//! `--format github`), an ESC sequence (which clears or rewrites the terminal), or a Unicode
//! bidirectional override (which makes text read differently from what it is). Everything the
//! text and github formats print, and everything written to standard error in any format,
//! goes through [`for_terminal`]; JSON and SARIF are escaped by their serializer instead, with
//! [`crate::output::safe_json`] writing the characters serde_json leaves raw (DEL, C1 controls,
//! bidirectional controls) as `\u` escapes.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Whether `c` must not reach a terminal raw: C0 controls (including `\n`, `\r`, `\t`, ESC and
/// BEL), DEL, C1 controls, the Unicode bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), the line and paragraph
/// separators (U+2028, U+2029, shown as line breaks by some viewers), and the invisible
/// zero-width space and byte-order mark (U+200B, U+FEFF), which make two names look alike.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// `s` with every [unsafe](is_unsafe) character written as a Rust-style escape: `\n`, `\r`,
/// `\t`, `\x1b` for the other ASCII controls, `\u{202e}` for the rest. Borrowed when there is
/// nothing to escape, which is almost always.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path for a terminal: [`for_terminal`] of its lossy display form.
pub fn path(p: &Path) -> String {
    for_terminal(&p.to_string_lossy()).into_owned()
}

/// Text to be shown as source code by a renderer that does its own layout (miette's code
/// frames): every unsafe character except `\n` and `\t` becomes `?` once per UTF-8 byte, so
/// byte offsets into the text still point at the same places.
pub fn same_length(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !matches!(c, '\n' | '\t')) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) && !matches!(c, '\n' | '\t') {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_and_borrows_clean_text() {
        assert!(matches!(for_terminal("app/views.py"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(for_terminal("x\u{1b}[2J\u{7}"), "x\\x1b[2J\\x07");
        assert_eq!(for_terminal("\u{7f}\u{9b}"), "\\x7f\\u{9b}");
        assert_eq!(
            for_terminal("a\u{200f}b\u{2028}c\u{200b}d\u{61c}e\u{feff}"),
            "a\\u{200f}b\\u{2028}c\\u{200b}d\\u{61c}e\\u{feff}"
        );
        assert_eq!(
            for_terminal("a\u{202e}b\u{2066}c\u{2069}"),
            "a\\u{202e}b\\u{2066}c\\u{2069}"
        );
        assert_eq!(for_terminal("café 日本"), "café 日本");
    }

    #[test]
    fn same_length_keeps_byte_offsets() {
        let s = "a\u{1b}b\u{202e}c\nd";
        let t = same_length(s);
        assert_eq!(t.len(), s.len());
        assert_eq!(t, "a?b???c\nd");
    }
}
