use poem::http::StatusCode;
use poem::web::{Data, Json, Path};
use poem::{handler, Error, Result};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::Deserialize;

use crate::analytics;
use crate::crypto::{seal, unseal};
use crate::entities::{exam, patient};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct ExamInput {
    pub patient_id: i32,
    pub exam_date: chrono::NaiveDate,
    pub od: [f32; 3],
    pub os: [f32; 3],
    pub add_power: Option<f32>,
    pub iop_od: Option<f32>,
    pub iop_os: Option<f32>,
    pub assessment: String,
    pub diagnosis: String,
    pub optometrist_id: i32,
}

#[handler]
#[tracing::instrument(skip(state))] // LEAK(logging): span records the Debug of the whole exam input (IOP, assessment, diagnosis)
pub async fn create_exam(state: Data<&AppState>, Json(input): Json<ExamInput>) -> Result<Json<serde_json::Value>> {
    let row = exam::ActiveModel {
        patient_id: Set(input.patient_id),
        exam_date: Set(input.exam_date),
        od_sphere: Set(Some(input.od[0])),
        od_cylinder: Set(Some(input.od[1])),
        od_axis: Set(Some(input.od[2] as i16)),
        os_sphere: Set(Some(input.os[0])),
        os_cylinder: Set(Some(input.os[1])),
        os_axis: Set(Some(input.os[2] as i16)),
        add_power: Set(input.add_power),
        iop_od: Set(input.iop_od),
        iop_os: Set(input.iop_os),
        assessment_enc: Set(Some(seal(&input.assessment))),
        optometrist_id: Set(input.optometrist_id),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?;

    if input.iop_od.unwrap_or(0.0) > 24.0 || input.iop_os.unwrap_or(0.0) > 24.0 {
        tracing::warn!(exam_id = row.id, patient_id = input.patient_id, iop_od = ?input.iop_od, iop_os = ?input.iop_os, "elevated IOP, glaucoma workup"); // LEAK(logging): pressures and glaucoma flag tied to the patient id
    }
    let p = patient::Entity::find_by_id(input.patient_id).one(&state.db).await.ok().flatten();
    let plan = p.and_then(|p| p.insurance_plan).unwrap_or_default();
    analytics::track_exam_completed(&state.http, &state.settings.integrations, input.patient_id, &input.diagnosis, &plan).await;
    tracing::info!(exam_id = row.id, "exam saved"); // SAFE(logging): surrogate id only
    Ok(Json(serde_json::json!({ "id": row.id })))
}

#[handler]
pub async fn get_exam(state: Data<&AppState>, Path(id): Path<i32>) -> Result<Json<serde_json::Value>> {
    let e = exam::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?
        .ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    Ok(Json(serde_json::json!({
        "id": e.id,
        "exam_date": e.exam_date,
        "od": [e.od_sphere, e.od_cylinder, e.od_axis],
        "os": [e.os_sphere, e.os_cylinder, e.os_axis],
        "iop": [e.iop_od, e.iop_os],
        "assessment": e.assessment_enc.as_deref().and_then(unseal),
    })))
}
