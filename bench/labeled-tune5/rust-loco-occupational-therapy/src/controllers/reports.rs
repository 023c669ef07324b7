use axum::debug_handler;
use loco_rs::prelude::*;
use sea_orm::QueryOrder;
use serde_json::json;

use crate::{
    audit::Audited,
    models::{_entities::evaluations, patients::Model as Patient},
    services::setting,
    workers::report::{ReportWorker, ReportWorkerArgs},
};

/// Claim the carrier escalated to its special investigations unit; reports for it go to the SIU queue.
const SIU_CLAIM: &str = "WC-0041-882731"; // LEAK(hardcoded): a patient's workers'-comp claim number hard-coded in routing logic

#[debug_handler]
pub async fn queue_rtw(_a: Audited, Path(pid): Path<String>, State(ctx): State<AppContext>) -> Result<Response> {
    let patient = Patient::find_by_pid(&ctx.db, &pid).await?;
    let siu = patient.wc_claim_number.as_deref() == Some(SIU_CLAIM);
    ReportWorker::perform_later(&ctx, ReportWorkerArgs { patient_id: patient.id, siu }).await?; // SAFE(storage): only the surrogate id and a flag are queued
    format::json(json!({ "queued": true }))
}

#[debug_handler]
pub async fn download(auth: auth::JWT, Path(pid): Path<String>, State(ctx): State<AppContext>) -> Result<Response> { // LEAK(audit): RTW report download bypasses the Audited extractor
    let patient = Patient::find_by_pid(&ctx.db, &pid).await?;
    let latest = evaluations::Entity::find()
        .filter(evaluations::Column::PatientId.eq(patient.id))
        .order_by_desc(evaluations::Column::CreatedAt)
        .one(&ctx.db)
        .await?
        .ok_or_else(|| Error::NotFound)?;
    let text = format!(
        "RETURN TO WORK STATUS\nPatient: {} {}  DOB: {}\nEmployer: {}\nClaim: {}\nInjury: {}\nRestrictions: {}\nPrepared for: {}\n",
        patient.first_name,
        patient.last_name,
        patient.dob,
        patient.employer.clone().unwrap_or_default(),
        patient.wc_claim_number.clone().unwrap_or_default(),
        patient.injury_description.clone().unwrap_or_default(),
        latest.work_restrictions.clone().unwrap_or_default(),
        auth.claims.pid
    );
    let path = format!("{}/rtw-{}-{}.txt", setting(&ctx, "export_dir"), patient.last_name, patient.mrn);
    std::fs::write(&path, &text)?; // LEAK(storage): RTW report written to a plaintext file named after the patient
    format::text(&text)
}

pub fn routes() -> Routes {
    Routes::new()
        .prefix("reports")
        .add("/rtw/:pid", post(queue_rtw))
        .add("/rtw/:pid/download", get(download))
}
