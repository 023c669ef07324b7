use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
pub struct Config {
    pub amqp: Amqp,
    pub clearinghouse: Clearinghouse,
    pub audit: Audit,
    pub s3: S3,
    pub spool: Spool,
    pub llm: Llm,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Amqp {
    pub url: String,
    pub queue: String,
    pub dead_letter_exchange: String,
    pub prefetch: u16,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Clearinghouse {
    pub base_url: String,
    pub submitter_id: String,
    pub timeout_secs: u64,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Audit {
    pub database_url: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct S3 {
    pub bucket: String,
    pub eob_bucket: String,
    pub kms_key_id: String,
    pub eob_link_ttl_secs: u64,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Spool {
    pub directory: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Llm {
    pub endpoint: String,
    pub model: String,
}

impl Config {
    pub fn load(path: &str) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        Ok(toml::from_str(&text)?)
    }
}
