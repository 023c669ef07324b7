use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub http: Http,
    pub postgres: Postgres,
    pub kafka: Kafka,
    pub vendor: Vendor,
    pub auth: Auth,
    pub spool: Spool,
    pub alerts: Alerts,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Http {
    pub bind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Postgres {
    pub host: String,
    pub dbname: String,
    pub user: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Kafka {
    pub brokers: String,
    pub security_protocol: String,
    pub ssl_verify: bool,
    pub transmissions_topic: String,
    pub alerts_topic: String,
    pub analytics_brokers: String,
    pub analytics_protocol: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Vendor {
    pub base_url: String,
    pub webhook_audience: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Auth {
    pub clinic_token_hours: u64,
    pub device_token_minutes: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Spool {
    pub path: String,
    pub alerts_cache_path: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Alerts {
    pub pagerduty_routing_key_env: String,
    pub summary_model: String,
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let path = std::env::var("RHYTHMWATCH_CONFIG").unwrap_or_else(|_| "config/rhythmwatch.toml".into());
        Ok(toml::from_str(&std::fs::read_to_string(path)?)?)
    }
}
