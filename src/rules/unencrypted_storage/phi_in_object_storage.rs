//! PHI204 phi-in-object-storage.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{self, Evidence};
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::{keyword, last_tokens, origin_text, positional, stored};

declare_rule! {
    /// ## What it does
    /// Flags PHI uploaded to Amazon S3 without an explicit server-side encryption setting:
    /// boto3 `put_object(Body=...)`, `upload_file`, `upload_fileobj`, `Object(...).put(...)`,
    /// AWS SDK for JavaScript v3 `new PutObjectCommand({ Body })` and `new Upload({ params })`,
    /// and v2 `s3.putObject({ Body })` / `s3.upload({ Body })`. The object key counts too: a key
    /// built from an identifier (`f"{patient.ssn}.pdf"`) is visible to anyone who can list the
    /// bucket.
    ///
    /// ## Why is this bad?
    /// Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3) by default,
    /// so this is a note, not an error: the finding asks you to state the encryption you rely on.
    /// Policies for PHI usually require customer-managed KMS keys (`aws:kms`), which give key
    /// access control and an audit trail of every decryption, and an explicit setting survives a
    /// bucket being recreated or copied to another provider (45 CFR 164.312(a)(2)(iv)).
    ///
    /// ## Example
    /// ```python
    /// s3.put_object(Bucket="records", Key=key, Body=json.dumps(patient_record))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// s3.put_object(Bucket="records", Key=key, Body=payload,
    ///               ServerSideEncryption="aws:kms", SSEKMSKeyId=kms_key_arn)
    /// ```
    ///
    /// ## Known limitations
    /// Bucket default-encryption policies set outside the code are not seen; suppress with a
    /// reason when the bucket enforces KMS.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption)
    /// - CWE-311: Missing Encryption of Sensitive Data
    pub PHI_IN_OBJECT_STORAGE = "PHI204" {
        name: "phi-in-object-storage",
        file: phi_in_object_storage,
        category: UnencryptedStorage,
        safeguards: [EncryptionAtRest],
        level: Note,
        confidence: Medium,
        cwe: [311],
        queries: [python, ecma],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

const SSE_KEYS: &[&str] = &[
    "ServerSideEncryption",
    "SSEKMSKeyId",
    "SSECustomerKey",
    "SSECustomerAlgorithm",
];

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    let evidence = if checker.file.lang.family() == crate::lang::Family::Python {
        python(checker, m)
    } else {
        ecma(checker, m)
    };
    let Some(evidence) = evidence else { return };
    let callee = m
        .get("callee")
        .or_else(|| sink.field("function"))
        .unwrap_or(sink);
    let name = checker.sink_name(callee);
    let message = format!(
        "{} is uploaded by `{name}` without an explicit server-side encryption setting",
        evidence.describe()
    );
    // Test code is demoted centrally, in `Checker::report`.
    let score = evidence.class.score;
    checker.report(
        evidence.node,
        sink,
        message,
        Level::Note,
        Confidence::from_score(score),
    );
}

fn python<'a>(checker: &Checker<'a>, m: &Match<'a>) -> Option<Evidence<'a>> {
    let (receiver, method, args) = (m.get("receiver")?, m.get("method")?, m.get("args")?);
    let has_sse = |args: Node<'a>| {
        SSE_KEYS.iter().any(|k| keyword(checker, args, k).is_some())
            || keyword(checker, args, "ExtraArgs")
                .is_some_and(|e| SSE_KEYS.iter().any(|k| checker.text(e).contains(k)))
    };
    if has_sse(args) {
        return None;
    }
    match checker.text(method) {
        "put_object" => flow::max(
            keyword(checker, args, "Body").and_then(|b| stored(checker, b)),
            keyword(checker, args, "Key").and_then(|k| stored(checker, k)),
        ),
        "put" => {
            let origin = origin_text(checker, receiver);
            if !(origin.contains("Object(") || checker.text(receiver).contains("Object(")) {
                return None;
            }
            keyword(checker, args, "Body").and_then(|b| stored(checker, b))
        }
        "upload_file" | "upload_fileobj" => {
            let tokens = last_tokens(checker.text(receiver));
            let origin = origin_text(checker, receiver);
            if !(tokens.iter().any(|t| t == "s3" || t == "bucket")
                || origin.contains("s3")
                || origin.contains("Bucket("))
            {
                return None;
            }
            let body = positional(args, 0)
                .or_else(|| keyword(checker, args, "Fileobj"))
                .or_else(|| keyword(checker, args, "Filename"));
            let key = positional(args, 2).or_else(|| keyword(checker, args, "Key"));
            flow::max(
                body.and_then(|b| stored(checker, b)),
                key.and_then(|k| stored(checker, k)),
            )
        }
        _ => None,
    }
}

/// The value of an object-literal property.
fn property<'a>(checker: &Checker<'a>, object: Node<'a>, name: &str) -> Option<Node<'a>> {
    let mut cursor = object.walk();
    let found = object
        .named_children(&mut cursor)
        .find_map(|p| match p.kind() {
            "pair" => {
                let key = p.field("key")?;
                let text = checker.text(key).trim_matches(['"', '\'']);
                (text == name).then(|| p.field("value")).flatten()
            }
            "shorthand_property_identifier" => (checker.text(p) == name).then_some(p),
            _ => None,
        });
    found
}

fn ecma<'a>(checker: &Checker<'a>, m: &Match<'a>) -> Option<Evidence<'a>> {
    let mut object = m.get("value")?;
    if let Some(callee) = m.get("callee") {
        if checker.text(callee) == "Upload" {
            object = property(checker, object, "params").filter(|p| p.kind() == "object")?;
        }
    } else {
        let receiver = m.get("receiver")?;
        let method = checker.text(m.get("method")?);
        let tokens = last_tokens(checker.text(receiver));
        let s3 = tokens.iter().any(|t| t == "s3") || origin_text(checker, receiver).contains("S3");
        if !(s3 || method == "putObject") {
            return None;
        }
    }
    if SSE_KEYS
        .iter()
        .any(|k| property(checker, object, k).is_some())
    {
        return None;
    }
    flow::max(
        property(checker, object, "Body").and_then(|b| stored(checker, b)),
        property(checker, object, "Key").and_then(|k| stored(checker, k)),
    )
}
