use log::warn;

use super::{Ctx, Internal};
use crate::vendor::read_webhook_token;

/// Manufacturer pushes device events (ERI reached, lead alert, device explanted).
pub async fn vendor_event(auth: String, ctx: Ctx, body: serde_json::Value) -> Result<impl warp::Reply, warp::Rejection> { // LEAK(audit): changes device/patient status from vendor events with no audit record
    let claims = read_webhook_token(&ctx.settings.vendor, auth.trim_start_matches("Bearer ")).map_err(|_| warp::reject::custom(Internal))?;
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    client
        .execute("UPDATE devices SET status = $1 WHERE serial = $2", &[&claims.event, &claims.serial])
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    if claims.event == "EXPLANTED" {
        warn!("device {} explanted: {}", claims.serial, body); // LEAK(logging): vendor event body (patient name, explant reason) logged verbatim
    }
    Ok(warp::reply())
}
