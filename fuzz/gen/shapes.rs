//! A structure-aware generator of the shapes that once crashed or stalled the analysis (issue
//! 21): deep nesting of parentheses, arrays, records and calls, long attribute and operator
//! chains, nested arrow functions, lambdas and closures, nested generic types, in every
//! language, around a PHI value that reaches a sink.
//!
//! The input drives a list of layers, each a shape repeated up to tens of thousands of times,
//! nested one inside the other around the leaf, so a few bytes of fuzzer input reach 100,000
//! levels. Repeats are broken by newlines: the minified-code detector must not skip the file.
//! Shared by the `nest_*` fuzz targets and the deterministic smoke test (`tests/fuzz_smoke.rs`),
//! which drives it with seeded bytes.

use arbitrary::{Result, Unstructured};

/// The grammar a program is generated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Python.
    Python,
    /// JavaScript.
    JavaScript,
    /// TypeScript.
    TypeScript,
    /// TSX.
    Tsx,
    /// Rust.
    Rust,
}

impl Lang {
    /// A file name with the language's extension.
    pub fn file_name(self) -> &'static str {
        match self {
            Lang::Python => "app.py",
            Lang::JavaScript => "app.js",
            Lang::TypeScript => "app.ts",
            Lang::Tsx => "App.tsx",
            Lang::Rust => "src/main.rs",
        }
    }
}

/// One nesting shape: text before and after the inner expression.
struct Wrap {
    open: &'static str,
    close: &'static str,
}

const fn w(open: &'static str, close: &'static str) -> Wrap {
    Wrap { open, close }
}

/// Expression wrappers per language: each nests the expression inside it.
fn wrappers(lang: Lang) -> &'static [Wrap] {
    const PY: &[Wrap] = &[
        w("(", ")"),
        w("[", "]"),
        w("f(", ")"),
        w("{'a': ", "}"),
        w("lambda a: ", ""),
        w("g(x=", ")"),
        w("(a if ", " else b)"),
        w("f'{", "}'"),
        w("not ", ""),
        w("await ", ""),
        w("str(", ")"),
    ];
    const JS: &[Wrap] = &[
        w("(", ")"),
        w("[", "]"),
        w("f(", ")"),
        w("{a: ", "}"),
        w("a => ", ""),
        w("async (a, b) => ", ""),
        w("function (a) { return ", " }"),
        w("`${", "}`"),
        w("(c ? ", " : d)"),
        w("new F(", ")"),
        w("...", ""),
        w("await ", ""),
        w("!", ""),
    ];
    const TS: &[Wrap] = &[
        w("(", ")"),
        w("[", "]"),
        w("f(", ")"),
        w("{a: ", "}"),
        w("(a: T) => ", ""),
        w("f<T>(", ")"),
        w("`${", "}`"),
        w("(", " as A<B>)"),
        w("(c ? ", " : d)"),
        w("<T,>(a: T) => ", ""),
        w("(", ")!"),
    ];
    const TSX: &[Wrap] = &[
        w("(", ")"),
        w("[", "]"),
        w("f(", ")"),
        w("{a: ", "}"),
        w("(a: T) => ", ""),
        w("<div>{", "}</div>"),
        w("`${", "}`"),
        w("(c ? ", " : d)"),
    ];
    const RS: &[Wrap] = &[
        w("(", ")"),
        w("[", "]"),
        w("f(", ")"),
        w("S { a: ", " }"),
        w("|a| ", ""),
        w("move || ", ""),
        w("format!(\"{}\", ", ")"),
        w("vec![", "]"),
        w("&", ""),
        w("Some(", ")"),
        w("{ ", " }"),
        w("(", ")?"),
    ];
    match lang {
        Lang::Python => PY,
        Lang::JavaScript => JS,
        Lang::TypeScript => TS,
        Lang::Tsx => TSX,
        Lang::Rust => RS,
    }
}

/// Suffixes that lengthen a chain: each applies to everything before it.
fn suffixes(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &[".x", " + a", "[0]", "()", ".y()", " % b", " or c"],
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            &[".x", " + a", "[0]", "()", "?.y", ".then(r => r)", " || c"]
        }
        Lang::Rust => &[".x", " + a", "[0]", "()", ".y()", "?", ".clone()"],
    }
}

/// Type wrappers, for nested generics in a parameter's type.
fn type_wrappers(lang: Lang) -> &'static [Wrap] {
    const PY: &[Wrap] = &[w("List[", "]"), w("Optional[", "]"), w("Dict[str, ", "]")];
    const TS: &[Wrap] = &[
        w("A<", ">"),
        w("Array<", ">"),
        w("Promise<", ">"),
        w("(", ")[]"),
        w("{ a: ", " }"),
    ];
    const RS: &[Wrap] = &[
        w("Vec<", ">"),
        w("Option<", ">"),
        w("Box<dyn Fn(", ")>"),
        w("&", ""),
        w("(", ",)"),
    ];
    match lang {
        Lang::Python => PY,
        Lang::JavaScript => &[],
        Lang::TypeScript | Lang::Tsx => TS,
        Lang::Rust => RS,
    }
}

