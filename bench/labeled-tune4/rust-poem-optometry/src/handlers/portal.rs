use poem::http::StatusCode;
use poem::web::{Data, Json, Query};
use poem::{handler, Error, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use crate::auth::{issue_portal_token, read_portal_token};
use crate::crypto::unseal;
use crate::entities::{exam, patient};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LoginQuery {
    pub chart_no: String,
    pub dob: String,
    pub last_name: String,
}

/// Patients open /portal/login?chart_no=..&dob=..&last_name=.. from the link on their receipt.
#[handler]
pub async fn portal_login(state: Data<&AppState>, Query(q): Query<LoginQuery>) -> Result<Json<serde_json::Value>> { // LEAK(exposure): chart number, DOB and last name taken in the query string
    let all = patient::Entity::find().all(&state.db).await.map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?;
    let hit = all.into_iter().find(|p| unseal(&p.chart_no_enc).as_deref() == Some(q.chart_no.as_str()) && unseal(&p.dob_enc).as_deref() == Some(q.dob.as_str()));
    match hit {
        Some(p) => Ok(Json(serde_json::json!({ "token": issue_portal_token(p.id, state.settings.session.portal_token_minutes) }))),
        None => Err(Error::from_string(format!("no chart {} for {} born {}", q.chart_no, q.last_name, q.dob), StatusCode::NOT_FOUND)), // LEAK(exposure): identifiers echoed in the error body
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    pub token: String,
}

#[handler]
pub async fn my_prescription(state: Data<&AppState>, Query(t): Query<TokenQuery>) -> Result<Json<serde_json::Value>> { // LEAK(audit): portal Rx download reads exams outside the audited /api tree
    let pid = read_portal_token(&t.token)?;
    let latest = exam::Entity::find()
        .filter(exam::Column::PatientId.eq(pid))
        .order_by_desc(exam::Column::ExamDate)
        .one(&state.db)
        .await
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?
        .ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    Ok(Json(serde_json::json!({
        "exam_date": latest.exam_date,
        "od": [latest.od_sphere, latest.od_cylinder, latest.od_axis],
        "os": [latest.os_sphere, latest.os_cylinder, latest.os_axis],
        "add": latest.add_power,
    })))
}
