use std::sync::Arc;

use hmac::{Hmac, Mac};
use poem::{
    handler,
    http::{HeaderMap, StatusCode},
    session::Session,
    web::{
        cookie::{Cookie, CookieJar, CookieKey},
        Data, Json, Path,
    },
    Error, Result,
};
use serde_json::{json, Value};
use sha2::Sha256;
use sqlx::PgPool;

use crate::{
    auth, db,
    models::{LabResult, NewMessage, Patient, RefillRequest},
    outbound, Settings,
};

fn internal<E: std::fmt::Debug>(e: E) -> Error {
    tracing::error!(error = ?e, "request failed");  // LEAK(logging): shared error helper logs reqwest errors whose text includes the partner URL with ?mrn=
    Error::from_status(StatusCode::INTERNAL_SERVER_ERROR)
}

fn current_pid(session: &Session, headers: &HeaderMap, cfg: &Settings) -> Result<i64> {
    if let Some(pid) = session.get::<i64>("pid") {
        return Ok(pid);
    }
    let bearer = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if let Some(claims) = bearer.and_then(|t| auth::verify_access(t, cfg.jwt_secret.as_bytes())) {
        return Ok(claims.pid);
    }
    let remember = headers.get("x-remember-device").and_then(|v| v.to_str().ok());
    remember
        .and_then(|t| auth::verify_remember(t, cfg.jwt_secret.as_bytes()))
        .map(|c| c.pid)
        .ok_or_else(|| Error::from_status(StatusCode::UNAUTHORIZED))
}

#[handler]
pub async fn me(  // SAFE(audit): mounted under /api, which is wrapped by the AuditTrail middleware
    session: &Session,
    headers: &HeaderMap,
    cookies: &CookieJar,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
    Data(key): Data<&CookieKey>,
) -> Result<Json<Value>> {
    let pid = current_pid(session, headers, cfg)?;
    let p = db::patient_by_id(pool, pid).await.map_err(internal)?;
    tracing::debug!(?p, "loaded profile");  // LEAK(logging): whole Patient struct (derived Debug: MRN, DOB, email, phone) in a debug event
    cookies.add(Cookie::new_with_str("portal_hello", format!("{}|{}", p.first_name, p.dob)));  // LEAK(storage): first name and DOB put in a plain (unsigned, unencrypted) cookie for the greeting banner
    cookies.private_with_key(key).add(Cookie::new_with_str("portal_mrn", &p.mrn));  // SAFE(storage): MRN kept only in the private (encrypted) cookie jar
    let avatar = outbound::avatar_url(&p.email);
    Ok(Json(json!({ "profile": p, "avatar": avatar })))
}

#[handler]
pub async fn my_results(
    session: &Session,
    headers: &HeaderMap,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
    Data(http): Data<&reqwest::Client>,
) -> Result<Json<Vec<LabResult>>> {
    let pid = current_pid(session, headers, cfg)?;
    let items = db::results_for(pool, pid).await.map_err(internal)?;
    tracing::info!(patient_id = pid, count = items.len(), "results viewed");
    let user_key = outbound::pseudonym(pid, cfg.analytics_key.as_bytes());
    outbound::track(http, &cfg.partners, &user_key, "results_viewed", json!({ "count": items.len() })).await;  // SAFE(exposure): analytics event keyed by an HMAC pseudonym and carrying only a count
    Ok(Json(items))
}

#[handler]
pub async fn my_coverage(
    session: &Session,
    headers: &HeaderMap,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
) -> Result<Json<Value>> {
    let pid = current_pid(session, headers, cfg)?;
    let cov = db::coverage_for(pool, pid).await.map_err(internal)?;
    tracing::info!(?cov, "coverage loaded");  // SAFE(logging): Coverage has a hand-written Debug that redacts the member id
    Ok(Json(json!({ "coverage": cov })))
}

