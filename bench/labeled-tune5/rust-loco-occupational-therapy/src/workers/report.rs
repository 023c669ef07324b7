use loco_rs::prelude::*;
use sea_orm::QueryOrder;
use serde::{Deserialize, Serialize};

use crate::{
    audit,
    mailers::progress::ProgressMailer,
    models::_entities::{evaluations, patients},
    seal::carrier_match_key,
    services::employer::{self, RtwReport},
};

pub struct ReportWorker {
    pub ctx: AppContext,
}

#[derive(Deserialize, Debug, Serialize)]
pub struct ReportWorkerArgs {
    pub patient_id: i32,
    pub siu: bool,
}

#[async_trait]
impl BackgroundWorker<ReportWorkerArgs> for ReportWorker {
    fn build(ctx: &AppContext) -> Self {
        Self { ctx: ctx.clone() }
    }

    async fn perform(&self, args: ReportWorkerArgs) -> Result<()> { // SAFE(audit): worker writes its own audit event
        let db = &self.ctx.db;
        let p = patients::Entity::find_by_id(args.patient_id).one(db).await?.ok_or_else(|| Error::NotFound)?;
        let eval = evaluations::Entity::find()
            .filter(evaluations::Column::PatientId.eq(p.id))
            .order_by_desc(evaluations::Column::CreatedAt)
            .one(db)
            .await?
            .ok_or_else(|| Error::NotFound)?;
        let report = RtwReport {
            patient_name: format!("{} {}", p.first_name, p.last_name),
            dob: p.dob.to_string(),
            employer: p.employer.clone().unwrap_or_default(),
            claim_number: p.wc_claim_number.clone().unwrap_or_default(),
            diagnosis: p.injury_description.clone().unwrap_or_default(),
            icd10: p.icd10.clone().unwrap_or_default(),
            restrictions: eval.work_restrictions.clone().unwrap_or_default(),
            quickdash: eval.quickdash_score,
            next_visit: "within 14 days".into(),
        };
        employer::send_to_employer(&self.ctx, &report).await?;
        let ssn = p.ssn_sealed.as_deref().and_then(crate::seal::unseal).unwrap_or_default();
        employer::send_to_carrier(&self.ctx, &carrier_match_key(&ssn, &report.dob), &report).await?;
        if let Some(email) = &p.email {
            ProgressMailer::send_update(&self.ctx, email, &report).await?;
        }
        audit::record(db, "system:report-worker", "rtw.report.sent", &p.id.to_string()).await?;
        tracing::info!(patient_id = p.id, siu = args.siu, "rtw report sent");
        Ok(())
    }
}
