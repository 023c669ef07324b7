use serde_json::json;

use crate::config::Integrations;
use crate::crypto::analytics_id;

/// GA4 Measurement Protocol from the server (front-desk funnel metrics).
pub async fn track_exam_completed(http: &reqwest::Client, cfg: &Integrations, patient_id: i32, diagnosis: &str, plan: &str) {
    let body = json!({
        "client_id": analytics_id(patient_id),
        "events": [{ "name": "exam_completed", "params": { "diagnosis": diagnosis, "insurance_plan": plan } }]
    });
    let url = format!("https://www.google-analytics.com/mp/collect?measurement_id={}&api_secret={}", cfg.ga_measurement_id, std::env::var("GA_API_SECRET").unwrap_or_default());
    let _ = http.post(url).json(&body).send().await; // LEAK(exposure): exam diagnosis and plan sent to Google Analytics
}

pub async fn track_booking(http: &reqwest::Client, cfg: &Integrations, patient_id: i32) {
    let body = json!({ "client_id": analytics_id(patient_id), "events": [{ "name": "booking_started" }] });
    let url = format!("https://www.google-analytics.com/mp/collect?measurement_id={}&api_secret={}", cfg.ga_measurement_id, std::env::var("GA_API_SECRET").unwrap_or_default());
    let _ = http.post(url).json(&body).send().await; // SAFE(exposure): HMAC pseudonym and a funnel event, no clinical data
}
