//! unencrypted-transmission: cleartext channels and weakened TLS (45 CFR 164.312(e)(1)
//! transmission security; (e)(2)(i) integrity controls; (e)(2)(ii) encryption).
//!
//! These rules are about the channel, so most of them report whether or not PHI is visible at
//! the call; when it is (asked of the shared data-flow layer with [`Purpose::Transmission`], so
//! only encryption clears it) the finding is raised to an error. Messages never repeat a URL or
//! host: they name the scheme and whether the host is local.
//!
//! [`Purpose::Transmission`]: crate::flow::Purpose::Transmission

pub mod cleartext_http_endpoint;
pub mod database_tls_disabled;
pub mod outdated_tls_version;
pub mod phi_over_cleartext_mail_or_ftp;
pub mod tls_verification_disabled;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::{Evidence, Purpose};
use crate::phi::Kind;
use crate::rules::phi_logging::{strongest_arg, REPORT_FLOOR};
use crate::tree::NodeExt;

/// Where a cleartext URL points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Host {
    /// A public or otherwise non-local host name or address.
    Remote,
    /// A single-label name (`http://api:8000`, a container or service name) or a private
    /// address: probably an internal network.
    Internal,
    /// The host is interpolated or concatenated at run time.
    Unknown,
}

/// A cleartext URL found at the start of a literal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CleartextUrl<'a> {
    /// `http`, `ws` or `ftp`.
    pub scheme: &'static str,
    /// Where it points.
    pub host: Host,
    /// The literal that starts with it.
    pub literal: Node<'a>,
}

/// The text of a string-like literal without prefix and quotes, up to the first interpolation,
/// or `None` for other nodes.
pub(crate) fn literal_prefix<'a>(checker: &Checker<'a>, node: Node<'a>) -> Option<&'a str> {
    if !matches!(
        node.kind(),
        "string" | "template_string" | "string_literal" | "raw_string_literal"
    ) {
        return None;
    }
    let text = checker.text(node);
    let t = text.trim_start_matches(['r', 'b', 'u', 'f', 'R', 'B', 'U', 'F', '#']);
    let t = t.trim_start_matches(['"', '\'', '`']);
    let end = t.find(['{', '"', '\'', '`', '\n']).map_or(t.len(), |i| {
        if t[..i].ends_with('$') {
            i - 1
        } else {
            i
        }
    });
    Some(&t[..end])
}

/// XML namespaces, schemas and code-system URIs: identifiers that look like URLs but are
/// never fetched.
const IDENTIFIER_HOSTS: &[&str] = &[
    "w3.org",
    "xmlsoap.org",
    "schemas.microsoft.com",
    "schemas.openxmlformats.org",
    "purl.org",
    "xmlns.com",
    "json-schema.org",
    "ns.adobe.com",
    "hl7.org",
    "loinc.org",
    "snomed.info",
    "unitsofmeasure.org",
    "openid.net",
    "docs.oasis-open.org",
    "ihe.net",
];

/// Classifies a host, or `None` when it is local, reserved for documentation, or an
/// identifier namespace (never reported).
pub(crate) fn classify_host(host: &str) -> Option<Host> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Some(Host::Unknown);
    }
    let is_or_under = |h: &str, d: &str| h == d || h.ends_with(&format!(".{d}"));
    let local = host == "localhost"
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "[::1]"
        || host == "[::]"
        || host == "host.docker.internal"
        || ["localhost", "local", "test", "example", "invalid"]
            .iter()
            .any(|tld| host.ends_with(&format!(".{tld}")))
        || ["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| is_or_under(&host, d));
    if local || IDENTIFIER_HOSTS.iter().any(|d| is_or_under(&host, d)) {
        return None;
    }
    let private = host.starts_with("10.")
        || host.starts_with("192.168.")
        || (host.starts_with("172.")
            && host
                .split('.')
                .nth(1)
                .and_then(|o| o.parse::<u8>().ok())
                .is_some_and(|o| (16..=31).contains(&o)));
    // The private-use `.internal` domain: a named host of an organisation's network
    // (`cache.clinic.internal`, `db-primary.ehr.internal`) is another machine, reached across
    // it like any other; a two-label name (`api.internal`) is a service name.
    let internal_domain = host.ends_with(".internal") && host.matches('.').count() < 2;
    if private || internal_domain || !host.contains('.') {
        return Some(Host::Internal);
    }
    Some(Host::Remote)
}

/// The cleartext scheme a text starts with (`http://`, `ws://`, `ftp://`, any case) and the
/// rest after `://`.
fn cleartext_scheme(text: &str) -> Option<(&'static str, &str)> {
    let lower = text.get(..text.len().min(8))?.to_ascii_lowercase();
    [("http", "http://"), ("ws", "ws://"), ("ftp", "ftp://")]
        .into_iter()
        .find(|(_, prefix)| lower.starts_with(prefix))
        .map(|(scheme, prefix)| (scheme, &text[prefix.len()..]))
}

/// The host of a URL authority (user info already removed): `[::1]` kept whole, a port cut.
fn authority_host(authority: &str) -> String {
    if authority.starts_with('[') {
        authority
            .split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or("").to_string()
    }
}

