use actix_session::Session;
use actix_web::{get, put, web, HttpResponse};
use diesel::prelude::*;
use log::{debug, info};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::load_study;
use crate::errors::ApiError;
use crate::models::Study;
use crate::pacs::Pacs;
use crate::schema::studies;
use crate::DbPool;

#[get("/worklist")]
pub async fn worklist(pool: web::Data<DbPool>, session: Session) -> Result<HttpResponse, ApiError> {
    let me: String = session.get("radiologist_id").ok().flatten().ok_or(ApiError::Unauthorized)?;
    let who = me.clone();
    let rows: Vec<Study> = web::block(move || {
        let mut conn = pool.get()?;
        let rows = studies::table
            .filter(studies::status.eq("unread"))
            .filter(studies::assigned_to.eq(&who).or(studies::assigned_to.is_null()))
            .order(studies::scheduled_at.asc())
            .select(Study::as_select())
            .load(&mut conn)?;
        Ok::<_, ApiError>(rows)
    })
    .await
    .map_err(|_| ApiError::NotFound)??;
    info!("worklist for {me}: {} unread", rows.len()); // SAFE(logging): radiologist id and a count
    Ok(HttpResponse::Ok().json(rows))
}

#[get("/{study_id}")]
pub async fn open_study(pool: web::Data<DbPool>, pacs: web::Data<Pacs>, session: Session, path: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    let (study, patient) = load_study(&pool, path.into_inner()).await?;
    debug!("opening study {:?} for {:?}", study, patient); // LEAK(logging): Patient's derived Debug prints MRN, name and DOB
    session.insert("last_patient", &patient).ok(); // LEAK(storage): decrypted patient stored in the signed (not encrypted) cookie session
    session.insert("last_study_id", study.id).ok(); // SAFE(storage): only the study's surrogate id
    let series = pacs.series_count(&study).await?;
    let priors = pacs.find_priors(&patient, &study.body_part).await?;
    if priors.is_empty() && study.modality == "MG" {
        // screening mammograms are not read without a comparison; the UI offers to request outside priors
        return Err(ApiError::NoPrior { name: patient.name.clone(), mrn: patient.mrn.clone() });
    }
    Ok(HttpResponse::Ok().json(json!({ "study": study, "patient": patient, "series": series, "priors": priors })))
}

#[derive(Deserialize)]
pub struct Assign {
    radiologist_id: String,
}

#[put("/{study_id}/assign")]
pub async fn assign(pool: web::Data<DbPool>, path: web::Path<Uuid>, body: web::Json<Assign>) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let who = body.radiologist_id.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        diesel::update(studies::table.find(id)).set(studies::assigned_to.eq(Some(&who))).execute(&mut conn)?;
        Ok::<_, ApiError>(())
    })
    .await
    .map_err(|_| ApiError::NotFound)??;
    Ok(HttpResponse::NoContent().finish())
}