/// PHI at the bottom of the nesting.
fn leaves(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &["patient.ssn", "request.user.email", "p['dob']", "mrn"],
        Lang::Rust => &["patient.ssn", "record.date_of_birth", "mrn"],
        _ => &["patient.ssn", "req.body.email", "p['dob']", "mrn"],
    }
}

/// Repeats `s` `n` times, a newline after every one (or every eighth).
fn repeat(out: &mut String, s: &str, n: usize, every: usize) {
    for i in 0..n {
        out.push_str(s);
        if (i + 1) % every == 0 {
            out.push('\n');
        }
    }
}

/// How many times to repeat a layer: the input picks a scale (1, 10, 1000, 10000) and a
/// count, so a few bytes reach deep.
fn count(u: &mut Unstructured<'_>, budget: usize) -> Result<usize> {
    let scale = [1usize, 10, 1000, 10_000][usize::from(u.arbitrary::<u8>()? % 4)];
    let n = usize::from(u.arbitrary::<u8>()? % 20 + 1) * scale;
    Ok(n.min(budget.max(1)))
}

/// A program for `lang`, at most about `max_bytes` long, with deep or long shapes around a
/// PHI value that reaches a sink.
pub fn program(u: &mut Unstructured<'_>, lang: Lang, max_bytes: usize) -> Result<String> {
    let wraps = wrappers(lang);
    let sufs = suffixes(lang);
    let leaf = *u.choose(leaves(lang))?;
    // The expression, from the inside out: a leaf, then layers of wrappers and chains.
    let mut opens: Vec<(&str, usize)> = Vec::new();
    let mut closes: Vec<(&str, usize)> = Vec::new();
    let mut chain = String::new();
    let mut bytes = 0usize;
    let layers = u.int_in_range(1..=4u8)?;
    let every = if u.arbitrary::<bool>()? { 1 } else { 8 };
    for _ in 0..layers {
        let room = max_bytes.saturating_sub(bytes);
        if room < 16 {
            break;
        }
        if u.ratio(1, 4)? {
            let suffix = *u.choose(sufs)?;
            let n = count(u, room / suffix.len().max(1))?;
            repeat(&mut chain, suffix, n, every);
            bytes += n * (suffix.len() + 1);
        } else {
            let wrap = u.choose(wraps)?;
            let per = wrap.open.len() + wrap.close.len() + 2;
            let n = count(u, room / per)?;
            opens.push((wrap.open, n));
            closes.push((wrap.close, n));
            bytes += n * per;
        }
    }
    let mut expr = String::with_capacity(bytes + 64);
    for (open, n) in opens.iter().rev() {
        repeat(&mut expr, open, *n, every);
    }
    expr.push_str(leaf);
    expr.push_str(&chain);
    for (close, n) in &closes {
        repeat(&mut expr, close, *n, every);
    }
    // The type of the parameter: nested generics, when the input asks for them.
    let types = type_wrappers(lang);
    let mut ty = String::new();
    if !types.is_empty() && u.ratio(1, 3)? {
        let wrap = u.choose(types)?;
        let per = wrap.open.len() + wrap.close.len() + 2;
        let n = count(u, max_bytes.saturating_sub(bytes) / per)?;
        repeat(&mut ty, wrap.open, n, every);
        ty.push_str("Patient");
        repeat(&mut ty, wrap.close, n, every);
    }
    let ty = if ty.is_empty() { "Patient" } else { &ty };
    Ok(match lang {
        Lang::Python => format!(
            "import logging\nlog = logging.getLogger(__name__)\n\n\
             def view(request, patient: {ty}):\n    x = {expr}\n    log.info(x)\n    return x\n"
        ),
        Lang::JavaScript => format!(
            "const express = require('express');\nconst app = express();\n\
             app.get('/p/:id', async (req, res) => {{\n  const x = {expr};\n  console.log(x);\n  res.json(x);\n}});\n"
        ),
        Lang::TypeScript | Lang::Tsx => format!(
            "export async function view(patient: {ty}, req: any) {{\n  const x = {expr};\n  console.log(x);\n  return x;\n}}\n"
        ),
        Lang::Rust => format!(
            "use log::info;\nfn view(patient: {ty}) {{\n    let x = {expr};\n    info!(\"{{:?}}\", x);\n}}\n"
        ),
    })
}
