use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "exams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub patient_id: i32,
    pub exam_date: Date,
    pub od_sphere: Option<f32>,
    pub od_cylinder: Option<f32>,
    pub od_axis: Option<i16>,
    pub os_sphere: Option<f32>,
    pub os_cylinder: Option<f32>,
    pub os_axis: Option<i16>,
    pub add_power: Option<f32>,
    pub iop_od: Option<f32>,
    pub iop_os: Option<f32>,
    pub assessment_enc: Option<String>,
    pub fundus_key: Option<String>,
    pub optometrist_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::patient::Entity", from = "Column::PatientId", to = "super::patient::Column::Id")]
    Patient,
}

impl Related<super::patient::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Patient.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
