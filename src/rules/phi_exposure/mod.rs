//! phi-exposure: PHI in URLs, error bodies, debug pages and third-party SDKs
//! (45 CFR 164.502(b) minimum necessary, 164.502(e) business associates, 164.312(e)(1)
//! transmission security).
//!
//! URL and vendor rules ask the shared data-flow layer about every value and classify the
//! names that key them (`?ssn=`, `{ mrn: ... }`, `/patients/<ssn>`) with the shared
//! vocabulary; debug and error-body rules are about configuration and report at fixed levels.

pub mod debug_mode_enabled;
pub mod error_details_in_response;
pub mod phi_in_url;
pub mod phi_record_overshared;
pub mod phi_sent_to_third_party;
pub(crate) mod vendors;

use tree_sitter::Node;

use crate::engine::Checker;
use crate::flow::Evidence;

/// Evidence for a bare name (a URL parameter, a query-string key) classified by the shared
/// vocabulary.
pub(crate) fn name_evidence<'a>(
    checker: &Checker<'a>,
    name: &str,
    node: Node<'a>,
) -> Option<Evidence<'a>> {
    let class = checker.file.flow.vocab().classify_name(name)?;
    Some(Evidence {
        also: Vec::new(),
        class,
        // The name may be a string key from the scanned code (`request.args["ssn 123-45-6789"]`):
        // shown as messages show keys, never verbatim.
        name: crate::flow::display_name(&[name]),
        via: None,
        node,
    })
}

/// Whether evidence is a direct identifier strong enough for a URL (Safe Harbor S or M terms;
/// internal surrogate ids and health context alone are not).
pub(crate) fn is_url_identifier(e: &Evidence<'_>) -> bool {
    e.class.kind.is_identifier() && e.class.score >= 0.5 && !is_constant_name(&e.name)
}

/// A SCREAMING_CASE name (`TWILIO_PHONE_NUMBER`, `CLINIC_EMAIL`) is configuration of the
/// organisation, not a patient's value.
pub(crate) fn is_constant_name(name: &str) -> bool {
    let last = name.rsplit(['.', ':']).next().unwrap_or(name);
    last.len() > 1
        && last.bytes().any(|b| b.is_ascii_uppercase())
        && last
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The parameter names in a route path: `<ssn>`, `<str:mrn>`, `{dob}`, `{dob:int}`, `:ssn`,
/// `(?P<ssn>...)`.
pub(crate) fn route_params(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let close = match c {
            b'<' => Some(b'>'),
            b'{' => Some(b'}'),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(len) = path[i + 1..].bytes().position(|b| b == close) {
                let inner = &path[i + 1..i + 1 + len];
                // `<str:mrn>` (Flask/Django converter first), `{dob:int}` (converter last)
                let name = if c == b'<' {
                    inner.rsplit(':').next().unwrap_or(inner)
                } else {
                    inner.split(':').next().unwrap_or(inner)
                };
                let name = name.trim_start_matches('*').trim();
                if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    out.push(name);
                }
                i += len + 2;
                continue;
            }
        }
        if c == b':' && (i == 0 || bytes[i - 1] == b'/') {
            let rest = &path[i + 1..];
            let len = rest
                .bytes()
                .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
                .unwrap_or(rest.len());
            if len > 0 {
                out.push(&rest[..len]);
            }
            i += len + 1;
            continue;
        }
        if c == b'?' && path[i..].starts_with("?P<") {
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::route_params;

    #[test]
    fn parses_route_params() {
        assert_eq!(route_params("/patients/<ssn>"), vec!["ssn"]);
        assert_eq!(route_params("p/<str:mrn>/"), vec!["mrn"]);
        assert_eq!(route_params("/lookup/{dob}/{id:int}"), vec!["dob", "id"]);
        assert_eq!(
            route_params("/patients/:ssn/visits/:visitId"),
            vec!["ssn", "visitId"]
        );
        assert_eq!(route_params("^p/(?P<mrn>[0-9]+)/$"), vec!["mrn"]);
        assert_eq!(route_params("/files/{*path}"), vec!["path"]);
    }
}

#[cfg(test)]
mod no_echo_tests {
    use std::path::PathBuf;

    use crate::discover::SourceFile;
    use crate::engine::{Engine, FileResult, Worker};
    use crate::lang::Language;
    use crate::settings::{Overrides, Settings};

    /// Fake identifiers placed where the weak-crypto and phi-exposure rules report.
    const FAKES: &[&str] = &[
        "000-00-0000",
        "MRN00000001",
        "1900-01-01",
        "jane.fake@example.test",
        "555-0100",
        "not-a-real-key-0000",
    ];

    const PYTHON: &str = r#"
import hashlib, hmac, jwt, requests
from cryptography.fernet import Fernet
from flask import jsonify

def leak(patient, ssn, token):
    hashlib.md5(ssn.encode() + b"000-00-0000").hexdigest()
    hmac.new(b"not-a-real-key-0000", patient.mrn.encode(), hashlib.sha256)
    Fernet(b"not-a-real-key-0000")
    AESGCM(b"not-a-real-key-0000").encrypt(b"MRN00000001", patient.ssn.encode(), None)
    requests.get(f"/search?ssn={ssn}&mrn=MRN00000001&dob=1900-01-01")
    requests.get("/search", params={"email": patient.email, "x": "jane.fake@example.test"})
    Mixpanel("not-a-real-key-0000").track(patient.mrn, "x", {})
    analytics.track(patient.mrn, "555-0100", {"phone": patient.phone, "ssn": "000-00-0000"})
    jwt.decode(token, "not-a-real-key-0000", algorithms=["none"])
    try:
        save(patient)
    except Exception as e:
        return jsonify({"error": str(e), "hint": "000-00-0000"})
"#;

    const JS: &str = r#"
const crypto = require("crypto");
function leak(patient, res) {
  crypto.createHash("md5").update(patient.ssn + "000-00-0000");
  crypto.createCipheriv("aes-256-gcm", "not-a-real-key-0000", Buffer.from("MRN00000001"));
  fetch(`/search?ssn=${patient.ssn}&dob=1900-01-01`);
  analytics.identify(patient.mrn, { email: patient.email, tag: "jane.fake@example.test" });
  try { save(patient); } catch (err) { res.status(500).send(err.message + "555-0100"); }
}
"#;

    fn messages(lang: Language, name: &str, source: &str) -> Vec<String> {
        let overrides = Overrides {
            select: vec!["weak-crypto".into(), "phi-exposure".into()],
            isolated: true,
            snippets: true,
            ..Default::default()
        };
        let settings = Settings::resolve(None, &overrides, &[]).expect("settings resolve");
        let engine = Engine::new(&settings);
        let file = SourceFile {
            rel: name.into(),
            path: PathBuf::from(name),
            kind: lang.into(),
        };
        let mut result = FileResult::default();
        engine.analyze_bytes(
            &mut Worker::default(),
            &file,
            source.as_bytes(),
            &mut result,
        );
        result
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.message, d.snippet.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn findings_never_echo_fake_identifiers() {
        for (lang, name, source) in [
            (Language::Python, "app.py", PYTHON),
            (Language::JavaScript, "app.js", JS),
        ] {
            let out = messages(lang, name, source);
            assert!(out.len() >= 5, "{name}: expected findings, got {out:#?}");
            for line in &out {
                for fake in FAKES {
                    assert!(!line.contains(fake), "{name}: `{fake}` echoed in {line}");
                }
            }
        }
    }
}
