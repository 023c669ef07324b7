use loco_rs::prelude::*;
use sea_orm::{ActiveValue, QueryOrder};
use serde::{Deserialize, Serialize};

pub use super::_entities::patients::{self, ActiveModel, Entity, Model};
use crate::seal::{seal, unseal};

#[derive(Debug, Deserialize, Serialize)]
pub struct NewPatient {
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: chrono::NaiveDate,
    pub email: Option<String>,
    pub ssn: Option<String>,
    pub phone: Option<String>,
    pub injury_description: Option<String>,
    pub icd10: Option<String>,
    pub employer: Option<String>,
    pub wc_claim_number: Option<String>,
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub async fn create(db: &DatabaseConnection, p: &NewPatient) -> ModelResult<Self> {
        let am = ActiveModel {
            pid: ActiveValue::Set(Uuid::new_v4()),
            mrn: ActiveValue::Set(p.mrn.clone()),
            first_name: ActiveValue::Set(p.first_name.clone()),
            last_name: ActiveValue::Set(p.last_name.clone()),
            dob: ActiveValue::Set(p.dob),
            email: ActiveValue::Set(p.email.clone()),
            ssn_sealed: ActiveValue::Set(p.ssn.as_deref().map(seal)), // SAFE(storage): SSN sealed with AES-GCM
            phone_sealed: ActiveValue::Set(p.phone.as_deref().map(seal)),
            injury_description: ActiveValue::Set(p.injury_description.clone()),
            icd10: ActiveValue::Set(p.icd10.clone()),
            employer: ActiveValue::Set(p.employer.clone()),
            wc_claim_number: ActiveValue::Set(p.wc_claim_number.clone()),
            status: ActiveValue::Set("active".into()),
            ..Default::default()
        };
        Ok(am.insert(db).await?)
    }

    pub async fn find_by_pid(db: &DatabaseConnection, pid: &str) -> ModelResult<Self> {
        let pid = Uuid::parse_str(pid).map_err(|_| ModelError::EntityNotFound)?;
        Entity::find()
            .filter(patients::Column::Pid.eq(pid))
            .one(db)
            .await?
            .ok_or(ModelError::EntityNotFound)
    }

    pub async fn discharged(db: &DatabaseConnection) -> ModelResult<Vec<Self>> {
        Ok(Entity::find()
            .filter(patients::Column::Status.eq("discharged"))
            .order_by_asc(patients::Column::LastName)
            .all(db)
            .await?)
    }

    pub fn ssn(&self) -> Option<String> {
        self.ssn_sealed.as_deref().and_then(unseal)
    }
}
