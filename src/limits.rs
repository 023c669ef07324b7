//! Every limit a hostile repository runs into, in one place: the README's "Hostile
//! repositories" section lists them, and a test checks that its table says what these
//! constants say.

use std::time::Duration;

/// Default `max-file-size`: larger source files are skipped with a warning.
pub const MAX_FILE_SIZE: u64 = 4 << 20;

/// Files of at least this many bytes whose average line is longer than [`MINIFIED_LINE`] are
/// minified or generated code, skipped with a warning.
pub const MINIFIED_MIN_BYTES: usize = 10_000;

/// See [`MINIFIED_MIN_BYTES`].
pub const MINIFIED_LINE: usize = 1000;

/// Parsing one file stops after this long (the file is not scanned, an error).
pub const PARSE_TIMEOUT: Duration = Duration::from_secs(10);

/// Parsing one file stops once tree-sitter holds this much memory for it (the file is not
/// scanned, an error): [`crate::alloc`].
pub const PARSE_MEMORY: u64 = 512 << 20;

/// Running the rules over one parsed file stops after this long (not fully analysed, an
/// error unless `--allow-partial`): [`crate::budget`].
pub const ANALYSIS_BUDGET: Duration = Duration::from_secs(10);

/// How deep the data flow follows one expression (wrappers, operands, record fields).
pub const EXPRESSION_DEPTH: usize = 40;

/// Trees deeper than this are queried in windows of [`QUERY_WINDOW`] levels and get a parent
/// index, so deep nesting costs linear time ([`crate::engine`]).
pub const DEEP_TREE: usize = 512;

/// See [`DEEP_TREE`].
pub const QUERY_WINDOW: usize = 48;

/// Configuration files larger than this are refused.
pub const CONFIG_BYTES: u64 = 1 << 20;

/// Ignore files (`.gitignore`, `.ignore`, `.phi-lintignore`, `.git/info/exclude`) larger than
/// this are refused and their directory is not scanned: the walker compiles every pattern of
/// every ignore file above a directory into matchers that stay alive while it is walked, at
/// hundreds of bytes of memory per byte of patterns (a 1 MiB file of globs costs 0.5 GiB), so
/// a hostile tree of nested ignore files is bounded here. Real ignore files are a few KiB.
pub const IGNORE_BYTES: u64 = 128 << 10;

/// The ignore files of a directory and of every directory above it together: over this, the
/// directory is not scanned (see [`IGNORE_BYTES`]; nested directories each under that limit
/// would otherwise add up).
pub const IGNORE_CHAIN_BYTES: u64 = 512 << 10;

/// `--baseline` files and the inputs of `phi-lint merge` larger than this are refused.
pub const LOG_BYTES: u64 = 1 << 30;

/// Sibling modules read for function summaries are at most this large (and never more than
/// `max-file-size`).
pub const SIBLING_MODULE_BYTES: u64 = 1 << 20;

/// The most globs one list may hold: a configuration file's `exclude` or `include`, or the
/// `--exclude` flags. Every glob of a list is compiled into one matcher, whose size is capped
/// by the glob library: ten thousand globs fail to compile with a message naming none.
pub const MAX_GLOBS: usize = 1000;

/// YAML files indented deeper than this many columns are not scanned: the YAML grammar's
/// scanner aborts the process at about 254 indentation levels ([`crate::config_files`]).
pub const YAML_INDENT: usize = 200;

/// YAML files with flow collections (`[`, `{`) nested deeper than this are not scanned: past
/// about 16,000 levels over as many lines the grammar returns a tree with none of the document.
pub const YAML_FLOW_DEPTH: usize = 10_000;

/// The most entries one scan memo (sibling-module summaries, types, resolutions) keeps before
/// it starts afresh ([`crate::memo`]).
pub const SCAN_MEMO_ENTRIES: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    fn size(bytes: u64) -> String {
        match bytes {
            b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
            b if b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
            b if b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
            b => format!("{b} bytes"),
        }
    }

    /// The README's limits table says what the constants say: each row is
    /// `| limit | value | ... |`.
    #[test]
    fn the_readme_lists_the_limits_in_force() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let start = readme
            .find("<!-- limits-table:start -->")
            .expect("table start");
        let end = readme.find("<!-- limits-table:end -->").expect("table end");
        let table = &readme[start..end];
        let rows = [
            ("file size (`max-file-size`)", size(MAX_FILE_SIZE)),
            (
                "minified code",
                format!("average line over {MINIFIED_LINE} bytes in a file of at least {MINIFIED_MIN_BYTES} bytes"),
            ),
            ("parse time", format!("{} s", PARSE_TIMEOUT.as_secs())),
            ("parse memory", format!("{} per file", size(PARSE_MEMORY))),
            ("analysis budget", format!("{} s per file", ANALYSIS_BUDGET.as_secs())),
            ("expression depth", format!("{EXPRESSION_DEPTH} levels")),
            (
                "deep trees",
                format!("over {DEEP_TREE} levels: queried in windows of {QUERY_WINDOW} levels"),
            ),
            ("configuration files", size(CONFIG_BYTES)),
            ("ignore files", size(IGNORE_BYTES)),
            ("ignore files above a directory, together", size(IGNORE_CHAIN_BYTES)),
            ("baseline and `merge` inputs", size(LOG_BYTES)),
            ("sibling modules (summaries)", size(SIBLING_MODULE_BYTES)),
            (
                "globs (`exclude`, `include`, `--exclude`)",
                format!("{MAX_GLOBS} per list"),
            ),
            (
                "YAML nesting",
                format!("{YAML_INDENT} columns of indentation, {YAML_FLOW_DEPTH} levels of brackets"),
            ),
            ("scan memos", format!("{SCAN_MEMO_ENTRIES} entries each")),
        ];
        for (limit, value) in &rows {
            let row = format!("| {limit} | {value} |");
            assert!(
                table.contains(&row),
                "README limits table lacks `{row}`:\n{table}"
            );
        }
        assert_eq!(
            table.lines().filter(|l| l.starts_with("| ")).count(),
            rows.len() + 1,
            "a row in the README table has no constant checked here:\n{table}"
        );
    }
}
