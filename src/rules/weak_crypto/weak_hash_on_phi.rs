//! PHI601 weak-hash-on-phi.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{Evidence, Purpose};
use crate::phi::{tokenize, Kind};
use crate::rules::Level;
use crate::tree::NodeExt;

use super::{keyword, positional, string_value};

declare_rule! {
    /// ## What it does
    /// Flags PHI passed to a broken hash (MD5, SHA-1) or to an unkeyed fast hash (SHA-256,
    /// SHA-512, BLAKE2 without a key): `hashlib.sha256(patient.ssn.encode())`,
    /// `crypto.createHash("md5").update(mrn)`, `crypto.subtle.digest("SHA-1", data)`,
    /// `Sha256::digest(dob)`, also inside a Rust
    /// macro (`format!("{:x}", md5::compute(ssn.as_bytes()))`) and when the input is computed
    /// from an identifier (`digits = "".join(c for c in phone if c.isdigit())`,
    /// `re.sub(r"\D", "", ssn)`). Hashing a direct identifier this way is often meant as
    /// "de-identification" or to make a pseudonym.
    ///
    /// ## Why is this bad?
    /// Identifiers have small input spaces (about 10^9 SSNs, a few million MRNs, some 40,000
    /// birth dates), so an unkeyed digest is reversed by hashing every candidate. A code derived
    /// from an identifier this way is not a compliant re-identification code
    /// (45 CFR 164.514(c)), and the digest is still PHI. MD5 and SHA-1 also fail as integrity
    /// checks (164.312(c)(2)) because collisions are practical.
    ///
    /// ## Example
    /// ```python
    /// pseudonym = hashlib.sha256(patient.ssn.encode()).hexdigest()
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// pseudonym = hmac.new(PSEUDONYM_KEY, patient.ssn.encode(), hashlib.sha256).hexdigest()
    /// ```
    /// or a random surrogate from a token vault.
    ///
    /// ## Known limitations
    /// Only PHI-named inputs are seen; hashing a password is left to general-purpose
    /// linters. `hashlib.md5(..., usedforsecurity=False)` is reported as a note. Internal
    /// surrogate ids (`patient_id`) are not reported.
    ///
    /// ## References
    /// - 45 CFR 164.514(c) (re-identification codes), 164.312(c)(2) (mechanism to authenticate
    ///   ePHI), 164.312(a)(2)(iv) (encryption)
    /// - CWE-328: Use of Weak Hash; CWE-759: Use of a One-Way Hash without a Salt
    pub WEAK_HASH_ON_PHI = "PHI601" {
        name: "weak-hash-on-phi",
        file: weak_hash_on_phi,
        category: WeakCrypto,
        safeguards: [ReidentificationCode, AuthenticateEphi, EncryptionAtRest],
        level: Error,
        confidence: High,
        cwe: [328, 759],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// MD5, SHA-1, MD4: broken.
    Broken,
    /// SHA-2, SHA-3, BLAKE2 without a key: fine as hashes, not as pseudonyms.
    Unkeyed,
}

/// The hash algorithm a name or `new("...")` argument selects.
fn algorithm(text: &str) -> Option<(Strength, &'static str)> {
    let joined = tokenize(text).concat();
    const BROKEN: &[(&str, &str)] = &[("md5", "MD5"), ("md4", "MD4"), ("sha1", "SHA-1")];
    const UNKEYED: &[(&str, &str)] = &[
        ("sha224", "SHA-224"),
        ("sha256", "SHA-256"),
        ("sha384", "SHA-384"),
        ("sha512", "SHA-512"),
        ("sha3", "SHA-3"),
        ("blake2", "BLAKE2"),
        ("blake3", "BLAKE3"),
        ("sha2", "SHA-2"),
    ];
    if let Some((_, n)) = BROKEN
        .iter()
        .find(|(w, _)| joined.ends_with(w) || joined.contains(&format!("{w}new")))
    {
        return Some((Strength::Broken, n));
    }
    if let Some((_, n)) = UNKEYED.iter().find(|(w, _)| joined.contains(w)) {
        return Some((Strength::Unkeyed, n));
    }
    if let Some((_, n)) = BROKEN.iter().find(|(w, _)| joined.contains(w)) {
        return Some((Strength::Broken, n));
    }
    None
}

/// The algorithm a hash constructor call selects: `hashlib.sha256(...)`,
/// `hashlib.new("md5")`, `crypto.createHash("sha1")`, `Sha256::new()`, `md5::compute`.
fn constructor_algorithm<'a>(
    checker: &Checker<'a>,
    callee: Node<'a>,
    args: Option<Node<'a>>,
) -> Option<(Strength, &'static str)> {
    let text = checker.text(callee);
    let method = text.rsplit(['.', ':']).next().unwrap_or(text);
    // WebCrypto `crypto.subtle.digest("SHA-1", data)`: the algorithm is the first argument.
    let by_arg = matches!(method, "new" | "createHash" | "hash" | "Hash")
        || (method == "digest" && text.ends_with("subtle.digest"));
    if by_arg {
        let first = args.and_then(|a| positional(a).into_iter().next());
        // `hashlib.new("md5")`, `crypto.createHash("sha1")`; `Sha256::new()` falls through.
        if let Some(name) = first.and_then(|f| string_value(checker, f)) {
            return algorithm(name);
        }
        if method != "new" {
            return None;
        }
    }
    // `hashlib.sha256`, `Sha256::new`, `md5::compute`, `CryptoJS.MD5`, `sha1`
    let head: String = text
        .rsplit(['.', ':'])
        .filter(|s| !s.is_empty())
        .take(2)
        .collect::<Vec<_>>()
        .join("_");
    algorithm(&head)
}

