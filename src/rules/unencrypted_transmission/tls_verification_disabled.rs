//! PHI302 tls-verification-disabled.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags code that turns off TLS certificate or host-name verification: Python
    /// `verify=False` (requests, httpx), `ssl=False` / `verify_ssl=False` (aiohttp),
    /// `ssl._create_unverified_context()`, `verify_mode = ssl.CERT_NONE`,
    /// `cert_reqs="CERT_NONE"`, `check_hostname = False`, `session.verify = False`; JavaScript
    /// `rejectUnauthorized: false`, `strictSSL: false`, a `checkServerIdentity` that accepts
    /// everything, `NODE_TLS_REJECT_UNAUTHORIZED = "0"`; Rust
    /// `danger_accept_invalid_certs(true)`, `danger_accept_invalid_hostnames(true)`,
    /// `tls_danger_accept_invalid_certs(true)`, OpenSSL `set_verify(SslVerifyMode::NONE)` and a
    /// rustls `ServerCertVerifier` whose `verify_server_cert` accepts every certificate.
    ///
    /// ## Why is this bad?
    /// Without verification, TLS still encrypts but no longer knows who is on the other end: any
    /// machine on the path can present its own certificate, read the PHI and tokens in transit,
    /// and change the responses. This defeats transmission security and its integrity controls
    /// (45 CFR 164.312(e)(1), (e)(2)(i)) and entity authentication (164.312(d)).
    ///
    /// ## Example
    /// ```python
    /// requests.post(lab_url, json=result, verify=False)
    /// ```
    ///
    /// ## Use instead
    /// Trust the right CA instead of trusting everyone:
    /// ```python
    /// requests.post(lab_url, json=result, verify="/etc/pki/acme-lab-ca.pem")
    /// ```
    ///
    /// ## Known limitations
    /// Verification turned off through configuration files or environment variables set
    /// outside the code is not seen. A custom verifier is reported only when its body does
    /// nothing but return success.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.312(e)(2)(i) (integrity controls),
    ///   164.312(d) (person or entity authentication)
    /// - CWE-295: Improper Certificate Validation
    pub TLS_VERIFICATION_DISABLED = "PHI302" {
        name: "tls-verification-disabled",
        file: tls_verification_disabled,
        category: UnencryptedTransmission,
        safeguards: [TransmissionSecurity, TransmissionIntegrity, EntityAuthentication],
        level: Error,
        confidence: High,
        cwe: [295],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["verify", "ssl", "cert", "certs", "hostname", "reject", "rejectunauthorized", "strictssl", "checkserveridentity", "danger", "servercertverifier", "unverified", "tls", "verifymode", "sslverifymode"]),
    }
}

