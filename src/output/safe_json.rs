//! JSON written so that no string in it carries a character a terminal or a web page would act
//! on. serde_json escapes `"`, `\` and the C0 controls but writes DEL, the C1 controls
//! (U+0080–U+009F) and the Unicode bidirectional embeddings, overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069) raw; paths and identifiers of a scanned repository can hold
//! them, and a JSON or SARIF report is printed, paged and rendered by CI pages. This formatter
//! writes every such character as a `\uXXXX` escape, which every JSON reader decodes to the
//! same string ([`crate::escape::is_unsafe`] is the one definition of what is unsafe).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// A serde_json [`Formatter`] that escapes what [`crate::escape::is_unsafe`] names, over an
/// inner formatter for the layout.
pub struct SafeFormatter<F>(pub F);

impl<F: Formatter> Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            // C0 controls never reach a fragment: serde_json escapes them itself.
            if crate::escape::is_unsafe(c) {
                if start < at {
                    self.0.write_string_fragment(writer, &fragment[start..at])?;
                }
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        if start < fragment.len() {
            self.0.write_string_fragment(writer, &fragment[start..])?;
        }
        Ok(())
    }

    // Everything else is the inner formatter's: layout and the escapes serde_json makes.
    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.write_null(w)
    }
    fn write_bool<W: ?Sized + Write>(&mut self, w: &mut W, v: bool) -> io::Result<()> {
        self.0.write_bool(w, v)
    }
    fn write_i64<W: ?Sized + Write>(&mut self, w: &mut W, v: i64) -> io::Result<()> {
        self.0.write_i64(w, v)
    }
    fn write_u64<W: ?Sized + Write>(&mut self, w: &mut W, v: u64) -> io::Result<()> {
        self.0.write_u64(w, v)
    }
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        self.0.write_f64(w, v)
    }
    fn write_number_str<W: ?Sized + Write>(&mut self, w: &mut W, v: &str) -> io::Result<()> {
        self.0.write_number_str(w, v)
    }
    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_string(w)
    }
    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_string(w)
    }
    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        self.0.write_char_escape(w, escape)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
    fn write_raw_fragment<W: ?Sized + Write>(&mut self, w: &mut W, f: &str) -> io::Result<()> {
        self.0.write_raw_fragment(w, f)
    }
}

/// [`serde_json::to_writer_pretty`] with [`SafeFormatter`].
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(writer, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// [`serde_json::to_string_pretty`] with [`SafeFormatter`].
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    // The serializer writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// [`serde_json::to_string`] with [`SafeFormatter`].
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter(CompactFormatter));
    value.serialize(&mut ser)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn del_c1_and_bidi_controls_are_written_as_escapes_that_read_back_the_same() {
        let s = "a\u{7f}b\u{85}\u{9b}c\u{202e}d\u{2066}\u{2069}e\n\"f\" café 日本";
        let v = serde_json::json!({ "path": s, "list": [s] });
        for text in [to_string(&v).unwrap(), to_string_pretty(&v).unwrap()] {
            assert!(
                !text
                    .chars()
                    .any(|c| crate::escape::is_unsafe(c) && c != '\n'),
                "{text:?}"
            );
            assert!(
                text.contains(
                    "a\\u007fb\\u0085\\u009bc\\u202ed\\u2066\\u2069e\\n\\\"f\\\" café 日本"
                ),
                "{text}"
            );
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, v);
        }
        // Clean text is written as serde_json writes it.
        let clean = serde_json::json!({ "a": [1, "x"], "b": null });
        assert_eq!(
            to_string_pretty(&clean).unwrap(),
            serde_json::to_string_pretty(&clean).unwrap()
        );
        assert_eq!(
            to_string(&clean).unwrap(),
            serde_json::to_string(&clean).unwrap()
        );
    }
}
