use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub member_id: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: NaiveDate,
    pub email: Option<String>,
    pub plan_code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceLine {
    pub cpt: String,
    pub units: u32,
    pub charge_cents: i64,
    pub date_of_service: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub claim_id: Uuid,
    pub member: Member,
    pub billing_npi: String,
    pub diagnosis_codes: Vec<String>,
    pub lines: Vec<ServiceLine>,
    pub raw_837: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Job {
    ClaimSubmitted { claim: Claim },
    EligibilityCheck { member: Member, service_date: NaiveDate },
    RemitReceived { claim_id: Uuid, member: Member, paid_cents: i64, adjustment_codes: Vec<String> },
    DenialAppeal { claim: Claim, denial_reason: String },
}

impl Job {
    pub fn kind(&self) -> &'static str {
        match self {
            Job::ClaimSubmitted { .. } => "claim_submitted",
            Job::EligibilityCheck { .. } => "eligibility_check",
            Job::RemitReceived { .. } => "remit_received",
            Job::DenialAppeal { .. } => "denial_appeal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_kind_roundtrip() {
        let member = Member {
            member_id: "1EG4TE5MK73".into(), // SAFE(hardcoded): CMS published sample MBI in a unit test
            first_name: "Test".into(),
            last_name: "Member".into(),
            dob: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            email: Some("test.member@example.com".into()),
            plan_code: "TEST".into(),
        };
        let job = Job::EligibilityCheck { member, service_date: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap() };
        let json = serde_json::to_string(&job).unwrap();
        let back: Job = serde_json::from_str(&json).unwrap();
        assert_eq!(back.kind(), "eligibility_check");
    }
}
