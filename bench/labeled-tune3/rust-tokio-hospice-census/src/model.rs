use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One patient on hospice service, flattened from FHIR Patient + EpisodeOfCare + Condition + RelatedPerson.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CensusRow {
    pub patient_id: String,
    pub mrn: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub admit_date: NaiveDate,
    pub level_of_care: String,
    pub terminal_dx: String,
    pub home_address: String,
    pub lat: f64,
    pub lon: f64,
    pub caregiver_name: String,
    pub caregiver_email: Option<String>,
    pub death_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComfortKitOrder {
    pub mrn: String,
    pub name: String,
    pub address: String,
    pub medications: Vec<String>,
}
