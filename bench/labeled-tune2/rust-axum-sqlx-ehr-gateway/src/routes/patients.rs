use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Value};
use tower_sessions::Session;

use super::AppError;
use crate::{
    auth::{PartnerApp, StaffUser},
    crypto,
    db::{LinkRepo, NewLink},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/patients/search", get(search_patients))
        .route("/patients/:ehr_id", get(get_patient))
        .route("/links", post(link_patient))
}

#[derive(Deserialize)]
pub struct SearchQuery {
    family: String,
    birthdate: String,
}

async fn search_patients(State(st): State<AppState>, _user: StaffUser, Query(q): Query<SearchQuery>) -> Result<Json<Value>, AppError> { // LEAK(exposure): family name and birth date arrive in the query string
    tracing::info!(family = %q.family, birthdate = %q.birthdate, "patient search"); // LEAK(logging): name and birth date as log fields
    Ok(Json(st.ehr.search(&q.family, &q.birthdate).await?))
}

async fn get_patient(State(st): State<AppState>, user: StaffUser, session: Session, Path(ehr_id): Path<String>) -> Result<Json<Value>, AppError> { // SAFE(audit): behind the audit route layer
    tracing::info!(ehr_id = %ehr_id, staff = %user.0.sub, "patient fetch"); // SAFE(logging): surrogate id and staff id
    session.insert("last_ehr_id", &ehr_id).await?; // SAFE(storage): surrogate id in the server-side session store
    let patient = st.ehr.patient(&ehr_id).await?;
    tracing::debug!(?patient, "fetched from EHR"); // LEAK(logging): whole FHIR Patient resource in the debug log
    Ok(Json(patient))
}

#[derive(Deserialize)]
pub struct LinkRequest {
    mrn: String,
    phone: Option<String>,
    ssn: Option<String>,
}

async fn link_patient(State(st): State<AppState>, PartnerApp(partner): PartnerApp, Json(body): Json<LinkRequest>) -> Result<(StatusCode, Json<Value>), (StatusCode, String)> {
    let repo = LinkRepo::new(st.db.clone());
    if let Some(existing) = repo.find_by_mrn(&body.mrn).await.map_err(internal)? {
        return Err((StatusCode::CONFLICT, format!("MRN {} is already linked to EHR patient {}", body.mrn, existing.ehr_patient_id))); // LEAK(exposure): MRN echoed in the error body
    }
    let bundle = st.ehr.search_by_identifier(&body.mrn).await.map_err(|_| (StatusCode::BAD_GATEWAY, "upstream unavailable".to_string()))?;
    let ehr_id = bundle["entry"][0]["resource"]["id"].as_str().unwrap_or_default().to_string();
    let key = st.settings.ssn_key().map_err(internal)?;
    let ssn_enc = body.ssn.as_deref().map(|s| crypto::encrypt_ssn(&key, s));
    let link = NewLink { mrn: &body.mrn, ehr_patient_id: &ehr_id, partner_id: &partner.sub, phone: body.phone.as_deref(), ssn_enc };
    let id = repo.insert(&link).await.map_err(internal)?;
    let subject = crypto::pseudonym(st.settings.link_pseudonym_secret.as_bytes(), &body.mrn);
    st.ehr.notify_partner(&json!({ "event": "patient.linked", "subject": subject, "partner": partner.sub })).await.ok(); // SAFE(exposure): keyed pseudonym only
    Ok((StatusCode::CREATED, Json(json!({ "id": id, "ehr_patient_id": ehr_id }))))
}

fn internal<E: std::fmt::Display>(e: E) -> (StatusCode, String) {
    tracing::error!(error = %e, "link failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_string())
}
