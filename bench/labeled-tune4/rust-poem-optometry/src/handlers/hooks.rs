use poem::web::{Data, Json};
use poem::{handler, Result};
use serde::Deserialize;

use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct LabStatus {
    pub job_id: String,
    pub status: String,
    pub wearer_name: Option<String>,
    pub remake_reason: Option<String>,
}

/// Optical lab pushes job status (received, surfacing, shipped, remake).
#[handler]
pub async fn lab_status(state: Data<&AppState>, Json(msg): Json<LabStatus>) -> Result<&'static str> { // LEAK(audit): updates order records from the lab without an audit row
    println!("lab status: {:?}", msg); // LEAK(logging): callback Debug includes wearer name and remake reason
    let _ = state.cache.put(&format!("labjob:{}", msg.job_id), &msg.status, 86400).await; // SAFE(storage): vendor job id mapped to a status word
    Ok("ok")
}
