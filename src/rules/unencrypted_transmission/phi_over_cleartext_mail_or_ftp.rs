//! PHI304 phi-over-cleartext-mail-or-ftp.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::rules::unencrypted_storage::origin_text;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

use super::phi_in_payload;

declare_rule! {
    /// ## What it does
    /// Flags mail and file transfers over cleartext channels: Python `smtplib.SMTP(...)` used to
    /// `sendmail`/`send_message` without a `.starttls()` call on that connection, `ftplib.FTP`
    /// uploads (`storbinary`/`storlines`); nodemailer transports with `ignoreTLS: true`; lettre
    /// `SmtpTransport::builder_dangerous(...)` (no TLS) to a non-local host. With PHI in the
    /// message or file the finding is an error.
    ///
    /// ## Why is this bad?
    /// Plain SMTP and FTP send the message, the file and the login in cleartext to every hop on
    /// the way. PHI in appointment reminders, lab results or exports is disclosed to anyone who
    /// can watch the network (45 CFR 164.312(e)(1), (e)(2)(ii)).
    ///
    /// ## Example
    /// ```python
    /// server = smtplib.SMTP("mail.acme-health.com", 25)
    /// server.sendmail(sender, [patient.email], f"Your result: {result.diagnosis}")
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// server = smtplib.SMTP("mail.acme-health.com", 587)
    /// server.starttls(context=ssl.create_default_context())
    /// server.send_message(msg)
    /// ```
    ///
    /// ## Known limitations
    /// A `.starttls()` call in another function is not seen. Mail sent through framework helpers
    /// (Django `send_mail`, whose TLS comes from settings) is not covered.
    ///
    /// ## References
    /// - 45 CFR 164.312(e)(1) (transmission security), 164.312(e)(2)(ii) (encryption)
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    pub PHI_OVER_CLEARTEXT_MAIL_OR_FTP = "PHI304" {
        name: "phi-over-cleartext-mail-or-ftp",
        file: phi_over_cleartext_mail_or_ftp,
        category: UnencryptedTransmission,
        safeguards: [TransmissionSecurity, TransmissionEncryption],
        level: Error,
        confidence: Medium,
        cwe: [319],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Tokens(&["smtp", "smtplib", "ftp", "ftplib", "nodemailer", "ignoretls", "lettre", "dangerous", "sendmail"]),
    }
}

/// The function around `node`, or the file's root: from the flow layer's function table (a
/// walk up costs O(depth) per step in tree-sitter).
fn enclosing_function<'a>(checker: &Checker<'a>, node: Node<'a>) -> Node<'a> {
    checker
        .file
        .flow
        .enclosing_function(node)
        .unwrap_or_else(|| checker.file.tree.root_node())
}

fn is_local(text: &str) -> bool {
    text.contains("localhost") || text.contains("127.0.0.1")
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    match (sink.kind(), m.get("key")) {
        ("pair", Some(_)) => {
            if m.get("value").map(|v| checker.text(v)) != Some("true") {
                return;
            }
            let confidence = Confidence::High;
            let message = "a mail transport sends without TLS (`ignoreTLS: true`)".to_string();
            checker.report(sink, sink, message, Level::Warning, confidence);
        }
        ("call_expression", _) => {
            if let Some(args) = m.get("args") {
                if is_local(checker.text(args)) {
                    return;
                }
            }
            let confidence = Confidence::Medium;
            let message =
                "an SMTP transport is built without TLS by `builder_dangerous`".to_string();
            checker.report(sink, sink, message, Level::Warning, confidence);
        }
        _ => python(checker, m, sink),
    }
}

fn python<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let (Some(receiver), Some(method), Some(args)) =
        (m.get("receiver"), m.get("method"), m.get("args"))
    else {
        return;
    };
    let origin = origin_text(checker, receiver);
    let recv = checker.text(receiver);
    let method = checker.text(method);
    let channel = if matches!(method, "sendmail" | "send_message") {
        if !origin.contains("SMTP(") || origin.contains("SMTP_SSL(") {
            return;
        }
        let func = checker.text(enclosing_function(checker, sink));
        if func.contains(&format!("{recv}.starttls(")) {
            return;
        }
        "SMTP without STARTTLS"
    } else {
        if !origin.contains("FTP(") || origin.contains("FTP_TLS(") {
            return;
        }
        "plain FTP"
    };
    if is_local(origin) {
        return;
    }
    let callee = sink.field("function").unwrap_or(sink);
    let name = checker.sink_name(callee);
    match phi_in_payload(checker, args) {
        Some(ev) => {
            let message = format!("{} is sent by `{name}` over {channel}", ev.describe());
            let confidence = Confidence::from_score(ev.class.score);
            checker.report(ev.node, sink, message, Level::Error, confidence);
        }
        None => {
            let message = format!("`{name}` sends over {channel}; the content is unencrypted");
            let confidence = Confidence::Medium;
            checker.report(sink, sink, message, Level::Warning, confidence);
        }
    }
}
