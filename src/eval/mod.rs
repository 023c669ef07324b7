//! Static evaluation of small constant expressions: durations and sizes written as numbers,
//! arithmetic (`15 * 60`, `1000 * 60 * 60 * 24 * 7`), `timedelta(...)`,
//! `Duration::from_secs(...)`, `time::Duration::minutes(...)`, duration strings (`"7d"`,
//! `"15m"`), environment look-ups with a literal default, and constants defined in the same file.
//!
//! The evaluator is total: it never panics, all arithmetic is checked (an overflow is "cannot
//! evaluate", not a wrapped number), recursion is bounded by [`MAX_DEPTH`] and the number of
//! nodes visited by [`MAX_STEPS`]. A value that cannot be evaluated is `None`, so callers can
//! say so instead of guessing.

use tree_sitter::Node;

use crate::lang::Family;
use crate::tree::NodeExt;

/// Deepest expression nesting followed (constants count as one level each).
pub const MAX_DEPTH: usize = 24;
/// Most nodes visited for one evaluation.
pub const MAX_STEPS: usize = 512;

/// Fixed-point scale: values are kept in thousandths, so `0.5` and milliseconds are exact.
const SCALE: i64 = 1000;

/// What an expression evaluates to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// A plain number; its unit (seconds, milliseconds) depends on where it is used.
    Number,
    /// A duration with a known unit (`timedelta`, `Duration::from_secs`, `"7d"`).
    Duration,
}

/// A value in thousandths: for a [`Kind::Number`] thousandths of the number, for a
/// [`Kind::Duration`] milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    /// The number ×1000, or the duration in milliseconds.
    pub milli: i64,
    /// Number or duration.
    pub kind: Kind,
    /// False when the value is a fallback (an environment variable's default): the real value
    /// may differ at run time.
    pub exact: bool,
}

/// The unit a plain number stands for where it is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Seconds (Django, Flask, Starlette, jsonwebtoken `expiresIn`).
    Seconds,
    /// Milliseconds (express-session, cookie-session, koa-session).
    Millis,
}

impl Value {
    /// A plain number.
    pub fn number(n: i64) -> Option<Value> {
        Some(Value {
            milli: n.checked_mul(SCALE)?,
            kind: Kind::Number,
            exact: true,
        })
    }

    /// A duration of `ms` milliseconds.
    pub fn millis(ms: i64) -> Value {
        Value {
            milli: ms,
            kind: Kind::Duration,
            exact: true,
        }
    }

    /// Whole seconds, reading a plain number in `unit`. Negative values give 0.
    pub fn seconds(self, unit: Unit) -> u64 {
        let ms = match (self.kind, unit) {
            (Kind::Duration, _) | (Kind::Number, Unit::Seconds) => self.milli,
            (Kind::Number, Unit::Millis) => self.milli / SCALE,
        };
        u64::try_from(ms / 1000).unwrap_or(0)
    }

    /// The value as a plain integer (for counts and sizes), truncated.
    pub fn as_integer(self) -> i64 {
        self.milli / SCALE
    }

    fn with_exact(mut self, exact: bool) -> Value {
        self.exact &= exact;
        self
    }
}

fn combine(a: Value, op: &str, b: Value) -> Option<Value> {
    use Kind::*;
    let exact = a.exact && b.exact;
    let (milli, kind) = match op {
        "+" | "-" => {
            let kind = if a.kind == Duration || b.kind == Duration {
                Duration
            } else {
                Number
            };
            let m = if op == "+" {
                a.milli.checked_add(b.milli)?
            } else {
                a.milli.checked_sub(b.milli)?
            };
            (m, kind)
        }
        "*" => {
            if a.kind == Duration && b.kind == Duration {
                return None;
            }
            let kind = if a.kind == Duration || b.kind == Duration {
                Duration
            } else {
                Number
            };
            let product = i128::from(a.milli).checked_mul(i128::from(b.milli))? / i128::from(SCALE);
            (i64::try_from(product).ok()?, kind)
        }
        "/" | "//" => {
            if b.milli == 0 {
                return None;
            }
            let kind = match (a.kind, b.kind) {
                (Duration, Number) => Duration,
                (Number, Number) | (Duration, Duration) => Number,
                (Number, Duration) => return None,
            };
            let num = i128::from(a.milli).checked_mul(i128::from(SCALE))?;
            let mut q = num.checked_div(i128::from(b.milli))?;
            if op == "//" {
                q = q / i128::from(SCALE) * i128::from(SCALE);
            }
            (i64::try_from(q).ok()?, kind)
        }
        _ => return None,
    };
    Some(Value { milli, kind, exact })
}