/// Whether a Python hash call is keyed (`blake2b(data, key=k)`) or marked non-security.
fn python_flags<'a>(checker: &Checker<'a>, args: Option<Node<'a>>) -> (bool, bool) {
    let Some(args) = args else {
        return (false, false);
    };
    let keyed = keyword(checker, args, "key").is_some();
    let not_security =
        keyword(checker, args, "usedforsecurity").is_some_and(|v| checker.text(v) == "False");
    (keyed, not_security)
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(args)) = (m.get("sink"), m.get("args")) else {
        return;
    };
    if sink.kind() == "token_tree" {
        macro_hash(checker, m, args);
        return;
    }
    // The call that selects the algorithm: the sink itself (`hashlib.md5(x)`), the call the
    // method is chained on (`createHash("md5").update(x)`), or the call a receiver variable is
    // bound to (`h = hashlib.md5(); h.update(x)`).
    let ctor = if let Some(receiver) = m.get("receiver") {
        let receiver = crate::flow::unwrap_parens(receiver);
        let bound = if receiver.kind() == "identifier" {
            checker.file.flow.binding_value(receiver)
        } else {
            Some(receiver)
        };
        match bound.map(crate::flow::unwrap_parens) {
            Some(b) if matches!(b.kind(), "call" | "call_expression") => b,
            _ => return,
        }
    } else {
        sink
    };
    let Some(callee) = crate::flow::callee(ctor) else {
        return;
    };
    let ctor_args = ctor.field("arguments");
    let callee_text = checker.text(callee);
    // `hashlib.*` in Python; anything in JS and Rust whose name selects an algorithm.
    if ctor.kind() == "call"
        && callee.kind() == "attribute"
        && !callee_text.starts_with("hashlib.")
        && !callee_text.contains("Crypto.Hash")
    {
        return;
    }
    if tokenize(callee_text).iter().any(|t| t == "hmac") {
        return;
    }
    let Some((strength, algo)) = constructor_algorithm(checker, callee, ctor_args) else {
        return;
    };
    let (keyed, not_security) = if ctor.kind() == "call" {
        python_flags(checker, ctor_args)
    } else {
        (false, false)
    };
    if keyed {
        return;
    }
    // A digest that only keys a rendered list item (`<li key={SHA1(note).toString()}>`) never
    // leaves the page: React compares it and drops it.
    if only_a_jsx_key(checker, sink) {
        return;
    }
    let Some(mut evidence) = hashed_phi(checker, args) else {
        return;
    };
    // PHI found in what a hashed variable was computed from is reported at the hash.
    if !(sink.start_byte() <= evidence.node.start_byte()
        && evidence.node.end_byte() <= sink.end_byte())
    {
        evidence.node = positional(args).first().copied().unwrap_or(args);
    }
    // The brute-force argument needs a small input space: photographs and biometric
    // templates hashed for deduplication are not guessable.
    if strength == Strength::Unkeyed
        && (!evidence.class.kind.is_identifier()
            || matches!(evidence.class.kind, Kind::Photo | Kind::Biometric))
    {
        return;
    }
    let name = checker.sink_name(ctor);
    let message = match strength {
        Strength::Broken => format!(
            "{} is hashed with broken {algo} by `{name}`; the digest is still PHI and can be reversed by brute force",
            evidence.describe()
        ),
        Strength::Unkeyed => format!(
            "{} is hashed with unkeyed {algo} by `{name}`; the digest can be reversed by hashing every candidate, so it is not a pseudonym",
            evidence.describe()
        ),
    };
    if not_security {
        checker.report(
            evidence.node,
            sink,
            message,
            Level::Note,
            crate::rules::Confidence::from_score(evidence.class.score),
        );
    } else {
        checker.report_phi(sink, &evidence, message);
    }
}

