use chrono::Utc;
use poem::http::StatusCode;
use poem::session::Session;
use poem::web::{Data, Json, Path};
use poem::{handler, Error, Result};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

use crate::crypto::{seal, unseal};
use crate::entities::patient;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct NewPatient {
    pub chart_no: String,
    pub name: String,
    pub dob: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub diabetic_status: Option<String>,
    pub insurance_plan: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PatientOut {
    pub id: i32,
    pub chart_no: String,
    pub name: String,
    pub dob: String,
    pub diabetic_status: Option<String>,
}

#[handler]
pub async fn create_patient(state: Data<&AppState>, Json(data): Json<NewPatient>) -> Result<Json<serde_json::Value>> {
    tracing::info!(?data, "registering patient"); // LEAK(logging): Debug of the whole intake (name, DOB, phone, diabetic status)
    let row = patient::ActiveModel {
        chart_no_enc: Set(seal(&data.chart_no)),
        name_enc: Set(seal(&data.name)), // SAFE(storage): name sealed before insert
        dob_enc: Set(seal(&data.dob)),
        phone_enc: Set(data.phone.as_deref().map(seal)),
        email_enc: Set(data.email.as_deref().map(seal)),
        diabetic_status: Set(data.diabetic_status.clone()), // LEAK(storage): diabetes status stored in clear beside sealed identifiers
        insurance_plan: Set(data.insurance_plan.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(|e| Error::from_string(e.to_string(), StatusCode::INTERNAL_SERVER_ERROR))?;
    Ok(Json(serde_json::json!({ "id": row.id })))
}

#[handler]
pub async fn get_patient(state: Data<&AppState>, session: &Session, Path(id): Path<i32>) -> Result<Json<PatientOut>> {
    let cache_key = format!("patient:{id}");
    if let Ok(Some(hit)) = state.cache.get::<PatientOut>(&cache_key).await {
        return Ok(Json(hit));
    }
    let row = patient::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?
        .ok_or_else(|| Error::from_string("patient not found", StatusCode::NOT_FOUND))?; // SAFE(exposure): generic not-found text
    let out = PatientOut {
        id: row.id,
        chart_no: unseal(&row.chart_no_enc).unwrap_or_default(),
        name: unseal(&row.name_enc).unwrap_or_default(),
        dob: unseal(&row.dob_enc).unwrap_or_default(),
        diabetic_status: row.diabetic_status,
    };
    let _ = state.cache.put(&cache_key, &out, 1800).await; // LEAK(storage): decrypted name, DOB and chart number cached in redis
    session.set("last_patient", serde_json::json!({ "id": out.id, "name": out.name, "dob": out.dob })); // LEAK(storage): name and DOB kept in the plain (unsigned, unencrypted) cookie session
    Ok(Json(out))
}
