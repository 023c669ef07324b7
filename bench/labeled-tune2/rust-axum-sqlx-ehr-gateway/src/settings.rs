use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub listen_addr: String,
    pub database_url: String,
    pub upstream_url: String,
    pub partner_webhook_url: String,
    pub session_ttl_minutes: i64,
    pub partner: PartnerSettings,
    #[serde(default)]
    pub partner_jwt_public_pem: String,
    #[serde(default)]
    pub link_pseudonym_secret: String,
    #[serde(default)]
    pub ssn_key_hex: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PartnerSettings {
    pub token_max_ttl_minutes: i64,
}

impl Settings {
    pub fn load() -> anyhow::Result<Self> {
        let cfg = config::Config::builder()
            .add_source(config::File::with_name("config/gateway"))
            .add_source(config::Environment::with_prefix("GATEWAY"))
            .build()?;
        Ok(cfg.try_deserialize()?)
    }

    pub fn ssn_key(&self) -> anyhow::Result<[u8; 16]> {
        hex::decode(&self.ssn_key_hex)?.try_into().map_err(|_| anyhow::anyhow!("ssn key must be 16 bytes"))
    }
}
