//! PHI303 outdated-tls-version.

use crate::config_files::{ConfigChecker, Entry};
use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::string_content;
use crate::rules::{Confidence, Level};

declare_rule! {
    /// ## What it does
    /// Flags code that selects or allows SSL 3.0, TLS 1.0 or TLS 1.1: Python
    /// `ssl.PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1`, `PROTOCOL_SSLv3`, `ssl.TLSVersion.TLSv1` /
    /// `TLSv1_1` / `SSLv3`; Node `minVersion: "TLSv1"`, `maxVersion: "TLSv1.1"`,
    /// `secureProtocol: "TLSv1_method"`, `tls.DEFAULT_MIN_VERSION = "TLSv1"`; Rust reqwest
    /// `Version::TLS_1_0` / `TLS_1_1`, OpenSSL `SslVersion::TLS1` / `TLS1_1` / `SSL3` and
    /// native-tls `Protocol::Tlsv10` / `Tlsv11` / `Sslv3`.
    ///
    /// ## Why is this bad?
    /// These protocol versions are deprecated (RFC 8996) and have practical attacks (POODLE,
    /// BEAST, weak MAC and cipher suites). Allowing them lets an attacker on the path downgrade
    /// the connection and read or alter PHI in transit (45 CFR 164.312(e)(1), (e)(2)(ii)); NIST
    /// SP 800-52 requires TLS 1.2 or later.
    ///
    /// ## Example
    /// ```javascript
    /// https.request({ host, minVersion: "TLSv1" });
    /// ```
    ///
    /// ## Use instead
    /// ```javascript
    /// https.request({ host, minVersion: "TLSv1.2" });
    /// ```
    ///
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files: a key about the TLS
    /// version or protocols (`minVersion`, `tls.min_version`, `ssl_protocols`,
    /// `secureProtocol`, `minimumProtocolVersion`, the ingress-nginx `ssl-protocols`
    /// annotation) whose value names SSL 3.0, TLS 1.0 or TLS 1.1 (`TLSv1`, `TLSv1.1`,
    /// `TLSv1_2016`, `SSLv3`), or, under a TLS key, a bare `1.0` / `1.1`.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.312(e)(2)(ii) (encryption)
    /// - RFC 8996: Deprecating TLS 1.0 and TLS 1.1; NIST SP 800-52 Rev. 2
    /// - CWE-326: Inadequate Encryption Strength; CWE-327
    pub OUTDATED_TLS_VERSION = "PHI303" {
        name: "outdated-tls-version",
        file: outdated_tls_version,
        category: UnencryptedTransmission,
        safeguards: [TransmissionSecurity, TransmissionEncryption],
        level: Error,
        confidence: High,
        cwe: [326, 327],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["tls", "ssl", "protocol", "secureprotocol", "minversion", "maxversion", "sslversion", "tlsversion"]),
        config: config,
    }
}

const OLD_NODE: &[&str] = &[
    "TLSv1",
    "TLSv1.1",
    "SSLv3",
    "TLSv1_method",
    "TLSv1_1_method",
    "SSLv3_method",
    "TLSv1_client_method",
    "TLSv1_1_client_method",
    "TLSv1_server_method",
    "TLSv1_1_server_method",
];

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(value)) = (m.get("sink"), m.get("value")) else {
        return;
    };
    let value_text = checker.text(value);
    let owner = m.get("key").map(|k| checker.text(k)).unwrap_or("");
    let shown: String = match sink.kind() {
        // Python `ssl.PROTOCOL_TLSv1`, `ssl.TLSVersion.TLSv1_1`
        "attribute" => {
            let protocol = value_text.starts_with("PROTOCOL_");
            let version = owner.ends_with("TLSVersion");
            if !(protocol || version) {
                return;
            }
            let last = owner.rsplit('.').next().unwrap_or(owner);
            format!("{last}.{value_text}")
        }
        // Node `minVersion: "TLSv1"`, `tls.DEFAULT_MIN_VERSION = "TLSv1"`
        "pair" | "assignment_expression" => {
            let Some(v) = string_content(value_text, value.kind()) else {
                return;
            };
            if !OLD_NODE.contains(&v) {
                return;
            }
            format!("{owner}: \"{v}\"")
        }
        // Rust `Version::TLS_1_0`, `SslVersion::TLS1`, `Protocol::Tlsv10`
        "scoped_identifier" => {
            let last = owner.rsplit("::").next().unwrap_or(owner);
            if !matches!(last, "Version" | "SslVersion" | "Protocol" | "TlsVersion") {
                return;
            }
            format!("{last}::{value_text}")
        }
        _ => return,
    };
    let message = format!("a TLS version older than 1.2 is selected or allowed by `{shown}`");
    let confidence = Confidence::High;
    checker.report(sink, sink, message, Level::Error, confidence);
}

