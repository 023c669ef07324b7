use log::{error, info};
use warp::http::StatusCode;

use super::{Ctx, Internal};
use crate::alerts;
use crate::audit;
use crate::model::Transmission;

/// Home monitors POST here with a short-lived device token.
pub async fn ingest(ctx: Ctx, tx: Transmission) -> Result<impl warp::Reply, warp::Rejection> { // SAFE(audit): machine upload audited through audit::write with the transmission id
    info!("ingest {:?}", tx); // LEAK(logging): Debug of the full transmission (name, DOB, episodes) on every upload
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    let row = client
        .query_opt("SELECT patient_id FROM devices WHERE serial = $1", &[&tx.device_serial])
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    let Some(row) = row else {
        error!("transmission {} from an unenrolled monitor", tx.transmission_id); // SAFE(logging): transmission id only
        return Ok(warp::reply::with_status("unknown device", StatusCode::ACCEPTED));
    };
    let patient_id: i64 = row.get(0);
    audit::write(&ctx.pool, None, "transmission.ingest", &format!("/transmissions/{}", tx.transmission_id)).await.map_err(|_| warp::reject::custom(Internal))?;

    if let Err(e) = ctx.bus.publish_transmission(&tx).await {
        error!("kafka unavailable ({e}); spooling {}", tx.transmission_id);
        ctx.spool.lock().unwrap().push(&tx).map_err(|_| warp::reject::custom(Internal))?;
    }
    let _ = ctx.bus.mirror_for_analytics(patient_id, &tx).await;

    for ep in tx.episodes.iter().filter(|e| e.kind == "VF" || e.therapy.as_deref() == Some("shock")) {
        let seen = ctx.alert_cache.lock().unwrap().seen_recently(&tx.device_serial, &ep.kind);
        if !seen {
            ctx.alert_cache.lock().unwrap().remember(&tx, &ep.kind, &format!("{} bpm for {}s", ep.max_rate_bpm, ep.duration_s)).ok();
            alerts::page_on_call(&ctx.http, &ctx.settings.alerts, &tx, ep).await.ok();
            ctx.bus.publish_alert(&tx.transmission_id, &ep.kind).await.ok();
        }
    }
    sentry::configure_scope(|scope| {
        scope.set_user(Some(sentry::User { id: Some(patient_id.to_string()), username: Some(tx.patient_name.clone()), ..Default::default() })); // LEAK(logging): patient name attached as the Sentry user for later events
    });
    Ok(warp::reply::with_status("accepted", StatusCode::ACCEPTED))
}
