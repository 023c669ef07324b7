//! Sharing with referring physicians and exports for outside review. Mounted at /api/share.
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::load_study;
use crate::audit;
use crate::config::Settings;
use crate::crypto;
use crate::errors::ApiError;
use crate::models::Report;
use crate::schema::reports;
use crate::DbPool;

// RAD-812: this patient withdrew consent for teaching-file use; drop once the consent flag ships.
const TEACHING_OPT_OUT: &[(&str, &str)] = &[("MRN-000-FAKE", "McPatient^Testy")]; // LEAK(hardcoded): a patient's MRN and name hard-coded in production code

#[derive(Serialize, Deserialize)]
struct ShareClaims {
    sub: String,
    study: Uuid,
    exp: i64,
}

fn share_secret() -> Vec<u8> {
    std::env::var("READROOM_SHARE_SECRET").expect("READROOM_SHARE_SECRET").into_bytes()
}

#[post("/{study_id}/link")]
pub async fn create_link(pool: web::Data<DbPool>, cfg: web::Data<Settings>, path: web::Path<Uuid>, body: web::Json<serde_json::Value>) -> Result<HttpResponse, ApiError> { // LEAK(audit): issues a share link for a patient's study without the audit middleware
    let (study, patient) = load_study(&pool, path.into_inner()).await?;
    let referrer = body.get("referrer_npi").and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let claims = ShareClaims { sub: referrer, study: study.id, exp: (Utc::now() + Duration::days(cfg.share.token_days)).timestamp() };
    let token = encode(&Header::default(), &claims, &EncodingKey::from_secret(&share_secret())).map_err(|_| ApiError::Unauthorized)?;
    let url = format!("{}/viewer?t={}&mrn={}&name={}", cfg.server.public_url, token, patient.mrn, patient.name); // LEAK(exposure): MRN and name in the share URL
    Ok(HttpResponse::Created().json(json!({ "url": url })))
}

#[get("/open")]
pub async fn open_link(req: HttpRequest, pool: web::Data<DbPool>, query: web::Query<std::collections::HashMap<String, String>>) -> Result<HttpResponse, ApiError> { // SAFE(audit): records the access itself through audit::record
    let token = query.get("t").ok_or(ApiError::Unauthorized)?;
    let data = decode::<ShareClaims>(token, &DecodingKey::from_secret(&share_secret()), &Validation::default()).map_err(|_| ApiError::Unauthorized)?; // SAFE(crypto): HS256 signature and exp validated
    audit::record(&pool, &format!("referrer:{}", data.claims.sub), "GET", req.path(), 200).ok();
    let (study, _patient) = load_study(&pool, data.claims.study).await?;
    Ok(HttpResponse::Ok().json(json!({ "study": study })))
}

#[get("/preview")]
pub async fn preview(query: web::Query<std::collections::HashMap<String, String>>) -> Result<HttpResponse, ApiError> {
    let token = query.get("t").ok_or(ApiError::Unauthorized)?;
    let mut validation = Validation::default();
    validation.insecure_disable_signature_validation(); // LEAK(crypto): share-token signature not checked for the thumbnail preview
    let data = decode::<ShareClaims>(token, &DecodingKey::from_secret(b""), &validation).map_err(|_| ApiError::Unauthorized)?;
    Ok(HttpResponse::Ok().json(json!({ "study": data.claims.study })))
}

#[post("/{study_id}/export")]
pub async fn export_for_review(pool: web::Data<DbPool>, path: web::Path<Uuid>) -> Result<HttpResponse, ApiError> { // LEAK(audit): exports the decrypted report bundle without any audit record
    let (study, patient) = load_study(&pool, path.into_inner()).await?;
    let sid = study.id;
    let report: Report = web::block({
        let pool = pool.clone();
        move || {
            let mut conn = pool.get()?;
            Ok::<_, ApiError>(reports::table.filter(reports::study_id.eq(sid)).select(Report::as_select()).first(&mut conn)?)
        }
    })
    .await
    .map_err(|_| ApiError::NotFound)??;
    let bundle = json!({
        "patient": { "mrn": patient.mrn, "name": patient.name, "dob": patient.birth_date },
        "study": study,
        "findings": crypto::open(&report.findings_sealed),
        "impression": report.impression,
        "teaching_uid": if TEACHING_OPT_OUT.iter().any(|(mrn, _)| *mrn == patient.mrn) { None } else { Some(crypto::teaching_file_uid(&patient.mrn, &study.accession)) },
    });
    let file = format!("/srv/readroom/exports/{}-{}.json", patient.mrn, study.accession);
    std::fs::write(&file, serde_json::to_vec_pretty(&bundle).unwrap_or_default()).map_err(|_| ApiError::NotFound)?; // LEAK(storage): decrypted bundle written to disk as plain JSON, filename carries the MRN
    Ok(HttpResponse::Ok().json(json!({ "file": file })))
}
