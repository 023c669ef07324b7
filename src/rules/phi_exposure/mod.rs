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
pub mod phi_sent_to_third_party;

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
        class,
        name: name.to_string(),
        via: None,
        node,
    })
}

/// Whether evidence is a direct identifier strong enough for a URL (Safe Harbor S or M terms;
/// internal surrogate ids and health context alone are not).
pub(crate) fn is_url_identifier(e: &Evidence<'_>) -> bool {
    e.class.kind.is_identifier() && e.class.score >= 0.5
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
