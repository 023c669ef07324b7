//! The languages phi-lint understands.
//!
//! One table per language holds its file extensions, its tree-sitter grammar and the query
//! directories it reads (`ecma` is shared by JavaScript and TypeScript, in the way
//! nvim-treesitter shares `ecma`). Everything else (the walker's extension filter, query
//! compilation, the rule registry's coverage checks) is derived from these tables, so adding a
//! language is one edit here.

use std::fmt;
use std::path::Path;

/// A language with a tree-sitter grammar that phi-lint scans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Python (`.py`, `.pyi`).
    Python,
    /// JavaScript, including JSX (`.js`, `.jsx`, `.mjs`, `.cjs`).
    JavaScript,
    /// TypeScript without JSX (`.ts`, `.mts`, `.cts`).
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// Rust (`.rs`).
    Rust,
}

/// A directory under `queries/`. JavaScript and TypeScript share `ecma`; TypeScript adds its own
/// directory on top (`; inherits: ecma`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryDir {
    /// `queries/python/`
    Python,
    /// `queries/ecma/`: JavaScript, TypeScript and TSX.
    Ecma,
    /// `queries/typescript/`: TypeScript and TSX only.
    TypeScript,
    /// `queries/rust/`
    Rust,
}

impl QueryDir {
    /// The directory name under `queries/`.
    pub fn name(self) -> &'static str {
        match self {
            QueryDir::Python => "python",
            QueryDir::Ecma => "ecma",
            QueryDir::TypeScript => "typescript",
            QueryDir::Rust => "rust",
        }
    }

    /// The languages whose grammar must compile the queries of this directory.
    pub fn languages(self) -> &'static [Language] {
        match self {
            QueryDir::Python => &[Language::Python],
            QueryDir::Ecma => &[Language::JavaScript, Language::TypeScript, Language::Tsx],
            QueryDir::TypeScript => &[Language::TypeScript, Language::Tsx],
            QueryDir::Rust => &[Language::Rust],
        }
    }
}

impl Language {
    /// Every language, in a stable order.
    pub const ALL: [Language; 5] = [
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Rust,
    ];

    /// File extensions (without the dot) that select this language.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Language::Python => &["py", "pyi"],
            Language::JavaScript => &["js", "jsx", "mjs", "cjs"],
            Language::TypeScript => &["ts", "mts", "cts"],
            Language::Tsx => &["tsx"],
            Language::Rust => &["rs"],
        }
    }

    /// The language of a path, by extension.
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        Language::ALL.into_iter().find(|lang| {
            lang.extensions()
                .iter()
                .any(|e| e.eq_ignore_ascii_case(ext))
        })
    }

    /// The tree-sitter grammar.
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }

    /// Query directories read for this language, base directory first.
    pub fn query_dirs(self) -> &'static [QueryDir] {
        match self {
            Language::Python => &[QueryDir::Python],
            Language::JavaScript => &[QueryDir::Ecma],
            Language::TypeScript | Language::Tsx => &[QueryDir::Ecma, QueryDir::TypeScript],
            Language::Rust => &[QueryDir::Rust],
        }
    }

    /// Broad family used by the data-flow layer, which treats JS and TS alike.
    pub fn family(self) -> Family {
        match self {
            Language::Python => Family::Python,
            Language::JavaScript | Language::TypeScript | Language::Tsx => Family::Ecma,
            Language::Rust => Family::Rust,
        }
    }

    /// Index into per-language tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in messages and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::Rust => "rust",
        }
    }

    /// Every extension phi-lint scans.
    pub fn all_extensions() -> impl Iterator<Item = &'static str> {
        Language::ALL
            .into_iter()
            .flat_map(|l| l.extensions().iter().copied())
    }
}

/// Language family: the unit at which syntax shapes differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Python.
    Python,
    /// JavaScript and TypeScript.
    Ecma,
    /// Rust.
    Rust,
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_select_the_right_language() {
        assert_eq!(
            Language::from_path(Path::new("a/b.pyi")),
            Some(Language::Python)
        );
        assert_eq!(
            Language::from_path(Path::new("x.cjs")),
            Some(Language::JavaScript)
        );
        assert_eq!(
            Language::from_path(Path::new("x.mts")),
            Some(Language::TypeScript)
        );
        assert_eq!(Language::from_path(Path::new("x.TSX")), Some(Language::Tsx));
        assert_eq!(
            Language::from_path(Path::new("lib.rs")),
            Some(Language::Rust)
        );
        assert_eq!(Language::from_path(Path::new("README.md")), None);
        assert_eq!(Language::from_path(Path::new("Makefile")), None);
    }
}
