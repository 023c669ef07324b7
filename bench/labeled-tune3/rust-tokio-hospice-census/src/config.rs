use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
pub struct Ehr {
    pub fhir_base: String,
    pub token_url: String,
    pub client_id: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct StateRegistry {
    pub url: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Pharmacy {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub inbox: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Bereavement {
    pub mailchimp_dc: String,
    pub list_id: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Routing {
    pub mapbox_base: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct FamilyPortal {
    pub base_url: String,
    pub link_days: i64,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Export {
    pub dir: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Config {
    pub ehr: Ehr,
    pub state_registry: StateRegistry,
    pub pharmacy: Pharmacy,
    pub bereavement: Bereavement,
    pub routing: Routing,
    pub family_portal: FamilyPortal,
    pub export: Export,
}

impl Config {
    pub fn load(path: &str) -> anyhow::Result<Self> {
        Ok(toml::from_str(&std::fs::read_to_string(path)?)?)
    }
}