/// Whether the hash's value, through conversions (`.toString()`, `.digest("hex")`), is only
/// the `key` attribute of a JSX element.
fn only_a_jsx_key(checker: &Checker<'_>, sink: Node<'_>) -> bool {
    let mut n = sink;
    for _ in 0..8 {
        let Some(p) = n.up() else {
            return false;
        };
        match p.kind() {
            "member_expression" | "call_expression" | "parenthesized_expression" => n = p,
            "jsx_expression" => {
                return p.up().is_some_and(|a| {
                    a.kind() == "jsx_attribute"
                        && a.named_child(0).is_some_and(|k| checker.text(k) == "key")
                });
            }
            _ => return false,
        }
    }
    false
}

/// The strongest PHI among the hashed arguments (internal surrogate ids excluded).
fn hashed_phi<'a>(checker: &Checker<'a>, args: Node<'a>) -> Option<Evidence<'a>> {
    let mut best = None;
    for arg in positional(args) {
        let found = checker
            .phi(arg, Purpose::Storage)
            .or_else(|| derived_phi(checker, arg, 1));
        best = crate::flow::max(best, found);
    }
    best.filter(|e| e.class.score >= 0.5 && e.class.kind != Kind::InternalId)
}

/// PHI a hash input is computed from when data flow does not follow the computation:
/// `"".join(ch for ch in phone if ch.isdigit())`, `re.sub(r"\D", "", phone)`, with one
/// binding followed (`digits = ...; md5(digits.encode())`). Every value read in the
/// expression goes into the digest, so each is asked.
fn derived_phi<'a>(checker: &Checker<'a>, node: Node<'a>, hops: usize) -> Option<Evidence<'a>> {
    let mut best: Option<Evidence<'a>> = None;
    let mut stack = vec![node];
    let mut budget = 200usize;
    while let Some(n) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        match n.kind() {
            "identifier" => {
                let found = checker.phi(n, Purpose::Storage).or_else(|| {
                    let bound = checker.file.flow.binding_value(n)?;
                    (hops > 0 && bound.id() != n.id())
                        .then(|| derived_phi(checker, bound, hops - 1))
                        .flatten()
                });
                best = crate::flow::max(best, found);
            }
            // A path is asked whole: `coding.display` of a PHI record is what data flow says
            // it is, not the record.
            "attribute" | "member_expression" | "subscript" | "subscript_expression" => {
                best = crate::flow::max(best, checker.phi(n, Purpose::Storage));
            }
            // Names of called functions and keywords are not inputs.
            "call" | "call_expression" => {
                if let Some(f) = n.field("function") {
                    if let Some(obj) = f.field("object") {
                        stack.push(obj);
                    }
                }
                if let Some(a) = n.field("arguments") {
                    stack.push(a);
                }
            }
            "keyword_argument" => stack.extend(n.field("value")),
            _ => {
                let mut cursor = n.walk();
                stack.extend(n.named_children(&mut cursor));
            }
        }
    }
    best
}

/// A hash call inside a Rust macro's token tree, where the grammar sees no call:
/// `format!("{:x}", md5::compute(ssn.as_bytes()))`, `hex::encode(Sha1::digest(..))` in a
/// `format!`.
fn macro_hash<'a>(checker: &mut Checker<'a>, m: &Match<'a>, args: Node<'a>) {
    let (Some(krate), Some(func)) = (m.get("_crate"), m.get("_fn")) else {
        return;
    };
    let callee = format!("{}::{}", checker.text(krate), checker.text(func));
    let Some((strength, algo)) = algorithm(checker.text(krate)) else {
        return;
    };
    let flow = &checker.file.flow;
    let mut best: Option<Evidence<'a>> = None;
    for a in flow.macro_args(args, Purpose::Storage, 0) {
        best = crate::flow::max(best, a.evidence);
    }
    let Some(evidence) = best.filter(|e| e.class.score >= 0.5 && e.class.kind != Kind::InternalId)
    else {
        return;
    };
    if strength == Strength::Unkeyed
        && (!evidence.class.kind.is_identifier()
            || matches!(evidence.class.kind, Kind::Photo | Kind::Biometric))
    {
        return;
    }
    let message = match strength {
        Strength::Broken => format!(
            "{} is hashed with broken {algo} by `{callee}`; the digest is still PHI and can be reversed by brute force",
            evidence.describe()
        ),
        Strength::Unkeyed => format!(
            "{} is hashed with unkeyed {algo} by `{callee}`; the digest can be reversed by hashing every candidate, so it is not a pseudonym",
            evidence.describe()
        ),
    };
    checker.report_phi(args, &evidence, message);
}
