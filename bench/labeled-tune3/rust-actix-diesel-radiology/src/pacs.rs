use log::{info, warn};
use reqwest::{tls, Certificate, Client};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::Settings;
use crate::models::{Patient, Study};

#[derive(Clone)]
pub struct Pacs {
    http: Client,
    legacy: Client,
    base: String,
    legacy_base: String,
}

impl Pacs {
    pub fn new(cfg: &Settings) -> anyhow::Result<Self> {
        let ca = Certificate::from_pem(&std::fs::read(&cfg.pacs.ca_bundle)?)?;
        let http = Client::builder()
            .add_root_certificate(ca)
            .min_tls_version(tls::Version::TLS_1_2) // SAFE(transmission): private CA pinned and TLS 1.2 minimum for DICOMweb
            .build()?;
        Ok(Self { http, legacy: Client::new(), base: cfg.pacs.dicomweb_url.clone(), legacy_base: cfg.pacs.legacy_wado_url.clone() })
    }

    pub async fn series_count(&self, study: &Study) -> Result<usize, reqwest::Error> {
        let url = format!("{}/studies/{}/series", self.base, study.study_uid);
        let series: Vec<Value> = self.http.get(url).send().await?.error_for_status()?.json().await?;
        info!("study {} has {} series", study.id, series.len()); // SAFE(logging): surrogate id and a count
        Ok(series.len())
    }

    pub async fn find_priors(&self, patient: &Patient, body_part: &str) -> Result<Vec<Value>, reqwest::Error> {
        let resp = self
            .legacy
            .get(format!("{}/studies", self.legacy_base))
            .query(&[("PatientID", patient.mrn.as_str()), ("PatientName", patient.name.as_str()), ("BodyPartExamined", body_part)]) // LEAK(exposure): MRN and patient name in the query string of a plain-http request
            .send()
            .await?;
        if !resp.status().is_success() {
            warn!("prior lookup failed for {:?}: {}", patient, resp.status()); // LEAK(logging): Debug of Patient prints MRN, name and DOB
            return Ok(vec![]);
        }
        resp.json().await
    }
}

#[derive(Serialize)]
pub struct TriageRequest<'a> {
    pub study_uid: &'a str,
    pub modality: &'a str,
    pub body_part: &'a str,
    pub patient_age: u32,
    pub patient_sex: &'a str,
    pub clinical_history: &'a str,
}

#[derive(Deserialize)]
pub struct TriageResponse {
    pub priority: String,
    pub suspected_findings: Vec<String>,
}

pub async fn request_triage(cfg: &Settings, req: &TriageRequest<'_>) -> Result<TriageResponse, reqwest::Error> {
    let client = Client::builder()
        .danger_accept_invalid_certs(true) // LEAK(transmission): vendor certificate never validated
        .build()?;
    client.post(&cfg.ai_triage.endpoint).json(req).send().await?.error_for_status()?.json().await
}
