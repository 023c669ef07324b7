use axum::debug_handler;
use loco_rs::prelude::*;
use serde_json::json;

use crate::{
    audit::Audited,
    models::patients::{Model as Patient, NewPatient},
    services::analytics,
};

#[tracing::instrument(skip(ctx, _a))] // LEAK(logging): span records the whole NewPatient (name, DOB, SSN) as a field
#[debug_handler]
pub async fn create(_a: Audited, State(ctx): State<AppContext>, Json(params): Json<NewPatient>) -> Result<Response> {
    let item = Patient::create(&ctx.db, &params).await?;
    analytics::track(&ctx, &item.pid.to_string(), "Patient Registered", json!({ "employer": item.employer, "has_claim": item.wc_claim_number.is_some() })).await; // LEAK(exposure): patient id with employer and workers'-comp claim flag sent to Segment
    format::json(json!({ "pid": item.pid }))
}

#[debug_handler]
pub async fn get_one(_a: Audited, Path(pid): Path<String>, State(ctx): State<AppContext>) -> Result<Response> {
    let key = format!("patient:{pid}");
    if let Some(cached) = ctx.cache.get(&key).await? {
        return format::json(serde_json::from_str::<serde_json::Value>(&cached)?);
    }
    let item = Patient::find_by_pid(&ctx.db, &pid).await?;
    let body = json!({
        "pid": item.pid, "mrn": item.mrn, "first_name": item.first_name, "last_name": item.last_name,
        "dob": item.dob, "injury_description": item.injury_description, "icd10": item.icd10,
        "employer": item.employer, "wc_claim_number": item.wc_claim_number, "status": item.status,
    });
    ctx.cache.insert(&key, &body.to_string()).await?; // LEAK(storage): patient chart summary cached in redis unencrypted
    format::json(body)
}

#[debug_handler]
pub async fn discharge(a: Audited, Path(pid): Path<String>, State(ctx): State<AppContext>) -> Result<Response> {
    let item = Patient::find_by_pid(&ctx.db, &pid).await?;
    let mut am: crate::models::patients::ActiveModel = item.clone().into();
    am.status = sea_orm::ActiveValue::Set("discharged".into());
    am.update(&ctx.db).await?;
    ctx.cache.remove(&format!("patient:{pid}")).await?;
    tracing::info!(patient_id = item.id, actor = %a.actor, "patient discharged"); // SAFE(logging): surrogate id and staff actor
    analytics::track(&ctx, &format!("staff:{}", a.actor), "Discharge Completed", json!({})).await; // SAFE(exposure): staff id and a generic event
    format::empty()
}

pub fn routes() -> Routes {
    Routes::new()
        .prefix("patients")
        .add("/", post(create))
        .add("/:pid", get(get_one))
        .add("/:pid/discharge", post(discharge))
}
