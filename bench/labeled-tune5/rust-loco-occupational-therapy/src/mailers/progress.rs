use include_dir::{include_dir, Dir};
use loco_rs::prelude::*;
use serde_json::json;

use crate::services::employer::RtwReport;

static UPDATE: Dir<'_> = include_dir!("src/mailers/progress/update");

pub struct ProgressMailer {}
impl Mailer for ProgressMailer {}

impl ProgressMailer {
    pub async fn send_update(ctx: &AppContext, to: &str, report: &RtwReport) -> Result<()> {
        Self::mail_template(
            ctx,
            &UPDATE,
            mailer::Args {
                to: to.to_string(),
                locals: json!({ "first_name": report.patient_name.split(' ').next().unwrap_or_default(), "portal_url": "https://ot.handwork-clinic.example.com/portal" }), // SAFE(exposure): greeting and portal link only, no clinical content
                ..Default::default()
            },
        )
        .await?;
        Ok(())
    }
}
