//! GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding,
//! which the Actions runner turns into annotations on the pull request (for people who do not
//! use code scanning). Columns are 1-based characters.

use std::io::Write;

use super::Context;
use crate::diagnostic::NotificationLevel;
use crate::escape::for_terminal;
use crate::rules::Level;
use crate::Report;

/// Escapes a command's message: control and bidi characters as [`for_terminal`] shows them
/// (so no raw CR or LF can end the command and start another), then `%`, CR and LF per the
/// workflow-command rules.
pub fn escape_data(s: &str) -> String {
    for_terminal(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (the message escapes plus `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the annotations.
pub fn write(report: &Report, _ctx: &Context<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for d in &report.diagnostics {
        if d.suppression.is_some() {
            continue;
        }
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&d.path),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&format!("{} [{}]", d.message, d.rule.citation())),
        )?;
    }
    for n in &report.notifications {
        let command = match n.level {
            NotificationLevel::Error => "error",
            NotificationLevel::Warning => "warning",
            NotificationLevel::Note => continue,
        };
        // A notification about a file is annotated on it, at its line when it has one (an
        // unused or blanket suppression comment); one about the whole scan (".") on none.
        let mut props = String::new();
        if n.path != "." && !n.path.is_empty() {
            props.push_str(&format!("file={},", escape_property(&n.path)));
            if let Some(line) = n.line {
                props.push_str(&format!("line={line},"));
            }
        }
        writeln!(
            out,
            "::{command} {props}title=phi-lint::{}",
            escape_data(&format!("{}: {}", n.path, n.message))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(escape_data("50%\r\nx: y, z"), "50%25\\r\\nx: y, z");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            escape_property("x\n::error file=a.py::y\u{1b}"),
            "x\\n%3A%3Aerror file=a.py%3A%3Ay\\x1b"
        );
    }
}
