use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// name_enc / dob_enc / phone_enc hold AES-GCM ciphertext produced by crate::crypto::seal.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "patients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub chart_no_enc: String,
    pub name_enc: String,
    pub dob_enc: String,
    pub phone_enc: Option<String>,
    pub email_enc: Option<String>,
    pub diabetic_status: Option<String>,
    pub insurance_plan: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::exam::Entity")]
    Exam,
}

impl Related<super::exam::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Exam.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
