pub mod reports;
pub mod share;
pub mod studies;

use actix_web::web;
use diesel::prelude::*;
use uuid::Uuid;

use crate::crypto;
use crate::errors::ApiError;
use crate::models::{Patient, PatientRow, Study};
use crate::schema::{patients, studies};
use crate::DbPool;

pub async fn load_study(pool: &web::Data<DbPool>, study_id: Uuid) -> Result<(Study, Patient), ApiError> {
    let pool = pool.clone();
    let (study, row) = web::block(move || {
        let mut conn = pool.get()?;
        let study: Study = studies::table.find(study_id).select(Study::as_select()).first(&mut conn)?;
        let row: PatientRow = patients::table.find(study.patient_id).select(PatientRow::as_select()).first(&mut conn)?;
        Ok::<_, ApiError>((study, row))
    })
    .await
    .map_err(|_| ApiError::NotFound)??;
    let patient = Patient {
        id: row.id,
        mrn: crypto::open(&row.mrn_sealed),
        name: crypto::open(&row.name_sealed),
        birth_date: crypto::open(&row.birth_date_sealed),
    };
    Ok((study, patient))
}
