use poem::http::StatusCode;
use poem::web::{Data, Json, Query};
use poem::{handler, Error, Request, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;

use crate::audit;
use crate::auth::Staff;
use crate::crypto::unseal;
use crate::entities::{exam, patient};
use crate::notify::send_recall_letter;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct RecallQuery {
    pub before: chrono::NaiveDate,
}

/// Diabetic recall list for the front desk (mounted under /admin with its own audit call).
#[handler]
pub async fn diabetic_recall(req: &Request, state: Data<&AppState>, Query(q): Query<RecallQuery>) -> Result<Json<Vec<serde_json::Value>>> { // SAFE(audit): records its own audit event via audit::record
    let staff = req.extensions().get::<Staff>().cloned();
    audit::record(&state.db, staff.as_ref().map(|s| s.id), "GET", "/admin/recall", 200).await;
    let patients = patient::Entity::find()
        .filter(patient::Column::DiabeticStatus.is_not_null())
        .all(&state.db)
        .await
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?;
    let mut out = vec![];
    for p in patients {
        let last = exam::Entity::find().filter(exam::Column::PatientId.eq(p.id)).filter(exam::Column::ExamDate.lt(q.before)).one(&state.db).await.ok().flatten();
        if let Some(e) = last {
            out.push(serde_json::json!({ "id": p.id, "name": unseal(&p.name_enc), "last_exam": e.exam_date.to_string(), "dr_grade": "see chart" }));
        }
    }
    Ok(Json(out))
}

/// Sends the recall letters (cron hits this nightly with a service account).
#[handler]
pub async fn send_recalls(state: Data<&AppState>, Json(items): Json<Vec<serde_json::Value>>) -> Result<String> { // LEAK(audit): mails recall letters to a list of patients without any audit record
    let mut sent = 0;
    for item in &items {
        if let Some(to) = item["email"].as_str() {
            send_recall_letter(&state.settings.integrations, to, item).await.map_err(|e| Error::from_string(e.to_string(), StatusCode::BAD_GATEWAY))?;
            sent += 1;
        }
    }
    tracing::info!(sent, total = items.len(), "recall letters sent"); // SAFE(logging): counts only
    Ok(format!("{sent}"))
}
