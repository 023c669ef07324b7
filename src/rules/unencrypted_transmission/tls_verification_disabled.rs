//! PHI302 tls-verification-disabled.

use tree_sitter::Node;

use crate::config_files::{is_off, is_on, ConfigChecker, Entry};
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
    /// `cert_reqs="CERT_NONE"`, `check_hostname = False`, `session.verify = False`; SSH
    /// host-key checks turned off (paramiko `set_missing_host_key_policy(AutoAddPolicy())` or
    /// `WarningPolicy()`, asyncssh `known_hosts=None`, ssh2 `hostVerifier: () => true`); JavaScript
    /// `rejectUnauthorized: false`, `strictSSL: false`, a `checkServerIdentity` that accepts
    /// everything, `NODE_TLS_REJECT_UNAUTHORIZED = "0"`; Rust
    /// `danger_accept_invalid_certs(true)`, `danger_accept_invalid_hostnames(true)`,
    /// `tls_danger_accept_invalid_certs(true)`, OpenSSL `set_verify(SslVerifyMode::NONE)` and a
    /// rustls `ServerCertVerifier` whose `verify_server_cert` accepts every certificate.
    ///
    /// Also: requests' `verify=os.environ.get("CA_BUNDLE", False)` (off unless the variable is
    /// set) and paho-mqtt `client.tls_insecure_set(True)`.
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
    /// Environment variables set outside the repository (a deployment's own settings) are not
    /// seen. A custom verifier is reported only when its body does nothing but return success.
    ///
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files: `rejectUnauthorized:
    /// false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `verify_ssl: false` (and `ssl: {verify:
    /// false}`), `strictSSL: false`, `check_hostname: false`, `insecure_skip_verify: true`,
    /// `insecure-skip-tls-verify: true`, `skip_tls_verify: true`,
    /// `tlsAllowInvalidCertificates: true`, `trustServerCertificate: true`, `ssl_cert_reqs:
    /// none`, `verify_mode: none`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY=true`. A
    /// `verify` key counts only with a TLS word in its key path (`email.verify` and
    /// `jwt.verify` do not).
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
        prefilter: crate::rules::Prefilter::Tokens(&["verify", "ssl", "cert", "certs", "hostname", "reject", "rejectunauthorized", "strictssl", "checkserveridentity", "danger", "servercertverifier", "unverified", "tls", "verifymode", "sslverifymode", "hostverifier", "knownhosts", "hostkeypolicy", "autoaddpolicy"]),
        config: config,
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
                "known_hosts" => value_text == "None",
                // `verify=os.environ.get("CA_BUNDLE", False)`: off unless the variable is set.
                "verify" if env_default_false(checker, value) => true,
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
            if value_text != "False" && k == "verify" {
                "verify=False unless an environment variable is set".to_string()
            } else {
                format!("{k}={value_text}")
                    .replace("\"CERT_NONE\"", "CERT_NONE")
                    .replace("'CERT_NONE'", "CERT_NONE")
            }
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
                "hostVerifier" => returns_true(checker, value),
                _ => value_text == "false",
            };
            if !off {
                return;
            }
            if k == "checkServerIdentity" {
                "checkServerIdentity that accepts every host".to_string()
            } else if k == "hostVerifier" {
                "a hostVerifier that accepts every host key".to_string()
            } else {
                format!("{k}: false")
            }
        }
        ("call", _)
            if m.get("method")
                .is_some_and(|n| checker.text(n) == "tls_insecure_set") =>
        {
            "tls_insecure_set(True)".to_string()
        }
        ("call", _)
            if m.get("method")
                .is_some_and(|n| checker.text(n) == "set_missing_host_key_policy") =>
        {
            let policy = value_text.trim_end_matches("()");
            let policy = policy.rsplit('.').next().unwrap_or(policy);
            if !matches!(policy, "AutoAddPolicy" | "WarningPolicy") {
                return;
            }
            format!("set_missing_host_key_policy({policy})")
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
    let ssh = setting.contains("host_key")
        || setting.contains("hostVerifier")
        || setting.starts_with("known_hosts");
    let message = if ssh {
        format!("SSH host-key verification is disabled by `{setting}`")
    } else {
        format!("TLS certificate verification is disabled by `{setting}`")
    };
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

/// Whether a function value returns `true` whatever it is given (`() => true`,
/// `function () { return true; }`): a host-key verifier that accepts every key.
fn returns_true(checker: &Checker<'_>, value: Option<tree_sitter::Node<'_>>) -> bool {
    let Some(f) = value.filter(|v| {
        matches!(
            v.kind(),
            "arrow_function" | "function_expression" | "function"
        )
    }) else {
        return false;
    };
    let Some(body) = f.field("body") else {
        return false;
    };
    let text: String = checker.text(body).split_whitespace().collect();
    matches!(text.as_str(), "true" | "{returntrue;}" | "{returntrue}")
}

/// Words of a key (or the keys above it) that say a `verify` switch is about TLS.
const TLS_WORDS: &[&str] = &[
    "ssl",
    "tls",
    "https",
    "cert",
    "certs",
    "certificate",
    "certificates",
    "peer",
    "hostname",
    "host",
    "x509",
];

/// Whether a configuration entry turns certificate or host-name verification off:
/// `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `verify_ssl: false`,
/// `ssl: {verify: false}`, `strictSSL: false`, `check_hostname: false`,
/// `insecure_skip_verify: true`, `insecure-skip-tls-verify: true`, `skip_tls_verify: true`,
/// `tlsAllowInvalidCertificates: true`, `trustServerCertificate: true`,
/// `ssl_cert_reqs: none`, `verify_mode: none`, `PYTHONHTTPSVERIFY=0`,
/// `GIT_SSL_NO_VERIFY=true`.
pub(crate) fn config_disables_verification(e: &Entry<'_>) -> bool {
    let key = e.key_tokens();
    let path = e.path_tokens();
    let k = |ws: &[&str]| key.iter().any(|t| ws.contains(&t.as_str()));
    let p = |ws: &[&str]| path.iter().any(|t| ws.contains(&t.as_str()));
    let off = is_off(&e.text);
    let on = is_on(&e.text);
    let value = e.text.trim().to_ascii_lowercase();
    let none = matches!(
        value.as_str(),
        "none" | "cert_none" | "ssl.cert_none" | "verify_none" | "certnone"
    );
    (k(&["reject"]) && k(&["unauthorized"]) && off)
        || (k(&["strict"]) && k(&["ssl", "tls"]) && off)
        || (k(&["verify", "verification", "validate", "validation"])
            && (k(TLS_WORDS) || p(&["ssl", "tls", "https"]))
            && !k(&["mode", "reqs"])
            && off)
        || (k(&["check"]) && k(&["hostname", "cert", "certificate"]) && off)
        || (k(&["insecure"])
            && (k(&["tls", "ssl"]) || (k(&["skip"]) && k(&["verify"])) || p(&["tls", "ssl"]))
            && on)
        || (k(&["skip"])
            && k(&["verify", "verification", "validation"])
            && (k(TLS_WORDS) || k(&["insecure"]) || p(&["ssl", "tls", "https"]))
            && on)
        || (k(&["allow"])
            && k(&["invalid", "untrusted", "unverified", "insecure"])
            && k(&[
                "cert",
                "certs",
                "certificate",
                "certificates",
                "hostname",
                "hostnames",
            ])
            && on)
        || (k(&["trust"]) && k(&["server"]) && k(&["certificate", "cert"]) && on)
        || (((k(&["reqs"]) && k(&["cert"])) || (k(&["verify"]) && k(&["mode"]))) && none)
        || (e.last_key().eq_ignore_ascii_case("PYTHONHTTPSVERIFY") && off)
        || (k(&["no"]) && k(&["verify"]) && k(&["ssl", "tls"]) && on)
}

/// PHI302 in configuration files.
fn config<'a>(c: &mut ConfigChecker<'a>, e: &Entry<'a>) {
    if !config_disables_verification(e) {
        return;
    }
    let message = format!(
        "TLS certificate verification is disabled by `{}`",
        c.key_name(e)
    );
    c.report(e, message, Level::Error, Confidence::High);
}

/// `checkServerIdentity: () => undefined` and friends.
/// Whether a value reads the environment with `False` as its default:
/// `os.environ.get("PBM_CA_BUNDLE", False)`, `os.getenv("VERIFY_TLS", False)`.
fn env_default_false(checker: &Checker<'_>, value: Option<Node<'_>>) -> bool {
    let Some(value) = value.filter(|v| v.kind() == "call") else {
        return false;
    };
    let callee = value
        .field("function")
        .map(|f| checker.text(f))
        .unwrap_or("");
    if !matches!(
        callee,
        "os.environ.get" | "os.getenv" | "environ.get" | "getenv"
    ) {
        return false;
    }
    value
        .field("arguments")
        .and_then(|a| a.named_child(1))
        .is_some_and(|d| checker.text(d) == "False")
}

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
