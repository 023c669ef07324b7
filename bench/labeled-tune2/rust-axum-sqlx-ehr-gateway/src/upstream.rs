use std::time::Duration;

use anyhow::bail;
use reqwest::Client;
use serde_json::Value;

use crate::settings::Settings;

pub struct EhrClient {
    http: Client,
    partner: Client,
    base: String,
    partner_hook: String,
}

impl EhrClient {
    pub fn new(s: &Settings) -> anyhow::Result<Self> {
        let http = Client::builder().timeout(Duration::from_secs(20)).build()?;
        let partner = Client::builder()
            .danger_accept_invalid_certs(true) // LEAK(transmission): partner webhook certificate never verified
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self { http, partner, base: s.upstream_url.trim_end_matches('/').to_string(), partner_hook: s.partner_webhook_url.clone() })
    }

    pub async fn patient(&self, ehr_id: &str) -> anyhow::Result<Value> {
        let resp = self.http.get(format!("{}/Patient/{}", self.base, ehr_id)).send().await?;
        if !resp.status().is_success() {
            bail!("upstream returned {} for Patient/{}", resp.status(), ehr_id);
        }
        Ok(resp.json().await?)
    }

    pub async fn search(&self, family: &str, birthdate: &str) -> anyhow::Result<Value> {
        let resp = self.http.get(format!("{}/Patient", self.base)).query(&[("family", family), ("birthdate", birthdate)]).send().await?; // LEAK(exposure): name and birth date in the upstream query string
        if !resp.status().is_success() {
            bail!("upstream search failed for {family} born {birthdate}: {}", resp.status()); // LEAK(logging): identifiers in the error text
        }
        Ok(resp.json().await?)
    }

    pub async fn search_by_identifier(&self, mrn: &str) -> anyhow::Result<Value> {
        let identifier = format!("urn:oid:2.16.840.1.113883.3.4417|{mrn}");
        let resp = self.http.get(format!("{}/Patient", self.base)).query(&[("identifier", identifier.as_str())]).send().await?; // LEAK(exposure): MRN in the upstream query string
        Ok(resp.error_for_status()?.json().await?)
    }

    pub async fn notify_partner(&self, payload: &Value) -> anyhow::Result<()> {
        self.partner.post(&self.partner_hook).json(payload).send().await?.error_for_status()?;
        Ok(())
    }
}
