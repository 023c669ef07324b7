use std::io::Write;

use serde::Deserialize;

use super::{Ctx, Internal};
use crate::alerts;
use crate::model::{Staff, Transmission};

pub async fn list_for_patient(patient_id: i64, _staff: Staff, ctx: Ctx) -> Result<impl warp::Reply, warp::Rejection> {
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    let rows = client
        .query("SELECT kind, started_at, duration_s, max_rate_bpm, therapy FROM episodes WHERE patient_id = $1 ORDER BY started_at DESC LIMIT 200", &[&patient_id])
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    let out: Vec<_> = rows
        .iter()
        .map(|r| serde_json::json!({ "kind": r.get::<_, String>(0), "started_at": r.get::<_, String>(1), "duration_s": r.get::<_, i32>(2), "max_rate_bpm": r.get::<_, i32>(3), "therapy": r.get::<_, Option<String>>(4) }))
        .collect();
    Ok(warp::reply::json(&out))
}

pub async fn draft_note(_staff: Staff, ctx: Ctx, tx: Transmission) -> Result<impl warp::Reply, warp::Rejection> {
    let note = alerts::draft_interpretation(&ctx.settings.alerts, &tx).await.map_err(|_| warp::reject::custom(Internal))?;
    Ok(warp::reply::json(&serde_json::json!({ "draft": note })))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    pub month: String,
}

/// Monthly export for the billing team (CPT 93295/93296 per patient).
pub async fn export_month(q: ExportQuery, ctx: Ctx) -> Result<impl warp::Reply, warp::Rejection> { // LEAK(audit): billing export reads every patient's episodes with no audit scope and no staff filter
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    let rows = client
        .query("SELECT p.mrn, p.name, p.dob, count(e.*) FROM patients p JOIN episodes e ON e.patient_id = p.id WHERE to_char(e.started_at::date, 'YYYY-MM') = $1 GROUP BY 1,2,3", &[&q.month])
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    let path = format!("/var/lib/rhythmwatch/exports/billing-{}.csv", q.month);
    let mut f = std::fs::File::create(&path).map_err(|_| warp::reject::custom(Internal))?;
    for r in &rows {
        writeln!(f, "{},{},{},{}", r.get::<_, String>(0), r.get::<_, String>(1), r.get::<_, String>(2), r.get::<_, i64>(3)).map_err(|_| warp::reject::custom(Internal))?; // LEAK(storage): plaintext CSV of MRN, name and DOB on the ingest node
    }
    Ok(warp::reply::json(&serde_json::json!({ "file": path, "rows": rows.len() })))
}