/// A cleartext URL written out in full as a configuration value: its scheme and where it
/// points, or `None` when the value is no cleartext URL or points somewhere never reported
/// ([`classify_host`]). A host filled in at deploy time (`http://${API_HOST}/`) is
/// [`Host::Unknown`].
pub(crate) fn cleartext_url_text(text: &str) -> Option<(&'static str, Host)> {
    let text = text.trim();
    let (scheme, rest) = cleartext_scheme(text)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if crate::config_files::is_templated(authority) {
        return Some((scheme, Host::Unknown));
    }
    let host = authority_host(authority);
    Some((scheme, classify_host(&host)?))
}

/// Parses the start of a literal as a cleartext URL.
pub(crate) fn cleartext_url_in<'a>(
    checker: &Checker<'a>,
    literal: Node<'a>,
) -> Option<CleartextUrl<'a>> {
    let text = literal_prefix(checker, literal)?;
    let (scheme, rest) = cleartext_scheme(text)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let complete = rest.len() > authority.len() || full_literal(checker, literal);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = authority_host(authority);
    let class = if complete || !host.is_empty() {
        // A host followed by an interpolation (`http://api.${env}`) is still unknown.
        if !complete && !rest.contains('/') && literal.kind() != "string_literal" {
            classify_host(&host).map(|_| Host::Unknown)
        } else {
            classify_host(&host)
        }
    } else {
        Some(Host::Unknown)
    }?;
    Some(CleartextUrl {
        scheme,
        host: class,
        literal,
    })
}

/// Whether the literal has no interpolation at all.
fn full_literal(checker: &Checker<'_>, literal: Node<'_>) -> bool {
    let mut cursor = literal.walk();
    let interpolated = literal
        .named_children(&mut cursor)
        .any(|c| matches!(c.kind(), "interpolation" | "template_substitution"));
    let text = checker.text(literal);
    let f_string = text.starts_with(['f', 'F']) && text.contains('{');
    !(interpolated || f_string)
}

/// Resolves an expression to the literal its URL starts with: the literal itself, an
/// f-string or template, the left end of a concatenation, `format!`, or a variable or
/// constant bound in the same file.
pub(crate) fn resolve_url<'a>(
    checker: &Checker<'a>,
    node: Node<'a>,
    depth: usize,
) -> Option<CleartextUrl<'a>> {
    if depth > 6 {
        return None;
    }
    match node.kind() {
        "string" | "template_string" | "string_literal" | "raw_string_literal" => {
            cleartext_url_in(checker, node)
        }
        "binary_operator" | "binary_expression" => {
            resolve_url(checker, node.field("left")?, depth + 1)
        }
        "parenthesized_expression" | "reference_expression" | "as_expression" => {
            resolve_url(checker, node.named_child(0)?, depth + 1)
        }
        "identifier" => {
            let rhs = checker.file.flow.binding_value(node)?;
            resolve_url(checker, rhs, depth + 1)
        }
        "macro_invocation" => {
            let name = checker.text(node.field("macro")?);
            if name != "format" {
                return None;
            }
            let tt = node
                .named_children(&mut node.walk())
                .find(|c| c.kind() == "token_tree")?;
            let first = tt.named_child(0)?;
            resolve_url(checker, first, depth + 1)
        }
        "call" | "call_expression" => {
            // `"http://host/{}".format(x)`, `Url::parse("http://...")`, `String::from("...")`
            let callee = node.field("function")?;
            let method = checker.text(callee).rsplit(['.', ':']).next().unwrap_or("");
            if matches!(method, "format" | "to_string" | "to_owned" | "into") {
                if let Some(obj) = callee.field("object").or_else(|| callee.field("value")) {
                    return resolve_url(checker, obj, depth + 1);
                }
            }
            if matches!(method, "parse" | "from" | "new" | "from_static" | "URL") {
                let args = node.field("arguments")?;
                return resolve_url(checker, args.named_child(0)?, depth + 1);
            }
            None
        }
        "new_expression" => {
            let args = node.field("arguments")?;
            resolve_url(checker, args.named_child(0)?, depth + 1)
        }
        _ => None,
    }
}

/// PHI in a call's arguments, for raising a transmission finding to an error.
pub(crate) fn phi_in_payload<'a>(checker: &Checker<'a>, args: Node<'a>) -> Option<Evidence<'a>> {
    strongest_arg(checker, args, Purpose::Transmission)
        .filter(|e| e.class.score >= REPORT_FLOOR && e.class.kind != Kind::InternalId)
}

/// How sure a finding about a host is.
pub(crate) fn host_confidence(host: Host) -> crate::rules::Confidence {
    match host {
        Host::Remote => crate::rules::Confidence::High,
        Host::Internal => crate::rules::Confidence::Medium,
        Host::Unknown => crate::rules::Confidence::Low,
    }
}

/// Words that describe a host ("a non-local host", "an internal host").
pub(crate) fn host_words(host: Host) -> &'static str {
    match host {
        Host::Remote => "a non-local host",
        Host::Internal => "an internal or single-label host",
        Host::Unknown => "a host computed at run time",
    }
}

/// The callee text of the call whose arguments contain `node`.
pub(crate) fn enclosing_callee<'a>(
    checker: &crate::engine::Checker<'a>,
    node: tree_sitter::Node<'a>,
) -> &'a str {
    let mut cur = node.up();
    while let Some(n) = cur {
        if matches!(n.kind(), "call" | "call_expression" | "new_expression") {
            return n
                .field("function")
                .or_else(|| n.field("constructor"))
                .map(|c| checker.text(c))
                .unwrap_or("");
        }
        cur = n.up();
    }
    ""
}
