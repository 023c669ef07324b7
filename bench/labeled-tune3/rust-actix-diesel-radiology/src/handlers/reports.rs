use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use log::info;
use serde_json::json;
use uuid::Uuid;

use super::load_study;
use crate::config::Settings;
use crate::crypto;
use crate::errors::ApiError;
use crate::models::{NewReport, ReportDraft};
use crate::notify;
use crate::pacs::{request_triage, TriageRequest};
use crate::schema::{reports, studies};
use crate::DbPool;

#[post("/{study_id}")]
pub async fn sign_report(
    pool: web::Data<DbPool>,
    cfg: web::Data<Settings>,
    session: Session,
    path: web::Path<Uuid>,
    draft: web::Json<ReportDraft>,
) -> Result<HttpResponse, ApiError> {
    let me: String = session.get("radiologist_id").ok().flatten().ok_or(ApiError::Unauthorized)?;
    let (study, patient) = load_study(&pool, path.into_inner()).await?;
    let draft = draft.into_inner();
    let new = NewReport {
        id: Uuid::new_v4(),
        study_id: study.id,
        findings_sealed: crypto::seal(&draft.findings),
        impression: draft.impression.clone(),
        critical: draft.critical,
    };
    let report_id = new.id;
    let signer = me.clone();
    let sid = study.id;
    web::block({
        let pool = pool.clone();
        move || {
            let mut conn = pool.get()?;
            diesel::insert_into(reports::table).values(&new).execute(&mut conn)?;
            diesel::update(reports::table.find(report_id)).set((reports::signed_by.eq(Some(&signer)), reports::signed_at.eq(Some(Utc::now())))).execute(&mut conn)?;
            diesel::update(studies::table.find(sid)).set(studies::status.eq("final")).execute(&mut conn)?;
            Ok::<_, ApiError>(())
        }
    })
    .await
    .map_err(|_| ApiError::NotFound)??;
    info!("report {} signed by {} for {} ({})", report_id, me, patient.name, patient.mrn); // LEAK(logging): patient name and MRN in the sign-off log line
    if draft.critical {
        let referrer: Option<String> = session.get("referrer_email").ok().flatten();
        if let Some(to) = referrer {
            notify::page_referrer_critical(&cfg, &to, &patient.name, &draft.impression).ok();
        }
    }
    Ok(HttpResponse::Created().json(json!({ "report_id": report_id })))
}

#[post("/{study_id}/triage")]
pub async fn ai_triage(pool: web::Data<DbPool>, cfg: web::Data<Settings>, path: web::Path<Uuid>, body: web::Json<serde_json::Value>) -> Result<HttpResponse, ApiError> {
    let (study, patient) = load_study(&pool, path.into_inner()).await?;
    let age = chrono::NaiveDate::parse_from_str(&patient.birth_date, "%Y-%m-%d").map(|d| Utc::now().date_naive().years_since(d).unwrap_or(0)).unwrap_or(0);
    let history = body.get("clinical_history").and_then(|v| v.as_str()).unwrap_or("");
    let req = TriageRequest { study_uid: &study.study_uid, modality: &study.modality, body_part: &study.body_part, patient_age: age, patient_sex: body.get("sex").and_then(|v| v.as_str()).unwrap_or("U"), clinical_history: history };
    let result = request_triage(&cfg, &req).await?; // LEAK(exposure): study UID, age, sex and clinical history sent to an outside AI vendor
    info!("triage for study {}: {} (history: {})", study.id, result.priority, history); // LEAK(logging): clinical history text in the log
    Ok(HttpResponse::Ok().json(json!({ "priority": result.priority, "suspected": result.suspected_findings })))
}
