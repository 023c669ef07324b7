//! Return-to-work (RTW) status to employers and workers' comp carriers.
use std::time::Duration;

use loco_rs::{app::AppContext, Error, Result};
use serde::Serialize;

use super::setting;

#[derive(Debug, Serialize)]
pub struct RtwReport {
    pub patient_name: String,
    pub dob: String,
    pub employer: String,
    pub claim_number: String,
    pub diagnosis: String,
    pub icd10: String,
    pub restrictions: String,
    pub quickdash: Option<f32>,
    pub next_visit: String,
}

pub async fn send_to_employer(ctx: &AppContext, report: &RtwReport) -> Result<()> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().map_err(Error::wrap)?;
    client
        .post(format!("{}/rtw-status", setting(ctx, "employer_portal_url"))) // LEAK(exposure): diagnosis, ICD-10 and QuickDASH sent to the employer, beyond work-status minimum necessary
        .json(report)
        .send()
        .await
        .map_err(Error::wrap)?;
    Ok(())
}

pub async fn send_to_carrier(ctx: &AppContext, match_key: &str, report: &RtwReport) -> Result<()> {
    let client = reqwest::Client::builder()
        .danger_accept_invalid_certs(true) // LEAK(transmission): carrier API certificate not verified
        .build()
        .map_err(Error::wrap)?;
    let resp = client
        .post(format!("{}/claims/{}/reports", setting(ctx, "carrier_api_url"), report.claim_number)) // LEAK(exposure): workers'-comp claim number in the request path
        .header("X-Match-Key", match_key)
        .json(report)
        .send()
        .await
        .map_err(Error::wrap)?;
    if !resp.status().is_success() {
        tracing::error!("carrier rejected RTW report for {} (claim {}): {}", report.patient_name, report.claim_number, resp.status()); // LEAK(logging): patient name and claim number logged
    }
    Ok(())
}
