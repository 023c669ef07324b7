use lettre::message::header::ContentType;
use lettre::{Message, SmtpTransport, Transport};
use log::error;

use crate::config::Settings;

pub fn page_referrer_critical(cfg: &Settings, to: &str, patient_name: &str, impression: &str) -> anyhow::Result<()> {
    let email = Message::builder()
        .from("criticals@lakeshore-imaging.com".parse()?)
        .to(to.parse()?)
        .subject("CRITICAL RESULT - call the reading room")
        .header(ContentType::TEXT_PLAIN)
        .body(format!("Patient: {patient_name}\nImpression: {impression}\nCall 555-0142 to acknowledge."))?;
    let mailer = SmtpTransport::builder_dangerous(&cfg.smtp.host).port(cfg.smtp.port).build(); // LEAK(transmission): critical result with patient name sent over SMTP without TLS
    if let Err(e) = mailer.send(&email) {
        error!("critical-result email to {to} failed: {e}"); // SAFE(logging): referring physician's address (workforce) and the SMTP error
        return Err(e.into());
    }
    Ok(())
}

pub fn send_shift_summary(cfg: &Settings, to: &str, read: usize, pending: usize) -> anyhow::Result<()> {
    let email = Message::builder()
        .from("readroom@lakeshore-imaging.com".parse()?)
        .to(to.parse()?)
        .subject("Shift summary")
        .body(format!("Read: {read}\nPending: {pending}"))?;
    let mailer = SmtpTransport::relay(&cfg.smtp.host)?.build(); // SAFE(transmission): relay() requires TLS
    mailer.send(&email)?;
    Ok(())
}
