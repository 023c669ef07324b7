use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct Patient {
    pub id: i64,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: NaiveDate,
    pub email: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LabResult {
    pub id: i64,
    pub patient_id: i64,
    pub loinc: String,
    pub test_name: String,
    pub value: String,
    pub units: Option<String>,
    pub flag: Option<String>,
    pub resulted_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct Coverage {
    pub patient_id: i64,
    pub payer: String,
    pub member_id: String,
    pub group_no: Option<String>,
}

impl std::fmt::Debug for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coverage")
            .field("patient_id", &self.patient_id)
            .field("payer", &self.payer)
            .field("member_id", &"[redacted]")
            .finish()
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Prescription {
    pub id: i64,
    pub patient_id: i64,
    pub drug_name: String,
    pub dosage: String,
    pub refills_left: i32,
}

#[derive(Debug, Deserialize)]
pub struct NewMessage {
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Deserialize)]
pub struct RefillRequest {
    pub rx_id: i64,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub remember_device: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub pid: i64,
    pub iat: usize,
    pub exp: usize,
}
