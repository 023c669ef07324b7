//! PHI301 cleartext-http-endpoint.

use tree_sitter::Node;

use crate::config_files::{ConfigChecker, Entry, ScalarKind};
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
    /// resolved in code (configuration files are read on their own, below). Single-label
    /// hosts (`http://api:8000`) and private addresses are reported with medium confidence;
    /// hosts computed at run time with low confidence.
    ///
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files, a value that is an
    /// `http://`, `ws://` or `ftp://` URL to a non-local host is reported when its key names an
    /// endpoint (`url`, `uri`, `endpoint`, `host`, `server`, `api`, `webhook`, `callback`,
    /// `dsn`, ...; a bare `url`/`uri` needs a service word in the key path, as in `api.url`
    /// or `FHIR_SERVER_URL`). Links and identifiers (`homepage`, `repository`, `docs`,
    /// `license`, `$schema`, `system`, `profile`), package registries, proxies, CORS origins
    /// and test tools are never endpoints. Single-label and private hosts (compose service
    /// names, `http://api:8080`) and hosts filled in at deploy time are low confidence. The
    /// message names the key path, never the URL.
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
        config: config,
    }
}

/// A name that holds a service endpoint: a url/uri/endpoint token together with a word saying
/// it is a service (`API_BASE_URL`, `fhirServerUrl`, `endpoint_url`), not a link to a page.
fn is_endpoint_name(name: &str) -> bool {
    let tokens: Vec<String> = tokenize(name)
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let has = |ws: &[&str]| tokens.iter().any(|t| ws.contains(&t.as_str()));
    // An identifier URI, not a place data is sent: FHIR code systems, value sets, profiles and
    // extensions (`snomedCodeSystemUri`, `eusmServicePointCodeSystemUri`, `baseValueSetURI`),
    // XML namespaces and schemas.
    let value_set = tokens
        .windows(2)
        .any(|w| matches!(w[0].as_str(), "value" | "valu") && w[1] == "set");
    if value_set
        || has(&[
            "system",
            "codesystem",
            "valueset",
            "namespace",
            "xmlns",
            "ns",
            "canonical",
            "profile",
            "extension",
            "schema",
            "identifier",
            "naming",
            "terminology",
            "coding",
        ])
    {
        return false;
    }
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

/// Words of a configuration key that name an endpoint the application connects to.
const CONFIG_ENDPOINT: &[&str] = &[
    "url",
    "urls",
    "uri",
    "uris",
    "endpoint",
    "endpoints",
    "baseurl",
    "baseuri",
    "host",
    "hosts",
    "server",
    "servers",
    "api",
    "webhook",
    "webhooks",
    "callback",
    "dsn",
    "upstream",
    "gateway",
    "broker",
    "brokers",
    "address",
    "addr",
];

/// Words of a key that say what an endpoint serves (`api.url`, `FHIR_SERVER_URL`), needed next
/// to a bare `url`/`uri`/`address` (`homepage.url` is a link, not a service).
const CONFIG_SERVICE: &[&str] = &[
    "base",
    "api",
    "server",
    "service",
    "services",
    "backend",
    "upstream",
    "fhir",
    "remote",
    "gateway",
    "webhook",
    "ehr",
    "emr",
    "broker",
    "sync",
    "socket",
    "ws",
    "websocket",
    "auth",
    "oauth",
    "oidc",
    "sso",
    "login",
    "token",
    "keycloak",
    "identity",
    "idp",
    "hapi",
    "hl7",
    "smart",
    "integration",
    "endpoint",
    "endpoints",
    "graphql",
    "rest",
    "rpc",
    "grpc",
    "mq",
    "amqp",
    "kafka",
    "elasticsearch",
    "elastic",
    "opensearch",
    "solr",
    "minio",
    "s3",
    "storage",
    "lab",
    "pharmacy",
    "payer",
    "claims",
    "billing",
    "notification",
    "notifications",
    "email",
    "smtp",
    "sms",
    "callback",
    "redirect",
    "issuer",
    "jwks",
    "introspection",
    "userinfo",
    "authorization",
    "authorize",
    "host",
    "dsn",
    "ingest",
    "collector",
    "telemetry",
    "otel",
    "otlp",
    "sentry",
    "db",
    "database",
    "cache",
    "redis",
    "mongo",
    "mongodb",
    "postgres",
    "mysql",
];

/// Words anywhere in a key path that make its URLs links, identifiers or tooling, never an
/// endpoint the application sends data to: documentation and project links, XML namespaces and
/// schemas, FHIR canonical URLs and code systems, package registries and proxies (an HTTP
/// proxy URL is `http://` by protocol), CORS origins, and examples.
const CONFIG_NOT_ENDPOINT: &[&str] = &[
    "schema",
    "schemas",
    "xmlns",
    "namespace",
    "namespaces",
    "homepage",
    "home",
    "repository",
    "repo",
    "bugs",
    "issues",
    "license",
    "licence",
    "docs",
    "doc",
    "documentation",
    "help",
    "support",
    "link",
    "links",
    "href",
    "image",
    "images",
    "img",
    "logo",
    "icon",
    "icons",
    "avatar",
    "author",
    "authors",
    "contributors",
    "maintainer",
    "maintainers",
    "funding",
    "website",
    "download",
    "downloads",
    "privacy",
    "terms",
    "tos",
    "blog",
    "twitter",
    "facebook",
    "github",
    "gitlab",
    "linkedin",
    "social",
    "system",
    "profile",
    "profiles",
    "reference",
    "valueset",
    "codesystem",
    "canonical",
    "definition",
    "identifier",
    "extension",
    "example",
    "examples",
    "sample",
    "samples",
    "mirror",
    "mirrors",
    "proxy",
    "noproxy",
    "origin",
    "origins",
    "cors",
    "allowed",
    "whitelist",
    "allowlist",
    "spdx",
    "xsd",
    "wsdl",
    "changelog",
    "releases",
    "release",
    "source",
    "sources",
    "feedback",
    "contact",
    "about",
    "tutorial",
    "video",
    "font",
    "fonts",
    "cdn",
    "static",
    "assets",
    "frontend",
    "site",
    "ui",
    "www",
    "dashboard",
    "portal",
    "manifest",
    "npm",
    "pypi",
    "pip",
    "maven",
    "gradle",
    "apt",
    "yum",
    "helm",
    "chart",
    "charts",
    "test",
    "tests",
    "tester",
    "testing",
    "mock",
    "mocks",
    "fixture",
    "fixtures",
    "demo",
    "local",
    "localhost",
    "dev",
    "development",
];

/// Words of package and image ecosystems, whose registries are where code comes from.
const PACKAGE_WORDS: &[&str] = &[
    "npm",
    "yarn",
    "pnpm",
    "pip",
    "pypi",
    "cargo",
    "crates",
    "package",
    "packages",
    "docker",
    "container",
    "containers",
    "image",
    "images",
    "helm",
    "maven",
    "gradle",
    "nuget",
    "gem",
    "gems",
    "publish",
    "publishconfig",
    "go",
    "composer",
];

/// Whether a configuration key path names an endpoint the application connects to: its last
/// key holds an endpoint word, with a service word beside a bare `url`/`uri`/`address`
/// anywhere in the path, and no word that makes it a link, an identifier or tooling.
pub(crate) fn is_config_endpoint(e: &Entry<'_>) -> bool {
    let last = e.key_tokens();
    let path = e.path_tokens();
    let has = |tokens: &[String], ws: &[&str]| tokens.iter().any(|t| ws.contains(&t.as_str()));
    if !has(&last, CONFIG_ENDPOINT) || has(&path, CONFIG_NOT_ENDPOINT) {
        return false;
    }
    // A package registry (`registry`, `npm.registry_url`, `PIP_REGISTRY_URL`), not a clinical
    // one (`central_registry_url`, `IMMUNIZATION_REGISTRY_URL`).
    let registry = has(&path, &["registry", "registries"]);
    if registry
        && (last
            .iter()
            .all(|t| matches!(t.as_str(), "registry" | "registries"))
            || has(&path, PACKAGE_WORDS))
    {
        return false;
    }
    let bare = last.iter().all(|t| {
        matches!(
            t.as_str(),
            "url" | "urls" | "uri" | "uris" | "address" | "addr"
        )
    });
    !bare || has(&path, CONFIG_SERVICE)
}

/// PHI301 in configuration files: a cleartext URL to a non-local host under a key that
/// configures an endpoint (`api.base_url: http://...`, `FHIR_SERVER_URL=http://...`).
/// Internal (single-label, private-address) and templated hosts are low confidence: in
/// configuration they are overwhelmingly compose service names and local networks.
fn config<'a>(c: &mut ConfigChecker<'a>, e: &Entry<'a>) {
    if e.kind != ScalarKind::String {
        return;
    }
    let Some((scheme, host)) = super::cleartext_url_text(&e.text) else {
        return;
    };
    if !is_config_endpoint(e) {
        return;
    }
    let name = c.key_name(e);
    let message = format!(
        "`{name}` is set to an {scheme}:// URL on {}; traffic to it is unencrypted",
        host_words(host)
    );
    let confidence = match host {
        super::Host::Remote => host_confidence(host),
        _ => crate::rules::Confidence::Low,
    };
    c.report(e, message, Level::Warning, confidence);
}
