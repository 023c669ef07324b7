//! Segment track calls for clinic operations dashboards.
use loco_rs::app::AppContext;
use serde_json::{json, Value};

use super::setting;

pub async fn track(ctx: &AppContext, user_id: &str, event: &str, properties: Value) {
    let res = reqwest::Client::new()
        .post(setting(ctx, "segment_write_url"))
        .basic_auth(std::env::var("SEGMENT_WRITE_KEY").unwrap_or_default(), Some(""))
        .json(&json!({ "userId": user_id, "event": event, "properties": properties }))
        .send()
        .await;
    if let Err(e) = res {
        tracing::warn!(error = %e, event, "segment track failed");
    }
}
