//! PHI303 outdated-tls-version.

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
