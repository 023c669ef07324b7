use axum::debug_handler;
use loco_rs::prelude::*;
use sea_orm::{ActiveValue, QueryOrder};
use serde::Deserialize;
use serde_json::json;

use crate::{
    audit::Audited,
    models::{
        _entities::evaluations::{self, ActiveModel, Entity as Evaluations},
        patients::Model as Patient,
    },
    seal::{seal, unseal},
    services::hep,
};

#[derive(Debug, Deserialize)]
pub struct NewEvaluation {
    pub grip_left_kg: Option<f32>,
    pub grip_right_kg: Option<f32>,
    pub wrist_flexion_deg: Option<i32>,
    pub quickdash_score: Option<f32>,
    pub work_restrictions: Option<String>,
    pub notes: Option<String>,
}

#[debug_handler]
pub async fn create(a: Audited, Path(pid): Path<String>, State(ctx): State<AppContext>, Json(data): Json<NewEvaluation>) -> Result<Response> {
    let patient = Patient::find_by_pid(&ctx.db, &pid).await?;
    let item = ActiveModel {
        patient_id: ActiveValue::Set(patient.id),
        therapist_pid: ActiveValue::Set(a.actor.clone()),
        grip_left_kg: ActiveValue::Set(data.grip_left_kg),
        grip_right_kg: ActiveValue::Set(data.grip_right_kg),
        wrist_flexion_deg: ActiveValue::Set(data.wrist_flexion_deg),
        quickdash_score: ActiveValue::Set(data.quickdash_score),
        work_restrictions: ActiveValue::Set(data.work_restrictions.clone()),
        notes_sealed: ActiveValue::Set(data.notes.as_deref().map(seal)), // SAFE(storage): free-text notes sealed
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    tracing::info!(?data, patient = %patient.mrn, "evaluation recorded"); // LEAK(logging): MRN, measurements and notes in the log event
    format::json(json!({ "id": item.id }))
}

#[debug_handler]
pub async fn list(auth: auth::JWT, Path(pid): Path<String>, State(ctx): State<AppContext>) -> Result<Response> { // LEAK(audit): evaluation history read without the Audited extractor
    let patient = Patient::find_by_pid(&ctx.db, &pid).await?;
    let rows = Evaluations::find()
        .filter(evaluations::Column::PatientId.eq(patient.id))
        .order_by_desc(evaluations::Column::CreatedAt)
        .all(&ctx.db)
        .await?;
    let out: Vec<_> = rows
        .into_iter()
        .map(|e| json!({ "id": e.id, "grip_left_kg": e.grip_left_kg, "grip_right_kg": e.grip_right_kg, "quickdash": e.quickdash_score, "restrictions": e.work_restrictions, "notes": e.notes_sealed.as_deref().and_then(unseal) }))
        .collect();
    tracing::debug!(requested_by = %auth.claims.pid, count = out.len(), "evaluations listed");
    format::json(out)
}

#[debug_handler]
pub async fn hep_handout(_a: Audited, Path((pid, eval_id)): Path<(String, i32)>, State(ctx): State<AppContext>) -> Result<Response> {
    let patient = Patient::find_by_pid(&ctx.db, &pid).await?;
    let eval = Evaluations::find_by_id(eval_id).one(&ctx.db).await?.ok_or_else(|| Error::NotFound)?;
    if eval.patient_id != patient.id {
        return Err(Error::BadRequest(format!("evaluation {} does not belong to {} {} (DOB {})", eval_id, patient.first_name, patient.last_name, patient.dob))); // LEAK(exposure): patient name and DOB returned in the error body
    }
    let text = hep::draft_hep(&ctx, &patient, &eval).await?;
    format::json(json!({ "handout": text }))
}

pub fn routes() -> Routes {
    Routes::new()
        .prefix("patients/:pid/evaluations")
        .add("/", post(create))
        .add("/", get(list))
        .add("/:eval_id/hep", post(hep_handout))
}
