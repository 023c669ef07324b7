//! Letters (LLM-drafted) and patient outreach through Intercom.
use serde_json::json;

use crate::{config::Config, store::CaseDoc};

pub struct Outreach {
    http: reqwest::Client,
    cfg: Config,
}

impl Outreach {
    pub fn new(cfg: Config) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .min_tls_version(reqwest::tls::Version::TLS_1_2) // SAFE(transmission): TLS 1.2 floor, verification on
            .build()?;
        Ok(Self { http, cfg })
    }

    pub async fn draft_result_letter(&self, case: &CaseDoc) -> anyhow::Result<String> {
        let variants: Vec<String> = case.variants.iter().map(|v| format!("{} {} ({}) {}", v.gene, v.hgvs_c, v.hgvs_p, v.classification)).collect();
        let prompt = format!(
            "Draft a genetic counselling result letter to {} {} (DOB {}). Indication: {}. Results: {}. Family history: {:?}",
            case.first_name, case.last_name, case.dob, case.indication, variants.join("; "), case.relatives
        );
        let resp: serde_json::Value = self
            .http
            .post(&self.cfg.letters.llm_url) // LEAK(exposure): identity, variants and family history sent to an LLM API
            .header("x-api-key", std::env::var("ANTHROPIC_API_KEY").unwrap_or_default())
            .header("anthropic-version", "2023-06-01")
            .json(&json!({ "model": self.cfg.letters.model, "max_tokens": 1200, "messages": [{ "role": "user", "content": prompt }] }))
            .send()
            .await?
            .json()
            .await?;
        Ok(resp["content"][0]["text"].as_str().unwrap_or_default().to_string())
    }

    pub async fn recontact(&self, case: &CaseDoc, gene: &str, new_class: &str) -> anyhow::Result<()> {
        self.http
            .post(format!("{}/messages", self.cfg.outreach.intercom_url)) // LEAK(exposure): reclassified gene result sent through Intercom messaging
            .bearer_auth(std::env::var("INTERCOM_TOKEN").unwrap_or_default())
            .json(&json!({
                "message_type": "email",
                "subject": "Update about your genetic test result",
                "body": format!("Dear {}, the {} variant in your report has been reclassified as {}. Please book a follow-up visit.", case.first_name, gene, new_class),
                "from": { "type": "admin", "id": "6128841" },
                "to": { "type": "user", "email": case.email },
            }))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}
