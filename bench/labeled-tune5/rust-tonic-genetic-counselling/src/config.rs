use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub server: Server,
    pub mongo: Mongo,
    pub redis: Redis,
    pub lab: Lab,
    pub letters: Letters,
    pub outreach: Outreach,
    pub auth: Auth,
    pub export: Export,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub listen: String,
    pub tls_cert: String,
    pub tls_key: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Mongo {
    pub uri: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Redis {
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Lab {
    pub order_endpoint: String,
    pub results_webhook_secret_env: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Letters {
    pub llm_url: String,
    pub model: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Outreach {
    pub intercom_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Auth {
    pub issuer: String,
    pub audience: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Export {
    pub scratch_dir: String,
}

impl Config {
    pub fn load(path: &str) -> anyhow::Result<Self> {
        Ok(toml::from_str(&std::fs::read_to_string(path)?)?)
    }
}
