use chrono::{Duration, Utc};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::Client;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tracing::instrument;

use crate::config::Config;
use crate::model::CensusRow;

#[derive(Serialize)]
struct ClientAssertion<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    jti: String,
    exp: i64,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
}

pub struct Fhir {
    http: Client,
    base: String,
    token: String,
}

impl Fhir {
    pub async fn connect(cfg: &Config) -> anyhow::Result<Self> {
        let http = Client::builder().https_only(true).build()?; // SAFE(transmission): client refuses any non-TLS URL
        let key = EncodingKey::from_rsa_pem(std::env::var("CEDAR_SMART_KEY")?.as_bytes())?;
        let assertion = ClientAssertion {
            iss: &cfg.ehr.client_id,
            sub: &cfg.ehr.client_id,
            aud: &cfg.ehr.token_url,
            jti: uuid::Uuid::new_v4().to_string(),
            exp: (Utc::now() + Duration::minutes(5)).timestamp(), // SAFE(session): SMART backend client assertion lives 5 minutes
        };
        let jwt = encode(&Header::new(Algorithm::RS384), &assertion, &key)?;
        let token: TokenResponse = http
            .post(&cfg.ehr.token_url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("scope", "system/Patient.read system/EpisodeOfCare.read system/Condition.read system/RelatedPerson.read"),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", jwt.as_str()),
            ])
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(Self { http, base: cfg.ehr.fhir_base.clone(), token: token.access_token })
    }

    /// Active hospice episodes, via POST _search so no parameters land in URLs.
    pub async fn active_episodes(&self) -> anyhow::Result<Vec<Value>> {
        let bundle: Value = self
            .http
            .post(format!("{}/EpisodeOfCare/_search", self.base))
            .bearer_auth(&self.token)
            .form(&[("status", "active"), ("type", "hospice"), ("_include", "EpisodeOfCare:patient")]) // SAFE(exposure): search parameters in a POST body, not the URL
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(bundle["entry"].as_array().cloned().unwrap_or_default())
    }

    /// Used by `reconcile` when a referral arrives without an EHR id.
    #[instrument(skip(self))] // LEAK(logging): span records the name and birth date arguments on every event
    pub async fn find_patient(&self, family: &str, given: &str, birth_date: &str) -> anyhow::Result<Option<Value>> {
        let url = format!("{}/Patient?family={}&given={}&birthdate={}", self.base, family, given, birth_date); // LEAK(exposure): name and DOB in the FHIR search URL
        let bundle: Value = self.http.get(url).bearer_auth(&self.token).send().await?.error_for_status()?.json().await?;
        Ok(bundle["entry"].get(0).map(|e| e["resource"].clone()))
    }

    #[instrument(skip(self, row), fields(patient_id = %row.patient_id))] // SAFE(logging): skips the row, records only the EHR surrogate id
    pub async fn enrich(&self, row: &mut CensusRow) -> anyhow::Result<()> {
        let related: Value = self
            .http
            .post(format!("{}/RelatedPerson/_search", self.base))
            .bearer_auth(&self.token)
            .form(&[("patient", row.patient_id.as_str())])
            .send()
            .await?
            .json()
            .await?;
        if let Some(rp) = related["entry"].get(0) {
            row.caregiver_name = rp["resource"]["name"][0]["text"].as_str().unwrap_or_default().to_string();
            row.caregiver_email = rp["resource"]["telecom"].as_array().and_then(|t| t.iter().find(|c| c["system"] == "email")).and_then(|c| c["value"].as_str()).map(str::to_string);
        }
        Ok(())
    }
}
