pub mod analytics;
pub mod employer;
pub mod hep;

use loco_rs::app::AppContext;

pub fn setting(ctx: &AppContext, key: &str) -> String {
    ctx.config
        .settings
        .as_ref()
        .and_then(|s| s.get(key))
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}
