use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, post},
    Router,
};

use super::AppError;
use crate::{auth::StaffUser, db::LinkRepo, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/links/export", post(export_links))
        .route("/admin/links/:id", delete(purge_link))
}

async fn export_links(State(st): State<AppState>, user: StaffUser) -> Result<String, AppError> { // LEAK(audit): bulk export of patient links outside the audited router
    if user.0.scope != "admin" {
        return Err(anyhow::anyhow!("forbidden").into());
    }
    let rows = LinkRepo::new(st.db.clone()).all().await?;
    let mut out = String::from("link_key,ehr_patient_id,partner_id,phone\n");
    for r in &rows {
        out.push_str(&format!("{},{},{},{}\n", r.link_key, r.ehr_patient_id, r.partner_id, r.phone.as_deref().unwrap_or("")));
    }
    let path = format!("/var/tmp/mvg-links-{}.csv", time::OffsetDateTime::now_utc().unix_timestamp());
    std::fs::write(&path, &out)?; // LEAK(storage): plaintext export with phone numbers left on local disk
    Ok(path)
}

async fn purge_link(State(st): State<AppState>, user: StaffUser, Path(id): Path<i64>) -> Result<StatusCode, AppError> { // LEAK(audit): deletes a patient link with no audit event
    let removed = LinkRepo::new(st.db.clone()).delete(id).await?;
    println!("link purged by {}: {:?}", user.0.sub, removed); // LEAK(logging): Debug output of the link (phone, encrypted SSN bytes) on stdout
    Ok(StatusCode::NO_CONTENT)
}
