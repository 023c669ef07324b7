//! PHI305 database-tls-disabled.

use crate::tree::NodeExt;
use tree_sitter::Node;

use crate::config_files::{is_off, is_templated, ConfigChecker, Entry, ScalarKind};
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
    /// `ssl_disabled=True`, a MinIO client with `secure=False`; JavaScript `new Pool({ ssl:
    /// false })`, `createConnection({ ssl: false })`; Rust sqlx `PgSslMode::Disable` and
    /// `MySqlSslMode::Disabled`, tokio-postgres and deadpool-postgres `NoTls`. Connections to
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
    /// ## Configuration files
    /// In `*.json`, `*.json5`, `*.yaml`/`*.yml`, `*.toml` and `.env` files: a connection string
    /// under any key with one of the parameters above (`DATABASE_URL=postgres://...?sslmode=disable`),
    /// and a TLS switch turned off in a database block (`database: {ssl: false}`, Sequelize
    /// `dialectOptions: {ssl: false}`, `DB_SSL=false`, `PGSSLMODE=disable`,
    /// `ssl_mode: DISABLED`), and a cache, broker or document store reached in its cleartext
    /// scheme (`REDIS_URL=redis://cache01.clinic-prod.net:6379`, `amqp://...`, `mongodb://...`
    /// without `tls=true`; `rediss://`, `amqps://` and `mongodb+srv://` use TLS). A local host in the string or beside the switch
    /// (`host: localhost`, `DB_HOST=127.0.0.1`) is not reported; single-label hosts (compose
    /// and Kubernetes service names) and hosts filled in at deploy time are low confidence, and
    /// so is everything in `docker-compose.yml`, CI workflows and development environments.
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
        prefilter: crate::rules::Prefilter::Tokens(&["ssl", "sslmode", "usessl", "pgsslmode", "mysqlsslmode", "tls", "minio"]),
        config: config,
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
    conn_host(conn).is_some_and(|host| classify_host(&host).is_none())
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
                // MinIO's client: object storage of scans and recordings, over http.
                "secure" => {
                    v == "false"
                        && super::enclosing_callee(checker, sink)
                            .rsplit('.')
                            .next()
                            .is_some_and(|c| c == "Minio")
                }
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
        // tokio-postgres / deadpool-postgres: the `NoTls` connector.
        ("call_expression", None) if value_text == "NoTls" => {
            if call_is_local(checker, value) {
                return;
            }
            "NoTls".to_string()
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
    let message = if setting == "secure=false" {
        "a MinIO object-storage client turns TLS off with `secure=False`".to_string()
    } else {
        format!("a database connection turns TLS off with `{setting}`")
    };
    let confidence = Confidence::Medium;
    checker.report(value, sink, message, Level::Warning, confidence);
}

/// Words of a key path that say the block configures a database or data-store client.
const DB_WORDS: &[&str] = &[
    "db",
    "database",
    "databases",
    "postgres",
    "postgresql",
    "pg",
    "psql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "sequelize",
    "typeorm",
    "knex",
    "prisma",
    "datasource",
    "datasources",
    "sql",
    "rds",
    "dialect",
    "mssql",
    "sqlserver",
    "cockroach",
    "pgsslmode",
    "dbssl",
    "elasticsearch",
    "cassandra",
];

/// The host of a connection string or URL (`None` when there is none to read).
fn conn_host(conn: &str) -> Option<String> {
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
        return None;
    };
    (!host.is_empty()).then_some(host)
}

/// Schemes of data stores and brokers whose plain form has no TLS, what they reach, and the
/// scheme with TLS.
const CLEARTEXT_STORE_SCHEMES: &[(&str, &str, &str)] = &[
    ("redis://", "Redis", "rediss://"),
    ("amqp://", "message broker", "amqps://"),
    ("mongodb://", "MongoDB", "`tls=true`"),
];

/// A connection string of a cache, broker or document store in its cleartext scheme
/// (`REDIS_URL=redis://cache01.clinic-prod.net:6379`, `amqp://mq.payer-ops.net/claims`,
/// `mongodb://db.clinic.net/ehr` without `tls=true`) to a host that is not local: queue
/// payloads, cached records and documents cross the network in cleartext. Reported as the
/// database switches are (single-label and private hosts low); returns whether it was one.
fn cleartext_store_url<'a>(c: &mut ConfigChecker<'a>, e: &Entry<'a>) -> bool {
    let lower = e.text.trim().to_ascii_lowercase();
    let Some((scheme, what, secure)) = CLEARTEXT_STORE_SCHEMES
        .iter()
        .find(|(s, _, _)| lower.starts_with(s))
    else {
        return false;
    };
    if *scheme == "mongodb://" && (lower.contains("tls=true") || lower.contains("ssl=true")) {
        return true;
    }
    // `?tls=false` is reported by the parameter that turns TLS off.
    if OFF_PARAMS.iter().any(|p| lower.contains(p)) {
        return false;
    }
    let host = conn_host(&lower);
    let Some(confidence) = host_confidence(host.as_deref()) else {
        return true;
    };
    let message = format!(
        "a {what} connection uses the cleartext `{scheme}` scheme in `{}`; use {}",
        c.key_name(e),
        if secure.starts_with('`') {
            secure.to_string()
        } else {
            format!("`{secure}`")
        }
    );
    c.report(e, message, Level::Warning, confidence);
    true
}