/// A database or broker client: `ssl=False` there is database-tls-disabled (PHI305).
pub(crate) fn is_db_callee(callee: &str) -> bool {
    tokenize(callee).iter().any(|t| {
        matches!(
            t.as_str(),
            "connect"
                | "pool"
                | "engine"
                | "database"
                | "db"
                | "psycopg"
                | "asyncpg"
                | "mysql"
                | "pymysql"
                | "sequelize"
                | "knex"
                | "mongo"
                | "client"
                | "redis"
                | "datasource"
        )
    })
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let key = m
        .get("key")
        .map(|k| checker.text(k).trim_matches(['"', '\'']));
    let value = m.get("value");
    let value_text = value.map(|v| checker.text(v)).unwrap_or("");
    let setting: String = match (sink.kind(), key) {
        ("keyword_argument", Some(k)) => {
            let off = match k {
                "cert_reqs" => value_text.contains("CERT_NONE"),
                _ => value_text == "False",
            };
            if !off {
                return;
            }
            let callee = super::enclosing_callee(checker, sink);
            if matches!(k, "ssl" | "ssl_context") && is_db_callee(callee) {
                return;
            }
            // PyJWT's old `jwt.decode(token, verify=False)` skips the signature, not TLS.
            if tokenize(callee).iter().any(|t| t == "jwt" || t == "decode") {
                return;
            }
            format!("{k}={value_text}")
                .replace("\"CERT_NONE\"", "CERT_NONE")
                .replace("'CERT_NONE'", "CERT_NONE")
        }
        ("assignment", Some(k)) | ("assignment_expression", Some(k)) => {
            let off = match k {
                "verify_mode" => value_text.ends_with("CERT_NONE"),
                "check_hostname" | "verify" => value_text == "False",
                "NODE_TLS_REJECT_UNAUTHORIZED" => {
                    matches!(value_text.trim_matches(['"', '\'', '`']), "0") || value_text == "0"
                }
                _ => false,
            };
            if !off {
                return;
            }
            if k == "NODE_TLS_REJECT_UNAUTHORIZED" {
                "NODE_TLS_REJECT_UNAUTHORIZED = \"0\"".to_string()
            } else {
                let shown = if value_text.ends_with("CERT_NONE") {
                    "CERT_NONE"
                } else {
                    "False"
                };
                format!("{k} = {shown}")
            }
        }
        ("pair", Some(k)) => {
            let off = match k {
                "checkServerIdentity" => accepts_everything(checker, value),
                _ => value_text == "false",
            };
            if !off {
                return;
            }
            if k == "checkServerIdentity" {
                "checkServerIdentity that accepts every host".to_string()
            } else {
                format!("{k}: false")
            }
        }
        ("call", _) => "ssl._create_unverified_context()".to_string(),
        ("call_expression", _) => {
            let Some(method) = m.get("method").map(|n| checker.text(n)) else {
                return;
            };
            if method == "set_verify" {
                if !value_text.ends_with("NONE") {
                    return;
                }
                "set_verify(SslVerifyMode::NONE)".to_string()
            } else {
                if value_text != "true" {
                    return;
                }
                format!("{method}(true)")
            }
        }
        ("impl_item", _) => {
            let Some(body) = value else { return };
            if !verifier_accepts_all(checker, body) {
                return;
            }
            "a ServerCertVerifier that accepts every certificate".to_string()
        }
        _ => return,
    };
    let message = format!("TLS certificate verification is disabled by `{setting}`");
    let focus = m
        .get("finding")
        .or_else(|| {
            (sink.kind() == "call_expression")
                .then(|| m.get("method"))
                .flatten()
        })
        .unwrap_or(sink);
    let confidence = Confidence::High;
    checker.report(focus, sink, message, Level::Error, confidence);
}

/// `checkServerIdentity: () => undefined` and friends.
fn accepts_everything<'a>(checker: &Checker<'a>, value: Option<Node<'a>>) -> bool {
    let Some(v) = value else { return false };
    if !matches!(
        v.kind(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return false;
    }
    let Some(body) = v.field("body") else {
        return false;
    };
    let text = checker.text(body).trim();
    matches!(
        text,
        "undefined"
            | "null"
            | "{}"
            | "{ }"
            | "{ return undefined; }"
            | "{ return; }"
            | "{ return null; }"
    )
}

/// A rustls verifier whose `verify_server_cert` only returns `Ok(ServerCertVerified::assertion())`.
fn verifier_accepts_all<'a>(checker: &Checker<'a>, body: Node<'a>) -> bool {
    let mut cursor = body.walk();
    let found = body.named_children(&mut cursor).any(|item| {
        if item.kind() != "function_item" {
            return false;
        }
        let named = item
            .field("name")
            .is_some_and(|n| checker.text(n) == "verify_server_cert");
        let Some(block) = item.field("body") else {
            return false;
        };
        let mut c = block.walk();
        let stmts: Vec<Node<'a>> = block
            .named_children(&mut c)
            .filter(|n| !matches!(n.kind(), "line_comment" | "block_comment"))
            .collect();
        named && stmts.len() == 1 && checker.text(stmts[0]).contains("assertion()")
    });
    found
}
