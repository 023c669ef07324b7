use std::time::Duration;

use serde_json::json;

use crate::db::{Dose, Patient};
use crate::IisConfig;

pub struct IisClient {
    http: reqwest::Client,
}

impl IisClient {
    pub fn new() -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .danger_accept_invalid_certs(true) // LEAK(transmission): state IIS certificate not verified
            .build()
            .expect("http client");
        Self { http }
    }

    pub async fn submit_vxu(&self, cfg: &IisConfig, patient: &Patient, dose: &Dose) -> anyhow::Result<String> {
        let msg = build_vxu(cfg, patient, dose);
        let resp = self
            .http
            .post(&cfg.base_url)
            .header("Content-Type", "application/hl7-v2")
            .body(msg.clone())
            .send()
            .await?;
        if !resp.status().is_success() {
            tracing::error!("IIS rejected VXU ({}): {}", resp.status(), msg); // LEAK(logging): full VXU message with PID segment logged
            anyhow::bail!("IIS returned {}", resp.status());
        }
        Ok(resp.text().await?)
    }

    pub async fn send_reminder(&self, cfg: &IisConfig, patient: &Patient, vaccine: &str) -> anyhow::Result<()> {
        let Some(phone) = patient.phone.as_deref() else { return Ok(()) };
        let key = std::env::var("REMINDER_API_KEY").unwrap_or_default();
        self.http
            .post(&cfg.reminder_url) // LEAK(exposure): child's name, phone and due vaccine sent to an SMS marketing vendor
            .bearer_auth(key)
            .json(&json!({
                "to": phone,
                "first_name": patient.first_name,
                "body": format!("{} is due for {}. Reply YES to book.", patient.first_name, vaccine),
                "tags": ["immunization", vaccine],
            }))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }
}

fn build_vxu(cfg: &IisConfig, p: &Patient, d: &Dose) -> String {
    let now = chrono::Utc::now().format("%Y%m%d%H%M%S");
    format!(
        "MSH|^~\\&|MVPEDS|{fac}|IIS|STATE|{now}||VXU^V04^VXU_V04|{id}|P|2.5.1\r\
         PID|1||{pid}^^^MVPEDS^MR||{last}^{first}||{dob}|||||||^PRN^PH^^^^{phone}\r\
         RXA|0|1|{given}||{cvx}^{vax}^CVX|0.5|mL||00^NEW|||||||{lot}\r",
        fac = cfg.facility_id,
        id = d.id,
        pid = p.id,
        last = p.last_name,
        first = p.first_name,
        dob = p.dob.format("%Y%m%d"),
        phone = p.phone.clone().unwrap_or_default(),
        given = d.administered_on.format("%Y%m%d"),
        cvx = d.cvx_code,
        vax = d.vaccine_name,
        lot = d.lot_number,
    )
}