/// Protocol names (lowercase) that select or allow a version older than TLS 1.2, as written in
/// configuration (`TLSv1`, `TLSv1.1`, nginx `ssl_protocols`, CloudFront `TLSv1_2016`, OpenSSL
/// method names, Python `PROTOCOL_TLSv1`), with the version each means.
const OLD_CONFIG: &[(&str, &str)] = &[
    ("tlsv1", "TLS 1.0"),
    ("tlsv1.0", "TLS 1.0"),
    ("tlsv1_0", "TLS 1.0"),
    ("tlsv10", "TLS 1.0"),
    ("tls1", "TLS 1.0"),
    ("tls1.0", "TLS 1.0"),
    ("tls1_0", "TLS 1.0"),
    ("tls10", "TLS 1.0"),
    ("tls_1_0", "TLS 1.0"),
    ("tlsv1_2016", "TLS 1.0"),
    ("tlsv1_method", "TLS 1.0"),
    ("protocol_tlsv1", "TLS 1.0"),
    ("tlsv1.1", "TLS 1.1"),
    ("tlsv1_1", "TLS 1.1"),
    ("tlsv11", "TLS 1.1"),
    ("tls1.1", "TLS 1.1"),
    ("tls1_1", "TLS 1.1"),
    ("tls11", "TLS 1.1"),
    ("tls_1_1", "TLS 1.1"),
    ("tlsv1.1_2016", "TLS 1.1"),
    ("tlsv1_1_method", "TLS 1.1"),
    ("protocol_tlsv1_1", "TLS 1.1"),
    ("sslv3", "SSL 3.0"),
    ("ssl3", "SSL 3.0"),
    ("sslv3_method", "SSL 3.0"),
    ("protocol_sslv3", "SSL 3.0"),
    ("sslv2", "SSL 2.0"),
    ("ssl2", "SSL 2.0"),
];

/// The oldest protocol a configuration entry selects or allows, when older than TLS 1.2: a
/// key about the TLS or SSL version or protocols (`minVersion`, `tls.min_version`,
/// `ssl_protocols`, `secureProtocol`, `MinimumProtocolVersion`) whose value names an old
/// protocol, or (for a key naming TLS and a version) a bare `1.0` / `1.1`.
pub(crate) fn config_old_version(e: &Entry<'_>) -> Option<&'static str> {
    let key = e.key_tokens();
    let path = e.path_tokens();
    let k = |ws: &[&str]| key.iter().any(|t| ws.contains(&t.as_str()));
    let p = |ws: &[&str]| path.iter().any(|t| ws.contains(&t.as_str()));
    if !k(&["version", "versions", "protocol", "protocols"]) {
        return None;
    }
    let tls_key = p(&["tls", "ssl", "https"]);
    let mut oldest: Option<&'static str> = None;
    for word in e
        .text
        .split(|c: char| c.is_whitespace() || ",;:|[]()\"'".contains(c))
        .filter(|w| !w.is_empty())
    {
        let w = word.to_ascii_lowercase();
        let named = OLD_CONFIG.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
        let bare = if tls_key {
            match w.as_str() {
                "1.0" | "1" | "10" => Some("TLS 1.0"),
                "1.1" | "11" => Some("TLS 1.1"),
                _ => None,
            }
        } else {
            None
        };
        if let Some(v) = named.or(bare) {
            let rank = |v: &str| {
                ["SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1"]
                    .iter()
                    .position(|x| *x == v)
            };
            if oldest.is_none_or(|o| rank(v) < rank(o)) {
                oldest = Some(v);
            }
        }
    }
    oldest
}

/// PHI303 in configuration files.
fn config<'a>(c: &mut ConfigChecker<'a>, e: &Entry<'a>) {
    let Some(version) = config_old_version(e) else {
        return;
    };
    let message = format!(
        "a TLS version older than 1.2 ({version}) is selected or allowed by `{}`",
        c.key_name(e)
    );
    c.report(e, message, Level::Error, Confidence::High);
}