/// Parses a duration string in the `ms` / `jose` / humantime style: `"7d"`, `"15m"`, `"2 days"`,
/// `"1.5h"`, `"90s"`, `"500ms"`, `"1w"`, `"1y"`. A bare number is taken in `bare` units
/// (`ms` and jsonwebtoken read `"120"` as 120 milliseconds). Compound forms such as `"1h 30m"`
/// are summed.
pub fn parse_duration_str(text: &str, bare: Unit) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    let mut total: i64 = 0;
    let mut rest = text;
    let mut parts = 0;
    while !rest.is_empty() {
        parts += 1;
        if parts > 8 {
            return None;
        }
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
            .unwrap_or(rest.len());
        let number = &rest[..num_len];
        if number.is_empty() {
            return None;
        }
        let milli_number = parse_decimal(number)?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = rest[..unit_len].to_ascii_lowercase();
        rest = rest[unit_len..].trim_start_matches([' ', ',']);
        let factor_ms: i64 = match unit.as_str() {
            "" => match bare {
                Unit::Millis => 1,
                Unit::Seconds => 1000,
            },
            "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => 1,
            "s" | "sec" | "secs" | "second" | "seconds" => 1000,
            "m" | "min" | "mins" | "minute" | "minutes" => 60_000,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3_600_000,
            "d" | "day" | "days" => 86_400_000,
            "w" | "week" | "weeks" => 604_800_000,
            "y" | "yr" | "yrs" | "year" | "years" => 31_557_600_000,
            _ => return None,
        };
        // milli_number is the number ×1000; ×factor_ms/1000 gives milliseconds.
        let ms = i128::from(milli_number).checked_mul(i128::from(factor_ms))? / 1000;
        total = total.checked_add(i64::try_from(ms).ok()?)?;
        if unit.is_empty() && !rest.is_empty() {
            return None;
        }
    }
    Some(Value::millis(total))
}

/// The content of a plain string literal (quotes removed), without interpolation.
pub fn string_content(text: &str) -> Option<&str> {
    let t = text.trim_start_matches(['r', 'b', 'u', 'R', 'B', 'U']);
    let q = t.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') || t.len() < 2 || !t.ends_with(q) {
        return None;
    }
    let inner = &t[1..t.len() - 1];
    if inner.contains(['{', '$', '\n', '\\']) || inner.len() > 64 {
        return None;
    }
    Some(inner)
}

/// Parses `12`, `1_000`, `0.5`, `1e3` (as f64 fallback) into thousandths.
fn parse_decimal(text: &str) -> Option<i64> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    if clean.is_empty() {
        return None;
    }
    if let Ok(n) = clean.parse::<i64>() {
        return n.checked_mul(SCALE);
    }
    let (int, frac) = clean.split_once('.')?;
    if frac.contains('.') {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut frac_milli: i64 = 0;
    for (i, c) in frac.chars().take(3).enumerate() {
        let d = i64::from(c.to_digit(10)?);
        frac_milli += d * [100, 10, 1][i];
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    int.checked_mul(SCALE)?.checked_add(frac_milli)
}

/// Parses a numeric literal of any supported language (`3_600`, `900u64`, `0x10`, `1e3`,
/// `1_000n`, `0.25`).
pub fn parse_number_literal(text: &str) -> Option<Value> {
    let t = text.trim().trim_end_matches('n');
    let lower = t.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            let digits = strip_int_suffix(digits);
            let clean: String = digits.chars().filter(|c| *c != '_').collect();
            return Value::number(i64::from_str_radix(&clean, radix).ok()?);
        }
    }
    let t = strip_int_suffix(&lower);
    let t = t
        .trim_end_matches("f32")
        .trim_end_matches("f64")
        .trim_end_matches('j');
    if let Some(milli) = parse_decimal(t) {
        return Some(Value {
            milli,
            kind: Kind::Number,
            exact: true,
        });
    }
    // Exponent forms: evaluate through f64, then check the range.
    let clean: String = t.chars().filter(|c| *c != '_').collect();
    let f: f64 = clean.parse().ok()?;
    let scaled = f * SCALE as f64;
    if !scaled.is_finite() || scaled.abs() >= 9.0e18 {
        return None;
    }
    Some(Value {
        milli: scaled as i64,
        kind: Kind::Number,
        exact: true,
    })
}

