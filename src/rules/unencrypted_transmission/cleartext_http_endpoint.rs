//! PHI301 cleartext-http-endpoint.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::tokenize;
use crate::rules::unencrypted_storage::{keyword, positional};
use crate::rules::Level;
use crate::tree::NodeExt;

use super::{host_confidence, host_words, phi_in_payload, resolve_url, CleartextUrl};

declare_rule! {
    /// ## What it does
    /// Flags `http://`, `ws://` and `ftp://` URLs to non-local hosts that are passed to HTTP and
    /// WebSocket clients (Python `requests`, `httpx`, `urllib`, `aiohttp`; JavaScript `fetch`,
    /// `axios`, `got`, `node:http`, `WebSocket`; Rust `reqwest`, `ureq`, `hyper`) or set as a
    /// base URL or endpoint (`base_url=`, `baseURL:`, `API_BASE_URL = ...`). URLs are followed
    /// through variables, constants, f-strings, template literals, concatenation and
    /// `format!`. Loopback, `localhost`, `*.local`, `*.test`, `*.example`, the RFC 2606
    /// documentation domains, and XML-namespace or code-system URIs (`www.w3.org`, `hl7.org`,
    /// `loinc.org`, ...) are not reported. With PHI in the same call the finding is an error.
    ///
    /// ## Why is this bad?
    /// Cleartext traffic can be read and altered by anyone on the path: Wi-Fi, proxies, cloud
    /// networks, a compromised pod. PHI sent this way is disclosed, and even requests without
    /// PHI carry tokens and session cookies that unlock it. 45 CFR 164.312(e)(1) requires
    /// transmission security, with integrity controls ((e)(2)(i)) and encryption ((e)(2)(ii)).
    ///
    /// ## Example
    /// ```python
    /// requests.post("http://lab-gateway.acme-health.com/results", json={"mrn": patient.mrn})
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// requests.post("https://lab-gateway.acme-health.com/results", json={"mrn": patient.mrn})
    /// ```
    ///
    /// ## Known limitations
    /// URLs read from settings objects, environment variables or other modules are not
    /// resolved. Single-label hosts (`http://api:8000`) and private addresses are reported with
    /// medium confidence; hosts computed at run time with low confidence.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.312(e)(2)(i), 164.312(e)(2)(ii)
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    pub CLEARTEXT_HTTP_ENDPOINT = "PHI301" {
        name: "cleartext-http-endpoint",
        file: cleartext_http_endpoint,
        category: UnencryptedTransmission,
        safeguards: [TransmissionSecurity, TransmissionEncryption, TransmissionIntegrity],
        level: Warning,
        confidence: High,
        cwe: [319],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["http", "ws", "ftp"]),
    }
}

/// A name that holds a service endpoint: a url/uri/endpoint token together with a word saying
/// it is a service (`API_BASE_URL`, `fhirServerUrl`, `endpoint_url`), not a link to a page.
fn is_endpoint_name(name: &str) -> bool {
    let tokens = tokenize(name);
    let has = |ws: &[&str]| tokens.iter().any(|t| ws.contains(&t.as_str()));
    has(&["url", "uri", "endpoint", "baseurl", "baseuri"])
        && has(&[
            "base", "baseurl", "baseuri", "api", "server", "service", "endpoint", "backend",
            "upstream", "fhir", "remote", "gateway", "webhook", "ehr", "emr", "broker", "proxy",
            "sync", "socket", "ws",
        ])
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    if let (Some(key), Some(value)) = (m.get("key"), m.get("value")) {
        let name = checker.text(key).trim_matches(['"', '\'']);
        if !is_endpoint_name(name) {
            return;
        }
        let Some(url) = resolve_url(checker, value, 0) else {
            return;
        };
        let message = format!(
            "`{name}` is set to an {}:// URL on {}; traffic to it is unencrypted",
            url.scheme,
            host_words(url.host)
        );
        let confidence = host_confidence(url.host);
        checker.report(url.literal, sink, message, Level::Warning, confidence);
        return;
    }
    let (Some(args), Some(method)) = (m.get("args"), m.get("method").or_else(|| m.get("callee")))
    else {
        return;
    };
    let Some(url) = find_url(checker, args, checker.text(method)) else {
        return;
    };
    let callee = sink
        .field("function")
        .or_else(|| sink.field("constructor"))
        .unwrap_or(method);
    let name = checker.sink_name(callee);
    let confidence = host_confidence(url.host);
    // Builder chains carry the payload later: `client.post(url).json(&patient).send()`.
    let mut payload = phi_in_payload(checker, args);
    let mut node = sink;
    for _ in 0..8 {
        let Some(call) = node
            .up()
            .filter(|p| matches!(p.kind(), "field_expression" | "member_expression"))
            .and_then(|p| p.up())
            .filter(|c| c.kind() == "call_expression")
        else {
            break;
        };
        if let Some(a) = call.field("arguments") {
            payload = crate::flow::max(payload, phi_in_payload(checker, a));
        }
        node = call;
    }
    match payload {
        Some(ev) => {
            let message = format!(
                "{} is sent by `{name}` to an {}:// URL on {}, unencrypted",
                ev.describe(),
                url.scheme,
                host_words(url.host)
            );
            checker.report(url.literal, sink, message, Level::Error, confidence);
        }
        None => {
            let message = format!(
                "`{name}` connects to an {}:// URL on {}; traffic is unencrypted",
                url.scheme,
                host_words(url.host)
            );
            checker.report(url.literal, sink, message, Level::Warning, confidence);
        }
    }
}

fn find_url<'a>(checker: &Checker<'a>, args: Node<'a>, method: &str) -> Option<CleartextUrl<'a>> {
    let mut candidates = Vec::new();
    if args.kind() == "argument_list" {
        if let Some(u) = keyword(checker, args, "url") {
            candidates.push(u);
        }
    }
    candidates.extend(positional(args, 0));
    if method == "request" {
        candidates.extend(positional(args, 1));
    }
    // `fetch({ url: "http://..." })`, `axios({ url })`
    if let Some(obj) = positional(args, 0).filter(|o| o.kind() == "object") {
        let mut c = obj.walk();
        for pair in obj.named_children(&mut c).filter(|p| p.kind() == "pair") {
            let key = pair.field("key").map(|k| checker.text(k));
            if matches!(key, Some("url" | "baseURL" | "uri")) {
                candidates.extend(pair.field("value"));
            }
        }
    }
    candidates
        .into_iter()
        .find_map(|c| resolve_url(checker, c, 0))
}
