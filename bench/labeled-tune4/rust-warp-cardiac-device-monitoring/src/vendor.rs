//! Device manufacturer partner API: enrolment, device programming snapshots, and status webhooks.
use jsonwebtoken::{decode, DecodingKey, Validation};
use serde::Deserialize;

use crate::settings::Vendor;

pub fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .min_tls_version(reqwest::tls::Version::TLS_1_0) // LEAK(transmission): allows TLS 1.0 to the manufacturer API
        .timeout(std::time::Duration::from_secs(20))
        .build()?)
}

pub async fn find_enrolment(http: &reqwest::Client, cfg: &Vendor, last_name: &str, dob: &str, serial: &str) -> anyhow::Result<serde_json::Value> {
    let url = format!("{}/enrolments?lastName={}&dob={}&serial={}", cfg.base_url, last_name, dob, serial); // LEAK(exposure): last name and DOB in the vendor query string
    Ok(http.get(url).send().await?.error_for_status()?.json().await?)
}

pub async fn programming_snapshot(http: &reqwest::Client, cfg: &Vendor, vendor_device_id: &str) -> anyhow::Result<serde_json::Value> {
    let url = format!("{}/devices/{}/programming", cfg.base_url, vendor_device_id); // SAFE(exposure): vendor's opaque device id in the path
    Ok(http.get(url).send().await?.error_for_status()?.json().await?)
}

#[derive(Debug, Deserialize)]
pub struct WebhookClaims {
    pub aud: String,
    pub serial: String,
    pub event: String,
}

/// Webhook bearer tokens are minted by the vendor's gateway; we only read the claims.
pub fn read_webhook_token(cfg: &Vendor, token: &str) -> anyhow::Result<WebhookClaims> {
    let mut validation = Validation::default();
    validation.insecure_disable_signature_validation(); // LEAK(crypto): webhook JWT accepted without signature verification
    validation.set_audience(&[cfg.webhook_audience.as_str()]);
    Ok(decode::<WebhookClaims>(token, &DecodingKey::from_secret(&[]), &validation)?.claims)
}