fn strip_int_suffix(t: &str) -> &str {
    for suffix in [
        "usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            return s;
        }
    }
    t
}

/// Evaluates expressions of one file.
pub struct Evaluator<'a> {
    family: Family,
    source: &'a str,
    root: Node<'a>,
}

struct State {
    steps: usize,
}

impl<'a> Evaluator<'a> {
    /// An evaluator over a parsed file.
    pub fn new(family: Family, source: &'a str, root: Node<'a>) -> Evaluator<'a> {
        Evaluator {
            family,
            source,
            root,
        }
    }

    fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    /// Evaluates `node`, or `None` when its value cannot be known statically.
    pub fn eval(&self, node: Node<'a>) -> Option<Value> {
        let mut state = State { steps: 0 };
        self.eval_in(node, 0, &mut state)
    }

    /// Whether `node` is a literal `None`, `null`, `undefined` or `False` / `false`.
    pub fn is_nothing(&self, node: Node<'a>) -> bool {
        matches!(
            node.kind(),
            "none" | "null" | "undefined" | "false" | "False"
        ) || (node.kind() == "identifier" && self.text(node) == "undefined")
            || (self.family == Family::Rust && self.text(node) == "None")
    }

    /// Whether `node` is a literal true (`True`, `true`).
    pub fn is_true(&self, node: Node<'a>) -> bool {
        matches!(node.kind(), "true" | "True") || self.text(node) == "True"
    }

    fn eval_in(&self, node: Node<'a>, depth: usize, st: &mut State) -> Option<Value> {
        st.steps += 1;
        if depth > MAX_DEPTH || st.steps > MAX_STEPS {
            return None;
        }
        let d = depth + 1;
        match node.kind() {
            "integer" | "float" | "number" | "integer_literal" | "float_literal" => {
                parse_number_literal(self.text(node))
            }
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
            | "expression_statement" => {
                let inner = node.field("expression").or_else(|| node.named_child(0))?;
                self.eval_in(inner, d, st)
            }
            "type_cast_expression" => self.eval_in(node.field("value")?, d, st),
            "unary_operator" | "unary_expression" => {
                let op = node.field("operator")?;
                let arg = node.field("argument").or_else(|| {
                    node.named_child(u32::try_from(node.named_child_count().checked_sub(1)?).ok()?)
                })?;
                let v = self.eval_in(arg, d, st)?;
                match self.text(op) {
                    "-" => Some(Value {
                        milli: v.milli.checked_neg()?,
                        ..v
                    }),
                    "+" => Some(v),
                    _ => None,
                }
            }
            "binary_operator" | "binary_expression" | "boolean_operator" => {
                let left = node.field("left")?;
                let right = node.field("right")?;
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                match op {
                    "or" | "||" | "??" => {
                        // `os.environ.get(..) or 900`, `Number(process.env.X) || 900`: the
                        // fallback, marked inexact when the left side is unknown.
                        match self.eval_in(left, d, st) {
                            Some(v) if v.milli != 0 => Some(v),
                            Some(_) => self.eval_in(right, d, st),
                            None => self.eval_in(right, d, st).map(|v| v.with_exact(false)),
                        }
                    }
                    "**" => {
                        let a = self.eval_in(left, d, st)?;
                        let b = self.eval_in(right, d, st)?;
                        if a.kind != Kind::Number || b.kind != Kind::Number {
                            return None;
                        }
                        let exp = u32::try_from(b.as_integer()).ok()?;
                        let base = a.as_integer().checked_pow(exp)?;
                        Value::number(base).map(|v| v.with_exact(a.exact && b.exact))
                    }
                    _ => {
                        let a = self.eval_in(left, d, st)?;
                        let b = self.eval_in(right, d, st)?;
                        combine(a, op, b)
                    }
                }
            }
            "identifier" | "scoped_identifier" => {
                let name = self.text(node);
                let value = self.constant(name)?;
                if value.id() == node.id() {
                    return None;
                }
                self.eval_in(value, d, st)
            }
            "string" | "string_literal" | "template_string" => {
                let content = string_content(self.text(node))?;
                parse_duration_str(content, Unit::Seconds).map(|v| {
                    if content.trim().chars().all(|c| c.is_ascii_digit()) {
                        Value {
                            kind: Kind::Number,
                            milli: v.milli,
                            exact: true,
                        }
                    } else {
                        v
                    }
                })
            }
            "call" | "call_expression" => self.eval_call(node, d, st),
            // `timedelta(hours=12).seconds`: the seconds part (below one day) as a number.
            "attribute" if node.field("attribute").map(|a| self.text(a)) == Some("seconds") => {
                let v = self.eval_in(node.field("object")?, d, st)?;
                if v.kind != Kind::Duration {
                    return None;
                }
                Some(Value {
                    kind: Kind::Number,
                    milli: v.milli.checked_rem(86_400_000)?,
                    exact: v.exact,
                })
            }
            "await_expression" => self.eval_in(node.named_child(0)?, d, st),
            _ => None,
        }
    }

    fn eval_call(&self, node: Node<'a>, d: usize, st: &mut State) -> Option<Value> {
        let func = node.field("function")?;
        let args = node.field("arguments")?;
        let callee = self.text(func);
        let last = callee
            .rsplit(['.', ':'])
            .next()
            .unwrap_or(callee)
            .trim_start_matches("try_");
        let mut positional: Vec<Node<'a>> = Vec::new();
        let mut keywords: Vec<(&'a str, Node<'a>)> = Vec::new();
        let mut cursor = args.walk();
        for arg in args.named_children(&mut cursor) {
            match arg.kind() {
                "comment" => {}
                "keyword_argument" => {
                    if let (Some(k), Some(v)) = (arg.field("name"), arg.field("value")) {
                        keywords.push((self.text(k), v));
                    }
                }
                _ => positional.push(arg),
            }
        }
        let first = positional.first().copied();
        // `timedelta(days=2).total_seconds()`: the duration as a number of seconds.
        if func.kind() == "attribute" && last == "total_seconds" {
            let v = self.eval_in(func.field("object")?, d, st)?;
            if v.kind != Kind::Duration {
                return None;
            }
            return Some(Value {
                kind: Kind::Number,
                ..v
            });
        }
        // Method-call wrappers that keep the value: `.unwrap()`, `.expect(..)`.
        if func.kind() == "field_expression" && matches!(last, "unwrap" | "expect" | "into") {
            return self.eval_in(func.field("value")?, d, st);
        }
        let unit_ms: Option<i64> = match last {
            "from_secs" | "from_secs_f64" | "from_secs_f32" | "seconds" | "Seconds" => Some(1000),
            "from_millis" | "milliseconds" => Some(1),
            "from_mins" | "minutes" => Some(60_000),
            "from_hours" | "hours" => Some(3_600_000),
            "from_days" | "days" => Some(86_400_000),
            "from_weeks" | "weeks" => Some(604_800_000),
            _ => None,
        };
        // Rust `Duration::from_secs(..)`; AWS CDK `Duration.hours(24)` (Python, TypeScript).
        let cdk = matches!(func.kind(), "attribute" | "member_expression")
            && callee
                .rsplit_once('.')
                .is_some_and(|(head, _)| head == "Duration" || head.ends_with(".Duration"));
        if let (Some(unit), true) = (unit_ms, self.family == Family::Rust || cdk) {
            let v = self.eval_in(first?, d, st)?;
            if v.kind != Kind::Number {
                return None;
            }
            let ms = i128::from(v.milli).checked_mul(i128::from(unit))? / i128::from(SCALE);
            return Some(Value::millis(i64::try_from(ms).ok()?).with_exact(v.exact));
        }
        // Environment look-ups with a literal default: `env.int("X", default=900)`,
        // `config("X", default=900, cast=int)`.
        if let Some((_, fallback)) = keywords.iter().find(|(k, _)| *k == "default") {
            let lookup = self.text(func);
            if lookup.contains("env") || lookup.contains("config") || lookup.contains("getenv") {
                return self.eval_in(*fallback, d, st).map(|v| v.with_exact(false));
            }
        }
        match last {
            "timedelta" | "relativedelta" => {
                const POS: [(&str, i64); 7] = [
                    ("days", 86_400_000),
                    ("seconds", 1000),
                    ("microseconds", 0),
                    ("milliseconds", 1),
                    ("minutes", 60_000),
                    ("hours", 3_600_000),
                    ("weeks", 604_800_000),
                ];
                let mut total: i64 = 0;
                let mut exact = true;
                let named = keywords.iter().map(|(k, v)| (*k, *v));
                let by_pos = positional
                    .iter()
                    .zip(POS.iter())
                    .map(|(v, (k, _))| (*k, *v));
                for (k, v) in by_pos.chain(named) {
                    let factor = POS.iter().find(|(n, _)| *n == k)?.1;
                    let v = self.eval_in(v, d, st)?;
                    if v.kind != Kind::Number {
                        return None;
                    }
                    exact &= v.exact;
                    let ms = i128::from(v.milli).checked_mul(i128::from(factor))? / 1000;
                    total = total.checked_add(i64::try_from(ms).ok()?)?;
                }
                Some(Value::millis(total).with_exact(exact))
            }
            // `ms("7d")` (vercel/ms).
            "ms" => {
                let arg = first?;
                let content = string_content(self.text(arg))?;
                parse_duration_str(content, Unit::Millis)
            }
            // Conversions that keep the value.
            "int" | "float" | "Number" | "parseInt" | "parseFloat" | "abs" => {
                self.eval_in(first?, d, st)
            }
            // Environment look-ups with a literal default: `os.environ.get("X", 900)`,
            // `os.getenv("X", "900")`, `env.int("X", default=900)`, `config("X", default=900)`.
            "get" | "getenv" | "env" | "config" | "int_env" | "get_int" | "getint" => {
                let fallback = keywords
                    .iter()
                    .find(|(k, _)| *k == "default")
                    .map(|(_, v)| *v)
                    .or_else(|| positional.get(1).copied())?;
                let lookup = self.text(func);
                if !(lookup.contains("env") || lookup.contains("config") || last == "getenv") {
                    return None;
                }
                self.eval_in(fallback, d, st).map(|v| v.with_exact(false))
            }
            _ => None,
        }
    }

    /// The value expression of a file-level constant named `name` (Python module assignment,
    /// JS/TS top-level `const`/`let`/`var`, Rust `const`/`static`).
    pub fn constant(&self, name: &str) -> Option<Node<'a>> {
        if name.is_empty() || name.len() > 128 {
            return None;
        }
        let mut found = None;
        let mut cursor = self.root.walk();
        for item in self.root.named_children(&mut cursor) {
            let item = if item.kind() == "export_statement" {
                match item.field("declaration") {
                    Some(d) => d,
                    None => continue,
                }
            } else {
                item
            };
            match item.kind() {
                "expression_statement" => {
                    let Some(a) = item.named_child(0) else {
                        continue;
                    };
                    if a.kind() == "assignment" {
                        if let (Some(l), Some(r)) = (a.field("left"), a.field("right")) {
                            if l.kind() == "identifier" && self.text(l) == name {
                                found = Some(r);
                            }
                        }
                    }
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut c2 = item.walk();
                    for decl in item.named_children(&mut c2) {
                        if decl.kind() != "variable_declarator" {
                            continue;
                        }
                        if let (Some(n), Some(v)) = (decl.field("name"), decl.field("value")) {
                            if self.text(n) == name {
                                found = Some(v);
                            }
                        }
                    }
                }
                "const_item" | "static_item" => {
                    let short = name.rsplit("::").next().unwrap_or(name);
                    if let (Some(n), Some(v)) = (item.field("name"), item.field("value")) {
                        if self.text(n) == short {
                            found = Some(v);
                        }
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// "14 days", "15 minutes", "1 hour 30 minutes", "45 seconds": a human form of a duration.
pub fn human(seconds: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (604_800, "week"),
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    if seconds == 0 {
        return "0 seconds".into();
    }
    // Prefer the largest unit that divides exactly (14 days, not 2 weeks, for Django's default
    // reads the same as its docs); weeks only above 8 weeks.
    for (size, name) in UNITS {
        if (size == 604_800 && seconds < 8 * 604_800) || (size == 1 && seconds >= 60) {
            continue;
        }
        if seconds.is_multiple_of(size) {
            let n = seconds / size;
            return format!("{n} {name}{}", if n == 1 { "" } else { "s" });
        }
    }
    let mut parts = Vec::new();
    let mut rest = seconds;
    for (size, name) in UNITS.iter().skip(1) {
        let n = rest / size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
            rest %= size;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn eval(lang: Language, src: &str) -> Option<Value> {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.grammar()).unwrap();
        let tree = p.parse(src, None).unwrap();
        let ev = Evaluator::new(lang.family(), src, tree.root_node());
        // The last top-level statement's expression.
        let root = tree.root_node();
        let last = root
            .named_child(u32::try_from(root.named_child_count() - 1).unwrap())
            .unwrap();
        let expr = match last.kind() {
            "expression_statement" => {
                let e = last.named_child(0).unwrap();
                if e.kind() == "assignment" {
                    e.field("right").unwrap()
                } else {
                    e
                }
            }
            "lexical_declaration" => last.named_child(0).unwrap().field("value").unwrap(),
            "const_item" | "static_item" => last.field("value").unwrap(),
            _ => last,
        };
        ev.eval(expr)
    }

    fn secs(lang: Language, src: &str, unit: Unit) -> Option<u64> {
        eval(lang, src).map(|v| v.seconds(unit))
    }

    #[test]
    fn python_numbers_and_arithmetic() {
        let py = Language::Python;
        assert_eq!(secs(py, "X = 900", Unit::Seconds), Some(900));
        assert_eq!(secs(py, "X = 15 * 60", Unit::Seconds), Some(900));
        assert_eq!(
            secs(py, "X = 60 * 60 * 24 * 14", Unit::Seconds),
            Some(1_209_600)
        );
        assert_eq!(secs(py, "X = (30 + 30) * 15", Unit::Seconds), Some(900));
        assert_eq!(secs(py, "X = 3600 // 4", Unit::Seconds), Some(900));
        assert_eq!(secs(py, "X = 1_800 / 2", Unit::Seconds), Some(900));
        assert_eq!(secs(py, "X = 0.25 * 3600", Unit::Seconds), Some(900));
        assert_eq!(secs(py, "X = 2 ** 10", Unit::Seconds), Some(1024));
        assert_eq!(secs(py, "X = -5", Unit::Seconds), Some(0));
    }

    #[test]
    fn python_timedelta_constants_and_env() {
        let py = Language::Python;
        assert_eq!(
            secs(py, "X = timedelta(minutes=15)", Unit::Seconds),
            Some(900)
        );
        assert_eq!(
            secs(py, "X = datetime.timedelta(days=1, hours=2)", Unit::Seconds),
            Some(93_600)
        );
        assert_eq!(secs(py, "X = timedelta(7)", Unit::Seconds), Some(604_800));
        assert_eq!(
            secs(py, "MIN = 60\nIDLE = 15 * MIN\nX = IDLE", Unit::Seconds),
            Some(900)
        );
        let v = eval(py, "X = int(os.environ.get('AGE', 900))").unwrap();
        assert_eq!(v.seconds(Unit::Seconds), 900);
        assert!(!v.exact);
        assert_eq!(
            secs(
                py,
                "X = int(timedelta(days=2).total_seconds())",
                Unit::Seconds
            ),
            Some(172_800)
        );
        assert_eq!(
            secs(py, "X = timedelta(hours=12).seconds", Unit::Seconds),
            Some(43_200)
        );
        assert_eq!(
            secs(py, "X = timedelta(days=3).seconds", Unit::Seconds),
            Some(0)
        );
        let v = eval(py, "X = env.int('AGE', default=1200)").unwrap();
        assert_eq!((v.seconds(Unit::Seconds), v.exact), (1200, false));
        assert_eq!(secs(py, "X = os.environ['AGE']", Unit::Seconds), None);
        assert_eq!(secs(py, "X = get_age()", Unit::Seconds), None);
        assert_eq!(secs(py, "X = timedelta(fortnights=1)", Unit::Seconds), None);
    }

    #[test]
    fn ecma_numbers_strings_and_constants() {
        let js = Language::JavaScript;
        assert_eq!(
            secs(js, "const x = 1000 * 60 * 60 * 24 * 7", Unit::Millis),
            Some(604_800)
        );
        assert_eq!(
            secs(js, "const x = 15 * 60 * 1000", Unit::Millis),
            Some(900)
        );
        assert_eq!(secs(js, "const x = '7d'", Unit::Seconds), Some(604_800));
        assert_eq!(secs(js, "const x = '15m'", Unit::Seconds), Some(900));
        assert_eq!(
            secs(js, "const x = ms('2 days')", Unit::Seconds),
            Some(172_800)
        );
        assert_eq!(
            secs(js, "const MIN = 60_000; const x = 15 * MIN", Unit::Millis),
            Some(900)
        );
        let v = eval(js, "const x = Number(process.env.TTL) || 900").unwrap();
        assert_eq!((v.seconds(Unit::Seconds), v.exact), (900, false));
        assert_eq!(secs(js, "const x = process.env.TTL", Unit::Seconds), None);
        let ts = Language::TypeScript;
        assert_eq!(
            secs(ts, "const x = (60 * 15) as number", Unit::Seconds),
            Some(900)
        );
    }

    #[test]
    fn rust_durations() {
        let rs = Language::Rust;
        assert_eq!(
            secs(
                rs,
                "const X: Duration = Duration::from_secs(15 * 60);",
                Unit::Seconds
            ),
            Some(900)
        );
        assert_eq!(
            secs(
                rs,
                "const X: Duration = time::Duration::minutes(15);",
                Unit::Seconds
            ),
            Some(900)
        );
        assert_eq!(
            secs(
                rs,
                "const X: Duration = Duration::hours(12);",
                Unit::Seconds
            ),
            Some(43_200)
        );
        assert_eq!(
            secs(
                rs,
                "const X: Duration = Duration::from_millis(900_000);",
                Unit::Seconds
            ),
            Some(900)
        );
        assert_eq!(
            secs(
                rs,
                "const M: u64 = 60;\nconst X: Duration = Duration::from_secs(M * 15);",
                Unit::Seconds
            ),
            Some(900)
        );
        assert_eq!(
            secs(
                rs,
                "const X: TimeDelta = TimeDelta::try_days(7).unwrap();",
                Unit::Seconds
            ),
            Some(604_800)
        );
        assert_eq!(
            secs(rs, "const X: u64 = 3600u64;", Unit::Seconds),
            Some(3600)
        );
    }

    #[test]
    fn never_overflows() {
        let py = Language::Python;
        assert_eq!(
            secs(
                py,
                "X = 9223372036854775807 * 9223372036854775807",
                Unit::Seconds
            ),
            None
        );
        assert_eq!(secs(py, "X = 99999999999999999999999", Unit::Seconds), None);
        assert_eq!(secs(py, "X = 10 ** 100", Unit::Seconds), None);
        assert_eq!(secs(py, "X = 1 / 0", Unit::Seconds), None);
        assert_eq!(
            secs(py, "X = -(-9223372036854775807 - 1)", Unit::Seconds),
            None
        );
        assert_eq!(secs(py, "A = B\nB = A\nX = A", Unit::Seconds), None);
        let deep = format!("X = {}1{}", "(".repeat(200), ")".repeat(200));
        assert_eq!(secs(py, &deep, Unit::Seconds), None);
        let long = format!("X = {}", vec!["1"; 2000].join(" + "));
        assert_eq!(secs(py, &long, Unit::Seconds), None);
        let js = Language::JavaScript;
        assert_eq!(secs(js, "const x = 1e400", Unit::Seconds), None);
        assert_eq!(
            secs(js, "const x = '99999999999999999y'", Unit::Seconds),
            None
        );
    }

    #[test]
    fn duration_strings() {
        let p = |s| parse_duration_str(s, Unit::Millis).map(|v| v.milli);
        assert_eq!(p("120"), Some(120));
        assert_eq!(p("1h 30m"), Some(5_400_000));
        assert_eq!(p("1.5h"), Some(5_400_000));
        assert_eq!(p("2 days"), Some(172_800_000));
        assert_eq!(p(""), None);
        assert_eq!(p("soon"), None);
        assert_eq!(p("1 fortnight"), None);
        assert_eq!(p("1..5h"), None);
        assert_eq!(p("5 5"), None);
    }

    #[test]
    fn human_durations() {
        assert_eq!(human(1_209_600), "14 days");
        assert_eq!(human(900), "15 minutes");
        assert_eq!(human(43_200), "12 hours");
        assert_eq!(human(31_536_000), "365 days");
        assert_eq!(human(5_400), "90 minutes");
        assert_eq!(human(5_430), "1 hour 30 minutes");
        assert_eq!(human(0), "0 seconds");
        assert!(!human(u64::MAX).is_empty());
    }
}