#[handler]
pub async fn send_message(
    session: &Session,
    headers: &HeaderMap,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
    Json(msg): Json<NewMessage>,
) -> Result<Json<Value>> {
    let pid = current_pid(session, headers, cfg)?;
    let id = db::insert_message(pool, pid, &msg, &cfg.message_key).await.map_err(|e| {
        Error::from_string(format!("could not save message: {e:?}"), StatusCode::INTERNAL_SERVER_ERROR)  // LEAK(exposure): raw sqlx error (can echo bound values) returned to the client in the 500 body
    })?;
    Ok(Json(json!({ "id": id })))
}

#[handler]
pub async fn request_refill(
    session: &Session,
    headers: &HeaderMap,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
    Data(partner): Data<&outbound::PartnerClient>,
    Data(http): Data<&reqwest::Client>,
    Json(req): Json<RefillRequest>,
) -> Result<Json<Value>> {
    let pid = current_pid(session, headers, cfg)?;
    let p = db::patient_by_id(pool, pid).await.map_err(internal)?;
    let rx = db::prescription(pool, pid, req.rx_id).await.map_err(internal)?;
    let confirmation = outbound::push_refill(&partner.0, &cfg.partners, &p, &rx, req.note.as_deref()).await.map_err(internal)?;
    outbound::track(http, &cfg.partners, &p.email, "refill_requested", json!({ "drug": rx.drug_name })).await;  // LEAK(exposure): patient email as the analytics user id and the drug name as an event property
    Ok(Json(json!({ "confirmation": confirmation })))
}

#[handler]
pub async fn partner_lab(
    session: &Session,
    headers: &HeaderMap,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
    Data(partner): Data<&outbound::PartnerClient>,
) -> Result<Json<Vec<Value>>> {
    let pid = current_pid(session, headers, cfg)?;
    let p = db::patient_by_id(pool, pid).await.map_err(internal)?;
    let rows = outbound::partner_results(&partner.0, &cfg.partners, &p.mrn).await.map_err(internal)?;
    Ok(Json(rows))
}

#[handler]
pub async fn lookup_by_ssn(Path(ssn): Path<String>, Data(pool): Data<&PgPool>, Data(cfg): Data<&Arc<Settings>>) -> Result<Json<Patient>> {  // LEAK(audit): support-desk lookup by SSN returns a full patient record outside the audited /api tree
    let mut mac = Hmac::<Sha256>::new_from_slice(cfg.lookup_key.as_bytes()).map_err(internal)?;
    mac.update(ssn.replace('-', "").as_bytes());
    let key = hex::encode(mac.finalize().into_bytes());
    match db::patient_by_ssn_key(pool, &key).await {
        Ok(p) => Ok(Json(p)),
        Err(_) => {
            tracing::warn!("no patient for ssn {ssn}");  // LEAK(logging): SSN captured inline in the warning message
            Err(Error::from_status(StatusCode::NOT_FOUND))
        }
    }
}

#[handler]
pub async fn shared_summary(Path(token): Path<String>, Data(pool): Data<&PgPool>) -> Result<Json<Value>> {  // LEAK(audit): caregiver share link discloses lab results without any audit entry
    let row: Option<(i64,)> = sqlx::query_as("SELECT patient_id FROM share_links WHERE token = $1 AND expires_at > now()")
        .bind(&token)
        .fetch_optional(pool)
        .await
        .map_err(internal)?;
    let (pid,) = row.ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let items = db::results_for(pool, pid).await.map_err(internal)?;
    Ok(Json(json!({ "results": items })))
}

#[handler]
pub async fn find_patient(Json(body): Json<Value>, Data(pool): Data<&PgPool>) -> Result<Json<Value>> {
    let mrn = body["mrn"].as_str().unwrap_or_default();
    let dob = body["dob"].as_str().and_then(|d| d.parse().ok()).ok_or_else(|| Error::from_status(StatusCode::BAD_REQUEST))?;
    let found = db::find_by_mrn(pool, mrn, dob).await.map_err(internal)?;
    Ok(Json(json!({ "patient_id": found.map(|p| p.id) })))
}

#[handler]
pub fn health() -> &'static str {
    "ok"
}
