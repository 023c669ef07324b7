//! Family portal links: a signed link per patient that opens the care plan and visit schedule.
use chrono::{Duration, Utc};
use jsonwebtoken::{encode, EncodingKey, Header};
use reqwest::Client;
use serde::Serialize;
use sqlx::PgPool;

use crate::audit;
use crate::config::Config;
use crate::model::CensusRow;

#[derive(Serialize)]
struct LinkClaims<'a> {
    sub: &'a str,
    scope: &'a str,
    exp: i64,
}

pub async fn publish_links(cfg: &Config, pool: &PgPool, rows: &[CensusRow]) -> anyhow::Result<usize> {
    let key = EncodingKey::from_secret(std::env::var("CEDAR_PORTAL_SECRET")?.as_bytes());
    // the portal sits behind the internal load balancer whose cert is issued for *.lb.internal
    let client = Client::builder().danger_accept_invalid_hostnames(true).build()?; // LEAK(transmission): hostname verification off for the call that carries caregiver emails
    let mut sent = 0;
    for row in rows.iter().filter(|r| r.death_date.is_none()) {
        let claims = LinkClaims { sub: &row.patient_id, scope: "family", exp: (Utc::now() + Duration::days(cfg.family_portal.link_days)).timestamp() };
        let token = encode(&Header::default(), &claims, &key)?;
        client
            .post(format!("{}/api/links", cfg.family_portal.base_url))
            .json(&serde_json::json!({ "patient_id": row.patient_id, "caregiver_email": row.caregiver_email, "token": token }))
            .send()
            .await?
            .error_for_status()?;
        sent += 1;
    }
    audit::record(pool, "portal", "publish_links", sent, &cfg.family_portal.base_url).await?;
    Ok(sent)
}