/// How sure a configuration finding is, from the database host: a named remote host keeps the
/// rule's confidence; single-label names (compose and Kubernetes services), private addresses
/// and hosts filled in at deploy time are low confidence; local hosts are not reported.
fn host_confidence(host: Option<&str>) -> Option<Confidence> {
    match host {
        Some(h) if is_templated(h) => Some(Confidence::Low),
        Some(h) => match classify_host(h)? {
            super::Host::Remote => Some(Confidence::Medium),
            _ => Some(Confidence::Low),
        },
        None => Some(Confidence::Medium),
    }
}

/// PHI305 in configuration files: a connection string with TLS turned off
/// (`DATABASE_URL=postgres://...?sslmode=disable`), or a TLS switch turned off in a database
/// block (`database: {ssl: false}`, `DB_SSL=false`, `PGSSLMODE=disable`). A sibling host key
/// (`DB_HOST=localhost`, `host: 127.0.0.1`) that is local clears the switch.
fn config<'a>(c: &mut ConfigChecker<'a>, e: &Entry<'a>) {
    if e.kind == ScalarKind::String && cleartext_store_url(c, e) {
        return;
    }
    if e.kind == ScalarKind::String {
        let lower = e.text.to_ascii_lowercase();
        // The longest parameter that matches (`usessl=false`, not the `ssl=false` inside it).
        let param = OFF_PARAMS
            .iter()
            .filter(|p| lower.contains(*p))
            .max_by_key(|p| p.len());
        if let Some(param) = param {
            let looks_like_db = DB_SCHEMES.iter().any(|s| lower.starts_with(s))
                || lower.contains("dbname=")
                || (lower.contains("host=") && lower.contains("user="));
            if looks_like_db {
                let host = conn_host(&e.text);
                let Some(confidence) = host_confidence(host.as_deref()) else {
                    return;
                };
                let message = format!(
                    "a database connection turns TLS off with `{param}` in `{}`",
                    c.key_name(e)
                );
                c.report(e, message, Level::Warning, confidence);
                return;
            }
        }
    }
    let key = e.key_tokens();
    let path = e.path_tokens();
    let k = |ws: &[&str]| key.iter().any(|t| ws.contains(&t.as_str()));
    let switch = k(&[
        "ssl",
        "tls",
        "sslmode",
        "usessl",
        "requiressl",
        "encrypt",
        "pgsslmode",
    ]);
    let other = k(&[
        "verify",
        "reject",
        "unauthorized",
        "cert",
        "ca",
        "key",
        "path",
        "file",
        "dir",
        "version",
        "protocol",
        "ciphers",
        "port",
        "root",
        "crl",
        "password",
        "passphrase",
        "min",
        "max",
    ]);
    if !switch || other || !path.iter().any(|t| DB_WORDS.contains(&t.as_str())) {
        return;
    }
    let mode = k(&["mode", "sslmode", "pgsslmode"]);
    let value = e.text.trim().to_ascii_lowercase();
    let off = if mode {
        matches!(value.as_str(), "disable" | "disabled")
    } else {
        is_off(&value)
    };
    if !off {
        return;
    }
    // A host beside the switch (a database host first, in a dotenv file where every key is a
    // sibling): local hosts need no TLS.
    let mut hosts: Vec<(bool, String)> = c
        .siblings(e)
        .filter_map(|s| {
            let t = s.key_tokens();
            let hostish = t.iter().any(|t| {
                matches!(
                    t.as_str(),
                    "host" | "hostname" | "server" | "address" | "url" | "uri"
                )
            }) && !t.iter().any(|t| matches!(t.as_str(), "port" | "user"));
            let h = conn_host(&s.text).unwrap_or_else(|| s.text.trim().to_ascii_lowercase());
            (hostish && !h.is_empty()).then(|| {
                (
                    !s.path_tokens()
                        .iter()
                        .any(|t| DB_WORDS.contains(&t.as_str())),
                    h,
                )
            })
        })
        .collect();
    hosts.sort();
    let host = hosts.into_iter().next().map(|(_, h)| h);
    let Some(confidence) = host_confidence(host.as_deref()) else {
        return;
    };
    let message = format!(
        "a database connection turns TLS off with `{}`",
        c.key_name(e)
    );
    c.report(e, message, Level::Warning, confidence);
}
