//! `cargo loco task export_discharges` - monthly discharge extract for the outcomes registry.
use loco_rs::prelude::*;

use crate::{models::patients::Model as Patient, services::setting};

pub struct ExportDischarges;

#[async_trait]
impl Task for ExportDischarges {
    fn task(&self) -> TaskInfo {
        TaskInfo {
            name: "export_discharges".to_string(),
            detail: "Write the monthly discharge extract for the outcomes registry".to_string(),
        }
    }

    async fn run(&self, ctx: &AppContext, _vars: &task::Vars) -> Result<()> { // LEAK(audit): bulk discharge extract with no audit record
        let rows = Patient::discharged(&ctx.db).await?;
        let path = format!("{}/discharges-{}.csv", setting(ctx, "export_dir"), chrono::Utc::now().format("%Y%m"));
        let mut w = csv::Writer::from_path(&path).map_err(Error::wrap)?;
        w.write_record(["mrn", "first_name", "last_name", "dob", "icd10", "injury", "employer"]).map_err(Error::wrap)?;
        for p in &rows {
            w.write_record([ // LEAK(storage): discharge extract with names, DOB and diagnoses as plaintext CSV
                p.mrn.as_str(),
                p.first_name.as_str(),
                p.last_name.as_str(),
                &p.dob.to_string(),
                p.icd10.as_deref().unwrap_or(""),
                p.injury_description.as_deref().unwrap_or(""),
                p.employer.as_deref().unwrap_or(""),
            ])
            .map_err(Error::wrap)?;
        }
        w.flush()?;
        println!("exported {} discharges to {}", rows.len(), path); // SAFE(logging): a count and the file path
        Ok(())
    }
}
