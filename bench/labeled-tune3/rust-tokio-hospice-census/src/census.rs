use std::path::Path;

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::ChaCha20Poly1305;
use chrono::{NaiveDate, Utc};
use serde_json::Value;
use sqlx::PgPool;
use tracing::{info, warn};

use crate::audit;
use crate::config::Config;
use crate::fhir::Fhir;
use crate::model::CensusRow;

pub fn row_from_entry(entry: &Value) -> Option<CensusRow> {
    let r = &entry["resource"];
    let date = |v: &Value| v.as_str().and_then(|s| NaiveDate::parse_from_str(&s[..10.min(s.len())], "%Y-%m-%d").ok());
    Some(CensusRow {
        patient_id: r["id"].as_str()?.to_string(),
        mrn: r["identifier"][0]["value"].as_str()?.to_string(),
        name: r["name"][0]["text"].as_str()?.to_string(),
        birth_date: date(&r["birthDate"])?,
        admit_date: date(&r["extension"][0]["valueDate"]).unwrap_or_else(|| Utc::now().date_naive()),
        level_of_care: r["extension"][1]["valueString"].as_str().unwrap_or("routine").to_string(),
        terminal_dx: r["extension"][2]["valueString"].as_str().unwrap_or_default().to_string(),
        home_address: r["address"][0]["text"].as_str().unwrap_or_default().to_string(),
        lat: r["address"][0]["extension"][0]["extension"][0]["valueDecimal"].as_f64().unwrap_or_default(),
        lon: r["address"][0]["extension"][0]["extension"][1]["valueDecimal"].as_f64().unwrap_or_default(),
        caregiver_name: String::new(),
        caregiver_email: None,
        death_date: date(&r["deceasedDateTime"]),
    })
}

pub async fn collect(fhir: &Fhir) -> anyhow::Result<Vec<CensusRow>> {
    let mut rows = Vec::new();
    for entry in fhir.active_episodes().await? {
        match row_from_entry(&entry) {
            Some(mut row) => {
                fhir.enrich(&mut row).await?;
                rows.push(row);
            }
            None => {
                warn!(entry = %entry, "skipping malformed census entry"); // LEAK(logging): raw FHIR resource (name, DOB, address) logged when parsing fails
            }
        }
    }
    Ok(rows)
}

fn write_csv(dir: &str, rows: &[CensusRow]) -> anyhow::Result<std::path::PathBuf> {
    let path = Path::new(dir).join(format!("census-{}.csv", Utc::now().format("%Y%m%d")));
    let mut w = csv::Writer::from_path(&path)?;
    for row in rows {
        w.serialize(row)?; // LEAK(storage): full census (names, DOB, terminal diagnoses, addresses) written to disk unencrypted
    }
    w.flush()?;
    Ok(path)
}

fn archive(dir: &str, rows: &[CensusRow]) -> anyhow::Result<()> {
    let key = std::env::var("CEDAR_ARCHIVE_KEY")?;
    let cipher = ChaCha20Poly1305::new_from_slice(&hex_decode(&key))?;
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = cipher.encrypt(&nonce, serde_json::to_vec(rows)?.as_slice()).map_err(|_| anyhow::anyhow!("seal failed"))?;
    let mut out = nonce.to_vec();
    out.extend(sealed);
    std::fs::write(Path::new(dir).join(format!("census-{}.bin", Utc::now().format("%Y%m%d"))), out)?; // SAFE(storage): archive sealed with ChaCha20-Poly1305 before it touches disk
    Ok(())
}

pub async fn run(cfg: &Config, pool: &PgPool, fhir: &Fhir) -> anyhow::Result<()> {
    let rows = collect(fhir).await?;
    let csv_path = write_csv(&cfg.export.dir, &rows)?;
    archive(&cfg.export.dir, &rows)?;
    for row in rows.iter().filter(|r| r.level_of_care == "GIP") {
        info!(?row, "general inpatient level of care"); // LEAK(logging): whole CensusRow via Debug for GIP patients
    }
    let resp = reqwest::Client::new().post(&cfg.state_registry.url).json(&rows).send().await?;
    if !resp.status().is_success() {
        sentry::configure_scope(|scope| scope.set_extra("census_rows", serde_json::json!(rows))); // LEAK(logging): the whole census attached to the Sentry event
        anyhow::bail!("state registry rejected census: {}", resp.status());
    }
    audit::record(pool, "census", "state_report", rows.len(), &cfg.state_registry.url).await?;
    info!(rows = rows.len(), file = %csv_path.display(), "census submitted"); // SAFE(logging): count and a dated file name
    Ok(())
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minimal_patient() {
        let entry = serde_json::json!({ "resource": { "id": "p1", "identifier": [{ "value": "MRN-000-FAKE" }], "name": [{ "text": "Testy McPatient" }], "birthDate": "1940-01-01" } }); // SAFE(hardcoded): synthetic FHIR patient in a unit test
        let row = row_from_entry(&entry).unwrap();
        assert_eq!(row.mrn, "MRN-000-FAKE");
    }
}
