//! Thirteen months of bereavement mailings for the family after a patient dies (Medicare CoP 418.64(d)).
use chrono::{Duration, Utc};
use reqwest::Client;
use serde_json::json;
use sqlx::PgPool;
use tracing::info;

use crate::audit;
use crate::config::Config;
use crate::model::CensusRow;

pub async fn enroll_families(cfg: &Config, pool: &PgPool, rows: &[CensusRow]) -> anyhow::Result<usize> { // SAFE(audit): writes a disclosure_audit row for the mailing vendor
    let since = (Utc::now() - Duration::days(1)).date_naive();
    let recent: Vec<&CensusRow> = rows.iter().filter(|r| r.death_date.map(|d| d >= since).unwrap_or(false)).collect();
    let client = Client::new();
    let url = format!("https://{}.api.mailchimp.com/3.0/lists/{}/members", cfg.bereavement.mailchimp_dc, cfg.bereavement.list_id);
    let mut enrolled = 0;
    for row in &recent {
        let Some(email) = row.caregiver_email.as_deref() else { continue };
        client
            .post(&url) // LEAK(exposure): deceased patient's name, date of death and diagnosis sent to Mailchimp
            .json(&json!({
                "email_address": email,
                "status": "subscribed",
                "merge_fields": { "FNAME": row.caregiver_name, "LOVEDONE": row.name, "DOD": row.death_date.map(|d| d.to_string()), "DX": row.terminal_dx },
                "tags": ["bereavement-13mo"]
            }))
            .basic_auth("cedar", Some(std::env::var("CEDAR_MAILCHIMP_KEY")?))
            .send()
            .await?
            .error_for_status()?;
        enrolled += 1;
    }
    audit::record(pool, "bereavement", "mailing_enroll", enrolled, "mailchimp").await?;
    info!(enrolled, "bereavement enrollments"); // SAFE(logging): a count
    Ok(enrolled)
}
