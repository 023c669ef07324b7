//! PHI305 database-tls-disabled.

use crate::tree::NodeExt;
use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::rules::{Confidence, Level};

use super::classify_host;
use super::literal_prefix;
use super::tls_verification_disabled::is_db_callee;

declare_rule! {
    /// ## What it does
    /// Flags database connections configured with TLS turned off: connection strings with
    /// `sslmode=disable`, `ssl=false`, `useSSL=false`, `ssl-mode=DISABLED` or `tls=false`
    /// (Postgres, MySQL, MongoDB URLs and libpq key-value strings), Python
    /// `psycopg.connect(sslmode="disable")`, `asyncpg.connect(ssl=False)`,
    /// `ssl_disabled=True`; JavaScript `new Pool({ ssl: false })`, `createConnection({ ssl:
    /// false })`; Rust sqlx `PgSslMode::Disable` and `MySqlSslMode::Disabled`. Connections to
    /// `localhost` or loopback addresses are not reported.
    ///
    /// ## Why is this bad?
    /// The database is where PHI lives; with TLS off every query result crosses the network in
    /// cleartext, along with the database password. Cloud networks, sidecars and shared VPCs
    /// are not a substitute for transmission security (45 CFR 164.312(e)(1), (e)(2)(ii)).
    ///
    /// ## Example
    /// ```python
    /// conn = psycopg.connect("host=db.acme-health.com dbname=ehr sslmode=disable")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// conn = psycopg.connect("host=db.acme-health.com dbname=ehr sslmode=verify-full")
    /// ```
    ///
    /// ## Known limitations
    /// The libpq default `sslmode=prefer` (encrypts without verifying) and settings read from
    /// the environment are not reported.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.312(e)(2)(ii) (encryption)
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    pub DATABASE_TLS_DISABLED = "PHI305" {
        name: "database-tls-disabled",
        file: database_tls_disabled,
        category: UnencryptedTransmission,
        safeguards: [TransmissionSecurity, TransmissionEncryption],
        level: Warning,
        confidence: Medium,
        cwe: [319],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["ssl", "sslmode", "usessl", "pgsslmode", "mysqlsslmode", "tls"]),
    }
}

const OFF_PARAMS: &[&str] = &[
    "sslmode=disable",
    "ssl=false",
    "usessl=false",
    "ssl-mode=disabled",
    "sslmode=disabled",
    "ssl_mode=disabled",
    "tls=false",
    "requiressl=false",
    "encrypt=false",
];

const DB_SCHEMES: &[&str] = &[
    "postgres://",
    "postgresql://",
    "mysql://",
    "mariadb://",
    "mongodb://",
    "mongodb+srv://",
    "jdbc:",
];

/// Whether a connection string's host is local (never reported).
fn local_host(conn: &str) -> bool {
    let lower = conn.to_ascii_lowercase();
    let host = if let Some(i) = lower.find("://") {
        let rest = &lower[i + 3..];
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        authority.split([':', ',']).next().unwrap_or("").to_string()
    } else if let Some(i) = lower.find("host=") {
        lower[i + 5..]
            .split([' ', ';', '&'])
            .next()
            .unwrap_or("")
            .to_string()
    } else {
        String::new()
    };
    !host.is_empty() && classify_host(&host).is_none()
}

/// Whether the call around `node` mentions a local host (`host="localhost"`).
fn call_is_local<'a>(checker: &Checker<'a>, node: Node<'a>) -> bool {
    let mut cur = node.up();
    for _ in 0..4 {
        let Some(n) = cur else { break };
        if matches!(n.kind(), "argument_list" | "arguments" | "object") {
            let text = checker.text(n);
            return text.contains("localhost") || text.contains("127.0.0.1");
        }
        cur = n.up();
    }
    false
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(value) = m.get("value") else {
        return;
    };
    // A connection string is captured as `@value` alone: the same bare-literal pattern as the
    // hard-coded identifier rules', so the query cursor yields it once for all of them.
    let sink = m.get("sink").unwrap_or(value);
    let key = m
        .get("key")
        .map(|k| checker.text(k).trim_matches(['"', '\'']));
    let value_text = checker.text(value);
    let setting: String = match (sink.kind(), key) {
        ("keyword_argument" | "pair", Some(k)) => {
            let v = value_text.trim_matches(['"', '\'']).to_ascii_lowercase();
            let off = match k {
                "sslmode" | "ssl_mode" | "sslMode" => matches!(v.as_str(), "disable" | "disabled"),
                "ssl" | "tls" => v == "false",
                "ssl_disabled" => v == "true",
                _ => false,
            };
            if !off || call_is_local(checker, sink) {
                return;
            }
            if matches!(k, "ssl" | "tls") && !is_db_callee(super::enclosing_callee(checker, sink)) {
                return;
            }
            format!(
                "{k}={}",
                if v == "disabled" {
                    "disabled"
                } else {
                    v.as_str()
                }
            )
        }
        ("scoped_identifier", Some(k)) => {
            let last = k.rsplit("::").next().unwrap_or(k);
            if !matches!(
                (last, value_text),
                ("PgSslMode", "Disable") | ("MySqlSslMode", "Disabled")
            ) {
                return;
            }
            if call_is_local(checker, sink) {
                return;
            }
            format!("{last}::{value_text}")
        }
        _ => {
            // A connection string literal.
            let Some(text) = literal_prefix(checker, value)
                .or_else(|| (value.kind() == "string_literal").then(|| checker.text(value)))
            else {
                return;
            };
            let full = checker.text(value);
            let lower = full.to_ascii_lowercase();
            let Some(param) = OFF_PARAMS.iter().find(|p| lower.contains(*p)) else {
                return;
            };
            let looks_like_db = DB_SCHEMES
                .iter()
                .any(|s| text.to_ascii_lowercase().starts_with(s))
                || (lower.contains("dbname=")
                    || lower.contains("host=") && lower.contains("user="));
            if !looks_like_db || local_host(full) {
                return;
            }
            param.to_string()
        }
    };
    let message = format!("a database connection turns TLS off with `{setting}`");
    let confidence = Confidence::Medium;
    checker.report(value, sink, message, Level::Warning, confidence);
}
