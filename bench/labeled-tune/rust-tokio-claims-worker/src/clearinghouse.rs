use std::time::Duration;

use chrono::NaiveDate;
use reqwest::tls::Version;
use serde::Deserialize;

use crate::config;
use crate::model::{Claim, Member};

#[derive(Debug, Deserialize)]
pub struct Eligibility {
    pub active: bool,
    pub plan_code: String,
    pub copay_cents: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct SubmitAck {
    pub tracking_id: String,
    pub status: String,
}

pub struct Clearinghouse {
    http: reqwest::Client,
    cfg: config::Clearinghouse,
    api_key: String,
}

impl Clearinghouse {
    pub fn new(cfg: config::Clearinghouse) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(cfg.timeout_secs))
            .min_tls_version(Version::TLS_1_0) // LEAK(transmission): allows TLS 1.0/1.1 to the clearinghouse
            .build()?;
        Ok(Self { http, cfg, api_key: std::env::var("CLEARINGHOUSE_API_KEY").unwrap_or_default() })
    }

    pub async fn submit_837(&self, claim: &Claim) -> anyhow::Result<SubmitAck> {
        let resp = self
            .http
            .post(format!("{}/claims/837", self.cfg.base_url))
            .header("X-Submitter", &self.cfg.submitter_id)
            .bearer_auth(&self.api_key)
            .body(claim.raw_837.clone())
            .send()
            .await?
            .error_for_status()?;
        Ok(resp.json().await?)
    }

    pub async fn eligibility(&self, member: &Member, service_date: NaiveDate) -> anyhow::Result<Eligibility> {
        let url = format!(
            "{}/eligibility?member_id={}&last_name={}&dob={}&dos={}", // LEAK(exposure): member id, name and DOB in the request URL
            self.cfg.base_url, member.member_id, member.last_name, member.dob, service_date
        );
        let resp = self.http.get(url).bearer_auth(&self.api_key).send().await?;
        if !resp.status().is_success() {
            anyhow::bail!("eligibility lookup failed for {} {} (dob {}): {}", member.first_name, member.last_name, member.dob, resp.status()); // LEAK(logging): identifiers in error text that ends up in logs
        }
        Ok(resp.json().await?)
    }
}
