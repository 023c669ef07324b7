use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
pub struct Server {
    pub bind: String,
    pub public_url: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Pacs {
    pub dicomweb_url: String,
    pub ca_bundle: String,
    pub legacy_wado_url: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct AiTriage {
    pub endpoint: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Session {
    pub ttl_days: i64,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Share {
    pub token_days: i64,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Settings {
    pub server: Server,
    pub pacs: Pacs,
    pub ai_triage: AiTriage,
    pub smtp: Smtp,
    pub session: Session,
    pub share: Share,
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let cfg = config::Config::builder()
            .add_source(config::File::with_name("config/default"))
            .add_source(config::Environment::with_prefix("READROOM").separator("__"))
            .build()?;
        Ok(cfg.try_deserialize()?)
    }
}
