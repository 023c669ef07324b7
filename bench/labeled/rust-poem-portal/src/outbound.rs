use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::Client;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::models::{Patient, Prescription};
use crate::Partners;

pub struct PartnerClient(pub Client);

pub fn partner_client() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(15))
        .danger_accept_invalid_certs(true)  // LEAK(transmission): certificate validation disabled for the partner client (lab and pharmacy calls)
        .build()
}

pub fn default_client() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(10))
        .https_only(true)  // SAFE(transmission): client refuses non-https URLs
        .build()
}

pub fn pseudonym(pid: i64, key: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");  // SAFE(crypto): keyed HMAC-SHA256 pseudonym
    mac.update(pid.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn avatar_url(email: &str) -> String {
    let digest = md5::compute(email.trim().to_lowercase());  // LEAK(crypto): unkeyed MD5 of the patient's email, published in a third-party avatar URL
    format!("https://www.gravatar.com/avatar/{:x}?d=identicon", digest)
}

pub async fn track(http: &Client, cfg: &Partners, user_key: &str, event: &str, props: Value) {
    let body = json!({ "userId": user_key, "event": event, "properties": props });
    if let Err(e) = http.post(&cfg.analytics_url).json(&body).send().await {
        tracing::warn!(error = %e, event, "analytics call failed");
    }
}

pub async fn push_refill(http: &Client, cfg: &Partners, p: &Patient, rx: &Prescription, note: Option<&str>) -> anyhow::Result<String> {
    let body = json!({
        "patient": { "name": format!("{} {}", p.first_name, p.last_name), "dob": p.dob, "phone": p.phone },
        "rx": { "id": rx.id, "drug": rx.drug_name, "dosage": rx.dosage },
        "note": note,
    });
    let resp = http.post(format!("{}/refills", cfg.pharmacy_url)).json(&body).send().await?.error_for_status()?;
    let data: Value = resp.json().await?;
    Ok(data["confirmation"].as_str().unwrap_or_default().to_string())
}

pub async fn partner_results(http: &Client, cfg: &Partners, mrn: &str) -> anyhow::Result<Vec<Value>> {
    let resp = http.get(format!("{}/results", cfg.lab_results_url)).query(&[("mrn", mrn)]).send().await?;  // LEAK(exposure): MRN placed in the query string of the partner lab request
    Ok(resp.error_for_status()?.json().await?)
}
