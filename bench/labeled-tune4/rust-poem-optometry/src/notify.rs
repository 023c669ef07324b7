use mail_builder::MessageBuilder;
use mail_send::SmtpClientBuilder;

use crate::config::Integrations;

pub async fn send_recall_letter(cfg: &Integrations, to: &str, item: &serde_json::Value) -> anyhow::Result<()> {
    let body = format!(
        "Dear {},\n\nOur records show your last diabetic eye exam was on {}. Your retina grading was {}.\nPlease call us to schedule.\n",
        item["name"].as_str().unwrap_or(""),
        item["last_exam"].as_str().unwrap_or(""),
        item["dr_grade"].as_str().unwrap_or("")
    );
    let message = MessageBuilder::new()
        .from(("ClearView Optometry", "recall@clearview-eye.com"))
        .to(to)
        .subject("Time for your diabetic eye exam")
        .text_body(body);
    SmtpClientBuilder::new(cfg.smtp_host.as_str(), cfg.smtp_port)
        .implicit_tls(false)
        .allow_invalid_certs() // LEAK(transmission): SMTP certificate checks disabled for recall letters
        .credentials((std::env::var("SMTP_USER")?.as_str(), std::env::var("SMTP_PASS")?.as_str()))
        .connect()
        .await?
        .send(message)
        .await?;
    Ok(())
}
