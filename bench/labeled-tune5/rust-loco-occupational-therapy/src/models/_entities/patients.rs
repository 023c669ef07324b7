use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Eq, Serialize, Deserialize)]
#[sea_orm(table_name = "patients")]
pub struct Model {
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pid: Uuid,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: Date,
    pub email: Option<String>,
    pub ssn_sealed: Option<String>,
    pub phone_sealed: Option<String>,
    pub injury_description: Option<String>, // LEAK(storage): injury/diagnosis narrative in a plaintext column while SSN and phone are sealed
    pub icd10: Option<String>,
    pub employer: Option<String>,
    pub wc_claim_number: Option<String>,
    pub status: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::evaluations::Entity")]
    Evaluations,
}

impl Related<super::evaluations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Evaluations.def()
    }
}
