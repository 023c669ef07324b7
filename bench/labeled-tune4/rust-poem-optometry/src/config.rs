use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: Server,
    pub database: Database,
    pub cache: Cache,
    pub session: SessionCfg,
    pub integrations: Integrations,
    pub storage: Storage,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub bind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Database {
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Cache {
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionCfg {
    pub cookie_name: String,
    pub max_age_secs: u64,
    pub portal_token_minutes: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Integrations {
    pub optical_lab_url: String,
    pub retina_ai_url: String,
    pub contact_lens_supplier_url: String,
    pub ga_measurement_id: String,
    pub smtp_host: String,
    pub smtp_port: u16,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Storage {
    pub imaging_dir: String,
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let cfg = config::Config::builder()
            .add_source(config::File::with_name("config/clearview"))
            .add_source(config::Environment::with_prefix("CLEARVIEW").separator("__"))
            .build()?;
        Ok(cfg.try_deserialize()?)
    }
}
