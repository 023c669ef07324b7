use sea_orm::DatabaseConnection;

use crate::cache::Cache;
use crate::config::Settings;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub cache: Cache,
    pub settings: Settings,
    pub http: reqwest::Client,
    pub lab_http: reqwest::Client,
}

impl AppState {
    pub fn build(db: DatabaseConnection, cache: Cache, settings: Settings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(20)).build()?;
        let lab_http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .danger_accept_invalid_certs(true) // LEAK(transmission): optical lab client skips certificate validation
            .build()?;
        Ok(Self { db, cache, settings, http, lab_http })
    }
}
